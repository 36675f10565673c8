//! `crosscheck replay`: re-execute script and failure files against their expectations.

use std::path::PathBuf;

use harness::designs::DesignId;

use super::{Failure, Outcome};

/// Arguments of `replay`.
#[derive(clap::Args)]
pub struct Args {
    /// Every file must be of this design (and without files: replay its corpus).
    #[arg(long)]
    design: Option<String>,
    /// The files.
    #[arg(required_unless_present = "design")]
    files: Vec<PathBuf>,
}

/// Runs `replay`.
pub fn run(args: Args) -> Outcome {
    let design: Option<DesignId> = args.design.map(|d| d.parse()).transpose()?;
    let mut files = args.files;
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
