//! The `crosscheck` command line.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    /// Measure compile, snapshot and step costs.
    Bench {
        /// Print a JSON object as the last line.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Demo => harness::demo::run(),
        Command::Bench { json } => harness::bench::run(json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crosscheck: {e:#}");
            ExitCode::from(2)
        }
    }
}
