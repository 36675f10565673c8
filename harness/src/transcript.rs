//! What the harness did to the two chains, in order, for whoever must do it again elsewhere:
//! every committed transaction with the block it ran in, and every balance, nonce or code
//! the harness set from outside the EVM (a ticket's escrowed call value, a cancellation's
//! refund). A Foundry reproducer is written from it (see [`crate::foundry`]).
//!
//! Recording is per thread and off unless [`start`] was called, so a campaign pays one
//! thread-local flag read per transaction. It is a thread-local rather than a field of
//! [`crate::chain::Chain`] because the checker's exit probe runs on a *copy* of the world:
//! a field would stay behind with the original, while the thread sees every copy's
//! transactions in the order they ran.

use std::cell::RefCell;

use alloy_primitives::{Address, Bytes, U256};

use crate::chain::ChainId;

/// One thing done to a chain.
#[derive(Debug, Clone)]
pub enum Entry {
    /// A transaction the EVM accepted and committed (reverted ones included: they cost
    /// nothing here, but a reproducer checks that they revert there too).
    Tx(RecordedTx),
    /// `address`'s ETH balance was set from outside the EVM.
    Balance {
        /// The chain.
        chain: ChainId,
        /// The account.
        address: Address,
        /// The new balance.
        wei: U256,
    },
    /// `address`'s nonce was set from outside the EVM.
    Nonce {
        /// The chain.
        chain: ChainId,
        /// The account.
        address: Address,
        /// The new nonce.
        nonce: u64,
    },
    /// Runtime code was installed at `address` from outside the EVM.
    Code {
        /// The chain.
        chain: ChainId,
        /// The account.
        address: Address,
        /// The code.
        code: Bytes,
    },
    /// The checker finished a check (see [`mark`]).
    Mark(Box<Mark>),
}

/// A committed transaction and the block it ran in.
#[derive(Debug, Clone)]
pub struct RecordedTx {
    /// The chain.
    pub chain: ChainId,
    /// Block number.
    pub number: u64,
    /// Block timestamp.
    pub timestamp: u64,
    /// Sender (and `tx.origin`).
    pub from: Address,
    /// Callee; `None` for a deployment.
    pub to: Option<Address>,
    /// Call value.
    pub value: U256,
    /// Calldata or init code.
    pub data: Bytes,
    /// Gas left for execution once the intrinsic cost was paid.
    pub execution_gas: u64,
    /// Whether it succeeded.
    pub ok: bool,
}

/// A point where the checker read the world and checked the invariants.
#[derive(Debug, Clone)]
pub struct Mark {
    /// The checker's step index.
    pub step: u64,
    /// Which check it was.
    pub checkpoint: invariants::view::Checkpoint,
    /// What the invariants read.
    pub read: invariants::view::Chains,
    /// The violations found there.
    pub violations: Vec<invariants::Violation>,
}

thread_local! {
    static LOG: RefCell<Option<Vec<Entry>>> = const { RefCell::new(None) };
}

/// Starts recording on this thread, discarding anything recorded before.
pub fn start() {
    LOG.with(|l| *l.borrow_mut() = Some(Vec::new()));
}

/// Stops recording on this thread and returns what was recorded.
pub fn stop() -> Vec<Entry> {
    LOG.with(|l| l.borrow_mut().take()).unwrap_or_default()
}

/// Whether this thread is recording.
pub fn recording() -> bool {
    LOG.with(|l| l.borrow().is_some())
}

/// Appends `entry` if this thread is recording; `entry` is only built then.
pub fn record(entry: impl FnOnce() -> Entry) {
    LOG.with(|l| {
        if let Some(log) = l.borrow_mut().as_mut() {
            log.push(entry());
        }
    });
}

/// Records a finished check, with what it read and what it found.
pub fn mark(
    step: u64,
    checkpoint: invariants::view::Checkpoint,
    read: &invariants::view::Chains,
    violations: &[invariants::Violation],
) {
    record(|| {
        Entry::Mark(Box::new(Mark {
            step,
            checkpoint,
            read: read.clone(),
            violations: violations.to_vec(),
        }))
    });
}
