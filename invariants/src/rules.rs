//! Authority and time rules (21–25, beyond the brief's catalogue): who may act on a message, and when. The
//! bridge and the staking protocol each promise them in their own words (`bridge.md`, the
//! contracts' NatSpec); a bug that bends one moves no balance at first, so no supply or
//! value invariant sees it until later, if ever.

use alloy_primitives::U256;

use crate::{violation, Invariant, Kind, View, Violation};

/// **21. Messages wait out the challenge period.** No outbox message executes before the
/// L1 time its challenge period ends: its sending time on L1 plus the challenge period.
pub struct MessagesWaitChallengePeriod;

impl Invariant for MessagesWaitChallengePeriod {
    fn name(&self) -> &'static str {
        "messages-wait-challenge-period"
    }
    fn number(&self) -> u8 {
        21
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "no outbox message executes before its challenge period has passed"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        for m in &v.messages {
            if let Some(at) = m.executed_at.filter(|at| *at < m.executable_at) {
                return Err(violation(
                    self,
                    v,
                    format!(
                        "outbox message #{} executed {} s before its challenge period ended",
                        m.index,
                        m.executable_at - at
                    ),
                    ("executed at", U256::from(at)),
                    ("executable from", U256::from(m.executable_at)),
                ));
            }
        }
        Ok(())
    }
}

/// **22. The unbonding period holds.** An unbonding lock its owner makes names a withdraw
/// round at least `unbondingPeriod` rounds after the round it is made in, and no lock is
/// paid out before the withdraw round it was made with. (A lock a migration ticket makes
/// for an unregistered destination is withdrawable at once by design, and is exempt from
/// the first half only.)
pub struct UnbondingPeriodRespected;

impl Invariant for UnbondingPeriodRespected {
    fn name(&self) -> &'static str {
        "unbonding-period-respected"
    }
    fn number(&self) -> u8 {
        22
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "a lock waits unbondingPeriod rounds from its making, and pays out no earlier than it named"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let period = v.params.unbonding_period;
        for l in v.locks_made.iter().filter(|l| !l.by_ticket) {
            if l.withdraw_round < l.round + period {
                return Err(violation(
                    self,
                    v,
                    format!(
                        "L{} lock {} of {} made in round {} is withdrawable from round {}",
                        2 - u8::from(l.on_l1),
                        l.id,
                        l.delegator,
                        l.round,
                        l.withdraw_round
                    ),
                    ("withdraw round", U256::from(l.withdraw_round)),
                    ("round + unbondingPeriod", U256::from(l.round + period)),
                ));
            }
        }
        for p in &v.locks_paid {
            if let Some(due) = p.due.filter(|due| p.round < *due) {
                return Err(violation(
                    self,
                    v,
                    format!(
                        "L{} lock {} of {} paid out in round {}, before its withdraw round",
                        2 - u8::from(p.on_l1),
                        p.id,
                        p.delegator,
                        p.round
                    ),
                    ("paid in round", U256::from(p.round)),
                    ("withdraw round", U256::from(due)),
                ));
            }
        }
        Ok(())
    }
}

/// **23. Cancel rights stay with the owner.** A ticket the protocol sends on a user's
/// behalf (a stake migration, a legacy release) may be cancelled only by that user, and a
/// ticket carrying the protocol's own value (a round's rewards) by no one but the
/// protocol: its canceller (the `callValueRefundAddress` the L1 sender chose) is the owner
/// or the L1 sender itself, a contract that never cancels. Cancelling loses the call for
/// good, so whoever holds that right can destroy what the ticket carries.
pub struct CancelRightsWithOwner;

impl Invariant for CancelRightsWithOwner {
    fn name(&self) -> &'static str {
        "cancel-rights-with-owner"
    }
    fn number(&self) -> u8 {
        23
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "only the user a protocol ticket acts for (or no one) may cancel it"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        for t in &v.tickets {
            let Some(owner) = t.owner else { continue };
            if t.canceller != owner && t.canceller != t.l1_sender {
                return Err(violation(
                    self,
                    v,
                    format!(
                        "ticket #{} for {owner} may be cancelled by {}",
                        t.id, t.canceller
                    ),
                    ("tickets cancellable by another", U256::from(1)),
                    ("expected", U256::ZERO),
                ));
            }
        }
        Ok(())
    }
}

/// **24. Tickets expire on time.** No ticket executes once its lifetime (one week of L2
/// time from its creation) has run out. The rule belongs to Arbitrum itself, which the
/// relayer models; no contract of a design can bend it, so a forged state shows it firing
/// (`harness/tests/forged.rs`).
pub struct TicketsExpireOnTime;

impl Invariant for TicketsExpireOnTime {
    fn name(&self) -> &'static str {
        "tickets-expire-on-time"
    }
    fn number(&self) -> u8 {
        24
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "no ticket executes once its lifetime has run out"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        for t in &v.tickets {
            if let Some(at) = t.redeemed_at.filter(|at| *at >= t.expires_at) {
                return Err(violation(
                    self,
                    v,
                    format!("ticket #{} executed after it expired", t.id),
                    ("executed at", U256::from(at)),
                    ("expired at", U256::from(t.expires_at)),
                ));
            }
        }
        Ok(())
    }
}

/// **25. Only the beneficiary cancels.** A cancelled ticket was cancelled by its
/// beneficiary, the address its L1 sender named (see 23 for who that may be). Enforced by
/// Arbitrum, modelled by the relayer; shown on a forged state.
pub struct OnlyBeneficiaryCancels;

impl Invariant for OnlyBeneficiaryCancels {
    fn name(&self) -> &'static str {
        "only-beneficiary-cancels"
    }
    fn number(&self) -> u8 {
        25
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "a ticket is cancelled only by its beneficiary"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        for t in &v.tickets {
            if let Some(by) = t.cancelled_by.filter(|by| *by != t.canceller) {
                return Err(violation(
                    self,
                    v,
                    format!(
                        "ticket #{} was cancelled by {by}, not its beneficiary {}",
                        t.id, t.canceller
                    ),
                    ("cancelled by another", U256::from(1)),
                    ("expected", U256::ZERO),
                ));
            }
        }
        Ok(())
    }
}
