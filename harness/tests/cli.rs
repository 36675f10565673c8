//! The command line's exit codes and one-line errors.

use std::process::Command;

fn crosscheck(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .output()
        .expect("run crosscheck");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn script(name: &str, text: &str) -> std::path::PathBuf {
    let path =
        std::env::temp_dir().join(format!("crosscheck-cli-{}-{name}.json", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn list_prints_the_designs_and_each_design_s_invariants() {
    let (code, out, _) = crosscheck(&["list"]);
    assert_eq!(code, 0);
    for d in ["a  ", "b  ", "c  "] {
        assert!(out.lines().any(|l| l.starts_with(d)), "{out}");
    }
    for (design, own) in [
        ("a", "mint-only-shortfall"),
        ("b", "round-mint-follows-policy"),
        ("c", "legacy-lock-accounting"),
    ] {
        let (code, out, _) = crosscheck(&["list", "--design", design]);
        assert_eq!(code, 0);
        assert_eq!(out.lines().count(), invariants::for_design(design).len());
        assert!(out.contains("conservation") && out.contains("quiescent"));
        assert!(out.contains(own), "design {design} lists {own}: {out}");
    }
}

#[test]
fn check_replay_fuzz_and_mutants_take_designs_b_and_c() {
    let corpus = |d: &str, f: &str| {
        harness::compile::contracts_dir()
            .join(format!("../corpus/design_{d}/{f}"))
            .display()
            .to_string()
    };
    let b_scenario = corpus("b", "scenario-oracle-round.json");
    let (code, out, err) = crosscheck(&["check", "--script", &b_scenario]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("L1Minter.startRound()") && out.contains("no invariant broken"));

    let (code, out, _) = crosscheck(&[
        "check",
        "--design",
        "c",
        "--mutant",
        "legacy-stake-not-locked",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("VIOLATION legacy-lock-accounting"), "{out}");

    let (code, out, err) = crosscheck(&["replay", "--design", "c"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("scenario-legacy-and-bridge.json") && !out.contains("UNEXPECTED"));

    // A file of another design is refused by name.
    let (code, _, err) = crosscheck(&["replay", "--design", "a", &b_scenario]);
    assert_eq!(code, 2);
    assert!(err.contains("a design b script"), "{err}");

    let dir = std::env::temp_dir().join(format!("crosscheck-cli-fuzz-b-{}", std::process::id()));
    let (code, out, err) = crosscheck(&[
        "fuzz",
        "--design",
        "b",
        "--runs",
        "40",
        "--jobs",
        "1",
        "--seed",
        "3",
        "--corpus",
        dir.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let summary: serde_json::Value =
        serde_json::from_str(out.lines().last().unwrap()).expect("JSON summary");
    assert_eq!(summary["design"], "b");
    assert_eq!(summary["sequences"], 40);

    let (code, out, err) = crosscheck(&["mutants", "--design", "b"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("pool-drops-unclaimed") && out.contains("mutants caught by their invariant")
    );
}

#[test]
fn generate_prints_a_sequence_that_holds() {
    let (code, out, err) =
        crosscheck(&["generate", "--design", "c", "--seed", "9", "--steps", "12"]);
    assert_eq!(code, 0, "{err}");
    let script = harness::script::Script::parse(&out).expect("a script");
    assert_eq!(script.design, harness::designs::DesignId::C);
    assert_eq!(script.steps.len(), 12);
    assert_eq!(script.expect, Some(harness::script::Expected::Holds));
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    let bad_json = script("bad-json", "{ not json");
    let unknown_actor = script(
        "actor",
        r#"{"design":"a","steps":[{"action":"reward","actor":"mallory","chain":"l1"}]}"#,
    );
    let unknown_action = script("action", r#"{"design":"a","steps":[{"action":"fly"}]}"#);
    let wrong_design_action = script(
        "wrong-design-action",
        r#"{"design":"a","steps":[{"action":"start_round","actor":"attacker"}]}"#,
    );
    let century = script(
        "century",
        r#"{"design":"a","steps":[{"action":"advance","clock":"l1","seconds":18446744073709551615}]}"#,
    );
    let no_such_ticket = script(
        "ticket",
        r#"{"design":"a","steps":[{"action":"deliver_ticket","ticket":99}]}"#,
    );
    let start_round_in_a = script(
        "alphabet-a",
        r#"{"actions":[{"action":"start_round","actor":"attacker"}]}"#,
    );
    let unknown_contract = script(
        "contract",
        r#"{"design":"a","steps":[{"action":"transfer","actor":"attacker","chain":"l1","to":"Nowhere","amount":"1"}]}"#,
    );
    for (args, cause) in [
        (vec!["list", "--design", "z"], "unknown design"),
        (
            vec!["check", "--design", "d", "--mutant", "no-such-bug"],
            "design d has no mutant named",
        ),
        (vec!["replay", "--design", "q"], "unknown design"),
        (
            vec!["mutants", "--design", "b", "--markdown", "--fuzz"],
            "cannot be used with",
        ),
        (
            vec!["check", "--design", "c", "--mutant", "pool-drops-unclaimed"],
            "design c has no mutant named",
        ),
        (
            vec!["check", "--script", bad_json.to_str().unwrap()],
            "malformed script",
        ),
        (
            vec!["check", "--script", unknown_actor.to_str().unwrap()],
            "mallory",
        ),
        (
            vec!["check", "--script", unknown_action.to_str().unwrap()],
            "fly",
        ),
        (
            vec!["check", "--script", wrong_design_action.to_str().unwrap()],
            "design a has no such action",
        ),
        (
            vec!["check", "--script", unknown_contract.to_str().unwrap()],
            "Nowhere",
        ),
        (
            vec!["check", "--script", "/nonexistent/script.json"],
            "cannot read",
        ),
        (vec!["fuzz-nonsense"], "unrecognized subcommand"),
        (
            vec![
                "mutants",
                "--design",
                "b",
                "--fuzz",
                "--only",
                "no-such-bug",
            ],
            "design b has no mutant named",
        ),
        (
            vec!["mutants", "--design", "b", "--only", "pool-drops-unclaimed"],
            "--fuzz",
        ),
        (vec!["fuzz", "--time", "0s"], "is zero"),
        (
            vec!["explore", "--alphabet", "nonsense"],
            "alphabet \"nonsense\" is neither small, full nor a JSON file",
        ),
        (vec!["explore", "--depth", "13"], "13 is not in 0..=12"),
        (
            vec!["explore", "--alphabet", bad_json.to_str().unwrap()],
            "malformed alphabet",
        ),
        (
            vec!["explore", "--alphabet", start_round_in_a.to_str().unwrap()],
            "design a has no action",
        ),
        (vec!["explore", "--design", "z"], "unknown design"),
        (
            vec!["check", "--script", no_such_ticket.to_str().unwrap()],
            "step 1 names ticket #99, which does not exist when it runs",
        ),
        (
            vec!["fuzz", "--corpus", "/dev/null/corpus", "--time", "5s"],
            "corpus folder /dev/null/corpus cannot be created",
        ),
        (vec!["fuzz", "--time", "99999999999h"], "longer than a year"),
        (vec!["mutants", "--fuzz", "--budget", "0m"], "is zero"),
        (vec!["fuzz", "--runs", "0"], "0 is not in 1.."),
        (
            vec!["fuzz", "--genesis", "bulk-pending", "--runs", "1"],
            "design a has no genesis variant \"bulk-pending\"",
        ),
        (vec!["fuzz", "--jobs", "0"], "0 is not in 1..=256"),
        (vec!["fuzz", "--jobs", "1000"], "1000 is not in 1..=256"),
        (
            vec!["check", "--script", century.to_str().unwrap()],
            "step 1: an advance of 18446744073709551615 s is more than a century",
        ),
    ] {
        let (code, _, err) = crosscheck(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(cause), "{args:?}: {err}");
    }
}

#[test]
fn check_exits_0_when_clean_and_1_on_a_violation() {
    let clean = script(
        "clean",
        r#"{"design":"a","steps":[
        {"action":"migrate","actor":"delegator2","dest":"orchestrator1"},
        {"action":"deliver_ticket","ticket":2}]}"#,
    );
    let (code, out, err) = crosscheck(&["check", "--script", clean.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("no invariant broken"));

    // The governor grants itself the L2 minter role and mints: a forged state.
    let grant = harness::encode::encode(
        harness::designs::DesignId::A,
        harness::chain::ChainId::L2,
        "grantRole(bytes32,address)",
        &[
            "0x9f2df0fed2c77648de5860a4cc508cd0818c85b8b8a1ab4ceeef8d981c8956a6".into(),
            "governor".into(),
        ],
    )
    .unwrap();
    let mint = harness::encode::encode(
        harness::designs::DesignId::A,
        harness::chain::ChainId::L2,
        "mint(address,uint256)",
        &["attacker".into(), "1 LPT".into()],
    )
    .unwrap();
    let forged = script(
        "forged",
        &format!(
            r#"{{"design":"a","steps":[
            {{"action":"call","actor":"governor","chain":"l2","contract":"L2Token","data":"{grant}","value":"0x0"}},
            {{"action":"call","actor":"governor","chain":"l2","contract":"L2Token","data":"{mint}","value":"0x0"}}]}}"#
        ),
    );
    let (code, out, _) = crosscheck(&["check", "--script", forged.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("VIOLATION l2-mint-authority"), "{out}");
}

#[test]
fn bench_json_carries_every_figure_and_a_consistent_ratio() {
    let (code, out, err) = crosscheck(&[
        "bench",
        "--time",
        "1s",
        "--seeds",
        "1",
        "--mutant-budget",
        "1s",
        "--seed-corpus",
        "none",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("time to violation") && out.contains("blind"),
        "{out}"
    );
    let last = out.lines().last().expect("output");
    let v: serde_json::Value = serde_json::from_str(last).expect("the last line is JSON");
    let num = |k: &str| {
        v[k].as_f64()
            .unwrap_or_else(|| panic!("{k} missing in {last}"))
    };
    let (raw, steps) = (num("raw_steps_per_sec"), num("steps_per_sec"));
    assert!(raw > 0.0 && steps > 0.0);
    assert!((num("ratio") - steps / raw).abs() < 1e-9);
    assert_eq!(num("steps_per_sec_1_job"), steps);
    assert!(num("steps_per_sec_2_jobs") > 0.0);
    let mutants = v["mutants"].as_array().expect("mutants");
    assert_eq!(
        mutants.len(),
        harness::mutants::load_all(harness::designs::DesignId::A)
            .unwrap()
            .len()
    );
    assert_eq!(v["blind"], true, "the headline timings are blind");
    for m in mutants {
        assert!(m["name"].is_string() && m["found"].is_boolean());
        assert!(m["median_s"].as_f64().unwrap() <= m["max_s"].as_f64().unwrap());
        assert!(m["seeded"].is_null(), "only blind timings were asked for");
    }
}

#[test]
fn check_ledger_shows_both_chains_before_and_after() {
    let compare = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../corpus/compare/l2-bug-b.json"
    );
    let (code, out, err) = crosscheck(&["check", "--ledger", "--script", compare]);
    assert_eq!(code, 1, "the script runs a mutant: {out}{err}");
    let before = out.find("== before ==").expect("a ledger before");
    let after = out
        .find("== after (queues drained) ==")
        .expect("a ledger after");
    let first_step = out.find("step 1 ").expect("a trace");
    assert!(before < first_step && first_step < after, "{out}");
    // Design B's escrow is drained and L1 supply is the same on both sides.
    let l1_lines: Vec<&str> = out.lines().filter(|l| l.starts_with("L1  ")).collect();
    assert_eq!(l1_lines.len(), 2, "{out}");
    assert!(l1_lines[1].contains("L1Gateway 0 (escrow)"), "{out}");
    let supply = |l: &str| {
        l.split("supply ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(supply(l1_lines[0]), supply(l1_lines[1]));
}

#[test]
fn a_genesis_the_contracts_refuse_is_a_finding_at_step_0() {
    let (code, out, err) =
        crosscheck(&["check", "--design", "b", "--mutant", "governance-inverted"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("VIOLATION at genesis: genesis-completes")
            && out.contains("reverted: NotGovernor(governor)"),
        "{out}"
    );
    let (code, out, _) = crosscheck(&[
        "fuzz",
        "--design",
        "b",
        "--mutant",
        "governance-inverted",
        "--runs",
        "5",
        "--jobs",
        "1",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FAILURE genesis-completes"), "{out}");
}

#[test]
fn explore_writes_a_certificate_and_reports_a_refused_genesis_as_a_finding() {
    let out_dir =
        std::env::temp_dir().join(format!("crosscheck-cli-explore-{}", std::process::id()));
    let out_arg = out_dir.to_str().unwrap();
    let (code, out, err) = crosscheck(&[
        "explore",
        "--design",
        "a",
        "--depth",
        "1",
        "--no-exit",
        "--out",
        out_arg,
        "--json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("verdict: no violation"), "{out}");
    let cert: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("certificate.json")).unwrap())
            .unwrap();
    assert_eq!(cert["depth_completed"], 1);
    assert_eq!(cert["alphabet"], "small");
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(
        last["certificate"], cert,
        "the printed certificate is the written one"
    );
    assert!(last["timing"]["seconds"].as_f64().unwrap() > 0.0);

    let (code, out, _) = crosscheck(&[
        "explore",
        "--design",
        "b",
        "--mutant",
        "governance-inverted",
        "--out",
        out_arg,
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("VIOLATION genesis-completes") && out.contains("in 0 steps"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(out_dir);
}

#[test]
fn fuzz_can_start_blind_and_says_so() {
    let dir = std::env::temp_dir().join(format!("crosscheck-cli-blind-{}", std::process::id()));
    let run = |seeding: &str| {
        let (code, out, err) = crosscheck(&[
            "fuzz",
            "--runs",
            "20",
            "--jobs",
            "1",
            "--seed-corpus",
            seeding,
            "--corpus",
            dir.to_str().unwrap(),
            "--json",
        ]);
        assert_eq!(code, 0, "{out}{err}");
        let summary: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
        // With --json the text is on stderr.
        (err, summary["seeded"].as_u64().unwrap())
    };
    let (out, seeded) = run("none");
    assert!(out.contains("blind"), "{out}");
    assert_eq!(seeded, 0);
    let (_, seeded) = run("regression");
    assert!(
        seeded >= 5,
        "the regression corpus seeds {seeded} sequences"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_l2_advance_past_its_lead_is_traced_as_capped() {
    let capped = script(
        "capped",
        r#"{"design":"a","steps":[{"action":"advance","clock":"l2","seconds":7200}]}"#,
    );
    let (code, out, err) = crosscheck(&["check", "--script", capped.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("ok, capped: L2 moved 3600 s of 7200: it may lead L1 by 3600 s at most"),
        "{out}"
    );
}

fn summary_of(out: &str) -> serde_json::Value {
    serde_json::from_str(out.lines().last().expect("a JSON summary line")).expect("JSON summary")
}

/// A campaign saves its coverage corpus under `--corpus`, and a second one with the same
/// folder starts from it: it reports how many sequences it resumed, and once it has run
/// just those (fewer than the first run's sequences) it covers all that the first covered.
#[test]
fn a_campaign_resumes_from_the_corpus_it_saved() {
    let dir = std::env::temp_dir().join(format!("crosscheck-resume-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let run = |seed: &str, runs: u64| {
        let (runs, corpus) = (runs.to_string(), dir.display().to_string());
        let (code, out, err) = crosscheck(&[
            "fuzz",
            "--runs",
            &runs,
            "--jobs",
            "1",
            "--seed",
            seed,
            "--seed-corpus",
            "none",
            "--corpus",
            &corpus,
            "--json",
        ]);
        assert_eq!(code, 0, "{out}{err}");
        // With --json the text is on stderr.
        (summary_of(&out), err)
    };
    let (first, out) = run("1", 150);
    assert_eq!(first["resumed"], 0);
    let saved = first["saved"].as_u64().unwrap();
    assert!(saved > 0 && saved < 150, "{out}");
    assert!(out.contains("coverage corpus in"), "{out}");
    let queue = std::fs::read_dir(dir.join("queue")).unwrap().count() as u64;
    assert_eq!(queue, saved);

    let (second, out) = run("2", saved);
    assert_eq!(second["resumed"].as_u64(), Some(saved), "{out}");
    assert!(out.contains(&format!("{saved} resumed")), "{out}");
    assert!(
        second["edges"].as_u64() >= first["edges"].as_u64(),
        "{first} then {second}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Runs `fuzz` with `args` until `ready` holds of its stderr so far, sends SIGINT, and
/// returns the exit code, stdout and stderr.
fn interrupted(args: &[&str], ready: impl Fn(&str) -> bool) -> (i32, String, String) {
    let dir = std::env::temp_dir().join(format!("crosscheck-sigint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (out_path, err_path) = (dir.join("out"), dir.join("err"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("start crosscheck");
    let began = std::time::Instant::now();
    while !ready(&std::fs::read_to_string(&err_path).unwrap_or_default()) {
        assert!(
            began.elapsed() < std::time::Duration::from_secs(300),
            "never ready"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let code = child.wait().unwrap().code().unwrap_or(-1);
    let read = |p: &std::path::Path| std::fs::read_to_string(p).unwrap();
    let (out, err) = (read(&out_path), read(&err_path));
    std::fs::remove_dir_all(&dir).unwrap();
    (code, out, err)
}

/// Ctrl-C ends a campaign with its summary: 130 when nothing broke, and 1 with every
/// finding printed and its file complete when something did.
#[test]
fn sigint_stops_a_campaign_with_its_summary_and_its_findings() {
    let corpus = std::env::temp_dir().join(format!("crosscheck-sigint-c-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&corpus);
    let (code, out, err) = interrupted(
        &[
            "fuzz",
            "--design",
            "a",
            "--time",
            "600s",
            "--jobs",
            "2",
            "--corpus",
            corpus.to_str().unwrap(),
        ],
        |err| err.lines().any(|l| l.starts_with('[')),
    );
    assert_eq!(code, 130, "{out}{err}");
    assert!(
        out.contains("interrupted: ") && out.contains("0 failure(s)"),
        "{out}"
    );
    assert!(std::fs::read_dir(corpus.join("queue")).unwrap().count() > 0);
    std::fs::remove_dir_all(&corpus).unwrap();

    let failures = corpus.join("failures");
    let (code, out, err) = interrupted(
        &[
            "fuzz",
            "--design",
            "a",
            "--mutant",
            "unbond-keeps-bond",
            "--keep-going",
            "--seed-corpus",
            "none",
            "--time",
            "600s",
            "--jobs",
            "2",
            "--corpus",
            corpus.to_str().unwrap(),
        ],
        |_| std::fs::read_dir(&failures).is_ok_and(|d| d.count() > 0),
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("interrupted: "), "{out}");
    let files: Vec<_> = std::fs::read_dir(&failures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let reported = out.lines().filter(|l| l.starts_with("FAILURE ")).count();
    assert!(reported >= 1, "{out}");
    assert_eq!(files.len(), reported, "{files:?}\n{out}");
    for f in &files {
        assert!(f.extension().is_some_and(|x| x == "json"), "{f:?}");
        let script = harness::script::Script::load(f).unwrap();
        // Complete: it parses and says what it breaks (an empty sequence can: the
        // mutant's bond outlives the exit every actor takes at the end).
        assert!(
            matches!(
                script.expect,
                Some(harness::script::Expected::Violates { .. })
            ),
            "{f:?}"
        );
    }
    std::fs::remove_dir_all(&corpus).unwrap();
}

#[test]
fn fuzz_help_names_the_designs_the_exit_codes_and_the_files() {
    let (code, out, _) = crosscheck(&["fuzz", "--help"]);
    assert_eq!(code, 0);
    for d in harness::designs::DesignId::ALL {
        assert!(out.contains(&format!("\n  {}  ", d.name())), "{d}: {out}");
    }
    for needle in ["130", "  2 ", "  1 ", "failures/", "queue/", "resumes"] {
        assert!(out.contains(needle), "{needle}: {out}");
    }
}

#[test]
fn demo_ends_with_the_verdict_and_decodes_amounts_as_lpt() {
    let (code, out, err) = crosscheck(&["demo", "--design", "a"]);
    assert_eq!(code, 0, "{out}{err}");
    let last = out.trim_end().lines().last().unwrap();
    let n = invariants::for_design("a").len();
    assert!(
        last.starts_with(&format!("verdict: none of {n} invariants broken")),
        "{last}"
    );
    // Genesis moved delegator1's 500 LPT through the gateway; its call reads in LPT.
    assert!(
        out.contains("finalizeInboundTransfer(delegator1, delegator1, 500 LPT, 0x)"),
        "{out}"
    );
}

#[test]
fn more_jobs_than_cores_run_with_a_warning() {
    let cores = std::thread::available_parallelism().unwrap().get();
    let jobs = (cores + 1).to_string();
    let corpus = std::env::temp_dir().join(format!("crosscheck-jobs-{}", std::process::id()));
    let (code, out, err) = crosscheck(&[
        "fuzz",
        "--jobs",
        &jobs,
        "--runs",
        "2",
        "--seed-corpus",
        "none",
        "--corpus",
        corpus.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains(&format!("warning: {jobs} jobs on {cores} cores")),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&corpus);
}

#[test]
fn export_refuses_what_it_cannot_reproduce_in_one_line() {
    let holds = script(
        "export-holds",
        r#"{"design":"a","steps":[{"action":"reward","actor":"orchestrator1","chain":"l2"}]}"#,
    );
    let genesis = script(
        "export-genesis",
        r#"{"design":"b","mutant":"governance-inverted","steps":[],"expect":{"outcome":"violates","invariant":"genesis-completes"}}"#,
    );
    let bad_json = script("export-bad", "{ not json");
    let out_dir =
        std::env::temp_dir().join(format!("crosscheck-cli-export-{}", std::process::id()));
    let out = out_dir.display().to_string();
    for (file, says) in [
        (holds.display().to_string(), "nothing to reproduce"),
        (genesis.display().to_string(), "breaks at genesis"),
        (bad_json.display().to_string(), "export-bad"),
        ("/nonexistent/failure.json".to_string(), "failure.json"),
    ] {
        let (code, stdout, err) = crosscheck(&["export", "--foundry", &file, "-o", &out]);
        assert_eq!(code, 2, "{file}: {stdout}{err}");
        assert_eq!(err.lines().count(), 1, "{file}: {err}");
        assert!(err.contains(says), "{file}: {err}");
    }
}

#[test]
fn fuzz_writes_a_foundry_reproducer_beside_each_failure() {
    let dir = std::env::temp_dir().join(format!(
        "crosscheck-cli-fuzz-foundry-{}",
        std::process::id()
    ));
    let corpus = dir.join("corpus").display().to_string();
    let foundry = dir.join("repro");
    let (code, out, err) = crosscheck(&[
        "fuzz",
        "--design",
        "a",
        "--mutant",
        "l2-gateway-skips-burn",
        "--runs",
        "20",
        "--jobs",
        "1",
        "--corpus",
        &corpus,
        "--foundry",
        &foundry.display().to_string(),
    ]);
    assert_eq!(code, 1, "{out}{err}");
    let written: Vec<_> = std::fs::read_dir(foundry.join("test"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let failures = out.lines().filter(|l| l.starts_with("FAILURE ")).count();
    assert!(failures > 0, "{out}");
    assert_eq!(written.len(), failures, "one reproducer per failure: {out}");
    assert!(foundry.join("foundry.toml").exists());
    let text = std::fs::read_to_string(&written[0]).unwrap();
    assert!(
        text.contains("function test_") && text.contains("_expect("),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fuzz_json_is_one_object_per_line_and_sarif_has_the_required_fields() {
    let dir = std::env::temp_dir().join(format!("crosscheck-cli-sarif-{}", std::process::id()));
    let corpus = dir.join("corpus").display().to_string();
    // A clean run long enough for progress objects.
    let (code, out, err) = crosscheck(&[
        "fuzz", "--design", "a", "--time", "3s", "--jobs", "1", "--corpus", &corpus, "--json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let objects: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?}: {e}")))
        .collect();
    let progress = objects.iter().filter(|o| o["event"] == "progress").count();
    assert!(progress >= 2, "{out}");
    assert!(objects[..objects.len() - 1]
        .iter()
        .all(|o| o["event"] == "progress" && o["steps"].is_u64()));
    let summary = objects.last().unwrap();
    assert_eq!(summary["event"], "summary");
    assert_eq!(summary["failure_files"], serde_json::json!([]));
    assert!(
        err.contains("crosscheck fuzz: design a"),
        "the text goes to stderr: {err}"
    );

    let sarif = dir.join("findings.sarif");
    let (code, out, err) = crosscheck(&[
        "fuzz",
        "--design",
        "a",
        "--mutant",
        "l2-gateway-skips-burn",
        "--runs",
        "20",
        "--jobs",
        "1",
        "--corpus",
        &corpus,
        "--json",
        "--sarif",
        &sarif.display().to_string(),
    ]);
    assert_eq!(code, 1, "{out}{err}");
    let summary: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    let files = summary["failure_files"].as_array().unwrap();
    assert!(!files.is_empty(), "{summary}");
    for f in files {
        assert!(std::path::Path::new(f.as_str().unwrap()).exists(), "{f}");
    }

    // SARIF 2.1.0's required fields: version and runs; each run's tool.driver.name; each
    // result's message (text) and, for code scanning, a physical location with a line.
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"].as_array().expect("runs")[0];
    assert_eq!(run["tool"]["driver"]["name"], "crosscheck");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), files.len(), "one result per finding");
    let root = harness::sarif::repository_root();
    for r in results {
        let rule = r["ruleId"].as_str().unwrap();
        assert!(rules.contains(&rule), "{rule} is a declared rule");
        let text = r["message"]["text"].as_str().unwrap();
        assert!(
            text.contains(rule) && text.contains("Reproduce: crosscheck replay"),
            "{text}"
        );
        let location = &r["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        let line = location["region"]["startLine"].as_u64().unwrap() as usize;
        let source = std::fs::read_to_string(root.join(uri)).unwrap();
        let at = source.lines().nth(line - 1).unwrap();
        // The finding's last call is a withdrawal through the L2 gateway (the exit probe's,
        // when the shrunk sequence is empty), not the relayer's posting of its message.
        assert!(
            uri.ends_with(".sol") && at.contains("function outboundTransfer("),
            "{uri}:{line}: {at}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn init_writes_a_starter_that_deploy_reads_and_deploy_reports_the_example() {
    let dir = std::env::temp_dir().join(format!("crosscheck-cli-{}-init", std::process::id()));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("src/Nothing.sol"),
        "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n\n/// @notice Empty.\ncontract Nothing {}\n",
    )
    .unwrap();
    let file = dir.join("crosscheck.toml");
    let file_s = file.display().to_string();
    let (code, out, err) = crosscheck(&["init", &file_s]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("crosscheck deploy --config"), "{out}");
    // A second init does not overwrite the user's edits.
    let (code, _, err) = crosscheck(&["init", &file_s]);
    assert_eq!(code, 2);
    assert!(err.contains("exists; pass --force"), "{err}");
    // The starter, untouched, deploys: the stand-ins and nothing else.
    let (code, out, err) = crosscheck(&["deploy", "--config", &file_s]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("L1  Inbox") && out.contains("L2  ArbSys"),
        "{out}"
    );
    assert!(
        out.contains("no invariant_*() or echidna_*() property functions"),
        "{out}"
    );

    let example =
        harness::compile::contracts_dir().join("../examples/lock-and-mint/crosscheck.toml");
    let (code, out, err) = crosscheck(&["deploy", "--config", &example.display().to_string()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("L1  L1LockGateway") && out.contains("(Token)"),
        "{out}"
    );
    assert!(
        out.contains("property L1Properties.invariant_l1SupplyIsFixed holds at genesis"),
        "{out}"
    );

    let (code, out, err) = crosscheck(&["deploy", "--config", "/nonexistent/crosscheck.toml"]);
    assert_eq!(code, 2, "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no project file"), "{err}");
}

#[test]
fn fuzz_and_mutants_take_a_project_file_and_a_bad_one_is_one_line() {
    let example =
        harness::compile::contracts_dir().join("../examples/lock-and-mint/crosscheck.toml");
    let example = example.display().to_string();
    let corpus =
        std::env::temp_dir().join(format!("crosscheck-cli-{}-project", std::process::id()));
    let corpus_s = corpus.display().to_string();
    let coverage = corpus.join("coverage");
    let coverage_s = coverage.display().to_string();
    let (code, out, err) = crosscheck(&[
        "fuzz",
        "--config",
        &example,
        "--runs",
        "60",
        "--jobs",
        "1",
        "--corpus",
        &corpus_s,
        "--coverage",
        &coverage_s,
    ]);
    let summary = std::fs::read_to_string(coverage.join("summary.txt")).unwrap_or_default();
    std::fs::remove_dir_all(&corpus).ok();
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        // The example has no `corpus/` folder: nothing seeds it, whatever was asked.
        out.contains("design project:")
            && out.contains("blind (the design has no regression corpus)"),
        "{out}"
    );
    assert!(out.contains("0 failure(s)"), "{out}");
    // Line coverage maps onto the project's own sources, not ours.
    let gateway = summary
        .lines()
        .find(|l| l.contains("L1LockGateway"))
        .unwrap_or_else(|| panic!("no L1LockGateway row in {summary}"));
    assert!(
        gateway.contains('%') && !gateway.contains(" 0/"),
        "no lines of the gateway's own source reached: {gateway}"
    );

    // A generated script names its project, and the ledger reads the project's roles.
    let (code, script, err) = crosscheck(&["generate", "--config", &example, "--steps", "4"]);
    assert_eq!(code, 0, "{script}{err}");
    let path = self::script("project-generated", &script);
    let (code, out, err) =
        crosscheck(&["check", "--script", &path.display().to_string(), "--ledger"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("L1Token supply 1000000  escrow") && out.contains("L2Token supply"),
        "{out}"
    );

    let (code, out, err) = crosscheck(&["mutants", "--config", &example]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("3/3 mutants caught by their invariant, with the correct design clean"),
        "{out}"
    );

    let (code, _, err) = crosscheck(&["fuzz", "--config", "/nonexistent/crosscheck.toml"]);
    assert_eq!(code, 2);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("no project file /nonexistent/crosscheck.toml"),
        "{err}"
    );

    for command in ["bench", "demo"] {
        let (code, _, err) = crosscheck(&[command, "--design", &format!("project:{example}")]);
        assert_eq!(code, 2, "{command}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{command}: {err}");
        assert!(err.contains("built-in designs"), "{command}: {err}");
    }

    let (code, _, err) = crosscheck(&["fuzz", "--design", "a", "--config", &example]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn deploy_shows_the_actors_a_project_binds_and_a_bad_binding_is_one_line() {
    let example = harness::compile::contracts_dir().join("../examples/lock-and-mint");
    let text = std::fs::read_to_string(example.join("crosscheck.toml")).unwrap();
    let root = example.canonicalize().unwrap().display().to_string();
    let text = text.replace("src = \"src\"", &format!("root = {root:?}\nsrc = \"src\""));
    let dir = std::env::temp_dir().join(format!("crosscheck-cli-actors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("crosscheck.toml");
    let bound =
        "[actors]\nattacker = { address = \"0x00000000000000000000000000000000000000aa\" }\n";
    std::fs::write(&file, format!("{text}\n{bound}")).unwrap();
    let (code, out, err) = crosscheck(&["deploy", "--config", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("actor attacker")
            && out
                .to_lowercase()
                .contains("0x00000000000000000000000000000000000000aa  (no key)"),
        "{out}"
    );
    assert!(!out.contains("actor delegator1"), "{out}");
    std::fs::write(
        &file,
        format!("{text}\n[actors]\nattacker = {{ key = \"0x12\" }}\n"),
    )
    .unwrap();
    let (code, out, err) = crosscheck(&["deploy", "--config", file.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("actors.attacker.key: \"0x12\" is not 0x and 64 hex digits"),
        "{err}"
    );
}

/// A fresh clone has no `contracts/node_modules`. A design D campaign reads Livepeer's
/// artifacts from there, so it must install them before reading them, by itself and saying
/// so, with no other command run first. The copy of `contracts/` holds what git tracks.
#[test]
fn a_design_d_campaign_installs_the_npm_packages_on_a_fresh_checkout() {
    let checkout =
        std::env::temp_dir().join(format!("crosscheck-fresh-checkout-{}", std::process::id()));
    let contracts = checkout.join("contracts");
    let _ = std::fs::remove_dir_all(&checkout);
    let tracked = Command::new("git")
        .args(["ls-files", "-z", "."])
        .current_dir(harness::compile::contracts_dir())
        .output()
        .expect("git ls-files");
    assert!(tracked.status.success());
    for file in tracked.stdout.split(|b| *b == 0).filter(|f| !f.is_empty()) {
        let file = std::str::from_utf8(file).unwrap();
        let to = contracts.join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(harness::compile::contracts_dir().join(file), &to).unwrap();
    }
    assert!(!contracts.join("node_modules").exists());
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args([
            "fuzz",
            "--design",
            "d",
            "--runs",
            "2",
            "--jobs",
            "1",
            "--seed-corpus",
            "none",
        ])
        .env("CROSSCHECK_CONTRACTS_DIR", &contracts)
        .output()
        .expect("run crosscheck");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("running `npm ci` in"), "{err}");
    assert!(contracts
        .join("node_modules/@livepeer/sdk/abis/Controller.sol/Controller.json")
        .exists());
    std::fs::remove_dir_all(&checkout).unwrap();
}
