//! The genesis cast: a governor, three orchestrators, four delegators, a broadcaster, an
//! attacker and an oracle reporter (design B appoints it; elsewhere it is an idle account). Addresses are derived from the names, so every run and every world agree.

use alloy_primitives::{keccak256, Address};
use serde::{Deserialize, Serialize};

/// One of the genesis actors.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    arbitrary::Arbitrary,
)]
#[serde(rename_all = "lowercase")]
pub enum Actor {
    /// Deploys everything and holds governance.
    Governor,
    /// First orchestrator.
    Orchestrator1,
    /// Second orchestrator.
    Orchestrator2,
    /// Third orchestrator.
    Orchestrator3,
    /// First delegator.
    Delegator1,
    /// Second delegator.
    Delegator2,
    /// Third delegator.
    Delegator3,
    /// Fourth delegator.
    Delegator4,
    /// Pays fees into orchestrators' pools.
    Broadcaster,
    /// Holds some LPT and ETH and no privileges.
    Attacker,
    /// Reports L2 stake to design B's oracle (appointed by governance there).
    Reporter,
}

impl Actor {
    /// Every actor, in a fixed order.
    pub const ALL: [Actor; 11] = [
        Actor::Governor,
        Actor::Orchestrator1,
        Actor::Orchestrator2,
        Actor::Orchestrator3,
        Actor::Delegator1,
        Actor::Delegator2,
        Actor::Delegator3,
        Actor::Delegator4,
        Actor::Broadcaster,
        Actor::Attacker,
        Actor::Reporter,
    ];

    /// The orchestrators.
    pub const ORCHESTRATORS: [Actor; 3] = [
        Actor::Orchestrator1,
        Actor::Orchestrator2,
        Actor::Orchestrator3,
    ];

    /// The lower-case name used in scripts and traces.
    pub fn name(self) -> &'static str {
        match self {
            Actor::Governor => "governor",
            Actor::Orchestrator1 => "orchestrator1",
            Actor::Orchestrator2 => "orchestrator2",
            Actor::Orchestrator3 => "orchestrator3",
            Actor::Delegator1 => "delegator1",
            Actor::Delegator2 => "delegator2",
            Actor::Delegator3 => "delegator3",
            Actor::Delegator4 => "delegator4",
            Actor::Broadcaster => "broadcaster",
            Actor::Attacker => "attacker",
            Actor::Reporter => "reporter",
        }
    }

    /// The actor with `name`, if any.
    pub fn from_name(name: &str) -> Option<Actor> {
        Actor::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The actor's address (same on both chains): the address of its key (see
    /// [`Actor::sign`]). The governor, which never signs, keeps an address derived from its
    /// name alone, and with it every contract address (contracts are deployed from it).
    pub fn address(self) -> Address {
        // Asked for on every step and every read, so derived once.
        static ADDRESSES: std::sync::OnceLock<Vec<Address>> = std::sync::OnceLock::new();
        ADDRESSES.get_or_init(|| {
            Actor::ALL
                .iter()
                .map(|a| match a {
                    Actor::Governor => {
                        let hash = keccak256(format!("crosscheck actor {}", a.name()));
                        Address::from_slice(&hash[12..])
                    }
                    _ => {
                        let point = a.key().verifying_key().to_encoded_point(false);
                        Address::from_slice(&keccak256(&point.as_bytes()[1..])[12..])
                    }
                })
                .collect()
        })[self.index()]
    }

    /// The actor's secp256k1 key, derived from its name, so every run signs alike.
    fn key(self) -> k256::ecdsa::SigningKey {
        let secret = keccak256(format!("crosscheck actor key {}", self.name()));
        k256::ecdsa::SigningKey::from_bytes(&secret.0.into()).expect("a hash is a valid key")
    }

    /// The actor's signature of `digest` (an EIP-712 or EIP-191 hash), as 65 bytes
    /// `r ‖ s ‖ v` with `v` 27 or 28 and a low `s`, as `ecrecover` takes it.
    pub fn sign(self, digest: alloy_primitives::B256) -> alloy_primitives::Bytes {
        let (signature, recovery) = self
            .key()
            .sign_prehash_recoverable(digest.as_slice())
            .expect("a 32-byte prehash signs");
        let mut out = signature.to_bytes().to_vec();
        out.push(27 + recovery.to_byte());
        out.into()
    }

    /// Position in [`Actor::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_recovers_to_the_actor_s_address() {
        let digest = keccak256("crosscheck");
        for actor in Actor::ALL.into_iter().filter(|a| *a != Actor::Governor) {
            let sig = actor.sign(digest);
            assert_eq!(sig.len(), 65);
            let signature = k256::ecdsa::Signature::from_slice(&sig[..64]).unwrap();
            assert!(signature.normalize_s().is_none(), "{actor}: s is low");
            let recovery = k256::ecdsa::RecoveryId::from_byte(sig[64] - 27).unwrap();
            let key = k256::ecdsa::VerifyingKey::recover_from_prehash(
                digest.as_slice(),
                &signature,
                recovery,
            )
            .unwrap();
            let point = key.to_encoded_point(false);
            let recovered = Address::from_slice(&keccak256(&point.as_bytes()[1..])[12..]);
            assert_eq!(recovered, actor.address(), "{actor}");
        }
    }
}
