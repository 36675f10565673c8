//! Prebuilt contracts: hardhat artifacts (ABI, creation bytecode, link references) that a
//! registry package ships, deployed as shipped, never patched. Design D runs Livepeer's
//! own protocol this way, from the npm package `@livepeer/sdk`.

use std::path::{Path, PathBuf};

use alloy_json_abi::JsonAbi;
use alloy_primitives::{Address, Bytes};
use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;

use crate::compile::CompiledContract;

/// Where `@livepeer/sdk` keeps the artifacts of Livepeer's 0.8.9 protocol, installed
/// first if it is not yet.
pub fn livepeer_abis_dir() -> Result<PathBuf> {
    Ok(crate::compile::npm_package_dir("@livepeer/sdk")?.join("abis"))
}

/// One hardhat artifact.
#[derive(Debug, Clone)]
pub struct Prebuilt {
    /// The contract's name in its artifact.
    pub name: String,
    /// Its ABI.
    pub abi: JsonAbi,
    /// Its creation bytecode as hex, library placeholders in place.
    bytecode: String,
    /// For each library it links: the library's name and the byte offsets of its address.
    links: Vec<(String, Vec<usize>)>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    contract_name: String,
    abi: JsonAbi,
    bytecode: String,
    #[serde(default)]
    link_references:
        std::collections::BTreeMap<String, std::collections::BTreeMap<String, Vec<LinkReference>>>,
}

#[derive(Deserialize)]
struct LinkReference {
    start: usize,
    length: usize,
}

impl Prebuilt {
    /// Reads the artifact at `path`; errors name the file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| {
            format!(
                "cannot read {} (are the npm packages installed?)",
                path.display()
            )
        })?;
        let a: Artifact = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a hardhat artifact", path.display()))?;
        let mut links = Vec::new();
        for names in a.link_references.values() {
            for (library, refs) in names {
                let mut starts = Vec::new();
                for r in refs {
                    if r.length != 20 {
                        bail!("{}: a link of {} bytes", path.display(), r.length);
                    }
                    starts.push(r.start);
                }
                links.push((library.clone(), starts));
            }
        }
        Ok(Self {
            name: a.contract_name,
            abi: a.abi,
            bytecode: a.bytecode.trim_start_matches("0x").to_string(),
            links,
        })
    }

    /// A contract whose creation bytecode `bytecode` (hex, placeholders in place) links
    /// each library of `links` at the given byte offsets: what solc gives for a compiled
    /// contract that uses an external library.
    pub fn from_parts(
        name: &str,
        abi: JsonAbi,
        bytecode: &str,
        links: Vec<(String, Vec<usize>)>,
    ) -> Self {
        Self {
            name: name.to_string(),
            abi,
            bytecode: bytecode.trim_start_matches("0x").to_string(),
            links,
        }
    }

    /// The libraries it must be linked with.
    pub fn libraries(&self) -> Vec<&str> {
        self.links.iter().map(|(l, _)| l.as_str()).collect()
    }

    /// Its creation bytecode with every library linked to its address in `libraries`; a
    /// library left out is an error naming it.
    pub fn linked(&self, libraries: &[(&str, Address)]) -> Result<Bytes> {
        let mut hex = self.bytecode.clone();
        for (library, starts) in &self.links {
            let address = libraries
                .iter()
                .find(|(name, _)| name == library)
                .map(|(_, a)| *a)
                .ok_or_else(|| anyhow!("{} needs library {library} linked", self.name))?;
            let text = alloy_primitives::hex::encode(address);
            for start in starts {
                let at = start * 2;
                if at + 40 > hex.len() {
                    bail!("{}: link of {library} past the bytecode", self.name);
                }
                hex.replace_range(at..at + 40, &text);
            }
        }
        alloy_primitives::hex::decode(&hex)
            .map(Bytes::from)
            .map_err(|e| anyhow!("{}: bytecode is not hex after linking: {e}", self.name))
    }

    /// As a compiled contract, for ABI lookups (generic calls, decoding); its bytecode is
    /// only usable once linked.
    pub fn as_compiled(&self) -> CompiledContract {
        CompiledContract {
            abi: self.abi.clone(),
            bytecode: Bytes::new(),
            deployed_bytecode: Bytes::new(),
        }
    }
}
