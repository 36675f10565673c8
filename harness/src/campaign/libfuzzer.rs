//! One input from an external, byte-oriented fuzzer (libFuzzer through `fuzz/`): the bytes
//! become actions through `arbitrary`, the actions run from genesis exactly as a native
//! campaign runs them, and the EVM edges they hit are folded into 8-bit counters the fuzzer
//! reads as its own coverage. Nothing here depends on libfuzzer-sys, so the same path is
//! tested by `cargo test` and the fuzz crate stays a thin shell.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use arbitrary::{Arbitrary, Unstructured};
use invariants::Violation;

use super::execute::{execute, Execution, Options, Start};
use super::{failure, shrink};
use crate::action::Action;
use crate::designs::{genesis_snapshot, DesignId};
use crate::script::{Expected, Script};

/// Longest sequence one input decodes to; longer inputs are cut, as the native engine
/// caps its sequences.
pub const MAX_STEPS: usize = 32;

/// The environment variable that picks a mutant for the libFuzzer targets.
pub const MUTANT_VAR: &str = "CROSSCHECK_MUTANT";

/// A design (and perhaps a mutant) deployed once, ready to run inputs.
pub struct Target {
    design: DesignId,
    mutant: Option<String>,
    start: Start,
}

/// What one input did.
#[derive(Debug)]
pub struct InputRun {
    /// The actions the bytes decoded to (cut at the first violation).
    pub steps: Vec<Action>,
    /// The sequence's execution: violations, edges, steps.
    pub execution: Execution,
}

impl InputRun {
    /// The first violation the input caused (genesis breakage of a mutant is not the
    /// input's doing and is left out).
    pub fn first_violation<'a>(&'a self, target: &Target) -> Option<&'a Violation> {
        self.execution.violations.iter().find(|v| {
            !target
                .start
                .genesis_violations
                .iter()
                .any(|g| g.invariant == v.invariant)
        })
    }
}

impl Target {
    /// Deploys `design`, with `mutant` applied if given.
    pub fn new(design: DesignId, mutant: Option<&str>) -> Result<Self> {
        let root = match mutant {
            Some(name) => crate::mutants::find(design, name)?.materialise(design)?,
            None => crate::compile::contracts_dir(),
        };
        let snapshot = genesis_snapshot(design, &root)?;
        Ok(Self {
            design,
            mutant: mutant.map(str::to_string),
            start: Start::new(Arc::clone(&snapshot))?,
        })
    }

    /// Deploys `design` with the mutant named by `CROSSCHECK_MUTANT`, if set.
    pub fn from_env(design: DesignId) -> Result<Self> {
        let mutant = std::env::var(MUTANT_VAR).ok().filter(|m| !m.is_empty());
        Self::new(design, mutant.as_deref())
            .with_context(|| format!("cannot set up the design {} target", design.name()))
    }

    /// The actions `data` stands for: as many as `arbitrary` can read, at most
    /// [`MAX_STEPS`]. Any byte string decodes (to nothing, at worst).
    pub fn actions(data: &[u8]) -> Vec<Action> {
        let mut u = Unstructured::new(data);
        let mut steps = Vec::new();
        while steps.len() < MAX_STEPS && !u.is_empty() {
            match Action::arbitrary(&mut u) {
                Ok(a) => steps.push(a),
                Err(_) => break,
            }
        }
        steps
    }

    /// Runs the actions `data` decodes to, with coverage, checking every step and the
    /// quiescent invariants after a drain.
    pub fn run(&self, data: &[u8]) -> Result<InputRun> {
        let mut steps = Self::actions(data);
        let execution = execute(&self.start, &mut steps, None, Options::CAMPAIGN)?;
        Ok(InputRun { steps, execution })
    }

    /// Shrinks the input's failure and writes it as a failure file under `dir`, which
    /// `crosscheck replay` re-executes. Returns the file.
    pub fn write_failure(
        &self,
        run: &InputRun,
        violation: &Violation,
        dir: &Path,
    ) -> Result<PathBuf> {
        let shrunk = shrink::shrink(&self.start, &run.steps, violation)?;
        let script = Script {
            genesis: None,
            design: self.design,
            mutant: self.mutant.clone(),
            // libFuzzer's own crash artifact is what reproduces the raw input; the origin
            // fields describe native campaigns only.
            description: format!(
                "found by libFuzzer: breaks {} ({} steps before shrinking)",
                violation.invariant,
                run.steps.len()
            ),
            steps: shrunk,
            expect: Some(Expected::Violates {
                invariant: violation.invariant.clone(),
            }),
            origin: None,
        };
        failure::write(dir, &violation.invariant, &script)
    }
}

/// Adds one sequence's edge hits to `counters` (one counter per edge slot, saturating),
/// the form libFuzzer's 8-bit counters take; libFuzzer buckets the counts itself.
pub fn fold_edges(edges: &[u16], counters: &mut [u8]) {
    if counters.is_empty() {
        return;
    }
    for &e in edges {
        let c = &mut counters[usize::from(e) % counters.len()];
        *c = c.saturating_add(1);
    }
}
