//! What an honest client pays for the retryable tickets a call sends, priced the way
//! Arbitrum's SDK prices them: the submission fee the Inbox quotes for the ticket's call
//! data at the current L1 base fee, a gas limit found by running the ticket's L2 call, with
//! a margin, and `msg.value` exactly their sum. A design's typed actions pay this, so that
//! a contract which refuses a careless payment (Livepeer's L1 gateway requires a submission
//! cost and an exact `msg.value`) sees what real users send; the fuzzer's careless payments
//! are draws of their own.

use alloy_primitives::{Address, Bytes, U256};

use super::deploy::{TICKET_GAS_PRICE, TICKET_MAX_GAS};
use crate::bindings::IInbox;
use crate::bridge::{apply_alias, REDEEM_GAS};
use crate::chain::{ChainId, DEFAULT_GAS};
use crate::world::World;

/// What a call pays for the tickets it sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketPrice {
    /// The submission cost offered (`maxSubmissionCost`).
    pub max_submission_cost: U256,
    /// The L2 gas limit (`maxGas`).
    pub max_gas: U256,
    /// The L2 gas price bid (`gasPriceBid`).
    pub gas_price_bid: U256,
}

impl TicketPrice {
    /// The fixed price the fuzzer's careless draws pay: no submission cost and a million
    /// gas at 1 gwei, whatever the ticket needs.
    pub fn careless() -> Self {
        Self {
            max_submission_cost: U256::ZERO,
            max_gas: U256::from(TICKET_MAX_GAS),
            gas_price_bid: U256::from(TICKET_GAS_PRICE),
        }
    }

    /// `msg.value` for this price: the submission cost plus the gas, exactly.
    pub fn value(&self) -> U256 {
        self.max_submission_cost + self.max_gas * self.gas_price_bid
    }
}

/// The margin added to the gas a ticket's L2 call spent when tried, in percent. Nested
/// calls keep back a 64th of their gas at each level, so a limit of exactly what was spent
/// can fail where a little more succeeds.
const GAS_MARGIN_PERCENT: u64 = 25;

/// Call data the probe's submission cost is priced for: more than any ticket of ours
/// carries, so that a contract checking the submission cost against its message accepts
/// the probe.
const PROBE_DATA_LENGTH: u64 = 16_384;

/// The honest price of what `from` sends by calling `to` on L1 with the call data `call`
/// builds for a price. The call is tried once without committing, at a generous price, to
/// see the tickets it would send; each ticket's call is then tried on L2 as its alias
/// would make it. A call that sends no ticket, or whose ticket's L2 call fails even with
/// ample gas (so that no estimate exists, and a client sending anyway would fall back to a
/// default), pays the probe's submission cost with the default gas limit.
pub fn honest(
    w: &mut World,
    from: Address,
    to: Address,
    call: impl Fn(&TicketPrice) -> Bytes,
) -> anyhow::Result<TicketPrice> {
    let inbox = w.relayer.addresses.inbox;
    let probe = TicketPrice {
        max_submission_cost: submission_fee(w, inbox, PROBE_DATA_LENGTH)?,
        max_gas: U256::from(REDEEM_GAS),
        gas_price_bid: U256::from(TICKET_GAS_PRICE),
    };
    let (tried, _) =
        w.l1.simulate(from, to, call(&probe), probe.value(), DEFAULT_GAS)?;
    let tickets = tried.events::<crate::bindings::IInbox::TicketCreated>();
    let tickets: Vec<_> = tickets.into_iter().filter(|(e, _)| *e == inbox).collect();
    if tickets.is_empty() {
        return Ok(TicketPrice {
            max_gas: U256::from(TICKET_MAX_GAS),
            ..probe
        });
    }
    let mut price = TicketPrice {
        max_submission_cost: U256::ZERO,
        max_gas: U256::ZERO,
        gas_price_bid: probe.gas_price_bid,
    };
    for (_, t) in tickets {
        let fee = submission_fee(w, inbox, t.data.len() as u64)?;
        price.max_submission_cost = price.max_submission_cost.max(fee);
        let gas = estimate_gas(w, apply_alias(t.from), t.to, t.data, t.l2CallValue)?
            .unwrap_or(TICKET_MAX_GAS);
        price.max_gas = price.max_gas.max(U256::from(gas));
    }
    Ok(price)
}

/// What the Inbox quotes for submitting `length` bytes of call data at L1's base fee.
fn submission_fee(w: &mut World, inbox: Address, length: u64) -> anyhow::Result<U256> {
    let base_fee = w.l1.base_fee();
    w.view(
        ChainId::L1,
        inbox,
        &IInbox::calculateRetryableSubmissionFeeCall {
            dataLength: U256::from(length),
            baseFee: base_fee,
        },
    )
}

/// A gas limit with which `from` calling `to` on L2 succeeds: what the call spends with
/// ample gas, plus the margin, checked to succeed; `None` if it fails even with ample gas.
fn estimate_gas(
    w: &mut World,
    from: Address,
    to: Address,
    data: Bytes,
    value: U256,
) -> anyhow::Result<Option<u64>> {
    let (tried, spent) = w.l2.simulate(from, to, data.clone(), value, REDEEM_GAS)?;
    if !tried.ok() {
        return Ok(None);
    }
    let limit = (spent + spent * GAS_MARGIN_PERCENT / 100).min(REDEEM_GAS);
    let (checked, _) = w.l2.simulate(from, to, data, value, limit)?;
    Ok(Some(if checked.ok() { limit } else { REDEEM_GAS }))
}
