//! The simulated Arbitrum bridge's Rust half: the relayer. It reads the messages that the
//! Solidity stand-ins record (`Inbox.TicketCreated` on L1, `ArbSys.L2ToL1Tx` on L2), keeps
//! each through its lifecycle, and executes it on the other chain when the campaign says
//! so. The rules are those of `bridge.md`:
//!
//! - a ticket executes on L2 from the alias of its L1 sender; its auto-redeem is tried
//!   once, and may fail (too little gas, or a revert); a failed ticket can be redeemed by
//!   anyone until one attempt succeeds; its beneficiary can cancel it; it expires one week
//!   of L2 time after creation. At most one execution ever succeeds.
//! - an outbox message becomes executable on L1 after the challenge period, executes at
//!   most once (the L1 Outbox stand-in enforces this), and never expires.

use alloy_primitives::{address, Address, Bytes, U256};
use alloy_sol_types::SolCall;
use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::bindings::{IArbSys, IInbox, IOutbox};
use crate::chain::{Chain, TxOutcome};

/// Arbitrum's L1 → L2 alias offset.
pub const ALIAS_OFFSET: Address = address!("1111000000000000000000000000000000001111");
/// Where ArbSys lives on L2.
pub const ARB_SYS: Address = address!("0000000000000000000000000000000000000064");
/// A retryable ticket's lifetime in L2 seconds.
pub const TICKET_LIFETIME: u64 = 7 * 24 * 3600;
/// The default challenge period in L1 seconds.
pub const DEFAULT_CHALLENGE_PERIOD: u64 = 7 * 24 * 3600;
/// Gas given to a manual redeem: ample for any ticket of ours.
pub const REDEEM_GAS: u64 = 5_000_000;
/// Gas given to a forced failing auto-redeem: enough to start, too little to finish. It
/// covers the intrinsic cost of our tickets (21,000 plus their call data, which Prague
/// prices at up to about 6,000 more) and leaves too little for even a token transfer, the
/// cheapest ticket there is (design C's bridge release).
pub const STARVED_GAS: u64 = 30_000;

/// The simulated rollup: the only account that posts L2 messages to the L1 Outbox. The
/// drain executes matured messages from it too (anyone may).
pub fn rollup_address() -> Address {
    Address::from_slice(&alloy_primitives::keccak256("crosscheck rollup")[12..])
}

/// `address + 0x1111…1111` modulo 2^160: the L2 sender of a ticket from L1 `address`.
pub fn apply_alias(address: Address) -> Address {
    let sum = alloy_primitives::U160::from_be_bytes(address.0 .0)
        .wrapping_add(alloy_primitives::U160::from_be_bytes(ALIAS_OFFSET.0 .0));
    Address::from(sum.to_be_bytes::<20>())
}

/// Where a ticket is in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TicketState {
    /// Created on L1; its auto-redeem has not run yet.
    Created,
    /// Its auto-redeem (or a later redeem) failed; anyone may redeem it.
    Failed,
    /// Executed successfully. Terminal.
    Redeemed,
    /// Cancelled by its beneficiary. Terminal: the call is lost.
    Cancelled,
    /// Expired unredeemed. Terminal: the call is lost.
    Expired,
}

impl TicketState {
    /// Whether the ticket can never execute again.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            TicketState::Redeemed | TicketState::Cancelled | TicketState::Expired
        )
    }
}

/// One L1 → L2 retryable ticket.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ticket {
    /// The inbox's ticket id.
    pub id: u64,
    /// The L1 contract or account that created it.
    pub l1_sender: Address,
    /// The L2 call target.
    pub to: Address,
    /// ETH delivered with the call.
    pub l2_call_value: U256,
    /// Who gets refunds and may cancel.
    pub beneficiary: Address,
    /// The auto-redeem gas limit.
    pub gas_limit: u64,
    /// The L2 call data.
    pub data: Bytes,
    /// L2 time of creation; it expires at `created_at + TICKET_LIFETIME`.
    pub created_at: u64,
    /// Where it is in its lifecycle.
    pub state: TicketState,
    /// Execution attempts so far.
    pub attempts: u32,
    /// Successful executions so far (never more than one in a correct bridge).
    pub successes: u32,
    /// L2 time of the first successful execution.
    pub redeemed_at: Option<u64>,
    /// Who cancelled it, if anyone did.
    pub cancelled_by: Option<Address>,
}

/// One L2 → L1 message.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutboxMessage {
    /// Its ArbSys position, which is its outbox index.
    pub index: u64,
    /// The L2 contract or account that sent it.
    pub l2_sender: Address,
    /// The L1 call target.
    pub to: Address,
    /// ETH paid out of the L1 bridge with the call.
    pub value: U256,
    /// The L1 call data.
    pub data: Bytes,
    /// L1 time from which it may execute.
    pub executable_at: u64,
    /// Successful executions seen on L1 (the Outbox allows at most one).
    pub executions: u32,
    /// L1 time of the first successful execution.
    pub executed_at: Option<u64>,
}

impl OutboxMessage {
    /// Whether it has executed.
    pub fn executed(&self) -> bool {
        self.executions > 0
    }
}

/// Why the relayer refused a bridge action. A refusal is a normal outcome of a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// No such ticket or message.
    Unknown(String),
    /// The ticket is not in a state that allows the action.
    WrongState(String),
    /// Only the beneficiary may cancel.
    NotBeneficiary,
    /// The L1 outbox reverted the execution (early, double, or the call failed).
    Reverted(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Unknown(what) => write!(f, "unknown {what}"),
            Refusal::WrongState(what) => write!(f, "{what}"),
            Refusal::NotBeneficiary => write!(f, "only the beneficiary may cancel"),
            Refusal::Reverted(reason) => write!(f, "outbox reverted: {reason}"),
        }
    }
}

/// The L1 stand-ins' addresses the relayer talks to.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct BridgeAddresses {
    /// The L1 Inbox.
    pub inbox: Address,
    /// The L1 Bridge.
    pub bridge: Address,
    /// The L1 Outbox.
    pub outbox: Address,
    /// The account that posts messages to the Outbox (the simulated rollup).
    pub rollup: Address,
}

/// The relayer: every ticket and outbox message ever seen, by id.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Relayer {
    /// Stand-in addresses.
    pub addresses: BridgeAddresses,
    /// L1 seconds before an outbox message may execute.
    pub challenge_period: u64,
    /// Tickets, indexed by id.
    pub tickets: Vec<Ticket>,
    /// Outbox messages, indexed by position.
    pub outbox: Vec<OutboxMessage>,
}

impl Relayer {
    /// A relayer with no messages yet.
    pub fn new(addresses: BridgeAddresses, challenge_period: u64) -> Self {
        Self {
            addresses,
            challenge_period,
            tickets: Vec::new(),
            outbox: Vec::new(),
        }
    }

    /// Picks up the tickets an L1 transaction created. Returns their ids.
    pub fn observe_l1(&mut self, outcome: &TxOutcome, l2_time: u64) -> Vec<u64> {
        let mut new = Vec::new();
        for (emitter, t) in outcome.events::<IInbox::TicketCreated>() {
            if emitter != self.addresses.inbox {
                continue;
            }
            let id: u64 = t.ticketId.saturating_to();
            new.push(id);
            self.tickets.push(Ticket {
                id,
                l1_sender: t.from,
                to: t.to,
                l2_call_value: t.l2CallValue,
                beneficiary: t.callValueRefundAddress,
                gas_limit: t.gasLimit.saturating_to(),
                data: t.data,
                created_at: l2_time,
                state: TicketState::Created,
                attempts: 0,
                successes: 0,
                redeemed_at: None,
                cancelled_by: None,
            });
        }
        new
    }

    /// Picks up the messages an L2 transaction sent and posts each to the L1 Outbox with
    /// its challenge-period deadline. Returns their indices.
    pub fn observe_l2(&mut self, outcome: &TxOutcome, l1: &mut Chain) -> Result<Vec<u64>> {
        let mut new = Vec::new();
        for (emitter, m) in outcome.events::<IArbSys::L2ToL1Tx>() {
            if emitter != ARB_SYS {
                continue;
            }
            let index: u64 = m.position.saturating_to();
            let executable_at = l1.timestamp() + self.challenge_period;
            let post = IOutbox::postMessageCall {
                index: m.position,
                l2Sender: m.caller,
                to: m.destination,
                value: m.callvalue,
                data: m.data.clone(),
                executableAt: U256::from(executable_at),
            };
            l1.send_ok(self.addresses.rollup, self.addresses.outbox, &post)?;
            new.push(index);
            self.outbox.push(OutboxMessage {
                index,
                l2_sender: m.caller,
                to: m.destination,
                value: m.callvalue,
                data: m.data,
                executable_at,
                executions: 0,
                executed_at: None,
            });
        }
        Ok(new)
    }

    /// Marks every unexecuted ticket past its lifetime as expired. Returns their ids.
    pub fn expire(&mut self, l2_time: u64) -> Vec<u64> {
        let mut expired = Vec::new();
        for t in &mut self.tickets {
            if !t.state.is_terminal() && l2_time >= t.created_at + TICKET_LIFETIME {
                t.state = TicketState::Expired;
                expired.push(t.id);
            }
        }
        expired
    }

    /// The ticket with `id`, if any.
    pub fn ticket(&self, id: u64) -> Option<&Ticket> {
        self.tickets.get(id as usize)
    }

    /// Checks that ticket `id` may run its auto-redeem.
    pub fn check_auto_redeem(&self, id: u64) -> Result<&Ticket, Refusal> {
        let t = self
            .ticket(id)
            .ok_or_else(|| Refusal::Unknown(format!("ticket #{id}")))?;
        match t.state {
            TicketState::Created => Ok(t),
            s => Err(Refusal::WrongState(format!(
                "ticket #{id} is {s:?}; its auto-redeem already ran"
            ))),
        }
    }

    /// Checks that ticket `id` may be redeemed manually.
    pub fn check_redeem(&self, id: u64) -> Result<&Ticket, Refusal> {
        let t = self
            .ticket(id)
            .ok_or_else(|| Refusal::Unknown(format!("ticket #{id}")))?;
        match t.state {
            TicketState::Failed => Ok(t),
            TicketState::Created => Err(Refusal::WrongState(format!(
                "ticket #{id} has not been auto-redeemed yet"
            ))),
            s => Err(Refusal::WrongState(format!(
                "ticket #{id} is {s:?} and can never be redeemed again"
            ))),
        }
    }

    /// Executes ticket `id` on L2 with `gas`, from the alias of its L1 sender, and records
    /// the result. The caller has checked the state with [`Relayer::check_auto_redeem`] or
    /// [`Relayer::check_redeem`].
    pub fn execute_ticket(&mut self, id: u64, l2: &mut Chain, gas: u64) -> Result<TxOutcome> {
        let t = self.tickets[id as usize].clone();
        let from = apply_alias(t.l1_sender);
        // The ticket's call value is escrowed by the bridge until an attempt succeeds.
        let before = l2.balance(from);
        l2.set_balance(from, before + t.l2_call_value);
        let outcome = l2.call(from, t.to, t.data.clone(), t.l2_call_value, gas)?;
        let ticket = &mut self.tickets[id as usize];
        ticket.attempts += 1;
        if outcome.ok() {
            ticket.successes += 1;
            ticket.redeemed_at.get_or_insert(l2.timestamp());
            ticket.state = TicketState::Redeemed;
        } else {
            l2.set_balance(from, before);
            ticket.state = TicketState::Failed;
        }
        Ok(outcome)
    }

    /// Cancels ticket `id` for `by`, who must be its beneficiary; its call value goes to
    /// the beneficiary on L2 and its call is lost.
    pub fn cancel(&mut self, id: u64, by: Address, l2: &mut Chain) -> Result<(), Refusal> {
        let t = self
            .tickets
            .get_mut(id as usize)
            .ok_or_else(|| Refusal::Unknown(format!("ticket #{id}")))?;
        if t.state.is_terminal() {
            return Err(Refusal::WrongState(format!(
                "ticket #{id} is {:?} and cannot be cancelled",
                t.state
            )));
        }
        if by != t.beneficiary {
            return Err(Refusal::NotBeneficiary);
        }
        t.state = TicketState::Cancelled;
        t.cancelled_by = Some(by);
        let value = t.l2_call_value;
        let beneficiary = t.beneficiary;
        let before = l2.balance(beneficiary);
        l2.set_balance(beneficiary, before + value);
        Ok(())
    }

    /// Sends `Outbox.executeTransaction` for message `index` on L1 from `executor`.
    /// Early and double executions are refused by the Outbox itself.
    pub fn execute_outbox(
        &mut self,
        index: u64,
        executor: Address,
        l1: &mut Chain,
    ) -> Result<Result<TxOutcome, Refusal>> {
        let Some(m) = self.outbox.get(index as usize).cloned() else {
            return Ok(Err(Refusal::Unknown(format!("outbox message #{index}"))));
        };
        let call = IOutbox::executeTransactionCall {
            index: U256::from(index),
            l2Sender: m.l2_sender,
            to: m.to,
            value: m.value,
            data: m.data.clone(),
        };
        let outcome = l1.call(
            executor,
            self.addresses.outbox,
            call.abi_encode().into(),
            U256::ZERO,
            crate::chain::DEFAULT_GAS,
        )?;
        if !outcome.ok() {
            return Ok(Err(Refusal::Reverted(crate::decode::revert_reason(
                &outcome.output,
            ))));
        }
        let executed = outcome
            .events::<IOutbox::OutBoxTransactionExecuted>()
            .into_iter()
            .filter(|(emitter, e)| {
                *emitter == self.addresses.outbox && e.index == U256::from(index)
            })
            .count() as u32;
        let message = &mut self.outbox[index as usize];
        message.executions += executed;
        if executed > 0 && message.executed_at.is_none() {
            message.executed_at = Some(l1.timestamp());
        }
        Ok(Ok(outcome))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_adds_the_offset() {
        let l1 = address!("0000000000000000000000000000000000000001");
        assert_eq!(
            apply_alias(l1),
            address!("1111000000000000000000000000000000001112")
        );
    }

    #[test]
    fn alias_wraps_modulo_2_160() {
        let l1 = address!("ffffffffffffffffffffffffffffffffffffffff");
        assert_eq!(
            apply_alias(l1),
            address!("1111000000000000000000000000000000001110")
        );
    }
}
