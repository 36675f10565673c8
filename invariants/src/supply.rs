//! Supply invariants (catalogue 1–3).

use alloy_primitives::U256;

use crate::{violation, Invariant, Kind, View, Violation};

/// **1. Conservation.** `(S1 − E) + S2 + P12 + X12 + P21 + D = G0 + I1 + I2 − user burns`,
/// where D is LPT that landed in the escrow other than by a deposit (a donation, or a
/// withdrawal paid to the gateway itself, leaves circulation without backing anything on
/// L2, like a burn), and P12 + X12 counts the LPT of every gateway ticket not executed (pending, failed,
/// cancelled or expired), P21 that of every gateway message not executed, and I1, I2
/// the inflation minted since genesis, classified by call path (a mint reached through the
/// Minter's `createReward`).
pub struct Conservation;

impl Invariant for Conservation {
    fn name(&self) -> &'static str {
        "conservation"
    }
    fn number(&self) -> u8 {
        1
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "(S1 - E) + S2 + P12 + X12 + P21 + donations = G0 + I1 + I2 - user burns"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let lhs = (v.now.l1.supply - v.now.l1.gateway_balance)
            + v.now.l2.supply
            + v.lpt_in_tickets()
            + v.lpt_in_outbox()
            + v.ghost.unsolicited;
        let g = &v.ghost;
        let rhs = (g.genesis_supply + g.inflation_l1 + g.inflation_l2).saturating_sub(g.user_burns);
        if lhs != rhs {
            return Err(violation(
                self,
                v,
                "circulating + in-flight LPT differs from genesis + inflation",
                ("(S1-E)+S2+P12+X12+P21+D", lhs),
                ("G0+I1+I2-burns", rhs),
            ));
        }
        Ok(())
    }
}

/// **2. No unbacked L1 issuance.** `M1 ≤ I2`: L1 may mint for withdrawals only what L2
/// inflation created. M1 is every L1 mint whose call stack passes through the L1 gateway.
pub struct NoUnbackedL1Issuance;

impl Invariant for NoUnbackedL1Issuance {
    fn name(&self) -> &'static str {
        "no-unbacked-l1-issuance"
    }
    fn number(&self) -> u8 {
        2
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "L1 shortfall mints never exceed L2 inflation: M1 <= I2"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        if v.ghost.shortfall_mints > v.ghost.inflation_l2 {
            return Err(violation(
                self,
                v,
                "L1 minted more for withdrawals than L2 ever inflated",
                ("M1", v.ghost.shortfall_mints),
                ("I2", v.ghost.inflation_l2),
            ));
        }
        Ok(())
    }
}

/// **3. Inflation bounded.** On each chain, the inflation minted in the current round is
/// at most `maxInflation × base / 10^9`, where the base is that chain's total supply just
/// before the step that started the round, and `maxInflation` is the design's parameter
/// (not what the Minter believes it may mint).
pub struct InflationBounded;

impl Invariant for InflationBounded {
    fn name(&self) -> &'static str {
        "inflation-bounded"
    }
    fn number(&self) -> u8 {
        3
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "inflation minted in a round <= maxInflation x supply at the round's start"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        for (i, ledger) in v.ghost.rounds.iter().enumerate() {
            let cap =
                ledger.base * U256::from(v.params.max_inflation_ppb) / U256::from(1_000_000_000u64);
            if ledger.minted > cap {
                return Err(violation(
                    self,
                    v,
                    format!(
                        "L{} round {:?} minted more inflation than the cap allows",
                        i + 1,
                        ledger.round
                    ),
                    ("minted in round", ledger.minted),
                    ("maxInflation x base", cap),
                ));
            }
        }
        Ok(())
    }
}
