//! The `crosscheck` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use harness::designs::DesignId;

/// crosscheck: an invariant checker and fuzz harness for the Livepeer L1 ↔ L2 migration
/// designs, on two revm chains joined by a simulated Arbitrum bridge.
#[derive(Parser)]
#[command(name = "crosscheck", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a design's scenario and print a ledger of both chains before and after.
    Demo {
        /// The design.
        #[arg(long, default_value = "a")]
        design: String,
    },
    /// List the designs, or one design's invariants.
    List {
        /// The design whose invariants to list.
        #[arg(long)]
        design: Option<String>,
    },
    /// Run a JSON script, checking every invariant after each step (exit 1 on a violation).
    Check {
        /// The design (defaults to the script's).
        #[arg(long)]
        design: Option<String>,
        /// The script file (defaults to the mutant's own script with --mutant).
        #[arg(long)]
        script: Option<PathBuf>,
        /// Run against this mutant of the design instead of the correct contracts.
        #[arg(long)]
        mutant: Option<String>,
        /// Print the ledger of both chains before the first step and after draining.
        #[arg(long)]
        ledger: bool,
    },
    /// Run a coverage-guided campaign (the main job).
    Fuzz {
        /// The design.
        #[arg(long, default_value = "a")]
        design: String,
        /// A mutant of the design to fuzz instead of the correct contracts.
        #[arg(long)]
        mutant: Option<String>,
        /// Time budget, e.g. 60s, 10m, 1h.
        #[arg(long, default_value = "60s", value_parser = parse_duration)]
        time: std::time::Duration,
        /// Stop after this many sequences (for reproducible runs with --jobs 1).
        #[arg(long)]
        runs: Option<u64>,
        /// Workers (default: all cores).
        #[arg(long)]
        jobs: Option<usize>,
        /// Campaign seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Corpus folder (sequences are read from it, failures written to DIR/failures).
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Go on after a failure.
        #[arg(long)]
        keep_going: bool,
        /// Print a JSON summary as the last line.
        #[arg(long)]
        json: bool,
    },
    /// Re-execute script or failure files; exit 0 when every outcome matches the expected
    /// one. With --design and no files, replays that design's regression corpus.
    Replay {
        /// Every file must be of this design (and without files: replay its corpus).
        #[arg(long)]
        design: Option<String>,
        /// The files.
        #[arg(required_unless_present = "design")]
        files: Vec<PathBuf>,
    },
    /// Run every mutant's script against the mutant and the correct design; exit 0 only if
    /// every mutant is caught by its expected invariant and the correct design is clean.
    Mutants {
        /// The design.
        #[arg(long, default_value = "a")]
        design: String,
        /// Find each mutant with a campaign (60 s budget, 2 jobs) instead of its script.
        #[arg(long)]
        fuzz: bool,
        /// With --fuzz: write each shrunk counterexample to DIR/mutant-<name>.json (the
        /// regression corpus's form).
        #[arg(long, requires = "fuzz")]
        corpus: Option<PathBuf>,
        /// With --fuzz: fuzz this mutant only (say, one just added, for its counterexample).
        #[arg(long, requires = "fuzz")]
        only: Option<String>,
        /// Print the design's section of docs/invariants.md instead of the table.
        #[arg(long, conflicts_with = "fuzz")]
        markdown: bool,
    },
    /// Generate a sequence as a campaign would, run it with every check, and print it as a
    /// script that must hold (exit 1, with the violation, if it breaks anything).
    Generate {
        /// The design.
        #[arg(long, default_value = "a")]
        design: String,
        /// Generator seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Steps to generate.
        #[arg(long, default_value_t = 40)]
        steps: usize,
    },
    /// Print call data for a script's `call` action; names stand for addresses.
    Encode {
        /// The design whose contract names to resolve.
        #[arg(long, default_value = "a")]
        design: String,
        /// The chain whose contract names to resolve.
        #[arg(long, default_value = "l1")]
        chain: String,
        /// The function signature, e.g. `migrateStake(address)`.
        signature: String,
        /// The arguments.
        args: Vec<String>,
    },
    /// Measure compile, snapshot and check costs, campaign throughput against raw replay,
    /// scaling from one job to two, and time to violation for every mutant.
    Bench {
        /// The design.
        #[arg(long, default_value = "a")]
        design: String,
        /// Length of each throughput campaign.
        #[arg(long, default_value = "10s", value_parser = parse_duration)]
        time: std::time::Duration,
        /// Seeds per mutant for time to violation.
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
        seeds: u64,
        /// Budget for one mutant campaign.
        #[arg(long, default_value = "60s", value_parser = parse_duration)]
        mutant_budget: std::time::Duration,
        /// Print a JSON object as the last line.
        #[arg(long)]
        json: bool,
    },
}

enum Failure {
    /// Exit 1: an invariant broke.
    Violation,
    /// Exit 2: bad input or a fault.
    Error(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Error(e)
    }
}

fn list(design: Option<String>) -> Result<(), Failure> {
    match design {
        None => {
            for d in DesignId::ALL {
                println!("{}  {}", d.name(), d.summary());
            }
        }
        Some(d) => {
            let d: DesignId = d.parse()?;
            for inv in invariants::for_design(d.name()) {
                println!(
                    "{:<2} {:<28} {:<9} {}",
                    inv.number(),
                    inv.name(),
                    inv.kind().to_string(),
                    inv.statement()
                );
            }
        }
    }
    Ok(())
}

fn check(
    design: Option<String>,
    path: Option<PathBuf>,
    mutant: Option<String>,
    ledger: bool,
) -> Result<(), Failure> {
    let script = match &path {
        Some(p) => Some(harness::script::Script::load(p)?),
        None => None,
    };
    let design: DesignId = match (&design, &script) {
        (Some(d), _) => d.parse()?,
        (None, Some(s)) => s.design,
        (None, None) => DesignId::A,
    };
    let mutant = match mutant.or_else(|| script.as_ref().and_then(|s| s.mutant.clone())) {
        Some(name) => Some(harness::mutants::find(design, &name)?),
        None => None,
    };
    let (steps, source) = match (script, &mutant) {
        (Some(s), _) => (s.steps, path.expect("script given").display().to_string()),
        (None, Some(m)) => (m.steps.clone(), format!("mutant {}", m.name)),
        (None, None) => {
            return Err(anyhow::anyhow!("check needs --script FILE or --mutant NAME").into())
        }
    };
    let mut world = match &mutant {
        Some(m) => {
            println!("design {design}, mutant {}: {}", m.name, m.description);
            m.world(design)?
        }
        None => harness::designs::fresh_world(design)?,
    };
    for action in &steps {
        world
            .validate(action)
            .map_err(|e| anyhow::anyhow!("{source}: {e}"))?;
    }
    if ledger {
        println!("== before ==\n{}", harness::ledger::render(&mut world)?);
    }
    let report = harness::run::run_steps(&mut world, &steps, harness::report::print_step)?;
    if ledger {
        println!(
            "== after (queues drained) ==\n{}",
            harness::ledger::render(&mut world)?
        );
    }
    let drained = report.violations.len() - report.after_drain;
    for v in &report.violations[drained..] {
        println!(
            "  VIOLATION after draining: {}",
            harness::names::humanize(&v.to_string())
        );
    }
    for v in report.violations.iter().filter(|v| v.step == 0) {
        println!(
            "  VIOLATION at genesis: {}",
            harness::names::humanize(&v.to_string())
        );
    }
    if report.violations.is_empty() {
        println!("no invariant broken ({} steps)", steps.len());
        Ok(())
    } else {
        Err(Failure::Violation)
    }
}

fn mutants(design: &str, markdown: bool) -> Result<(), Failure> {
    let design: DesignId = design.parse()?;
    let results = harness::mutants::run_all(design)?;
    if markdown {
        print!("{}", harness::mutants::markdown(design, &results));
        return if results.iter().all(|r| r.passed()) {
            Ok(())
        } else {
            Err(Failure::Violation)
        };
    }
    print!("{}", harness::mutants::table(&results));
    let passed = results.iter().filter(|r| r.passed()).count();
    println!(
        "{passed}/{} mutants caught by their invariant, with the correct design clean",
        results.len()
    );
    for r in results
        .iter()
        .filter(|r| !r.on_correct.violations.is_empty())
    {
        for v in &r.on_correct.violations {
            println!("  correct design under {}'s script: {v}", r.mutant.name);
        }
    }
    if passed == results.len() {
        Ok(())
    } else {
        Err(Failure::Violation)
    }
}

fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let (number, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    );
    let n: u64 = number
        .parse()
        .map_err(|_| format!("bad duration {text:?}: expected e.g. 60s, 10m, 1h"))?;
    let secs = match unit {
        "" | "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        _ => return Err(format!("bad duration unit in {text:?}: use s, m or h")),
    };
    Ok(std::time::Duration::from_secs(secs))
}

#[allow(clippy::too_many_arguments)]
fn fuzz(
    design: &str,
    mutant: Option<String>,
    time: std::time::Duration,
    runs: Option<u64>,
    jobs: Option<usize>,
    seed: u64,
    corpus: Option<PathBuf>,
    keep_going: bool,
    json: bool,
) -> Result<(), Failure> {
    let design: DesignId = design.parse()?;
    let jobs = jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let corpus = corpus.unwrap_or_else(|| {
        harness::compile::contracts_dir().join(format!(
            "../target/crosscheck/corpus/design_{}",
            design.name()
        ))
    });
    let config = harness::campaign::Config {
        design,
        mutant: mutant.clone(),
        time: if runs.is_some() { None } else { Some(time) },
        runs,
        jobs,
        seed,
        corpus,
        seed_corpora: vec![harness::campaign::regression_corpus(design)],
        keep_going,
        max_len: 24,
        write_failures: true,
        record: false,
    };
    println!(
        "crosscheck fuzz: design {design}{}, seed {seed}, {jobs} jobs, {}",
        mutant
            .as_deref()
            .map(|m| format!(", mutant {m}"))
            .unwrap_or_default(),
        match runs {
            Some(r) => format!("{r} sequences"),
            None => format!("{} s", time.as_secs()),
        }
    );
    let summary = harness::campaign::run(config, &|line| eprintln!("{line}"))?;
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
        harness::campaign::replay::replay(&f.script, true)?;
    }
    println!(
        "\n{} sequences, {} steps in {:.1} s ({:.0} steps/s), {} edges, corpus {}, {} failure(s)",
        summary.sequences,
        summary.steps,
        summary.elapsed_s,
        summary.steps_per_sec,
        summary.edges,
        summary.corpus,
        summary.failures.len()
    );
    if json {
        println!(
            "{}",
            serde_json::to_string(&summary).map_err(anyhow::Error::from)?
        );
    }
    if summary.failures.is_empty() {
        Ok(())
    } else {
        Err(Failure::Violation)
    }
}

fn replay(design: Option<String>, mut files: Vec<PathBuf>) -> Result<(), Failure> {
    let design: Option<DesignId> = design.map(|d| d.parse()).transpose()?;
    if let (Some(d), true) = (design, files.is_empty()) {
        files = harness::campaign::corpus_files(&harness::campaign::regression_corpus(d))?;
    }
    let mut all = true;
    for path in &files {
        println!("== {}", path.display());
        if let Some(d) = design {
            let script = harness::script::Script::load(path)?;
            if script.design != d {
                return Err(anyhow::anyhow!(
                    "{}: a design {} script, not design {d}",
                    path.display(),
                    script.design
                )
                .into());
            }
        }
        let r = harness::campaign::replay::replay_file(path, true)?;
        let verdict = if r.matches() {
            "as expected"
        } else {
            "UNEXPECTED"
        };
        println!("expected {:?}; fired {:?}: {verdict}", r.expected, r.fired);
        all &= r.matches();
    }
    if all {
        Ok(())
    } else {
        Err(Failure::Violation)
    }
}

fn mutants_fuzz(design: &str, keep: Option<PathBuf>, only: Option<String>) -> Result<(), Failure> {
    let design: DesignId = design.parse()?;
    let mut caught = 0;
    let all = match only {
        Some(name) => vec![harness::mutants::find(design, &name)?],
        None => harness::mutants::load_all(design)?,
    };
    println!(
        "{:<40} {:<30} {:>8}  fired first",
        "mutant", "expected invariant", "seconds"
    );
    for m in &all {
        let config = harness::campaign::Config {
            design,
            mutant: Some(m.name.clone()),
            time: Some(std::time::Duration::from_secs(60)),
            runs: None,
            jobs: 2,
            seed: 1,
            corpus: std::env::temp_dir().join("crosscheck-mutants-fuzz"),
            seed_corpora: vec![harness::campaign::regression_corpus(design)],
            keep_going: true,
            max_len: 24,
            write_failures: false,
            record: false,
        };
        let summary = harness::campaign::run_until(config, &m.invariant)?;
        let hit = summary.failures.iter().find(|f| f.invariant == m.invariant);
        let first = summary
            .failures
            .first()
            .map(|f| f.invariant.clone())
            .unwrap_or_else(|| "nothing".into());
        match hit {
            Some(f) => {
                caught += 1;
                println!(
                    "{:<40} {:<30} {:>8.1}  {first}",
                    m.name, m.invariant, f.after_s
                );
                if let Some(dir) = &keep {
                    let mut script = f.script.clone();
                    script.description = format!(
                        "shrunk counterexample for mutant {}: {}",
                        m.name,
                        m.description.trim_end_matches('.').to_owned() + "."
                    );
                    let path = dir.join(format!("mutant-{}.json", m.name));
                    let text =
                        serde_json::to_string_pretty(&script).map_err(anyhow::Error::from)?;
                    std::fs::write(&path, text + "\n")
                        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
                }
            }
            None => println!(
                "{:<40} {:<30} {:>8}  {first}  MISSED",
                m.name, m.invariant, "-"
            ),
        }
    }
    println!("{caught}/{} mutants found by fuzzing", all.len());
    if caught == all.len() {
        Ok(())
    } else {
        Err(Failure::Violation)
    }
}

fn bench(
    design: &str,
    time: std::time::Duration,
    seeds: u64,
    per_mutant: std::time::Duration,
    json: bool,
) -> Result<(), Failure> {
    let design: DesignId = design.parse()?;
    let budget = harness::bench::Budget {
        throughput: time,
        seeds,
        per_mutant,
    };
    harness::bench::run(design, &budget, json)?;
    Ok(())
}

fn generate(design: &str, seed: u64, steps: usize) -> Result<(), Failure> {
    let design: DesignId = design.parse()?;
    let (sequence, violations) = harness::campaign::sample(design, seed, steps)?;
    if let Some(v) = violations.first() {
        eprintln!(
            "generated sequence breaks an invariant (replay it to see how): {}",
            harness::names::humanize(&v.to_string())
        );
    }
    let script = harness::script::Script {
        design,
        mutant: None,
        description: format!("a long generated sequence that must hold (generator seed {seed})"),
        steps: sequence,
        expect: Some(harness::script::Expected::Holds),
        origin: None,
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&script).map_err(anyhow::Error::from)?
    );
    if violations.is_empty() {
        Ok(())
    } else {
        Err(Failure::Violation)
    }
}

fn demo(design: &str) -> Result<(), Failure> {
    harness::demo::run(design.parse()?)?;
    Ok(())
}

fn encode(design: &str, chain: &str, signature: &str, args: &[String]) -> Result<(), Failure> {
    let chain = match chain {
        "l1" => harness::chain::ChainId::L1,
        "l2" => harness::chain::ChainId::L2,
        other => return Err(anyhow::anyhow!("unknown chain {other:?}: expected l1 or l2").into()),
    };
    let data = harness::encode::encode(design.parse()?, chain, signature, args)?;
    println!("{data}");
    Ok(())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // clap spreads some errors over lines ("required arguments were not
            // provided:" then the arguments); keep everything before the usage text.
            let text = e.to_string();
            let cause: Vec<&str> = text
                .lines()
                .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more"))
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let cause = cause.join(" ");
            eprintln!(
                "crosscheck: {}",
                match cause.trim_start_matches("error: ") {
                    "" => "bad arguments",
                    c => c,
                }
            );
            return ExitCode::from(2);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    let result = match cli.command {
        Command::Demo { design } => demo(&design),
        Command::List { design } => list(design),
        Command::Check {
            design,
            script,
            mutant,
            ledger,
        } => check(design, script, mutant, ledger),
        Command::Mutants {
            design,
            fuzz,
            corpus,
            only,
            markdown,
        } => {
            if fuzz {
                mutants_fuzz(&design, corpus, only)
            } else {
                mutants(&design, markdown)
            }
        }
        Command::Generate {
            design,
            seed,
            steps,
        } => generate(&design, seed, steps),
        Command::Fuzz {
            design,
            mutant,
            time,
            runs,
            jobs,
            seed,
            corpus,
            keep_going,
            json,
        } => fuzz(
            &design, mutant, time, runs, jobs, seed, corpus, keep_going, json,
        ),
        Command::Replay { design, files } => replay(design, files),
        Command::Encode {
            design,
            chain,
            signature,
            args,
        } => encode(&design, &chain, &signature, &args),
        Command::Bench {
            design,
            time,
            seeds,
            mutant_budget,
            json,
        } => bench(&design, time, seeds, mutant_budget, json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Violation) => ExitCode::from(1),
        Err(Failure::Error(e)) => {
            let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
            eprintln!("crosscheck: {}", chain.join(": ").replace('\n', " "));
            ExitCode::from(2)
        }
    }
}
