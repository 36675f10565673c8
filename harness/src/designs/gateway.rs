//! The standard L1 ↔ L2 gateway pair that designs A and B share (`L1GatewayBase` on L1,
//! `L2Gateway` on L2, `L1Migrator` and `L2Migrator` for stake): what its tickets carry, and
//! how the migrate, deposit and withdraw actions drive it. The designs differ only in how
//! the L1 gateway pays a withdrawal out, which the contracts decide.

use alloy_primitives::{Address, U256};
use alloy_sol_types::{SolCall, SolValue};
use anyhow::{bail, Result};
use invariants::view::{Book, Channel};

use super::deploy::{self, ticket_cost, Deployer, ROUND_LENGTH, TICKET_GAS_PRICE, TICKET_MAX_GAS};
use super::{Carried, Role};
use crate::action::Action;
use crate::bindings::{IL1Gateway, IL1Migrator, IL2Gateway, ILivepeerToken, IStaking};
use crate::bridge::{OutboxMessage, Ticket};
use crate::chain::Chain;
use crate::chain::ChainId::{L1, L2};
use crate::step::StepStatus;
use crate::world::World;

/// What a gateway ticket carries: a deposit to its recipient, or (from the L1 Migrator to
/// the L2 Migrator, with the delegator and destination as call-hook data) a stake
/// migration. A plain deposit and a migration are valid; a deposit with a call hook its
/// sender chose completes only if the hook does.
pub fn deposit_ticket(book: &Book, t: &Ticket) -> Carried {
    if t.l1_sender != book.l1_gateway || t.to != book.l2_gateway {
        return Carried::default();
    }
    let Ok(call) = IL2Gateway::finalizeInboundTransferCall::abi_decode(&t.data) else {
        return Carried::default();
    };
    if call.to == book.l2_migrator && call.from == book.l1_migrator {
        if let Ok((delegator, dest)) = <(Address, Address)>::abi_decode_params(&call.data) {
            return Carried {
                lpt: call.amount,
                beneficiary: delegator,
                migration: Some((delegator, dest)),
                channel: Channel::Bridge,
                valid: true,
                owner: Some(delegator),
            };
        }
    }
    Carried {
        lpt: call.amount,
        beneficiary: call.to,
        migration: None,
        channel: Channel::Bridge,
        valid: call.amount > U256::ZERO && call.data.is_empty(),
        owner: None,
    }
}

/// The LPT a deposit event of the L1 gateway says it escrowed.
pub fn deposit_event(log: &alloy_primitives::Log) -> Option<U256> {
    crate::chain::event::<IL1Gateway::DepositInitiated>(log).map(|e| e.amount)
}

/// What a bridge message carries, in every design: LPT to its recipient, for a message
/// from the L2 gateway (bridge) to the L1 gateway (bridge) calling
/// `finalizeInboundTransfer(from, to, amount)`. Anything else carries nothing.
pub fn withdrawal_message(book: &Book, m: &OutboxMessage) -> (U256, Address) {
    if m.l2_sender != book.l2_gateway || m.to != book.l1_gateway {
        return (U256::ZERO, Address::ZERO);
    }
    match IL1Gateway::finalizeInboundTransferCall::abi_decode(&m.data) {
        Ok(call) => (call.amount, call.to),
        Err(_) => (U256::ZERO, Address::ZERO),
    }
}

/// Runs `Migrate`, `Deposit` or `Withdraw` through the standard gateway pair; `None` for
/// any other action.
pub fn run_action(world: &mut World, action: &Action) -> Option<Result<StepStatus>> {
    let zero = U256::ZERO;
    Some(match action {
        Action::Migrate { actor, dest } => world.call_as(
            L1,
            *actor,
            Role::Migrator,
            &IL1Migrator::migrateCall {
                destOrchestrator: dest.address(),
            },
            ticket_cost(),
        ),
        Action::Deposit { actor, to, amount } => (|| {
            let token = world.role(L1, Role::Token);
            let amount = world.resolve(amount, *actor, L1, token)?;
            let gateway = world.role(L1, Role::Gateway);
            let approve = ILivepeerToken::approveCall {
                spender: gateway,
                amount,
            };
            world.call_as(L1, *actor, Role::Token, &approve, zero)?;
            let deposit = IL1Gateway::outboundTransferCall {
                to: to.address(),
                amount,
                maxGas: U256::from(TICKET_MAX_GAS),
                gasPriceBid: U256::from(TICKET_GAS_PRICE),
            };
            world.call_as(L1, *actor, Role::Gateway, &deposit, ticket_cost())
        })(),
        Action::Withdraw { actor, to, amount } => (|| {
            let token = world.role(L2, Role::Token);
            let amount = world.resolve(amount, *actor, L2, token)?;
            let withdraw = IL2Gateway::outboundTransferCall {
                to: to.address(),
                amount,
            };
            world.call_as(L2, *actor, Role::Gateway, &withdraw, zero)
        })(),
        _ => return None,
    })
}

/// Whether `action` is one the standard gateway pair runs.
pub fn is_gateway_action(action: &Action) -> bool {
    matches!(
        action,
        Action::Migrate { .. } | Action::Deposit { .. } | Action::Withdraw { .. }
    )
}

/// The standard pair's L2 side and stake path, as [`deploy_stake_path`] leaves them.
pub struct StakePath {
    /// The L2 staking manager.
    pub staking: Address,
    /// The L2 gateway.
    pub l2_gateway: Address,
    /// The L2 Migrator.
    pub l2_migrator: Address,
    /// The L1 Migrator.
    pub l1_migrator: Address,
}

/// What [`deploy_stake_path`] builds on.
pub struct PairBase {
    /// The L1 token.
    pub l1_token: Address,
    /// The L1 bonding manager, whose stake the L1 Migrator moves.
    pub bonding: Address,
    /// The L1 gateway.
    pub l1_gateway: Address,
    /// The L2 token.
    pub l2_token: Address,
    /// The contract the L2 staking manager and gateway mint through: design A's Minter,
    /// design B's reward pool.
    pub l2_minter: Address,
    /// Where the L1 Migrator will land; the L2 Migrator is built knowing it.
    pub l1_migrator_at: Address,
}

/// Deploys the L2 staking manager, the L2 gateway, the L2 Migrator and the L2 lens, then
/// the L1 Migrator. Designs A and B deploy them in this order, which fixes every address
/// the corpus's raw calls name.
pub fn deploy_stake_path(
    d: &mut Deployer,
    (l1, l2): (&mut Chain, &mut Chain),
    base: &PairBase,
) -> Result<StakePath> {
    let gov = crate::actors::Actor::Governor.address();
    let staking = d.deploy(
        l2,
        "L2StakingManager",
        "L2StakingManager",
        deploy::staking_args(base.l2_token, base.l2_minter, ROUND_LENGTH),
    )?;
    let l2_gateway = d.deploy(
        l2,
        "L2Gateway",
        "L2Gateway",
        (base.l2_token, base.l2_minter, gov).abi_encode_params(),
    )?;
    let l2_migrator = d.deploy(
        l2,
        "L2Migrator",
        "L2Migrator",
        (base.l2_token, staking, l2_gateway, base.l1_migrator_at).abi_encode_params(),
    )?;
    d.deploy(l2, "WorldLens", "L2Lens", Vec::new())?;
    let gas = (U256::from(TICKET_MAX_GAS), U256::from(TICKET_GAS_PRICE));
    let l1_migrator = d.deploy(
        l1,
        "L1Migrator",
        "L1Migrator",
        (
            base.bonding,
            base.l1_token,
            base.l1_gateway,
            l2_migrator,
            gas.0,
            gas.1,
        )
            .abi_encode_params(),
    )?;
    if l1_migrator != base.l1_migrator_at {
        bail!(
            "L1Migrator deployed at {l1_migrator}, expected {}",
            base.l1_migrator_at
        );
    }
    Ok(StakePath {
        staking,
        l2_gateway,
        l2_migrator,
        l1_migrator,
    })
}

/// L1's half of the pair's wiring: the L1 gateway's counterpart, and the L1 Migrator as
/// the bonding manager's migrator.
pub fn wire_l1(w: &mut World, base: &PairBase, path: &StakePath) -> Result<()> {
    let counterpart = IL1Gateway::setCounterpartCall {
        counterpart: path.l2_gateway,
    };
    deploy::govern(w, L1, base.l1_gateway, &counterpart)?;
    let migrator = IStaking::setMigratorCall {
        migrator: path.l1_migrator,
    };
    deploy::govern(w, L1, base.bonding, &migrator)
}

/// The end of L2's half, after the design's own minting roles: the L2 Migrator as the
/// staking manager's migrator, and the L2 gateway's counterpart.
pub fn wire_l2_stake_path(w: &mut World, base: &PairBase, path: &StakePath) -> Result<()> {
    let migrator = IStaking::setMigratorCall {
        migrator: path.l2_migrator,
    };
    deploy::govern(w, L2, path.staking, &migrator)?;
    let counterpart = IL2Gateway::setCounterpartCall {
        counterpart: base.l1_gateway,
    };
    deploy::govern(w, L2, path.l2_gateway, &counterpart)
}
