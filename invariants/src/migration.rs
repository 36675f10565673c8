//! Migration invariants (catalogue 10–13).

use alloy_primitives::{Address, U256};

use crate::{violation, Invariant, Kind, View, Violation};

/// **10. Migrated at most once.** A stake migration out of L1 leaves the delegator with no
/// L1 stake: both its pending stake and its stored bond are zero (so the same stake cannot
/// leave twice), and every migration ticket credits
/// L2 at most once. (No design here migrates unbonding locks: they stay on L1 and are
/// withdrawn there.)
pub struct MigratedOnce;

impl Invariant for MigratedOnce {
    fn name(&self) -> &'static str {
        "migrated-once"
    }
    fn number(&self) -> u8 {
        10
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "a migration leaves no L1 stake behind, and each migration ticket credits L2 at most once"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        for m in &v.migrations_out {
            if m.stake_after != U256::ZERO || m.bonded_after != U256::ZERO {
                return Err(violation(
                    self,
                    v,
                    format!("{} still has L1 stake after migrating", m.delegator),
                    ("L1 stake after", m.stake_after.max(m.bonded_after)),
                    ("expected", U256::ZERO),
                ));
            }
        }
        for t in v.tickets.iter().filter(|t| t.migration.is_some()) {
            if t.successes > 1 {
                return Err(violation(
                    self,
                    v,
                    format!("migration ticket #{} credited L2 more than once", t.id),
                    ("credits", U256::from(t.successes)),
                    ("at most", U256::from(1)),
                ));
            }
        }
        Ok(())
    }
}

/// **11. Amount preserved.** A migration moves out exactly the delegator's L1 pending
/// stake (bonded + unclaimed rewards) from just before the step; and in a step that
/// executes migration tickets, each delegator's L2 stake + unbonding grows by exactly the
/// total its tickets carried.
pub struct AmountPreserved;

impl Invariant for AmountPreserved {
    fn name(&self) -> &'static str {
        "migration-amount-preserved"
    }
    fn number(&self) -> u8 {
        11
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "migrated amount = L1 bonded + pending rewards, and L2 stake grows by exactly that"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        for m in &v.migrations_out {
            if m.amount != m.stake_before {
                return Err(violation(
                    self,
                    v,
                    format!(
                        "{} migrated a different amount than its L1 stake",
                        m.delegator
                    ),
                    ("migrated", m.amount),
                    ("L1 stake before", m.stake_before),
                ));
            }
        }
        for m in &v.migrations_in {
            let grew = m.l2_after.saturating_sub(m.l2_before);
            if m.l2_after < m.l2_before || grew != m.amount {
                return Err(violation(
                    self,
                    v,
                    format!(
                        "ticket #{} credited {} a different L2 stake",
                        m.ticket, m.delegator
                    ),
                    ("L2 stake growth", grew),
                    ("carried", m.amount),
                ));
            }
        }
        Ok(())
    }
}

/// **12. Fees untouched.** Migrating stake never changes the delegator's withdrawable ETH
/// fees on L1.
pub struct FeesUntouched;

impl Invariant for FeesUntouched {
    fn name(&self) -> &'static str {
        "fees-untouched"
    }
    fn number(&self) -> u8 {
        12
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "a stake migration leaves the delegator's withdrawable L1 fees unchanged"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        for m in &v.migrations_out {
            if m.fees_after != m.fees_before {
                return Err(violation(
                    self,
                    v,
                    format!("migrating changed {}'s L1 fees", m.delegator),
                    ("fees after", m.fees_after),
                    ("fees before", m.fees_before),
                ));
            }
        }
        Ok(())
    }
}

/// **13. Only the owner's position moves.** In any step, an actor who is not one of the
/// step's owners keeps its stored bond, delegate and unbonding total on both chains, and
/// its liquid balances (LPT, and in design C LPT′) do not decrease (it may receive). The owners are the step's
/// signer, its explicit recipients, the owner and recipient of the bridge message it
/// executes, and any actor that had approved the signer to spend its LPT. In a step that is
/// a call the staking contract offers for giving away one's own bond (Livepeer's
/// `transferBond`), it may receive stake as it may receive LPT: its bond may grow by what
/// the signer's own bond on that chain gave up, and a position that had no bond may take
/// the delegate that comes with it. Stake credited to it any other way, a migration to an
/// address its owner does not hold say, fires.
pub struct OnlyOwnerMoves;

impl Invariant for OnlyOwnerMoves {
    fn name(&self) -> &'static str {
        "only-owner-moves"
    }
    fn number(&self) -> u8 {
        13
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "no step moves the bond or delegate, or takes the balance, of an actor who is not its owner (it may receive what the signer gives of its own)"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        if v.quiescent() {
            return Ok(());
        }
        for (now, before) in [(&v.now.l1, &v.before.l1), (&v.now.l2, &v.before.l2)] {
            // What the signer gave of its own bond on this chain, which others may receive.
            let mut given = v
                .step
                .sender
                .filter(|_| v.step.gives_own_bond)
                .and_then(|s| Some((now.account(s)?, before.account(s)?)))
                .map_or(U256::ZERO, |(n, b)| b.bonded.saturating_sub(n.bonded));
            for (a, b) in now.accounts.iter().zip(&before.accounts) {
                if v.step.owners.contains(&a.address) || !v.step.owners_known() {
                    continue;
                }
                let received = a.bonded.saturating_sub(b.bonded);
                let gift = received <= given;
                if gift {
                    given -= received;
                }
                // A delegate may come only with the first stake a position receives.
                let delegated =
                    b.bonded.is_zero() && b.delegate == Address::ZERO && !received.is_zero();
                let moved = a.bonded < b.bonded
                    || !gift
                    || (a.delegate != b.delegate && !delegated)
                    || a.unbonding != b.unbonding
                    || a.balance < b.balance
                    || a.derivative < b.derivative;
                if moved && v.is_actor(a.address) {
                    return Err(violation(
                        self,
                        v,
                        format!(
                            "the step changed the position of {}, who is not its owner",
                            a.address
                        ),
                        ("LPT position after", a.lpt()),
                        ("before", b.lpt()),
                    ));
                }
            }
        }
        Ok(())
    }
}
