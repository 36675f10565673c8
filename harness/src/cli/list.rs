//! `crosscheck list`: the designs, or one design's invariants.

use harness::designs::DesignId;

use super::Outcome;

/// Arguments of `list`.
#[derive(clap::Args)]
pub struct Args {
    /// The design whose invariants to list.
    #[arg(long)]
    design: Option<String>,
    /// A project file whose invariants to list: those its roles imply, the bridge's, and
    /// its contracts' own property functions (it is compiled and deployed to find them).
    #[arg(long, value_name = "FILE", conflicts_with = "design")]
    config: Option<std::path::PathBuf>,
}

/// Runs `list`.
pub fn run(args: Args) -> Outcome {
    if let Some(file) = &args.config {
        let design = harness::project::design::register(file)?;
        // The invariants a project gets depend on what its genesis deployed.
        harness::designs::fresh_world(design)?;
        print_invariants(design);
        if let DesignId::Project(key) = design {
            for name in key.design().property_names() {
                println!("   {name:<28} always    the project's own property returns true");
            }
        }
        return Ok(());
    }
    match args.design {
        None => {
            for d in DesignId::ALL {
                println!("{}  {}", d.name(), d.summary());
            }
        }
        Some(d) => print_invariants(d.parse()?),
    }
    Ok(())
}

fn print_invariants(design: DesignId) {
    for inv in design.spec().invariants() {
        println!(
            "{:<2} {:<28} {:<9} {}",
            inv.number(),
            inv.name(),
            inv.kind().to_string(),
            inv.statement()
        );
    }
}
