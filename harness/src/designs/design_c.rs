//! Design C, an L2-canonical token with a custom bridge (the thread's third design): L2 LPT
//! is canonical and inflates on L2 alone; L1 carries derivative LPT′, minted only by the L1
//! bridge for LPT escrowed on L2 and burned to release it. Legacy L1 LPT, liquid or staked,
//! leaves L1 one way: the LegacyMigrator locks it and a ticket releases as much on L2 from
//! a reserve minted at L2 genesis.
//!
//! Action names follow the direction of travel in every design: `deposit` is L1 → L2 (here
//! a burn of LPT′ that releases L2 escrow), `withdraw` is L2 → L1 (here an escrow on L2 that
//! mints LPT′). The thread, which treats L2 as home, calls them the other way round.
//!
//! ## Genesis (what every design C sequence starts from)
//! 1. As design A: both chains at `T0`, L1 at block 1,000, 10-block rounds on both chains,
//!    the cast funded.
//! 2. L1: legacy LPT, its Minter (delegating to the BondingManager, as before the
//!    upgrade), BondingManager, the Arbitrum stand-ins, LPT′, the L1 bridge (LPT′'s only
//!    minter and burner) and the LegacyMigrator. L2: canonical LPT, its Minter (delegating
//!    to the StakingManager alone), StakingManager, the L2 bridge, the reserve's holder
//!    (`L2LegacyMigrator`, booked as L2Migrator) and ArbSys.
//! 3. The legacy L1 history all designs share.
//! 4. The upgrade: the L1 Minter's delegates become none, freezing legacy supply; the L2
//!    genesis reserve, equal to the whole legacy supply, is minted to the reserve's holder.
//! 5. orchestrator1 migrates its legacy stake to itself on L2 and registers there;
//!    delegator1 migrates 500 liquid legacy LPT; then delegator1 sends 100 of its L2 LPT
//!    through the bridge and, a challenge period later, holds 100 LPT′ on L1.

use alloy_primitives::{Log, U256};
use alloy_sol_types::{SolCall, SolValue};
use anyhow::{bail, Result};
use invariants::authority::{DERIVATIVE_BURNERS, DERIVATIVE_MINTERS};
use invariants::view::{Book, ChainView, Chains, Channel, Frame, Params, RoleSet};

use super::deploy::{self, ticket_cost, Deployer, ROUND_LENGTH, TICKET_GAS_PRICE, TICKET_MAX_GAS};
use super::{Carried, Design, DesignId, Role};
use crate::action::Action;
use crate::actors::Actor;
use crate::amount::{Amount, Base};
use crate::bindings::*;
use crate::bridge::{Relayer, Ticket, DEFAULT_CHALLENGE_PERIOD};
use crate::chain::ChainId::{self, L1, L2};
use crate::compile::Artifacts;
use crate::designs::draw::Draw;
use crate::step::StepStatus;
use crate::world::World;

/// Design C.
pub struct DesignC;

impl Design for DesignC {
    fn id(&self) -> DesignId {
        DesignId::C
    }

    fn summary(&self) -> &'static str {
        "L2 LPT is canonical and inflates on L2; L1 carries LPT' minted against L2 escrow; legacy L1 LPT is locked one way"
    }

    fn role_name(&self, chain: ChainId, role: Role) -> Option<&'static str> {
        Some(match (chain, role) {
            (L1, Role::Gateway) => "L1Bridge",
            (L2, Role::Gateway) => "L2Bridge",
            (L1, Role::Migrator) => "LegacyMigrator",
            (L1, Role::Derivative) => "LPTPrime",
            (_, Role::Oracle | Role::Derivative | Role::Escrow) => return None,
            _ => return super::design_a::DesignA.role_name(chain, role),
        })
    }

    fn genesis(&self, artifacts: &Artifacts) -> Result<World> {
        genesis(artifacts)
    }

    fn params(&self) -> Params {
        deploy::params(invariants::view::Design::C)
    }

    fn escrow_chain(&self) -> ChainId {
        L2
    }

    fn escrowed_by(&self, log: &Log) -> Option<U256> {
        crate::chain::event::<IBridgeInbound::OutboundTransferInitiated>(log).map(|e| e.amount)
    }

    fn decode_ticket(&self, book: &Book, t: &Ticket) -> Carried {
        if t.l1_sender == book.l1_gateway && t.to == book.l2_gateway {
            if let Ok(call) = IBridgeInbound::finalizeInboundTransferCall::abi_decode(&t.data) {
                return Carried {
                    lpt: call.amount,
                    beneficiary: call.to,
                    migration: None,
                    channel: Channel::Bridge,
                    valid: true,
                    owner: None,
                };
            }
        }
        if t.l1_sender == book.l1_migrator && t.to == book.l2_migrator {
            if let Ok(call) = ILegacyInbound::finalizeLegacyStakeCall::abi_decode(&t.data) {
                return Carried {
                    lpt: call.amount,
                    beneficiary: call.delegator,
                    migration: Some((call.delegator, call.orchestrator)),
                    channel: Channel::Legacy,
                    valid: true,
                    owner: Some(call.delegator),
                };
            }
            if let Ok(call) = ILegacyInbound::finalizeLegacyTransferCall::abi_decode(&t.data) {
                return Carried {
                    lpt: call.amount,
                    beneficiary: call.to,
                    migration: None,
                    channel: Channel::Legacy,
                    valid: true,
                    owner: Some(call.from),
                };
            }
        }
        Carried::default()
    }

    fn is_inflation(&self, book: &Book, on_l1: bool, stack: &[Frame]) -> bool {
        // Legacy L1 LPT is frozen: any L1 mint of it is unbacked, not inflation.
        !on_l1 && super::design_a::through_create_reward(stack, book.l2_minter)
    }

    fn has_action(&self, action: &Action) -> bool {
        !action.is_design_specific()
            || matches!(
                action,
                Action::Migrate { .. }
                    | Action::Deposit { .. }
                    | Action::Withdraw { .. }
                    | Action::LockLegacy { .. }
            )
    }

    fn run_action(&self, world: &mut World, action: &Action) -> Result<StepStatus> {
        let zero = U256::ZERO;
        match action {
            Action::Migrate { actor, dest } => {
                let call = ILegacyMigrator::migrateStakeCall {
                    destOrchestrator: dest.address(),
                };
                world.call_as(L1, *actor, Role::Migrator, &call, ticket_cost())
            }
            Action::LockLegacy { actor, to, amount } => {
                let token = world.role(L1, Role::Token);
                let amount = world.resolve(amount, *actor, L1, token)?;
                let spender = world.role(L1, Role::Migrator);
                let approve = ILivepeerToken::approveCall { spender, amount };
                world.call_as(L1, *actor, Role::Token, &approve, zero)?;
                let call = ILegacyMigrator::migrateLiquidCall {
                    to: to.address(),
                    amount,
                };
                world.call_as(L1, *actor, Role::Migrator, &call, ticket_cost())
            }
            // The bridges' outbound functions share the standard gateway's signatures, so
            // the gateway bindings call them.
            Action::Deposit { actor, to, amount } => {
                // L1 → L2: burn LPT′ (the bridge burns it by role; no approval).
                let lpt_prime = world.role(L1, Role::Derivative);
                let amount = world.resolve(amount, *actor, L1, lpt_prime)?;
                let call = IL1Gateway::outboundTransferCall {
                    to: to.address(),
                    amount,
                    maxGas: U256::from(TICKET_MAX_GAS),
                    gasPriceBid: U256::from(TICKET_GAS_PRICE),
                };
                world.call_as(L1, *actor, Role::Gateway, &call, ticket_cost())
            }
            Action::Withdraw { actor, to, amount } => {
                // L2 → L1: escrow L2 LPT in the bridge, which pulls it.
                let token = world.role(L2, Role::Token);
                let amount = world.resolve(amount, *actor, L2, token)?;
                let spender = world.role(L2, Role::Gateway);
                let approve = ILivepeerToken::approveCall { spender, amount };
                world.call_as(L2, *actor, Role::Token, &approve, zero)?;
                let call = IL2Gateway::outboundTransferCall {
                    to: to.address(),
                    amount,
                };
                world.call_as(L2, *actor, Role::Gateway, &call, zero)
            }
            _ => bail!("design c cannot run {action}"),
        }
    }

    fn describe(&self, action: &Action) -> Option<String> {
        Some(match action {
            Action::Migrate { actor, dest } => {
                format!("{actor} → LegacyMigrator.migrateStake({dest})")
            }
            Action::Deposit { actor, to, amount } => {
                format!("{actor} → L1Bridge.outboundTransfer({to}, {amount})  (burn LPT′)")
            }
            Action::Withdraw { actor, to, amount } => {
                format!("{actor} → L2Bridge.outboundTransfer({to}, {amount})  (escrow for LPT′)")
            }
            _ => return None,
        })
    }

    fn read_extras(&self, world: &mut World, chain: ChainId, view: &mut ChainView) -> Result<()> {
        if chain != L1 {
            return Ok(());
        }
        let lpt_prime = world.role(L1, Role::Derivative);
        let minter = world.role(L1, Role::Minter);
        let lens = world.role(L1, Role::Lens);
        let c = world.chain(L1);
        view.derivative_supply = c.view_cached(lpt_prime, &ILivepeerToken::totalSupplyCall {})?;
        for account in &mut view.accounts {
            account.derivative =
                c.view_cached(lpt_prime, &ILivepeerToken::balanceOfCall(account.address))?;
        }
        let roles = IWorldLens::authoritiesCall {
            token: lpt_prime,
            minter,
            pausables: Vec::new(),
        };
        let roles = c.view_cached(lens, &roles)?;
        view.roles.push(RoleSet {
            what: DERIVATIVE_MINTERS.to_string(),
            holders: roles.minterRole,
        });
        view.roles.push(RoleSet {
            what: DERIVATIVE_BURNERS.to_string(),
            holders: roles.burnerRole,
        });
        Ok(())
    }

    /// L2 LPT is canonical: the exit brings every actor's L1 value to L2.
    fn home(&self) -> ChainId {
        L2
    }

    /// Legacy stake leaves L1 through the LegacyMigrator, staked for the actor on L2.
    fn leave(&self, _world: &mut World, now: &Chains, actor: Actor) -> Result<Vec<Action>> {
        let stake = super::account(now, L1, actor)
            .map(|a| a.stake)
            .unwrap_or_default();
        Ok(if stake.is_zero() {
            Vec::new()
        } else {
            vec![Action::Migrate { actor, dest: actor }]
        })
    }

    /// Legacy locks are withdrawn and locked for L2 with the rest of the actor's legacy
    /// LPT; LPT′ is burned for L2 LPT.
    fn go_home(&self, world: &mut World, now: &Chains, actor: Actor) -> Result<Vec<Action>> {
        let mut out: Vec<Action> = super::open_locks(world, L1, actor)?
            .into_iter()
            .map(|lock| Action::WithdrawStake {
                actor,
                chain: L1,
                lock,
            })
            .collect();
        let Some(account) = super::account(now, L1, actor) else {
            return Ok(out);
        };
        let all = Amount::Relative(Base::Balance, 0);
        if !(account.balance + account.unbonding).is_zero() {
            out.push(Action::LockLegacy {
                actor,
                to: actor,
                amount: all,
            });
        }
        if !account.derivative.is_zero() {
            out.push(Action::Deposit {
                actor,
                to: actor,
                amount: all,
            });
        }
        Ok(out)
    }

    fn propose(&self, draw: &mut dyn Draw) -> Option<Action> {
        if !draw.chance(5) {
            return None;
        }
        Some(Action::LockLegacy {
            actor: draw.actor(),
            to: draw.actor(),
            amount: draw.amount(),
        })
    }
}

/// Deploys design C from `artifacts` and runs its genesis (see the module docs).
pub fn genesis(artifacts: &Artifacts) -> Result<World> {
    let gov = Actor::Governor.address();
    let mut d = Deployer::new(artifacts);
    let (mut l1, mut l2) = deploy::chains();
    let gas = (U256::from(TICKET_MAX_GAS), U256::from(TICKET_GAS_PRICE));

    let (legacy, arb) = d.legacy_l1(
        (&mut l1, &mut l2),
        "Livepeer Token (L1, legacy)",
        ("Minter", Vec::new()),
        ROUND_LENGTH,
    )?;
    let (l1_token, l1_minter, bonding) = (legacy.token, legacy.minter, legacy.bonding);
    let lpt_prime = d.deploy(
        &mut l1,
        "LivepeerToken",
        "LPTPrime",
        ("Livepeer Token' (L1 derivative)".to_string(), gov).abi_encode_params(),
    )?;
    let l1_bridge = d.deploy(
        &mut l1,
        "L1Bridge",
        "L1Bridge",
        (lpt_prime, arb.inbox, arb.bridge, gov).abi_encode_params(),
    )?;
    d.deploy(&mut l1, "WorldLens", "L1Lens", Vec::new())?;
    let legacy_migrator_at = gov.create(l1.nonce(gov));

    let l2_token = d.deploy(
        &mut l2,
        "LivepeerToken",
        "L2Token",
        ("Livepeer Token (L2, canonical)".to_string(), gov).abi_encode_params(),
    )?;
    let l2_minter = d.deploy(&mut l2, "Minter", "L2Minter", deploy::minter_args(l2_token))?;
    let staking = d.deploy(
        &mut l2,
        "L2StakingManager",
        "L2StakingManager",
        deploy::staking_args(l2_token, l2_minter, ROUND_LENGTH),
    )?;
    let l2_bridge = d.deploy(
        &mut l2,
        "L2Bridge",
        "L2Bridge",
        (l2_token, gov).abi_encode_params(),
    )?;
    let reserve = d.deploy(
        &mut l2,
        "L2LegacyMigrator",
        "L2Migrator",
        (l2_token, staking, legacy_migrator_at).abi_encode_params(),
    )?;
    d.deploy(&mut l2, "WorldLens", "L2Lens", Vec::new())?;

    let legacy_migrator = d.deploy(
        &mut l1,
        "LegacyMigrator",
        "LegacyMigrator",
        (bonding, l1_token, arb.inbox, reserve, gas.0, gas.1).abi_encode_params(),
    )?;
    if legacy_migrator != legacy_migrator_at {
        bail!("LegacyMigrator deployed at {legacy_migrator}, expected {legacy_migrator_at}");
    }

    let relayer = Relayer::new(arb, DEFAULT_CHALLENGE_PERIOD);
    let mut w = World::from_parts(DesignId::C, l1, l2, relayer, d.book);

    // Wiring, as before the upgrade.
    deploy::wire_legacy_l1(&mut w, &legacy, &arb)?;
    deploy::grant(&mut w, L1, lpt_prime, "MINTER_ROLE", l1_bridge)?;
    deploy::grant(&mut w, L1, lpt_prime, "BURNER_ROLE", l1_bridge)?;
    let counterpart = IL1Gateway::setCounterpartCall {
        counterpart: l2_bridge,
    };
    deploy::govern(&mut w, L1, l1_bridge, &counterpart)?;
    let migrator = IStaking::setMigratorCall {
        migrator: legacy_migrator,
    };
    deploy::govern(&mut w, L1, bonding, &migrator)?;
    deploy::grant(&mut w, L2, l2_token, "MINTER_ROLE", l2_minter)?;
    deploy::govern(&mut w, L2, l2_minter, &IMinter::setStakingCall { staking })?;
    let delegates = IMinter::setDelegatesCall {
        list: vec![staking],
    };
    deploy::govern(&mut w, L2, l2_minter, &delegates)?;
    let migrator = IStaking::setMigratorCall { migrator: reserve };
    deploy::govern(&mut w, L2, staking, &migrator)?;
    let counterpart = IL2Gateway::setCounterpartCall {
        counterpart: l1_bridge,
    };
    deploy::govern(&mut w, L2, l2_bridge, &counterpart)?;

    deploy::l1_history(&mut w, l1_token, bonding, ROUND_LENGTH)?;

    // The upgrade: legacy supply freezes, and L2 mints the reserve that backs all of it.
    deploy::govern(
        &mut w,
        L1,
        l1_minter,
        &IMinter::setDelegatesCall { list: vec![] },
    )?;
    let legacy_supply = w.view(L1, l1_token, &ILivepeerToken::totalSupplyCall {})?;
    deploy::mint_genesis(&mut w, L2, l2_token, &[(reserve, legacy_supply)])?;

    // orchestrator1 migrates its stake and registers on L2; delegator1 migrates 500 liquid
    // legacy LPT, then bridges 100 L2 LPT to L1 as LPT′.
    let o1 = Actor::Orchestrator1.address();
    let migrate = ILegacyMigrator::migrateStakeCall {
        destOrchestrator: o1,
    };
    w.send_ok(L1, o1, legacy_migrator, &migrate, ticket_cost())?;
    deploy::deliver(&mut w, "genesis stake migration")?;
    deploy::register_orchestrator1_on_l2(&mut w, staking)?;
    let d1 = Actor::Delegator1.address();
    let approve = ILivepeerToken::approveCall {
        spender: legacy_migrator,
        amount: deploy::lpt(500),
    };
    w.send_ok(L1, d1, l1_token, &approve, U256::ZERO)?;
    let lock = ILegacyMigrator::migrateLiquidCall {
        to: d1,
        amount: deploy::lpt(500),
    };
    w.send_ok(L1, d1, legacy_migrator, &lock, ticket_cost())?;
    deploy::deliver(&mut w, "genesis legacy migration")?;
    let approve = ILivepeerToken::approveCall {
        spender: l2_bridge,
        amount: deploy::lpt(100),
    };
    w.send_ok(L2, d1, l2_token, &approve, U256::ZERO)?;
    let out = IL2Gateway::outboundTransferCall {
        to: d1,
        amount: deploy::lpt(100),
    };
    w.send_ok(L2, d1, l2_bridge, &out, U256::ZERO)?;
    let message = w.relayer.outbox.len() as u64 - 1;
    w.advance_both(DEFAULT_CHALLENGE_PERIOD + crate::world::L1_BLOCK_TIME);
    w.execute_outbox(message, d1)?
        .map_err(|r| anyhow::anyhow!("genesis LPT' mint: {r}"))?
        .require_ok("genesis LPT' mint")?;
    w.advance_blocks(1);
    w.begin_step();
    Ok(w)
}
