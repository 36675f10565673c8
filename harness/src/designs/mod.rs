//! One module per design: its deployment (genesis) and how its messages are decoded.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use alloy_primitives::Address;
use anyhow::{anyhow, bail, Result};
use serde::{Deserialize, Serialize};

use crate::chain::ChainId;

pub mod design_a;

/// A selectable design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DesignId {
    /// The proposal's own design: escrow-or-mint, minting on L2.
    A,
}

impl DesignId {
    /// Every implemented design.
    pub const ALL: [DesignId; 1] = [DesignId::A];

    /// The one-letter name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            DesignId::A => "a",
        }
    }

    /// A one-line description.
    pub fn summary(self) -> &'static str {
        match self {
            DesignId::A => "the proposal's design: L2 mints inflation, L1 gateway releases escrow or mints the shortfall",
        }
    }
}

impl fmt::Display for DesignId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for DesignId {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "a" => Ok(DesignId::A),
            "b" | "c" | "d" => bail!("design {s} is not implemented yet; implemented designs: a"),
            _ => bail!("unknown design {s:?}; implemented designs: a"),
        }
    }
}

/// The deployed contracts of a design, by chain and name (the Solidity contract name,
/// or a role name where one contract is deployed twice).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ContractBook {
    entries: BTreeMap<(ChainId, String), Address>,
    /// The compiled contract each entry is an instance of.
    kinds: BTreeMap<(ChainId, String), String>,
}

impl ContractBook {
    /// Records `name` on `chain` at `address` and names the address for traces.
    pub fn insert(&mut self, chain: ChainId, name: &str, address: Address) {
        crate::names::register(address, name);
        self.entries.insert((chain, name.to_string()), address);
    }

    /// Records that `name` on `chain` is an instance of compiled contract `kind`.
    pub fn set_kind(&mut self, chain: ChainId, name: &str, kind: &str) {
        self.kinds
            .insert((chain, name.to_string()), kind.to_string());
    }

    /// The compiled contract `name` on `chain` is an instance of.
    pub fn kind(&self, chain: ChainId, name: &str) -> Option<&str> {
        self.kinds
            .get(&(chain, name.to_string()))
            .map(String::as_str)
    }

    /// The address of `name` on `chain`.
    pub fn get(&self, chain: ChainId, name: &str) -> Result<Address> {
        self.entries
            .get(&(chain, name.to_string()))
            .copied()
            .ok_or_else(|| anyhow!("no contract named {name} on {chain}"))
    }

    /// The address of `name` on `chain`; panics if the design has none (a harness bug).
    pub fn addr(&self, chain: ChainId, name: &str) -> Address {
        self.get(chain, name)
            .unwrap_or_else(|e| panic!("design wiring: {e}"))
    }

    /// Every entry.
    pub fn iter(&self) -> impl Iterator<Item = (ChainId, &str, Address)> {
        self.entries.iter().map(|((c, n), a)| (*c, n.as_str(), *a))
    }

    /// The chain and name of `address`, if it is one of the design's contracts.
    pub fn lookup(&self, address: Address) -> Option<(ChainId, &str)> {
        self.iter()
            .find(|(_, _, a)| *a == address)
            .map(|(c, n, _)| (c, n))
    }
}

/// A part every design has, whatever its contract is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The chain's LPT.
    Token,
    /// The chain's Minter.
    Minter,
    /// The chain's staking contract.
    Staking,
    /// The chain's LPT gateway.
    Gateway,
    /// The contract users call to migrate stake (L1).
    Migrator,
    /// The chain's batch reader.
    Lens,
}

impl DesignId {
    /// The name, in the contract book, of `role` on `chain`.
    pub fn role_name(self, chain: ChainId, role: Role) -> &'static str {
        match (self, chain, role) {
            (DesignId::A, ChainId::L1, Role::Token) => "L1Token",
            (DesignId::A, ChainId::L2, Role::Token) => "L2Token",
            (DesignId::A, ChainId::L1, Role::Minter) => "L1Minter",
            (DesignId::A, ChainId::L2, Role::Minter) => "L2Minter",
            (DesignId::A, ChainId::L1, Role::Staking) => "L1BondingManager",
            (DesignId::A, ChainId::L2, Role::Staking) => "L2StakingManager",
            (DesignId::A, ChainId::L1, Role::Gateway) => "L1Gateway",
            (DesignId::A, ChainId::L2, Role::Gateway) => "L2Gateway",
            (DesignId::A, ChainId::L1, Role::Migrator) => "L1Migrator",
            (DesignId::A, ChainId::L2, Role::Migrator) => "L2Migrator",
            (DesignId::A, ChainId::L1, Role::Lens) => "L1Lens",
            (DesignId::A, ChainId::L2, Role::Lens) => "L2Lens",
        }
    }
}

/// The genesis snapshot of `design` compiled from the source tree at `root` (the project's
/// `contracts/`, or a mutant's copy), built once per process.
pub fn genesis_snapshot(
    design: DesignId,
    root: &std::path::Path,
) -> Result<std::sync::Arc<crate::world::WorldSnapshot>> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    type Memo = Mutex<HashMap<(DesignId, std::path::PathBuf), Arc<crate::world::WorldSnapshot>>>;
    static MEMO: OnceLock<Memo> = OnceLock::new();
    let key = (design, root.to_path_buf());
    if let Some(s) = MEMO
        .get_or_init(Default::default)
        .lock()
        .expect("genesis memo")
        .get(&key)
    {
        return Ok(s.clone());
    }
    let artifacts = crate::compile::compile(root)?;
    crate::decode::register_abis(&artifacts);
    let world = match design {
        DesignId::A => design_a::genesis(&artifacts)?,
    };
    let snapshot = Arc::new(world.snapshot());
    MEMO.get_or_init(Default::default)
        .lock()
        .expect("genesis memo")
        .insert(key, snapshot.clone());
    Ok(snapshot)
}

/// A fresh world of `design` at genesis, from the project's own contracts.
pub fn fresh_world(design: DesignId) -> Result<crate::world::World> {
    let snapshot = genesis_snapshot(design, &crate::compile::contracts_dir())?;
    Ok(crate::world::World::from_snapshot(&snapshot))
}
