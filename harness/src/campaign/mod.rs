//! The native campaign engine. Workers on a rayon pool share one edge-coverage map and one
//! corpus of sequences; each sequence starts from a clone of the deployed snapshot, is
//! generated fresh or mutated from the corpus, and is checked after every step and, after
//! draining, for the quiescent invariants. A failing sequence is shrunk and written as a
//! replayable failure file.
//!
//! Determinism: worker `w` draws from a generator seeded by (seed, w). With one job and a
//! run budget, the same seed gives the same sequence of events byte for byte.

pub mod execute;
pub mod failure;
pub mod generate;
pub mod libfuzzer;
pub mod mutate;
pub mod replay;
pub mod rng;
pub mod shrink;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Result;
use serde::Serialize;

use crate::action::Action;
use crate::coverage::CoverageMap;
use crate::designs::{genesis_snapshot, DesignId};
use crate::script::{Origin, Script};
use crate::world::World;
use execute::{execute, Start};
use generate::{Callable, Dictionary};
use rng::Rng;

/// What a campaign runs and for how long.
#[derive(Debug, Clone)]
pub struct Config {
    /// The design.
    pub design: DesignId,
    /// A mutant of the design, if any.
    pub mutant: Option<String>,
    /// Stop after this long.
    pub time: Option<Duration>,
    /// Stop after this many sequences in all.
    pub runs: Option<u64>,
    /// Workers.
    pub jobs: usize,
    /// Campaign seed.
    pub seed: u64,
    /// Corpus folder: sequences are loaded from it and failures written under it.
    pub corpus: PathBuf,
    /// More folders whose sequences seed the corpus (the repo's regression corpus).
    pub seed_corpora: Vec<PathBuf>,
    /// Go on after a failure (one failure per invariant is kept).
    pub keep_going: bool,
    /// Longest generated sequence.
    pub max_len: usize,
    /// Write failure files.
    pub write_failures: bool,
    /// Keep every sequence run, for `bench` to replay raw.
    pub record: bool,
}

/// One failure a campaign found.
#[derive(Debug, Clone, Serialize)]
pub struct Found {
    /// The invariant.
    pub invariant: String,
    /// Its kind.
    pub kind: String,
    /// Seconds from the campaign's start.
    pub after_s: f64,
    /// Steps before and after shrinking.
    pub steps: (usize, usize),
    /// The failure file, if written.
    pub file: Option<PathBuf>,
    /// The shrunk script.
    #[serde(skip)]
    pub script: Script,
}

/// Counters shown each second and summarised at the end.
#[derive(Debug, Default)]
pub struct Stats {
    /// Sequences run.
    pub sequences: AtomicU64,
    /// Steps run.
    pub steps: AtomicU64,
}

/// The campaign's result.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Design name.
    pub design: String,
    /// Mutant, if any.
    pub mutant: Option<String>,
    /// Seed.
    pub seed: u64,
    /// Workers.
    pub jobs: usize,
    /// Seconds run.
    pub elapsed_s: f64,
    /// Sequences run.
    pub sequences: u64,
    /// Steps run.
    pub steps: u64,
    /// Sequences per second.
    pub sequences_per_sec: f64,
    /// Steps per second.
    pub steps_per_sec: f64,
    /// Edge slots covered.
    pub edges: usize,
    /// Corpus size at the end.
    pub corpus: usize,
    /// Failures found.
    pub failures: Vec<Found>,
    /// Every sequence run, as run (kept only when the config asks).
    #[serde(skip)]
    pub recorded: Vec<Vec<Action>>,
}

struct Shared {
    config: Config,
    start: Start,
    calls: Vec<Callable>,
    /// The dictionary every worker starts from: amounts in genesis storage.
    genesis_dict: Dictionary,
    book: crate::designs::ContractBook,
    map: CoverageMap,
    corpus: Mutex<Vec<Vec<Action>>>,
    failures: Mutex<Vec<Found>>,
    recorded: Mutex<Vec<Vec<Action>>>,
    stats: Stats,
    stop: AtomicBool,
    began: Instant,
    /// Stop as soon as this invariant fails (with keep-going for the others).
    until: Option<String>,
}

/// The repo's regression corpus of `design`, which seeds campaigns.
pub fn regression_corpus(design: DesignId) -> PathBuf {
    crate::compile::contracts_dir()
        .join("..")
        .join("corpus")
        .join(format!("design_{}", design.name()))
}

/// The JSON files in corpus folder `dir`, sorted by name.
pub fn corpus_files(dir: &std::path::Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("cannot read corpus folder {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Sequences of `design` (without a mutant) in `dir`; a malformed file is an error that
/// names it. A missing folder is an empty corpus.
fn load_corpus(dir: &std::path::Path, design: DesignId) -> Result<Vec<Vec<Action>>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let paths = corpus_files(dir)?;
    let mut out = Vec::new();
    for p in &paths {
        let s = Script::load(p)?;
        if s.design == design && s.mutant.is_none() {
            out.push(s.steps);
        }
    }
    Ok(out)
}

impl Shared {
    fn over(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
            || self.config.time.is_some_and(|t| self.began.elapsed() >= t)
            || self
                .config
                .runs
                .is_some_and(|r| self.stats.sequences.load(Ordering::Relaxed) >= r)
    }
}

fn worker(shared: &Shared, index: usize) -> Result<()> {
    let cfg = &shared.config;
    let mut rng = Rng::new(Rng::derive(cfg.seed, index as u64));
    let mut dict = shared.genesis_dict.clone();
    let mut run: u64 = 0;
    while !shared.over() {
        run += 1;
        let seeds: Option<(Vec<Action>, Vec<Action>)> = {
            let corpus = shared.corpus.lock().expect("corpus lock");
            if corpus.is_empty() || rng.chance(30) {
                None
            } else {
                let a = corpus[rng.below(corpus.len())].clone();
                let b = corpus[rng.below(corpus.len())].clone();
                Some((a, b))
            }
        };
        let mut steps = match &seeds {
            Some((a, b)) => mutate::mutate(
                &mut rng,
                a,
                b,
                generate::Ctx {
                    design: cfg.design,
                    book: &shared.book,
                    tickets: 0,
                    messages: 0,
                },
                &dict,
                &shared.calls,
                cfg.max_len,
            ),
            None => Vec::new(),
        };
        let target_len = 1 + rng.below(cfg.max_len);
        let mut gen_rng = Rng::new(rng.next_u64());
        let dict_now = dict.clone();
        let mut generate = |w: &World, i: usize| -> Option<Action> {
            (i < target_len).then(|| {
                generate::action(&mut gen_rng, generate::Ctx::of(w), &dict_now, &shared.calls)
            })
        };
        let gen: Option<execute::Generator<'_>> = if seeds.is_none() {
            Some(&mut generate)
        } else {
            None
        };
        let ex = execute(&shared.start, &mut steps, gen, true, true)?;
        shared.stats.sequences.fetch_add(1, Ordering::Relaxed);
        shared
            .stats
            .steps
            .fetch_add(ex.steps as u64, Ordering::Relaxed);
        if cfg.record {
            shared
                .recorded
                .lock()
                .expect("recorded lock")
                .push(steps.clone());
        }
        dict.learn(&ex.operands);
        let novel = shared.map.merge(&ex.edges);
        // Every invariant that broke in this sequence is its own failure (several often
        // break at the same step; the first in catalogue order must not hide the others).
        let mut seen: Vec<&str> = Vec::new();
        for v in &ex.violations {
            if seen.contains(&v.invariant.as_str()) {
                continue;
            }
            seen.push(&v.invariant);
            let known = shared
                .failures
                .lock()
                .expect("failures lock")
                .iter()
                .any(|f| f.invariant == v.invariant);
            if known {
                continue;
            }
            let shrunk = shrink::shrink(&shared.start, &steps, v)?;
            let origin = Origin {
                seed: cfg.seed,
                worker: index,
                run,
                original_steps: steps.len(),
            };
            let script = failure::script(
                cfg.design,
                cfg.mutant.as_deref(),
                &v.invariant,
                shrunk.clone(),
                origin,
            );
            let file = if cfg.write_failures {
                Some(failure::write(&cfg.corpus, &v.invariant, &script)?)
            } else {
                None
            };
            let mut failures = shared.failures.lock().expect("failures lock");
            if failures.iter().any(|f| f.invariant == v.invariant) {
                continue;
            }
            failures.push(Found {
                invariant: v.invariant.clone(),
                kind: v.kind.to_string(),
                after_s: shared.began.elapsed().as_secs_f64(),
                steps: (steps.len(), shrunk.len()),
                file,
                script,
            });
            if !cfg.keep_going || shared.until.as_deref() == Some(v.invariant.as_str()) {
                shared.stop.store(true, Ordering::Relaxed);
            }
        }
        if !ex.violations.is_empty() {
            continue;
        }
        if novel > 0 {
            shared.corpus.lock().expect("corpus lock").push(steps);
        }
    }
    Ok(())
}

/// One sequence of up to `steps` actions for `design`, generated from `seed` as a campaign
/// generates a fresh sequence (each action for the world as it then is), run with every
/// check and, at the end, drained. Returns it, cut at the first violation, with the
/// violations it caused.
pub fn sample(
    design: DesignId,
    seed: u64,
    steps: usize,
) -> Result<(Vec<Action>, Vec<invariants::Violation>)> {
    let root = crate::compile::contracts_dir();
    let snapshot = genesis_snapshot(design, &root)?;
    let artifacts = crate::compile::compile(&root)?;
    let genesis = World::from_snapshot(&snapshot);
    let calls = generate::callables(&genesis, &artifacts);
    let dict = Dictionary::from_storage(&genesis);
    let start = Start::new(snapshot)?;
    let mut rng = Rng::new(seed);
    let mut next = |w: &World, i: usize| {
        (i < steps).then(|| generate::action(&mut rng, generate::Ctx::of(w), &dict, &calls))
    };
    let mut sequence = Vec::new();
    let ex = execute(&start, &mut sequence, Some(&mut next), false, true)?;
    Ok((sequence, ex.violations))
}

/// Runs a campaign. `progress` is called about once a second with a one-line status.
pub fn run(config: Config, progress: &(dyn Fn(&str) + Sync)) -> Result<Summary> {
    run_inner(config, progress, None)
}

/// Runs a silent campaign that stops once `invariant` fails (or the budget runs out).
pub fn run_until(config: Config, invariant: &str) -> Result<Summary> {
    run_inner(config, &|_| {}, Some(invariant.to_string()))
}

fn run_inner(
    config: Config,
    progress: &(dyn Fn(&str) + Sync),
    until: Option<String>,
) -> Result<Summary> {
    let root = match &config.mutant {
        Some(name) => crate::mutants::find(config.design, name)?.materialise(config.design)?,
        None => crate::compile::contracts_dir(),
    };
    let snapshot = genesis_snapshot(config.design, &root)?;
    let artifacts = crate::compile::compile(&root)?;
    let genesis = World::from_snapshot(&snapshot);
    let calls = generate::callables(&genesis, &artifacts);
    let start = Start::new(snapshot)?;
    let mut corpus = Vec::new();
    for dir in config
        .seed_corpora
        .iter()
        .chain(std::iter::once(&config.corpus))
    {
        corpus.extend(load_corpus(dir, config.design)?);
    }
    let jobs = config.jobs.max(1);
    let shared = Arc::new(Shared {
        config,
        start,
        calls,
        genesis_dict: Dictionary::from_storage(&genesis),
        book: genesis.contracts.clone(),
        map: CoverageMap::default(),
        corpus: Mutex::new(corpus),
        failures: Mutex::new(Vec::new()),
        recorded: Mutex::new(Vec::new()),
        stats: Stats::default(),
        stop: AtomicBool::new(false),
        began: Instant::now(),
        until,
    });
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build()?;
    let errors: Mutex<Vec<anyhow::Error>> = Mutex::new(Vec::new());
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut last = Instant::now();
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                if last.elapsed() >= Duration::from_secs(1) {
                    last = Instant::now();
                    progress(&status_line(&shared));
                }
            }
        });
        pool.scope(|s| {
            for w in 0..jobs {
                let shared = &shared;
                let errors = &errors;
                s.spawn(move |_| {
                    if let Err(e) = worker(shared, w) {
                        shared.stop.store(true, Ordering::Relaxed);
                        errors.lock().expect("errors lock").push(e);
                    }
                });
            }
        });
        done.store(true, Ordering::Relaxed);
    });
    if let Some(e) = errors.into_inner().expect("errors lock").into_iter().next() {
        return Err(e);
    }
    let elapsed = shared.began.elapsed().as_secs_f64();
    let sequences = shared.stats.sequences.load(Ordering::Relaxed);
    let steps = shared.stats.steps.load(Ordering::Relaxed);
    let mut failures = shared.failures.lock().expect("failures lock").clone();
    failures.sort_by(|a, b| a.after_s.total_cmp(&b.after_s));
    let corpus = shared.corpus.lock().expect("corpus lock").len();
    let recorded = std::mem::take(&mut *shared.recorded.lock().expect("recorded lock"));
    Ok(Summary {
        design: shared.config.design.name().to_string(),
        mutant: shared.config.mutant.clone(),
        seed: shared.config.seed,
        jobs,
        elapsed_s: elapsed,
        sequences,
        steps,
        sequences_per_sec: sequences as f64 / elapsed.max(1e-9),
        steps_per_sec: steps as f64 / elapsed.max(1e-9),
        edges: shared.map.edges(),
        corpus,
        failures,
        recorded,
    })
}

fn status_line(shared: &Shared) -> String {
    let t = shared.began.elapsed().as_secs_f64();
    let seqs = shared.stats.sequences.load(Ordering::Relaxed);
    let steps = shared.stats.steps.load(Ordering::Relaxed);
    format!(
        "[{:>5.0}s] {:>6.0} seq/s {:>7.0} steps/s  edges {:>5}  corpus {:>4}  violations {}",
        t,
        seqs as f64 / t.max(1e-9),
        steps as f64 / t.max(1e-9),
        shared.map.edges(),
        shared.corpus.lock().map(|c| c.len()).unwrap_or(0),
        shared.failures.lock().map(|f| f.len()).unwrap_or(0),
    )
}
