//! `crosscheck fuzz`: a coverage-guided campaign, the main job.

use std::path::PathBuf;
use std::time::Duration;

use harness::designs::DesignId;

use super::{parse_duration, Failure, Outcome, SeedCorpus};

/// Arguments of `fuzz`.
#[derive(clap::Args)]
pub struct Args {
    /// The design.
    #[arg(long, default_value = "a")]
    design: String,
    /// A mutant of the design to fuzz instead of the correct contracts.
    #[arg(long)]
    mutant: Option<String>,
    /// Time budget, e.g. 60s, 10m, 1h.
    #[arg(long, default_value = "60s", value_parser = parse_duration)]
    time: Duration,
    /// Stop after this many sequences (for reproducible runs with --jobs 1).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    runs: Option<u64>,
    /// Workers, 1 to 256 (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=super::MAX_JOBS))]
    jobs: Option<u64>,
    /// Campaign seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Corpus folder (sequences are read from it, failures written to DIR/failures).
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Which stored sequences the campaign starts from: the design's regression corpus,
    /// or none (blind).
    #[arg(long, value_enum, default_value = "regression")]
    seed_corpus: SeedCorpus,
    /// Go on after a failure.
    #[arg(long)]
    keep_going: bool,
    /// Print a JSON summary as the last line.
    #[arg(long)]
    json: bool,
    /// Write a Foundry reproducer of every failure into DIR (a Foundry project: run
    /// `forge test` there).
    #[arg(long, value_name = "DIR")]
    foundry: Option<PathBuf>,
}

/// Runs `fuzz`.
pub fn run(args: Args) -> Outcome {
    let design: DesignId = args.design.parse()?;
    let jobs = super::jobs(args.jobs);
    let corpus = args.corpus.unwrap_or_else(|| {
        harness::compile::contracts_dir().join(format!(
            "../target/crosscheck/corpus/design_{}",
            design.name()
        ))
    });
    let config = harness::campaign::Config {
        design,
        mutant: args.mutant.clone(),
        time: if args.runs.is_some() {
            None
        } else {
            Some(args.time)
        },
        runs: args.runs,
        jobs,
        seed: args.seed,
        corpus,
        seed_corpora: args.seed_corpus.folders(design),
        keep_going: args.keep_going,
        max_len: harness::campaign::MAX_LEN,
        write_failures: true,
        record: false,
    };
    println!(
        "crosscheck fuzz: design {design}{}, seed {}, {jobs} jobs, {}, {}",
        args.mutant
            .as_deref()
            .map(|m| format!(", mutant {m}"))
            .unwrap_or_default(),
        args.seed,
        match args.runs {
            Some(r) => format!("{r} sequences"),
            None => format!("{} s", args.time.as_secs()),
        },
        args.seed_corpus.label()
    );
    super::stop_campaigns_on_signal();
    let corpus_dir = config.corpus.clone();
    let summary = harness::campaign::run(config, &|line| eprintln!("{line}"))?;
    // One trace per sequence, under every invariant it broke.
    let mut printed: Vec<&[harness::action::Action]> = Vec::new();
    for f in &summary.failures {
        println!(
            "\nFAILURE {} ({}) after {:.1} s, shrunk from {} to {} steps{}",
            f.invariant,
            f.kind,
            f.after_s,
            f.steps.0,
            f.steps.1,
            f.file
                .as_ref()
                .map(|p| format!(": {}", p.display()))
                .unwrap_or_default()
        );
        if let Some(dir) = &args.foundry {
            super::export::beside_failure(&f.script, f.file.as_deref(), dir);
        }
        if printed.contains(&f.script.steps.as_slice()) {
            println!("(the same sequence as a failure above; its trace is printed there)");
            continue;
        }
        printed.push(&f.script.steps);
        harness::campaign::replay::replay(&f.script, true)?;
    }
    println!(
        "\n{}{} sequences, {} steps in {:.1} s ({:.0} steps/s), {} edges (coverage-map slots hit), \
         corpus {} ({} seeded, {} resumed), {} failure(s)",
        if summary.interrupted {
            "interrupted: "
        } else {
            ""
        },
        summary.sequences,
        summary.steps,
        summary.elapsed_s,
        summary.steps_per_sec,
        summary.edges,
        summary.corpus,
        summary.seeded,
        summary.resumed,
        summary.failures.len()
    );
    println!(
        "checked {} invariants (always ones after every step, quiescent ones after draining); failures in {}, coverage corpus in {} ({} new)",
        invariants::for_design(design.name()).len(),
        corpus_dir.join("failures").display(),
        harness::campaign::queue::dir(&corpus_dir).display(),
        summary.saved
    );
    if args.json {
        println!(
            "{}",
            serde_json::to_string(&summary).map_err(anyhow::Error::from)?
        );
    }
    match (summary.failures.is_empty(), summary.interrupted) {
        (false, _) => Err(Failure::Violation),
        (true, true) => Err(Failure::Interrupted),
        (true, false) => Ok(()),
    }
}
