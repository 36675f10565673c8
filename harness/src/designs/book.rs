//! The contract book: a design's deployed contracts by chain and name, with the compiled
//! contract each one is an instance of.

use std::collections::BTreeMap;

use alloy_primitives::Address;
use anyhow::{anyhow, Result};
use serde::{Deserialize, Serialize};

use crate::chain::ChainId;

/// The deployed contracts of a design, by chain and name (the Solidity contract name,
/// or a role name where one contract is deployed twice).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ContractBook {
    /// Per chain, so that a lookup by `&str` needs no owned key (it runs on every step).
    entries: BTreeMap<ChainId, BTreeMap<String, Address>>,
    /// The compiled contract each entry is an instance of.
    kinds: BTreeMap<(ChainId, String), String>,
}

impl ContractBook {
    /// Records `name` on `chain` at `address` and names the address for traces.
    pub fn insert(&mut self, chain: ChainId, name: &str, address: Address) {
        crate::names::register(address, name);
        self.entries
            .entry(chain)
            .or_default()
            .insert(name.to_string(), address);
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
            .get(&chain)
            .and_then(|names| names.get(name))
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
        self.entries
            .iter()
            .flat_map(|(c, names)| names.iter().map(|(n, a)| (*c, n.as_str(), *a)))
    }

    /// The chain and name of `address`, if it is one of the design's contracts.
    pub fn lookup(&self, address: Address) -> Option<(ChainId, &str)> {
        self.iter()
            .find(|(_, _, a)| *a == address)
            .map(|(c, n, _)| (c, n))
    }
}
