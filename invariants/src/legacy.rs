//! Design C's legacy lock. Legacy L1 LPT leaves L1 one way: the LegacyMigrator locks it and
//! a ticket releases as much on L2 from a reserve minted once at L2 genesis, equal to the
//! whole legacy supply. So legacy LPT and the reserve are two halves of one promise.

use alloy_primitives::U256;

use crate::view::Channel;
use crate::{violation, Invariant, Kind, View, Violation};

/// **Design C. Legacy-lock accounting.** Every legacy LPT is accounted for exactly once:
/// `reserve − reserve donations + locked − lock donations − (P12 + X12 of legacy tickets)
/// = legacy supply`, so what the reserve has released is exactly what was locked and
/// delivered, and the reserve covers every legacy LPT still on L1. Legacy supply is
/// frozen, so a legacy mint breaks it too. And legacy LPT is never unlocked: nothing ever
/// leaves the LegacyMigrator.
pub struct LegacyLockAccounting;

impl Invariant for LegacyLockAccounting {
    fn name(&self) -> &'static str {
        "legacy-lock-accounting"
    }
    fn number(&self) -> u8 {
        20
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "reserve + locked - donations - legacy LPT in flight = legacy supply, and nothing is ever unlocked"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let g = &v.ghost;
        if g.unlocked > U256::ZERO {
            return Err(violation(
                self,
                v,
                "locked legacy LPT left the LegacyMigrator",
                ("unlocked", g.unlocked),
                ("expected", U256::ZERO),
            ));
        }
        let reserve = v
            .now
            .l2
            .migrator_balance
            .saturating_sub(g.reserve_donations);
        let locked = v.now.l1.migrator_balance.saturating_sub(g.lock_donations);
        let lhs = (reserve + locked).saturating_sub(v.lpt_in_tickets_of(Channel::Legacy));
        if lhs != v.now.l1.supply {
            return Err(violation(
                self,
                v,
                "legacy LPT locked, released and in reserve does not add up to the legacy supply",
                ("reserve + locked - in flight", lhs),
                ("legacy supply", v.now.l1.supply),
            ));
        }
        Ok(())
    }
}
