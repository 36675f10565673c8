//! Escrow invariants (catalogue 4–6).

use alloy_primitives::U256;

use crate::view::Channel;
use crate::{violation, Invariant, Kind, View, Violation};

/// **4. Escrow accounting.** `E = E_genesis + Σ escrowed − Σ released + Σ unsolicited`,
/// where "escrowed" sums the escrow holder's own deposit amounts (its deposit events),
/// "released" every transfer of LPT out of it, and "unsolicited" every transfer into it
/// other than a deposit it pulls (donations, mints to it, payouts to itself). Every
/// release is covered: E never has to go negative. The holder is the L1 gateway in designs
/// A and B, the L2 bridge in design C.
pub struct EscrowAccounting;

impl Invariant for EscrowAccounting {
    fn name(&self) -> &'static str {
        "escrow-accounting"
    }
    fn number(&self) -> u8 {
        4
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "E = escrowed - released (+ unsolicited transfers), and E covers every release"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let g = &v.ghost;
        let expected = (g.escrow_genesis + g.escrowed + g.unsolicited).checked_sub(g.released);
        let Some(expected) = expected else {
            return Err(violation(
                self,
                v,
                "more LPT released from escrow than was ever escrowed",
                ("released", g.released),
                ("escrowed", g.escrow_genesis + g.escrowed + g.unsolicited),
            ));
        };
        if v.escrow() != expected {
            return Err(violation(
                self,
                v,
                "the escrow differs from what deposits and withdrawals account for",
                ("E", v.escrow()),
                ("escrowed - released", expected),
            ));
        }
        Ok(())
    }
}

/// `E − D = owed`, where D is what reached the escrow other than by a deposit.
fn solvency_check(
    inv: &dyn Invariant,
    v: &View,
    owed: U256,
    detail: &str,
    labels: (&str, &str),
) -> Result<(), Violation> {
    let backing = v.escrow().saturating_sub(v.ghost.unsolicited);
    if backing != owed {
        return Err(violation(
            inv,
            v,
            detail,
            (labels.0, backing),
            (labels.1, owed),
        ));
    }
    Ok(())
}

/// **5. Strict solvency, design B.** `E − D = S2 + P12 + X12 + P21`: every L2 LPT, and every
/// LPT in flight either way, is backed one for one by L1 escrow. D is LPT that reached the
/// escrow other than by a deposit (a donation backs nothing). Tickets count whatever they
/// carry: deposits, migrations and reward deposits all went into the escrow first; a
/// cancelled or expired one leaves its LPT there for good.
pub struct EscrowSolvency;

impl Invariant for EscrowSolvency {
    fn name(&self) -> &'static str {
        "escrow-solvency"
    }
    fn number(&self) -> u8 {
        5
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "E - donations = S2 + P12 + X12 + P21: all L2 LPT and all LPT in flight is escrowed on L1"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        solvency_check(
            self,
            v,
            v.now.l2.supply + v.lpt_in_tickets() + v.lpt_in_outbox(),
            "the L1 escrow does not back L2 supply and LPT in flight one for one",
            ("E - D", "S2+P12+X12+P21"),
        )
    }
}

/// **5. Strict solvency, design C.** `E2 − D = S1′ + P12 + X12 + P21`: every LPT′ and every
/// bridge transfer in flight either way is backed one for one by the L2 bridge's escrow.
/// P12 + X12 counts bridge tickets only (LPT′ burned, release pending or lost), not legacy
/// ones; P21 every bridge message (LPT escrowed, LPT′ not yet minted). D is LPT that reached
/// the escrow other than through the bridge.
pub struct L2EscrowSolvency;

impl Invariant for L2EscrowSolvency {
    fn name(&self) -> &'static str {
        "escrow-solvency"
    }
    fn number(&self) -> u8 {
        5
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "E2 - donations = S1' + P12 + X12 + P21: all LPT' and all bridge LPT in flight is escrowed on L2"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        solvency_check(
            self,
            v,
            v.now.l1.derivative_supply + v.lpt_in_tickets_of(Channel::Bridge) + v.lpt_in_outbox(),
            "the L2 escrow does not back LPT' and bridge LPT in flight one for one",
            ("E2 - D", "S1'+P12+X12+P21"),
        )
    }
}

/// **6. Mint only the shortfall.** For every L1 gateway withdrawal of X with escrow
/// E_before: if X ≤ E_before nothing is minted; otherwise exactly X − E_before is minted
/// and the escrow is 0 afterwards.
pub struct MintOnlyShortfall;

impl Invariant for MintOnlyShortfall {
    fn name(&self) -> &'static str {
        "mint-only-shortfall"
    }
    fn number(&self) -> u8 {
        6
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "a withdrawal mints exactly X - E_before, only when X > E_before, and leaves E = 0"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        for w in &v.withdrawals {
            let shortfall = w.amount.saturating_sub(w.escrow_before);
            if w.minted != shortfall {
                return Err(violation(
                    self,
                    v,
                    format!("withdrawal #{} minted the wrong amount", w.index),
                    ("minted", w.minted),
                    ("X - E_before", shortfall),
                ));
            }
            if w.minted > U256::ZERO && w.escrow_after != U256::ZERO {
                return Err(violation(
                    self,
                    v,
                    format!("withdrawal #{} minted but left escrow behind", w.index),
                    ("E after", w.escrow_after),
                    ("expected", U256::ZERO),
                ));
            }
        }
        Ok(())
    }
}
