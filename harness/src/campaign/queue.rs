//! The coverage corpus on disk: `<corpus>/queue/<hash>.json`, one script for every sequence
//! a campaign kept because it reached new edges. A later campaign given the same folder
//! starts from them, as AFL and Echidna users expect of a corpus folder.

use std::path::{Path, PathBuf};

use alloy_primitives::keccak256;
use anyhow::Result;

use crate::action::Action;
use crate::designs::DesignId;
use crate::script::Script;

/// Where the queue of the campaign whose corpus folder is `corpus` lives.
pub fn dir(corpus: &Path) -> PathBuf {
    corpus.join("queue")
}

/// Saves every sequence of `entries` not saved yet; returns how many it wrote. Names hash
/// the mutant and the steps, so a sequence found by two runs is one file.
pub fn save(
    corpus: &Path,
    design: DesignId,
    (mutant, genesis): (Option<&str>, Option<&str>),
    entries: &[Vec<Action>],
) -> Result<usize> {
    let dir = dir(corpus);
    let mut written = 0;
    for steps in entries {
        let json = serde_json::to_string(steps)?;
        let variant = genesis.unwrap_or_default();
        let hash = keccak256(format!("{mutant:?}{variant}{json}"));
        let path = dir.join(format!(
            "{}.json",
            &alloy_primitives::hex::encode(hash)[..16]
        ));
        if path.exists() {
            continue;
        }
        let script = Script {
            design,
            mutant: mutant.map(str::to_string),
            genesis: genesis.map(str::to_string),
            description: "coverage corpus: reached new edges".into(),
            steps: steps.clone(),
            expect: None,
            origin: None,
        };
        script.save(&path)?;
        written += 1;
    }
    Ok(written)
}

/// The saved sequences of `design` (and `mutant`) under `corpus`, in file-name order so
/// that a resumed campaign is as deterministic as a fresh one. A malformed file is an
/// error that names it.
pub fn load(
    corpus: &Path,
    design: DesignId,
    mutant: Option<&str>,
    genesis: Option<&str>,
) -> Result<Vec<Vec<Action>>> {
    let dir = dir(corpus);
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for path in super::corpus_files(&dir)? {
        let s = Script::load(&path)?;
        if s.design == design && s.mutant.as_deref() == mutant && s.genesis.as_deref() == genesis {
            out.push(s.steps);
        }
    }
    Ok(out)
}
