//! The `crosscheck` command line: parsing and exit codes. Each subcommand lives in its own
//! module under `cli/`.

mod cli;

use std::process::ExitCode;

use clap::Parser;
use cli::{Command, Failure};

/// crosscheck: an invariant checker and fuzz harness for the Livepeer L1 ↔ L2 migration
/// designs, on two revm chains joined by a simulated Arbitrum bridge.
#[derive(Parser)]
#[command(name = "crosscheck", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
    match cli.command.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Violation) => ExitCode::from(1),
        Err(Failure::Interrupted) => ExitCode::from(130),
        Err(Failure::Error(e)) => {
            let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
            eprintln!("crosscheck: {}", chain.join(": ").replace('\n', " "));
            ExitCode::from(2)
        }
    }
}
