//! `crosscheck replay`: re-executes a script or failure file and compares the outcome with
//! the one it expects (no `expect` means it must hold).

use std::path::Path;

use anyhow::Result;

use crate::run::run_steps;
use crate::script::{Expected, Script};

/// The outcome of replaying one file.
#[derive(Debug)]
pub struct Replay {
    /// What the file expects.
    pub expected: Expected,
    /// The invariants that fired, in order, without repeats.
    pub fired: Vec<String>,
}

impl Replay {
    /// Whether the outcome is the expected one: nothing fired, or the named invariant did.
    pub fn matches(&self) -> bool {
        match &self.expected {
            Expected::Holds => self.fired.is_empty(),
            Expected::Violates { invariant } => self.fired.iter().any(|f| f == invariant),
        }
    }
}

/// Replays `script`; `print` shows the decoded trace.
pub fn replay(script: &Script, print: bool) -> Result<Replay> {
    let design = script.design;
    let world =
        crate::designs::script_world(design, script.mutant.as_deref(), script.genesis.as_deref());
    let mut world = match crate::genesis::outcome(world)? {
        Ok(world) => world,
        Err(violation) => {
            if print {
                println!(
                    "  VIOLATION at genesis: {}",
                    crate::names::humanize(&violation.to_string())
                );
            }
            return Ok(Replay {
                expected: script.expect.clone().unwrap_or(Expected::Holds),
                fired: vec![violation.invariant],
            });
        }
    };
    for action in &script.steps {
        world.validate(action)?;
    }
    let report = run_steps(&mut world, &script.steps, |i, action, status, w, found| {
        if print {
            crate::report::print_step(i, action, status, w, found);
        }
    })?;
    if print {
        for v in report.violations.iter().filter(|v| v.step == 0) {
            println!(
                "  VIOLATION at genesis: {}",
                crate::names::humanize(&v.to_string())
            );
        }
        for v in crate::report::drain_findings(&report) {
            println!(
                "  VIOLATION after draining: {}",
                crate::names::humanize(&v.to_string())
            );
        }
    }
    let mut fired: Vec<String> = Vec::new();
    for v in &report.violations {
        if !fired.contains(&v.invariant) {
            fired.push(v.invariant.clone());
        }
    }
    Ok(Replay {
        expected: script.expect.clone().unwrap_or(Expected::Holds),
        fired,
    })
}

/// Loads and replays the file at `path`.
pub fn replay_file(path: &Path, print: bool) -> Result<Replay> {
    let script = Script::load(path)?;
    replay(&script, print).map_err(|e| e.context(path.display().to_string()))
}
