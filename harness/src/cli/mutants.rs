//! `crosscheck mutants`: every seeded bug, caught by its script or found by fuzzing.

use std::path::PathBuf;
use std::time::Duration;

use harness::designs::DesignId;

use super::{parse_duration, Failure, Outcome, SeedCorpus};

/// Arguments of `mutants`.
#[derive(clap::Args)]
pub struct Args {
    /// The design (`--design`) or project file (`--config`).
    #[command(flatten)]
    target: super::target::Target,
    /// Find each mutant with a campaign (2 jobs, --budget each) instead of its script.
    #[arg(long)]
    fuzz: bool,
    /// With --fuzz: write each shrunk counterexample to DIR/mutant-<name>.json (the
    /// regression corpus's form).
    #[arg(long, requires = "fuzz")]
    corpus: Option<PathBuf>,
    /// With --fuzz: fuzz this mutant only (say, one just added, for its counterexample).
    #[arg(long, requires = "fuzz")]
    only: Option<String>,
    /// With --fuzz: the campaigns' seed.
    #[arg(long, requires = "fuzz", default_value_t = 1)]
    seed: u64,
    /// With --fuzz: the budget of each mutant's campaign.
    #[arg(long, requires = "fuzz", default_value = "60s", value_parser = parse_duration)]
    budget: Duration,
    /// With --fuzz: which stored sequences each campaign starts from. Blind (`none`) by
    /// default, so that a find measures the fuzzer, not a replay of a stored answer.
    #[arg(long, requires = "fuzz", value_enum, default_value = "none")]
    seed_corpus: SeedCorpus,
    /// With --fuzz: write a Foundry reproducer of each mutant's counterexample into DIR
    /// (a Foundry project: run `forge test` there).
    #[arg(long, requires = "fuzz", value_name = "DIR")]
    foundry: Option<PathBuf>,
    /// Print the design's section of docs/invariants.md instead of the table.
    #[arg(long, conflicts_with = "fuzz")]
    markdown: bool,
}

/// Runs `mutants`.
pub fn run(args: Args) -> Outcome {
    if args.fuzz {
        fuzz(args)
    } else {
        scripts(args.target.resolve()?, args.markdown)
    }
}

fn scripts(design: DesignId, markdown: bool) -> Outcome {
    let results = harness::mutants::run_all(design)?;
    if markdown {
        print!("{}", harness::mutants::markdown(design, &results));
        return if results.iter().all(|r| r.passed()) {
            Ok(())
        } else {
            Err(Failure::Violation)
        };
    }
    print!("{}", harness::mutants::table(&results));
    let passed = results.iter().filter(|r| r.passed()).count();
    println!(
        "{passed}/{} mutants caught by their invariant, with the correct design clean",
        results.len()
    );
    for r in results
        .iter()
        .filter(|r| !r.on_correct.violations.is_empty())
    {
        for v in &r.on_correct.violations {
            println!("  correct design under {}'s script: {v}", r.mutant.name);
        }
    }
    if passed == results.len() {
        Ok(())
    } else {
        Err(Failure::Violation)
    }
}

fn fuzz(args: Args) -> Outcome {
    let design: DesignId = args.target.resolve()?;
    let all = match &args.only {
        Some(name) => vec![harness::mutants::find(design, name)?],
        None => harness::mutants::load_all(design)?,
    };
    // Made (or refused) before the first hunt, not after a counterexample is in hand.
    if let Some(dir) = &args.corpus {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create --corpus {}: {e}", dir.display()))?;
    }
    println!(
        "fuzzing {} mutant(s) of design {design}: 2 jobs, seed {}, {} s each, {}",
        all.len(),
        args.seed,
        args.budget.as_secs(),
        args.seed_corpus.label(design)
    );
    println!(
        "{:<40} {:<30} {:>8}  fired first",
        "mutant", "expected invariant", "seconds"
    );
    let mut caught = 0;
    for m in &all {
        let hunt = harness::campaign::hunt_mutant(
            design,
            m,
            &harness::campaign::Hunt {
                seed: args.seed,
                budget: args.budget,
                jobs: 2,
                seed_corpora: args.seed_corpus.folders(design),
            },
        )?;
        let first = hunt
            .summary
            .failures
            .first()
            .map(|f| f.invariant.clone())
            .unwrap_or_else(|| "nothing".into());
        match hunt.found() {
            Some(f) => {
                caught += 1;
                println!(
                    "{:<40} {:<30} {:>8.1}  {first}",
                    m.name, m.invariant, f.after_s
                );
                let mut script = f.script.clone();
                script.description = format!(
                    "shrunk counterexample for mutant {}: {}",
                    m.name,
                    m.description.trim_end_matches('.').to_owned() + "."
                );
                let mut file = f.file.clone();
                if let Some(dir) = &args.corpus {
                    let path = dir.join(format!("mutant-{}.json", m.name));
                    script.save(&path)?;
                    file = Some(path);
                }
                if let Some(dir) = &args.foundry {
                    let stem = format!("mutant-{}", m.name);
                    let source = file
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| format!("mutant {}'s campaign", m.name));
                    match super::export::write_script(&script, &stem, &source, dir) {
                        Ok((_, path)) => println!("  Foundry reproducer: {}", path.display()),
                        Err(e) => println!("  no Foundry reproducer: {e:#}"),
                    }
                }
            }
            None => println!(
                "{:<40} {:<30} {:>8}  {first}  MISSED",
                m.name, m.invariant, "-"
            ),
        }
    }
    println!(
        "{caught}/{} mutants found by fuzzing ({})",
        all.len(),
        args.seed_corpus.label(design)
    );
    if caught == all.len() {
        Ok(())
    } else {
        Err(Failure::Violation)
    }
}
