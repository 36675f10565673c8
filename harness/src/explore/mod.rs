//! Bounded exhaustive exploration: every sequence of at most K letters of a finite
//! alphabet, from the design's genesis, with every invariant checked at every state.
//!
//! The search is breadth-first over *states*, not sequences ([`state_key`]): each distinct
//! state is expanded once, so a violation found at depth d has no counterexample shorter
//! than d (over this alphabet). Each layer's states are expanded in parallel on a rayon pool
//! and merged in a fixed order, so the same inputs give the same certificate. A frontier
//! state is stored as the path that first reached it and is replayed when expanded (a
//! path of at most K steps is cheaper to keep than two chains' databases). Sleep sets
//! ([`reduction`]) skip transitions that commute with ones already taken.
//!
//! At every new state the Always invariants have been checked after its last step; then a
//! copy is drained the canonical way and the Quiescent invariants checked there, without
//! keeping the drained state (with `exit`, the exit probe runs on it too).

pub mod alphabet;
pub mod certificate;
pub mod reduction;
pub mod state_key;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use invariants::Violation;
use rayon::prelude::*;

use crate::action::Action;
use crate::campaign::execute::Start;
use crate::designs::{genesis_snapshot, DesignId};
use crate::world::World;
use alphabet::{Alphabet, Choice};
use certificate::{Certificate, Counterexample, Timing};
use state_key::StateKey;

/// What to explore.
#[derive(Debug, Clone)]
pub struct Config {
    /// The design.
    pub design: DesignId,
    /// A mutant of it, if any.
    pub mutant: Option<String>,
    /// The longest sequence explored.
    pub depth: usize,
    /// The alphabet.
    pub alphabet: Choice,
    /// Worker threads.
    pub jobs: usize,
    /// Stop after this long (the certificate then says how deep it got).
    pub time: Option<Duration>,
    /// Stop once this many distinct states are known.
    pub max_states: usize,
    /// Use sleep sets.
    pub reduction: bool,
    /// Run the exit probe at every quiescent check too.
    pub exit: bool,
    /// Where failure files go (`DIR/failures/`), if anywhere.
    pub out: Option<PathBuf>,
    /// Explore to the full depth after a violation (else stop once the depth where the
    /// first one was found is complete).
    pub keep_going: bool,
}

/// The result of a run: the certificate, the run's timing (kept apart: the certificate is
/// the same byte for byte for the same inputs, and timing never is), and the states
/// themselves when asked for (tests compare them).
#[derive(Debug)]
pub struct Outcome {
    /// What was covered and what was found.
    pub certificate: Certificate,
    /// How long it took.
    pub timing: Timing,
    /// Every distinct state's key, in the order found.
    pub states: Vec<StateKey>,
}

/// Live counters, read by the progress line.
#[derive(Default)]
pub struct Progress {
    /// The depth being expanded.
    pub depth: AtomicU64,
    /// States in the layer being expanded.
    pub frontier: AtomicU64,
    /// Distinct states known.
    pub states: AtomicU64,
    /// Transitions run.
    pub transitions: AtomicU64,
    /// The alphabet's name and lines, set once it is built (before the search starts).
    pub alphabet: std::sync::OnceLock<(String, Vec<String>)>,
}

/// A state waiting to be expanded.
struct Node {
    path: Vec<Action>,
    sleep: Vec<u16>,
    index: u32,
}

/// What running one letter from a frontier state gave.
struct Child {
    action: Action,
    key: StateKey,
    sleep: Vec<u16>,
    always: Vec<Violation>,
    /// Violations at quiescence, if the state was new to the previous layers.
    quiescent: Option<Vec<Violation>>,
}

struct Expansion {
    children: Vec<Child>,
    pruned: u64,
}

struct Search<'a> {
    config: &'a Config,
    start: &'a Start,
    alphabet: &'a Alphabet,
    known: &'a HashMap<StateKey, u32>,
    deadline: Option<Instant>,
    out_of_time: &'a AtomicBool,
    progress: &'a Progress,
}

impl Search<'_> {
    fn expand(&self, node: &Node) -> Result<Expansion> {
        let mut world = World::from_snapshot(&self.start.snapshot);
        let mut checker = self.start.checker.clone();
        for a in &node.path {
            checker.step(&mut world, a)?;
        }
        let parent = world.snapshot();
        let letters = self.alphabet.letters(&world);
        let mut children = Vec::new();
        let mut tried_quiet: Vec<u16> = Vec::new();
        let mut pruned = 0;
        for letter in letters {
            if crate::campaign::interrupted() || self.deadline.is_some_and(|d| Instant::now() >= d)
            {
                self.out_of_time.store(true, Ordering::Relaxed);
                break;
            }
            if let Some(i) = letter.fixed {
                if node.sleep.binary_search(&i).is_ok() {
                    pruned += 1;
                    continue;
                }
            }
            let mut w = World::from_snapshot(&parent);
            let mut c = checker.clone();
            let (_, always) = c.step(&mut w, &letter.action)?;
            self.progress.transitions.fetch_add(1, Ordering::Relaxed);
            let quiet = w.effects.tickets_created.is_empty() && w.effects.outbox_sent.is_empty();
            let key = state_key::of(&w, &c);
            let sleep = if self.config.reduction {
                let mut candidates = node.sleep.clone();
                candidates.extend(&tried_quiet);
                reduction::child_sleep(&self.alphabet.fixed, letter.fixed, quiet, &candidates)
            } else {
                Vec::new()
            };
            if let (Some(i), true) = (letter.fixed, quiet) {
                tried_quiet.push(i);
            }
            let quiescent = if (always.is_empty() || self.config.keep_going)
                && !self.known.contains_key(&key)
            {
                Some(c.finish_with(&mut w, self.config.exit)?)
            } else {
                None
            };
            children.push(Child {
                action: letter.action,
                key,
                sleep,
                always,
                quiescent,
            });
        }
        Ok(Expansion { children, pruned })
    }
}

/// Explores `config`, reporting progress through `progress` (a second thread may read it).
pub fn explore(config: &Config, progress: &Progress) -> Result<Outcome> {
    let began = Instant::now();
    let root = match &config.mutant {
        Some(name) => crate::mutants::find(config.design, name)?.materialise(config.design)?,
        None => config.design.root(),
    };
    let snapshot = match genesis_snapshot(config.design, &root) {
        Ok(s) => s,
        Err(e) => match crate::genesis::violation(&e) {
            Some(v) => return Ok(refused_genesis(config, v, began)),
            None => return Err(e),
        },
    };
    let artifacts = crate::designs::artifacts(config.design, &root)?;
    let start = Start::new(snapshot)?;
    let genesis = World::from_snapshot(&start.snapshot);
    let calls = crate::campaign::generate::callables(&genesis, &artifacts);
    let alphabet = Alphabet::build(&config.alphabet, &genesis, &calls)?;
    let genesis_key = state_key::of(&genesis, &start.checker);
    let mut cert = Certificate::new(config, &alphabet, genesis_key);
    let _ = progress
        .alphabet
        .set((cert.alphabet.clone(), cert.letters.clone()));

    let mut known: HashMap<StateKey, u32> = HashMap::new();
    let mut states: Vec<StateKey> = vec![genesis_key];
    let mut edges: Vec<Vec<u32>> = vec![Vec::new()];
    known.insert(genesis_key, 0);
    progress.states.store(1, Ordering::Relaxed);

    let mut found: Vec<Counterexample> = Vec::new();
    record(&mut found, &[], &start.genesis_violations);
    // Without --keep-going a state that breaks anything is where the search ends; with it,
    // every state is expanded, so that each invariant gets its own shortest counterexample.
    if start.genesis_violations.is_empty() || config.keep_going {
        let mut w = World::from_snapshot(&start.snapshot);
        let quiescent = start.checker.clone().finish_with(&mut w, config.exit)?;
        record(&mut found, &[], &quiescent);
    }
    let mut frontier = Vec::new();
    if found.is_empty() || config.keep_going {
        frontier.push(Node {
            path: Vec::new(),
            sleep: Vec::new(),
            index: 0,
        });
    }

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.jobs.max(1))
        .build()?;
    let out_of_time = AtomicBool::new(false);
    let deadline = config.time.map(|t| began + t);
    let mut completed = 0;
    let mut stopped: Option<String> = None;
    let (mut transitions, mut pruned, mut revisits) = (0u64, 0u64, 0u64);
    let mut exhausted = false;
    if !found.is_empty() && !config.keep_going {
        stopped =
            Some("stopped at depth 0, the first with a violation (--keep-going goes on)".into());
    }
    for depth in 0..config.depth {
        if stopped.is_some() {
            break;
        }
        if frontier.is_empty() {
            // Nothing new was reached: every deeper sequence revisits known states.
            exhausted = true;
            completed = config.depth;
            break;
        }
        if crate::campaign::interrupted() {
            stopped = Some(format!("interrupted while expanding depth {depth}"));
            break;
        }
        progress.depth.store(depth as u64 + 1, Ordering::Relaxed);
        progress
            .frontier
            .store(frontier.len() as u64, Ordering::Relaxed);
        let search = Search {
            config,
            start: &start,
            alphabet: &alphabet,
            known: &known,
            deadline,
            out_of_time: &out_of_time,
            progress,
        };
        let expansions: Vec<Expansion> = pool.install(|| {
            frontier
                .par_iter()
                .map(|n| search.expand(n))
                .collect::<Result<_>>()
        })?;
        if crate::campaign::interrupted() {
            stopped = Some(format!("interrupted while expanding depth {}", depth + 1));
        } else if out_of_time.load(Ordering::Relaxed) {
            stopped = Some(format!("time ran out while expanding depth {}", depth + 1));
        }
        let mut next: Vec<Node> = Vec::new();
        let mut next_at: HashMap<StateKey, usize> = HashMap::new();
        for (node, expansion) in frontier.iter().zip(expansions) {
            pruned += expansion.pruned;
            for child in expansion.children {
                transitions += 1;
                let mut path = node.path.clone();
                path.push(child.action);
                // A step's violations are the transition's, not the state's: a step that
                // reaches a known state by a path it may not take (someone else's migration
                // without a signature) breaks what the earlier path kept.
                record(&mut found, &path, &child.always);
                if let Some(&index) = known.get(&child.key) {
                    revisits += 1;
                    edges[node.index as usize].push(index);
                    if let Some(&at) = next_at.get(&child.key) {
                        next[at].sleep = reduction::meet(&next[at].sleep, &child.sleep);
                    }
                    continue;
                }
                if stopped.is_none() && states.len() >= config.max_states {
                    stopped = Some(format!(
                        "the cap of {} states was reached while expanding depth {}",
                        config.max_states,
                        depth + 1
                    ));
                }
                if stopped.is_some() {
                    continue;
                }
                let index = states.len() as u32;
                known.insert(child.key, index);
                states.push(child.key);
                edges.push(Vec::new());
                edges[node.index as usize].push(index);
                let quiescent = child.quiescent.unwrap_or_default();
                record(&mut found, &path, &quiescent);
                let expand = (child.always.is_empty() && quiescent.is_empty()) || config.keep_going;
                if expand && depth + 1 < config.depth {
                    next_at.insert(child.key, next.len());
                    next.push(Node {
                        path,
                        sleep: child.sleep,
                        index,
                    });
                }
            }
        }
        progress
            .states
            .store(states.len() as u64, Ordering::Relaxed);
        if stopped.is_some() {
            break;
        }
        completed = depth + 1;
        frontier = next;
        if !found.is_empty() && !config.keep_going && completed < config.depth {
            stopped = Some(format!(
                "stopped after depth {completed}, the first with a violation (--keep-going goes on)"
            ));
            break;
        }
    }
    cert.depth_completed = completed;
    cert.exhausted = exhausted;
    cert.stopped = stopped;
    cert.distinct_states = states.len() as u64;
    cert.transitions = transitions;
    cert.pruned = pruned;
    cert.revisits = revisits;
    cert.sequences_represented = sequences_represented(&edges, completed).to_string();
    cert.set_counterexamples(found, config)?;
    let elapsed = began.elapsed().as_secs_f64();
    Ok(Outcome {
        certificate: cert,
        timing: Timing::new(elapsed, states.len() as u64, transitions),
        states,
    })
}

/// Keeps the first counterexample of each invariant: breadth-first, the first is a shortest.
fn record(found: &mut Vec<Counterexample>, path: &[Action], violations: &[Violation]) {
    for v in violations {
        if !found.iter().any(|c| c.invariant == v.invariant) {
            found.push(Counterexample::new(v, path.to_vec()));
        }
    }
}

/// The number of sequences of at most `depth` letters the explored graph stands for: every
/// path from genesis through run transitions (a reverted step is a transition back to the
/// same state), where reaching a known state stands for every continuation explored from
/// it. Sequences that differ only in the order of independent letters count once.
fn sequences_represented(edges: &[Vec<u32>], depth: usize) -> u128 {
    let mut counts = vec![1u128; edges.len()];
    for _ in 0..depth {
        let next: Vec<u128> = edges
            .iter()
            .map(|out| {
                out.iter()
                    .fold(1u128, |acc, t| acc.saturating_add(counts[*t as usize]))
            })
            .collect();
        counts = next;
    }
    counts[0]
}

fn refused_genesis(config: &Config, violation: Violation, began: Instant) -> Outcome {
    let mut cert = Certificate::refused(config);
    // Writing the failure file can only fail on the file system; the verdict stands.
    let _ = cert.set_counterexamples(vec![Counterexample::new(&violation, Vec::new())], config);
    Outcome {
        certificate: cert,
        timing: Timing::new(began.elapsed().as_secs_f64(), 0, 0),
        states: Vec::new(),
    }
}

/// The peak resident memory of this process, in MiB (Linux; 0 elsewhere).
pub fn resident_mib() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096 / (1 << 20))
}

/// Shared handle for a progress thread.
pub type SharedProgress = Arc<Progress>;
