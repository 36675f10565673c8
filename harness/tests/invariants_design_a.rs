//! Invariant checking on design A: the correct design runs clean, and forged states make
//! the named invariants fire.

use alloy_primitives::{keccak256, U256};
use alloy_sol_types::SolCall;
use harness::action::Action;
use harness::actors::Actor;
use harness::bindings::ILivepeerToken;
use harness::chain::ChainId;
use harness::designs::DesignId;
use harness::run::run_design;
use harness::script::Script;

const CLEAN: &str = r#"{"design":"a","steps":[
 {"action":"migrate","actor":"delegator2","dest":"orchestrator1"},
 {"action":"deliver_ticket","ticket":2},
 {"action":"advance","clock":"both","seconds":120},
 {"action":"reward","actor":"orchestrator1","chain":"l2"},
 {"action":"deposit","actor":"delegator4","to":"delegator4","amount":"100 LPT"},
 {"action":"withdraw","actor":"delegator1","to":"delegator1","amount":"balance"},
 {"action":"migrate","actor":"delegator3","dest":"orchestrator3"},
 {"action":"fail_auto_redeem","ticket":4},
 {"action":"transfer","actor":"attacker","chain":"l1","to":"L1Gateway","amount":"5 LPT"},
 {"action":"migrate","actor":"orchestrator2","dest":"orchestrator2"},
 {"action":"execute_outbox","actor":"attacker","message":0},
 {"action":"withdraw_fees","actor":"delegator2","chain":"l1"}
]}"#;

#[test]
fn correct_design_breaks_nothing_including_after_draining() {
    let script = Script::parse(CLEAN).unwrap();
    let report = run_design(DesignId::A, &script.steps).unwrap();
    assert!(report.violations.is_empty(), "{:#?}", report.violations);
    assert!(report.statuses.iter().filter(|s| s.is_ok()).count() >= 9);
}

fn fired(steps: &[Action]) -> Vec<String> {
    let report = run_design(DesignId::A, steps).unwrap();
    report
        .violations
        .iter()
        .map(|v| v.invariant.clone())
        .collect()
}

#[test]
fn a_governance_backdoor_mint_on_l2_fires_authority_and_conservation() {
    // Granting the role is a governance step, which invariant 9 allows (the catalogue:
    // "unless a governance action changed them"); the mint it enables is not on an
    // authorised path, and that is what must be caught.
    let gov = Actor::Governor;
    let role = keccak256("MINTER_ROLE");
    let grant = ILivepeerToken::grantRoleCall {
        role,
        account: gov.address(),
    }
    .abi_encode();
    let mint = ILivepeerToken::mintCall {
        to: Actor::Attacker.address(),
        amount: U256::from(1),
    }
    .abi_encode();
    let call = |data: Vec<u8>| Action::Call {
        actor: gov,
        chain: ChainId::L2,
        contract: "L2Token".into(),
        data: data.into(),
        value: U256::ZERO,
    };
    let fired = fired(&[call(grant), call(mint)]);
    for name in ["l2-mint-authority", "conservation", "no-loss-no-theft"] {
        assert!(
            fired.iter().any(|f| f == name),
            "{name} did not fire: {fired:?}"
        );
    }
    assert!(!fired.iter().any(|f| f == "roles-unchanged"), "{fired:?}");
}

#[test]
fn malformed_scripts_are_rejected_with_the_cause() {
    for (text, cause) in [
        ("{", "malformed script"),
        (
            r#"{"design":"a","steps":[{"action":"fly"}]}"#,
            "unknown variant `fly`",
        ),
        (
            r#"{"design":"a","steps":[{"action":"reward","actor":"mallory","chain":"l1"}]}"#,
            "unknown variant `mallory`",
        ),
        (r#"{"design":"q","steps":[]}"#, "unknown design \"q\""),
    ] {
        let err = Script::parse(text).unwrap_err().to_string();
        assert!(err.contains(cause), "{err}");
    }
}
