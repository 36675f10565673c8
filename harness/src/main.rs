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
    /// Run design A's scenarios and print a ledger of both chains before and after.
    Demo,
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
        /// The script file.
        #[arg(long)]
        script: PathBuf,
    },
    /// Measure compile, snapshot and step costs.
    Bench {
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

fn check(design: Option<String>, path: PathBuf) -> Result<(), Failure> {
    let script = harness::script::Script::load(&path)?;
    let design = match design {
        Some(d) => d.parse()?,
        None => script.design,
    };
    let mut world = harness::designs::fresh_world(design)?;
    for action in &script.steps {
        world
            .validate(action)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    }
    let report =
        harness::run::run_steps(&mut world, &script.steps, |i, action, status, w, found| {
            let chain = action
                .chain()
                .map(|c| c.to_string())
                .unwrap_or_else(|| "--".into());
            println!(
                "step {i:<3} {chain:<3} {action}  {status}{}",
                harness::report::effects_note(w)
            );
            for v in found {
                println!("  VIOLATION {v}");
            }
        })?;
    let quiescent: Vec<_> = report
        .violations
        .iter()
        .filter(|v| v.kind == invariants::Kind::Quiescent)
        .collect();
    for v in quiescent {
        println!("  VIOLATION after draining: {v}");
    }
    if report.violations.is_empty() {
        println!("no invariant broken ({} steps)", script.steps.len());
        Ok(())
    } else {
        Err(Failure::Violation)
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            let text = e.to_string();
            eprintln!(
                "crosscheck: {}",
                text.lines()
                    .next()
                    .unwrap_or("bad arguments")
                    .trim_start_matches("error: ")
            );
            return ExitCode::from(2);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    let result = match cli.command {
        Command::Demo => harness::demo::run().map_err(Failure::from),
        Command::List { design } => list(design),
        Command::Check { design, script } => check(design, script),
        Command::Bench { json } => harness::bench::run(json).map_err(Failure::from),
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
