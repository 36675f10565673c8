//! The native campaign: deterministic for a seed, and it finds a seeded bug.

use harness::campaign::{run, Config, Summary};
use harness::designs::DesignId;

fn config(seed: u64, runs: u64, mutant: Option<&str>) -> Config {
    Config {
        design: DesignId::A,
        mutant: mutant.map(str::to_string),
        time: None,
        runs: Some(runs),
        jobs: 1,
        seed,
        corpus: std::env::temp_dir().join(format!(
            "crosscheck-test-corpus-{}-{seed}",
            std::process::id()
        )),
        seed_corpora: Vec::new(),
        keep_going: false,
        max_len: 16,
        write_failures: false,
        record: false,
    }
}

fn fingerprint(s: &Summary) -> (u64, u64, usize, usize, Vec<String>) {
    let failures = s
        .failures
        .iter()
        .map(|f| serde_json::to_string(&f.script.steps).unwrap())
        .collect();
    (s.sequences, s.steps, s.edges, s.corpus, failures)
}

#[test]
fn same_seed_same_campaign() {
    let a = run(config(42, 60, None), &|_| {}).unwrap();
    let b = run(config(42, 60, None), &|_| {}).unwrap();
    assert_eq!(fingerprint(&a), fingerprint(&b));
    let c = run(config(43, 60, None), &|_| {}).unwrap();
    assert_ne!(
        fingerprint(&a),
        fingerprint(&c),
        "a different seed explores differently"
    );
}

#[test]
fn the_correct_design_holds_under_a_short_campaign() {
    let s = run(config(7, 150, None), &|_| {}).unwrap();
    assert!(
        s.failures.is_empty(),
        "{:#?}",
        s.failures.iter().map(|f| &f.script).collect::<Vec<_>>()
    );
    assert!(s.edges > 500, "coverage should grow: {} edges", s.edges);
}

#[test]
fn a_campaign_finds_and_shrinks_a_seeded_bug() {
    let s = run(config(1, 2_000, Some("inflation-wrong-precision")), &|_| {}).unwrap();
    let f = s
        .failures
        .iter()
        .find(|f| f.invariant == "inflation-bounded")
        .expect("found");
    assert!(
        f.steps.1 <= f.steps.0 && f.steps.1 <= 4,
        "shrunk to {} steps",
        f.steps.1
    );
    let replay = harness::campaign::replay::replay(&f.script, false).unwrap();
    assert!(
        replay.matches(),
        "the shrunk failure replays: {:?}",
        replay.fired
    );
}
