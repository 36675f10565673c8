//! Design B's mechanics on the real contracts: the L1 round mint steered by the oracle, the
//! L2 reward pool's allowance rule, and the refusals the design promises.

mod common;

use alloy_primitives::U256;
use harness::action::{Action, Clock};
use harness::actors::Actor;
use harness::amount::{Amount, Base};
use harness::bindings::*;
use harness::chain::ChainId::{L1, L2};
use harness::designs::deploy::{lpt, INFLATION_CHANGE};
use harness::designs::design_b::{L1_ROUND_LENGTH, L2_ROUNDS_PER_L1_ROUND, ORACLE_MAX_AGE};
use harness::designs::{fresh_world, DesignId, Role};
use harness::world::{World, L1_BLOCK_TIME};

use common::{balance, fails, gateway_balance, last_ticket, ok, supply};

fn world() -> World {
    fresh_world(DesignId::B).expect("design B genesis")
}

fn advance(w: &mut World, seconds: u64) {
    ok(
        w,
        Action::Advance {
            clock: Clock::Both,
            seconds,
        },
    );
}

/// (received, distributed) as the pool books them.
fn pool(w: &mut World) -> (U256, U256) {
    let pool = w.role(L2, Role::Minter);
    (
        w.view(L2, pool, &IRewardPool::receivedCall {}).unwrap(),
        w.view(L2, pool, &IRewardPool::distributedCall {}).unwrap(),
    )
}

fn l2_round(w: &mut World) -> u64 {
    let staking = w.role(L2, Role::Staking);
    w.view(L2, staking, &IStaking::currentRoundCall {})
        .unwrap()
        .saturating_to()
}

fn inflation(w: &mut World) -> U256 {
    let minter = w.role(L1, Role::Minter);
    w.view(L1, minter, &IOracleMinter::inflationCall {})
        .unwrap()
}

/// orchestrator1 calls reward() on L2; returns what the pool paid.
fn claim(w: &mut World) -> U256 {
    let (_, before) = pool(w);
    ok(
        w,
        Action::Reward {
            actor: Actor::Orchestrator1,
            chain: L2,
        },
    );
    pool(w).1 - before
}

/// Advances to the first L2 round of the next L1 round.
fn to_next_l1_round(w: &mut World) {
    let left = L2_ROUNDS_PER_L1_ROUND - l2_round(w) % L2_ROUNDS_PER_L1_ROUND;
    advance(w, left * 10 * L1_BLOCK_TIME);
    assert_eq!(l2_round(w) % L2_ROUNDS_PER_L1_ROUND, 0);
}

fn next_l2_round(w: &mut World) {
    advance(w, 10 * L1_BLOCK_TIME);
}

#[test]
fn an_l1_rounds_rewards_are_paid_evenly_over_its_l2_rounds() {
    // The thread's example: R rewards over N = 7 L2 rounds pay R/7 each when every round
    // is claimed. orchestrator1 holds all L2 stake, so it claims each round's whole
    // allowance.
    let mut w = world();
    let (rewards, distributed) = pool(&mut w);
    assert!(rewards > U256::ZERO, "genesis bridged a round's rewards");
    assert_eq!(distributed, U256::ZERO, "genesis paid none of them");
    to_next_l1_round(&mut w);
    let n = U256::from(L2_ROUNDS_PER_L1_ROUND);
    let share = rewards / n;
    let mut paid = Vec::new();
    for i in 0..L2_ROUNDS_PER_L1_ROUND {
        if i > 0 {
            next_l2_round(&mut w);
        }
        paid.push(claim(&mut w));
    }
    for p in &paid[..paid.len() - 1] {
        assert!(
            *p >= share && *p <= share + U256::from(1),
            "each round pays R/7: {p} vs {share}"
        );
    }
    let total: U256 = paid.iter().copied().sum();
    assert_eq!(
        total, rewards,
        "the L1 round's rewards are paid out exactly"
    );
    assert_eq!(
        pool(&mut w),
        (rewards, rewards),
        "nothing left, nothing extra"
    );
}

#[test]
fn unclaimed_allowance_rolls_over_to_later_l2_rounds() {
    let mut w = world();
    let (rewards, _) = pool(&mut w);
    to_next_l1_round(&mut w);
    let first = claim(&mut w);
    // Rounds 1 and 2 of the L1 round pay nothing: nobody claims.
    next_l2_round(&mut w);
    next_l2_round(&mut w);
    next_l2_round(&mut w);
    // What rounds 1 and 2 left unclaimed is spread, with the rest, over the four L2
    // rounds left in the L1 round: (R − paid) / 4, more than round 0 paid.
    let fourth = claim(&mut w);
    assert_eq!(fourth, (rewards - first) / U256::from(4));
    assert!(fourth > first, "{fourth} vs {first}");
    for _ in 4..L2_ROUNDS_PER_L1_ROUND {
        next_l2_round(&mut w);
        claim(&mut w);
    }
    assert_eq!(
        pool(&mut w),
        (rewards, rewards),
        "skipped rounds lost nothing: the L1 round still paid all of its rewards"
    );
}

#[test]
fn the_oracle_steers_the_round_rate_and_a_stale_report_leaves_it() {
    let mut w = world();
    let l1_round = L1_ROUND_LENGTH * L1_BLOCK_TIME;
    let change = U256::from(INFLATION_CHANGE);
    let start = |w: &mut World| {
        let supply_before = supply(w, L1);
        ok(
            w,
            Action::StartRound {
                actor: Actor::Delegator3,
            },
        );
        let minted = supply(w, L1) - supply_before;
        assert_eq!(
            minted,
            supply_before * inflation(w) / U256::from(1_000_000_000u64),
            "a round mints S1 x rate"
        );
    };

    // All of the escrow reported as staked: with L1's bonded stake that is over the 50%
    // target, so the rate steps down.
    advance(&mut w, l1_round);
    let before = inflation(&mut w);
    ok(
        &mut w,
        Action::ReportStake {
            actor: Actor::Reporter,
            amount: Amount::Relative(Base::Escrow, 0),
        },
    );
    start(&mut w);
    assert_eq!(inflation(&mut w), before - change);

    // Nothing staked on L2: L1's bonded stake alone is under target, so it steps up.
    advance(&mut w, l1_round);
    ok(
        &mut w,
        Action::ReportStake {
            actor: Actor::Reporter,
            amount: Amount::Wei(U256::ZERO),
        },
    );
    start(&mut w);
    assert_eq!(inflation(&mut w), before);

    // A stale report: the rate does not move at all.
    advance(&mut w, ORACLE_MAX_AGE + 1);
    start(&mut w);
    assert_eq!(inflation(&mut w), before);
}

#[test]
fn the_oracle_refuses_strangers_and_figures_above_the_escrow() {
    let mut w = world();
    let why = fails(
        &mut w,
        Action::ReportStake {
            actor: Actor::Attacker,
            amount: Amount::Wei(lpt(1)),
        },
    );
    assert!(why.contains("NotReporter"), "{why}");
    let why = fails(
        &mut w,
        Action::ReportStake {
            actor: Actor::Reporter,
            amount: Amount::Relative(Base::Escrow, 1),
        },
    );
    assert!(why.contains("AboveEscrow"), "{why}");
    ok(
        &mut w,
        Action::ReportStake {
            actor: Actor::Reporter,
            amount: Amount::Relative(Base::Escrow, 0),
        },
    );
}

#[test]
fn a_round_starts_once_and_its_reward_ticket_cannot_be_cancelled() {
    let mut w = world();
    advance(&mut w, L1_ROUND_LENGTH * L1_BLOCK_TIME);
    ok(
        &mut w,
        Action::StartRound {
            actor: Actor::Attacker,
        },
    );
    let ticket = last_ticket(&w);
    let why = fails(
        &mut w,
        Action::StartRound {
            actor: Actor::Attacker,
        },
    );
    assert!(why.contains("RoundAlreadyStarted"), "{why}");
    let why = fails(
        &mut w,
        Action::Cancel {
            actor: Actor::Attacker,
            ticket,
        },
    );
    assert!(
        why.contains("beneficiary"),
        "the caller paid but may not cancel: {why}"
    );
}

#[test]
fn l1_reward_no_longer_mints_and_a_withdrawal_only_releases_escrow() {
    let mut w = world();
    advance(&mut w, L1_ROUND_LENGTH * L1_BLOCK_TIME);
    let why = fails(
        &mut w,
        Action::Reward {
            actor: Actor::Orchestrator2,
            chain: L1,
        },
    );
    assert!(why.contains("NotDelegate"), "{why}");

    let d1 = Actor::Delegator1;
    let (s1, escrow, l1_balance) = (
        supply(&mut w, L1),
        gateway_balance(&mut w, L1),
        balance(&mut w, L1, d1.address()),
    );
    ok(
        &mut w,
        Action::Withdraw {
            actor: d1,
            to: d1,
            amount: Amount::Wei(lpt(200)),
        },
    );
    advance(&mut w, 604_801);
    ok(
        &mut w,
        Action::ExecuteOutbox {
            actor: Actor::Attacker,
            message: 0,
        },
    );
    assert_eq!(supply(&mut w, L1), s1, "no L1 mint for a withdrawal");
    assert_eq!(gateway_balance(&mut w, L1), escrow - lpt(200));
    assert_eq!(balance(&mut w, L1, d1.address()), l1_balance + lpt(200));
}
