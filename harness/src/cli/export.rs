//! `crosscheck export --foundry FAILURE.json`: a failure as a Foundry test.

use std::path::{Path, PathBuf};

use anyhow::Context;

use super::Outcome;

/// Arguments of `export`.
#[derive(clap::Args)]
pub struct Args {
    /// The failure (or any script that expects a violation) to write as a Foundry test.
    #[arg(long, value_name = "FAILURE.json")]
    foundry: PathBuf,
    /// Where to write it: a `.sol` file, or a folder made into a Foundry project (with
    /// `foundry.toml` and `test/`). Default: target/crosscheck/foundry/.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Run `forge test` on it once written (forge is installed from npm if needed).
    #[arg(long)]
    run: bool,
}

/// Runs `export`.
pub fn run(args: Args) -> Outcome {
    let out = args
        .output
        .unwrap_or_else(|| harness::files::default_output_dir("foundry"));
    let (project, path) = write(&args.foundry, &out)?;
    println!("wrote {}", path.display());
    match project {
        Some(dir) if args.run => {
            let run = harness::foundry::project::forge_test(&dir, Some(&path))?;
            print!("{}", run.output);
            if !run.passed {
                return Err(anyhow::anyhow!(
                    "forge test failed on {}: the reproducer does not reproduce",
                    path.display()
                )
                .into());
            }
        }
        Some(dir) => println!("run it: cd {} && forge test", dir.display()),
        None if args.run => {
            return Err(anyhow::anyhow!(
                "--run needs a project folder for -o, not a single .sol file"
            )
            .into())
        }
        None => {}
    }
    Ok(())
}

/// Writes the reproducer of `failure` to `out` (a `.sol` file or a project folder);
/// returns the project folder, if one, and the test's path.
pub fn write(failure: &Path, out: &Path) -> anyhow::Result<(Option<PathBuf>, PathBuf)> {
    let script = harness::script::Script::load(failure)?;
    let stem = failure
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "failure".into());
    write_script(&script, &stem, &failure.display().to_string(), out)
        .with_context(|| format!("cannot export {}", failure.display()))
}

/// Writes the reproducer of `script` (from the file `source`, named after `stem`) to
/// `out`, a `.sol` file or a project folder; returns the project folder, if one, and the
/// test's path.
pub fn write_script(
    script: &harness::script::Script,
    stem: &str,
    source: &str,
    out: &Path,
) -> anyhow::Result<(Option<PathBuf>, PathBuf)> {
    let reproduction = harness::foundry::reproduce(script)?;
    let name = harness::foundry::contract_name(stem);
    let text = harness::foundry::render(&reproduction, &name, source);
    if out.extension().is_some_and(|e| e == "sol") {
        std::fs::write(out, text).with_context(|| format!("cannot write {}", out.display()))?;
        return Ok((None, out.to_path_buf()));
    }
    let path = harness::foundry::project::write_test(out, &name, &text)?;
    Ok((Some(out.to_path_buf()), path))
}

/// Writes a reproducer of a campaign's failure into the project `dir`; returns a line that
/// says where, or why it could not (a failure at genesis has no sequence to replay). A
/// campaign's result does not depend on it.
pub fn beside_failure(script: &harness::script::Script, file: Option<&Path>, dir: &Path) -> String {
    let stem = file
        .and_then(|f| f.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "failure".into());
    let source = file
        .map(|f| f.display().to_string())
        .unwrap_or_else(|| "a campaign".into());
    match write_script(script, &stem, &source, dir) {
        Ok((_, path)) => format!(
            "Foundry reproducer: {} (cd {} && forge test)",
            path.display(),
            dir.display()
        ),
        Err(e) => format!("no Foundry reproducer: {e:#}"),
    }
}
