//! The crosscheck invariant catalogue: what must always hold across L1, L2 and the bridge.
//!
//! This crate is the readable specification. It knows nothing of revm: invariants read a
//! [`View`] that the harness fills after every step. Each invariant states its precise
//! form in its doc comment, and the catalogue numbers (from the project brief) are kept.
//! To add one, add a type implementing [`Invariant`] and list it in [`for_design`].
#![warn(missing_docs, unreachable_pub)]
// A violation is the rare, reported path; boxing it would only obscure the spec.
#![allow(clippy::result_large_err)]

use std::fmt;

use alloy_primitives::U256;
use serde::{Deserialize, Serialize};

pub mod authority;
pub mod confluence;
pub mod escrow;
pub mod legacy;
pub mod liveness;
pub mod migration;
pub mod oracle;
pub mod project;
pub mod rewards;
pub mod rules;
pub mod supply;
pub mod value;
pub mod view;

pub use view::View;

/// When an invariant must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// After every step, even with messages in flight.
    Always,
    /// Once every pending message has been delivered or has reached a terminal state.
    Quiescent,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Always => "always",
            Kind::Quiescent => "quiescent",
        })
    }
}

/// A broken invariant: which, when, and the numbers on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    /// The invariant's name.
    pub invariant: String,
    /// Its kind.
    pub kind: Kind,
    /// The step after which it was found broken (0 is genesis).
    pub step: usize,
    /// What the left side measures.
    pub lhs_label: String,
    /// The left side.
    pub lhs: U256,
    /// What the right side measures.
    pub rhs_label: String,
    /// The right side.
    pub rhs: U256,
    /// What went wrong, in words.
    pub detail: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}) broken after step {}: {}; {} = {}, {} = {}",
            self.invariant,
            self.kind,
            self.step,
            self.detail,
            self.lhs_label,
            self.lhs,
            self.rhs_label,
            self.rhs
        )
    }
}

/// One invariant.
pub trait Invariant: Send + Sync {
    /// A short kebab-case name, unique in the catalogue.
    fn name(&self) -> &'static str;
    /// Its number in the brief's catalogue.
    fn number(&self) -> u8;
    /// When it must hold.
    fn kind(&self) -> Kind;
    /// One line saying what it asserts.
    fn statement(&self) -> &'static str;
    /// Checks it against `view`.
    fn check(&self, view: &View) -> Result<(), Violation>;
}

/// Builds a violation of `inv` at `view`'s step.
pub fn violation(
    inv: &dyn Invariant,
    view: &View,
    detail: impl Into<String>,
    lhs: (&str, U256),
    rhs: (&str, U256),
) -> Violation {
    Violation {
        invariant: inv.name().to_string(),
        kind: inv.kind(),
        step: view.step.index,
        lhs_label: lhs.0.to_string(),
        lhs: lhs.1,
        rhs_label: rhs.0.to_string(),
        rhs: rhs.1,
        detail: detail.into(),
    }
}

/// The invariants that apply to `design` ("a", "b", "c" or "d"), in catalogue order; empty for a
/// design with no catalogue yet. Catalogue 6 (mint only the shortfall) is design A's alone:
/// B and C have no L1 mint for withdrawals, which their form of 2 (`M1 = 0`) checks.
pub fn for_design(design: &str) -> Vec<Box<dyn Invariant>> {
    let shared_tail = || -> Vec<Box<dyn Invariant>> {
        vec![
            Box::new(authority::RolesUnchanged),
            Box::new(migration::MigratedOnce),
            Box::new(migration::AmountPreserved),
            Box::new(migration::FeesUntouched),
            Box::new(migration::OnlyOwnerMoves),
            Box::new(value::NoLossNoTheft),
            Box::new(value::StakeFullyBacked),
            Box::new(value::ValueComesHome),
            Box::new(liveness::ValidTicketsComplete),
            Box::new(liveness::PauseNeverTrapsInbound),
            Box::new(liveness::MessagesFinal),
            Box::new(liveness::MessagesStayExecutable),
            Box::new(rules::MessagesWaitChallengePeriod),
            Box::new(rules::UnbondingPeriodRespected),
            Box::new(rules::CancelRightsWithOwner),
            Box::new(rules::TicketsExpireOnTime),
            Box::new(rules::OnlyBeneficiaryCancels),
        ]
    };
    match design {
        "a" => {
            let mut list: Vec<Box<dyn Invariant>> = vec![
                Box::new(liveness::GenesisCompletes),
                Box::new(supply::Conservation),
                Box::new(supply::NoUnbackedL1Issuance),
                Box::new(supply::InflationBounded),
                Box::new(escrow::EscrowAccounting),
                Box::new(escrow::MintOnlyShortfall),
                Box::new(authority::L1MintAuthority),
                Box::new(authority::L2MintAuthority),
            ];
            list.extend(shared_tail());
            list
        }
        "b" => {
            let mut list: Vec<Box<dyn Invariant>> = vec![
                Box::new(liveness::GenesisCompletes),
                Box::new(supply::Conservation),
                Box::new(supply::NoL1WithdrawalMint),
                Box::new(supply::InflationBounded),
                Box::new(escrow::EscrowAccounting),
                Box::new(escrow::EscrowSolvency),
                Box::new(authority::L1RoundMintAuthority),
                Box::new(authority::L2DepositMintAuthority),
            ];
            list.extend(shared_tail());
            list.extend([
                Box::new(rewards::RewardsWithinBridged) as Box<dyn Invariant>,
                Box::new(rewards::RoundWithinAllowance),
                Box::new(rewards::UnclaimedAllowanceRollsOver),
                Box::new(oracle::OracleReportsAuthorised),
                Box::new(oracle::RoundMintFollowsPolicy),
            ]);
            list
        }
        "c" => {
            let mut list: Vec<Box<dyn Invariant>> = vec![
                Box::new(liveness::GenesisCompletes),
                Box::new(supply::ConservationCanonicalL2),
                Box::new(supply::NoL1WithdrawalMint),
                Box::new(supply::InflationBounded),
                Box::new(escrow::EscrowAccounting),
                Box::new(escrow::L2EscrowSolvency),
                Box::new(authority::L1DerivativeMintAuthority),
                Box::new(authority::L2InflationMintAuthority),
            ];
            list.extend(shared_tail());
            list.push(Box::new(legacy::LegacyLockAccounting));
            list
        }
        "d" => vec![
            Box::new(liveness::GenesisCompletes),
            Box::new(supply::Conservation),
            Box::new(supply::NoUnbackedL1Issuance),
            Box::new(confluence::InflationFollowsGlobalSupply),
            Box::new(escrow::EscrowAccounting),
            Box::new(escrow::MintOnlyShortfall),
            Box::new(authority::BridgeMintAuthority),
            Box::new(authority::GatewayOrRewardMintAuthority),
            Box::new(authority::RolesUnchanged),
            Box::new(confluence::MigratedOnceD),
            Box::new(confluence::AmountPreservedD),
            Box::new(confluence::FeesPaidOnce),
            Box::new(migration::OnlyOwnerMoves),
            Box::new(confluence::MigrationAuthorised),
            Box::new(value::NoLossNoTheft),
            Box::new(value::StakeFullyBacked),
            Box::new(value::ValueComesHome),
            Box::new(liveness::ValidTicketsComplete),
            Box::new(confluence::LockListsWellFormed),
            Box::new(liveness::PauseNeverTrapsInbound),
            Box::new(liveness::MessagesFinal),
            Box::new(liveness::MessagesStayExecutable),
            Box::new(rules::MessagesWaitChallengePeriod),
            Box::new(rules::UnbondingPeriodRespected),
            Box::new(rules::CancelRightsWithOwner),
            Box::new(rules::TicketsExpireOnTime),
            Box::new(rules::OnlyBeneficiaryCancels),
            Box::new(confluence::PoolsPayProRata),
            Box::new(confluence::SupplyCacheCurrent),
        ],
        _ => Vec::new(),
    }
}

/// Checks every invariant of `invariants` that applies at `view`'s checkpoint: Always
/// invariants everywhere, Quiescent ones only at the quiescent checkpoint.
pub fn check_all(invariants: &[Box<dyn Invariant>], view: &View) -> Vec<Violation> {
    invariants
        .iter()
        .filter(|inv| inv.kind() == Kind::Always || view.quiescent())
        .filter_map(|inv| inv.check(view).err())
        .collect()
}
