//! `corpus/design_a/` is the regression corpus: every file replays to its expected outcome
//! (holds, or breaks the named invariant under the named mutant).

use std::path::PathBuf;

fn corpus_files() -> Vec<PathBuf> {
    let dir = harness::compile::contracts_dir().join("../corpus/design_a");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/design_a")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_file_replays_to_its_expected_outcome() {
    let files = corpus_files();
    assert!(files.len() >= 20, "only {} corpus files", files.len());
    let mut wrong = Vec::new();
    for path in &files {
        let replay = harness::campaign::replay::replay_file(path, false).expect("replayable");
        if !replay.matches() {
            wrong.push(format!(
                "{}: expected {:?}, fired {:?}",
                path.display(),
                replay.expected,
                replay.fired
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_corpus_has_every_mutant_and_sequences_that_hold() {
    let names: Vec<String> = corpus_files()
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    for m in harness::mutants::load_all(harness::designs::DesignId::A).unwrap() {
        assert!(
            names.contains(&format!("mutant-{}", m.name)),
            "no counterexample for {}",
            m.name
        );
    }
    assert!(names.iter().filter(|n| n.starts_with("random-")).count() >= 5);
}

#[test]
fn a_malformed_corpus_file_is_an_error_naming_it() {
    let path =
        std::env::temp_dir().join(format!("crosscheck-bad-corpus-{}.json", std::process::id()));
    std::fs::write(&path, r#"{"design":"a","steps":[{"action":"migrate"}]}"#).unwrap();
    let err = harness::campaign::replay::replay_file(&path, false).unwrap_err();
    let text = format!("{err:#}");
    assert!(
        text.contains(path.to_str().unwrap()) && text.contains("missing field"),
        "{text}"
    );
}
