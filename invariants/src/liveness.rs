//! Liveness invariants (catalogue 15–17).

use alloy_primitives::U256;

use crate::{violation, Invariant, Kind, View, Violation};

/// **15. Every valid migration and deposit completes.** After draining, every valid
/// gateway ticket (a plain deposit, or a migration from the L1 Migrator) is redeemed,
/// unless it was cancelled or expired before the drain; none is left failed. A deposit
/// with a sender-chosen call hook is not promised to complete: it runs that hook.
pub struct ValidTicketsComplete;

impl Invariant for ValidTicketsComplete {
    fn name(&self) -> &'static str {
        "valid-tickets-complete"
    }
    fn number(&self) -> u8 {
        15
    }
    fn kind(&self) -> Kind {
        Kind::Quiescent
    }
    fn statement(&self) -> &'static str {
        "after draining, no valid deposit or migration ticket is left failed"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        for t in v.tickets.iter().filter(|t| t.valid) {
            if t.unfinished() {
                return Err(violation(
                    self,
                    v,
                    format!("ticket #{} still fails when redeemed with ample gas", t.id),
                    ("LPT stuck", t.lpt),
                    ("expected", U256::ZERO),
                ));
            }
        }
        Ok(())
    }
}

/// **16. Pausing never traps inbound value.** After draining with the gateways as paused
/// as they are, no valid ticket that carries LPT is left unredeemed while the L2 gateway
/// is paused, and no matured message that carries LPT is left unexecuted while the L1
/// gateway is paused. A ticket that carries none (design D's migration messages, which
/// bond LPT the L2 Migrator already holds) does not pass through the gateway, so its
/// failures are not the pause's; `valid-tickets-complete` answers for them.
pub struct PauseNeverTrapsInbound;

impl Invariant for PauseNeverTrapsInbound {
    fn name(&self) -> &'static str {
        "pause-never-traps-inbound"
    }
    fn number(&self) -> u8 {
        16
    }
    fn kind(&self) -> Kind {
        Kind::Quiescent
    }
    fn statement(&self) -> &'static str {
        "a paused gateway still finalises every inbound ticket and outbox message that carries LPT"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        if v.now.l2.gateway_paused {
            for t in v.tickets.iter().filter(|t| t.valid && t.lpt > U256::ZERO) {
                if t.unfinished() {
                    return Err(violation(
                        self,
                        v,
                        format!(
                            "ticket #{} cannot complete while the L2 gateway is paused",
                            t.id
                        ),
                        ("LPT trapped", t.lpt),
                        ("expected", U256::ZERO),
                    ));
                }
            }
        }
        if v.now.l1.gateway_paused {
            for m in v
                .messages
                .iter()
                .filter(|m| m.lpt > U256::ZERO && m.matured)
            {
                if m.executions == 0 {
                    return Err(violation(
                        self,
                        v,
                        format!(
                            "message #{} cannot execute while the L1 gateway is paused",
                            m.index
                        ),
                        ("LPT trapped", m.lpt),
                        ("expected", U256::ZERO),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// **17. Messages are final.** No ticket executes successfully more than once, a ticket's
/// first terminal state is its last, a lost ticket never executed, and no outbox message
/// executes more than once.
pub struct MessagesFinal;

impl Invariant for MessagesFinal {
    fn name(&self) -> &'static str {
        "messages-final"
    }
    fn number(&self) -> u8 {
        17
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "every ticket reaches one terminal state and executes at most once; every message executes at most once"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        for t in &v.tickets {
            let bad_terminal = matches!(t.first_terminal, Some(s) if s != t.status);
            let lost_but_ran = t.status.is_lost() && t.successes > 0;
            if t.successes > 1 || bad_terminal || lost_but_ran {
                return Err(violation(
                    self,
                    v,
                    format!(
                        "ticket #{} is {:?} (first terminal {:?})",
                        t.id, t.status, t.first_terminal
                    ),
                    ("successful executions", U256::from(t.successes)),
                    ("at most", U256::from(u32::from(!t.status.is_lost()))),
                ));
            }
        }
        for m in &v.messages {
            if m.executions > 1 {
                return Err(violation(
                    self,
                    v,
                    format!("outbox message #{} executed more than once", m.index),
                    ("executions", U256::from(m.executions)),
                    ("at most", U256::from(1)),
                ));
            }
        }
        Ok(())
    }
}

/// 17, quiescent half. **Messages stay executable.** After draining, every matured
/// gateway message has executed.
pub struct MessagesStayExecutable;

impl Invariant for MessagesStayExecutable {
    fn name(&self) -> &'static str {
        "messages-stay-executable"
    }
    fn number(&self) -> u8 {
        17
    }
    fn kind(&self) -> Kind {
        Kind::Quiescent
    }
    fn statement(&self) -> &'static str {
        "after draining, every matured gateway message has executed"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        for m in v
            .messages
            .iter()
            .filter(|m| m.lpt > U256::ZERO && m.matured)
        {
            if m.executions == 0 {
                return Err(violation(
                    self,
                    v,
                    format!("matured message #{} does not execute", m.index),
                    ("LPT stuck", m.lpt),
                    ("expected", U256::ZERO),
                ));
            }
        }
        Ok(())
    }
}

/// **0. The genesis completes.** Every transaction of the design's genesis (deployment,
/// wiring, the legacy history and the first movers) succeeds. There is no world to view
/// when it does not, so the harness reports this violation itself, at step 0, naming the
/// refused call (`harness::genesis`); on a view, which only exists after a complete
/// genesis, it holds by construction.
pub struct GenesisCompletes;

impl Invariant for GenesisCompletes {
    fn name(&self) -> &'static str {
        "genesis-completes"
    }
    fn number(&self) -> u8 {
        0
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "every deployment, wiring and history transaction of the genesis succeeds"
    }
    fn check(&self, _: &View) -> Result<(), Violation> {
        Ok(())
    }
}
