//! The read-only picture of the two-chain world that invariants are written against.
//! The harness fills it after every step; nothing here knows how.

use alloy_primitives::{Address, U256};
use serde::{Deserialize, Serialize};

/// When the view was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Checkpoint {
    /// Right after a step; messages may be in flight.
    AfterStep,
    /// After the harness drained every queue: every ticket was (re)delivered with ample
    /// gas and every matured outbox message executed. Gateways stay as paused as they were.
    Quiescent,
    /// After that, once every actor has taken its value home from the other chain (see
    /// [`Exit`]) and the queues were drained again.
    Exited,
}

/// What the exit after a quiescent check did: every actor unbonded what it had staked on
/// the chain away from the design's home, waited out the unbonding period, withdrew its
/// locks, and bridged its liquid LPT home (designs A and B: from L2 to L1; design C: from
/// L1 to L2).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Exit {
    /// Each actor's value (`value::actor_values`) at the quiescent check, before leaving.
    pub values_before: Vec<U256>,
    /// True for designs whose home is L1 (A, B), false for L2 (C).
    pub home_l1: bool,
    /// Whether the way home was closed by governance (the outbound gateway paused), so
    /// that liquid LPT may stay away.
    pub way_closed: bool,
}

/// Which design a view is of. The catalogue differs per design (see `for_design`), and a
/// few shared invariants read a design-specific figure (where the escrow is, what the
/// reward pool holds).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Design {
    /// The proposal's design: L2 mints inflation; the L1 gateway releases escrow or mints
    /// the shortfall.
    #[default]
    A,
    /// Minting on L1 only, steered by an oracle's report of L2 stake; rewards bridged to an
    /// L2 reward pool.
    B,
    /// The L2 token is canonical; L1 carries derivative LPT′; legacy L1 LPT is locked one way.
    C,
    /// LIP-73 as deployed: L1 frozen, per-user migration by message, bulk LPT bridged once
    /// into the L2 Migrator; the L1 escrow is a contract of its own (`L1Escrow`) and L1 mints
    /// only a withdrawal's shortfall, through the BridgeMinter.
    D,
    /// A project file's contracts: a token per chain and an escrow, as its roles declare
    /// them (see [`crate::project`]).
    Project,
}

/// The design's contracts, by part. Each design fills every part it has (see the
/// deployment modules); a part it lacks is the zero address.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Book {
    /// L1 LPT (design C: legacy LPT, frozen).
    pub l1_token: Address,
    /// L1 Minter.
    pub l1_minter: Address,
    /// L1 staking contract (BondingManager).
    pub l1_staking: Address,
    /// L1 gateway (A, B: holds the escrow E; C: the L1 side of the custom bridge, LPT′'s
    /// minter and burner).
    pub l1_gateway: Address,
    /// L1 Migrator (C: the LegacyMigrator, which holds locked legacy LPT).
    pub l1_migrator: Address,
    /// L1 Bridge stand-in (`msg.sender` of outbox executions).
    pub bridge: Address,
    /// L2 LPT.
    pub l2_token: Address,
    /// L2 Minter (B: the reward pool, which also custodies bonded L2 LPT).
    pub l2_minter: Address,
    /// L2 staking contract (StakingManager).
    pub l2_staking: Address,
    /// L2 gateway (C: the L2 side of the custom bridge, which holds the escrow E2).
    pub l2_gateway: Address,
    /// L2 Migrator (C: the holder of the genesis reserve).
    pub l2_migrator: Address,
    /// The holder of the L1 escrow E: the L1 gateway in designs A and B, the `L1Escrow`
    /// in design D (design C escrows on L2, in its L2 bridge).
    pub l1_escrow: Address,
    /// Design C: LPT′, the derivative L1 token.
    pub l1_derivative: Address,
    /// Design B: the L2 stake oracle.
    pub oracle: Address,
    /// Design B: the oracle reporters governance appointed at genesis.
    pub reporters: Vec<Address>,
}

impl Book {
    /// The contracts that hold LPT on the users' behalf: the gateways (escrow), the
    /// Minters (bonded stake, reward pools), the staking contracts and the migrators. LPT
    /// leaving one of them is the protocol paying someone; LPT leaving any other
    /// non-actor address (a token contract, the Bridge, a lens) is not.
    pub fn custodians(&self) -> [Address; 8] {
        [
            self.l1_gateway,
            self.l1_minter,
            self.l1_staking,
            self.l1_migrator,
            self.l2_gateway,
            self.l2_minter,
            self.l2_staking,
            self.l2_migrator,
        ]
    }
}

/// One address's position on one chain.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The address.
    pub address: Address,
    /// Liquid LPT (design C, L1: legacy LPT).
    pub balance: U256,
    /// Design C, L1: liquid LPT′ (zero elsewhere).
    pub derivative: U256,
    /// Bonded stake including unclaimed rewards.
    pub stake: U256,
    /// LPT in unbonding locks.
    pub unbonding: U256,
    /// Withdrawable ETH fees including unclaimed ones.
    pub fees: U256,
    /// Stored bonded amount (without unclaimed rewards).
    pub bonded: U256,
    /// Delegate (zero if none).
    pub delegate: Address,
    /// Whether it is a registered orchestrator.
    pub registered: bool,
    /// False if the staking contract's own views revert for it (then stake and fees
    /// read as zero).
    pub readable: bool,
}

impl Account {
    /// Liquid (LPT and LPT′) + staked + unbonding LPT.
    pub fn lpt(&self) -> U256 {
        self.balance + self.derivative + self.stake + self.unbonding
    }
}

/// One chain.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ChainView {
    /// Token total supply.
    pub supply: U256,
    /// Total bonded stake.
    pub total_bonded: U256,
    /// Current staking round.
    pub round: u64,
    /// The actors, in a fixed order, then the chain's migrator contract.
    pub accounts: Vec<Account>,
    /// LPT held by the chain's gateway: the escrow where the design keeps one (A and B:
    /// E on L1; C: E2 on L2).
    pub gateway_balance: U256,
    /// LPT custodied by the Minter (bonded and unbonding stake backing; in B on L2 also
    /// the reward pool's undistributed rewards).
    pub custody: U256,
    /// LPT held by the chain's migrator contract. Design C: on L1 the locked legacy LPT,
    /// on L2 the genesis reserve not yet released. (A and B's migrators pass LPT through
    /// within one transaction.)
    pub migrator_balance: U256,
    /// Whether the gateway is paused.
    pub gateway_paused: bool,
    /// Who holds each authority the design declares (see `authority::declared`), in the
    /// order the design reads them.
    pub roles: Vec<RoleSet>,
    /// The chain's time.
    pub timestamp: u64,
    /// Design C, L1: LPT′ total supply (zero elsewhere).
    pub derivative_supply: U256,
    /// Design B, L1: what the monetary policy reads.
    pub policy: Option<PolicyReading>,
    /// Design B, L2: the reward pool's own books.
    pub pool: Option<PoolBooks>,
    /// Design D, L2: per actor (in actor order), the LPT of its frozen L1 position that has
    /// migrated (its stake, once its delegation migrated, and each migrated lock): L1 still
    /// shows it, frozen, but it lives on L2 now.
    pub frozen_migrated: Vec<U256>,
    /// Design D, L2: per actor (in actor order), whether its frozen L1 delegation has
    /// migrated (by message or by claim).
    #[serde(default)]
    pub delegation_migrated: Vec<bool>,
    /// Design D, L2: the delegator pools of migrated orchestrators.
    pub pools: Vec<PoolState>,
    /// Design D, L2: the L1 supply data cache.
    pub cache: Option<CacheState>,
    /// A project: each role token of the chain, in the order its `roles` name them (the
    /// i-th of L1 and the i-th of L2 are a bridged pair).
    #[serde(default)]
    pub tokens: Vec<TokenSupply>,
}

/// A project's role token as one chain shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenSupply {
    /// The token.
    pub token: Address,
    /// Its total supply.
    pub supply: U256,
    /// What the chain's escrow holders hold of it together.
    pub escrowed: U256,
}

/// Design D: one orchestrator's delegator pool.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolState {
    /// The orchestrator (its L1 address).
    pub orchestrator: Address,
    /// The pool.
    pub pool: Address,
    /// The frozen L1 stake it stands for.
    pub initial: U256,
    /// How much of that has been claimed.
    pub claimed: U256,
    /// Its pending stake on L2.
    pub stake: U256,
    /// Its pending fees on L2.
    pub fees: U256,
}

/// Design D: what L2 knows of L1's supply, as Livepeer's L2 Minter reads it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheState {
    /// The L1 LPT the L2 Minter counts as circulating on L1, which it adds to L2's supply
    /// for its inflation base: its `getGlobalTotalSupply()` less L2's total supply. The
    /// data cache makes it from the L1 supply last reported less the L2 supply that came
    /// from L1.
    pub l1_circulating: U256,
}

/// The holders of one authority: a token's minter or burner role, a Minter's delegates, an
/// oracle's reporters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSet {
    /// What the authority is, e.g. `"LPT minter role"`.
    pub what: String,
    /// Its holders, in no particular order.
    pub holders: Vec<Address>,
}

/// Design B's L1 monetary policy inputs and state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyReading {
    /// The L1 Minter's inflation rate, parts per billion.
    pub inflation: U256,
    /// The oracle's last accepted report of L2 stake.
    pub oracle_stake: U256,
    /// When it was accepted (L1 time; zero before the first report).
    pub oracle_reported_at: u64,
}

/// Design B's L2 reward pool, as the pool itself books it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolBooks {
    /// Rewards it booked as received.
    pub received: U256,
    /// Rewards it booked as paid out.
    pub distributed: U256,
}

impl ChainView {
    /// The account of `address`, if it is read.
    pub fn account(&self, address: Address) -> Option<&Account> {
        self.accounts.iter().find(|a| a.address == address)
    }

    /// The holders of the authority named `what`, sorted; empty if it is not read.
    pub fn holders(&self, what: &str) -> Vec<Address> {
        let mut holders = self
            .roles
            .iter()
            .find(|r| r.what == what)
            .map(|r| r.holders.clone())
            .unwrap_or_default();
        holders.sort();
        holders
    }
}

/// Both chains at one moment.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Chains {
    /// Ethereum.
    pub l1: ChainView,
    /// Arbitrum.
    pub l2: ChainView,
}

/// Where a ticket is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TicketStatus {
    /// Not yet auto-redeemed.
    Created,
    /// An attempt failed; redeemable.
    Failed,
    /// Executed.
    Redeemed,
    /// Cancelled by its beneficiary.
    Cancelled,
    /// Expired.
    Expired,
}

impl TicketStatus {
    /// Cancelled or expired: its call is lost.
    pub fn is_lost(self) -> bool {
        matches!(self, TicketStatus::Cancelled | TicketStatus::Expired)
    }
}

/// Which of the design's paths an L1 → L2 ticket carries LPT on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    /// None: it carries no LPT of the design.
    #[default]
    None,
    /// The design's token bridge: a gateway deposit (A, B; migrations travel this way
    /// too) or a burn of LPT′ that releases L2 escrow (C).
    Bridge,
    /// Design B: a round's rewards from the L1 Minter to the L2 reward pool.
    Reward,
    /// Design C: legacy LPT locked on L1, released on L2 from the genesis reserve.
    Legacy,
}

/// One L1 → L2 ticket, decoded.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TicketView {
    /// Ticket id.
    pub id: u64,
    /// Its L1 sender.
    pub l1_sender: Address,
    /// Its L2 target.
    pub to: Address,
    /// Current state.
    pub status: TicketStatus,
    /// The first terminal state it reached, if any.
    pub first_terminal: Option<TicketStatus>,
    /// Successful executions.
    pub successes: u32,
    /// LPT it carries (a deposit, migration, reward or legacy release), or zero.
    pub lpt: U256,
    /// The path it carries it on.
    pub channel: Channel,
    /// Who receives that LPT on L2 (for a migration: the delegator).
    pub beneficiary_of_value: Address,
    /// For a migration: (delegator, destination orchestrator).
    pub migration: Option<(Address, Address)>,
    /// Whether a drain redeem of it failed.
    pub stuck: bool,
    /// Who may cancel it (its `callValueRefundAddress`, which the L1 sender chose).
    pub canceller: Address,
    /// Who cancelled it, if it was cancelled.
    pub cancelled_by: Option<Address>,
    /// L2 time from which it is expired: its creation plus the ticket lifetime.
    pub expires_at: u64,
    /// L2 time of its successful execution, if any.
    pub redeemed_at: Option<u64>,
    /// For a ticket the protocol sent on a user's behalf, that user (or the protocol
    /// contract whose value it carries); `None` where the sender chose its own terms.
    pub owner: Option<Address>,
    /// A valid transfer the design promises to complete: a plain deposit (no call hook),
    /// a migration from the L1 Migrator, a reward ticket of the L1 Minter (B), a release of
    /// LPT′ burned on L1 or a legacy migration (C). A deposit whose sender attached its own
    /// call hook completes only if that hook does.
    pub valid: bool,
}

impl TicketView {
    /// Neither executed nor lost: it is still pending or failed, or failed when the drain
    /// redeemed it.
    pub fn unfinished(&self) -> bool {
        self.stuck || matches!(self.status, TicketStatus::Created | TicketStatus::Failed)
    }
}

/// One L2 → L1 message, decoded.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MessageView {
    /// Outbox index.
    pub index: u64,
    /// Its L2 sender.
    pub l2_sender: Address,
    /// Its L1 target.
    pub to: Address,
    /// Successful executions.
    pub executions: u32,
    /// Whether the challenge period has passed.
    pub matured: bool,
    /// L1 time from which it may execute: its sending time plus the challenge period.
    pub executable_at: u64,
    /// L1 time of its (first) successful execution.
    pub executed_at: Option<u64>,
    /// LPT it carries (a gateway withdrawal; in C LPT escrowed on L2 for LPT′), or zero.
    pub lpt: U256,
    /// Who receives that LPT on L1.
    pub recipient: Address,
}

/// Under which bridge message a transaction ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Context {
    /// A direct transaction.
    Direct,
    /// An L2 execution of a ticket from `l1_sender`.
    Ticket {
        /// Ticket id.
        id: u64,
        /// L1 sender.
        l1_sender: Address,
    },
    /// An L1 outbox execution of a message from `l2_sender`.
    Outbox {
        /// Outbox index.
        index: u64,
        /// L2 sender.
        l2_sender: Address,
    },
}

/// One call frame: who called which contract with which selector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    /// `msg.sender`.
    pub caller: Address,
    /// The callee.
    pub target: Address,
    /// The selector called.
    pub selector: [u8; 4],
}

/// A mint or burn with the call stack that reached it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SupplyChange {
    /// True for L1.
    pub on_l1: bool,
    /// True for a mint, false for a burn.
    pub mint: bool,
    /// The token.
    pub token: Address,
    /// The holder (recipient of a mint, source of a burn).
    pub holder: Address,
    /// Amount.
    pub amount: U256,
    /// Call stack, entry frame first.
    pub stack: Vec<Frame>,
    /// Bridge context.
    pub context: Context,
}

/// A stake migration observed on L1 in this step.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MigrationOut {
    /// The delegator.
    pub delegator: Address,
    /// LPT the L1 side moved out.
    pub amount: U256,
    /// Its L1 pending stake just before the step.
    pub stake_before: U256,
    /// Its L1 pending stake just after.
    pub stake_after: U256,
    /// Its stored L1 bond just after (pending stake can read zero while a bond remains,
    /// e.g. when the delegate was cleared).
    pub bonded_after: U256,
    /// Its L1 withdrawable fees just before.
    pub fees_before: U256,
    /// Its L1 withdrawable fees just after.
    pub fees_after: U256,
}

/// The migration tickets of one delegator executed on L2 in this step.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MigrationIn {
    /// The first such ticket.
    pub ticket: u64,
    /// The delegator named in it.
    pub delegator: Address,
    /// LPT they carried together.
    pub amount: U256,
    /// The delegator's L2 stake + unbonding before the step.
    pub l2_before: U256,
    /// The delegator's L2 stake + unbonding after the step.
    pub l2_after: U256,
}

/// An L1 gateway withdrawal executed in this step.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WithdrawalOut {
    /// Outbox index.
    pub index: u64,
    /// LPT the message asked for (X).
    pub amount: U256,
    /// Escrow before (E_before).
    pub escrow_before: U256,
    /// Escrow after.
    pub escrow_after: U256,
    /// L1 LPT minted during the execution.
    pub minted: U256,
}

/// An unbonding lock made in this step.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LockMade {
    /// True for L1.
    pub on_l1: bool,
    /// Its owner.
    pub delegator: Address,
    /// Its id.
    pub id: U256,
    /// LPT in it.
    pub amount: U256,
    /// The chain's staking round when it was made.
    pub round: u64,
    /// The round from which it may be withdrawn, as the contract set it.
    pub withdraw_round: u64,
    /// Whether a bridge ticket made it (a migration the protocol holds as a lock), rather
    /// than its owner unbonding.
    pub by_ticket: bool,
}

/// An unbonding lock paid out in this step.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LockPaid {
    /// True for L1.
    pub on_l1: bool,
    /// Its owner.
    pub delegator: Address,
    /// Its id.
    pub id: U256,
    /// LPT paid.
    pub amount: U256,
    /// The chain's staking round when it was paid.
    pub round: u64,
    /// The withdraw round it was made with, if it was made after genesis.
    pub due: Option<u64>,
}

/// Design D: what a step did to migrations, from the migration contracts' events, with
/// what the harness remembers of earlier steps.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ConfluenceStep {
    /// Migrations the L1 Migrator started in this step.
    pub initiated: Vec<Initiated>,
    /// Migrations the L2 Migrator finalised (or `claimStake` claimed) in this step.
    pub finalized: Vec<Finalized>,
    /// Delegator pools' payouts in this step.
    pub pool_claims: Vec<PoolClaim>,
    /// ETH paid on L2 in this step, by recipient: every value transfer of the step's
    /// calls, whoever pays (the L2 Migrator's fees, the Minter's for a withdrawal of fees).
    pub fees_paid: Vec<(Address, U256)>,
    /// TicketBroker deposits and reserves funded on L2 in this step: (account, deposit,
    /// reserve).
    pub funded: Vec<(Address, U256, U256)>,
    /// Rounds the L2 Minter started in this step: (mintable, inflation in parts per
    /// million).
    pub round_starts: Vec<(U256, U256)>,
}

impl ConfluenceStep {
    /// ETH paid to `to` in this step.
    pub fn paid_to(&self, to: Address) -> U256 {
        self.fees_paid
            .iter()
            .filter(|(a, _)| *a == to)
            .map(|(_, x)| *x)
            .sum()
    }
}

/// Which migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MigrationKind {
    /// A delegation, by message.
    Delegator,
    /// A delegation, by `claimStake`.
    Claim,
    /// Unbonding locks.
    Locks,
    /// A broadcaster's deposit and reserve.
    Sender,
}

/// A migration the L1 Migrator started.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Initiated {
    /// Which.
    pub kind: MigrationKind,
    /// The L1 address migrated.
    pub l1: Address,
    /// The L2 address named.
    pub l2: Address,
    /// The lock ids (locks only).
    pub locks: Vec<U256>,
    /// Whether the L1 address itself, or its valid EIP-712 signature, authorised it (the
    /// harness checks the signature itself).
    pub authorised: bool,
}

/// A migration the L2 side finalised.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Finalized {
    /// Which.
    pub kind: MigrationKind,
    /// The L1 address migrated.
    pub l1: Address,
    /// The L2 address credited.
    pub l2: Address,
    /// The stake it carried (locks: their total; sender: the deposit).
    pub stake: U256,
    /// The fees it carried (sender: the reserve).
    pub fees: U256,
    /// The delegate it named.
    pub delegate: Address,
    /// The lock ids (locks only).
    pub locks: Vec<U256>,
    /// Whether this L1 address (and kind), or one of these lock ids, had been finalised
    /// before, by either path.
    pub again: bool,
    /// What the frozen L1 protocol holds of the L1 address, read by the harness itself.
    pub frozen: Frozen,
    /// For an orchestrator's own migration: the delegator pool it created.
    pub pool: Option<PoolState>,
    /// For an orchestrator's own migration: the frozen stake of its delegators that had
    /// migrated before it, credited to them directly (it is not the pool's to hold).
    pub direct_before: U256,
}

/// What the frozen L1 protocol holds of one address, as the harness reads it (L1 is frozen,
/// so it reads the same before and after any step).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frozen {
    /// Delegation: pending stake. Locks: the total of the named locks (each once). Sender:
    /// the TicketBroker deposit.
    pub stake: U256,
    /// Delegation: pending fees. Sender: the reserve. Locks: zero.
    pub fees: U256,
    /// The delegate it was bonded to.
    pub delegate: Address,
    /// The stake delegated to it (an orchestrator's, its own included).
    pub delegated: U256,
}

/// A delegator pool's payout.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PoolClaim {
    /// The pool.
    pub pool: Address,
    /// The delegator paid.
    pub delegator: Address,
    /// Stake moved to it.
    pub stake: U256,
    /// Fees paid to it.
    pub fees: U256,
}

/// Counters the harness keeps from genesis on.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Ghost {
    /// Supply at genesis, counted as in invariant 1 (G0).
    pub genesis_supply: U256,
    /// Cumulative inflation minted on L1 since genesis (I1).
    pub inflation_l1: U256,
    /// Cumulative inflation minted on L2 since genesis (I2).
    pub inflation_l2: U256,
    /// The same inflation, per token minted (either chain), in the order first minted:
    /// kept for a project's designs, whose `bridged-supply-backed` holds each pair apart.
    #[serde(default)]
    pub inflation_by_token: Vec<(Address, U256)>,
    /// Cumulative L1 mints made through the L1 gateway (M1).
    pub shortfall_mints: U256,
    /// LPT burned by users where the design allows it.
    pub user_burns: U256,
    /// Escrow at genesis.
    pub escrow_genesis: U256,
    /// Σ LPT escrowed by deposits (the escrow holder's own deposit events).
    pub escrowed: U256,
    /// Σ LPT paid out of the escrow by withdrawals.
    pub released: U256,
    /// Σ LPT sent to the escrow holder other than by a deposit it pulled.
    pub unsolicited: U256,
    /// Design C: legacy LPT sent to the LegacyMigrator other than through its own
    /// functions (a donation, locked with the rest).
    pub lock_donations: U256,
    /// Design C: legacy LPT that ever left the LegacyMigrator (it must stay zero).
    pub unlocked: U256,
    /// Design C: L2 LPT sent to the genesis reserve's holder after genesis.
    pub reserve_donations: U256,
    /// Design B: LPT of reward tickets redeemed into the L2 reward pool.
    pub rewards_bridged: U256,
    /// Design B: rewards paid out on L2 (the StakingManager's `Reward` amounts).
    pub rewards_distributed: U256,
    /// Design B: rewards paid out in this step.
    pub step_rewards: U256,
    /// Design B: the current L2 round's allowance, as the harness computes it.
    pub allowance: AllowanceLedger,
    /// Per chain (L1, L2): the current round, the supply just before it started, and
    /// the inflation minted in it.
    pub rounds: [RoundLedger; 2],
    /// Inflation minted in this step, both chains.
    pub step_inflation: U256,
    /// Design D: the newest supply report delivered to L2 so far, (its ticket, the L1
    /// supply when it was sent), by the harness's own count of redeemed report tickets:
    /// tickets are created in L1 order, so the highest ticket is the newest report.
    pub newest_supply_report: Option<(u64, U256)>,
    /// Design D: L2 LPT minted for deposits from L1 less L2 LPT burned for withdrawals to
    /// L1 (never below zero), by the harness's own count.
    pub supply_from_l1: U256,
    /// Design D: what the L2 Minter may mint in its current round, as it set it when the
    /// round started.
    pub l2_round_mintable: U256,
    /// LPT (or LPT′) that reached the actors in this step from an address outside the
    /// protocol: neither an actor nor one of the design's custodians (see
    /// [`Book::custodians`]). LPT sent to such an address is out of the protocol's hands
    /// (Arbitrum's Bridge, say, makes any call an L2 message asks for), so whoever later
    /// pulls it out gains value no one in the protocol lost.
    pub step_outside_inflow: U256,
}

impl Ghost {
    /// What inflation paths have minted of `token` since genesis.
    pub fn inflation_of(&self, token: Address) -> U256 {
        self.inflation_by_token
            .iter()
            .find(|(t, _)| *t == token)
            .map_or(U256::ZERO, |(_, minted)| *minted)
    }

    /// Counts `amount` of `token` minted through an inflation path.
    pub fn add_inflation(&mut self, token: Address, amount: U256) {
        match self
            .inflation_by_token
            .iter_mut()
            .find(|(t, _)| *t == token)
        {
            Some((_, minted)) => *minted += amount,
            None => self.inflation_by_token.push((token, amount)),
        }
    }
}

/// Design B: one L2 round's reward allowance, computed by the harness from its own
/// counters when the round pays its first reward: `(bridged − distributed) / (N − k mod N)`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AllowanceLedger {
    /// The L2 round, once one has paid a reward.
    pub round: Option<u64>,
    /// Its allowance.
    pub allowance: U256,
    /// What it has paid.
    pub paid: U256,
}

/// A round started in this step (a `RoundInitialized` of the chain's Minter).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoundStart {
    /// True for L1.
    pub on_l1: bool,
    /// The round.
    pub round: u64,
    /// Whether that round had already started before (a round starts once).
    pub repeated: bool,
    /// The token supply just before the step.
    pub supply_before: U256,
    /// Inflation minted in the step.
    pub minted: U256,
}

/// Inflation minted in a chain's current round.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RoundLedger {
    /// The round, once one started since genesis.
    pub round: Option<u64>,
    /// Supply just before the step that started it.
    pub base: U256,
    /// Inflation minted in it so far.
    pub minted: U256,
}

/// The step that led to this view.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StepInfo {
    /// Step index (0 is genesis).
    pub index: usize,
    /// The signer of the step, if any.
    pub sender: Option<Address>,
    /// Addresses whose own positions the step may change: its signer, explicit
    /// recipients, and for a bridge delivery the message's owner and recipient.
    pub owners: Vec<Address>,
    /// Whether governance acted in this step.
    pub governance: bool,
    /// Actors that had approved the step's signer to spend their LPT (on either chain).
    pub approvers: Vec<Address>,
    /// Whether the step is a call the design's staking contract offers for giving part of
    /// the signer's own bond to another account (Livepeer's `transferBond`).
    #[serde(default)]
    pub gives_own_bond: bool,
}

impl StepInfo {
    /// Whether the owners are known (genesis has none).
    pub fn owners_known(&self) -> bool {
        self.index > 0
    }
}

/// Design parameters an invariant needs.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Params {
    /// The design.
    pub design: Design,
    /// Cap on per-round inflation, parts per billion.
    pub max_inflation_ppb: u64,
    /// Per-round step of inflation, parts per billion.
    pub inflation_change_ppb: u64,
    /// Target bonding rate, parts per billion.
    pub target_bonding_rate_ppb: u64,
    /// Design B: seconds an oracle report stays fresh.
    pub oracle_max_age: u64,
    /// Design B: L2 rounds per L1 round (N).
    pub l2_rounds_per_l1_round: u64,
    /// Blocks per staking round (on L2; in design B an L1 round is N of them).
    pub round_length: u64,
    /// Rounds an unbonding lock waits before it can be withdrawn.
    pub unbonding_period: u64,
}

/// Everything an invariant may read.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct View {
    /// When it was taken.
    pub checkpoint: Option<Checkpoint>,
    /// The step.
    pub step: StepInfo,
    /// Contracts.
    pub book: Book,
    /// Parameters.
    pub params: Params,
    /// Both chains now.
    pub now: Chains,
    /// Both chains before the step.
    pub before: Chains,
    /// Every ticket.
    pub tickets: Vec<TicketView>,
    /// Every outbox message.
    pub messages: Vec<MessageView>,
    /// Mints and burns in this step.
    pub supply_changes: Vec<SupplyChange>,
    /// Stake migrations out of L1 in this step.
    pub migrations_out: Vec<MigrationOut>,
    /// Migration tickets executed on L2 in this step.
    pub migrations_in: Vec<MigrationIn>,
    /// Gateway withdrawals executed on L1 in this step.
    pub withdrawals: Vec<WithdrawalOut>,
    /// Rounds started in this step.
    pub round_starts: Vec<RoundStart>,
    /// Unbonding locks made in this step.
    pub locks_made: Vec<LockMade>,
    /// Unbonding locks paid out in this step.
    pub locks_paid: Vec<LockPaid>,
    /// Ghost counters.
    pub ghost: Ghost,
    /// Each actor's value (`value::actor_values`) before the step; empty at genesis.
    pub value_before: Vec<U256>,
    /// At the [`Checkpoint::Exited`] checkpoint: what the exit did.
    pub exit: Option<Exit>,
    /// Design D: what the step did to migrations.
    pub confluence: ConfluenceStep,
}

impl View {
    /// Whether `address` is one of the genesis actors (the accounts read, less the
    /// trailing migrator contract).
    pub fn is_actor(&self, address: alloy_primitives::Address) -> bool {
        let n = self.now.l1.accounts.len().saturating_sub(1);
        self.now.l1.accounts[..n]
            .iter()
            .any(|a| a.address == address)
    }

    /// Whether this is a quiescent checkpoint (the drain's, or the one after the exit).
    pub fn quiescent(&self) -> bool {
        matches!(
            self.checkpoint,
            Some(Checkpoint::Quiescent | Checkpoint::Exited)
        )
    }

    /// P12 + X12: LPT carried by tickets not executed (pending, failed or lost).
    pub fn lpt_in_tickets(&self) -> U256 {
        self.tickets
            .iter()
            .filter(|t| t.status != TicketStatus::Redeemed)
            .map(|t| t.lpt)
            .sum()
    }

    /// P12 + X12 of one channel only.
    pub fn lpt_in_tickets_of(&self, channel: Channel) -> U256 {
        self.tickets
            .iter()
            .filter(|t| t.status != TicketStatus::Redeemed && t.channel == channel)
            .map(|t| t.lpt)
            .sum()
    }

    /// The escrow now: E (the L1 gateway's LPT) in designs A and B, E2 (the L2 bridge's
    /// LPT) in design C.
    pub fn escrow(&self) -> U256 {
        match self.params.design {
            Design::A | Design::B | Design::D | Design::Project => self.now.l1.gateway_balance,
            Design::C => self.now.l2.gateway_balance,
        }
    }

    /// P21: LPT carried by outbox messages not executed.
    pub fn lpt_in_outbox(&self) -> U256 {
        self.messages
            .iter()
            .filter(|m| m.executions == 0)
            .map(|m| m.lpt)
            .sum()
    }
}
