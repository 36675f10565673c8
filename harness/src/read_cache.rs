//! A chain's cache of view-call results. Checking every invariant after every step means
//! reading the whole chain after every step, and those reads, not the step, were most of a
//! campaign's time. Most steps write a handful of storage slots, so most reads would return
//! what they returned last time.
//!
//! Each result is kept with its read set: every storage slot the call loaded, which revm
//! reports with the call's (uncommitted) state, and whether it read the block environment
//! or an ETH balance, which the inspector notes. A committed transaction drops every result
//! that loaded a slot it changed, every result that read a balance if it moved ETH, and
//! everything if it created or changed code. A new block drops the results that read the
//! block. What is left is exactly what would be computed again, so the cache never
//! changes an answer; a test compares cached and uncached reads step by step over long
//! sequences.

use std::collections::HashMap;
use std::sync::Arc;

use alloy_primitives::{Address, Bytes, U256};
use revm::state::EvmState;

/// What one committed transaction wrote.
#[derive(Debug, Default)]
pub struct Writes {
    /// Storage slots whose value changed.
    pub slots: Vec<(Address, U256)>,
    /// Whether any ETH balance changed.
    pub balance: bool,
    /// Whether any code changed, or an account was created or destroyed.
    pub code: bool,
}

/// What a view read besides storage.
#[derive(Debug, Clone, Copy, Default)]
pub struct EnvReads {
    /// The block environment (number, time, ...).
    pub block: bool,
    /// Some ETH balance.
    pub balance: bool,
}

#[derive(Debug, Clone)]
struct Entry {
    output: Bytes,
    /// Sorted, for binary search.
    slots: Arc<[(Address, U256)]>,
    reads: EnvReads,
}

impl Entry {
    fn meets(&self, writes: &Writes) -> bool {
        (writes.balance && self.reads.balance)
            || writes
                .slots
                .iter()
                .any(|s| self.slots.binary_search(s).is_ok())
    }
}

/// View results by (contract, calldata), each valid while nothing it read changes.
#[derive(Debug, Clone, Default)]
pub struct ReadCache {
    entries: HashMap<(Address, Bytes), Entry>,
    /// Bumped whenever a result is dropped: while it stays the same, every result read
    /// since is still what a fresh read would return.
    generation: u64,
}

impl ReadCache {
    /// The cached result of calling `to` with `data`, if still valid.
    pub fn get(&self, to: Address, data: &Bytes) -> Option<Bytes> {
        self.entries
            .get(&(to, data.clone()))
            .map(|e| e.output.clone())
    }

    /// Keeps `output` of calling `to` with `data`, which loaded the storage `state` holds
    /// and read what `reads` says.
    pub fn insert(
        &mut self,
        to: Address,
        data: Bytes,
        output: Bytes,
        state: &EvmState,
        reads: EnvReads,
    ) {
        let mut slots: Vec<(Address, U256)> = state
            .iter()
            .flat_map(|(a, acc)| acc.storage.keys().map(move |k| (*a, *k)))
            .collect();
        slots.sort_unstable();
        self.entries.insert(
            (to, data),
            Entry {
                output,
                slots: slots.into(),
                reads,
            },
        );
    }

    /// Drops every result that read something `writes` changed.
    pub fn invalidate(&mut self, writes: &Writes) {
        if writes.code {
            self.clear();
            return;
        }
        if writes.slots.is_empty() && !writes.balance {
            return;
        }
        self.retain(|e| !e.meets(writes));
    }

    fn retain(&mut self, keep: impl Fn(&Entry) -> bool) {
        let n = self.entries.len();
        self.entries.retain(|_, e| keep(e));
        if self.entries.len() != n {
            self.generation += 1;
        }
    }

    /// Changes whenever a result is dropped. Two reads made at the same generation, with
    /// every call of the second answered from the cache or added to it, saw the same
    /// state.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Drops every result that read the block environment (the block moved).
    pub fn forget_block_readers(&mut self) {
        self.retain(|e| !e.reads.block);
    }

    /// Drops everything (state set directly).
    pub fn clear(&mut self) {
        self.entries.clear();
        self.generation += 1;
    }

    /// Results held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
