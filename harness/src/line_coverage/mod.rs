//! Solidity line and branch coverage: which pcs ran ([`record`]), mapped through solc's
//! source maps ([`source_map`]) onto lines and branches per chain and per deployed contract
//! ([`report`]), written as LCOV ([`lcov`]) and rendered as HTML ([`html`]).
//!
//! This is a different thing from the campaign's edge map ([`crate::coverage`]): that one
//! is hashed and lossy, for steering; this one is exact, for the auditor, and costs more,
//! so it is on only when asked for (`fuzz --coverage DIR`).

pub mod html;
pub mod lcov;
pub mod record;
pub mod report;
pub mod source_map;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::designs::DesignId;

/// Maps what was recorded since recording began onto the sources of `design` (on mutant
/// `mutant`'s contracts if given).
pub fn collect(design: DesignId, mutant: Option<&str>) -> Result<report::Report> {
    let hits = record::take();
    let root = match mutant {
        Some(name) => crate::mutants::find(design, name)?.materialise(design)?,
        None => design.root(),
    };
    let world = crate::designs::script_world(design, mutant, None)?;
    let maps = match design {
        // A project's own layout: its trees, remappings, libraries and versions.
        DesignId::Project(key) => {
            let file = crate::project::file::ProjectFile::read(key.design().path())?;
            source_map::compile_trees(&crate::project::sources::trees(&file, Some(&root))?)?
        }
        _ => source_map::compile(&root)?,
    };
    Ok(report::build(&world, &maps, &hits))
}

/// Writes `DIR/lcov.info` and `DIR/summary.txt` (the per-contract table); returns the
/// tracefile's path.
pub fn write(dir: &Path, report: &report::Report) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join("lcov.info");
    crate::files::write_atomic(&path, lcov::write(report))?;
    crate::files::write_atomic(&dir.join("summary.txt"), report::table(report))?;
    Ok(path)
}
