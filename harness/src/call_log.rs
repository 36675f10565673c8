//! The calls a world's transactions and reads make, frame by frame, when asked for: which
//! function of which contract the harness itself calls (a frame at depth 0, or one its
//! lens makes), so that a test can hold the harness to the interface a design publishes.
//! Off by default; a campaign never pays for it.

use std::sync::{Arc, Mutex};

use alloy_primitives::Address;

use crate::chain::ChainId;

/// One call frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordedCall {
    /// The chain it ran on.
    pub chain: ChainId,
    /// Who called: the transaction's sender at depth 0.
    pub caller: Address,
    /// The account called (a proxy, not its implementation).
    pub target: Address,
    /// The first four bytes of the call data (zero for a plain transfer).
    pub selector: [u8; 4],
    /// How many frames enclose it: 0 for the transaction's own call.
    pub depth: usize,
}

/// Where the frames go: shared by both chains of a world and by its copies.
#[derive(Debug, Clone, Default)]
pub struct CallLog(Arc<Mutex<Vec<RecordedCall>>>);

impl CallLog {
    /// Adds one frame.
    pub fn push(&self, call: RecordedCall) {
        self.0.lock().expect("call log lock").push(call);
    }

    /// Every frame recorded so far, in order.
    pub fn calls(&self) -> Vec<RecordedCall> {
        self.0.lock().expect("call log lock").clone()
    }
}
