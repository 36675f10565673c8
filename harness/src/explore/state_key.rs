//! The canonical key of an explored state: both chains' accounts and storage, their block
//! numbers and clocks, the bridge's queues with every ticket's and message's status, and
//! the checker's memory of the path (its ghost ledger and records). Two worlds get one key
//! exactly when all of that is equal, whatever order the maps hold it in.
//!
//! The key is a sum (mod 2^128) of one hash per entry, so it needs no sorting and cannot
//! depend on map order: an account's balance, code hash and nonce are one entry, each
//! non-zero storage slot another, each part of the bridge and the checker one more. What
//! it leaves out, and why that is safe:
//! - an empty account (no code, no balance, no storage): revm caches the accounts a call
//!   only looked at, and a looked-at empty account is the same state as an absent one;
//! - a zero storage slot, for the same reason;
//! - an externally owned account's nonce: nonce checks are off, every step is a call (the
//!   alphabet never deploys from an actor), so a nonce only counts the steps an actor
//!   signed, reverted ones included, and nothing reads it. A contract's nonce is kept: it
//!   decides the address of the next contract it creates;
//! - the committed logs and the read cache, which record the past and speed up reads.
//!
//! The per-entry hash is a fixed 128-bit mix written here (not `std`'s hasher, whose
//! algorithm may change between Rust releases), so a certificate's genesis key is the same
//! on every machine and build. It is not a cryptographic hash; states are not chosen by an
//! adversary, and a collision between two of a few million states has odds near 2^-88.

use alloy_primitives::{Address, U256};
use revm::primitives::KECCAK_EMPTY;

use crate::chain::Chain;
use crate::checker::Checker;
use crate::world::World;

/// The key of an explored state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StateKey(pub u128);

impl std::fmt::Display for StateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

/// The key of `world` checked by `checker`.
pub fn of(world: &World, checker: &Checker) -> StateKey {
    let mut sum = chain_sum(&world.l1, 1).wrapping_add(chain_sum(&world.l2, 2));
    let relayer =
        serde_json::to_string(&(&world.relayer.tickets, &world.relayer.outbox)).unwrap_or_default();
    sum = sum.wrapping_add(bytes_hash(3, relayer.as_bytes()));
    sum = sum.wrapping_add(bytes_hash(4, checker.history().as_bytes()));
    StateKey(sum)
}

fn chain_sum(chain: &Chain, tag: u64) -> u128 {
    let mut sum = {
        let mut h = Mix::new(tag);
        h.word(chain.block_number());
        h.word(chain.timestamp());
        h.finish()
    };
    for (address, account) in &chain.db().cache.accounts {
        let info = &account.info;
        let is_contract = info.code_hash != KECCAK_EMPTY && !info.code_hash.is_zero();
        let mut any_storage = false;
        for (slot, value) in &account.storage {
            if value.is_zero() {
                continue;
            }
            any_storage = true;
            let mut h = Mix::new(tag ^ 0x5107);
            h.address(address);
            h.u256(slot);
            h.u256(value);
            sum = sum.wrapping_add(h.finish());
        }
        if !is_contract && info.balance.is_zero() && !any_storage {
            continue;
        }
        let mut h = Mix::new(tag ^ 0xacc0);
        h.address(address);
        h.u256(&info.balance);
        h.bytes(info.code_hash.as_slice());
        h.word(if is_contract { info.nonce } else { 0 });
        sum = sum.wrapping_add(h.finish());
    }
    sum
}

fn bytes_hash(tag: u64, bytes: &[u8]) -> u128 {
    let mut h = Mix::new(tag);
    h.bytes(bytes);
    h.word(bytes.len() as u64);
    h.finish()
}

/// Two 64-bit lanes of a multiply-xorshift mix (the finaliser of MurmurHash3), each with
/// its own constant, fed one 64-bit word at a time.
struct Mix(u64, u64);

fn fmix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

impl Mix {
    fn new(tag: u64) -> Self {
        Mix(
            fmix(tag ^ 0x9e37_79b9_7f4a_7c15),
            fmix(tag ^ 0x2545_f491_4f6c_dd1d),
        )
    }

    fn word(&mut self, w: u64) {
        self.0 = fmix(self.0 ^ w).wrapping_add(0x9e37_79b9_7f4a_7c15);
        self.1 = fmix(self.1.rotate_left(23) ^ w ^ 0x6a09_e667_f3bc_c909);
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.word(u64::from_le_bytes(w));
        }
    }

    fn address(&mut self, a: &Address) {
        self.bytes(a.as_slice());
    }

    fn u256(&mut self, v: &U256) {
        for limb in v.as_limbs() {
            self.word(*limb);
        }
    }

    fn finish(&self) -> u128 {
        (u128::from(fmix(self.0 ^ self.1.rotate_left(7))) << 64) | u128::from(fmix(self.1))
    }
}
