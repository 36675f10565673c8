//! `crosscheck init`: writes a commented starter `crosscheck.toml`.

use std::path::PathBuf;

use super::{Failure, Outcome};

/// Arguments of `init`.
#[derive(clap::Args)]
pub struct Args {
    /// Where to write it.
    #[arg(default_value = "crosscheck.toml")]
    file: PathBuf,
    /// Overwrite a file that is already there.
    #[arg(long)]
    force: bool,
}

/// Runs `init`.
pub fn run(args: Args) -> Outcome {
    if args.file.exists() && !args.force {
        return Err(Failure::Error(anyhow::anyhow!(
            "{} exists; pass --force to overwrite it",
            args.file.display()
        )));
    }
    harness::files::write_atomic(&args.file, harness::project::STARTER)?;
    println!(
        "wrote {}; fill in its steps and roles, then run `crosscheck deploy --config {}`",
        args.file.display(),
        args.file.display()
    );
    Ok(())
}
