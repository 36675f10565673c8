//! A project's own property suite, reused as it is: every deployed contract's
//! `invariant_*()` (Foundry) and `echidna_*()` (Echidna) functions that take nothing and
//! return one `bool` are checked after every step. A property holds when it returns true;
//! false, a revert or a halt breaks it.

use alloy_primitives::{Address, Bytes};

use crate::chain::{Chain, ChainId};
use crate::compile::Artifacts;
use crate::designs::ContractBook;

/// One property function of one deployment.
#[derive(Debug, Clone)]
pub struct Property {
    /// Its chain.
    pub chain: ChainId,
    /// The deployment's name.
    pub contract: String,
    /// Its address.
    pub address: Address,
    /// The function's name.
    pub function: String,
    /// Its selector.
    pub selector: [u8; 4],
}

impl Property {
    /// How a report names it: `Properties.invariant_supplyBacked` (deployment names are unique
    /// across both chains).
    pub fn name(&self) -> String {
        format!("{}.{}", self.contract, self.function)
    }

    /// `None` if it holds on `chain`, else why not.
    pub fn check(&self, chain: &mut Chain) -> Option<String> {
        match chain.view_raw(self.address, Bytes::from(self.selector.to_vec())) {
            Ok(out) if out.len() == 32 && out[31] == 1 && out[..31].iter().all(|b| *b == 0) => None,
            Ok(_) => Some("returned false".to_string()),
            Err(e) => Some(format!("{e:#}")),
        }
    }
}

/// Every property of every deployment in `book` whose compiled contract `artifacts` has.
pub fn discover(book: &ContractBook, artifacts: &Artifacts) -> Vec<Property> {
    let mut out = Vec::new();
    for (chain, name, address) in book.iter() {
        let Ok(compiled) = artifacts.get(book.kind(chain, name).unwrap_or(name)) else {
            continue;
        };
        for function in compiled.abi.functions() {
            let named =
                function.name.starts_with("invariant_") || function.name.starts_with("echidna_");
            let shape = function.inputs.is_empty()
                && function.outputs.len() == 1
                && function.outputs[0].ty == "bool";
            if named && shape {
                out.push(Property {
                    chain,
                    contract: name.to_string(),
                    address,
                    function: function.name.clone(),
                    selector: function.selector().0,
                });
            }
        }
    }
    out
}
