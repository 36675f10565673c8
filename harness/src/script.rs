//! Scripts: a JSON file holding a design, an optional mutant, the steps, and optionally
//! the expected outcome. The same format is the regression corpus's.

use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::action::Action;
use crate::designs::DesignId;

/// What running a script should produce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Expected {
    /// No invariant breaks.
    Holds,
    /// This invariant breaks.
    Violates {
        /// The invariant's name.
        invariant: String,
    },
}

/// A script file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// The design it runs on.
    pub design: DesignId,
    /// The mutant it runs on, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mutant: Option<String>,
    /// The design's genesis variant it starts from, if not the usual genesis (design D's
    /// `bulk-pending`: the bulk LPT and ETH tickets not yet delivered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genesis: Option<String>,
    /// What it is for.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The steps.
    pub steps: Vec<Action>,
    /// The expected outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Expected>,
    /// Where a generated sequence came from, so the run can be reproduced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// How a campaign found a sequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    /// The campaign seed.
    pub seed: u64,
    /// The worker that found it.
    pub worker: usize,
    /// The worker's run (sequence) number.
    pub run: u64,
    /// Steps before shrinking.
    pub original_steps: usize,
}

impl Script {
    /// Reads and parses `path`; errors name the file and the cause in one line.
    pub fn load(path: &Path) -> Result<Script> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        // A project named relative to the script is read from the script's folder.
        let folder = folder_of(path);
        crate::project::relative::within(&folder, || Self::parse(&text))
            .with_context(|| format!("{}", path.display()))
    }

    /// Writes the script to `path` as pretty JSON, a project's file named relative to
    /// `path`'s folder so that the script travels with the project.
    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let folder = folder_of(path);
        let text =
            crate::project::relative::within(&folder, || serde_json::to_string_pretty(self))?;
        crate::files::write_atomic(path, text + "\n")
    }

    /// Parses a script from JSON text.
    pub fn parse(text: &str) -> Result<Script> {
        let script = match serde_json::from_str::<Script>(text) {
            Ok(s) => s,
            Err(e) => bail!("malformed script: {e}"),
        };
        for (i, step) in script.steps.iter().enumerate() {
            if let crate::action::Action::Advance { seconds, .. } = step {
                if *seconds > crate::world::MAX_ADVANCE {
                    bail!(
                        "step {}: an advance of {seconds} s is more than a century",
                        i + 1
                    );
                }
            }
        }
        Ok(script)
    }
}

/// The absolute folder of the file at `path` (the working directory for a bare name).
fn folder_of(path: &Path) -> std::path::PathBuf {
    let folder = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf())
}
