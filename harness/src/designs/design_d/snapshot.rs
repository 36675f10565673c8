//! The L1 snapshot `claimStake` proves against: every frozen L1 delegation as a leaf
//! `keccak256(abi.encodePacked(delegator, delegate, stake, fees))`, in a Merkle tree whose
//! pairs are hashed in sorted order (OpenZeppelin's `MerkleProof`, which Livepeer's
//! `MerkleSnapshot.verify` uses). The root is committed at genesis; a proof is built when a
//! claim is made.

use alloy_primitives::{keccak256, Address, B256, U256};

/// One frozen delegation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Leaf {
    /// The delegator.
    pub delegator: Address,
    /// Its delegate at the freeze.
    pub delegate: Address,
    /// Its pending stake at the freeze.
    pub stake: U256,
    /// Its pending fees at the freeze.
    pub fees: U256,
}

impl Leaf {
    /// The leaf's hash, as `L2Migrator.claimStake` computes it.
    pub fn hash(&self) -> B256 {
        let mut packed = Vec::with_capacity(20 + 20 + 32 + 32);
        packed.extend_from_slice(self.delegator.as_slice());
        packed.extend_from_slice(self.delegate.as_slice());
        packed.extend_from_slice(&self.stake.to_be_bytes::<32>());
        packed.extend_from_slice(&self.fees.to_be_bytes::<32>());
        keccak256(packed)
    }
}

fn pair(a: B256, b: B256) -> B256 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let mut both = [0u8; 64];
    both[..32].copy_from_slice(lo.as_slice());
    both[32..].copy_from_slice(hi.as_slice());
    keccak256(both)
}

/// A Merkle tree over leaf hashes, bottom level first; an odd node is carried up as it is.
#[derive(Debug, Clone)]
pub struct Tree {
    levels: Vec<Vec<B256>>,
}

impl Tree {
    /// The tree over `leaves`, in the order given.
    pub fn new(leaves: &[B256]) -> Self {
        let mut levels = vec![leaves.to_vec()];
        while levels.last().is_some_and(|l| l.len() > 1) {
            let below = levels.last().expect("a level");
            let above = below
                .chunks(2)
                .map(|c| if c.len() == 2 { pair(c[0], c[1]) } else { c[0] })
                .collect();
            levels.push(above);
        }
        Self { levels }
    }

    /// The root (zero for no leaves).
    pub fn root(&self) -> B256 {
        self.levels
            .last()
            .and_then(|l| l.first())
            .copied()
            .unwrap_or_default()
    }

    /// The proof of leaf `index`: its sibling at each level where it has one.
    pub fn proof(&self, mut index: usize) -> Vec<B256> {
        let mut proof = Vec::new();
        for level in &self.levels[..self.levels.len().saturating_sub(1)] {
            let sibling = index ^ 1;
            if sibling < level.len() {
                proof.push(level[sibling]);
            }
            index /= 2;
        }
        proof
    }
}

/// Whether `proof` shows `leaf` under `root`, as OpenZeppelin's `MerkleProof.verify`.
pub fn verify(proof: &[B256], root: B256, leaf: B256) -> bool {
    proof
        .iter()
        .fold(leaf, |node, sibling| pair(node, *sibling))
        == root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_leaf_proves_against_the_root_and_a_forged_one_does_not() {
        for n in 1..=9u64 {
            let leaves: Vec<B256> = (0..n).map(|i| keccak256(i.to_be_bytes())).collect();
            let tree = Tree::new(&leaves);
            for (i, leaf) in leaves.iter().enumerate() {
                assert!(
                    verify(&tree.proof(i), tree.root(), *leaf),
                    "{n} leaves, leaf {i}"
                );
            }
            assert!(!verify(&tree.proof(0), tree.root(), keccak256("forged")));
        }
    }
}
