//! The native campaign: deterministic for a seed, and it finds a seeded bug.

use harness::campaign::{run, Config, Summary};
use harness::designs::DesignId;

fn config(seed: u64, runs: u64, mutant: Option<&str>) -> Config {
    config_of(DesignId::A, seed, runs, mutant)
}

fn config_of(design: DesignId, seed: u64, runs: u64, mutant: Option<&str>) -> Config {
    Config {
        design,
        mutant: mutant.map(str::to_string),
        genesis: None,
        time: None,
        runs: Some(runs),
        jobs: 1,
        seed,
        corpus: std::env::temp_dir().join(format!(
            "crosscheck-test-corpus-{}-{}-{seed}",
            design.name(),
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
    (
        s.progress.sequences,
        s.progress.steps,
        s.progress.edges,
        s.progress.corpus,
        failures,
    )
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
    assert!(
        s.progress.edges > 500,
        "coverage should grow: {} edges",
        s.progress.edges
    );
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

#[test]
fn designs_b_and_c_hold_under_a_short_campaign_and_it_reaches_their_own_actions() {
    for design in [DesignId::B, DesignId::C] {
        let mut cfg = config_of(design, 5, 150, None);
        cfg.record = true;
        let s = run(cfg, &|_| {}).unwrap();
        assert!(
            s.failures.is_empty(),
            "design {design}: {:#?}",
            s.failures.iter().map(|f| &f.script).collect::<Vec<_>>()
        );
        assert!(
            s.progress.edges > 500,
            "design {design}: {} edges",
            s.progress.edges
        );
        let own = s
            .recorded
            .iter()
            .flatten()
            .filter(|a| {
                matches!(
                    a,
                    harness::action::Action::StartRound { .. }
                        | harness::action::Action::ReportStake { .. }
                        | harness::action::Action::LockLegacy { .. }
                )
            })
            .count();
        assert!(own >= 20, "design {design}: only {own} of its own actions");
        let b = run(config_of(design, 5, 40, None), &|_| {}).unwrap();
        let c = run(config_of(design, 5, 40, None), &|_| {}).unwrap();
        assert_eq!(
            fingerprint(&b),
            fingerprint(&c),
            "design {design}: same seed, same campaign"
        );
    }
}

#[test]
fn campaigns_find_and_shrink_seeded_bugs_of_designs_b_and_c() {
    for (design, mutant, invariant) in [
        (
            DesignId::B,
            "pool-allowance-not-divided",
            "round-within-allowance",
        ),
        (
            DesignId::C,
            "l2-bridge-skips-escrow-pull",
            "escrow-accounting",
        ),
    ] {
        let mut cfg = config_of(design, 1, 3_000, Some(mutant));
        cfg.keep_going = true;
        let s = harness::campaign::run_until(cfg, invariant).unwrap();
        let f = s
            .failures
            .iter()
            .find(|f| f.invariant == invariant)
            .unwrap_or_else(|| panic!("design {design}: {mutant} not found"));
        assert!(
            f.steps.1 <= f.steps.0 && f.steps.1 <= 4,
            "shrunk to {} steps",
            f.steps.1
        );
        let replay = harness::campaign::replay::replay(&f.script, false).unwrap();
        assert!(replay.matches(), "design {design}: {:?}", replay.fired);
    }
}

#[test]
fn a_blind_hunt_loads_no_stored_sequence_yet_finds_a_deep_bug() {
    // The regression corpus holds this bug's shrunk counterexample (and scenarios that
    // reach the shortfall mint); a blind hunt must load none of it.
    let dir = harness::campaign::regression_corpus(DesignId::A);
    assert!(dir
        .join("mutant-l1-gateway-mints-full-amount.json")
        .exists());
    let m = harness::mutants::find(DesignId::A, "l1-gateway-mints-full-amount").unwrap();
    let hunt = |seed_corpora: Vec<std::path::PathBuf>| {
        harness::campaign::hunt_mutant(
            DesignId::A,
            &m,
            &harness::campaign::Hunt {
                seed: 3,
                budget: std::time::Duration::from_secs(60),
                jobs: 1,
                seed_corpora,
            },
        )
        .unwrap()
    };
    let blind = hunt(Vec::new());
    assert_eq!(
        blind.summary.seeded, 0,
        "a blind hunt loaded stored sequences"
    );
    let found = blind.found().expect("found blind");
    let replay = harness::campaign::replay::replay(&found.script, false).unwrap();
    assert!(replay.matches(), "{:?}", replay.fired);
    let seeded = hunt(vec![dir.clone()]);
    let stored = harness::campaign::corpus_files(&dir).unwrap().len();
    assert!(
        seeded.summary.seeded > 0 && seeded.summary.seeded <= stored,
        "seeded {} of {stored}",
        seeded.summary.seeded
    );
}

#[test]
fn a_hunt_runs_on_past_other_invariants() {
    // The mutant breaks conservation at the withdrawal, long before the shortfall mint it
    // is named for; a hunt for the latter must not stop at the former.
    let m = harness::mutants::find(DesignId::A, "l2-gateway-skips-burn").unwrap();
    let hunt = harness::campaign::hunt_mutant(
        DesignId::A,
        &harness::mutants::Mutant {
            invariant: "no-unbacked-l1-issuance".into(),
            ..m
        },
        &harness::campaign::Hunt {
            seed: 1,
            budget: std::time::Duration::from_secs(60),
            jobs: 1,
            seed_corpora: Vec::new(),
        },
    )
    .unwrap();
    let found = hunt.found().expect("the later invariant is reached");
    let fired: Vec<&str> = hunt
        .summary
        .failures
        .iter()
        .map(|f| f.invariant.as_str())
        .collect();
    assert!(fired.contains(&"conservation"), "{fired:?}");
    let replay = harness::campaign::replay::replay(&found.script, false).unwrap();
    assert!(replay
        .fired
        .contains(&"no-unbacked-l1-issuance".to_string()));
}

#[test]
fn calls_know_their_contracts_tokens_counterparts_and_message_entry_points() {
    // Read from bytecode and storage alone, so it must hold for our gateways (A) and for
    // D, whose L1 token is Livepeer's prebuilt LivepeerToken.
    for design in [DesignId::A, DesignId::D] {
        let root = harness::compile::contracts_dir();
        let snapshot = harness::designs::genesis_snapshot(design, &root).unwrap();
        let artifacts = harness::compile::compile(&root).unwrap();
        let world = harness::world::World::from_snapshot(&snapshot);
        let calls = harness::campaign::generate::callables(&world, &artifacts);
        let call = |contract: &str, function: &str| {
            calls
                .iter()
                .find(|c| c.contract == contract && c.function.name == function)
                .unwrap_or_else(|| panic!("design {design}: no {contract}.{function}"))
        };
        let l1_token = world.contracts.addr(harness::chain::ChainId::L1, "L1Token");
        let finalize = call("L1Gateway", "finalizeInboundTransfer");
        assert!(
            finalize.known.addresses.contains(&l1_token),
            "design {design}: the L1 gateway refers to its token"
        );
        assert!(
            finalize.known.tokens.contains(&l1_token),
            "design {design}: and knows it is a token"
        );
        assert!(
            finalize.known.crosses,
            "design {design}: the L1 gateway refers to its L2 counterpart"
        );
        assert!(
            finalize.messaged,
            "design {design}: the L2 gateway encodes finalizeInboundTransfer"
        );
        assert!(
            !call("L1Gateway", "outboundTransfer").messaged,
            "design {design}: nothing on L2 calls the L1 gateway's outboundTransfer"
        );
        assert!(
            !call("Inbox", "createRetryableTicket").known.crosses,
            "design {design}: the Inbox refers to no L2 contract"
        );
    }
}

/// A design D campaign calls Livepeer's prebuilt BondingManager itself, at its proxy and
/// with any arguments, including functions no typed action calls.
#[test]
fn a_design_d_campaign_calls_prebuilt_functions_no_typed_action_calls() {
    use alloy_json_abi::JsonAbi;
    use harness::action::Action;
    let mut cfg = config_of(DesignId::D, 11, 40, None);
    cfg.record = true;
    cfg.keep_going = true;
    let s = run(cfg, &|_| {}).unwrap();
    let artifact = harness::prebuilt::livepeer_abis_dir()
        .unwrap()
        .join("bonding/BondingManager.sol/BondingManager.json");
    let text = std::fs::read_to_string(artifact).unwrap();
    let abi: JsonAbi = serde_json::from_value(
        serde_json::from_str::<serde_json::Value>(&text).unwrap()["abi"].clone(),
    )
    .unwrap();
    let typed = [
        "bond",
        "unbond",
        "rebond",
        "rebondFromUnbonded",
        "withdrawStake",
        "transcoder",
        "reward",
        "withdrawFees",
    ];
    let untyped: Vec<String> = s
        .recorded
        .iter()
        .flatten()
        .filter_map(|a| match a {
            Action::Call { contract, data, .. } if contract.ends_with("BondingManager") => abi
                .functions()
                .find(|f| data.len() >= 4 && f.selector().0 == data[..4])
                .map(|f| f.name.clone()),
            _ => None,
        })
        .filter(|name| !typed.contains(&name.as_str()))
        .collect();
    assert!(
        !untyped.is_empty(),
        "no generic call of the prebuilt BondingManager beyond the typed actions' functions"
    );
}
