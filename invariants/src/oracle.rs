//! Design B's oracle (catalogue 18, "the oracle's staleness and bounds"). L1 cannot read L2,
//! so governance-appointed reporters tell the L1 `L2StakeOracle` how much is staked on L2,
//! and that figure steers the inflation rate L1 mints at. Whatever a reporter says, the
//! rate must move only as the policy allows and a round must never mint past the cap.

use alloy_primitives::U256;

use crate::authority::REPORTERS;
use crate::view::Params;
use crate::{violation, Invariant, Kind, View, Violation};

/// Parts per billion.
const PPB: u64 = 1_000_000_000;

/// One step of the monetary policy, the reference the contracts are checked against: with
/// `bonded` of `supply` staked, the rate moves `inflation_change` up (capped at
/// `max_inflation`) while the bonding rate is under target, and down (floored at zero)
/// otherwise. Integer arithmetic as on chain.
pub fn next_inflation(prev: U256, bonded: U256, supply: U256, p: &Params) -> U256 {
    let ppb = U256::from(PPB);
    let rate = if supply.is_zero() {
        U256::ZERO
    } else {
        bonded.saturating_mul(ppb) / supply
    };
    let change = U256::from(p.inflation_change_ppb);
    if rate < U256::from(p.target_bonding_rate_ppb) {
        (prev + change).min(U256::from(p.max_inflation_ppb))
    } else {
        prev.saturating_sub(change)
    }
}

/// **18 (oracle bounds). Oracle reports are authorised and bounded.** The oracle's figure
/// (stake and time) changes only in a step signed by one of its reporters (as they stood
/// before the step) or by governance, and an accepted report never exceeds the L1 escrow
/// E: in design B no L2 LPT exists that was not escrowed on L1 first.
pub struct OracleReportsAuthorised;

impl Invariant for OracleReportsAuthorised {
    fn name(&self) -> &'static str {
        "oracle-reports-authorised"
    }
    fn number(&self) -> u8 {
        18
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "the oracle's figure changes only by a reporter's report, and never above the L1 escrow"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let (Some(now), Some(before)) = (v.now.l1.policy, v.before.l1.policy) else {
            return Err(unread(self, v));
        };
        let changed = now.oracle_stake != before.oracle_stake
            || now.oracle_reported_at != before.oracle_reported_at;
        if !changed || v.step.index == 0 {
            return Ok(());
        }
        let reporters = v.before.l1.holders(REPORTERS);
        let by_reporter = v.step.sender.is_some_and(|s| reporters.contains(&s));
        if !by_reporter && !v.step.governance {
            return Err(violation(
                self,
                v,
                format!(
                    "the oracle accepted a report from {:?}, who is not a reporter",
                    v.step.sender
                ),
                ("reported stake", now.oracle_stake),
                ("reporters", U256::from(reporters.len())),
            ));
        }
        if now.oracle_stake > v.escrow() {
            return Err(violation(
                self,
                v,
                "the oracle accepted more L2 stake than the L1 escrow backs",
                ("reported stake", now.oracle_stake),
                ("E", v.escrow()),
            ));
        }
        Ok(())
    }
}

/// **18 (oracle staleness). The round mint follows the policy.** Each L1 round starts at
/// most once, and when it does, the L1 Minter's inflation rate moves exactly one step of
/// [`next_inflation`] by the bonding rate `(L1 bonded + reported L2 stake) / S1` if the
/// oracle's report is fresh (accepted at most `oracle_max_age` seconds before), and not at
/// all if it is stale; and the round mints exactly `S1 × inflation / 10^9`. Every figure is
/// taken just before the step.
pub struct RoundMintFollowsPolicy;

impl Invariant for RoundMintFollowsPolicy {
    fn name(&self) -> &'static str {
        "round-mint-follows-policy"
    }
    fn number(&self) -> u8 {
        18
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "a round starts once; its rate steps by L1 bonded + a fresh report (stale: no step); it mints S1 x rate"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        for start in v.round_starts.iter().filter(|r| r.on_l1) {
            if start.repeated {
                return Err(violation(
                    self,
                    v,
                    format!("L1 round {} started a second time", start.round),
                    ("starts of the round", U256::from(2)),
                    ("at most", U256::from(1)),
                ));
            }
            let (Some(now), Some(before)) = (v.now.l1.policy, v.before.l1.policy) else {
                return Err(unread(self, v));
            };
            let age = v.now.l1.timestamp.saturating_sub(before.oracle_reported_at);
            let fresh = before.oracle_reported_at != 0 && age <= v.params.oracle_max_age;
            let expected = if fresh {
                // (The Minter's own sum reverts on overflow, so no round starts with one.)
                let bonded = v.before.l1.total_bonded.saturating_add(before.oracle_stake);
                next_inflation(before.inflation, bonded, start.supply_before, &v.params)
            } else {
                before.inflation
            };
            if now.inflation != expected {
                return Err(violation(
                    self,
                    v,
                    format!(
                        "L1 round {} set the wrong rate (oracle report {} s old, {})",
                        start.round,
                        age,
                        if fresh { "fresh" } else { "stale" }
                    ),
                    ("inflation", now.inflation),
                    ("policy", expected),
                ));
            }
            let mint = start.supply_before * expected / U256::from(PPB);
            if start.minted != mint {
                return Err(violation(
                    self,
                    v,
                    format!("L1 round {} minted other than S1 x rate", start.round),
                    ("minted", start.minted),
                    ("S1 x rate", mint),
                ));
            }
        }
        Ok(())
    }
}

fn unread(inv: &dyn Invariant, v: &View) -> Violation {
    violation(
        inv,
        v,
        "the L1 monetary policy figures were not read",
        ("figures", U256::ZERO),
        ("expected", U256::from(1)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> Params {
        Params {
            max_inflation_ppb: 5_000_000,
            inflation_change_ppb: 50_000,
            target_bonding_rate_ppb: 500_000_000,
            ..Params::default()
        }
    }

    fn step(prev: u64, bonded: u64, supply: u64) -> U256 {
        next_inflation(
            U256::from(prev),
            U256::from(bonded),
            U256::from(supply),
            &params(),
        )
    }

    #[test]
    fn the_rate_steps_up_below_target_and_down_at_or_above_it() {
        assert_eq!(step(1_000_000, 49, 100), U256::from(1_050_000));
        assert_eq!(step(1_000_000, 50, 100), U256::from(950_000));
        assert_eq!(step(1_000_000, 99, 100), U256::from(950_000));
    }

    #[test]
    fn the_rate_is_capped_and_floored() {
        assert_eq!(step(4_990_000, 0, 100), U256::from(5_000_000));
        assert_eq!(step(5_000_000, 0, 100), U256::from(5_000_000));
        assert_eq!(step(30_000, 100, 100), U256::ZERO);
        assert_eq!(
            step(0, 0, 0),
            U256::from(50_000),
            "no supply reads as nothing bonded"
        );
    }
}
