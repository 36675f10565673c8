//! Design A written as a project file (`examples/design-a.toml`): its steps and story give
//! the built-in design A's genesis state exactly, and design A's mutants are found through
//! the file as through the built-in design.

use harness::designs::{fresh_world, DesignId};

#[path = "fixtures/built_in_as_file.rs"]
mod built_in_as_file;
use built_in_as_file::{campaign_figures, example_file, fingerprint, mutants_match};

fn design_a_file() -> DesignId {
    example_file("design-a.toml")
}

#[test]
fn design_a_project_file_has_the_built_in_genesis() {
    let builtin = fresh_world(DesignId::A).unwrap();
    let from_file = fresh_world(design_a_file()).unwrap();
    let (a, b) = (fingerprint(&builtin), fingerprint(&from_file));
    assert_eq!(a, b);
    // Not equal by emptiness: both deployed design A and delivered its two first movers.
    assert!(a.iter().any(|l| l.starts_with("L1 L1Gateway ")), "{a:#?}");
    let delivered = a.iter().filter(|l| l.contains(" Redeemed ")).count();
    assert_eq!(delivered, 2, "{a:#?}");
}

#[test]
fn design_a_mutants_are_found_through_the_project_file_as_through_the_built_in_design() {
    // Every other mutant, in name order: 14 of 28, which spans every part of design A
    // (the issue asks for at least 10), at half the compiles; `crosscheck mutants --config
    // examples/design-a.toml` runs all of them.
    let (chosen, found) = mutants_match(design_a_file(), DesignId::A);
    assert_eq!(chosen, 14);
    assert!(found >= 10, "only {found} of design A's mutants found");
}

#[test]
fn a_campaign_through_the_project_file_is_the_built_in_design_s_campaign() {
    let (file, built_in) = (
        campaign_figures(design_a_file(), 200),
        campaign_figures(DesignId::A, 200),
    );
    // Same genesis, same catalogue, same generation: the same campaign, step for step.
    assert_eq!(file, built_in);
    assert!(built_in.0 > 1_000, "{built_in:?}");
}
