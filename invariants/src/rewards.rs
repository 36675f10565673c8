//! Design B's reward pool (catalogue 18). L1 mints each round's rewards and bridges them to
//! the L2 reward pool; L2 `reward()` mints nothing and pays the calling orchestrator's
//! share of the current L2 round's allowance. The rule for the allowance, and for what
//! nobody claims, is documented in `RewardPoolMinter`: a round's allowance is the pool's
//! undistributed rewards spread over the L2 rounds left in the L1 round, so unclaimed
//! allowance rolls over.

use alloy_primitives::U256;

use crate::view::{Channel, TicketStatus};
use crate::{violation, Invariant, Kind, View, Violation};

/// **18. Rewards within what was bridged.** Σ rewards paid on L2 ≤ Σ rewards bridged from
/// L1 (the LPT of reward tickets redeemed into the pool), and no reward ticket is ever
/// cancelled: its beneficiary is the L1 Minter, which never cancels, so no caller can throw
/// a round's rewards away. (A reward ticket nobody redeems for a week still expires, as any
/// Arbitrum ticket does; conservation keeps counting its LPT.)
pub struct RewardsWithinBridged;

impl Invariant for RewardsWithinBridged {
    fn name(&self) -> &'static str {
        "rewards-within-bridged"
    }
    fn number(&self) -> u8 {
        18
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "rewards paid on L2 <= rewards bridged from L1, and no reward ticket is cancelled"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let g = &v.ghost;
        if g.rewards_distributed > g.rewards_bridged {
            return Err(violation(
                self,
                v,
                "L2 paid out more rewards than L1 bridged",
                ("distributed", g.rewards_distributed),
                ("bridged", g.rewards_bridged),
            ));
        }
        let cancelled = v
            .tickets
            .iter()
            .find(|t| t.channel == Channel::Reward && t.status == TicketStatus::Cancelled);
        if let Some(t) = cancelled {
            return Err(violation(
                self,
                v,
                format!(
                    "reward ticket #{} was cancelled: its rewards are lost",
                    t.id
                ),
                ("LPT lost", t.lpt),
                ("expected", U256::ZERO),
            ));
        }
        Ok(())
    }
}

/// **18. No L2 round pays more than its allowance.** In each L2 round k, what `reward()`
/// paid ≤ the round's allowance by the documented rule, which the harness computes from
/// its own counters when the round pays its first reward: `(bridged − distributed) /
/// (N − k mod N)`, with N the L2 rounds per L1 round.
pub struct RoundWithinAllowance;

impl Invariant for RoundWithinAllowance {
    fn name(&self) -> &'static str {
        "round-within-allowance"
    }
    fn number(&self) -> u8 {
        18
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "each L2 round pays <= (bridged - distributed) / (L2 rounds left in its L1 round)"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let a = &v.ghost.allowance;
        if a.paid > a.allowance {
            return Err(violation(
                self,
                v,
                format!("L2 round {:?} paid more than its allowance", a.round),
                ("paid in round", a.paid),
                ("allowance", a.allowance),
            ));
        }
        Ok(())
    }
}

/// **18. Unclaimed allowance follows the rule.** The pool's own books equal what crossed the
/// bridge and what was paid: `received = Σ bridged` and `distributed = Σ paid`. Allowance
/// nobody claimed therefore stays in the pool, to be paid in later rounds: it is neither
/// dropped nor paid twice.
pub struct UnclaimedAllowanceRollsOver;

impl Invariant for UnclaimedAllowanceRollsOver {
    fn name(&self) -> &'static str {
        "unclaimed-allowance-rolls-over"
    }
    fn number(&self) -> u8 {
        18
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "the pool's books match the bridge: received = bridged, distributed = paid, so unclaimed rewards stay"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let g = &v.ghost;
        let Some(pool) = v.now.l2.pool else {
            return Err(violation(
                self,
                v,
                "the L2 reward pool's books were not read",
                ("books", U256::ZERO),
                ("expected", U256::from(1)),
            ));
        };
        if pool.received != g.rewards_bridged {
            return Err(violation(
                self,
                v,
                "the pool booked different rewards than the bridge delivered",
                ("pool received", pool.received),
                ("bridged", g.rewards_bridged),
            ));
        }
        if pool.distributed != g.rewards_distributed {
            return Err(violation(
                self,
                v,
                "the pool booked different payouts than reward() paid: unclaimed rewards were dropped or double-counted",
                ("pool distributed", pool.distributed),
                ("paid", g.rewards_distributed),
            ));
        }
        Ok(())
    }
}
