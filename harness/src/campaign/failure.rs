//! Failure files: `<corpus>/failures/<invariant>-<hash>.json`, a script that names its
//! design, mutant, origin (seed, worker, run) and expected outcome, so that
//! `crosscheck replay` re-executes it and `cargo test` can keep it as a regression.

use std::path::{Path, PathBuf};

use alloy_primitives::keccak256;
use anyhow::Result;

use crate::action::Action;
use crate::designs::DesignId;
use crate::script::{Expected, Origin, Script};

/// Builds the script of a failure.
pub fn script(
    design: DesignId,
    mutant: Option<&str>,
    invariant: &str,
    steps: Vec<Action>,
    origin: Origin,
) -> Script {
    Script {
        design,
        genesis: None,
        mutant: mutant.map(str::to_string),
        description: format!("found by crosscheck fuzz: breaks {invariant}"),
        steps,
        expect: Some(Expected::Violates {
            invariant: invariant.to_string(),
        }),
        origin: Some(origin),
    }
}

/// Writes `script` under `dir/failures/` and returns the path. The name hashes the steps,
/// so the same failure found twice is one file.
pub fn write(dir: &Path, invariant: &str, script: &Script) -> Result<PathBuf> {
    let steps = serde_json::to_string(&script.steps)?;
    // A genesis variant names its start too; a file of the genesis keeps the name it had.
    let genesis = script.genesis.as_deref().unwrap_or_default();
    let hash = keccak256(format!("{:?}{genesis}{steps}", script.mutant));
    let path = dir.join("failures").join(format!(
        "{invariant}-{}.json",
        &alloy_primitives::hex::encode(hash)[..10]
    ));
    script.save(&path)?;
    Ok(path)
}
