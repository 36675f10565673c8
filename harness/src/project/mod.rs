//! Projects that are not ours: a `crosscheck.toml` describes a two-chain deployment of
//! someone else's contracts (its sources, its genesis step by step, and the roles its
//! contracts play), and crosscheck compiles it, deploys it on its two chains beside its
//! Arbitrum stand-ins, and checks it.
//!
//! - [`file`]: the file as written, every value with its line.
//! - [`args`]: `$Name`, `@actor`, `alias($Name)` and literals, as ABI values.
//! - [`genesis`]: the stand-ins, then the steps.
//! - [`roles`]: the roles, checked against what was deployed.
//! - [`properties`]: the project's own `invariant_*` and `echidna_*` functions.

/// The commented starter `crosscheck init` writes.
pub const STARTER: &str = include_str!("starter.toml");

pub mod args;
pub mod design;
pub mod file;
pub mod genesis;
pub mod properties;
pub mod roles;
pub mod story;

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};

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
}

impl Project {
    /// Reads, compiles and deploys the project of the file at `path`.
    pub fn load(path: &Path) -> Result<Self> {
        let file = file::ProjectFile::read(path)?;
        let artifacts = Arc::new(compile(&file)?);
        let ours = crate::compile::compile_contracts()?;
        // The stand-ins' errors and calls decode too; the project's own, registered last,
        // win where a selector is shared, and name amounts in the project's tokens.
        crate::decode::register_abis(&ours);
        crate::decode::register_abis_in(&artifacts, "tokens");
        let deployed = genesis::run(&file, &artifacts, &ours)?;
        let spec = &file.spec.roles;
        let l1 = roles::resolve(&file, &artifacts, &deployed.book, ChainId::L1, &spec.l1)?;
        let l2 = roles::resolve(&file, &artifacts, &deployed.book, ChainId::L2, &spec.l2)?;
        let properties = properties::discover(&deployed.book, &artifacts);
        Ok(Self {
            file,
            artifacts,
            deployed,
            l1,
            l2,
            properties,
        })
    }
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

/// Compiles the file's sources into a build folder of crosscheck's own, keyed by the
/// project's path, so that the project's tree is never written into.
pub(crate) fn compile(file: &file::ProjectFile) -> Result<Artifacts> {
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
    let dir = file.dir();
    let root = match &sources.root {
        Some(r) => dir.join(r.get_ref()),
        None => dir,
    };
    let root = root.canonicalize().with_context(|| {
        format!(
            "{}: sources.root: no folder {}",
            file.path.display(),
            root.display()
        )
    })?;
    let src = root.join(
        sources
            .src
            .as_ref()
            .map(|s| s.get_ref().as_str())
            .unwrap_or("src"),
    );
    if !src.is_dir() {
        let span = sources.src.as_ref().map(|s| s.span()).unwrap_or(0..0);
        return Err(file.error(span, "sources.src", format!("no folder {}", src.display())));
    }
    let key = alloy_primitives::keccak256(root.to_string_lossy().as_bytes());
    let build = crate::files::default_output_dir(&format!(
        "projects/{}",
        &alloy_primitives::hex::encode(key)[..16]
    ));
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
