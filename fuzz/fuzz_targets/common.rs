//! What every crosscheck libFuzzer target shares (each target includes this file and names
//! its design): `cargo fuzz run design_<d> -s none` on stable Rust.
//!
//! Each input is decoded into a sequence of actions, run on both chains from the deployed
//! genesis and checked after every step. Solidity coverage reaches libFuzzer through its
//! extra-counters section, so inputs that reach new EVM branches are kept even when they
//! take no new path through the Rust harness. A violation is shrunk, written as a
//! replayable failure file under `fuzz/artifacts/design_<d>/failures/` (or
//! `$CROSSCHECK_FAILURES_DIR/failures/`), and reported as a crash. Set
//! `CROSSCHECK_MUTANT=<name>` to fuzz one of the design's seeded bugs instead.

use std::sync::OnceLock;

use harness::campaign::libfuzzer::{fold_edges, Target};
use harness::designs::DesignId;

/// The EVM edge map, one 8-bit counter per slot. libFuzzer finds this section by its
/// linker-made bounds, zeroes it before every input and reads it afterwards.
#[used]
#[link_section = "__libfuzzer_extra_counters"]
static mut EVM_EDGES: [u8; harness::coverage::MAP_SIZE] = [0; harness::coverage::MAP_SIZE];

static TARGET: OnceLock<Target> = OnceLock::new();

/// The deployed design (and mutant, if `CROSSCHECK_MUTANT` names one), set up once.
pub fn target(design: DesignId) -> &'static Target {
    TARGET.get_or_init(|| match Target::from_env(design) {
        Ok(t) => t,
        Err(e) => {
            // Set-up failing (no node, a compile error, an unknown mutant) is not a
            // finding: say why in one line and stop the fuzzer.
            eprintln!("crosscheck fuzz target: {e:#}");
            std::process::exit(2);
        }
    })
}

/// Runs one input on `design`; a violation is shrunk, written, and reported as a crash.
pub fn run(design: DesignId, data: &[u8]) {
    let target = target(design);
    let run = match target.run(data) {
        Ok(run) => run,
        Err(e) => panic!("the harness failed on this input: {e:#}"),
    };
    // SAFETY: libFuzzer runs inputs one at a time on this thread and reads the counters
    // only between inputs.
    let counters = unsafe { &mut *std::ptr::addr_of_mut!(EVM_EDGES) };
    fold_edges(&run.execution.edges, counters);
    if let Some(v) = run.first_violation(target) {
        let dir = std::env::var_os("CROSSCHECK_FAILURES_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| {
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(format!("artifacts/design_{}", design.name()))
            });
        match target.write_failure(&run, v, &dir) {
            Ok(file) => panic!(
                "{v}\nshrunk and written to {}; replay with `crosscheck replay {}`",
                file.display(),
                file.display()
            ),
            Err(e) => panic!("{v}\n(could not write the failure file: {e:#})"),
        }
    }
}
