//! The interface every design implements: [`Design`], and the words it speaks in
//! ([`Role`], [`LockEvent`], [`Carried`]). The harness asks a design only what differs
//! between designs and does the rest itself.

use alloy_primitives::{Address, Log, U256};
use anyhow::{bail, Result};
use invariants::view::{Book, ChainView, Chains, Channel, Frame, Params};

use super::draw::Draw;
use super::exit::{account, away_from, open_locks};
use super::gateway;
use super::registry::DesignId;
use crate::action::Action;
use crate::actors::Actor;
use crate::bridge::Ticket;
use crate::chain::ChainId;
use crate::compile::Artifacts;
use crate::step::StepStatus;
use crate::world::World;

/// A part every design has, whatever its contract is called, plus the parts only some
/// designs have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The chain's LPT (design C, L1: legacy LPT).
    Token,
    /// The chain's Minter.
    Minter,
    /// The chain's staking contract.
    Staking,
    /// The chain's LPT gateway (design C: its side of the custom bridge).
    Gateway,
    /// The chain's migrator (design C: the LegacyMigrator on L1, the reserve on L2).
    Migrator,
    /// The chain's batch reader.
    Lens,
    /// Design B, L1: the L2 stake oracle.
    Oracle,
    /// Design C, L1: LPT′.
    Derivative,
    /// The contract holding the design's bridge escrow on the chain: the gateway itself in
    /// designs A–C, the `L1Escrow` in design D.
    Escrow,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 9] = [
        Role::Token,
        Role::Minter,
        Role::Staking,
        Role::Gateway,
        Role::Migrator,
        Role::Lens,
        Role::Oracle,
        Role::Derivative,
        Role::Escrow,
    ];
}

/// What a staking contract said of an unbonding lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockEvent {
    /// A lock was made.
    Made {
        /// Its owner.
        delegator: Address,
        /// Its id.
        id: U256,
        /// LPT in it.
        amount: U256,
        /// The round it may be withdrawn from.
        withdraw_round: u64,
    },
    /// A lock was rebonded.
    Rebonded {
        /// Its owner.
        delegator: Address,
        /// Its id.
        id: U256,
    },
    /// A lock was paid out.
    Paid {
        /// Its owner.
        delegator: Address,
        /// Its id.
        id: U256,
        /// LPT paid.
        amount: U256,
    },
}

/// What an L1 → L2 ticket carries, as its design reads it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Carried {
    /// LPT carried, or zero.
    pub lpt: U256,
    /// Who receives it on L2 (for a migration: the delegator).
    pub beneficiary: Address,
    /// For a stake migration: (delegator, destination orchestrator).
    pub migration: Option<(Address, Address)>,
    /// The path it travels.
    pub channel: Channel,
    /// Whether the design promises it completes (see `invariants::view::TicketView::valid`).
    pub valid: bool,
    /// For a ticket the protocol sends on a user's behalf (a stake migration, a legacy
    /// release, a round's rewards): that user, or the protocol contract whose value it is.
    /// `None` for a transfer whose sender chose its own terms.
    pub owner: Option<Address>,
}

/// What the machine needs to know of one design. The harness asks the design for what
/// differs between designs and does the rest itself.
pub trait Design: Sync {
    /// Which design this is.
    fn id(&self) -> DesignId;

    /// A one-line description for `crosscheck list`.
    fn summary(&self) -> &'static str;

    /// The name, in the contract book, of `role` on `chain`, if the design has that part.
    fn role_name(&self, chain: ChainId, role: Role) -> Option<&'static str>;

    /// Deploys the design from `artifacts` and runs its genesis.
    fn genesis(&self, artifacts: &Artifacts) -> Result<World>;

    /// A variant of the genesis, by name, for scripts that need another starting point;
    /// designs have none unless they say so.
    fn genesis_variant(&self, _artifacts: &Artifacts, variant: &str) -> Result<World> {
        bail!("design {} has no genesis variant {variant:?}", self.id())
    }

    /// Prebuilt contracts the design deploys besides the compiled tree, by the kind its
    /// book names them with: their ABIs join the artifacts, for generic calls and traces.
    fn prebuilt(&self) -> Result<Vec<(&'static str, crate::compile::CompiledContract)>> {
        Ok(Vec::new())
    }

    /// Runs `action` the design's own way where the shared machine's way does not fit its
    /// contracts (design D's staking is Livepeer's); `None` leaves it to the shared one.
    fn override_action(&self, _world: &mut World, _action: &Action) -> Option<Result<StepStatus>> {
        None
    }

    /// Reads a relative amount's base the design's own way; `None` leaves it to the shared
    /// staking core's views.
    fn amount_base(
        &self,
        _world: &mut World,
        _actor: Actor,
        _chain: ChainId,
        _base: crate::amount::Base,
    ) -> Option<Result<U256>> {
        None
    }

    /// What an outbox message carries: (LPT, its L1 recipient). The standard pair's
    /// withdrawal by default.
    fn decode_message(&self, book: &Book, m: &crate::bridge::OutboxMessage) -> (U256, Address) {
        gateway::withdrawal_message(book, m)
    }

    /// What a staking contract's log says of unbonding locks, if anything. The shared
    /// staking core's events by default.
    fn lock_event(&self, log: &Log) -> Option<LockEvent> {
        use crate::bindings::IStaking;
        use crate::chain::event;
        if let Some(e) = event::<IStaking::Unbond>(log) {
            return Some(LockEvent::Made {
                delegator: e.delegator,
                id: e.lockId,
                amount: e.amount,
                withdraw_round: e.withdrawRound.saturating_to(),
            });
        }
        if let Some(e) = event::<IStaking::Rebond>(log) {
            return Some(LockEvent::Rebonded {
                delegator: e.delegator,
                id: e.lockId,
            });
        }
        event::<IStaking::WithdrawStake>(log).map(|e| LockEvent::Paid {
            delegator: e.delegator,
            id: e.lockId,
            amount: e.amount,
        })
    }

    /// Whether the genesis ends a block after its last transaction, so that a campaign's
    /// first step starts a block of its own (A, B and C). Design D's ends in the block in
    /// which L2's first round after the migration started, and a project file with D's
    /// shape must end where D's does to give D's state.
    fn genesis_ends_in_a_fresh_block(&self) -> bool {
        true
    }

    /// The inflation round already started on `chain` when the genesis ends, if any: the
    /// Minter's current round by default.
    fn round_at_genesis(&self, world: &mut World, chain: ChainId) -> Result<Option<u64>> {
        let minter = world.role(chain, Role::Minter);
        let round: U256 = world.view(
            chain,
            minter,
            &crate::bindings::IMinter::currentRoundCall {},
        )?;
        Ok((!round.is_zero()).then(|| round.saturating_to()))
    }

    /// The parameters the invariants read.
    fn params(&self) -> Params;

    /// The oracle reporters the design appoints at genesis (design B).
    fn reporters(&self) -> Vec<Address> {
        Vec::new()
    }

    /// The chain whose gateway holds the design's escrow.
    fn escrow_chain(&self) -> ChainId;

    /// The LPT a log of the escrow holder says was escrowed (its deposit event), if it is
    /// one.
    fn escrowed_by(&self, log: &Log) -> Option<U256>;

    /// What ticket `t` carries.
    fn decode_ticket(&self, book: &Book, t: &Ticket) -> Carried;

    /// Whether a mint on L1 (`on_l1`) or L2 reached through `stack` is the design's
    /// inflation (I1, I2), as opposed to a bridge mint.
    fn is_inflation(&self, book: &Book, on_l1: bool, stack: &[Frame]) -> bool;

    /// Whether the design has `action` (a design-specific action, or one of the common
    /// ones, which every design has).
    fn has_action(&self, action: &Action) -> bool;

    /// Runs one of the actions whose meaning differs between designs: `Migrate`,
    /// `Deposit`, `Withdraw` and the design's own extras. The caller has checked
    /// [`Design::has_action`].
    fn run_action(&self, world: &mut World, action: &Action) -> Result<StepStatus>;

    /// Whether `action` is a call the design's staking contract offers for giving part of
    /// the signer's own bond to another account (see `invariants::migration::OnlyOwnerMoves`).
    /// None by default: the shared staking core has no such call.
    fn gives_own_bond(&self, _action: &Action) -> bool {
        false
    }

    /// How a trace names `action` where the design calls it something of its own, e.g.
    /// design C's `LegacyMigrator.migrateStake(orchestrator1)` for a migration; `None`
    /// keeps the action's own wording.
    fn describe(&self, _action: &Action) -> Option<String> {
        None
    }

    /// Fills the design's own figures of `chain` into `view` (authorities beyond the
    /// common three, the oracle, the reward pool, LPT′).
    fn read_extras(
        &self,
        _world: &mut World,
        _chain: ChainId,
        _view: &mut ChainView,
    ) -> Result<()> {
        Ok(())
    }

    /// What the design's keepers do before the drain delivers anything, as the network's
    /// own software would (design D: start L2's current round, as Livepeer's orchestrator
    /// nodes do at every round). Nothing by default.
    fn keep(&self, _world: &mut World) -> Result<()> {
        Ok(())
    }

    /// The chain where the design's LPT is at home, and to which the exit brings every
    /// actor's value (see `Checker::exit`): L1 where the L1 token is canonical (A, B).
    fn home(&self) -> ChainId {
        ChainId::L1
    }

    /// The first exit steps of `actor`, given both chains as last read: on the chain away
    /// from home, unbond all it has staked, which starts the unbonding period. This default
    /// serves the designs built on the shared staking core.
    fn leave(&self, _world: &mut World, now: &Chains, actor: Actor) -> Result<Vec<Action>> {
        let away = away_from(self.home());
        let stake = account(now, away, actor)
            .map(|a| a.stake)
            .unwrap_or_default();
        Ok(if stake.is_zero() {
            Vec::new()
        } else {
            vec![Action::Unbond {
                actor,
                chain: away,
                amount: crate::amount::Amount::Relative(crate::amount::Base::Stake, 0),
            }]
        })
    }

    /// The last exit steps of `actor`, after the unbonding period: withdraw every lock it
    /// holds away from home, then bridge all its liquid LPT there home (`withdraw`, which in
    /// designs A and B is the L2 → L1 move). This default serves the designs built on the
    /// shared staking core with the standard gateway pair.
    fn go_home(&self, world: &mut World, now: &Chains, actor: Actor) -> Result<Vec<Action>> {
        let away = away_from(self.home());
        let mut out = open_locks(world, away, actor)?
            .into_iter()
            .map(|lock| Action::WithdrawStake {
                actor,
                chain: away,
                lock,
            })
            .collect::<Vec<_>>();
        let held = account(now, away, actor)
            .map(|a| a.balance + a.unbonding)
            .unwrap_or_default();
        if !held.is_zero() {
            out.push(Action::Withdraw {
                actor,
                to: actor,
                amount: crate::amount::Amount::Relative(crate::amount::Base::Balance, 0),
            });
        }
        Ok(out)
    }

    /// Whether governance has closed the way home (the gateway that sends LPT home is
    /// paused), so that liquid LPT may stay away after an exit.
    fn way_home_closed(&self, now: &Chains) -> bool {
        match self.home() {
            ChainId::L1 => now.l2.gateway_paused,
            ChainId::L2 => now.l1.gateway_paused,
        }
    }

    /// The design's contracts as the invariants name them: by default, each part read from
    /// the design's [`Role`]s.
    fn book(&self, world: &World) -> Book {
        crate::world_view::book_of_roles(world)
    }

    /// Reads `chain` as the invariants see it. The built-in designs read it in one call of
    /// their lens contract, then add their own figures ([`Design::read_extras`]).
    fn read_chain(&self, world: &mut World, chain: ChainId) -> Result<ChainView> {
        crate::world_view::read_through_lens(world, chain)
    }

    /// The invariants checked after every step: the catalogue's list for the design.
    fn invariants(&self) -> Vec<Box<dyn invariants::Invariant>> {
        invariants::for_design(self.id().name())
    }

    /// The design's own property functions broken in `world` as it is, each as (its name,
    /// why): a project's `invariant_*` and `echidna_*` functions. None by default.
    fn broken_properties(&self, _world: &mut World) -> Vec<(String, String)> {
        Vec::new()
    }

    /// How many times more often than others a campaign's generic calls pick
    /// `contract.function` (a deployment's name and a function's): 0 never, 1 by default.
    /// A project file's `[calls]` sets it.
    fn call_weight(&self, _contract: &str, _function: &str) -> u32 {
        1
    }

    /// Whether a campaign draws the typed staking and bridging actions (bond, migrate,
    /// deposit, ...) for it. A project file's contracts have none of them: its campaigns
    /// draw ABI calls and the bridge's and the clocks' actions alone.
    fn typed_actions(&self) -> bool {
        true
    }

    /// With some probability, one of the design's own actions for a campaign, drawn
    /// through `draw`; `None` without drawing leaves a design without extras generating as
    /// if this did not exist.
    fn propose(&self, _draw: &mut dyn Draw) -> Option<Action> {
        None
    }
}
