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
}

/// The design's contracts, by part.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Book {
    /// L1 LPT.
    pub l1_token: Address,
    /// L1 Minter.
    pub l1_minter: Address,
    /// L1 staking contract (BondingManager).
    pub l1_staking: Address,
    /// L1 gateway (holds the escrow).
    pub l1_gateway: Address,
    /// L1 Migrator.
    pub l1_migrator: Address,
    /// L1 Bridge stand-in (`msg.sender` of outbox executions).
    pub bridge: Address,
    /// L2 LPT.
    pub l2_token: Address,
    /// L2 Minter.
    pub l2_minter: Address,
    /// L2 staking contract (StakingManager).
    pub l2_staking: Address,
    /// L2 gateway.
    pub l2_gateway: Address,
    /// L2 Migrator.
    pub l2_migrator: Address,
}

/// One address's position on one chain.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The address.
    pub address: Address,
    /// Liquid LPT.
    pub balance: U256,
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
    /// Liquid + staked + unbonding LPT.
    pub fn lpt(&self) -> U256 {
        self.balance + self.stake + self.unbonding
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
    /// LPT held by the chain's gateway (on L1: the escrow E).
    pub gateway_balance: U256,
    /// LPT custodied by the Minter (bonded and unbonding stake backing).
    pub custody: U256,
    /// Whether the gateway is paused.
    pub gateway_paused: bool,
    /// Holders of the token's minter role.
    pub minter_role: Vec<Address>,
    /// Holders of the token's burner role.
    pub burner_role: Vec<Address>,
    /// The Minter's delegates.
    pub minter_delegates: Vec<Address>,
}

impl ChainView {
    /// The account of `address`, if it is read.
    pub fn account(&self, address: Address) -> Option<&Account> {
        self.accounts.iter().find(|a| a.address == address)
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
    /// LPT it carries (a gateway deposit), or zero.
    pub lpt: U256,
    /// Who receives that LPT on L2 (for a migration: the delegator).
    pub beneficiary_of_value: Address,
    /// For a migration: (delegator, destination orchestrator).
    pub migration: Option<(Address, Address)>,
    /// Whether a drain redeem of it failed.
    pub stuck: bool,
    /// A valid transfer the design promises to complete: a plain deposit (no call hook)
    /// or a migration from the L1 Migrator. A deposit whose sender attached its own call
    /// hook completes only if that hook does.
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
    /// LPT it carries (a gateway withdrawal), or zero.
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

/// Counters the harness keeps from genesis on.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Ghost {
    /// Supply at genesis, counted as in invariant 1 (G0).
    pub genesis_supply: U256,
    /// Cumulative inflation minted on L1 since genesis (I1).
    pub inflation_l1: U256,
    /// Cumulative inflation minted on L2 since genesis (I2).
    pub inflation_l2: U256,
    /// Cumulative L1 mints made through the L1 gateway (M1).
    pub shortfall_mints: U256,
    /// LPT burned by users where the design allows it.
    pub user_burns: U256,
    /// Escrow at genesis.
    pub escrow_genesis: U256,
    /// Σ LPT escrowed by deposits (the gateway's own deposit events).
    pub escrowed: U256,
    /// Σ LPT paid out of the escrow by withdrawals.
    pub released: U256,
    /// Σ LPT sent to the gateway other than by a deposit.
    pub unsolicited: U256,
    /// Per chain (L1, L2): the current round, the supply just before it started, and
    /// the inflation minted in it.
    pub rounds: [RoundLedger; 2],
    /// Inflation minted in this step, both chains.
    pub step_inflation: U256,
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
    /// Cap on per-round inflation, parts per billion.
    pub max_inflation_ppb: u64,
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
    /// Ghost counters.
    pub ghost: Ghost,
    /// Each actor's value (`value::actor_values`) before the step; empty at genesis.
    pub value_before: Vec<U256>,
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

    /// Whether this is the quiescent checkpoint.
    pub fn quiescent(&self) -> bool {
        self.checkpoint == Some(Checkpoint::Quiescent)
    }

    /// P12 + X12: LPT carried by tickets not executed (pending, failed or lost).
    pub fn lpt_in_tickets(&self) -> U256 {
        self.tickets
            .iter()
            .filter(|t| t.status != TicketStatus::Redeemed)
            .map(|t| t.lpt)
            .sum()
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
