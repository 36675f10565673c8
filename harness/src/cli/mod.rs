//! The `crosscheck` subcommands, one module each, each with its own arguments. `main.rs`
//! only parses the command line and turns the outcome into an exit code.

pub mod bench;
pub mod check;
pub mod coverage;
pub mod demo;
pub mod deploy;
pub mod encode;
pub mod explore;
pub mod export;
pub mod fuzz;
pub mod generate;
pub mod import;
pub mod init;
pub mod list;
pub mod mutants;
pub mod replay;
pub mod target;

use std::time::Duration;

use clap::{Subcommand, ValueEnum};

/// How a command ended, when not well.
pub enum Failure {
    /// Exit 1: an invariant broke.
    Violation,
    /// Exit 2: bad input or a fault.
    Error(anyhow::Error),
    /// Exit 130: interrupted (SIGINT or SIGTERM) with nothing broken so far.
    Interrupted,
}

/// Makes SIGINT and SIGTERM stop campaigns gracefully: the workers finish the sequence in
/// hand, and the command prints what it found and saves what it kept. A second signal
/// exits at once.
pub fn stop_campaigns_on_signal() {
    // Installing twice (a test harness, say) fails harmlessly: the first handler stands.
    let _ = ctrlc::set_handler(|| {
        if harness::campaign::interrupt() {
            eprintln!("crosscheck: interrupted again, exiting now");
            std::process::exit(130);
        }
        eprintln!("crosscheck: interrupted; finishing the sequences in hand (again to exit now)");
    });
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Error(e)
    }
}

/// What a command returns.
pub type Outcome = Result<(), Failure>;

/// What `fuzz --help` adds after the options: the designs, the exit codes, and where the
/// files go.
const FUZZ_HELP: &str = "\
Designs (--design):
  a  L2 mints inflation; the L1 gateway releases escrow or mints the shortfall
  b  L1 mints all inflation, steered by an oracle's L2 stake report; rewards go to an L2 pool
  c  L2 LPT is canonical and inflates on L2; L1 carries LPT' against L2 escrow
  d  LIP-73 Confluence as deployed, on Livepeer's own bytecode; L1 frozen
  (crosscheck list describes them; list --design X names a design's invariants)

Exit codes:
  0    the budget ran out and no invariant broke
  1    an invariant broke (each is printed with its decoded trace)
  2    bad input or a fault (one line on stderr names the cause)
  130  interrupted (Ctrl-C, SIGTERM) with nothing broken; a second signal exits at once

Files, under --corpus (default target/crosscheck/corpus/design_<d>/):
  failures/<invariant>-<hash>.json  each shrunk failure; crosscheck replay FILE re-runs it
  queue/<hash>.json                 the coverage corpus; a later run with the same
                                    folder resumes from it";

/// Every subcommand.
#[derive(Subcommand)]
pub enum Command {
    /// Run a design's scenario and print a ledger of both chains before and after.
    Demo(demo::Args),
    /// List the designs, or one design's invariants.
    List(list::Args),
    /// Run a JSON script, checking every invariant after each step (exit 1 on a violation).
    Check(check::Args),
    /// Run a coverage-guided campaign (the main job).
    #[command(after_help = FUZZ_HELP)]
    Fuzz(fuzz::Args),
    /// Re-execute script or failure files; exit 0 when every outcome matches the expected
    /// one. With --design and no files, replays that design's regression corpus.
    Replay(replay::Args),
    /// Run every mutant's script against the mutant and the correct design; exit 0 only if
    /// every mutant is caught by its expected invariant and the correct design is clean.
    Mutants(mutants::Args),
    /// Generate a sequence as a campaign would, run it with every check, and print it as a
    /// script that must hold (exit 1, with the violation, if it breaks anything).
    Generate(generate::Args),
    /// Print call data for a script's `call` action; names stand for addresses.
    Encode(encode::Args),
    /// Turn libFuzzer inputs (a corpus or crash folder) into scripts, each expecting the
    /// outcome it has.
    Import(import::Args),
    /// Explore every sequence of at most --depth steps of a finite alphabet, breadth-first
    /// over distinct states; print and write a certificate (exit 1 with the shortest
    /// counterexamples if an invariant breaks).
    Explore(explore::Args),
    /// Render the Solidity coverage `fuzz --coverage DIR` wrote as HTML (genhtml where
    /// installed, else a page of our own).
    Coverage(coverage::Args),
    /// Write a failure as a self-contained Foundry test that rebuilds both chains in one
    /// EVM and replays the sequence (`forge test` passes while the bug is there).
    Export(export::Args),
    /// Write a commented starter crosscheck.toml for a project that is not ours.
    Init(init::Args),
    /// Compile a project file's sources, run its genesis on both chains, and report what
    /// it deployed and whether its own invariant_*/echidna_* properties hold (exit 1 if not).
    Deploy(deploy::Args),
    /// Measure compile, snapshot and check costs, campaign throughput against raw replay,
    /// scaling from one job to two, and time to violation for every mutant.
    Bench(bench::Args),
}

impl Command {
    /// Runs the command.
    pub fn run(self) -> Outcome {
        match self {
            Command::Demo(a) => demo::run(a),
            Command::List(a) => list::run(a),
            Command::Check(a) => check::run(a),
            Command::Fuzz(a) => fuzz::run(a),
            Command::Replay(a) => replay::run(a),
            Command::Mutants(a) => mutants::run(a),
            Command::Generate(a) => generate::run(a),
            Command::Encode(a) => encode::run(a),
            Command::Export(a) => export::run(a),
            Command::Coverage(a) => coverage::run(a),
            Command::Import(a) => import::run(a),
            Command::Bench(a) => bench::run(a),
            Command::Init(a) => init::run(a),
            Command::Deploy(a) => deploy::run(a),
            Command::Explore(a) => explore::run(a),
        }
    }
}

/// The most workers a campaign starts; more is a typo (each is a thread with two EVMs).
pub const MAX_JOBS: u64 = 256;

/// The workers to start: `asked`, or one per core. Above the core count they only share
/// cores, which is allowed but said.
pub fn jobs(asked: Option<u64>) -> usize {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    match asked {
        Some(n) => {
            if n as usize > cores {
                eprintln!("warning: {n} jobs on {cores} cores: workers will share cores");
            }
            n as usize
        }
        None => cores,
    }
}

/// Which stored sequences a campaign starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeedCorpus {
    /// The design's regression corpus (`corpus/design_<d>/`): scenarios, generated
    /// sequences and every seeded bug's shrunk counterexample.
    Regression,
    /// Nothing: a blind campaign, which has never seen a stored counterexample.
    None,
}

impl SeedCorpus {
    /// The folders whose sequences seed a campaign of `design`: none for a project
    /// without a `corpus/` folder beside its file.
    pub fn folders(self, design: harness::designs::DesignId) -> Vec<std::path::PathBuf> {
        match self {
            SeedCorpus::Regression => vec![harness::campaign::regression_corpus(design)]
                .into_iter()
                .filter(|dir| dir.is_dir())
                .collect(),
            SeedCorpus::None => Vec::new(),
        }
    }

    /// "blind" or "seeded", for reports: blind whenever nothing seeds the campaign, even
    /// if the regression corpus was asked for.
    pub fn label(self, design: harness::designs::DesignId) -> &'static str {
        match self {
            SeedCorpus::Regression if !self.folders(design).is_empty() => {
                "seeded with the regression corpus"
            }
            SeedCorpus::Regression => "blind (the design has no regression corpus)",
            SeedCorpus::None => "blind",
        }
    }
}

/// The longest budget a command accepts: a year. Longer is a typo, and would overflow the
/// deadline it sets.
const MAX_BUDGET: u64 = 366 * 86_400;

/// Parses `60s`, `10m` or `1h`: more than nothing, at most a year.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let (number, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    );
    let n: u64 = number
        .parse()
        .map_err(|_| format!("bad duration {text:?}: expected e.g. 60s, 10m, 1h"))?;
    let secs = match unit {
        "" | "s" => Some(n),
        "m" => n.checked_mul(60),
        "h" => n.checked_mul(3600),
        _ => return Err(format!("bad duration unit in {text:?}: use s, m or h")),
    };
    match secs {
        Some(0) => Err(format!(
            "duration {text:?} is zero: nothing would be checked"
        )),
        Some(s) if s <= MAX_BUDGET => Ok(Duration::from_secs(s)),
        _ => Err(format!("duration {text:?} is longer than a year")),
    }
}
