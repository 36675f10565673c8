//! Supply invariants (catalogue 1–3).

use alloy_primitives::U256;

use crate::view::Design;
use crate::{violation, Invariant, Kind, View, Violation};

/// Every LPT in circulation plus every LPT in flight: the left side of conservation
/// without its donations term. Designs A and B: `(S1 − E) + S2 + P12 + X12 + P21`.
/// Design C: `(legacy − locked) + S1′ + (S2 − reserve − E2) + P12 + X12 + P21`, where
/// locked legacy LPT and the unreleased reserve stand for each other as escrow stands for
/// what was minted against it. Its value at genesis is G0.
pub fn circulating(v: &View) -> U256 {
    let in_flight = v.lpt_in_tickets() + v.lpt_in_outbox();
    let (l1, l2) = (&v.now.l1, &v.now.l2);
    match v.params.design {
        Design::A | Design::B | Design::D | Design::Project => {
            l1.supply.saturating_sub(l1.gateway_balance) + l2.supply + in_flight
        }
        Design::C => {
            l1.supply.saturating_sub(l1.migrator_balance)
                + l1.derivative_supply
                + l2.supply
                    .saturating_sub(l2.migrator_balance)
                    .saturating_sub(l2.gateway_balance)
                + in_flight
        }
    }
}

fn conservation_check(
    inv: &dyn Invariant,
    v: &View,
    donations: U256,
    lhs_label: &str,
) -> Result<(), Violation> {
    let lhs = circulating(v) + donations;
    let g = &v.ghost;
    let rhs = (g.genesis_supply + g.inflation_l1 + g.inflation_l2).saturating_sub(g.user_burns);
    if lhs != rhs {
        return Err(violation(
            inv,
            v,
            "circulating + in-flight LPT differs from genesis + inflation",
            (lhs_label, lhs),
            ("G0+I1+I2-burns", rhs),
        ));
    }
    Ok(())
}

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
        conservation_check(self, v, v.ghost.unsolicited, "(S1-E)+S2+P12+X12+P21+D")
    }
}

/// **1. Conservation, design C.** The catalogue's form read with "the L2 escrow and LPT′ in
/// place of E and S1": `(legacy − locked) + S1′ + (S2 − reserve − E2) + P12 + X12 + P21 + D
/// = G0 + I2`, where legacy LPT locked in the LegacyMigrator and the L2 genesis reserve not
/// yet released are two sides of one promise (see `legacy::LegacyLockAccounting`), P12 +
/// X12 counts the LPT of every bridge and legacy ticket not executed, P21 every bridge
/// message not executed, and D every LPT that reached the escrow, the lock or the reserve
/// other than through the design's own functions. I1 is zero: legacy L1 LPT is frozen.
pub struct ConservationCanonicalL2;

impl Invariant for ConservationCanonicalL2 {
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
        "(legacy - locked) + S1' + (S2 - reserve - E2) + P12 + X12 + P21 + donations = G0 + I2"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let g = &v.ghost;
        let donations = g.unsolicited + g.lock_donations + g.reserve_donations;
        conservation_check(self, v, donations, "(leg-lock)+S1'+(S2-R-E2)+P12+X12+P21+D")
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

/// **2. No L1 issuance for withdrawals, designs B and C.** `M1 = 0`. Design B's L1 gateway
/// only releases escrow, and design C's L1 bridge mints LPT′, never L1 LPT; neither has a
/// path by which L1 LPT could be minted to cover a withdrawal. M1 is every L1 LPT mint
/// whose call stack passes through the L1 gateway (bridge).
pub struct NoL1WithdrawalMint;

impl Invariant for NoL1WithdrawalMint {
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
        "the design has no L1 mint for withdrawals: M1 = 0"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        if v.ghost.shortfall_mints > U256::ZERO {
            return Err(violation(
                self,
                v,
                "L1 LPT was minted through the L1 gateway, which this design never does",
                ("M1", v.ghost.shortfall_mints),
                ("expected", U256::ZERO),
            ));
        }
        Ok(())
    }
}

/// **3. Inflation bounded.** On each chain, the inflation minted in the current round is
/// at most `maxInflation × base / 10^9`, where the base is that chain's total supply just
/// before the step that started the round, and `maxInflation` is the design's parameter
/// (not what the Minter believes it may mint). Design A inflates on L2 (base S2), design
/// C on L2 (base S2, the canonical supply), design B on L1 only (base S1, which counts
/// every L2 LPT because all of it sits in the L1 escrow). In B the oracle's report enters
/// the rate, never the base: whatever it reports, a round mints at most this cap (and
/// `oracle::RoundMintFollowsPolicy` checks how the report moved the rate).
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
