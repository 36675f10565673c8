//! The README compares designs A, B, C and D with the scripts in `corpus/compare/`. These
//! tests run each script and assert the figures the comparison quotes, so that a claim
//! there stops passing the moment a contract or the harness changes what it shows.

mod common;

use std::path::PathBuf;

use alloy_primitives::U256;
use harness::actors::Actor;
use harness::bindings::{ILivepeerToken, IMinter, IStaking};
use harness::bridge::TicketState;
use harness::chain::ChainId::{self, L1, L2};
use harness::designs::deploy::{lpt, INFLATION_CHANGE};
use harness::designs::{fresh_world, Role};
use harness::run::{run_steps, RunReport};
use harness::script::Script;
use harness::world::World;

use common::{balance, gateway_balance, supply};

fn compare_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../corpus/compare")
}

fn load(name: &str) -> Script {
    Script::load(&compare_dir().join(name)).expect("a comparison script")
}

/// The script's world: its mutant's, or the correct design's.
fn world_for(script: &Script) -> World {
    match &script.mutant {
        Some(name) => harness::mutants::find(script.design, name)
            .and_then(|m| m.world(script.design))
            .expect("the script's mutant"),
        None => fresh_world(script.design).expect("genesis"),
    }
}

/// Each round start the run saw: (step, chain, round, inflation in parts per billion).
type RoundStarts = Vec<(usize, ChainId, u64, u64)>;

fn run(world: &mut World, script: &Script) -> (RunReport, RoundStarts) {
    let mut starts = Vec::new();
    let report = run_steps(world, &script.steps, |step, _, _, w, _| {
        for (chain, log, _) in &w.effects.logs {
            if log.address != w.role(*chain, Role::Minter) {
                continue;
            }
            if let Some(e) = harness::chain::event::<IMinter::RoundInitialized>(log) {
                starts.push((
                    step,
                    *chain,
                    e.round.saturating_to(),
                    e.inflation.saturating_to(),
                ));
            }
        }
    })
    .expect("the script runs");
    (report, starts)
}

fn fired(report: &RunReport) -> Vec<&str> {
    report
        .violations
        .iter()
        .map(|v| v.invariant.as_str())
        .collect()
}

fn derivative_supply(w: &mut World) -> U256 {
    let token = w.role(L1, Role::Derivative);
    w.view(L1, token, &ILivepeerToken::totalSupplyCall {})
        .unwrap()
}

fn migrator_balance(w: &mut World, chain: ChainId) -> U256 {
    let migrator = w.role(chain, Role::Migrator);
    balance(w, chain, migrator)
}

fn pending_l1_stake(w: &mut World, who: Actor) -> U256 {
    let staking = w.role(L1, Role::Staking);
    w.view(
        L1,
        staking,
        &IStaking::pendingStakeCall {
            delegator: who.address(),
        },
    )
    .unwrap()
}

#[test]
fn every_comparison_script_replays_to_its_expected_outcome() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(compare_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "only {} comparison scripts", files.len());
    for path in files {
        let replay = harness::campaign::replay::replay_file(&path, false).unwrap();
        assert!(
            replay.matches(),
            "{}: expected {:?}, fired {:?}",
            path.display(),
            replay.expected,
            replay.fired
        );
    }
}

/// The same L2 bug in each design: the L2 side sends a withdrawal message for 100,000
/// LPT it never took.
mod an_l2_bug {
    use super::*;

    #[test]
    fn in_a_mints_on_l1_whatever_the_escrow_cannot_pay() {
        let script = load("l2-bug-a.json");
        let mut w = world_for(&script);
        let (supply_before, escrow_before) = (supply(&mut w, L1), gateway_balance(&mut w, L1));
        let attacker_before = balance(&mut w, L1, Actor::Attacker.address());
        let (report, _) = run(&mut w, &script);
        assert!(escrow_before < lpt(100_000));
        assert_eq!(
            supply(&mut w, L1),
            supply_before + lpt(100_000) - escrow_before,
            "L1 supply grows by what the escrow could not pay"
        );
        assert_eq!(
            gateway_balance(&mut w, L1),
            U256::ZERO,
            "the escrow is gone"
        );
        assert_eq!(
            balance(&mut w, L1, Actor::Attacker.address()),
            attacker_before + lpt(100_000)
        );
        assert!(fired(&report).contains(&"no-unbacked-l1-issuance"));
    }

    #[test]
    fn in_d_pays_out_the_l1_escrow_and_mints_the_rest() {
        let script = load("l2-bug-d.json");
        let mut w = world_for(&script);
        let escrow = w.role(L1, Role::Escrow);
        let (supply_before, escrow_before) = (supply(&mut w, L1), balance(&mut w, L1, escrow));
        let attacker_before = balance(&mut w, L1, Actor::Attacker.address());
        let (report, _) = run(&mut w, &script);
        assert!(escrow_before < lpt(100_000));
        assert_eq!(
            supply(&mut w, L1),
            supply_before + lpt(100_000) - escrow_before,
            "L1 supply grows by what the escrow could not pay"
        );
        assert_eq!(
            balance(&mut w, L1, escrow),
            U256::ZERO,
            "the escrow is gone"
        );
        assert_eq!(
            balance(&mut w, L1, Actor::Attacker.address()),
            attacker_before + lpt(100_000)
        );
        assert!(fired(&report).contains(&"no-unbacked-l1-issuance"));
    }

    #[test]
    fn in_b_takes_at_most_the_escrow_and_never_moves_l1_supply() {
        let script = load("l2-bug-b.json");
        let mut w = world_for(&script);
        let (supply_before, escrow_before) = (supply(&mut w, L1), gateway_balance(&mut w, L1));
        let attacker_before = balance(&mut w, L1, Actor::Attacker.address());
        let (report, _) = run(&mut w, &script);
        assert_eq!(supply(&mut w, L1), supply_before, "L1 supply does not move");
        assert!(
            !report.statuses[3].is_ok() && !w.relayer.outbox[0].executed(),
            "the withdrawal beyond the escrow is refused"
        );
        assert!(w.relayer.outbox[1].executed());
        assert_eq!(gateway_balance(&mut w, L1), U256::ZERO);
        assert_eq!(
            balance(&mut w, L1, Actor::Attacker.address()),
            attacker_before + escrow_before,
            "the attacker gets the escrow, and no more"
        );
        let fired = fired(&report);
        assert!(fired.contains(&"escrow-solvency"));
        assert!(!fired.contains(&"no-unbacked-l1-issuance"));
    }

    #[test]
    fn in_c_mints_unbacked_lpt_prime_but_never_legacy_lpt() {
        let script = load("l2-bug-c.json");
        let mut w = world_for(&script);
        let legacy_before = supply(&mut w, L1);
        let prime_before = derivative_supply(&mut w);
        let escrow_before = gateway_balance(&mut w, L2);
        let (report, _) = run(&mut w, &script);
        assert_eq!(
            supply(&mut w, L1),
            legacy_before,
            "legacy LPT does not move"
        );
        assert_eq!(derivative_supply(&mut w), prime_before + lpt(100_000));
        assert_eq!(
            gateway_balance(&mut w, L2),
            escrow_before,
            "nothing new backs it"
        );
        assert!(fired(&report).contains(&"escrow-solvency"));
        assert!(!fired(&report).contains(&"no-unbacked-l1-issuance"));
    }
}

#[test]
fn a_lying_oracle_steers_the_rate_and_a_stale_one_freezes_it() {
    let script = load("oracle-b.json");
    let mut w = world_for(&script);
    let minter = w.role(L1, Role::Minter);
    let genesis_rate: u64 = w
        .view(L1, minter, &IMinter::inflationCall {})
        .unwrap()
        .saturating_to();
    let (report, starts) = run(&mut w, &script);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    let rates: Vec<u64> = starts
        .iter()
        .filter(|(_, chain, _, _)| *chain == L1)
        .map(|(_, _, _, rate)| *rate)
        .collect();
    let step = INFLATION_CHANGE;
    assert_eq!(
        rates,
        vec![
            genesis_rate - step, // honest: more than half the supply is bonded
            genesis_rate,        // a report of zero: the same world steps up
            genesis_rate - step, // the largest report the escrow allows
            genesis_rate - step, // stale: no step, yet the round still mints
        ]
    );
    assert!(
        !report.statuses[7].is_ok(),
        "a report above the escrow is refused"
    );
}

/// What each design leaves stuck when tickets expire unredeemed.
mod an_expired_ticket {
    use super::*;

    fn expired(w: &World, tickets: &[u64]) {
        for id in tickets {
            assert_eq!(
                w.ticket_state(*id),
                Some(TicketState::Expired),
                "ticket #{id}"
            );
        }
    }

    #[test]
    fn in_a_leaves_its_lpt_in_the_l1_escrow() {
        let script = load("ticket-expiry-a.json");
        let mut w = world_for(&script);
        let stake = pending_l1_stake(&mut w, Actor::Delegator2);
        let escrow_before = gateway_balance(&mut w, L1);
        let l2_before = supply(&mut w, L2);
        let (report, _) = run(&mut w, &script);
        assert!(report.violations.is_empty(), "{:?}", report.violations);
        expired(&w, &[2, 3]);
        assert_eq!(
            gateway_balance(&mut w, L1),
            escrow_before + lpt(100) + stake
        );
        assert_eq!(supply(&mut w, L2), l2_before, "nothing arrived on L2");
    }

    #[test]
    fn in_b_also_leaves_a_rounds_rewards_in_the_l1_escrow() {
        let script = load("ticket-expiry-b.json");
        let mut w = world_for(&script);
        let stake = pending_l1_stake(&mut w, Actor::Delegator2);
        let escrow_before = gateway_balance(&mut w, L1);
        let (l1_before, l2_before) = (supply(&mut w, L1), supply(&mut w, L2));
        let (report, _) = run(&mut w, &script);
        assert!(report.violations.is_empty(), "{:?}", report.violations);
        expired(&w, &[3, 4, 5]);
        let rewards = supply(&mut w, L1) - l1_before;
        assert!(rewards > U256::ZERO, "the round minted");
        assert_eq!(
            gateway_balance(&mut w, L1),
            escrow_before + lpt(100) + stake + rewards
        );
        assert_eq!(
            supply(&mut w, L2),
            l2_before,
            "the pool never got the round"
        );
    }

    #[test]
    fn in_c_locks_legacy_lpt_for_good_and_loses_burned_lpt_prime() {
        let script = load("ticket-expiry-c.json");
        let mut w = world_for(&script);
        let stake = pending_l1_stake(&mut w, Actor::Delegator2);
        let locked_before = migrator_balance(&mut w, L1);
        let reserve_before = migrator_balance(&mut w, L2);
        let prime_before = derivative_supply(&mut w);
        let escrow_before = gateway_balance(&mut w, L2);
        let (report, _) = run(&mut w, &script);
        assert!(report.violations.is_empty(), "{:?}", report.violations);
        expired(&w, &[2, 3, 4]);
        assert_eq!(
            migrator_balance(&mut w, L1),
            locked_before + lpt(100) + stake,
            "legacy LPT stays locked"
        );
        assert_eq!(
            migrator_balance(&mut w, L2),
            reserve_before,
            "the reserve keeps its share"
        );
        assert_eq!(derivative_supply(&mut w), prime_before - lpt(100));
        assert_eq!(
            gateway_balance(&mut w, L2),
            escrow_before,
            "the escrow behind the burned LPT′ stays"
        );
    }
}
