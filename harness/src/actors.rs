//! The genesis cast: a governor, three orchestrators, four delegators, a broadcaster, an
//! attacker and an oracle reporter (design B appoints it; elsewhere it is an idle account). Addresses are derived from the names, so every run and every world agree.

use alloy_primitives::{keccak256, Address, B256};
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

    /// The actor's address in the built-in designs (same on both chains): the address of
    /// its key (see [`Actor::sign`]). The governor, which never signs, keeps an address
    /// derived from its name alone, and with it every contract address (contracts are
    /// deployed from it). A project file may give actors other keys: see [`Cast`].
    pub fn address(self) -> Address {
        Cast::built_in().address(self)
    }

    /// The actor's built-in secp256k1 key, derived from its name, so every run signs alike.
    fn key(self) -> k256::ecdsa::SigningKey {
        let secret = keccak256(format!("crosscheck actor key {}", self.name()));
        k256::ecdsa::SigningKey::from_bytes(&secret.0.into()).expect("a hash is a valid key")
    }

    /// The actor's signature of `digest` (an EIP-712 or EIP-191 hash) with its built-in
    /// key, as 65 bytes `r ‖ s ‖ v` with `v` 27 or 28 and a low `s`, as `ecrecover` takes
    /// it.
    pub fn sign(self, digest: alloy_primitives::B256) -> alloy_primitives::Bytes {
        sign_with(&self.key(), digest)
    }

    /// Position in [`Actor::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

fn sign_with(key: &k256::ecdsa::SigningKey, digest: B256) -> alloy_primitives::Bytes {
    let (signature, recovery) = key
        .sign_prehash_recoverable(digest.as_slice())
        .expect("a 32-byte prehash signs");
    let mut out = signature.to_bytes().to_vec();
    out.push(27 + recovery.to_byte());
    out.into()
}

fn address_of_key(key: &k256::ecdsa::SigningKey) -> Address {
    let point = key.verifying_key().to_encoded_point(false);
    Address::from_slice(&keccak256(&point.as_bytes()[1..])[12..])
}

/// Who the actors are in one deployment: each actor's account and, where crosscheck holds
/// it, the key that signs for it. The built-in designs share one cast; a project file's
/// `[actors]` may give any actor its own key (an account the project's deployment expects,
/// a known test key) or an address with no key (an account crosscheck sends from, as a
/// node impersonates one, but cannot sign for).
#[derive(Debug, Clone)]
pub struct Cast {
    accounts: Vec<(Address, Option<k256::ecdsa::SigningKey>)>,
}

/// What a project binds an actor to.
#[derive(Debug, Clone)]
pub enum Binding {
    /// A secp256k1 secret: the actor's address is its key's.
    Key(B256),
    /// An account with no key crosscheck holds.
    Address(Address),
}

impl Cast {
    /// The built-in designs' cast: keys and the governor's address derived from names.
    pub fn built_in() -> &'static Cast {
        // Asked for on every step and every read, so derived once.
        static BUILT_IN: std::sync::OnceLock<Cast> = std::sync::OnceLock::new();
        BUILT_IN.get_or_init(|| Cast {
            accounts: Actor::ALL
                .iter()
                .map(|a| match a {
                    Actor::Governor => {
                        let hash = keccak256(format!("crosscheck actor {}", a.name()));
                        (Address::from_slice(&hash[12..]), None)
                    }
                    _ => {
                        let key = a.key();
                        (address_of_key(&key), Some(key))
                    }
                })
                .collect(),
        })
    }

    /// The built-in cast with `bindings` in place of those actors' accounts, or why not:
    /// a key that is no secp256k1 secret, or two actors on one account (every ledger and
    /// report would credit one with the other's doings).
    pub fn with(bindings: &[(Actor, Binding)]) -> Result<Cast, String> {
        let mut cast = Cast::built_in().clone();
        for (actor, binding) in bindings {
            cast.accounts[actor.index()] = match binding {
                Binding::Key(secret) => {
                    let key = k256::ecdsa::SigningKey::from_bytes(&secret.0.into())
                        .map_err(|_| format!("@{actor}'s key is not a secp256k1 secret"))?;
                    (address_of_key(&key), Some(key))
                }
                Binding::Address(address) => (*address, None),
            };
        }
        for (i, (address, _)) in cast.accounts.iter().enumerate() {
            if let Some(j) = cast.accounts[..i].iter().position(|(a, _)| a == address) {
                return Err(format!(
                    "@{} and @{} would be one account, {address}",
                    Actor::ALL[j],
                    Actor::ALL[i]
                ));
            }
        }
        Ok(cast)
    }

    /// `actor`'s address in this cast.
    pub fn address(&self, actor: Actor) -> Address {
        self.accounts[actor.index()].0
    }

    /// The actor whose account `address` is, if any.
    pub fn actor_at(&self, address: Address) -> Option<Actor> {
        self.accounts
            .iter()
            .position(|(a, _)| *a == address)
            .map(|i| Actor::ALL[i])
    }

    /// Every actor's address, in [`Actor::ALL`] order.
    pub fn addresses(&self) -> impl Iterator<Item = Address> + '_ {
        self.accounts.iter().map(|(a, _)| *a)
    }

    /// Whether this cast holds `actor`'s key.
    pub fn can_sign(&self, actor: Actor) -> bool {
        self.accounts[actor.index()].1.is_some()
    }

    /// `actor`'s signature of `digest` (as [`Actor::sign`]), if this cast holds its key.
    pub fn sign(&self, actor: Actor, digest: B256) -> Option<alloy_primitives::Bytes> {
        self.accounts[actor.index()]
            .1
            .as_ref()
            .map(|key| sign_with(key, digest))
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
    fn a_cast_binds_some_actors_and_keeps_the_rest() {
        let secret: B256 = keccak256("a project's test key");
        let safe = Address::repeat_byte(0x5a);
        let cast = Cast::with(&[
            (Actor::Delegator2, Binding::Key(secret)),
            (Actor::Governor, Binding::Address(safe)),
        ])
        .unwrap();
        let key = k256::ecdsa::SigningKey::from_bytes(&secret.0.into()).unwrap();
        assert_eq!(cast.address(Actor::Delegator2), address_of_key(&key));
        assert_ne!(cast.address(Actor::Delegator2), Actor::Delegator2.address());
        assert_eq!(cast.address(Actor::Governor), safe);
        assert_eq!(cast.actor_at(safe), Some(Actor::Governor));
        assert_eq!(cast.address(Actor::Attacker), Actor::Attacker.address());
        // The bound key signs; an address alone cannot.
        let digest = keccak256("crosscheck");
        let sig = cast.sign(Actor::Delegator2, digest).unwrap();
        assert_eq!(sig, sign_with(&key, digest));
        assert_eq!(cast.sign(Actor::Governor, digest), None);
        // Two actors on one account are refused.
        let e = Cast::with(&[(Actor::Reporter, Binding::Address(Actor::Attacker.address()))])
            .unwrap_err();
        assert!(
            e.contains("@attacker and @reporter would be one account"),
            "{e}"
        );
    }

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
