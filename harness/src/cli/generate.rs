//! `crosscheck generate`: a generated sequence, printed as a script that must hold.

use harness::designs::DesignId;

use super::{Failure, Outcome};

/// Arguments of `generate`.
#[derive(clap::Args)]
pub struct Args {
    /// The design (`--design`) or project file (`--config`).
    #[command(flatten)]
    target: super::target::Target,
    /// Generator seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Steps to generate.
    #[arg(long, default_value_t = 40)]
    steps: usize,
}

/// Runs `generate`.
pub fn run(args: Args) -> Outcome {
    let design: DesignId = args.target.resolve()?;
    let (sequence, violations) = harness::campaign::sample(design, args.seed, args.steps)?;
    if let Some(v) = violations.first() {
        eprintln!(
            "generated sequence breaks an invariant (replay it to see how): {}",
            harness::names::humanize(&v.to_string())
        );
    }
    let script = harness::script::Script {
        genesis: None,
        design,
        mutant: None,
        description: format!(
            "a long generated sequence that must hold (generator seed {})",
            args.seed
        ),
        origin: Some(harness::script::Origin {
            seed: args.seed,
            worker: 0,
            run: 0,
            original_steps: sequence.len(),
        }),
        steps: sequence,
        expect: Some(harness::script::Expected::Holds),
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
