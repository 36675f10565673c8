//! Design D, LIP-73 "Confluence" as Livepeer built it, on Livepeer's own protocol bytecode
//! (the npm package `@livepeer/sdk`, deployed as shipped) with our migration contracts
//! (`contracts/src/design_d`, whose interface is the one Livepeer deployed).
//!
//! L1 is frozen at the migration round. Per-user migration carries data, not tokens: the
//! L1 Migrator reads a delegator's frozen position and sends it to the L2 Migrator, which
//! pays it out of the LPT and ETH bridged there in bulk. See `deploy` for the genesis and
//! `actions` for what each action calls.

pub mod actions;
pub mod bindings;
pub mod confluence;
pub mod deploy;
pub mod snapshot;

use alloy_primitives::{Address, Log, U256};
use alloy_sol_types::SolCall;
use anyhow::Result;
use invariants::view::{Book, ChainView, Chains, Channel, Frame, Params};

use super::{Carried, Design, DesignId, LockEvent, Role};
use crate::action::Action;
use crate::actors::Actor;
use crate::bridge::{OutboxMessage, Ticket};
use crate::chain::event;
use crate::chain::ChainId::{self, L1, L2};
use crate::compile::Artifacts;
use crate::step::StepStatus;
use crate::world::World;
use bindings::*;

/// Design D.
pub struct DesignD;

impl Design for DesignD {
    fn id(&self) -> DesignId {
        DesignId::D
    }

    fn summary(&self) -> &'static str {
        "LIP-73 Confluence as deployed, on Livepeer's own bytecode: L1 frozen, per-user migration by message, bulk LPT bridged once"
    }

    fn role_name(&self, chain: ChainId, role: Role) -> Option<&'static str> {
        Some(match (chain, role) {
            (L1, Role::Token) => "L1Token",
            (L2, Role::Token) => "L2Token",
            (L1, Role::Minter) => "BridgeMinter",
            (L2, Role::Minter) => "L2Minter",
            (L1, Role::Staking) => "L1BondingManager",
            (L2, Role::Staking) => "L2BondingManager",
            (L1, Role::Gateway) => "L1Gateway",
            (L2, Role::Gateway) => "L2Gateway",
            (L1, Role::Migrator) => "L1Migrator",
            (L2, Role::Migrator) => "L2Migrator",
            (L1, Role::Lens) => "L1Lens",
            (L2, Role::Lens) => "L2Lens",
            (L1, Role::Escrow) => "L1Escrow",
            _ => return None,
        })
    }

    fn genesis(&self, artifacts: &Artifacts) -> Result<World> {
        deploy::genesis(artifacts, deploy::Variant::DEFAULT)
    }

    /// `bulk-pending`: the bulk LPT and ETH tickets are left undelivered.
    /// `bonding-manager-2022-02-25`: L2 runs the BondingManager target Livepeer deployed on
    /// 2022-02-25 instead of the launch one (see [`deploy::L2Bonding`]).
    fn genesis_variant(&self, artifacts: &Artifacts, variant: &str) -> Result<World> {
        use deploy::{L2Bonding, Variant};
        let variant = match variant {
            "bulk-pending" => Variant {
                bulk_pending: true,
                ..Variant::DEFAULT
            },
            "bonding-manager-2022-02-25" => Variant {
                l2_bonding: L2Bonding::Deployed20220225,
                ..Variant::DEFAULT
            },
            other => anyhow::bail!(
                "design d has no genesis variant {other:?}; it has \"bulk-pending\" and \"bonding-manager-2022-02-25\""
            ),
        };
        deploy::genesis(artifacts, variant)
    }

    fn prebuilt(&self) -> Result<Vec<(&'static str, crate::compile::CompiledContract)>> {
        deploy::prebuilt_abis()
    }

    fn params(&self) -> Params {
        let mut p = super::deploy::params(invariants::view::Design::D);
        p.inflation_change_ppb = deploy::INFLATION_CHANGE;
        p.target_bonding_rate_ppb = deploy::TARGET_BONDING_RATE;
        p
    }

    fn escrow_chain(&self) -> ChainId {
        L1
    }

    fn escrowed_by(&self, log: &Log) -> Option<U256> {
        event::<IL1LPTGateway::DepositInitiated>(log).map(|e| e.amount)
    }

    fn decode_ticket(&self, book: &Book, t: &Ticket) -> Carried {
        if t.l1_sender == book.l1_gateway && t.to == book.l2_gateway {
            if let Ok(c) = IL2LPTGateway::finalizeInboundTransferCall::abi_decode(&t.data) {
                return Carried {
                    lpt: c.amount,
                    beneficiary: c.to,
                    migration: None,
                    channel: Channel::Bridge,
                    valid: c.amount > U256::ZERO,
                    // The bulk transfer is the L1 Migrator's, sent on everyone's behalf.
                    owner: (c.from == book.l1_migrator).then_some(book.l1_migrator),
                };
            }
        }
        if t.l1_sender == book.l1_migrator && t.to == book.l2_migrator {
            // The migration is the L1 owner's: the L2 address it names is only where the
            // owner asked to be credited, and is an owner of the delivery only by being the
            // same address (invariant 13 then sees a migration credited to a stranger).
            let message =
                |l1: Address, _l2: Address, migration: Option<(Address, Address)>| Carried {
                    lpt: U256::ZERO,
                    beneficiary: l1,
                    migration,
                    channel: Channel::None,
                    valid: true,
                    owner: Some(l1),
                };
            if let Ok(c) = IL2Migrator::finalizeMigrateDelegatorCall::abi_decode(&t.data) {
                let p = c.params;
                return message(p.l1Addr, p.l2Addr, Some((p.l1Addr, p.delegate)));
            }
            if let Ok(c) = IL2Migrator::finalizeMigrateUnbondingLocksCall::abi_decode(&t.data) {
                return message(c.params.l1Addr, c.params.l2Addr, None);
            }
            if let Ok(c) = IL2Migrator::finalizeMigrateSenderCall::abi_decode(&t.data) {
                return message(c.params.l1Addr, c.params.l2Addr, None);
            }
            if t.data.is_empty() {
                // `migrateETH`: the fee pool, the L1 Migrator's own.
                return Carried {
                    valid: true,
                    owner: Some(book.l1_migrator),
                    ..Carried::default()
                };
            }
        }
        if IL2LPTDataCache::finalizeCacheTotalSupplyCall::abi_decode(&t.data).is_ok() {
            return Carried {
                valid: true,
                ..Carried::default()
            };
        }
        Carried::default()
    }

    fn is_inflation(&self, book: &Book, on_l1: bool, stack: &[Frame]) -> bool {
        !on_l1 && super::design_a::through_create_reward(stack, book.l2_minter)
    }

    fn has_action(&self, action: &Action) -> bool {
        !action.is_design_specific()
            || matches!(
                action,
                Action::Migrate { .. }
                    | Action::Deposit { .. }
                    | Action::Withdraw { .. }
                    | Action::MigrateDelegator { .. }
                    | Action::MigrateLocks { .. }
                    | Action::MigrateSender { .. }
                    | Action::ClaimStake { .. }
                    | Action::MigrateBulk { .. }
                    | Action::CacheSupply { .. }
            )
    }

    fn run_action(&self, world: &mut World, action: &Action) -> Result<StepStatus> {
        actions::run(world, action)
    }

    fn override_action(&self, world: &mut World, action: &Action) -> Option<Result<StepStatus>> {
        actions::run_staking(world, action)
    }

    fn amount_base(
        &self,
        world: &mut World,
        actor: Actor,
        chain: ChainId,
        base: crate::amount::Base,
    ) -> Option<Result<U256>> {
        use crate::amount::Base;
        let staking = world.role(chain, Role::Staking);
        match base {
            Base::Stake => Some(world.view(
                chain,
                staking,
                &ILivepeerBonding::pendingStakeCall {
                    delegator: actor.address(),
                    endRound: U256::MAX,
                },
            )),
            Base::L2Stake => {
                let staking = world.role(L2, Role::Staking);
                Some(world.view(L2, staking, &ILivepeerBonding::getTotalBondedCall {}))
            }
            _ => None,
        }
    }

    /// Livepeer's `transferBond`, called directly.
    fn gives_own_bond(&self, action: &Action) -> bool {
        let Action::Call {
            chain,
            contract,
            data,
            ..
        } = action
        else {
            return false;
        };
        self.role_name(*chain, Role::Staking) == Some(contract.as_str())
            && data.starts_with(&ILivepeerBonding::transferBondCall::SELECTOR)
    }

    fn describe(&self, action: &Action) -> Option<String> {
        Some(match action {
            Action::Migrate { actor, dest } => {
                format!("{actor} → L1Migrator.migrateDelegator({actor}, {dest})")
            }
            Action::Deposit { actor, to, amount } => {
                format!("{actor} → L1LPTGateway.outboundTransfer({to}, {amount})")
            }
            Action::Withdraw { actor, to, amount } => {
                format!("{actor} → L2LPTGateway.outboundTransfer({to}, {amount})")
            }
            _ => return None,
        })
    }

    fn decode_message(&self, book: &Book, m: &OutboxMessage) -> (U256, Address) {
        if m.l2_sender != book.l2_gateway || m.to != book.l1_gateway {
            return (U256::ZERO, Address::ZERO);
        }
        match IL1LPTGateway::finalizeInboundTransferCall::abi_decode(&m.data) {
            Ok(c) => (c.amount, c.to),
            Err(_) => (U256::ZERO, Address::ZERO),
        }
    }

    fn lock_event(&self, log: &Log) -> Option<LockEvent> {
        if let Some(e) = event::<ILivepeerBonding::Unbond>(log) {
            return Some(LockEvent::Made {
                delegator: e.delegator,
                id: e.unbondingLockId,
                amount: e.amount,
                withdraw_round: e.withdrawRound.saturating_to(),
            });
        }
        if let Some(e) = event::<ILivepeerBonding::Rebond>(log) {
            return Some(LockEvent::Rebonded {
                delegator: e.delegator,
                id: e.unbondingLockId,
            });
        }
        event::<ILivepeerBonding::WithdrawStake>(log).map(|e| LockEvent::Paid {
            delegator: e.delegator,
            id: e.unbondingLockId,
            amount: e.amount,
        })
    }

    fn round_at_genesis(&self, world: &mut World, chain: ChainId) -> Result<Option<u64>> {
        if chain == L1 {
            // Frozen: no round starts on L1 again.
            return Ok(None);
        }
        let rounds = world.addr(L2, "L2RoundsManager");
        let round: U256 = world.view(L2, rounds, &ILivepeerRounds::lastInitializedRoundCall {})?;
        Ok(Some(round.saturating_to()))
    }

    /// Livepeer's orchestrator nodes start every round; the drain does too.
    fn keep(&self, world: &mut World) -> Result<()> {
        actions::start_round(world, Actor::Orchestrator1).map(|_| ())
    }

    /// The protocol lives on L2 after the migration: the exit brings every frozen L1
    /// position and every liquid L1 LPT over.
    fn home(&self) -> ChainId {
        L2
    }

    fn genesis_ends_in_a_fresh_block(&self) -> bool {
        false
    }

    /// Frozen L1 positions cannot be unbonded: nothing to do before the wait.
    fn leave(&self, _world: &mut World, _now: &Chains, _actor: Actor) -> Result<Vec<Action>> {
        Ok(Vec::new())
    }

    /// An actor migrates its frozen delegation and every unmigrated lock by message, and
    /// deposits its liquid L1 LPT to L2.
    fn go_home(&self, world: &mut World, now: &Chains, actor: Actor) -> Result<Vec<Action>> {
        actions::go_home(world, now, actor)
    }

    fn read_extras(&self, world: &mut World, chain: ChainId, view: &mut ChainView) -> Result<()> {
        if chain == L2 {
            actions::read_l2_extras(world, view)?;
        }
        Ok(())
    }

    fn propose(&self, draw: &mut dyn crate::designs::Draw) -> Option<Action> {
        actions::propose(draw)
    }
}
