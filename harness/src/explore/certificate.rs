//! The explorer's certificate: what was explored (design, genesis, alphabet, depth, states)
//! and what was found. It is deterministic: the same design, mutant, alphabet, depth and
//! options give the same certificate byte for byte, on any number of jobs. How long the
//! run took is reported beside it ([`Timing`]), never in it.

use std::path::PathBuf;

use anyhow::Result;
use invariants::Violation;
use serde::Serialize;

use super::alphabet::Alphabet;
use super::state_key::StateKey;
use super::Config;
use crate::action::Action;

/// A shortest counterexample of one invariant.
#[derive(Debug, Clone, Serialize)]
pub struct Counterexample {
    /// The invariant.
    pub invariant: String,
    /// Always or Quiescent.
    pub kind: String,
    /// What broke, in numbers.
    pub detail: String,
    /// Its length: no sequence of the alphabet shorter than this breaks the invariant.
    pub length: usize,
    /// The steps.
    pub steps: Vec<Action>,
    /// The failure file `crosscheck replay` re-executes, when one was written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
}

impl Counterexample {
    /// The counterexample of `violation` reached by `steps`.
    pub fn new(violation: &Violation, steps: Vec<Action>) -> Self {
        Counterexample {
            invariant: violation.invariant.clone(),
            kind: violation.kind.to_string(),
            detail: violation.to_string(),
            length: steps.len(),
            steps,
            file: None,
        }
    }
}

/// What a run covered and found.
#[derive(Debug, Clone, Serialize)]
pub struct Certificate {
    /// The design.
    pub design: String,
    /// The mutant, if any.
    pub mutant: Option<String>,
    /// The key of the genesis state (see `state_key`).
    pub genesis: String,
    /// The alphabet's name.
    pub alphabet: String,
    /// Its letters, and the rules that make bridge and time letters.
    pub letters: Vec<String>,
    /// The depth asked for.
    pub depth: usize,
    /// Every sequence of at most this many letters was explored.
    pub depth_completed: usize,
    /// Whether the search ran out of new states before the depth asked for.
    pub exhausted: bool,
    /// Why the search stopped before the depth asked for, if it did.
    pub stopped: Option<String>,
    /// The reduction used.
    pub reduction: &'static str,
    /// Whether the exit probe ran at every quiescent check.
    pub exit_probe: bool,
    /// Sequences of at most `depth_completed` letters the explored states stand for (a
    /// decimal; it may pass 2^64).
    pub sequences_represented: String,
    /// Distinct states.
    pub distinct_states: u64,
    /// Transitions run.
    pub transitions: u64,
    /// Transitions the reduction skipped.
    pub pruned: u64,
    /// Transitions that reached a state already known.
    pub revisits: u64,
    /// Transitions run per distinct state.
    pub dedup_ratio: String,
    /// The invariants checked at every state.
    pub invariants: Vec<String>,
    /// "no violation", or "violated".
    pub verdict: String,
    /// A shortest counterexample of each invariant that broke.
    pub counterexamples: Vec<Counterexample>,
}

impl Certificate {
    /// An empty certificate for `config` over `alphabet`.
    pub fn new(config: &Config, alphabet: &Alphabet, genesis: StateKey) -> Self {
        Certificate {
            design: config.design.name().to_string(),
            mutant: config.mutant.clone(),
            genesis: genesis.to_string(),
            alphabet: alphabet.name.clone(),
            letters: alphabet.describe(config.design),
            depth: config.depth,
            depth_completed: 0,
            exhausted: false,
            stopped: None,
            reduction: if config.reduction {
                "sleep sets"
            } else {
                "none"
            },
            exit_probe: config.exit,
            sequences_represented: "0".into(),
            distinct_states: 0,
            transitions: 0,
            pruned: 0,
            revisits: 0,
            dedup_ratio: String::new(),
            invariants: config
                .design
                .spec()
                .invariants()
                .iter()
                .map(|i| i.name().to_string())
                .collect(),
            verdict: String::new(),
            counterexamples: Vec::new(),
        }
    }

    /// The certificate of a genesis the contracts refused.
    pub fn refused(config: &Config) -> Self {
        let alphabet = Alphabet {
            name: "(not built: the genesis was refused)".into(),
            fixed: Vec::new(),
            bridge: false,
            times: Vec::new(),
        };
        Self::new(config, &alphabet, StateKey(0))
    }

    /// Sets the verdict from `found` and writes each counterexample as a failure file under
    /// `config.out`, if set.
    pub fn set_counterexamples(
        &mut self,
        found: Vec<Counterexample>,
        config: &Config,
    ) -> Result<()> {
        self.dedup_ratio = if self.distinct_states == 0 {
            "0".into()
        } else {
            format!(
                "{:.3}",
                (self.transitions + self.pruned) as f64 / self.distinct_states as f64
            )
        };
        self.verdict = if found.is_empty() {
            "no violation".into()
        } else {
            "violated".into()
        };
        self.counterexamples = found;
        if let Some(dir) = &config.out {
            for c in &mut self.counterexamples {
                let mut script = crate::campaign::failure::script(
                    config.design,
                    config.mutant.as_deref(),
                    &c.invariant,
                    c.steps.clone(),
                    crate::script::Origin {
                        seed: 0,
                        worker: 0,
                        run: 0,
                        original_steps: c.length,
                    },
                );
                script.description = format!(
                    "found by crosscheck explore: breaks {} in {} steps, and no sequence of \
                     the {} alphabet shorter than that does",
                    c.invariant, c.length, self.alphabet
                );
                script.origin = None;
                c.file = Some(crate::campaign::failure::write(dir, &c.invariant, &script)?);
            }
        }
        Ok(())
    }

    /// The certificate as pretty JSON, ending in a newline.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// How long a run took.
#[derive(Debug, Clone, Serialize)]
pub struct Timing {
    /// Seconds.
    pub seconds: f64,
    /// Distinct states per second.
    pub states_per_sec: f64,
    /// Transitions per second.
    pub transitions_per_sec: f64,
    /// Resident memory at the end, MiB.
    pub resident_mib: u64,
}

impl Timing {
    /// Timing of a run of `seconds` that found `states` and ran `transitions`.
    pub fn new(seconds: f64, states: u64, transitions: u64) -> Self {
        let per = |n: u64| {
            if seconds > 0.0 {
                n as f64 / seconds
            } else {
                0.0
            }
        };
        Timing {
            seconds,
            states_per_sec: per(states),
            transitions_per_sec: per(transitions),
            resident_mib: super::resident_mib(),
        }
    }
}
