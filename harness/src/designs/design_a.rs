//! Design A, the proposal's own design: L2 mints inflation; the L1 gateway releases escrow
//! for a withdrawal and mints whatever the escrow cannot cover.
//!
//! ## Genesis (what every design A sequence starts from)
//! 1. Both chains start at time `T0`; L1 at block 1,000. Rounds are 10 L1 blocks on both
//!    chains and the unbonding period is 7 rounds.
//! 2. L1: token, Minter (delegating to the BondingManager, as before the upgrade),
//!    BondingManager, the Arbitrum stand-ins, the L1 gateway and the L1 Migrator.
//!    L2: token, Minter (delegating to the L2 gateway and the StakingManager),
//!    StakingManager, L2 gateway, L2 Migrator, and ArbSys at 0x64.
//! 3. The legacy L1 history all designs share (`deploy::l1_history`): genesis LPT, bonds,
//!    three orchestrators, three rounds of L1 rewards and a round of fees. Every actor has
//!    1,000 ETH on L1 and 10 on L2.
//! 4. The upgrade: the L1 Minter's delegates become the L1 gateway alone.
//! 5. orchestrator1 migrates to itself on L2 (ticket delivered) and registers there;
//!    delegator1 deposits 500 liquid LPT to L2 (ticket delivered). Other delegators of
//!    orchestrator1 stay delegated to it on L1, where it is now unregistered.

use alloy_primitives::{Address, Log, U256};
use alloy_sol_types::SolValue;
use anyhow::{bail, Result};
use invariants::view::{Book, Frame, Params};

use super::deploy::{self, Deployer};
use super::{gateway, Carried, Design, DesignId, Role};
use crate::action::Action;
use crate::actors::Actor;
use crate::bindings::*;
use crate::bridge::{Relayer, Ticket, DEFAULT_CHALLENGE_PERIOD};
use crate::chain::ChainId::{self, L1, L2};
use crate::compile::Artifacts;
use crate::step::StepStatus;
use crate::world::World;

pub use super::deploy::{
    eth, lpt, ticket_cost, INFLATION, INFLATION_CHANGE, L1_GENESIS_BLOCK, MAX_INFLATION,
    ROUND_LENGTH, T0, TARGET_BONDING_RATE, UNBONDING_PERIOD,
};
pub use crate::bridge::rollup_address;

/// Design A.
pub struct DesignA;

/// Whether `stack` passes through `minter.createReward`: the inflation path of every
/// design whose staking contract mints its rewards.
pub(crate) fn through_create_reward(stack: &[Frame], minter: Address) -> bool {
    static SELECTOR: std::sync::LazyLock<[u8; 4]> = std::sync::LazyLock::new(|| {
        let h = alloy_primitives::keccak256("createReward(uint256,uint256)");
        [h[0], h[1], h[2], h[3]]
    });
    stack
        .iter()
        .any(|f| f.target == minter && f.selector == *SELECTOR)
}

impl Design for DesignA {
    fn id(&self) -> DesignId {
        DesignId::A
    }

    fn summary(&self) -> &'static str {
        "the proposal's design: L2 mints inflation, L1 gateway releases escrow or mints the shortfall"
    }

    fn role_name(&self, chain: ChainId, role: Role) -> Option<&'static str> {
        Some(match (chain, role) {
            (L1, Role::Token) => "L1Token",
            (L2, Role::Token) => "L2Token",
            (L1, Role::Minter) => "L1Minter",
            (L2, Role::Minter) => "L2Minter",
            (L1, Role::Staking) => "L1BondingManager",
            (L2, Role::Staking) => "L2StakingManager",
            (L1, Role::Gateway) => "L1Gateway",
            (L2, Role::Gateway) => "L2Gateway",
            (L1, Role::Migrator) => "L1Migrator",
            (L2, Role::Migrator) => "L2Migrator",
            (L1, Role::Lens) => "L1Lens",
            (L2, Role::Lens) => "L2Lens",
            (_, Role::Oracle | Role::Derivative | Role::Escrow) => return None,
        })
    }

    fn genesis(&self, artifacts: &Artifacts) -> Result<World> {
        genesis(artifacts)
    }

    fn params(&self) -> Params {
        deploy::params(invariants::view::Design::A)
    }

    fn escrow_chain(&self) -> ChainId {
        L1
    }

    fn escrowed_by(&self, log: &Log) -> Option<U256> {
        gateway::deposit_event(log)
    }

    fn decode_ticket(&self, book: &Book, t: &Ticket) -> Carried {
        gateway::deposit_ticket(book, t)
    }

    fn is_inflation(&self, book: &Book, on_l1: bool, stack: &[Frame]) -> bool {
        // An L1 reward mint after the upgrade is unauthorised (invariant 7 says so), but
        // it is still inflation by its path, so conservation accounts for it.
        let minter = if on_l1 {
            book.l1_minter
        } else {
            book.l2_minter
        };
        through_create_reward(stack, minter)
    }

    fn has_action(&self, action: &Action) -> bool {
        !action.is_design_specific() || gateway::is_gateway_action(action)
    }

    fn run_action(&self, world: &mut World, action: &Action) -> Result<StepStatus> {
        match gateway::run_action(world, action) {
            Some(status) => status,
            None => bail!("design a cannot run {action}"),
        }
    }
}

/// Deploys design A from `artifacts` and runs its genesis (see the module docs).
pub fn genesis(artifacts: &Artifacts) -> Result<World> {
    let gov = Actor::Governor.address();
    let mut d = Deployer::new(artifacts);
    let (mut l1, mut l2) = deploy::chains();

    // L1, except the Migrator (it needs the L2 Migrator's address, and vice versa).
    let (legacy, arb) = d.legacy_l1(
        (&mut l1, &mut l2),
        "Livepeer Token (L1)",
        ("Minter", Vec::new()),
        ROUND_LENGTH,
    )?;
    let (l1_token, l1_minter, bonding) = (legacy.token, legacy.minter, legacy.bonding);
    let l1_gateway = d.deploy(
        &mut l1,
        "L1Gateway",
        "L1Gateway",
        (l1_token, l1_minter, arb.inbox, arb.bridge, gov).abi_encode_params(),
    )?;
    d.deploy(&mut l1, "WorldLens", "L1Lens", Vec::new())?;
    let l1_migrator_at = gov.create(l1.nonce(gov));

    // L2.
    let l2_token = d.deploy(
        &mut l2,
        "LivepeerToken",
        "L2Token",
        ("Livepeer Token (L2)".to_string(), gov).abi_encode_params(),
    )?;
    let l2_minter = d.deploy(&mut l2, "Minter", "L2Minter", deploy::minter_args(l2_token))?;
    let base = gateway::PairBase {
        l1_token,
        bonding,
        l1_gateway,
        l2_token,
        l2_minter,
        l1_migrator_at,
    };
    let path = gateway::deploy_stake_path(&mut d, (&mut l1, &mut l2), &base)?;
    let (staking, l2_gateway, l1_migrator) = (path.staking, path.l2_gateway, path.l1_migrator);

    let relayer = Relayer::new(arb, DEFAULT_CHALLENGE_PERIOD);
    let mut w = World::from_parts(DesignId::A, l1, l2, relayer, d.book);

    // Wiring.
    deploy::wire_legacy_l1(&mut w, &legacy, &arb)?;
    gateway::wire_l1(&mut w, &base, &path)?;
    deploy::grant(&mut w, L2, l2_token, "MINTER_ROLE", l2_minter)?;
    deploy::grant(&mut w, L2, l2_token, "BURNER_ROLE", l2_gateway)?;
    deploy::govern(&mut w, L2, l2_minter, &IMinter::setStakingCall { staking })?;
    let delegates = IMinter::setDelegatesCall {
        list: vec![l2_gateway, staking],
    };
    deploy::govern(&mut w, L2, l2_minter, &delegates)?;
    gateway::wire_l2_stake_path(&mut w, &base, &path)?;

    deploy::l1_history(&mut w, l1_token, bonding, ROUND_LENGTH)?;

    // The upgrade: L1 inflation stops; only the gateway may mint on L1.
    let delegates = IMinter::setDelegatesCall {
        list: vec![l1_gateway],
    };
    deploy::govern(&mut w, L1, l1_minter, &delegates)?;

    // orchestrator1 moves to L2 first and registers there; delegator1 bridges some LPT.
    deploy::gateway_first_movers(&mut w, &legacy, (l1_migrator, l1_gateway), staking)?;
    w.advance_blocks(1);
    w.begin_step();
    Ok(w)
}
