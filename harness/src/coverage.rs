//! EVM edge coverage and comparison operands, recorded by the inspector while a campaign
//! runs. An edge is (code address, pc, jump target or branch taken), hashed into a
//! 65,536-slot map as Foundry does; each comparison (`EQ`, `LT`, `GT`, `SLT`, `SGT`) adds
//! a value-profile feature to the same map, and its operands feed the campaign's value
//! dictionary.

use std::sync::atomic::{AtomicU8, Ordering};

use alloy_primitives::{Address, U256};

/// Slots in the edge map.
pub const MAP_SIZE: usize = 1 << 16;
/// At most this many comparison operands are kept per transaction.
const MAX_OPERANDS: usize = 64;

/// What one execution covered.
#[derive(Debug, Default, Clone)]
pub struct EdgeRecorder {
    /// Whether to record at all (off outside campaigns: the hook then costs one branch).
    pub enabled: bool,
    /// Edge slots hit, in order, with repeats.
    pub edges: Vec<u16>,
    /// Interesting operands seen in comparisons.
    pub operands: Vec<U256>,
}

fn slot(address: Address, pc: usize, salt: u64) -> u16 {
    // FNV-1a over the address, then mix in pc and salt; cheap and stable across runs.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in address.0 .0 {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h ^= (pc as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^= salt.wrapping_mul(0xc2b2_ae3d_27d4_eb4f);
    h ^= h >> 29;
    (h as u16) ^ ((h >> 16) as u16)
}

impl EdgeRecorder {
    /// A jump at `pc` in `code` to `target`.
    pub fn jump(&mut self, code: Address, pc: usize, target: u64) {
        self.edges.push(slot(code, pc, target));
    }

    /// A conditional jump at `pc` in `code`, taken or not.
    pub fn branch(&mut self, code: Address, pc: usize, taken: bool) {
        self.edges.push(slot(code, pc, u64::from(taken) + 1));
    }

    /// A comparison at `pc` in `code`: its operands feed the dictionary, and how they
    /// stand to each other is a coverage feature of its own (libFuzzer's value profile), so
    /// that a sequence which brings an equality closer to holding, or moves an ordered
    /// comparison's operands into a new order of magnitude, is kept even when it takes no
    /// new branch. An overflow builds up that way: no branch changes until the last step.
    pub fn compare(&mut self, code: Address, pc: usize, equality: bool, a: U256, b: U256) {
        if equality {
            // How many bits still differ, by powers of two: 0, 1, 2–3, 4–7, …, 128–256.
            let differing = u64::from(64 - ((a ^ b).count_ones() as u64).leading_zeros());
            self.edges.push(slot(code, pc, 0x1_0000 + differing));
        } else {
            // Which side is larger, with how far apart the operands are (the bit length of
            // their difference: a withdrawal closing in on the escrow it must exceed) and
            // the size in bytes of the smaller one (a factor growing toward an overflow).
            let side = u64::from(a < b);
            let gap = (a.max(b) - a.min(b)).bit_len() as u64;
            let size = a.min(b).bit_len().div_ceil(8) as u64;
            self.edges.push(slot(code, pc, 0x2_0000 + gap * 2 + side));
            self.edges.push(slot(code, pc, 0x3_0000 + size * 2 + side));
        }
        if self.operands.len() >= MAX_OPERANDS {
            return;
        }
        for v in [a, b] {
            // Flags are not worth keeping; amounts, times, blocks and rounds are (up to
            // 2^128), and so are addresses (a token or a counterpart checked against an
            // argument). Other large words are mostly hashes and masks. The dictionary
            // sorts them.
            let address_like = v.bit_len() > 140 && v.bit_len() <= 160;
            if v > U256::from(1u64) && (v.bit_len() <= 128 || address_like) {
                self.operands.push(v);
            }
        }
    }

    /// Takes what the last transaction covered.
    pub fn take(&mut self) -> (Vec<u16>, Vec<U256>) {
        (
            std::mem::take(&mut self.edges),
            std::mem::take(&mut self.operands),
        )
    }
}

/// The edge map a campaign's workers share: a hit counter per slot.
#[derive(Debug)]
pub struct CoverageMap {
    counts: Vec<AtomicU8>,
}

impl Default for CoverageMap {
    fn default() -> Self {
        Self {
            counts: (0..MAP_SIZE).map(|_| AtomicU8::new(0)).collect(),
        }
    }
}

/// AFL's hit-count buckets: 1, 2, 3, 4–7, 8–15, 16–31, 32–127, 128+.
fn bucket(hits: u32) -> u8 {
    match hits {
        0 => 0,
        1 => 1,
        2 => 2,
        3 => 4,
        4..=7 => 8,
        8..=15 => 16,
        16..=31 => 32,
        32..=127 => 64,
        _ => 128,
    }
}

impl CoverageMap {
    /// Merges one sequence's edges; returns how many (slot, hit-count bucket) pairs were
    /// new to the map.
    pub fn merge(&self, edges: &[u16]) -> usize {
        self.merge_slots(edges).len()
    }

    /// Merges one sequence's edges; returns the slots whose (slot, hit-count bucket) pair
    /// was new to the map, sorted.
    pub fn merge_slots(&self, edges: &[u16]) -> Vec<u16> {
        let mut counts: std::collections::HashMap<u16, u32> = std::collections::HashMap::new();
        for e in edges {
            *counts.entry(*e).or_default() += 1;
        }
        let mut novel = Vec::new();
        for (slot, hits) in counts {
            let b = bucket(hits);
            let prev = self.counts[slot as usize].fetch_or(b, Ordering::Relaxed);
            if prev & b == 0 {
                novel.push(slot);
            }
        }
        novel.sort_unstable();
        novel
    }

    /// Slots hit at least once.
    pub fn edges(&self) -> usize {
        self.counts
            .iter()
            .filter(|c| c.load(Ordering::Relaxed) != 0)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_operands_keep_amounts_and_addresses_but_not_flags_or_hashes() {
        let mut r = EdgeRecorder {
            enabled: true,
            ..EdgeRecorder::default()
        };
        let token = Address::repeat_byte(0x41);
        let word = U256::from_be_slice(token.as_slice());
        let amount = U256::from(28_500u64) * U256::from(10u64).pow(U256::from(18u64));
        let hash = U256::MAX - U256::from(7u64);
        r.compare(Address::ZERO, 1, true, word, U256::from(1u64));
        r.compare(Address::ZERO, 2, false, amount, hash);
        let (edges, operands) = r.take();
        assert_eq!(operands, vec![word, amount]);
        assert_eq!(
            edges.len(),
            3,
            "one equality feature, two ordering features"
        );
    }
}
