//! Which design a command runs: one of ours (`--design`) or a project file (`--config`).

use std::path::{Path, PathBuf};

use harness::designs::DesignId;

/// The project file a command reads when given neither `--design` nor `--config`.
const DEFAULT_CONFIG: &str = "crosscheck.toml";

/// `--design X` or `--config FILE`, shared by the commands that run a design.
#[derive(clap::Args, Debug, Clone)]
pub struct Target {
    /// A built-in design: a, b, c or d (default: a, unless ./crosscheck.toml exists).
    #[arg(long)]
    design: Option<String>,
    /// A project file describing someone else's contracts (`crosscheck init` writes a
    /// starter).
    #[arg(long, value_name = "FILE", conflicts_with = "design")]
    config: Option<PathBuf>,
}

impl Target {
    /// The design named, or `./crosscheck.toml` if it exists, or design A.
    pub fn resolve(&self) -> anyhow::Result<DesignId> {
        match (&self.design, &self.config) {
            (Some(d), _) => d.parse(),
            (None, Some(file)) => harness::project::design::register(file),
            (None, None) if Path::new(DEFAULT_CONFIG).is_file() => {
                eprintln!(
                    "crosscheck: using ./{DEFAULT_CONFIG} (--design a for the built-in design)"
                );
                harness::project::design::register(Path::new(DEFAULT_CONFIG))
            }
            (None, None) => Ok(DesignId::A),
        }
    }
}
