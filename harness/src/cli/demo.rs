//! `crosscheck demo`: a design's scenario, narrated.

use super::Outcome;

/// Arguments of `demo`.
#[derive(clap::Args)]
pub struct Args {
    /// The design.
    #[arg(long, default_value = "a")]
    design: String,
}

/// Runs `demo`.
pub fn run(args: Args) -> Outcome {
    if harness::demo::run(args.design.parse()?)? {
        Ok(())
    } else {
        Err(super::Failure::Violation)
    }
}
