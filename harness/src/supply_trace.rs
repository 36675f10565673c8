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

/// Keeps the current call stack and the supply events of the current transaction,
/// dropping the events of frames that revert.
#[derive(Debug, Default, Clone)]
pub struct SupplyTracer {
    stack: Vec<Frame>,
    /// For each open frame, how many events existed when it started.
    marks: Vec<usize>,
    events: Vec<SupplyEvent>,
}

impl SupplyTracer {
    /// A frame starts.
    pub fn enter(&mut self, frame: Frame) {
        self.stack.push(frame);
        self.marks.push(self.events.len());
    }

    /// The innermost frame ends; `ok` is false if it reverted or halted.
    pub fn exit(&mut self, ok: bool) {
        self.stack.pop();
        if let Some(mark) = self.marks.pop() {
            if !ok {
                self.events.truncate(mark);
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

    /// Takes the events of the transaction that just finished and resets.
    pub fn take(&mut self) -> Vec<SupplyEvent> {
        self.stack.clear();
        self.marks.clear();
        std::mem::take(&mut self.events)
    }
}
