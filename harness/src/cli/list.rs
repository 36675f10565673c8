//! `crosscheck list`: the designs, or one design's invariants.

use harness::designs::DesignId;

use super::Outcome;

/// Arguments of `list`.
#[derive(clap::Args)]
pub struct Args {
    /// The design whose invariants to list.
    #[arg(long)]
    design: Option<String>,
}

/// Runs `list`.
pub fn run(args: Args) -> Outcome {
    match args.design {
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
