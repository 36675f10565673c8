//! Every design A mutant is caught by its named invariant, the same scripts break nothing on
//! the correct design, and every invariant of the catalogue fires on at least one mutant.

use std::sync::OnceLock;

use harness::designs::DesignId;
use harness::mutants::{run_all, MutantResult};

fn results() -> &'static [MutantResult] {
    static RESULTS: OnceLock<Vec<MutantResult>> = OnceLock::new();
    RESULTS.get_or_init(|| run_all(DesignId::A).expect("mutants run"))
}

#[test]
fn there_are_at_least_twelve_mutants() {
    assert!(results().len() >= 12, "only {} mutants", results().len());
}

#[test]
fn every_mutant_is_caught_by_its_invariant() {
    let missed: Vec<String> = results()
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
    for r in results() {
        assert!(
            r.on_correct.violations.is_empty(),
            "{}: {:#?}",
            r.mutant.name,
            r.on_correct.violations
        );
    }
}

#[test]
fn every_invariant_fires_on_some_mutant() {
    for inv in invariants::for_design("a") {
        let by = results()
            .iter()
            .find(|r| r.fired().iter().any(|f| f == inv.name()));
        assert!(by.is_some(), "no mutant makes {} fire", inv.name());
    }
}

#[test]
fn every_mutant_names_a_real_invariant() {
    let names: Vec<&str> = invariants::for_design("a")
        .iter()
        .map(|i| i.name())
        .collect();
    for r in results() {
        assert!(
            names.contains(&r.mutant.invariant.as_str()),
            "{}: unknown invariant {}",
            r.mutant.name,
            r.mutant.invariant
        );
    }
}

#[test]
fn the_invariants_page_names_every_invariant_and_mutant() {
    let page =
        std::fs::read_to_string(harness::compile::contracts_dir().join("../docs/invariants.md"))
            .expect("docs/invariants.md");
    for inv in invariants::for_design("a") {
        assert!(
            page.contains(&format!("`{}`", inv.name())),
            "docs/invariants.md lacks {}",
            inv.name()
        );
    }
    for m in harness::mutants::load_all(DesignId::A).unwrap() {
        assert!(
            page.contains(&format!("`{}`", m.name)),
            "docs/invariants.md lacks mutant {}",
            m.name
        );
    }
}
