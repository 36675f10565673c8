//! `corpus/design_<d>/` is each design's regression corpus: every file replays to its
//! expected outcome (holds, or breaks the named invariant under the named mutant).

use std::path::PathBuf;

use harness::designs::DesignId;

fn corpus_files(design: DesignId) -> Vec<PathBuf> {
    let dir = harness::campaign::regression_corpus(design);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

macro_rules! corpus_tests {
    ($module:ident, $design:expr, $at_least:expr) => {
        mod $module {
            use super::*;

            #[test]
            fn every_corpus_file_replays_to_its_expected_outcome() {
                let files = corpus_files($design);
                assert!(
                    files.len() >= $at_least,
                    "only {} corpus files",
                    files.len()
                );
                let mut wrong = Vec::new();
                for path in &files {
                    let replay =
                        harness::campaign::replay::replay_file(path, false).expect("replayable");
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
            fn the_corpus_has_every_mutant_scenarios_and_sequences_that_hold() {
                let files = corpus_files($design);
                let names: Vec<String> = files
                    .iter()
                    .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
                    .collect();
                for m in harness::mutants::load_all($design).unwrap() {
                    assert!(
                        names.contains(&format!("mutant-{}", m.name)),
                        "no counterexample for {}",
                        m.name
                    );
                }
                assert!(names.iter().any(|n| n.starts_with("scenario-")));
                assert!(names.iter().filter(|n| n.starts_with("random-")).count() >= 5);
                for path in &files {
                    let script = harness::script::Script::load(path).unwrap();
                    assert_eq!(
                        script.design,
                        $design,
                        "{} is in the wrong folder",
                        path.display()
                    );
                }
            }
        }
    };
}

corpus_tests!(design_a, DesignId::A, 20);
corpus_tests!(design_b, DesignId::B, 20);
corpus_tests!(design_c, DesignId::C, 20);

corpus_tests!(design_d, DesignId::D, 30);

/// Design D's corpus also keeps its findings on Livepeer's real protocol: the 0.8.9
/// BondingManager's unclaimed receiver earnings, and the bulk ticket's expiry (replayed,
/// like every file, by `every_corpus_file_replays_to_its_expected_outcome`).
#[test]
fn design_d_keeps_its_findings() {
    let names: Vec<String> = corpus_files(DesignId::D)
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    for finding in [
        "finding-bond-skips-receiver-claim",
        "finding-bulk-ticket-expires",
        "finding-locks-refused-by-l2-transcoder",
    ] {
        assert!(names.iter().any(|n| n == finding), "{finding}: {names:?}");
    }
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
