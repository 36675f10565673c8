//! Projects that are not ours: a `crosscheck.toml` describes a two-chain deployment of
//! someone else's contracts (its sources, its genesis step by step, and the roles its
//! contracts play), and crosscheck compiles it, deploys it on its two chains beside its
//! Arbitrum stand-ins, and checks it.
//!
//! - [`file`]: the file as written, every value with its line.
//! - [`args`]: `$Name`, `@actor`, `alias($Name)`, `create(..)`, `keccak256(..)` and
//!   literals, as ABI values.
//! - [`genesis`]: the stand-ins (first, or where a step places them), then the steps.
//! - [`sources`]: the Solidity trees, compiled where crosscheck keeps its builds.
//! - [`roles`]: the roles, checked against what was deployed.
//! - [`properties`]: the project's own `invariant_*` and `echidna_*` functions.
//! - [`relative`]: how a script file names its project, from the script's own folder.

/// The commented starter `crosscheck init` writes.
pub const STARTER: &str = include_str!("starter.toml");

pub mod args;
pub mod calls;
pub mod design;
pub mod file;
pub mod genesis;
pub mod properties;
pub mod relative;
pub mod roles;
pub mod sources;
pub mod story;

use std::path::Path;
use std::sync::Arc;

use anyhow::Result;

use crate::chain::ChainId;
use crate::compile::Artifacts;

/// A project compiled and deployed.
pub struct Project {
    /// The file.
    pub file: file::ProjectFile,
    /// Its compiled sources.
    pub artifacts: Arc<Artifacts>,
    /// Both chains after its genesis.
    pub deployed: genesis::Deployed,
    /// L1's roles.
    pub l1: roles::Resolved,
    /// L2's roles.
    pub l2: roles::Resolved,
    /// Its property functions.
    pub properties: Vec<properties::Property>,
    /// Which functions a campaign calls, and how often.
    pub calls: calls::CallRules,
}

impl Project {
    /// Reads, compiles and deploys the project of the file at `path`.
    pub fn load(path: &Path) -> Result<Self> {
        Self::load_at(path, None)
    }

    /// Reads the file at `path`, compiles its sources from `root` (a mutant's copy of the
    /// sources root) or, with `None`, from where the file says, and deploys it.
    pub fn load_at(path: &Path, root: Option<&Path>) -> Result<Self> {
        let file = file::ProjectFile::read(path)?;
        let artifacts = Arc::new(sources::compile(&file, root, true)?);
        let ours = crate::compile::compile_contracts()?;
        // The stand-ins' errors and calls decode too; the project's own, registered last,
        // win where a selector is shared, and name amounts in the project's tokens.
        crate::decode::register_abis(&ours);
        crate::decode::register_abis_in(&artifacts, "tokens");
        // A project with a built-in design's shape compiles crosscheck's tree, stand-ins
        // and all: its own (a mutant's, say) stand-ins are the ones to deploy. Any other
        // project gets crosscheck's, whatever its sources call their contracts.
        let shaped;
        let stand_ins = match file.shape()? {
            Some(_) => {
                shaped = design::with_stand_ins(&artifacts, &ours)?;
                &shaped
            }
            None => &*ours,
        };
        let deployed = genesis::run(&file, &artifacts, stand_ins)?;
        let (l1, l2) = match (file.shape()?, &file.spec.roles) {
            (None, Some(spec)) => {
                let spec = spec.get_ref();
                let book = &deployed.book;
                roles::check_pairs(&file, &spec.l1, &spec.l2)?;
                (
                    roles::resolve(&file, &artifacts, book, ChainId::L1, &spec.l1)?,
                    roles::resolve(&file, &artifacts, book, ChainId::L2, &spec.l2)?,
                )
            }
            (None, None) => {
                return Err(file.error(
                    0..0,
                    "roles",
                    "missing: a [roles.l1] and a [roles.l2] say which contracts are the tokens, the escrow and the gateways (or design = \"a\" gives a built-in design's)",
                ))
            }
            (Some(shape), Some(spec)) => {
                return Err(file.error(
                    spec.span(),
                    "roles",
                    format!("design = \"{shape}\" takes design {shape}'s roles; a file with a design has no [roles]"),
                ))
            }
            (Some(shape), None) => {
                require_shape(&file, shape, &deployed.book)?;
                Default::default()
            }
        };
        let properties = properties::discover(&deployed.book, &artifacts);
        let calls = calls::resolve(
            &file,
            (&artifacts, stand_ins),
            &deployed.book,
            &file.spec.calls,
        )?;
        Ok(Self {
            file,
            artifacts,
            deployed,
            l1,
            l2,
            properties,
            calls,
        })
    }
}

/// Every contract `shape` plays its roles with is deployed under the name the design gives
/// it, on its chain: the design's invariants and actions find its parts by those names.
fn require_shape(
    file: &file::ProjectFile,
    shape: crate::designs::DesignId,
    book: &crate::designs::ContractBook,
) -> Result<()> {
    use crate::designs::Role;
    let span = file.spec.design.as_ref().map_or(0..0, |d| d.span());
    for chain in [ChainId::L1, ChainId::L2] {
        for role in Role::ALL {
            let Some(name) = shape.spec().role_name(chain, role) else {
                continue;
            };
            if book.get(chain, name).is_err() {
                return Err(file.error(
                    span.clone(),
                    "design",
                    format!("design {shape} needs its {role:?} deployed as {name} on {chain}; no step deploys one"),
                ));
            }
        }
    }
    Ok(())
}
