//! The action alphabet: every step a script or a campaign can take. Protocol actions are
//! calls by an actor; bridge actions drive the relayer; time actions move the chains.
//! `migrate`, `deposit` and `withdraw` mean the same move in every design (stake L1 → L2,
//! liquid LPT L1 → L2, liquid LPT L2 → L1) and each design maps them onto its contracts;
//! a few actions exist in one design only (`start_round` and `report_stake` in B,
//! `lock_legacy` in C).
//! The JSON form is the script and corpus format:
//! `{"action": "migrate", "actor": "delegator1", "dest": "orchestrator2"}`.

use std::fmt;

use alloy_primitives::{Address, Bytes, U256};
use serde::{Deserialize, Serialize};

use crate::actors::Actor;
use crate::amount::Amount;
use crate::chain::ChainId;

/// Which clocks an [`Action::Advance`] moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(rename_all = "lowercase")]
pub enum Clock {
    /// L1 only.
    L1,
    /// L2 only (it may not run ahead of L1 by more than an hour).
    L2,
    /// Both, by the same time.
    Both,
}

/// One step. Field meanings are given in each variant's doc; `actor` signs the step and
/// `chain` says where it runs.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, arbitrary::Arbitrary)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// Approve the staking contract and bond `amount` to `to`.
    Bond {
        actor: Actor,
        chain: ChainId,
        amount: Amount,
        to: Actor,
    },
    /// Unbond `amount` into a new lock.
    Unbond {
        actor: Actor,
        chain: ChainId,
        amount: Amount,
    },
    /// Rebond lock `lock` to the current delegate.
    Rebond {
        actor: Actor,
        chain: ChainId,
        lock: u64,
    },
    /// Rebond lock `lock` to `to` from a fully unbonded position.
    RebondFromUnbonded {
        actor: Actor,
        chain: ChainId,
        to: Actor,
        lock: u64,
    },
    /// Withdraw lock `lock`.
    WithdrawStake {
        actor: Actor,
        chain: ChainId,
        lock: u64,
    },
    /// Register as an orchestrator (parts per million).
    RegisterOrchestrator {
        actor: Actor,
        chain: ChainId,
        reward_cut: u32,
        fee_share: u32,
    },
    /// Call `reward()`.
    Reward { actor: Actor, chain: ChainId },
    /// Pay `amount` wei of ETH fees to `orchestrator`.
    PayFees {
        actor: Actor,
        chain: ChainId,
        orchestrator: Actor,
        amount: Amount,
    },
    /// Withdraw earned ETH fees.
    WithdrawFees { actor: Actor, chain: ChainId },
    /// Migrate all stake from L1 to L2, delegating to `dest` there.
    Migrate { actor: Actor, dest: Actor },
    /// Move liquid LPT from L1 to `to` on L2 (A, B: deposit into the gateway, which is
    /// approved first; C: burn LPT′ to release L2 escrow).
    Deposit {
        actor: Actor,
        to: Actor,
        amount: Amount,
    },
    /// Move liquid LPT from L2 to `to` on L1 (A, B: burn on L2 for a release on L1; C:
    /// escrow on L2 for LPT′ on L1).
    Withdraw {
        actor: Actor,
        to: Actor,
        amount: Amount,
    },
    /// Design B: start the current L1 round (its rewards are minted and bridged to L2).
    StartRound { actor: Actor },
    /// Design B: report L2 stake to the oracle (`"l2stake"` is the true figure).
    ReportStake { actor: Actor, amount: Amount },
    /// Design C: lock liquid legacy LPT on L1 and release as much to `to` on L2.
    LockLegacy {
        actor: Actor,
        to: Actor,
        amount: Amount,
    },
    /// Design D: `actor` migrates `owner`'s frozen L1 delegation to `l2` on L2 (the L1
    /// Migrator's `migrateDelegator`), with `owner`'s EIP-712 signature when `signed`.
    MigrateDelegator {
        actor: Actor,
        owner: Actor,
        l2: Actor,
        signed: bool,
    },
    /// Design D: `actor` migrates `owner`'s frozen L1 unbonding locks `locks` to `l2`.
    MigrateLocks {
        actor: Actor,
        owner: Actor,
        l2: Actor,
        locks: Vec<u64>,
        signed: bool,
    },
    /// Design D: `actor` migrates broadcaster `owner`'s TicketBroker deposit and reserve.
    MigrateSender {
        actor: Actor,
        owner: Actor,
        l2: Actor,
        signed: bool,
    },
    /// Design D: `actor` claims its frozen L1 delegation on L2 with a Merkle proof against
    /// the snapshot (`claimStake`), bonding it to `new_delegate` where it is bonded
    /// directly.
    ClaimStake {
        actor: Actor,
        new_delegate: Option<Actor>,
    },
    /// Design D: `actor` calls `migrateLPT` (governance only) or `migrateETH` (anyone) on
    /// the L1 Migrator: bridge the BridgeMinter's LPT, or ETH, to the L2 Migrator.
    MigrateBulk { actor: Actor, eth: bool },
    /// Design D: `actor` has L1 report its LPT supply to L2's data cache.
    CacheSupply { actor: Actor },
    /// ERC-20 approve of `spender` (an actor or a contract name).
    Approve {
        actor: Actor,
        chain: ChainId,
        #[arbitrary(with = any_target)]
        spender: String,
        amount: Amount,
    },
    /// ERC-20 transfer to `to` (an actor or a contract name).
    Transfer {
        actor: Actor,
        chain: ChainId,
        #[arbitrary(with = any_target)]
        to: String,
        amount: Amount,
    },
    /// Run ticket `ticket`'s auto-redeem with its own gas.
    DeliverTicket { ticket: u64 },
    /// Run ticket `ticket`'s auto-redeem with too little gas, so that it fails.
    FailAutoRedeem { ticket: u64 },
    /// Manually redeem failed ticket `ticket`.
    Redeem { actor: Actor, ticket: u64 },
    /// Cancel ticket `ticket` (only its beneficiary may).
    Cancel { actor: Actor, ticket: u64 },
    /// Execute outbox message `message` on L1 (early and double executions are refused).
    ExecuteOutbox { actor: Actor, message: u64 },
    /// Move time forward.
    Advance { clock: Clock, seconds: u64 },
    /// Governance pauses or unpauses a chain's gateway.
    SetPaused { chain: ChainId, paused: bool },
    /// Any call: `actor` calls contract `contract` (a name in the design's book) with raw
    /// call data and ETH value.
    Call {
        actor: Actor,
        chain: ChainId,
        #[arbitrary(with = any_contract)]
        contract: String,
        data: Bytes,
        value: U256,
    },
}

impl Action {
    /// The LPT amount this action moves, if it has one (what shrinking simplifies and
    /// mutation changes).
    pub fn lpt_amount_mut(&mut self) -> Option<&mut Amount> {
        use Action::*;
        match self {
            Bond { amount, .. }
            | Unbond { amount, .. }
            | Deposit { amount, .. }
            | Withdraw { amount, .. }
            | Transfer { amount, .. }
            | Approve { amount, .. }
            | ReportStake { amount, .. }
            | LockLegacy { amount, .. } => Some(amount),
            _ => None,
        }
    }

    /// Whether the action exists in some designs only (see each design's `has_action`);
    /// the others every design has.
    pub fn is_design_specific(&self) -> bool {
        use Action::*;
        matches!(
            self,
            Migrate { .. }
                | Deposit { .. }
                | Withdraw { .. }
                | StartRound { .. }
                | ReportStake { .. }
                | LockLegacy { .. }
                | MigrateDelegator { .. }
                | MigrateLocks { .. }
                | MigrateSender { .. }
                | ClaimStake { .. }
                | MigrateBulk { .. }
                | CacheSupply { .. }
        )
    }

    /// How a trace of `design` shows the action: the design's own wording where it has
    /// one (design C's migration is `LegacyMigrator.migrateStake`), else [`Display`].
    pub fn describe(&self, design: crate::designs::DesignId) -> String {
        design
            .spec()
            .describe(self)
            .unwrap_or_else(|| self.to_string())
    }

    /// The actor that signs this step, if any (bridge and time steps have none).
    pub fn actor(&self) -> Option<Actor> {
        use Action::*;
        match self {
            Bond { actor, .. }
            | Unbond { actor, .. }
            | Rebond { actor, .. }
            | RebondFromUnbonded { actor, .. }
            | WithdrawStake { actor, .. }
            | RegisterOrchestrator { actor, .. }
            | Reward { actor, .. }
            | PayFees { actor, .. }
            | WithdrawFees { actor, .. }
            | Migrate { actor, .. }
            | Deposit { actor, .. }
            | Withdraw { actor, .. }
            | StartRound { actor }
            | ReportStake { actor, .. }
            | LockLegacy { actor, .. }
            | MigrateDelegator { actor, .. }
            | MigrateLocks { actor, .. }
            | MigrateSender { actor, .. }
            | ClaimStake { actor, .. }
            | MigrateBulk { actor, .. }
            | CacheSupply { actor }
            | Approve { actor, .. }
            | Transfer { actor, .. }
            | Redeem { actor, .. }
            | Cancel { actor, .. }
            | ExecuteOutbox { actor, .. }
            | Call { actor, .. } => Some(*actor),
            SetPaused { .. } => Some(Actor::Governor),
            DeliverTicket { .. } | FailAutoRedeem { .. } | Advance { .. } => None,
        }
    }

    /// The chain the step runs on, if it is one chain.
    pub fn chain(&self) -> Option<ChainId> {
        use Action::*;
        match self {
            Bond { chain, .. }
            | Unbond { chain, .. }
            | Rebond { chain, .. }
            | RebondFromUnbonded { chain, .. }
            | WithdrawStake { chain, .. }
            | RegisterOrchestrator { chain, .. }
            | Reward { chain, .. }
            | PayFees { chain, .. }
            | WithdrawFees { chain, .. }
            | Approve { chain, .. }
            | Transfer { chain, .. }
            | SetPaused { chain, .. }
            | Call { chain, .. } => Some(*chain),
            Migrate { .. }
            | Deposit { .. }
            | ExecuteOutbox { .. }
            | StartRound { .. }
            | ReportStake { .. }
            | LockLegacy { .. }
            | MigrateDelegator { .. }
            | MigrateLocks { .. }
            | MigrateSender { .. }
            | MigrateBulk { .. }
            | CacheSupply { .. } => Some(ChainId::L1),
            Withdraw { .. }
            | ClaimStake { .. }
            | DeliverTicket { .. }
            | FailAutoRedeem { .. }
            | Redeem { .. }
            | Cancel { .. } => Some(ChainId::L2),
            Advance { .. } => None,
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Action::*;
        match self {
            Bond {
                actor, amount, to, ..
            } => write!(f, "{actor} → bond({amount}, {to})"),
            Unbond { actor, amount, .. } => write!(f, "{actor} → unbond({amount})"),
            Rebond { actor, lock, .. } => write!(f, "{actor} → rebond(lock {lock})"),
            RebondFromUnbonded {
                actor, to, lock, ..
            } => {
                write!(f, "{actor} → rebondFromUnbonded({to}, lock {lock})")
            }
            WithdrawStake { actor, lock, .. } => write!(f, "{actor} → withdrawStake(lock {lock})"),
            RegisterOrchestrator {
                actor,
                reward_cut,
                fee_share,
                ..
            } => {
                write!(
                    f,
                    "{actor} → registerOrchestrator({reward_cut}, {fee_share})"
                )
            }
            Reward { actor, .. } => write!(f, "{actor} → reward()"),
            PayFees {
                actor,
                orchestrator,
                amount,
                ..
            } => {
                write!(f, "{actor} → payFees({orchestrator}) with {amount} wei")
            }
            WithdrawFees { actor, .. } => write!(f, "{actor} → withdrawFees()"),
            Migrate { actor, dest } => write!(f, "{actor} → L1Migrator.migrate({dest})"),
            Deposit { actor, to, amount } => {
                write!(f, "{actor} → L1Gateway.outboundTransfer({to}, {amount})")
            }
            Withdraw { actor, to, amount } => {
                write!(f, "{actor} → L2Gateway.outboundTransfer({to}, {amount})")
            }
            StartRound { actor } => write!(f, "{actor} → L1Minter.startRound()"),
            ReportStake { actor, amount } => {
                write!(f, "{actor} → L2StakeOracle.report({amount})")
            }
            LockLegacy { actor, to, amount } => {
                write!(f, "{actor} → LegacyMigrator.migrateLiquid({to}, {amount})")
            }
            MigrateDelegator {
                actor,
                owner,
                l2,
                signed,
            } => write!(
                f,
                "{actor} → L1Migrator.migrateDelegator({owner}, {l2}{})",
                if *signed { ", signed" } else { "" }
            ),
            MigrateLocks {
                actor,
                owner,
                l2,
                locks,
                signed,
            } => write!(
                f,
                "{actor} → L1Migrator.migrateUnbondingLocks({owner}, {l2}, {locks:?}{})",
                if *signed { ", signed" } else { "" }
            ),
            MigrateSender {
                actor,
                owner,
                l2,
                signed,
            } => write!(
                f,
                "{actor} → L1Migrator.migrateSender({owner}, {l2}{})",
                if *signed { ", signed" } else { "" }
            ),
            ClaimStake {
                actor,
                new_delegate,
            } => match new_delegate {
                Some(to) => write!(f, "{actor} → L2Migrator.claimStake(→ {to})"),
                None => write!(f, "{actor} → L2Migrator.claimStake()"),
            },
            MigrateBulk { actor, eth } => write!(
                f,
                "{actor} → L1Migrator.{}()",
                if *eth { "migrateETH" } else { "migrateLPT" }
            ),
            CacheSupply { actor } => write!(f, "{actor} → L1LPTDataCache.cacheTotalSupply()"),
            Approve {
                actor,
                spender,
                amount,
                ..
            } => write!(f, "{actor} → approve({spender}, {amount})"),
            Transfer {
                actor, to, amount, ..
            } => write!(f, "{actor} → transfer({to}, {amount})"),
            DeliverTicket { ticket } => write!(f, "relayer → auto-redeem ticket #{ticket}"),
            FailAutoRedeem { ticket } => write!(
                f,
                "relayer → auto-redeem ticket #{ticket} with too little gas"
            ),
            Redeem { actor, ticket } => write!(f, "{actor} → redeem ticket #{ticket}"),
            Cancel { actor, ticket } => write!(f, "{actor} → cancel ticket #{ticket}"),
            ExecuteOutbox { actor, message } => {
                write!(f, "{actor} → Outbox.executeTransaction(#{message})")
            }
            Advance { clock, seconds } => write!(f, "advance {clock:?} by {seconds} s"),
            SetPaused { chain, paused } => {
                write!(f, "governor → {chain} gateway setPaused({paused})")
            }
            Call {
                actor,
                contract,
                data,
                value,
                ..
            } => write!(
                f,
                "{actor} → {contract}.{}{}",
                crate::decode::call_description(data),
                if value.is_zero() {
                    String::new()
                } else {
                    format!(" with {value} wei")
                }
            ),
        }
    }
}

/// Resolves an actor-or-contract name on `chain` to an address: an actor's in `cast`,
/// else a deployment's in `book`.
pub fn resolve_target(
    cast: &crate::actors::Cast,
    book: &crate::designs::ContractBook,
    chain: ChainId,
    name: &str,
) -> Option<Address> {
    Actor::from_name(name)
        .map(|a| cast.address(a))
        .or_else(|| book.get(chain, name).ok())
}

fn any_contract(u: &mut arbitrary::Unstructured<'_>) -> arbitrary::Result<String> {
    Ok(u.choose(&crate::designs::CONTRACT_NAMES)?.to_string())
}

fn any_target(u: &mut arbitrary::Unstructured<'_>) -> arbitrary::Result<String> {
    if u.arbitrary()? {
        Ok(u.choose(&Actor::ALL)?.name().to_string())
    } else {
        any_contract(u)
    }
}
