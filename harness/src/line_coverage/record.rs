//! Recording which code ran: per code address, how often each basic block was entered
//! and each conditional jump went each way. The inspector writes into a per-thread tally
//! (no lock on the hot path); a campaign's workers [`flush`] theirs into the process-wide
//! one when they finish, and the report [`take`]s it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use alloy_primitives::Address;

/// What ran of one contract's code, indexed by pc.
#[derive(Debug, Clone, Default)]
pub struct CodeHits {
    /// Entries into the basic block starting at each pc.
    pub blocks: Vec<u64>,
    /// For a `JUMPI` at each pc: times taken and not taken.
    pub branches: Vec<[u64; 2]>,
}

impl CodeHits {
    fn slot(&mut self, pc: usize) {
        if self.blocks.len() <= pc + 1 {
            self.blocks.resize(pc + 2, 0);
            self.branches.resize(pc + 2, [0; 2]);
        }
    }

    fn merge(&mut self, other: &CodeHits) {
        self.slot(other.blocks.len().saturating_sub(1));
        for (a, b) in self.blocks.iter_mut().zip(&other.blocks) {
            *a += b;
        }
        for (a, b) in self.branches.iter_mut().zip(&other.branches) {
            a[0] += b[0];
            a[1] += b[1];
        }
    }
}

/// What ran, per code address (a contract's address on its chain: no two chains share
/// one, see [`crate::world::World::shared_contracts`]).
pub type Hits = HashMap<Address, CodeHits>;

static ON: AtomicBool = AtomicBool::new(false);
static TOTAL: Mutex<Option<Hits>> = Mutex::new(None);

thread_local! {
    static LOCAL: RefCell<Hits> = RefCell::new(HashMap::new());
}

/// Turns recording on or off for chains built from now on.
pub fn enable(on: bool) {
    ON.store(on, Ordering::Relaxed);
}

/// Whether chains built now record.
pub fn enabled() -> bool {
    ON.load(Ordering::Relaxed)
}

/// The block at `pc` of `code` was entered.
pub fn block(code: Address, pc: usize) {
    LOCAL.with(|l| {
        let mut l = l.borrow_mut();
        let hits = l.entry(code).or_default();
        hits.slot(pc);
        hits.blocks[pc] += 1;
    });
}

/// The `JUMPI` at `pc` of `code` was taken or not.
pub fn branch(code: Address, pc: usize, taken: bool) {
    LOCAL.with(|l| {
        let mut l = l.borrow_mut();
        let hits = l.entry(code).or_default();
        hits.slot(pc);
        hits.branches[pc][usize::from(!taken)] += 1;
        if !taken {
            // The fall-through starts a block of its own.
            hits.blocks[pc + 1] += 1;
        }
    });
}

/// Moves this thread's tally into the process-wide one.
pub fn flush() {
    let local = LOCAL.with(|l| std::mem::take(&mut *l.borrow_mut()));
    if local.is_empty() {
        return;
    }
    let mut total = TOTAL.lock().expect("coverage tally poisoned");
    let total = total.get_or_insert_with(HashMap::new);
    for (code, hits) in local {
        total.entry(code).or_default().merge(&hits);
    }
}

/// Flushes this thread and takes the process-wide tally, leaving it empty.
pub fn take() -> Hits {
    flush();
    TOTAL
        .lock()
        .expect("coverage tally poisoned")
        .take()
        .unwrap_or_default()
}
