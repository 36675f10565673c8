//! `crosscheck coverage --html DIR`: renders the coverage `fuzz --coverage DIR` wrote.

use std::path::PathBuf;

use harness::line_coverage::html::{render, Renderer};

use super::Outcome;

/// Arguments of `coverage`.
#[derive(clap::Args)]
pub struct Args {
    /// The folder `fuzz --coverage` wrote (with lcov.info); the pages go to DIR/html.
    #[arg(long, value_name = "DIR")]
    html: PathBuf,
    /// Write crosscheck's own page even where genhtml is installed.
    #[arg(long)]
    own: bool,
}

/// Runs `coverage`.
pub fn run(args: Args) -> Outcome {
    let (index, renderer) = render(&args.html, args.own)?;
    let by = match renderer {
        Renderer::Genhtml => "genhtml",
        Renderer::Own if args.own => "crosscheck's own page (--own)",
        Renderer::Own => {
            "crosscheck's own page (genhtml is not installed; Debian's lcov package has it)"
        }
    };
    println!("wrote {} with {by}", index.display());
    Ok(())
}
