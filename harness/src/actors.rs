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

    /// The actor's address (same on both chains).
    pub fn address(self) -> Address {
        // Asked for on every step and every read, so derived once.
        static ADDRESSES: std::sync::OnceLock<Vec<Address>> = std::sync::OnceLock::new();
        ADDRESSES.get_or_init(|| {
            Actor::ALL
                .iter()
                .map(|a| {
                    let hash = keccak256(format!("crosscheck actor {}", a.name()));
                    Address::from_slice(&hash[12..])
                })
                .collect()
        })[self.index()]
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
