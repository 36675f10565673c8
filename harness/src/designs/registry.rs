//! The registry: which designs there are, by the name the command line and the corpus use,
//! and how a world of each is built (compiled once, genesis once, per process). It sits
//! above the concrete designs, which know nothing of it.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};

use super::interface::{Design, Role};
use super::{design_a, design_b, design_c, design_d};
use crate::chain::ChainId;
use crate::compile::Artifacts;
use crate::world::{World, WorldSnapshot};

/// A selectable design.
///
/// A project file's design (`crosscheck.toml`) is one more: [`DesignId::Project`], named
/// in scripts and reports by the file's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DesignId {
    /// The proposal's own design: escrow-or-mint, minting on L2.
    A,
    /// Minting on L1 only, with an oracle reporting L2 stake (LIP-74).
    B,
    /// The L2 token is canonical; L1 carries derivative LPT′.
    C,
    /// LIP-73 "Confluence" as Livepeer deployed it: L1 frozen, per-user migration by
    /// message, on Livepeer's own protocol bytecode.
    D,
    /// Someone else's contracts, as a project file describes them (see `crate::project`).
    Project(crate::project::design::ProjectKey),
}

impl DesignId {
    /// Every implemented design.
    pub const ALL: [DesignId; 4] = [DesignId::A, DesignId::B, DesignId::C, DesignId::D];

    /// The one-letter name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            DesignId::A => "a",
            DesignId::B => "b",
            DesignId::C => "c",
            DesignId::D => "d",
            DesignId::Project(key) => key.label(),
        }
    }

    /// A one-line description.
    pub fn summary(self) -> &'static str {
        self.spec().summary()
    }

    /// The design's implementation.
    pub fn spec(self) -> &'static dyn Design {
        match self {
            DesignId::A => &design_a::DesignA,
            DesignId::B => &design_b::DesignB,
            DesignId::C => &design_c::DesignC,
            DesignId::D => &design_d::DesignD,
            DesignId::Project(key) => key.design(),
        }
    }

    /// Who its actors are: crosscheck's cast, or the project file's with its `[actors]`.
    pub fn cast(self) -> &'static crate::actors::Cast {
        match self {
            DesignId::Project(key) => key.design().cast(),
            _ => crate::actors::Cast::built_in(),
        }
    }

    /// The root of its sources: our `contracts/`, or the project file's `sources.root`.
    pub fn root(self) -> PathBuf {
        match self {
            DesignId::Project(key) => key.design().sources_root().to_path_buf(),
            _ => crate::compile::contracts_dir(),
        }
    }

    /// The name of its folders under an output folder: `design_a`, or `project_` and a
    /// digest of the project file's path.
    pub fn folder_name(self) -> String {
        match self {
            DesignId::Project(key) => {
                let digest = alloy_primitives::keccak256(key.label().as_bytes());
                format!("project_{}", &alloy_primitives::hex::encode(digest)[..16])
            }
            _ => format!("design_{}", self.name()),
        }
    }

    /// The design it behaves as: a project file with a built-in design's shape (`design =
    /// "a"`) behaves as that design in everything but its genesis; any other, as itself.
    pub fn behaves_as(self) -> DesignId {
        match self {
            DesignId::Project(key) => key.design().shape().unwrap_or(self),
            _ => self,
        }
    }

    /// Whether it is one of ours, with typed actions, rather than a project file's.
    pub fn builtin(self) -> bool {
        !matches!(self, DesignId::Project(_))
    }
}

impl Serialize for DesignId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            // Named from the script's folder when a script is being written.
            DesignId::Project(key) => s.serialize_str(&format!(
                "{}{}",
                crate::project::design::PREFIX,
                crate::project::relative::written(key.design().path()).display()
            )),
            _ => s.serialize_str(self.name()),
        }
    }
}

impl<'de> Deserialize<'de> for DesignId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse()
            .map_err(|e: anyhow::Error| serde::de::Error::custom(format!("{e:#}")))
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
        if let Some(path) = s.strip_prefix(crate::project::design::PREFIX) {
            return crate::project::design::register(&crate::project::relative::locate(Path::new(
                path,
            )));
        }
        match s.to_ascii_lowercase().as_str() {
            "a" => Ok(DesignId::A),
            "b" => Ok(DesignId::B),
            "c" => Ok(DesignId::C),
            "d" => Ok(DesignId::D),
            _ => bail!(
                "unknown design {s:?}; designs: a, b, c, d, or {}PATH for a project file",
                crate::project::design::PREFIX
            ),
        }
    }
}

impl DesignId {
    /// The name, in the contract book, of `role` on `chain`, if the design has that part.
    /// The escrow is the gateway unless the design names a contract of its own.
    pub fn role_name(self, chain: ChainId, role: Role) -> Option<&'static str> {
        match (role, self.spec().role_name(chain, role)) {
            (Role::Escrow, None) => self.spec().role_name(chain, Role::Gateway),
            (_, name) => name,
        }
    }
}

/// Every contract name any design deploys, for actions drawn by `arbitrary` (which knows
/// no design; a name the running design lacks makes a rejected step).
pub const CONTRACT_NAMES: [&str; 32] = [
    "L1BondingManager",
    "L2BondingManager",
    "L1TicketBroker",
    "L2TicketBroker",
    "L2RoundsManager",
    "BridgeMinter",
    "L1Escrow",
    "L1LPTDataCache",
    "L2LPTDataCache",
    "MerkleSnapshot",
    "L2Controller",
    "L1Controller",
    "L1Token",
    "L1Minter",
    "L1Gateway",
    "L1Migrator",
    "Inbox",
    "Bridge",
    "Outbox",
    "L2Token",
    "L2Minter",
    "L2StakingManager",
    "L2Gateway",
    "L2Migrator",
    "ArbSys",
    "L1Lens",
    "L2Lens",
    "L2StakeOracle",
    "LegacyMigrator",
    "LPTPrime",
    "L1Bridge",
    "L2Bridge",
];

/// What was built for each (design, source tree) in this process: compiles and genesis
/// runs cost seconds, and every campaign, test and mutant asks for them again.
struct Memo<V>(OnceLock<Mutex<Table<V>>>);

type Table<V> = HashMap<(DesignId, PathBuf), Arc<V>>;

impl<V> Memo<V> {
    const fn new() -> Self {
        Self(OnceLock::new())
    }

    /// The value for (`design`, `root`), built by `build` the first time. The lock is not
    /// held while building, so two threads may build one value; both results are equal.
    fn get_or_build(
        &self,
        design: DesignId,
        root: &Path,
        build: impl FnOnce() -> Result<V>,
    ) -> Result<Arc<V>> {
        let table = self.0.get_or_init(Default::default);
        let key = (design, root.to_path_buf());
        if let Some(v) = table.lock().expect("design memo").get(&key) {
            return Ok(v.clone());
        }
        let value = Arc::new(build()?);
        table
            .lock()
            .expect("design memo")
            .insert(key, value.clone());
        Ok(value)
    }
}

/// The genesis snapshot of `design` compiled from the source tree at `root` (the project's
/// `contracts/`, or a mutant's copy), built once per process.
pub fn genesis_snapshot(design: DesignId, root: &Path) -> Result<Arc<WorldSnapshot>> {
    static MEMO: Memo<WorldSnapshot> = Memo::new();
    MEMO.get_or_build(design, root, || {
        if let DesignId::Project(key) = design {
            let world = key.design().genesis_at(root)?;
            return Ok(world.snapshot());
        }
        let artifacts = artifacts(design, root)?;
        crate::decode::register_abis(&artifacts);
        let world = design
            .spec()
            .genesis(&artifacts)
            .map_err(|e| e.context(format!("design {design} genesis")))?;
        world.require_separate_chains()?;
        Ok(world.snapshot())
    })
}

/// A fresh world of `design` at genesis, from the project's own contracts.
pub fn fresh_world(design: DesignId) -> Result<crate::world::World> {
    let snapshot = genesis_snapshot(design, &design.root())?;
    Ok(crate::world::World::from_snapshot(&snapshot))
}

/// A world of `design` at the genesis variant `variant` (see [`Design::genesis_variant`]),
/// from the contracts at `root`.
pub fn variant_world(design: DesignId, root: &std::path::Path, variant: &str) -> Result<World> {
    let artifacts = artifacts(design, root)?;
    crate::decode::register_abis(&artifacts);
    let world = design
        .spec()
        .genesis_variant(&artifacts, variant)
        .map_err(|e| e.context(format!("design {design} genesis ({variant})")))?;
    world.require_separate_chains()?;
    Ok(world)
}

/// The world a script starts from: `design`'s genesis, or its genesis variant `variant`,
/// on the correct contracts or on mutant `mutant`'s.
pub fn script_world(
    design: DesignId,
    mutant: Option<&str>,
    variant: Option<&str>,
) -> Result<World> {
    match (mutant, variant) {
        (Some(name), None) => crate::mutants::find(design, name)?.world(design),
        (None, None) => fresh_world(design),
        (mutant, Some(variant)) => {
            let root = match mutant {
                Some(name) => crate::mutants::find(design, name)?.materialise(design)?,
                None => design.root(),
            };
            variant_world(design, &root, variant)
        }
    }
}

/// Everything `design` deploys from the tree at `root`: the tree compiled, and the
/// design's prebuilt contracts beside it. Built once per (design, root) and process. A
/// campaign's generic calls are drawn from all of it, so that Livepeer's own protocol is
/// called with any arguments, not only as the typed actions call it.
pub fn artifacts(design: DesignId, root: &Path) -> Result<Arc<Artifacts>> {
    static MEMO: Memo<Artifacts> = Memo::new();
    MEMO.get_or_build(design, root, || {
        if let DesignId::Project(key) = design {
            return key.design().artifacts_at(root);
        }
        let prebuilt = design.spec().prebuilt()?;
        let mut merged = (*crate::compile::compile(root)?).clone();
        for (kind, contract) in prebuilt {
            merged.insert(kind, contract)?;
        }
        Ok(merged)
    })
}
