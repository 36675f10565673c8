//! `crosscheck import`: libFuzzer inputs (a corpus, or the crashes a cluster found) turned
//! into readable scripts, so that what ran elsewhere comes back as files `replay` and
//! `check` take.

use std::path::PathBuf;

use harness::designs::DesignId;
use harness::script::{Expected, Script};

use super::Outcome;

/// Arguments of `import`.
#[derive(clap::Args)]
pub struct Args {
    /// The design whose libFuzzer target produced the inputs (`fuzz/` target `design_<d>`).
    #[arg(long, default_value = "a")]
    design: String,
    /// The mutant the target fuzzed (`CROSSCHECK_MUTANT`), if any.
    #[arg(long)]
    mutant: Option<String>,
    /// Where to write the scripts (one `<input>.json` each).
    #[arg(long, short)]
    out: PathBuf,
    /// libFuzzer input files, or folders of them (a corpus, an artifact folder).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
}

/// Runs `import`: decodes each input as the target does, runs it with every invariant
/// checked, and writes it with the outcome it had as its expectation.
pub fn run(args: Args) -> Outcome {
    let design: DesignId = args.design.parse()?;
    if let Some(m) = &args.mutant {
        harness::mutants::find(design, m)?;
    }
    let mut files = Vec::new();
    for input in &args.inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", input.display()))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .filter(|p| {
                    !p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    let (mut holds, mut breaks) = (0, 0);
    for file in &files {
        let bytes = std::fs::read(file)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut script = Script {
            design,
            mutant: args.mutant.clone(),
            genesis: None,
            description: format!("imported from libFuzzer input {}", file.display()),
            steps: harness::campaign::libfuzzer::Target::actions(&bytes),
            expect: None,
            origin: None,
        };
        let replay = harness::campaign::replay::replay(&script, false)
            .map_err(|e| e.context(file.display().to_string()))?;
        script.expect = Some(match replay.fired.first() {
            Some(invariant) => {
                breaks += 1;
                Expected::Violates {
                    invariant: invariant.clone(),
                }
            }
            None => {
                holds += 1;
                Expected::Holds
            }
        });
        let path = args.out.join(format!("{name}.json"));
        script.save(&path)?;
        println!(
            "{}: {} steps, {}",
            path.display(),
            script.steps.len(),
            match &script.expect {
                Some(Expected::Violates { invariant }) => format!("breaks {invariant}"),
                _ => "holds".into(),
            }
        );
    }
    println!(
        "imported {} inputs into {}: {holds} hold, {breaks} break an invariant",
        files.len(),
        args.out.display()
    );
    Ok(())
}
