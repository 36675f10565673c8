//! The designs crosscheck models. Each is one module implementing [`Design`]: how it is
//! deployed (its genesis), what its parts are called, what its bridge messages mean, and
//! how its own actions (migrate, deposit, withdraw and any extras) map onto its contracts.
//! Everything else, the chains, the relayer, the checker and the campaign, is shared.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use alloy_primitives::{Address, Log, U256};
use anyhow::{anyhow, bail, Result};
use invariants::view::{Book, ChainView, Chains, Channel, Frame, Params};
use serde::{Deserialize, Serialize};

use crate::action::Action;
use crate::actors::Actor;
use crate::bridge::Ticket;
use crate::campaign::generate::{Ctx, Dictionary};
use crate::campaign::rng::Rng;
use crate::chain::ChainId;
use crate::compile::Artifacts;
use crate::step::StepStatus;
use crate::world::World;

pub mod deploy;
pub mod design_a;
pub mod design_b;
pub mod design_c;
pub mod design_d;
pub mod gateway;

/// A selectable design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DesignId {
    /// The proposal's own design: escrow-or-mint, minting on L2.
    A,
    /// Minting on L1 only, with an oracle reporting L2 stake (LIP-74).
    B,
    /// The L2 token is canonical; L1 carries derivative LPT′.
    C,
    /// LIP-73 "Confluence" as Livepeer deployed it: L1 frozen, per-user migration by
    /// message, on Livepeer's own protocol bytecode.
    D,
}

impl DesignId {
    /// Every implemented design.
    pub const ALL: [DesignId; 4] = [DesignId::A, DesignId::B, DesignId::C, DesignId::D];

    /// The one-letter name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            DesignId::A => "a",
            DesignId::B => "b",
            DesignId::C => "c",
            DesignId::D => "d",
        }
    }

    /// A one-line description.
    pub fn summary(self) -> &'static str {
        self.spec().summary()
    }

    /// The design's implementation.
    pub fn spec(self) -> &'static dyn Design {
        match self {
            DesignId::A => &design_a::DesignA,
            DesignId::B => &design_b::DesignB,
            DesignId::C => &design_c::DesignC,
            DesignId::D => &design_d::DesignD,
        }
    }

    /// The invariants' name for it.
    pub fn view_design(self) -> invariants::view::Design {
        match self {
            DesignId::A => invariants::view::Design::A,
            DesignId::B => invariants::view::Design::B,
            DesignId::C => invariants::view::Design::C,
            DesignId::D => invariants::view::Design::D,
        }
    }
}

impl fmt::Display for DesignId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for DesignId {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "a" => Ok(DesignId::A),
            "b" => Ok(DesignId::B),
            "c" => Ok(DesignId::C),
            "d" => Ok(DesignId::D),
            _ => bail!("unknown design {s:?}; designs: a, b, c, d"),
        }
    }
}

/// The other chain.
pub fn away_from(home: ChainId) -> ChainId {
    match home {
        ChainId::L1 => ChainId::L2,
        ChainId::L2 => ChainId::L1,
    }
}

/// `actor`'s account on `chain` as last read.
pub fn account(now: &Chains, chain: ChainId, actor: Actor) -> Option<&invariants::view::Account> {
    let accounts = match chain {
        ChainId::L1 => &now.l1.accounts,
        ChainId::L2 => &now.l2.accounts,
    };
    accounts.get(actor.index())
}

/// The ids of `actor`'s unbonding locks on `chain` that still hold LPT, from the shared
/// staking core's views.
pub fn open_locks(world: &mut World, chain: ChainId, actor: Actor) -> Result<Vec<u64>> {
    use crate::bindings::IStaking;
    let staking = world.role(chain, Role::Staking);
    let delegator = actor.address();
    let d = world.view(chain, staking, &IStaking::getDelegatorCall { delegator })?;
    let mut out = Vec::new();
    for id in 0..d.nextLockId.saturating_to::<u64>() {
        let lock = world.view(
            chain,
            staking,
            &IStaking::getUnbondingLockCall {
                delegator,
                lockId: U256::from(id),
            },
        )?;
        if !lock.amount.is_zero() {
            out.push(id);
        }
    }
    Ok(out)
}

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

    /// With some probability, one of the design's own actions for a campaign; `None`
    /// draws nothing from `rng`, so a design without extras generates as if this did not
    /// exist.
    fn generate_extra(&self, _rng: &mut Rng, _ctx: Ctx<'_>, _dict: &Dictionary) -> Option<Action> {
        None
    }
}

/// The deployed contracts of a design, by chain and name (the Solidity contract name,
/// or a role name where one contract is deployed twice).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ContractBook {
    /// Per chain, so that a lookup by `&str` needs no owned key (it runs on every step).
    entries: BTreeMap<ChainId, BTreeMap<String, Address>>,
    /// The compiled contract each entry is an instance of.
    kinds: BTreeMap<(ChainId, String), String>,
}

impl ContractBook {
    /// Records `name` on `chain` at `address` and names the address for traces.
    pub fn insert(&mut self, chain: ChainId, name: &str, address: Address) {
        crate::names::register(address, name);
        self.entries
            .entry(chain)
            .or_default()
            .insert(name.to_string(), address);
    }

    /// Records that `name` on `chain` is an instance of compiled contract `kind`.
    pub fn set_kind(&mut self, chain: ChainId, name: &str, kind: &str) {
        self.kinds
            .insert((chain, name.to_string()), kind.to_string());
    }

    /// The compiled contract `name` on `chain` is an instance of.
    pub fn kind(&self, chain: ChainId, name: &str) -> Option<&str> {
        self.kinds
            .get(&(chain, name.to_string()))
            .map(String::as_str)
    }

    /// The address of `name` on `chain`.
    pub fn get(&self, chain: ChainId, name: &str) -> Result<Address> {
        self.entries
            .get(&chain)
            .and_then(|names| names.get(name))
            .copied()
            .ok_or_else(|| anyhow!("no contract named {name} on {chain}"))
    }

    /// The address of `name` on `chain`; panics if the design has none (a harness bug).
    pub fn addr(&self, chain: ChainId, name: &str) -> Address {
        self.get(chain, name)
            .unwrap_or_else(|e| panic!("design wiring: {e}"))
    }

    /// Every entry.
    pub fn iter(&self) -> impl Iterator<Item = (ChainId, &str, Address)> {
        self.entries
            .iter()
            .flat_map(|(c, names)| names.iter().map(|(n, a)| (*c, n.as_str(), *a)))
    }

    /// The chain and name of `address`, if it is one of the design's contracts.
    pub fn lookup(&self, address: Address) -> Option<(ChainId, &str)> {
        self.iter()
            .find(|(_, _, a)| *a == address)
            .map(|(c, n, _)| (c, n))
    }
}

impl DesignId {
    /// The name, in the contract book, of `role` on `chain`, if the design has that part.
    /// The escrow is the gateway unless the design names a contract of its own.
    pub fn role_name(self, chain: ChainId, role: Role) -> Option<&'static str> {
        match (role, self.spec().role_name(chain, role)) {
            (Role::Escrow, None) => self.spec().role_name(chain, Role::Gateway),
            (_, name) => name,
        }
    }
}

/// Every contract name any design deploys, for actions drawn by `arbitrary` (which knows
/// no design; a name the running design lacks makes a rejected step).
pub const CONTRACT_NAMES: [&str; 32] = [
    "L1BondingManager",
    "L2BondingManager",
    "L1TicketBroker",
    "L2TicketBroker",
    "L2RoundsManager",
    "BridgeMinter",
    "L1Escrow",
    "L1LPTDataCache",
    "L2LPTDataCache",
    "MerkleSnapshot",
    "L2Controller",
    "L1Controller",
    "L1Token",
    "L1Minter",
    "L1Gateway",
    "L1Migrator",
    "Inbox",
    "Bridge",
    "Outbox",
    "L2Token",
    "L2Minter",
    "L2StakingManager",
    "L2Gateway",
    "L2Migrator",
    "ArbSys",
    "L1Lens",
    "L2Lens",
    "L2StakeOracle",
    "LegacyMigrator",
    "LPTPrime",
    "L1Bridge",
    "L2Bridge",
];

/// The genesis snapshot of `design` compiled from the source tree at `root` (the project's
/// `contracts/`, or a mutant's copy), built once per process.
pub fn genesis_snapshot(
    design: DesignId,
    root: &std::path::Path,
) -> Result<std::sync::Arc<crate::world::WorldSnapshot>> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    type Memo = Mutex<HashMap<(DesignId, std::path::PathBuf), Arc<crate::world::WorldSnapshot>>>;
    static MEMO: OnceLock<Memo> = OnceLock::new();
    let key = (design, root.to_path_buf());
    if let Some(s) = MEMO
        .get_or_init(Default::default)
        .lock()
        .expect("genesis memo")
        .get(&key)
    {
        return Ok(s.clone());
    }
    let artifacts = artifacts(design, root)?;
    crate::decode::register_abis(&artifacts);
    let world = design
        .spec()
        .genesis(&artifacts)
        .map_err(|e| e.context(format!("design {design} genesis")))?;
    world.require_separate_chains()?;
    let snapshot = Arc::new(world.snapshot());
    MEMO.get_or_init(Default::default)
        .lock()
        .expect("genesis memo")
        .insert(key, snapshot.clone());
    Ok(snapshot)
}

/// A fresh world of `design` at genesis, from the project's own contracts.
pub fn fresh_world(design: DesignId) -> Result<crate::world::World> {
    let snapshot = genesis_snapshot(design, &crate::compile::contracts_dir())?;
    Ok(crate::world::World::from_snapshot(&snapshot))
}

/// A world of `design` at the genesis variant `variant` (see [`Design::genesis_variant`]),
/// from the contracts at `root`.
pub fn variant_world(design: DesignId, root: &std::path::Path, variant: &str) -> Result<World> {
    let artifacts = artifacts(design, root)?;
    crate::decode::register_abis(&artifacts);
    let world = design
        .spec()
        .genesis_variant(&artifacts, variant)
        .map_err(|e| e.context(format!("design {design} genesis ({variant})")))?;
    world.require_separate_chains()?;
    Ok(world)
}

/// The world a script starts from: `design`'s genesis, or its genesis variant `variant`,
/// on the correct contracts or on mutant `mutant`'s.
pub fn script_world(
    design: DesignId,
    mutant: Option<&str>,
    variant: Option<&str>,
) -> Result<World> {
    match (mutant, variant) {
        (Some(name), None) => crate::mutants::find(design, name)?.world(design),
        (None, None) => fresh_world(design),
        (mutant, Some(variant)) => {
            let root = match mutant {
                Some(name) => crate::mutants::find(design, name)?.materialise(design)?,
                None => crate::compile::contracts_dir(),
            };
            variant_world(design, &root, variant)
        }
    }
}

/// Everything `design` deploys from the tree at `root`: the tree compiled, and the
/// design's prebuilt contracts beside it. Built once per (design, root) and process.
pub fn artifacts(design: DesignId, root: &std::path::Path) -> Result<std::sync::Arc<Artifacts>> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    type Memo = Mutex<HashMap<(DesignId, std::path::PathBuf), Arc<Artifacts>>>;
    static MEMO: OnceLock<Memo> = OnceLock::new();
    let key = (design, root.to_path_buf());
    if let Some(a) = MEMO
        .get_or_init(Default::default)
        .lock()
        .expect("memo")
        .get(&key)
    {
        return Ok(a.clone());
    }
    let prebuilt = design.spec().prebuilt()?;
    let compiled = crate::compile::compile(root)?;
    let artifacts = if prebuilt.is_empty() {
        compiled
    } else {
        let mut merged = (*compiled).clone();
        for (kind, contract) in prebuilt {
            merged.insert(kind, contract)?;
        }
        Arc::new(merged)
    };
    MEMO.get_or_init(Default::default)
        .lock()
        .expect("memo")
        .insert(key, artifacts.clone());
    Ok(artifacts)
}
