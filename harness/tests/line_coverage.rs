//! Solidity line coverage, end to end: one L2 `transfer` covers `transfer`'s lines and
//! not `approve`'s or `transferFrom`'s, on L2 and not on L1; and the tracefile says so in
//! LCOV; and a project's trees are each mapped as the campaign compiled them. (Its own
//! test binary, its tests one at a time: recording is switched on process-wide.)

use harness::action::Action;
use harness::actors::Actor;
use harness::amount::Amount;
use harness::chain::ChainId;
use harness::designs::DesignId;
use harness::line_coverage::{self, record};

#[path = "fixtures/two_trees.rs"]
mod two_trees;

/// Held by each test while it records.
static RECORDING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The line of the first statement of `function NAME(` in `text`.
fn first_statement(text: &str, name: &str) -> usize {
    let header = text
        .lines()
        .position(|l| l.contains(&format!("function {name}(")))
        .unwrap_or_else(|| panic!("no function {name}"));
    header + 2
}

#[test]
fn a_transfer_covers_transfer_and_not_approve() {
    let _alone = RECORDING.lock().unwrap_or_else(|e| e.into_inner());
    // Genesis first and its hits dropped: what deployment runs is not what a script reached.
    harness::designs::fresh_world(DesignId::A).unwrap();
    record::take();
    record::enable(true);
    let mut world = harness::designs::fresh_world(DesignId::A).unwrap();
    let status = world
        .apply(&Action::Transfer {
            actor: Actor::Delegator1,
            chain: ChainId::L2,
            to: "orchestrator1".into(),
            amount: Amount::Wei(alloy_primitives::U256::from(1)),
        })
        .unwrap();
    record::enable(false);
    assert!(status.is_ok(), "{status}");
    let report = line_coverage::collect(DesignId::A, None).unwrap();

    let token = |chain: ChainId| {
        report
            .files
            .iter()
            .find(|(c, _)| *c == chain)
            .unwrap()
            .1
            .iter()
            .find(|f| f.path.ends_with("common/LivepeerToken.sol"))
            .cloned()
            .expect("the token's file is instrumented")
    };
    let l2 = token(ChainId::L2);
    let text = std::fs::read_to_string(&l2.path).unwrap();
    let transfer = first_statement(&text, "transfer");
    let approve = first_statement(&text, "approve");
    let transfer_from = first_statement(&text, "transferFrom");
    assert_eq!(
        l2.lines.get(&transfer),
        Some(&1),
        "transfer's body ran once"
    );
    assert_eq!(
        l2.lines.get(&approve),
        Some(&0),
        "approve is instrumented, not run"
    );
    assert_eq!(l2.lines.get(&transfer_from), Some(&0));
    assert_eq!(
        token(ChainId::L1).lines.get(&transfer),
        Some(&0),
        "nothing ran on L1"
    );

    let l2_token = report
        .contracts
        .iter()
        .find(|c| c.chain == ChainId::L2 && c.name == "L2Token")
        .unwrap();
    assert!(l2_token.unmapped.is_none());
    assert!(0 < l2_token.lines.0 && l2_token.lines.0 < l2_token.lines.1);

    let tracefile = line_coverage::lcov::write(&report);
    let lines = line_coverage::lcov::read_lines(&tracefile).unwrap();
    let by_file = &lines[&l2.path];
    assert_eq!(by_file[&transfer], 1, "L1 and L2 records add up");
    assert_eq!(by_file[&approve], 0);
    assert!(tracefile.contains("TN:L1\n") && tracefile.contains("TN:L2\n"));
    assert!(tracefile.contains(&format!("DA:{transfer},1\n")));
}

#[test]
fn a_project_s_trees_are_mapped_each_with_its_own_compiler_and_remappings() {
    let _alone = RECORDING.lock().unwrap_or_else(|e| e.into_inner());
    let dir = two_trees::project_folder(
        "coverage-trees",
        &two_trees::TWO_TREES,
        two_trees::TWO_TREES_TOML,
    );
    let design = harness::project::design::register(&dir.join("crosscheck.toml")).unwrap();
    harness::designs::fresh_world(design).unwrap();
    record::take();
    record::enable(true);
    let mut world = harness::designs::fresh_world(design).unwrap();
    alloy_sol_types::sol! { function two() external pure returns (uint256); }
    let status = world
        .apply(&Action::Call {
            actor: Actor::Delegator1,
            chain: ChainId::L2,
            contract: "Counter".into(),
            data: alloy_sol_types::SolCall::abi_encode(&twoCall {}).into(),
            value: alloy_primitives::U256::ZERO,
        })
        .unwrap();
    record::enable(false);
    assert!(status.is_ok(), "{status}");
    let report = line_coverage::collect(design, None).unwrap();
    std::fs::remove_dir_all(&dir).ok();

    let file = |chain: ChainId, suffix: &str| {
        report
            .files
            .iter()
            .find(|(c, _)| *c == chain)
            .and_then(|(_, files)| files.iter().find(|f| f.path.ends_with(suffix)))
            .cloned()
            .unwrap_or_else(|| panic!("{suffix} is instrumented on {chain}"))
    };
    let line =
        |text: &str, needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    // The L2 package's contract, compiled with 0.8.28 through its remapping, ran.
    let counter = file(ChainId::L2, "l2/src/Counter.sol");
    let at = line(two_trees::TWO_TREES[2].1, "function two()");
    assert!(
        counter.lines.get(&at).is_some_and(|n| *n >= 1),
        "{counter:?}"
    );
    // The L1 package's, compiled with 0.8.9, is mapped and did not.
    let vault = file(ChainId::L1, "l1/contracts/Vault.sol");
    let at = line(two_trees::TWO_TREES[0].1, "function one()");
    assert_eq!(vault.lines.get(&at), Some(&0), "{vault:?}");
    for (chain, name) in [(ChainId::L1, "Vault"), (ChainId::L2, "Counter")] {
        let c = report
            .contracts
            .iter()
            .find(|c| c.chain == chain && c.name == name)
            .unwrap();
        assert!(c.unmapped.is_none(), "{c:?}");
    }
}
