//! `crosscheck fuzz`: a coverage-guided campaign, the main job.

use std::path::PathBuf;
use std::time::Duration;

use harness::designs::DesignId;

use super::{parse_duration, Failure, Outcome, SeedCorpus};

/// Arguments of `fuzz`.
#[derive(clap::Args)]
pub struct Args {
    /// The design (`--design`) or project file (`--config`).
    #[command(flatten)]
    target: super::target::Target,
    /// A mutant of the design to fuzz instead of the correct contracts.
    #[arg(long)]
    mutant: Option<String>,
    /// Start from a genesis variant of the design instead of its genesis (design D:
    /// `bonding-manager-2022-02-25`, `bulk-pending`).
    #[arg(long, value_name = "VARIANT")]
    genesis: Option<String>,
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
    /// Machine-readable output: stdout carries one JSON object per line, a progress
    /// object about once a second and a summary (with the failure files) last; the text
    /// goes to stderr.
    #[arg(long)]
    json: bool,
    /// Write a Foundry reproducer of every failure into DIR (a Foundry project: run
    /// `forge test` there).
    #[arg(long, value_name = "DIR")]
    foundry: Option<PathBuf>,
    /// Record Solidity line and branch coverage and write DIR/lcov.info and
    /// DIR/summary.txt (`crosscheck coverage --html DIR` renders them).
    #[arg(long, value_name = "DIR")]
    coverage: Option<PathBuf>,
    /// Write the findings as SARIF 2.1.0 to FILE (for GitHub code scanning).
    #[arg(long, value_name = "FILE")]
    sarif: Option<PathBuf>,
}

/// Runs `fuzz`.
pub fn run(args: Args) -> Outcome {
    let design: DesignId = args.target.resolve()?;
    let jobs = super::jobs(args.jobs);
    let corpus = args.corpus.unwrap_or_else(|| {
        let folder = match &args.genesis {
            Some(variant) => format!("corpus/{}-{variant}", design.folder_name()),
            None => format!("corpus/{}", design.folder_name()),
        };
        harness::files::default_output_dir(&folder)
    });
    let config = harness::campaign::Config {
        design,
        mutant: args.mutant.clone(),
        genesis: args.genesis.clone(),
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
    // With --json, stdout is for JSON lines only and the text goes to stderr.
    let json = args.json;
    let say = |text: String| {
        if json {
            eprintln!("{text}");
        } else {
            println!("{text}");
        }
    };
    say(format!(
        "crosscheck fuzz: design {design}{}{}, seed {}, {jobs} jobs, {}, {}",
        args.mutant
            .as_deref()
            .map(|m| format!(", mutant {m}"))
            .unwrap_or_default(),
        args.genesis
            .as_deref()
            .map(|g| format!(", genesis {g}"))
            .unwrap_or_default(),
        args.seed,
        match args.runs {
            Some(r) => format!("{r} sequences"),
            None => format!("{} s", args.time.as_secs()),
        },
        args.seed_corpus.label(design)
    ));
    if args.coverage.is_some() {
        // Genesis first, so that what it ran (deployment and wiring) is not counted as
        // reached by the campaign; the campaign starts from the same memoized snapshot.
        // A refused genesis is the campaign's finding to report, not an error here.
        let _ = harness::genesis::outcome(harness::designs::script_world(
            design,
            args.mutant.as_deref(),
            args.genesis.as_deref(),
        ))?;
        harness::line_coverage::record::take();
        harness::line_coverage::record::enable(true);
    }
    super::stop_campaigns_on_signal();
    let corpus_dir = config.corpus.clone();
    let summary = harness::campaign::run(config, &|p| {
        if json {
            let mut value = serde_json::to_value(p).unwrap_or_default();
            value["event"] = "progress".into();
            println!("{value}");
        } else {
            eprintln!("{}", p.line());
        }
    })?;
    if let Some(dir) = &args.coverage {
        harness::line_coverage::record::enable(false);
        let report = harness::line_coverage::collect(design, args.mutant.as_deref())?;
        let path = harness::line_coverage::write(dir, &report)?;
        say(format!(
            "\nSolidity coverage of the campaign (lines and branches reached, per deployed contract):\n{}wrote {} (crosscheck coverage --html {} renders it)",
            harness::line_coverage::report::table(&report),
            path.display(),
            dir.display()
        ));
    }
    // One trace per sequence, under every invariant it broke.
    let mut printed: Vec<&[harness::action::Action]> = Vec::new();
    let mut findings = Vec::new();
    for f in &summary.failures {
        say(format!(
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
        ));
        if let Some(dir) = &args.foundry {
            say(super::export::beside_failure(
                &f.script,
                f.file.as_deref(),
                dir,
            ));
        }
        if args.sarif.is_some() {
            match harness::sarif::finding(&f.script, f.file.as_deref()) {
                Ok(finding) => findings.push(finding),
                Err(e) => say(format!("not in the SARIF log: {e:#}")),
            }
        }
        if json {
            continue;
        }
        if printed.contains(&f.script.steps.as_slice()) {
            println!("(the same sequence as a failure above; its trace is printed there)");
            continue;
        }
        printed.push(&f.script.steps);
        harness::campaign::replay::replay(&f.script, true)?;
    }
    if let Some(path) = &args.sarif {
        let catalogue = design.spec().invariants();
        let rules: Vec<(&str, &str)> = catalogue
            .iter()
            .map(|i| (i.name(), i.statement()))
            .collect();
        let log = harness::sarif::log(&findings, &rules);
        let text = serde_json::to_string_pretty(&log).map_err(anyhow::Error::from)?;
        harness::files::write_atomic(path, &(text + "\n"))?;
        say(format!(
            "wrote {} ({} SARIF results)",
            path.display(),
            findings.len()
        ));
    }
    say(format!(
        "\n{}{} sequences, {} steps in {:.1} s ({:.0} steps/s), {} edges (coverage-map slots hit), \
         corpus {} ({} seeded, {} resumed), {} failure(s)",
        if summary.interrupted {
            "interrupted: "
        } else {
            ""
        },
        summary.progress.sequences,
        summary.progress.steps,
        summary.progress.elapsed_s,
        summary.progress.steps_per_sec,
        summary.progress.edges,
        summary.progress.corpus,
        summary.seeded,
        summary.resumed,
        summary.failures.len()
    ));
    say(format!(
        "checked {} invariants (always ones after every step, quiescent ones after draining); failures in {}, coverage corpus in {} ({} new)",
        design.spec().invariants().len(),
        corpus_dir.join("failures").display(),
        harness::campaign::queue::dir(&corpus_dir).display(),
        summary.saved
    ));
    if json {
        let mut value = serde_json::to_value(&summary).map_err(anyhow::Error::from)?;
        value["event"] = "summary".into();
        value["failure_files"] = summary
            .failures
            .iter()
            .filter_map(|f| f.file.as_ref().map(|p| p.display().to_string()))
            .collect::<Vec<_>>()
            .into();
        println!("{value}");
    }
    match (summary.failures.is_empty(), summary.interrupted) {
        (false, _) => Err(Failure::Violation),
        (true, true) => Err(Failure::Interrupted),
        (true, false) => Ok(()),
    }
}
