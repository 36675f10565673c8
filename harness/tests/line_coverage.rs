//! Solidity line coverage, end to end: one L2 `transfer` covers `transfer`'s lines and
//! not `approve`'s or `transferFrom`'s, on L2 and not on L1; and the tracefile says so in
//! LCOV. (Its own test binary: recording is switched on process-wide.)

use harness::action::Action;
use harness::actors::Actor;
use harness::amount::Amount;
use harness::chain::ChainId;
use harness::designs::DesignId;
use harness::line_coverage::{self, record};

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
