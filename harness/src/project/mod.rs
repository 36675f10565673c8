//! Projects that are not ours: a `crosscheck.toml` describes a two-chain deployment of
//! someone else's contracts (its sources, its genesis step by step, and the roles its
//! contracts play), and crosscheck compiles it, deploys it on its two chains beside its
//! Arbitrum stand-ins, and checks it.
//!
//! - [`file`]: the file as written, every value with its line.
//! - [`args`]: `$Name`, `@actor`, `alias($Name)`, `create(..)`, `keccak256(..)` and
//!   literals, as ABI values.
//! - [`genesis`]: the stand-ins (first, or where a step places them), then the steps.
//! - [`roles`]: the roles, checked against what was deployed.
//! - [`properties`]: the project's own `invariant_*` and `echidna_*` functions.

/// The commented starter `crosscheck init` writes.
pub const STARTER: &str = include_str!("starter.toml");

pub mod args;
pub mod calls;
pub mod design;
pub mod file;
pub mod genesis;
pub mod properties;
pub mod roles;
pub mod story;

use std::path::Path;
use std::sync::Arc;

use anyhow::Result;

use crate::chain::ChainId;
use crate::compile::{Artifacts, Tree};

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
        let artifacts = Arc::new(compile(&file, root)?);
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

/// The optimizer runs the file asks for, or `None` for no optimizer.
fn optimizer(file: &file::ProjectFile) -> Result<Option<usize>> {
    let sources = &file.spec.sources;
    let on = sources.optimizer.as_ref().is_none_or(|o| *o.get_ref());
    match (&sources.optimizer_runs, on) {
        (Some(runs), false) => Err(file.error(
            runs.span(),
            "sources.optimizer_runs",
            "the optimizer is off (optimizer = false), so it has no runs",
        )),
        (runs, true) => Ok(Some(runs.as_ref().map_or(200, |r| *r.get_ref() as usize))),
        (None, false) => Ok(None),
    }
}

/// Where the sources at `root` build: a folder of crosscheck's own, keyed by the path.
fn build_dir(root: &Path) -> std::path::PathBuf {
    let key = alloy_primitives::keccak256(root.to_string_lossy().as_bytes());
    crate::files::default_output_dir(&format!(
        "projects/{}",
        &alloy_primitives::hex::encode(key)[..16]
    ))
}

/// Compiles the file's sources into a build folder of crosscheck's own, keyed by the
/// project's path, so that the project's tree is never written into.
/// `root`, when given, stands for the sources root (a mutant's copy of it); its build
/// starts from the project's own, so that only what the mutant changed recompiles.
pub(crate) fn compile(file: &file::ProjectFile, root: Option<&Path>) -> Result<Artifacts> {
    let sources = &file.spec.sources;
    let mut versions = Vec::new();
    if let Some(v) = &sources.solc {
        for text in v.get_ref().list() {
            let version = semver::Version::parse(text).map_err(|_| {
                file.error(
                    v.span(),
                    "sources.solc",
                    format!("{text:?} is not a solc version like \"0.8.28\""),
                )
            })?;
            versions.push(version);
        }
    }
    let own = file.sources_root()?;
    let root = root.map_or_else(|| own.clone(), Path::to_path_buf);
    let src = root.join(file.src());
    if !src.is_dir() {
        let span = sources.src.as_ref().map(|s| s.span()).unwrap_or(0..0);
        return Err(file.error(span, "sources.src", format!("no folder {}", src.display())));
    }
    let build = build_dir(&root);
    if root != own {
        // The project's own build first, then a copy of it as the mutant's starting point.
        compile(file, None)?;
        crate::compile::seed_build(&build_dir(&own), &build)?;
    }
    let mut artifacts = crate::compile::compile_tree(&Tree {
        libs: sources
            .libs
            .iter()
            .map(|l| root.join(l.get_ref()))
            .collect(),
        remappings: sources
            .remappings
            .iter()
            .map(|r| r.get_ref().clone())
            .collect(),
        root: root.clone(),
        src,
        build,
        versions,
        optimizer: optimizer(file)?,
    })?;
    for path in &sources.artifacts {
        let key = "sources.artifacts";
        let prebuilt = crate::prebuilt::Prebuilt::load(&root.join(path.get_ref()))
            .map_err(|e| file.error(path.span(), key, format!("{e:#}")))?;
        let name = prebuilt.name.clone();
        let added = if prebuilt.libraries().is_empty() {
            let mut compiled = prebuilt.as_compiled();
            compiled.bytecode = prebuilt
                .linked(&[])
                .map_err(|e| file.error(path.span(), key, format!("{e:#}")))?;
            artifacts.insert(&name, compiled)
        } else {
            artifacts.insert_unlinked(prebuilt)
        };
        added.map_err(|_| {
            file.error(
                path.span(),
                key,
                format!("{name} is already a contract of the sources or of another artifact"),
            )
        })?;
    }
    Ok(artifacts)
}
