//! The campaign's costs and reach, in one run:
//!
//! - **raw replay**: the very sequences a one-job campaign ran, replayed from the same
//!   snapshot with no inspector, no coverage and no checking. What is left is revm
//!   executing the transactions plus the ABI encoding and relaying each step needs, which
//!   is the floor any harness driving these contracts pays;
//! - **campaign throughput**: that campaign's own steps/s, with coverage, every invariant
//!   after every step and the drain at the end of every sequence;
//! - **scaling**: the same campaign on one job and on two;
//! - **time to violation**: every seeded bug of the design, fuzzed on two jobs with several
//!   seeds until its invariant fires.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;
use serde::Serialize;

use crate::action::Action;
use crate::campaign::{self, Config};
use crate::designs::{genesis_snapshot, DesignId};
use crate::world::{World, WorldSnapshot};

/// How much the campaign section runs.
#[derive(Debug, Clone)]
pub struct Budget {
    /// Length of each throughput campaign (one job, then two).
    pub throughput: Duration,
    /// Seeds per mutant.
    pub seeds: u64,
    /// Most time one mutant campaign may take.
    pub per_mutant: Duration,
    /// Time each mutant blind: campaigns that start from nothing stored.
    pub blind: bool,
    /// Time each mutant seeded with the regression corpus too (which holds every mutant's
    /// counterexample, so this measures replay more than search).
    pub seeded: bool,
}

impl Default for Budget {
    fn default() -> Self {
        Self {
            throughput: Duration::from_secs(10),
            seeds: 5,
            per_mutant: Duration::from_secs(60),
            blind: true,
            seeded: true,
        }
    }
}

/// Time to violation of one seeded bug over the seeds, measured one way.
#[derive(Debug, Clone, Serialize)]
pub struct Timing {
    /// Whether every seed found it within the budget.
    pub found: bool,
    /// Seeds that found it.
    pub seeds_found: u64,
    /// Median seconds to the violation over the seeds; a seed that missed counts as the
    /// whole budget, so with misses this is a lower bound.
    pub median_s: f64,
    /// Slowest seed, with the same convention.
    pub max_s: f64,
}

/// Time to violation for one seeded bug.
#[derive(Debug, Serialize)]
pub struct MutantTiming {
    /// The mutant.
    pub name: String,
    /// The invariant it should break.
    pub invariant: String,
    /// The headline figure: blind when the bench measured blind (see
    /// [`CampaignFigures::blind`]).
    #[serde(flatten)]
    pub timing: Timing,
    /// The same, seeded with the regression corpus, when measured besides a blind figure.
    pub seeded: Option<Timing>,
}

/// The campaign section's figures.
#[derive(Debug, Serialize)]
pub struct CampaignFigures {
    /// Steps/s replaying the one-job campaign's sequences raw.
    pub raw_steps_per_sec: f64,
    /// The one-job campaign's steps/s (coverage, invariants, drains).
    pub steps_per_sec: f64,
    /// `steps_per_sec / raw_steps_per_sec`.
    pub ratio: f64,
    /// Steps/s on one job (the same campaign as `steps_per_sec`).
    pub steps_per_sec_1_job: f64,
    /// Steps/s on two jobs.
    pub steps_per_sec_2_jobs: f64,
    /// `steps_per_sec_2_jobs / steps_per_sec_1_job`.
    pub scaling: f64,
    /// Steps the raw replay ran.
    pub raw_steps: u64,
    /// The same steps with one layer after another switched on.
    pub breakdown: Breakdown,
    /// Whether the mutants' headline timings are blind (no stored sequence seeded their
    /// campaigns); false only when the bench was asked for seeded timings alone.
    pub blind: bool,
    /// Time to violation per mutant.
    pub mutants: Vec<MutantTiming>,
}

fn config(design: DesignId, jobs: usize, time: Duration, seed: u64, scratch: PathBuf) -> Config {
    Config {
        design,
        mutant: None,
        genesis: None,
        time: Some(time),
        runs: None,
        jobs,
        seed,
        corpus: scratch,
        seed_corpora: vec![campaign::regression_corpus(design)],
        keep_going: true,
        max_len: campaign::MAX_LEN,
        write_failures: false,
        record: false,
    }
}

/// Replays `sequences` from `snapshot` without checking anything, with the inspector and
/// coverage as asked; returns the time taken.
fn replay_unchecked(
    snapshot: &WorldSnapshot,
    sequences: &[Vec<Action>],
    inspector: bool,
    coverage: bool,
) -> Duration {
    let t = Instant::now();
    for seq in sequences {
        let mut world = World::from_snapshot(snapshot);
        world.set_inspector(inspector);
        world.set_coverage(coverage);
        for action in seq {
            // A rejected step (an unknown name a fuzzer chose) costs what it costs in the
            // campaign too; its error is not a measurement failure.
            let _ = std::hint::black_box(world.apply(action));
            std::hint::black_box(world.take_coverage());
        }
    }
    t.elapsed()
}

/// Replays `sequences` from genesis with the inspector off and nothing checked; returns
/// the steps run and the time taken.
pub fn replay_raw(design: DesignId, sequences: &[Vec<Action>]) -> Result<(u64, Duration)> {
    let snapshot = genesis_snapshot(design, &crate::compile::contracts_dir())?;
    let steps = sequences.iter().map(|s| s.len() as u64).sum();
    Ok((steps, replay_unchecked(&snapshot, sequences, false, false)))
}

/// Where a campaign step's time goes: the recorded sequences replayed again with one more
/// layer switched on each time. Each figure is steps/s over the same steps.
#[derive(Debug, Serialize)]
pub struct Breakdown {
    /// The inspector attached (mint and burn trace), coverage off, nothing checked.
    pub inspected: f64,
    /// Plus edge coverage.
    pub covered: f64,
    /// Plus every invariant after every step (chain reads, ghost, view).
    pub checked: f64,
    /// Plus the drain and quiescent invariants at the end of each sequence: everything a
    /// campaign does but generate, mutate and merge coverage.
    pub drained: f64,
    /// All of that with Solidity line coverage recorded too (`fuzz --coverage`).
    pub lines: f64,
}

fn replay_layers(design: DesignId, sequences: &[Vec<Action>]) -> Result<Breakdown> {
    let snapshot = genesis_snapshot(design, &crate::compile::contracts_dir())?;
    let steps: usize = sequences.iter().map(Vec::len).sum();
    let rate = |t: Duration| steps as f64 / t.as_secs_f64().max(1e-9);
    let inspected = rate(replay_unchecked(&snapshot, sequences, true, false));
    let covered = rate(replay_unchecked(&snapshot, sequences, true, true));
    let start = crate::campaign::execute::Start::new(snapshot.clone())?;
    let checked = |drain: bool| -> Result<Duration> {
        let t = Instant::now();
        for seq in sequences {
            let mut s = seq.clone();
            let options = crate::campaign::execute::Options {
                coverage: true,
                drain,
                exit: drain,
                hunt: None,
            };
            std::hint::black_box(crate::campaign::execute::execute(
                &start, &mut s, None, options,
            )?);
        }
        Ok(t.elapsed())
    };
    let checked_rate = rate(checked(false)?);
    let drained = rate(checked(true)?);
    crate::line_coverage::record::enable(true);
    let lines = checked(true);
    crate::line_coverage::record::enable(false);
    crate::line_coverage::record::take();
    Ok(Breakdown {
        inspected,
        covered,
        checked: checked_rate,
        drained,
        lines: rate(lines?),
    })
}

fn median(sorted: &[f64]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

fn time_one(
    design: DesignId,
    m: &crate::mutants::Mutant,
    budget: &Budget,
    seed_corpora: &[PathBuf],
) -> Result<Timing> {
    let mut times = Vec::new();
    let mut seeds_found = 0;
    for seed in 1..=budget.seeds {
        let hunt = campaign::Hunt {
            seed,
            budget: budget.per_mutant,
            jobs: 2,
            seed_corpora: seed_corpora.to_vec(),
        };
        match campaign::hunt_mutant(design, m, &hunt)?.found() {
            Some(f) => {
                seeds_found += 1;
                times.push(f.after_s);
            }
            None => times.push(budget.per_mutant.as_secs_f64()),
        }
    }
    times.sort_by(f64::total_cmp);
    Ok(Timing {
        found: seeds_found == budget.seeds,
        seeds_found,
        median_s: median(&times),
        max_s: times.last().copied().unwrap_or(0.0),
    })
}

/// Fuzzes every mutant of `design` with `budget.seeds` seeds on two jobs, blind, seeded or
/// both as the budget says; `progress` is told about each mutant as it finishes.
pub fn time_mutants(
    design: DesignId,
    budget: &Budget,
    progress: &dyn Fn(&MutantTiming),
) -> Result<Vec<MutantTiming>> {
    let regression = vec![campaign::regression_corpus(design)];
    let mut out = Vec::new();
    for m in crate::mutants::load_all(design)? {
        let blind = if budget.blind {
            Some(time_one(design, &m, budget, &[])?)
        } else {
            None
        };
        let seeded = if budget.seeded {
            Some(time_one(design, &m, budget, &regression)?)
        } else {
            None
        };
        let (timing, seeded) = match (blind, seeded) {
            (Some(b), s) => (b, s),
            (None, Some(s)) => (s, None),
            (None, None) => anyhow::bail!("the bench must time mutants blind, seeded or both"),
        };
        let timing = MutantTiming {
            name: m.name.clone(),
            invariant: m.invariant.clone(),
            timing,
            seeded,
        };
        progress(&timing);
        out.push(timing);
    }
    Ok(out)
}

/// Measures throughput, the raw replay and scaling; the mutant timings are left empty for
/// [`time_mutants`].
pub fn measure_throughput(design: DesignId, budget: &Budget) -> Result<CampaignFigures> {
    let scratch = std::env::temp_dir().join(format!("crosscheck-bench-{}", std::process::id()));
    let mut one = config(design, 1, budget.throughput, 11, scratch.clone());
    one.record = true;
    let one = campaign::run(one, &|_| {})?;
    let (raw_steps, raw_time) = replay_raw(design, &one.recorded)?;
    let breakdown = replay_layers(design, &one.recorded)?;
    let two = campaign::run(
        config(design, 2, budget.throughput, 11, scratch.clone()),
        &|_| {},
    )?;
    let _ = std::fs::remove_dir_all(&scratch);
    let raw_steps_per_sec = raw_steps as f64 / raw_time.as_secs_f64().max(1e-9);
    Ok(CampaignFigures {
        raw_steps_per_sec,
        steps_per_sec: one.progress.steps_per_sec,
        ratio: one.progress.steps_per_sec / raw_steps_per_sec.max(1e-9),
        steps_per_sec_1_job: one.progress.steps_per_sec,
        steps_per_sec_2_jobs: two.progress.steps_per_sec,
        scaling: two.progress.steps_per_sec / one.progress.steps_per_sec.max(1e-9),
        raw_steps,
        breakdown,
        blind: budget.blind,
        mutants: Vec::new(),
    })
}

/// Prints the throughput figures, one per line.
pub fn print_throughput(f: &CampaignFigures) {
    println!(
        "raw replay (no inspector, no checks) {:>9.0} steps/s  ({} steps)",
        f.raw_steps_per_sec, f.raw_steps
    );
    let b = &f.breakdown;
    for (what, rate) in [
        ("  + inspector (mint/burn trace)", b.inspected),
        ("  + edge coverage", b.covered),
        ("  + invariants after every step", b.checked),
        ("  + drain and quiescent checks", b.drained),
    ] {
        println!(
            "{what:<36} {rate:>9.0} steps/s  ({:.1}% of raw replay)",
            rate / f.raw_steps_per_sec.max(1e-9) * 100.0
        );
    }
    println!(
        "{:<36} {:>9.0} steps/s  ({:.2}× without it)",
        "  + Solidity line coverage",
        b.lines,
        b.lines / b.drained.max(1e-9)
    );
    println!(
        "campaign, 1 job                      {:>9.0} steps/s  ({:.1}% of raw replay)",
        f.steps_per_sec_1_job,
        f.ratio * 100.0
    );
    println!(
        "campaign, 2 jobs                     {:>9.0} steps/s  ({:.2}× one job)",
        f.steps_per_sec_2_jobs, f.scaling
    );
}
