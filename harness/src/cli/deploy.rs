//! `crosscheck deploy --config FILE`: compiles a project, runs its genesis on both chains,
//! and reports what it deployed, its roles, and whether each of its own properties holds
//! at genesis (exit 1 if one does not).

use std::path::PathBuf;

use harness::chain::ChainId;
use harness::project::Project;

use super::{Failure, Outcome};

/// Arguments of `deploy`.
#[derive(clap::Args)]
pub struct Args {
    /// The project file (default: ./crosscheck.toml).
    #[arg(long, value_name = "FILE", default_value = "crosscheck.toml")]
    config: PathBuf,
}

/// Runs `deploy`.
pub fn run(args: Args) -> Outcome {
    if !args.config.exists() {
        return Err(Failure::Error(anyhow::anyhow!(
            "no project file {} (crosscheck init writes a starter)",
            args.config.display()
        )));
    }
    let mut p = Project::load(&args.config)?;
    println!("{}: deployed", args.config.display());
    for chain in [ChainId::L1, ChainId::L2] {
        for (c, name, address) in p.deployed.book.iter() {
            if c == chain {
                let kind = p.deployed.book.kind(c, name).unwrap_or(name);
                println!("  {c}  {name:<24} {address}  ({kind})");
            }
        }
    }
    // Only the actors the file binds: the others are crosscheck's, as `list` shows them.
    let cast = p.file.cast()?;
    for actor in harness::actors::Actor::ALL {
        let address = cast.address(actor);
        if address != actor.address() {
            let signs = if cast.can_sign(actor) {
                "key"
            } else {
                "no key"
            };
            println!("  actor {:<22} {address}  ({signs})", actor.name());
        }
    }
    let mut broken = 0;
    for property in p.properties.clone() {
        let chain = match property.chain {
            ChainId::L1 => &mut p.deployed.l1,
            ChainId::L2 => &mut p.deployed.l2,
        };
        match property.check(chain) {
            None => println!("  property {} holds at genesis", property.name()),
            Some(why) => {
                broken += 1;
                println!("  property {} BROKEN at genesis: {why}", property.name());
            }
        }
    }
    if p.properties.is_empty() {
        println!("  no invariant_*() or echidna_*() property functions");
    }
    if broken > 0 {
        return Err(Failure::Violation);
    }
    Ok(())
}
