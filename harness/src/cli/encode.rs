//! `crosscheck encode`: call data for a script's `call` action.

use super::Outcome;

/// Arguments of `encode`.
#[derive(clap::Args)]
pub struct Args {
    /// The design whose contract names to resolve.
    #[arg(long, default_value = "a")]
    design: String,
    /// The chain whose contract names to resolve.
    #[arg(long, default_value = "l1")]
    chain: String,
    /// The function signature, e.g. `migrateStake(address)`.
    signature: String,
    /// The arguments.
    args: Vec<String>,
}

/// Runs `encode`.
pub fn run(args: Args) -> Outcome {
    let chain = match args.chain.as_str() {
        "l1" => harness::chain::ChainId::L1,
        "l2" => harness::chain::ChainId::L2,
        other => return Err(anyhow::anyhow!("unknown chain {other:?}: expected l1 or l2").into()),
    };
    let data = harness::encode::encode(args.design.parse()?, chain, &args.signature, &args.args)?;
    println!("{data}");
    Ok(())
}
