//! `crosscheck check`: run one script with every invariant checked after every step.

use std::path::PathBuf;

use harness::designs::DesignId;

use super::{Failure, Outcome};

/// Arguments of `check`.
#[derive(clap::Args)]
pub struct Args {
    /// The design (defaults to the script's).
    #[arg(long)]
    design: Option<String>,
    /// The script file (defaults to the mutant's own script with --mutant).
    #[arg(long)]
    script: Option<PathBuf>,
    /// Run against this mutant of the design instead of the correct contracts.
    #[arg(long)]
    mutant: Option<String>,
    /// Print the ledger of both chains before the first step and after draining.
    #[arg(long)]
    ledger: bool,
}

/// Runs `check`.
pub fn run(args: Args) -> Outcome {
    let script = match &args.script {
        Some(p) => Some(harness::script::Script::load(p)?),
        None => None,
    };
    let design: DesignId = match (&args.design, &script) {
        (Some(d), _) => d.parse()?,
        (None, Some(s)) => s.design,
        (None, None) => DesignId::A,
    };
    let mutant = match args
        .mutant
        .or_else(|| script.as_ref().and_then(|s| s.mutant.clone()))
    {
        Some(name) => Some(harness::mutants::find(design, &name)?),
        None => None,
    };
    let variant = script.as_ref().and_then(|s| s.genesis.clone());
    let generated = script.as_ref().is_some_and(|s| s.origin.is_some());
    let (steps, source) = match (script, &mutant) {
        (Some(s), _) => (
            s.steps,
            args.script.expect("script given").display().to_string(),
        ),
        (None, Some(m)) => (m.steps.clone(), format!("mutant {}", m.name)),
        (None, None) => {
            return Err(anyhow::anyhow!("check needs --script FILE or --mutant NAME").into())
        }
    };
    if let Some(m) = &mutant {
        println!("design {design}, mutant {}: {}", m.name, m.description);
    }
    let world = harness::designs::script_world(
        design,
        mutant.as_ref().map(|m| m.name.as_str()),
        variant.as_deref(),
    );
    let mut world = match harness::genesis::outcome(world)? {
        Ok(world) => world,
        Err(violation) => {
            println!(
                "  VIOLATION at genesis: {}",
                harness::names::humanize(&violation.to_string())
            );
            return Err(Failure::Violation);
        }
    };
    for action in &steps {
        world
            .validate(action)
            .map_err(|e| anyhow::anyhow!("{source}: {e}"))?;
    }
    if args.ledger {
        println!("== before ==\n{}", harness::ledger::render(&mut world)?);
    }
    let report = harness::run::run_steps(&mut world, &steps, harness::report::print_step)?;
    // A generated sequence (one with an origin) may name a ticket that is not there, as
    // campaigns do; a hand-written script that does is mistaken.
    if let Some((i, what)) = report
        .statuses
        .iter()
        .enumerate()
        .find_map(|(i, s)| match s {
            harness::step::StepStatus::Unknown(what) => Some((i, what)),
            _ => None,
        })
        .filter(|_| !generated)
    {
        return Err(anyhow::anyhow!(
            "{source}: step {} names {what}, which does not exist when it runs",
            i + 1
        )
        .into());
    }
    if args.ledger {
        println!(
            "== after (queues drained) ==\n{}",
            harness::ledger::render(&mut world)?
        );
    }
    for v in harness::report::drain_findings(&report) {
        println!(
            "  VIOLATION after draining: {}",
            harness::names::humanize(&v.to_string())
        );
    }
    for v in report.violations.iter().filter(|v| v.step == 0) {
        println!(
            "  VIOLATION at genesis: {}",
            harness::names::humanize(&v.to_string())
        );
    }
    if report.violations.is_empty() {
        println!("no invariant broken ({} steps)", steps.len());
        Ok(())
    } else {
        Err(Failure::Violation)
    }
}
