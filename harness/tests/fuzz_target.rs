//! CI builds the libFuzzer targets (`fuzz/`, one per design) and runs each: without
//! cargo-fuzz's instrumentation the only coverage libFuzzer sees is the EVM edges the
//! target feeds it as extra counters, so inputs it keeps as new prove that Solidity
//! coverage guides it. On a seeded bug it must crash with the invariant's name and leave a
//! failure file that `crosscheck replay` accepts.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fuzz_dir() -> PathBuf {
    harness::compile::contracts_dir().join("../fuzz")
}

/// Builds every target once; returns each binary by target name. Cargo says where it put
/// them, which is not `fuzz/target` when `CARGO_TARGET_DIR` is set.
fn build_targets() -> std::collections::HashMap<String, PathBuf> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = fuzz_dir().join("Cargo.toml");
    let out = Command::new(cargo)
        .args([
            "build",
            "--quiet",
            "--bins",
            "--message-format=json-render-diagnostics",
            "--manifest-path",
        ])
        .arg(&manifest)
        .stderr(std::process::Stdio::inherit())
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "building {} failed",
        manifest.display()
    );
    let mut bins = std::collections::HashMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if let (Some(name), Some(exe)) =
            (msg["target"]["name"].as_str(), msg["executable"].as_str())
        {
            bins.insert(name.to_string(), PathBuf::from(exe));
        }
    }
    bins
}

fn run(bin: &Path, work: &Path, mutant: Option<&str>, runs: u32) -> Output {
    let corpus = work.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let mut cmd = Command::new(bin);
    cmd.arg("-seed=1")
        .arg(format!("-runs={runs}"))
        .arg(format!("-artifact_prefix={}/", work.display()))
        .arg(&corpus)
        .env("CROSSCHECK_FAILURES_DIR", work);
    match mutant {
        Some(m) => cmd.env("CROSSCHECK_MUTANT", m),
        None => cmd.env_remove("CROSSCHECK_MUTANT"),
    };
    cmd.output().expect("the fuzz target runs")
}

/// Runs `design`'s target clean for `runs` inputs (it must not crash, must register the
/// EVM counters and keep inputs for new EVM coverage), then on `mutant` until it crashes
/// on `invariant` with a failure file that replays.
fn exercise(bin: &Path, work: &Path, runs: u32, (mutant, invariant): (&str, &str)) {
    let clean = run(bin, &work.join("clean"), None, runs);
    let log = String::from_utf8_lossy(&clean.stderr);
    assert!(clean.status.success(), "the correct design crashed:\n{log}");
    assert!(
        log.contains("65536 Extra Counters"),
        "no EVM counters registered:\n{log}"
    );
    let new_inputs = log
        .lines()
        .filter(|l| l.split_whitespace().nth(1) == Some("NEW"))
        .count();
    assert!(
        new_inputs >= 3,
        "libFuzzer kept {new_inputs} inputs for new EVM coverage:\n{log}"
    );

    let bug = work.join("bug");
    let crashed = run(bin, &bug, Some(mutant), 50_000);
    let log = String::from_utf8_lossy(&crashed.stderr);
    assert!(
        !crashed.status.success(),
        "the seeded bug {mutant} was not found:\n{log}"
    );
    assert!(
        log.contains(invariant),
        "crashed, but not on {invariant}:\n{log}"
    );
    let failures: Vec<PathBuf> = std::fs::read_dir(bug.join("failures"))
        .expect("a failures folder")
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(failures.len(), 1, "{failures:?}");
    let replay = harness::campaign::replay::replay_file(&failures[0], false).expect("replayable");
    assert!(replay.matches(), "{replay:?}");
}

#[test]
fn the_libfuzzer_targets_are_guided_by_evm_coverage_and_find_seeded_bugs() {
    let bins = build_targets();
    // Design D's target is built with the others; it is not exercised here, because on
    // Livepeer's 0.8.9 bytecode its correct design has a known finding (see
    // `corpus/design_d/`), which a clean run may reach.
    assert!(
        bins.contains_key("design_d"),
        "cargo built no design_d target: {bins:?}"
    );
    let work = std::env::temp_dir().join(format!("crosscheck-libfuzzer-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    for (design, runs, bug) in [
        ("a", 300, ("migrate-stake-clears-fees", "fees-untouched")),
        (
            "b",
            200,
            ("oracle-no-reporter-check", "oracle-reports-authorised"),
        ),
        ("c", 200, ("l1-bridge-skips-burn", "conservation")),
    ] {
        let bin = bins
            .get(&format!("design_{design}"))
            .unwrap_or_else(|| panic!("cargo built no design_{design} target: {bins:?}"));
        exercise(bin, &work.join(design), runs, bug);
    }
    let _ = std::fs::remove_dir_all(&work);
}

/// Scaling out is libFuzzer's: in fork mode (`-fork=N`) it runs the target in N child
/// processes and merges what each kept into the one corpus folder. That folder then comes
/// back as readable scripts through `crosscheck import`, each expecting the outcome it has.
#[test]
fn fork_mode_merges_one_corpus_that_imports_as_scripts() {
    let bins = build_targets();
    let bin = &bins["design_a"];
    let work = std::env::temp_dir().join(format!("crosscheck-fork-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let corpus = work.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let out = Command::new(bin)
        .args(["-fork=2", "-max_total_time=20", "-seed=1"])
        .arg(format!("-artifact_prefix={}/", work.display()))
        .arg(&corpus)
        .env("CROSSCHECK_FAILURES_DIR", &work)
        .env_remove("CROSSCHECK_MUTANT")
        .output()
        .expect("the fuzz target runs");
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert!(log.contains("-fork=2"), "{log}");
    let kept = std::fs::read_dir(&corpus).unwrap().count();
    assert!(kept >= 2, "the merged corpus holds {kept} inputs:\n{log}");

    let scripts = work.join("scripts");
    let imported = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(["import", "--design", "a", "-o"])
        .arg(&scripts)
        .arg(&corpus)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&imported.stdout);
    assert!(imported.status.success(), "{text}");
    assert!(text.contains(&format!("imported {kept} inputs")), "{text}");
    let files: Vec<PathBuf> = std::fs::read_dir(&scripts)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), kept);
    for f in &files {
        let replay = harness::campaign::replay::replay_file(f, false).unwrap();
        assert!(replay.matches(), "{f:?}: {replay:?}");
    }
    let _ = std::fs::remove_dir_all(&work);
}

/// ClusterFuzzLite calls `.clusterfuzzlite/build.sh` with `$SRC` (holding the checkout as
/// `crosscheck/`), `$OUT` and `$WORK`. Docker is not here, so the script is run as the
/// image would run it, and must leave every design's target in `$OUT`.
#[test]
fn the_clusterfuzzlite_build_script_puts_every_design_s_target_in_out() {
    let root = fuzz_dir().join("..").canonicalize().unwrap();
    for file in ["project.yaml", "Dockerfile", "build.sh"] {
        assert!(root.join(".clusterfuzzlite").join(file).is_file(), "{file}");
    }
    let tmp = std::env::temp_dir().join(format!("crosscheck-cflite-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let (src, out, work) = (tmp.join("src"), tmp.join("out"), tmp.join("work"));
    std::fs::create_dir_all(&src).unwrap();
    std::fs::create_dir_all(&work).unwrap();
    std::os::unix::fs::symlink(&root, src.join("crosscheck")).unwrap();
    // The build this test suite already made, so that nothing compiles twice.
    let target_dir = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| fuzz_dir().join("target"));
    let built = Command::new("bash")
        .arg(root.join(".clusterfuzzlite/build.sh"))
        .env("SRC", &src)
        .env("OUT", &out)
        .env("WORK", &work)
        .env("CARGO_TARGET_DIR", &target_dir)
        .env("CROSSCHECK_FUZZ_PROFILE", "dev")
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&built.stderr).into_owned()
        + &String::from_utf8_lossy(&built.stdout);
    assert!(built.status.success(), "{log}");
    for design in harness::designs::DesignId::ALL {
        let bin = out.join(format!("design_{}", design.name()));
        let mode = std::fs::metadata(&bin)
            .unwrap_or_else(|_| panic!("{} missing: {log}", bin.display()))
            .permissions();
        assert!(
            std::os::unix::fs::PermissionsExt::mode(&mode) & 0o111 != 0,
            "{}",
            bin.display()
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
