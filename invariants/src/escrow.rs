//! Escrow invariants (catalogue 4 and 6).

use alloy_primitives::U256;

use crate::{violation, Invariant, Kind, View, Violation};

/// **4. Escrow accounting.** `E = E_genesis + Σ escrowed − Σ released + Σ unsolicited`,
/// where "escrowed" sums the L1 gateway's deposit amounts, "released" every transfer of
/// LPT out of the gateway, and "unsolicited" every transfer into it other than a deposit
/// it pulls (donations, mints to it, payouts to itself). Every release is covered: E never
/// has to go negative.
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
        if v.now.l1.gateway_balance != expected {
            return Err(violation(
                self,
                v,
                "the L1 escrow differs from what deposits and withdrawals account for",
                ("E", v.now.l1.gateway_balance),
                ("escrowed - released", expected),
            ));
        }
        Ok(())
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
