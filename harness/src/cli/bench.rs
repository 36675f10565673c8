//! `crosscheck bench`: every cost and speed figure, measured in one run against baselines
//! of the same run.

use std::time::Duration;

use harness::designs::DesignId;

use super::{parse_duration, Outcome, SeedCorpus};

/// Arguments of `bench`.
#[derive(clap::Args)]
pub struct Args {
    /// The design.
    #[arg(long, default_value = "a")]
    design: String,
    /// Length of each throughput campaign.
    #[arg(long, default_value = "10s", value_parser = parse_duration)]
    time: Duration,
    /// Seeds per mutant for time to violation.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    seeds: u64,
    /// Budget for one mutant campaign.
    #[arg(long, default_value = "60s", value_parser = parse_duration)]
    mutant_budget: Duration,
    /// Time to violation with only this seeding: `none` (blind) or `regression`. By default
    /// both are measured and reported side by side; only the blind figure measures finding
    /// power.
    #[arg(long, value_enum)]
    seed_corpus: Option<SeedCorpus>,
    /// Print a JSON object as the last line.
    #[arg(long)]
    json: bool,
}

/// Runs `bench`.
pub fn run(args: Args) -> Outcome {
    let design: DesignId = args.design.parse()?;
    if !design.builtin() {
        // Its baselines (a transfer, a migration cycle) are the built-in designs' actions.
        return Err(anyhow::anyhow!(
            "bench measures the built-in designs; a project's throughput is in `fuzz --config FILE`'s summary"
        )
        .into());
    }
    let budget = harness::bench::Budget {
        throughput: args.time,
        seeds: args.seeds,
        per_mutant: args.mutant_budget,
        blind: args.seed_corpus != Some(SeedCorpus::Regression),
        seeded: args.seed_corpus != Some(SeedCorpus::None),
    };
    harness::bench::run(design, &budget, args.json)?;
    Ok(())
}
