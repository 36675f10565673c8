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
pub mod queue;
pub mod replay;
pub mod rng;
pub mod shrink;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Result;
use invariants::view::Chains;
use serde::Serialize;

use crate::action::Action;
use crate::coverage::CoverageMap;
use crate::designs::{genesis_snapshot, DesignId};
use crate::script::{Origin, Script};
use crate::world::World;
use execute::{execute, Start};
use generate::{Callable, Dictionary};
use rng::Rng;

/// Longest sequence a campaign generates.
pub const MAX_LEN: usize = 24;

/// The share of a campaign's sequences, in percent, that end with the exit (every actor
/// taking its value home; see `Checker::exit`). Scripts, replays and shrinks always take
/// it.
pub const EXIT_PERCENT: u64 = 25;

/// What a campaign runs and for how long.
#[derive(Debug, Clone)]
pub struct Config {
    /// The design.
    pub design: DesignId,
    /// A mutant of the design, if any.
    pub mutant: Option<String>,
    /// A genesis variant of the design to start from (see
    /// [`crate::designs::Design::genesis_variant`]), if not its genesis.
    pub genesis: Option<String>,
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
    /// More folders whose sequences seed the corpus (the repo's regression corpus). Leave
    /// it empty for a blind campaign, one that has never seen a stored counterexample.
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
    /// The last status: time, throughput, edges, corpus size and failures, flattened into
    /// the summary's JSON so that a reader of `--json` finds them under the same keys as in
    /// the progress lines.
    #[serde(flatten)]
    pub progress: Progress,
    /// Sequences loaded into the corpus before the first run (zero for a blind campaign).
    pub seeded: usize,
    /// Of those, how many were the saved coverage corpus of an earlier run ([`queue`]).
    pub resumed: usize,
    /// New sequences saved to the coverage corpus at the end.
    pub saved: usize,
    /// Whether an interrupt (SIGINT, SIGTERM) stopped the campaign before its budget.
    pub interrupted: bool,
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
    /// Indices in `corpus` of the sequences resumed from an earlier run's saved corpus.
    resumed: std::ops::Range<usize>,
    /// The dictionary every worker starts from: amounts in genesis storage.
    genesis_dict: Dictionary,
    map: CoverageMap,
    corpus: Mutex<Vec<Entry>>,
    failures: Mutex<Vec<Found>>,
    recorded: Mutex<Vec<Vec<Action>>>,
    stats: Stats,
    stop: AtomicBool,
    began: Instant,
    /// Stop as soon as this invariant fails (with keep-going for the others).
    until: Option<String>,
    /// While hunting a mutant: the correct contracts' genesis. A sequence that breaks the
    /// hunted invariant there too shows something other than the mutant (a weakness the
    /// correct design shares), so it does not count as finding it.
    control: Option<Start>,
}

/// A sequence kept in the corpus, with what it found and how often it has been mutated.
struct Entry {
    steps: Vec<Action>,
    /// Coverage features new to the map when it was kept (1 for a seeded sequence).
    novelty: usize,
    /// Times it was picked for mutation.
    picks: u32,
    /// The steps that reached what was new (see `Execution::productive_steps`).
    productive: Vec<usize>,
}

impl Entry {
    /// How much it deserves another mutation: what it found, less what has been tried.
    fn energy(&self) -> f64 {
        self.novelty as f64 / f64::from(1 + self.picks)
    }
}

/// Picks a corpus entry: the most promising (see [`Entry::energy`]) of three drawn at
/// random, so that a sequence which just reached new ground is worked on before the mass of
/// older ones, and none is starved.
fn pick(rng: &mut Rng, corpus: &mut [Entry]) -> usize {
    let mut best = rng.below(corpus.len());
    for _ in 0..2 {
        let other = rng.below(corpus.len());
        if corpus[other].energy() > corpus[best].energy() {
            best = other;
        }
    }
    corpus[best].picks += 1;
    best
}

/// The regression corpus of `design`, which seeds campaigns: the repo's `corpus/design_<d>/`,
/// or `corpus/` beside a project file.
pub fn regression_corpus(design: DesignId) -> PathBuf {
    match design {
        DesignId::Project(key) => key.design().folder().join("corpus"),
        _ => crate::compile::contracts_dir()
            .join("..")
            .join("corpus")
            .join(design.folder_name()),
    }
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
fn load_corpus(
    dir: &std::path::Path,
    design: DesignId,
    genesis: Option<&str>,
) -> Result<Vec<Vec<Action>>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let paths = corpus_files(dir)?;
    let mut out = Vec::new();
    for p in &paths {
        let s = Script::load(p)?;
        if s.design == design && s.mutant.is_none() && s.genesis.as_deref() == genesis {
            out.push(s.steps);
        }
    }
    Ok(out)
}

/// Set by [`interrupt`]; every campaign running or to come stops at its next sequence.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Asks every campaign of this process to stop after the sequence (and shrink) in hand and
/// return its summary, as a Ctrl-C should. Returns whether one had been asked already.
pub fn interrupt() -> bool {
    INTERRUPTED.swap(true, Ordering::SeqCst)
}

/// Whether [`interrupt`] has been called.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}

impl Shared {
    fn over(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
            || INTERRUPTED.load(Ordering::Relaxed)
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
    // A resumed campaign first runs the saved corpus as it was (this worker's share of
    // it), so that the coverage map holds what the earlier run reached before anything
    // new is judged against it.
    let mut replay = shared
        .resumed
        .clone()
        .filter(|i| i % cfg.jobs.max(1) == index);
    while !shared.over() {
        run += 1;
        let replaying = replay.next();
        let seeds: Option<(Vec<Action>, Vec<usize>, Vec<Action>)> = {
            let mut corpus = shared.corpus.lock().expect("corpus lock");
            if replaying.is_some() || corpus.is_empty() || rng.chance(30) {
                None
            } else {
                let a = pick(&mut rng, &mut corpus);
                let b = rng.below(corpus.len());
                Some((
                    corpus[a].steps.clone(),
                    corpus[a].productive.clone(),
                    corpus[b].steps.clone(),
                ))
            }
        };
        // A fresh sequence is all holes up to a random length; a mutated one is the
        // mutant's plan, whose holes are filled as the run reaches them.
        let plan: Vec<Option<Action>> = match (&seeds, replaying) {
            (_, Some(i)) => {
                let corpus = shared.corpus.lock().expect("corpus lock");
                corpus[i].steps.iter().cloned().map(Some).collect()
            }
            (Some((a, productive, b)), None) => {
                mutate::mutate(&mut rng, (a, productive), b, &dict, cfg.max_len)
            }
            (None, None) => vec![None; 1 + rng.below(cfg.max_len)],
        };
        let mut gen_rng = Rng::new(rng.next_u64());
        let dict_now = dict.clone();
        let mut generate = |w: &World, now: &Chains, ran: &[Action]| -> Option<Action> {
            let ctx = generate::Ctx::of(w, Some(now)).after(ran);
            Some(generate::action(
                &mut gen_rng,
                ctx,
                &dict_now,
                &shared.calls,
            ))
        };
        let options = execute::Options {
            hunt: shared.until.as_deref(),
            exit: rng.chance(EXIT_PERCENT),
            ..execute::Options::CAMPAIGN
        };
        // The plan's holes are filled; nothing is generated past its end.
        let mut remaining = plan.iter().filter(|s| s.is_none()).count();
        let mut bounded = |w: &World, now: &Chains, ran: &[Action]| -> Option<Action> {
            if remaining == 0 {
                return None;
            }
            remaining -= 1;
            generate(w, now, ran)
        };
        let (steps, ex) = execute::execute_plan(&shared.start, plan, Some(&mut bounded), options)?;
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
        let novel = shared.map.merge_slots(&ex.edges);
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
            // Found now; shrinking, which follows, is not part of the time to find it.
            let found_at = shared.began.elapsed().as_secs_f64();
            // While hunting one invariant, the others are noted as they fired, unshrunk:
            // shrinking them would spend the hunt's time on what it is not timing.
            let hunted = shared.until.as_deref().is_none_or(|h| h == v.invariant);
            let breaks_correct = |seq: &[Action]| -> Result<bool> {
                match &shared.control {
                    Some(control) if hunted => breaks(control, seq, &v.invariant, options),
                    _ => Ok(false),
                }
            };
            if breaks_correct(&steps)? {
                continue;
            }
            let shrunk = if hunted {
                let shrunk = shrink::shrink(&shared.start, &steps, v)?;
                // Shrinking keeps the violation, not the difference from the correct
                // design; where it lost that, the unshrunk sequence stands.
                if breaks_correct(&shrunk)? {
                    steps.clone()
                } else {
                    shrunk
                }
            } else {
                steps.clone()
            };
            let origin = Origin {
                seed: cfg.seed,
                worker: index,
                run,
                original_steps: steps.len(),
            };
            let mut script = failure::script(
                cfg.design,
                cfg.mutant.as_deref(),
                &v.invariant,
                shrunk.clone(),
                origin,
            );
            script.genesis = cfg.genesis.clone();
            // Decided and written under one lock: two workers that shrank the same
            // invariant differently leave one file, the one reported.
            let mut failures = shared.failures.lock().expect("failures lock");
            if failures.iter().any(|f| f.invariant == v.invariant) {
                continue;
            }
            let file = if cfg.write_failures && hunted {
                Some(failure::write(&cfg.corpus, &v.invariant, &script)?)
            } else {
                None
            };
            failures.push(Found {
                invariant: v.invariant.clone(),
                kind: v.kind.to_string(),
                after_s: found_at,
                steps: (steps.len(), shrunk.len()),
                file,
                script,
            });
            if !cfg.keep_going || shared.until.as_deref() == Some(v.invariant.as_str()) {
                shared.stop.store(true, Ordering::Relaxed);
            }
        }
        if ex.hit || replaying.is_some() {
            continue;
        }
        if !novel.is_empty() {
            let productive = ex.productive_steps(&novel);
            shared.corpus.lock().expect("corpus lock").push(Entry {
                steps,
                novelty: novel.len(),
                picks: 0,
                productive,
            });
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
    let root = design.root();
    let snapshot = genesis_snapshot(design, &root)?;
    let artifacts = crate::designs::artifacts(design, &root)?;
    let genesis = World::from_snapshot(&snapshot);
    let calls = generate::callables(&genesis, &artifacts);
    let dict = Dictionary::from_storage(&genesis);
    let start = Start::new(snapshot)?;
    let mut rng = Rng::new(seed);
    let mut next = |w: &World, now: &Chains, ran: &[Action]| {
        (ran.len() < steps).then(|| {
            let ctx = generate::Ctx::of(w, Some(now)).after(ran);
            generate::action(&mut rng, ctx, &dict, &calls)
        })
    };
    let mut sequence = Vec::new();
    let options = execute::Options {
        coverage: false,
        ..execute::Options::CAMPAIGN
    };
    let ex = execute(&start, &mut sequence, Some(&mut next), options)?;
    Ok((sequence, ex.violations))
}

/// Runs a campaign. `progress` is called about once a second with the status.
pub fn run(config: Config, progress: &(dyn Fn(&Progress) + Sync)) -> Result<Summary> {
    run_inner(config, progress, None)
}

/// Runs a silent campaign that stops once `invariant` fails (or the budget runs out).
pub fn run_until(config: Config, invariant: &str) -> Result<Summary> {
    run_inner(config, &|_| {}, Some(invariant.to_string()))
}

/// Whether `steps`, run from `start` as the campaign ran them, break `invariant`.
fn breaks(
    start: &Start,
    steps: &[Action],
    invariant: &str,
    options: execute::Options,
) -> Result<bool> {
    let mut steps = steps.to_vec();
    let options = execute::Options {
        coverage: false,
        hunt: Some(invariant),
        ..options
    };
    let ex = execute(start, &mut steps, None, options)?;
    Ok(ex.violations.iter().any(|v| v.invariant == invariant))
}

/// How [`hunt_mutant`] fuzzes a seeded bug.
#[derive(Debug, Clone)]
pub struct Hunt {
    /// Campaign seed.
    pub seed: u64,
    /// Time budget.
    pub budget: Duration,
    /// Workers.
    pub jobs: usize,
    /// Folders whose sequences seed the campaign; empty for a blind hunt.
    pub seed_corpora: Vec<PathBuf>,
}

/// A hunt's outcome.
#[derive(Debug)]
pub struct HuntResult {
    /// The invariant hunted.
    pub invariant: String,
    /// The campaign.
    pub summary: Summary,
}

impl HuntResult {
    /// The hunted invariant's failure, if the campaign found it.
    pub fn found(&self) -> Option<&Found> {
        self.summary
            .failures
            .iter()
            .find(|f| f.invariant == self.invariant)
    }
}

/// Fuzzes `mutant` of `design` until its expected invariant breaks or the budget runs out,
/// running every sequence on past other invariants (see `execute::Options::hunt`). Failures
/// go to a scratch folder of this process that no later hunt reads.
pub fn hunt_mutant(
    design: DesignId,
    mutant: &crate::mutants::Mutant,
    hunt: &Hunt,
) -> Result<HuntResult> {
    let scratch = std::env::temp_dir().join(format!(
        "crosscheck-hunt-{}-{}-{}",
        std::process::id(),
        design.folder_name(),
        mutant.name
    ));
    let config = Config {
        design,
        mutant: Some(mutant.name.clone()),
        genesis: None,
        time: Some(hunt.budget),
        runs: None,
        jobs: hunt.jobs,
        seed: hunt.seed,
        corpus: scratch.clone(),
        seed_corpora: hunt.seed_corpora.clone(),
        keep_going: true,
        max_len: MAX_LEN,
        write_failures: false,
        record: false,
    };
    let summary = run_until(config, &mutant.invariant);
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(HuntResult {
        invariant: mutant.invariant.clone(),
        summary: summary?,
    })
}

/// The summary of a campaign whose genesis the contracts refused: one failure at step 0.
fn refused_genesis(config: &Config, violation: invariants::Violation) -> Summary {
    let mut script = failure::script(
        config.design,
        config.mutant.as_deref(),
        &violation.invariant,
        Vec::new(),
        Origin {
            seed: config.seed,
            worker: 0,
            run: 0,
            original_steps: 0,
        },
    );
    script.genesis = config.genesis.clone();
    Summary {
        design: config.design.name().to_string(),
        mutant: config.mutant.clone(),
        seed: config.seed,
        jobs: config.jobs,
        progress: Progress {
            elapsed_s: 0.0,
            sequences: 0,
            steps: 0,
            sequences_per_sec: 0.0,
            steps_per_sec: 0.0,
            edges: 0,
            corpus: 0,
            violations: 1,
        },
        seeded: 0,
        resumed: 0,
        saved: 0,
        interrupted: false,
        failures: vec![Found {
            invariant: violation.invariant.clone(),
            kind: violation.kind.to_string(),
            after_s: 0.0,
            steps: (0, 0),
            file: None,
            script,
        }],
        recorded: Vec::new(),
    }
}

fn run_inner(
    config: Config,
    progress: &(dyn Fn(&Progress) + Sync),
    until: Option<String>,
) -> Result<Summary> {
    if config.write_failures {
        crate::files::check_writable(&config.corpus)?;
    }
    let root = match &config.mutant {
        Some(name) => crate::mutants::find(config.design, name)?.materialise(config.design)?,
        None => config.design.root(),
    };
    let snapshot = match &config.genesis {
        Some(variant) => crate::designs::variant_world(config.design, &root, variant)
            .map(|w| Arc::new(w.snapshot())),
        None => genesis_snapshot(config.design, &root),
    };
    let snapshot = match snapshot {
        Ok(s) => s,
        Err(e) => match crate::genesis::violation(&e) {
            Some(v) => return Ok(refused_genesis(&config, v)),
            None => return Err(e),
        },
    };
    let artifacts = crate::designs::artifacts(config.design, &root)?;
    let genesis = World::from_snapshot(&snapshot);
    let calls = generate::callables(&genesis, &artifacts);
    let start = Start::new(snapshot)?;
    let mut corpus = Vec::new();
    for dir in config
        .seed_corpora
        .iter()
        .chain(std::iter::once(&config.corpus))
    {
        corpus.extend(load_corpus(dir, config.design, config.genesis.as_deref())?);
    }
    // A fuzz campaign that writes under its folder also resumes from what it saved there.
    let resumed = if config.write_failures {
        queue::load(
            &config.corpus,
            config.design,
            config.mutant.as_deref(),
            config.genesis.as_deref(),
        )?
    } else {
        Vec::new()
    };
    let resumed_range = corpus.len()..corpus.len() + resumed.len();
    let fresh_from = resumed_range.end;
    let resumed_count = resumed.len();
    corpus.extend(resumed);
    let seeded = corpus.len();
    let jobs = config.jobs.max(1);
    let control = match (&until, &config.mutant) {
        (Some(_), Some(_)) => Some(Start::new(genesis_snapshot(
            config.design,
            &config.design.root(),
        )?)?),
        _ => None,
    };
    let shared = Arc::new(Shared {
        config,
        start,
        calls,
        resumed: resumed_range,
        genesis_dict: Dictionary::from_storage(&genesis),
        map: CoverageMap::default(),
        corpus: Mutex::new(
            corpus
                .into_iter()
                .map(|steps| Entry {
                    steps,
                    novelty: 1,
                    picks: 0,
                    productive: Vec::new(),
                })
                .collect(),
        ),
        failures: Mutex::new(Vec::new()),
        recorded: Mutex::new(Vec::new()),
        stats: Stats::default(),
        stop: AtomicBool::new(false),
        began: Instant::now(),
        until,
        control,
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
                    progress(&status(&shared));
                }
            }
        });
        pool.scope(|s| {
            for w in 0..jobs {
                let shared = &shared;
                let errors = &errors;
                s.spawn(move |_| {
                    let result = worker(shared, w);
                    // Line coverage is tallied per thread; the pool's threads outlive us.
                    crate::line_coverage::record::flush();
                    if let Err(e) = result {
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
    let mut progress = status(&shared);
    let mut failures = shared.failures.lock().expect("failures lock").clone();
    failures.sort_by(|a, b| a.after_s.total_cmp(&b.after_s));
    let (corpus, saved) = {
        let entries = shared.corpus.lock().expect("corpus lock");
        let saved = if shared.config.write_failures {
            let fresh: Vec<Vec<Action>> = entries
                .iter()
                .skip(fresh_from)
                .map(|e| e.steps.clone())
                .collect();
            queue::save(
                &shared.config.corpus,
                shared.config.design,
                (
                    shared.config.mutant.as_deref(),
                    shared.config.genesis.as_deref(),
                ),
                &fresh,
            )?
        } else {
            0
        };
        (entries.len(), saved)
    };
    progress.corpus = corpus;
    let recorded = std::mem::take(&mut *shared.recorded.lock().expect("recorded lock"));
    Ok(Summary {
        design: shared.config.design.name().to_string(),
        mutant: shared.config.mutant.clone(),
        seed: shared.config.seed,
        jobs,
        progress,
        seeded,
        resumed: resumed_count,
        saved,
        interrupted: INTERRUPTED.load(Ordering::Relaxed),
        failures,
        recorded,
    })
}

/// A campaign's status, as reported about once a second.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// Seconds since the campaign began.
    pub elapsed_s: f64,
    /// Sequences run.
    pub sequences: u64,
    /// Steps run.
    pub steps: u64,
    /// Sequences per second so far.
    pub sequences_per_sec: f64,
    /// Steps per second so far.
    pub steps_per_sec: f64,
    /// Edge slots covered.
    pub edges: usize,
    /// Corpus size.
    pub corpus: usize,
    /// Failures found so far.
    pub violations: usize,
}

impl Progress {
    /// The status as one line of text.
    pub fn line(&self) -> String {
        format!(
            "[{:>5.0}s] {:>6.0} seq/s {:>7.0} steps/s  edges {:>5}  corpus {:>4}  violations {}",
            self.elapsed_s,
            self.sequences_per_sec,
            self.steps_per_sec,
            self.edges,
            self.corpus,
            self.violations,
        )
    }
}

fn status(shared: &Shared) -> Progress {
    let t = shared.began.elapsed().as_secs_f64();
    let sequences = shared.stats.sequences.load(Ordering::Relaxed);
    let steps = shared.stats.steps.load(Ordering::Relaxed);
    Progress {
        elapsed_s: t,
        sequences,
        steps,
        sequences_per_sec: sequences as f64 / t.max(1e-9),
        steps_per_sec: steps as f64 / t.max(1e-9),
        edges: shared.map.edges(),
        corpus: shared.corpus.lock().map(|c| c.len()).unwrap_or(0),
        violations: shared.failures.lock().map(|f| f.len()).unwrap_or(0),
    }
}
