//! The token-movement recorder: for every ERC-20 `Transfer` (mints and burns are those
//! from or to the zero address), the call stack that emitted it. Balance arithmetic alone cannot hide a mint from this: the
//! minting-authority invariants read these stacks, not balances.

use alloy_primitives::{b256, Address, B256, U256};
use serde::{Deserialize, Serialize};

pub use invariants::view::Frame;

/// keccak256("Transfer(address,address,uint256)").
pub const TRANSFER_TOPIC: B256 =
    b256!("ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");

/// A token transfer (mint, burn or plain transfer) observed in one transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplyEvent {
    /// The token that emitted the `Transfer`.
    pub token: Address,
    /// Zero for a mint; the holder for a burn.
    pub from: Address,
    /// The recipient for a mint; zero for a burn.
    pub to: Address,
    /// How much was minted or burned.
    pub amount: U256,
    /// The call stack from the transaction's entry frame down to the token.
    pub stack: Vec<Frame>,
}

impl SupplyEvent {
    /// Whether this is a mint.
    pub fn is_mint(&self) -> bool {
        self.from == Address::ZERO
    }

    /// Whether this is a burn.
    pub fn is_burn(&self) -> bool {
        self.to == Address::ZERO && self.from != Address::ZERO
    }
}

/// ETH moved by a call's value (a payment of fees, a deposit funded), observed in one
/// transaction. Read from the calls themselves, so that no contract need announce it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EthTransfer {
    /// The paying account.
    pub from: Address,
    /// The paid account.
    pub to: Address,
    /// Wei moved.
    pub amount: U256,
}

/// Keeps the current call stack and the supply events and ETH transfers of the current
/// transaction, dropping those of frames that revert.
#[derive(Debug, Default, Clone)]
pub struct SupplyTracer {
    stack: Vec<Frame>,
    /// For each open frame, how many events and ETH transfers existed when it started.
    marks: Vec<(usize, usize)>,
    events: Vec<SupplyEvent>,
    eth: Vec<EthTransfer>,
}

impl SupplyTracer {
    /// A frame starts, moving `value` wei from its caller to its target (zero for none).
    pub fn enter(&mut self, frame: Frame, value: U256) {
        self.marks.push((self.events.len(), self.eth.len()));
        if !value.is_zero() {
            self.eth.push(EthTransfer {
                from: frame.caller,
                to: frame.target,
                amount: value,
            });
        }
        self.stack.push(frame);
    }

    /// How many frames are open.
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    /// The innermost frame ends; `ok` is false if it reverted or halted.
    pub fn exit(&mut self, ok: bool) {
        self.stack.pop();
        if let Some((events, eth)) = self.marks.pop() {
            if !ok {
                self.events.truncate(events);
                self.eth.truncate(eth);
            }
        }
    }

    /// A log was emitted by `emitter` in the innermost frame.
    pub fn log(&mut self, emitter: Address, topics: &[B256], data: &[u8]) {
        if topics.len() != 3 || topics[0] != TRANSFER_TOPIC || data.len() != 32 {
            return;
        }
        let from = Address::from_word(topics[1]);
        let to = Address::from_word(topics[2]);
        self.events.push(SupplyEvent {
            token: emitter,
            from,
            to,
            amount: U256::from_be_slice(data),
            stack: self.stack.clone(),
        });
    }

    /// Takes the events and ETH transfers of the transaction that just finished and
    /// resets.
    pub fn take(&mut self) -> (Vec<SupplyEvent>, Vec<EthTransfer>) {
        self.stack.clear();
        self.marks.clear();
        (
            std::mem::take(&mut self.events),
            std::mem::take(&mut self.eth),
        )
    }
}
