//! Every seeded bug of every design is caught by its named invariant, the same scripts
//! break nothing on the correct design, and every invariant of each design's catalogue
//! fires on at least one of its mutants (or, where the design has no code a one-line bug
//! could turn into a violation, on a forged state: see `harness::mutants::FORGED`).

use std::sync::OnceLock;

use harness::designs::DesignId;
use harness::mutants::{run_all, MutantResult, FORGED};

fn results(design: DesignId) -> &'static [MutantResult] {
    static RESULTS: [OnceLock<Vec<MutantResult>>; 4] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let slot = DesignId::ALL
        .iter()
        .position(|d| *d == design)
        .expect("a built-in design");
    RESULTS[slot].get_or_init(|| run_all(design).expect("mutants run"))
}

macro_rules! mutant_tests {
    ($module:ident, $design:expr, $at_least:expr) => {
        mod $module {
            use super::*;

            #[test]
            fn there_are_enough_mutants() {
                let n = results($design).len();
                assert!(n >= $at_least, "only {n} mutants");
            }

            #[test]
            fn every_mutant_is_caught_by_its_invariant() {
                let missed: Vec<String> = results($design)
                    .iter()
                    .filter(|r| r.step().is_none())
                    .map(|r| {
                        format!(
                            "{} (expected {}, fired {:?})",
                            r.mutant.name,
                            r.mutant.invariant,
                            r.fired()
                        )
                    })
                    .collect();
                assert!(missed.is_empty(), "missed: {missed:#?}");
            }

            #[test]
            fn mutant_scripts_break_nothing_on_the_correct_design() {
                for r in results($design) {
                    assert!(
                        r.on_correct.violations.is_empty(),
                        "{}: {:#?}",
                        r.mutant.name,
                        r.on_correct.violations
                    );
                }
            }

            #[test]
            fn every_invariant_fires_on_some_mutant_or_a_forged_state() {
                for inv in invariants::for_design($design.name()) {
                    if FORGED
                        .iter()
                        .any(|(d, name, _)| *d == $design && *name == inv.name())
                    {
                        continue;
                    }
                    let by = results($design)
                        .iter()
                        .find(|r| r.fired().iter().any(|f| f == inv.name()));
                    assert!(by.is_some(), "no mutant makes {} fire", inv.name());
                }
            }

            #[test]
            fn every_mutant_names_a_real_invariant() {
                let names: Vec<&str> = invariants::for_design($design.name())
                    .iter()
                    .map(|i| i.name())
                    .collect();
                for r in results($design) {
                    assert!(
                        names.contains(&r.mutant.invariant.as_str()),
                        "{}: unknown invariant {}",
                        r.mutant.name,
                        r.mutant.invariant
                    );
                }
            }

            #[test]
            fn the_invariants_page_holds_the_generated_section() {
                // Regenerate with `crosscheck mutants --design <d> --markdown`.
                let page = std::fs::read_to_string(
                    harness::compile::contracts_dir().join("../docs/invariants.md"),
                )
                .expect("docs/invariants.md");
                let section = harness::mutants::markdown($design, results($design));
                assert!(
                    page.contains(&section),
                    "docs/invariants.md is out of date for design {}; it should contain:\n{section}",
                    $design
                );
            }
        }
    };
}

mutant_tests!(design_a, DesignId::A, 12);
mutant_tests!(design_b, DesignId::B, 8);
mutant_tests!(design_c, DesignId::C, 8);
mutant_tests!(design_d, DesignId::D, 20);
