//! A project file runs on the machine the built-in designs run on: the lock-and-mint
//! example's seeded bugs are each caught by the invariant its roles imply, a blind campaign
//! finds one and writes a failure that replays from its file alone, and a campaign on the
//! correct example is clean and the same for the same seed.

use std::path::{Path, PathBuf};

use harness::campaign::{self, Config};
use harness::designs::DesignId;

fn lock_and_mint() -> DesignId {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/lock-and-mint/crosscheck.toml");
    harness::project::design::register(&file).expect("the example registers")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "crosscheck-project-campaign-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn config(design: DesignId, mutant: Option<&str>, runs: u64, corpus: PathBuf) -> Config {
    Config {
        design,
        mutant: mutant.map(str::to_string),
        genesis: None,
        time: None,
        runs: Some(runs),
        jobs: 1,
        seed: 7,
        corpus,
        // Blind: nothing stored seeds these campaigns.
        seed_corpora: Vec::new(),
        keep_going: false,
        max_len: campaign::MAX_LEN,
        write_failures: true,
        record: false,
    }
}

#[test]
fn every_seeded_bug_of_the_example_is_caught_by_its_script_and_the_example_stays_clean() {
    let design = lock_and_mint();
    let results = harness::mutants::run_all(design).expect("the example's mutants run");
    assert!(results.len() >= 3, "only {} mutants", results.len());
    for r in &results {
        assert!(
            r.passed(),
            "{}: expected {}, fired {:?}; on the correct example: {:?}",
            r.mutant.name,
            r.mutant.invariant,
            r.fired(),
            r.on_correct.violations
        );
    }
    // Each invariant the roles imply is proved by a bug of its own.
    for invariant in [
        "bridged-supply-backed",
        "valid-tickets-complete",
        "mints-take-declared-paths",
    ] {
        assert!(
            results.iter().any(|r| r.mutant.invariant == invariant),
            "no mutant of the example proves {invariant}"
        );
    }
}

#[test]
fn a_blind_campaign_finds_the_unguarded_mint_and_its_failure_replays_from_the_file() {
    let design = lock_and_mint();
    let corpus = scratch("unguarded");
    let summary = campaign::run(
        config(design, Some("token-mint-unguarded"), 400, corpus.clone()),
        &|_| {},
    )
    .expect("the campaign runs");
    assert_eq!(
        summary.seeded, 0,
        "a blind campaign starts from nothing stored"
    );
    let found = summary
        .failures
        .iter()
        .find(|f| f.invariant == "mints-take-declared-paths")
        .unwrap_or_else(|| panic!("not found in 400 sequences: {:?}", summary.failures));
    let file = found.file.as_ref().expect("the failure is written");
    let text = std::fs::read_to_string(file).unwrap();
    assert!(
        text.contains("\"design\": \"project:"),
        "the failure names its project file: {text}"
    );
    let replay = harness::campaign::replay::replay_file(file, false).expect("it replays");
    assert!(replay.matches(), "fired on replay: {:?}", replay.fired);
    let _ = std::fs::remove_dir_all(&corpus);
}

#[test]
fn a_campaign_on_the_correct_example_is_clean_and_the_same_seed_gives_the_same_run() {
    let design = lock_and_mint();
    let run = |name: &str| {
        let corpus = scratch(name);
        let summary = campaign::run(config(design, None, 150, corpus.clone()), &|_| {})
            .expect("the campaign runs");
        let _ = std::fs::remove_dir_all(&corpus);
        summary
    };
    let (first, second) = (run("clean-1"), run("clean-2"));
    assert!(
        first.failures.is_empty(),
        "the correct example broke: {:?}",
        first
            .failures
            .iter()
            .map(|f| &f.invariant)
            .collect::<Vec<_>>()
    );
    assert!(
        first.progress.steps > 1_000,
        "{} steps",
        first.progress.steps
    );
    assert_eq!(
        (
            first.progress.steps,
            first.progress.edges,
            first.progress.corpus
        ),
        (
            second.progress.steps,
            second.progress.edges,
            second.progress.corpus
        )
    );
}
