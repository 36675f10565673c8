//! The project's Solidity: the tree `[sources]` names and each `[[sources.tree]]` beside
//! it, every one compiled with its own library folders, remappings, optimizer and solc
//! versions into a build folder of crosscheck's own (the project's tree is never written
//! into), and the prebuilt artifacts each lists.
//!
//! Every further tree lives under the first tree's root: a mutant's copy of that root then
//! holds every tree, and a mutant's `file`, a coverage line and a finding are all relative
//! to the one root.

use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::Result;
use toml::Spanned;

use super::file::{ProjectFile, Sources};
use crate::compile::{Artifacts, Tree};

/// One tree as the file gives it, resolved against a sources root.
struct Planned<'f> {
    spec: &'f Sources,
    /// The key its mistakes are reported under: `sources` or `sources.tree`.
    key: &'static str,
    /// Where the tree's root is, relative to the sources root.
    relative: PathBuf,
    /// Its sources folder, relative to its root.
    src: PathBuf,
    tree: Tree,
}

/// Compiles every tree of `file`, and adds the prebuilt artifacts each lists if
/// `with_prebuilt`.
///
/// `root`, when given, stands for the sources root (a mutant's copy of it); each tree's
/// build then starts from the project's own, so that only what the mutant changed
/// recompiles.
pub(crate) fn compile(
    file: &ProjectFile,
    root: Option<&Path>,
    with_prebuilt: bool,
) -> Result<Artifacts> {
    let own = file.sources_root()?;
    let base = root.map_or_else(|| own.clone(), Path::to_path_buf);
    let planned = plan(file, &own, &base)?;
    if base != own {
        // The project's own builds first, then a copy of each as the mutant's start.
        compile(file, None, false)?;
        for p in &planned {
            let own_root = own.join(&p.relative);
            let own_build = build_dir(&own_root.join(&p.src));
            crate::compile::seed_build(&own_build, &p.tree.build)?;
        }
    }
    let trees: Vec<Tree> = planned.iter().map(|p| p.tree.clone()).collect();
    let mut artifacts = crate::compile::compile_trees(&trees)?;
    for p in planned.iter().filter(|_| with_prebuilt) {
        add_prebuilt(file, p, &mut artifacts)?;
    }
    Ok(artifacts)
}

/// The file's trees, their folders under `root` (a mutant's copy of the sources root) or,
/// with `None`, where the file says: what line coverage compiles for its source maps.
pub fn trees(file: &ProjectFile, root: Option<&Path>) -> Result<Vec<Tree>> {
    let own = file.sources_root()?;
    let base = root.map_or_else(|| own.clone(), Path::to_path_buf);
    Ok(plan(file, &own, &base)?
        .into_iter()
        .map(|p| p.tree)
        .collect())
}

/// Each tree of the file, in order, its folders under `base`, checked for what can be
/// checked before compiling.
fn plan<'f>(file: &'f ProjectFile, own: &Path, base: &Path) -> Result<Vec<Planned<'f>>> {
    let first = &file.spec.sources;
    let at = first.src.as_ref().map_or(0..0, Spanned::span);
    let mut planned = vec![resolve(file, (first, at), "sources", PathBuf::new(), base)?];
    for spanned in &first.tree {
        let spec = spanned.get_ref();
        if let Some(nested) = spec.tree.first() {
            return Err(file.error(
                nested.span(),
                "sources.tree.tree",
                "a tree has no trees of its own; list every tree under [sources]",
            ));
        }
        let relative = tree_root(file, spec, own)?;
        let p = resolve(file, (spec, spanned.span()), "sources.tree", relative, base)?;
        if let Some(same) = planned.iter().find(|q| q.tree.src == p.tree.src) {
            return Err(file.error(
                spanned.span(),
                "sources.tree",
                format!(
                    "compiles {}, as an earlier tree ({}) does",
                    p.tree.src.display(),
                    same.key
                ),
            ));
        }
        planned.push(p);
    }
    Ok(planned)
}

/// A further tree's root, relative to the first tree's root `own`, refused outside it.
fn tree_root(file: &ProjectFile, spec: &Sources, own: &Path) -> Result<PathBuf> {
    let Some(root) = &spec.root else {
        return Ok(PathBuf::new());
    };
    let at = own.join(root.get_ref());
    let error = |why: String| file.error(root.span(), "sources.tree.root", why);
    let at = at
        .canonicalize()
        .map_err(|_| error(format!("no folder {}", at.display())))?;
    match at.strip_prefix(own) {
        Ok(relative) => Ok(relative.to_path_buf()),
        Err(_) => Err(error(format!(
            "{} is outside the sources root {}; set [sources] root to a folder that holds every tree",
            at.display(),
            own.display()
        ))),
    }
}

/// `spec` as a tree to compile, its root at `base`/`relative`; `table` is where a mistake
/// with no key of its own is reported.
fn resolve<'f>(
    file: &'f ProjectFile,
    (spec, table): (&'f Sources, Range<usize>),
    key: &'static str,
    relative: PathBuf,
    base: &Path,
) -> Result<Planned<'f>> {
    let root = base.join(&relative);
    let src_name = PathBuf::from(spec.src.as_ref().map_or("src", |s| s.get_ref().as_str()));
    let src = root.join(&src_name);
    if !src.is_dir() {
        let span = spec.src.as_ref().map_or(table, Spanned::span);
        return Err(file.error(
            span,
            &format!("{key}.src"),
            format!("no folder {}", src.display()),
        ));
    }
    let build = build_dir(&src);
    let tree = Tree {
        libs: spec.libs.iter().map(|l| root.join(l.get_ref())).collect(),
        remappings: spec
            .remappings
            .iter()
            .map(|r| r.get_ref().clone())
            .collect(),
        root,
        src,
        build,
        versions: versions(file, spec, key)?,
        optimizer: optimizer(file, spec, key)?,
    };
    Ok(Planned {
        spec,
        key,
        relative,
        src: src_name,
        tree,
    })
}

/// The solc versions the tree names.
fn versions(file: &ProjectFile, spec: &Sources, key: &str) -> Result<Vec<semver::Version>> {
    let Some(named) = &spec.solc else {
        return Ok(Vec::new());
    };
    named
        .get_ref()
        .list()
        .into_iter()
        .map(|text| {
            semver::Version::parse(text).map_err(|_| {
                file.error(
                    named.span(),
                    &format!("{key}.solc"),
                    format!("{text:?} is not a solc version like \"0.8.28\""),
                )
            })
        })
        .collect()
}

/// The optimizer runs the tree asks for, or `None` for no optimizer.
fn optimizer(file: &ProjectFile, spec: &Sources, key: &str) -> Result<Option<usize>> {
    let on = spec.optimizer.as_ref().is_none_or(|o| *o.get_ref());
    match (&spec.optimizer_runs, on) {
        (Some(runs), false) => Err(file.error(
            runs.span(),
            &format!("{key}.optimizer_runs"),
            "the optimizer is off (optimizer = false), so it has no runs",
        )),
        (runs, true) => Ok(Some(runs.as_ref().map_or(200, |r| *r.get_ref() as usize))),
        (None, false) => Ok(None),
    }
}

/// Where a tree builds: a folder of crosscheck's own, keyed by the tree's sources folder.
/// Not by its root: two trees, or two project files (`design-a.toml` and `design-d.toml`
/// over `contracts/`), may share a root and compile different folders of it, and one
/// build's cache would undo the other's at every turn.
fn build_dir(src: &Path) -> PathBuf {
    let digest = alloy_primitives::keccak256(src.to_string_lossy().as_bytes());
    crate::files::default_output_dir(&format!(
        "projects/{}",
        &alloy_primitives::hex::encode(digest)[..16]
    ))
}

/// Adds the prebuilt hardhat artifacts tree `p` lists, deployed as shipped.
fn add_prebuilt(file: &ProjectFile, p: &Planned<'_>, artifacts: &mut Artifacts) -> Result<()> {
    let key = format!("{}.artifacts", p.key);
    for path in &p.spec.artifacts {
        let prebuilt = crate::prebuilt::Prebuilt::load(&p.tree.root.join(path.get_ref()))
            .map_err(|e| file.error(path.span(), &key, format!("{e:#}")))?;
        let name = prebuilt.name.clone();
        let added = if prebuilt.libraries().is_empty() {
            let mut compiled = prebuilt.as_compiled();
            compiled.bytecode = prebuilt
                .linked(&[])
                .map_err(|e| file.error(path.span(), &key, format!("{e:#}")))?;
            artifacts.insert(&name, compiled)
        } else {
            artifacts.insert_unlinked(prebuilt)
        };
        added.map_err(|_| {
            file.error(
                path.span(),
                &key,
                format!("{name} is already a contract of the sources or of another artifact"),
            )
        })?;
    }
    Ok(())
}
