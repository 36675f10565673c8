//! Forged states. Designs B and C have no path by which L1 LPT could be minted for a
//! withdrawal: no one-line bug in their contracts produces such a mint, so no mutant can
//! show that their form of invariant 2 (`M1 = 0`) is able to fire. These tests take the
//! view of a real world right after a real withdrawal has been paid out on L1, show that
//! the invariant holds there, then forge the record of a one-wei L1 mint through the L1
//! gateway and show that it fires.

use alloy_primitives::U256;
use harness::action::{Action, Clock};
use harness::actors::Actor;
use harness::amount::Amount;
use harness::checker::Checker;
use harness::designs::{fresh_world, DesignId};

fn withdrawal() -> Vec<Action> {
    vec![
        Action::Withdraw {
            actor: Actor::Delegator1,
            to: Actor::Delegator1,
            amount: Amount::Wei(harness::designs::deploy::lpt(100)),
        },
        Action::Advance {
            clock: Clock::Both,
            seconds: 604_801,
        },
        Action::ExecuteOutbox {
            actor: Actor::Attacker,
            message: 0,
        },
    ]
}

fn view_after(design: DesignId, steps: &[Action]) -> invariants::View {
    let mut world = fresh_world(design).unwrap();
    let (mut checker, at_genesis) = Checker::new(&mut world).unwrap();
    assert!(at_genesis.is_empty(), "{at_genesis:#?}");
    for action in steps {
        let (status, found) = checker.step(&mut world, action).unwrap();
        assert!(found.is_empty(), "{action}: {found:#?}");
        assert!(status.is_ok(), "{action}: {status}");
    }
    checker.view_now(&mut world).unwrap()
}

#[test]
fn an_l1_mint_for_a_withdrawal_breaks_m1_zero() {
    for design in [DesignId::B, DesignId::C] {
        let mut steps = withdrawal();
        // Design C's genesis already executed message #0 (its first LPT′).
        if design == DesignId::C {
            steps[2] = Action::ExecuteOutbox {
                actor: Actor::Attacker,
                message: 1,
            };
        }
        let view = view_after(design, &steps);
        let catalogue = invariants::for_design(design.name());
        let m1 = catalogue
            .iter()
            .find(|i| i.name() == "no-unbacked-l1-issuance")
            .expect("design lists invariant 2");
        assert_eq!(view.ghost.shortfall_mints, U256::ZERO);
        assert!(
            m1.check(&view).is_ok(),
            "design {design}: holds on the real state"
        );

        let mut forged = view.clone();
        forged.ghost.shortfall_mints = U256::from(1);
        let violation = m1
            .check(&forged)
            .expect_err("a forged L1 withdrawal mint must fire");
        assert_eq!(violation.lhs, U256::from(1), "design {design}: {violation}");
        assert_eq!(violation.rhs, U256::ZERO);
    }
}

/// The bridge's own rules on tickets (who may cancel, when a ticket is dead) are enforced
/// by the relayer, which models Arbitrum; no contract edit can bend them. On the state after
/// a real deposit whose ticket was cancelled by its beneficiary, and another that ran in
/// time, both rules hold; forged records of a cancel by someone else and of an execution
/// after expiry make them fire.
#[test]
fn the_relayer_s_ticket_rules_fire_on_forged_records() {
    // The first ticket after genesis: A's genesis sends two, D's five.
    for (design, first) in [(DesignId::A, 2), (DesignId::D, 5)] {
        relayer_rules_fire(design, first);
    }
}

fn relayer_rules_fire(design: DesignId, first: u64) {
    let deposit = |to: Actor| Action::Deposit {
        actor: Actor::Delegator2,
        to,
        amount: Amount::Wei(harness::designs::deploy::lpt(10)),
    };
    let view = view_after(
        design,
        &[
            deposit(Actor::Delegator2),
            Action::Cancel {
                actor: Actor::Delegator2,
                ticket: first,
            },
            deposit(Actor::Delegator3),
            Action::DeliverTicket { ticket: first + 1 },
        ],
    );
    let catalogue = invariants::for_design(design.name());
    let rule = |name: &str| catalogue.iter().find(|i| i.name() == name).unwrap();
    let (expiry, cancel) = (
        rule("tickets-expire-on-time"),
        rule("only-beneficiary-cancels"),
    );
    assert!(expiry.check(&view).is_ok() && cancel.check(&view).is_ok());
    let cancelled = view.tickets.iter().position(|t| t.id == first).unwrap();
    assert_eq!(
        view.tickets[cancelled].cancelled_by,
        Some(Actor::Delegator2.address())
    );
    let ran = view.tickets.iter().position(|t| t.id == first + 1).unwrap();
    assert!(view.tickets[ran].redeemed_at.is_some());

    let mut forged = view.clone();
    forged.tickets[cancelled].cancelled_by = Some(Actor::Attacker.address());
    assert!(
        cancel.check(&forged).is_err(),
        "a cancel by someone else must fire"
    );
    let mut forged = view.clone();
    forged.tickets[ran].redeemed_at = Some(forged.tickets[ran].expires_at);
    let v = expiry
        .check(&forged)
        .expect_err("an execution at expiry must fire");
    assert_eq!(v.rhs, U256::from(forged.tickets[ran].expires_at));
}

/// Design D runs Livepeer's own BondingManager, RoundsManager and LivepeerToken, which are
/// deployed as shipped and never edited, so no seeded bug can show that the invariants
/// reading them fire on D's figures: the unbonding period of a lock, the roles on the real
/// token, and the Minter's custody. The L1 gateway's shortfall mint needs a withdrawal
/// larger than the escrow, which on D takes L2 inflation brought home (and that runs into
/// the 0.8.9 finding in `corpus/design_d/`). Each is shown here on a real D world after a
/// real withdrawal and a real L2 unbond, where it holds, then on a forged figure one unit
/// past its bound, where it fires, and at the bound itself, where it holds.
#[test]
fn design_d_s_protocol_invariants_fire_on_forged_figures() {
    let mut steps = withdrawal();
    steps.push(Action::Unbond {
        actor: Actor::Orchestrator1,
        chain: harness::chain::ChainId::L2,
        amount: Amount::Wei(harness::designs::deploy::lpt(1)),
    });
    let view = view_after(DesignId::D, &steps);
    let catalogue = invariants::for_design("d");
    let rule = |name: &str| catalogue.iter().find(|i| i.name() == name).unwrap();
    for name in [
        "unbonding-period-respected",
        "mint-only-shortfall",
        "roles-unchanged",
        "stake-fully-backed",
    ] {
        assert!(rule(name).check(&view).is_ok(), "{name} on the real state");
    }

    // A lock withdrawable one round before the unbonding period has run fires; at the
    // period it holds.
    let period = view.params.unbonding_period;
    assert!(period > 0, "D's genesis sets an unbonding period");
    let lock = |withdraw_round| invariants::view::LockMade {
        on_l1: false,
        delegator: Actor::Orchestrator1.address(),
        id: U256::ZERO,
        amount: harness::designs::deploy::lpt(1),
        round: view.now.l2.round,
        withdraw_round,
        by_ticket: false,
    };
    let unbonding = rule("unbonding-period-respected");
    let mut forged = view.clone();
    forged.locks_made = vec![lock(view.now.l2.round + period)];
    assert!(unbonding.check(&forged).is_ok());
    forged.locks_made = vec![lock(view.now.l2.round + period - 1)];
    assert!(unbonding.check(&forged).is_err(), "an early lock must fire");

    // A withdrawal that mints one wei more than the escrow's shortfall fires.
    let escrow = harness::designs::deploy::lpt(10);
    let withdrawal = |minted| invariants::view::WithdrawalOut {
        index: 0,
        amount: escrow + U256::from(5),
        escrow_before: escrow,
        escrow_after: U256::ZERO,
        minted,
    };
    let shortfall = rule("mint-only-shortfall");
    let mut forged = view.clone();
    forged.withdrawals = vec![withdrawal(U256::from(5))];
    assert!(shortfall.check(&forged).is_ok());
    forged.withdrawals = vec![withdrawal(U256::from(6))];
    assert!(shortfall.check(&forged).is_err(), "an over-mint must fire");

    // The attacker appearing among the real token's minters in a step that is not
    // governance's fires.
    let roles = rule("roles-unchanged");
    let mut forged = view.clone();
    forged.step.index = 1;
    forged.before = forged.now.clone();
    assert!(roles.check(&forged).is_ok());
    let set = forged
        .now
        .l2
        .roles
        .first_mut()
        .expect("D declares L2 token roles");
    set.holders.push(Actor::Attacker.address());
    assert!(roles.check(&forged).is_err(), "a new minter must fire");

    // The L2 Minter holding one wei less than the stake and locks it owes fires.
    let backed = rule("stake-fully-backed");
    let owed: U256 = view
        .now
        .l2
        .accounts
        .iter()
        .map(|a| a.stake + a.unbonding)
        .sum();
    let mut forged = view.clone();
    forged.now.l2.custody = owed;
    assert!(backed.check(&forged).is_ok());
    forged.now.l2.custody = owed - U256::from(1);
    assert!(backed.check(&forged).is_err(), "uncovered stake must fire");
}

/// No-loss-no-theft's rounding allowance is exact. On design C, a reward that lifts three
/// floored stake readings of one pool realizes one wei of dust the pool already held
/// (`corpus/design_c/scenario-reward-rounding-dust.json`); the invariant holds there. Forged
/// gains up to the allowance still hold, and one wei past it fires. (A step that lifts no
/// stake reading has no allowance: `invariants_design_a.rs` shows a one-wei mint firing.)
#[test]
fn no_loss_no_theft_allows_realized_rounding_dust_and_not_a_wei_more() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../corpus/design_c/scenario-reward-rounding-dust.json"
    ))
    .unwrap();
    let script = harness::script::Script::parse(&text).unwrap();
    let (last, steps) = script.steps.split_last().unwrap();
    let mut world = fresh_world(DesignId::C).unwrap();
    let (mut checker, _) = Checker::new(&mut world).unwrap();
    for action in steps {
        let (status, found) = checker.step(&mut world, action).unwrap();
        assert!(
            found.is_empty() && status.is_ok(),
            "{action}: {status} {found:#?}"
        );
    }
    let before = checker.last_read().clone();
    let value_before = invariants::value::actor_values(&checker.view_now(&mut world).unwrap());
    let (status, found) = checker.step(&mut world, last).unwrap();
    assert!(
        found.is_empty() && status.is_ok(),
        "{last}: {status} {found:#?}"
    );
    // The reward's own view: the chains after it, against those before it.
    let mut view = checker.view_now(&mut world).unwrap();
    view.before = before;
    view.value_before = value_before;
    let catalogue = invariants::for_design("c");
    let rule = catalogue
        .iter()
        .find(|i| i.name() == "no-loss-no-theft")
        .unwrap();
    assert!(rule.check(&view).is_ok(), "holds on the real state");

    let total = |v: &invariants::View| -> U256 { invariants::value::actor_values(v).iter().sum() };
    let paid = view.ghost.step_inflation + view.ghost.step_rewards + view.ghost.step_outside_inflow;
    let bound = view.value_before.iter().copied().sum::<U256>() + paid;
    let realized = total(&view) - bound;
    let allowance = invariants::value::realizable_dust(&view);
    assert_eq!(
        realized,
        U256::from(1),
        "the scenario realizes one wei of dust"
    );
    assert!(allowance >= realized, "{allowance}");

    let delegator1 = view
        .now
        .l2
        .accounts
        .iter()
        .position(|a| a.address == Actor::Delegator1.address())
        .unwrap();
    assert!(view.now.l2.accounts[delegator1].stake > view.before.l2.accounts[delegator1].stake);
    let mut forged = view.clone();
    forged.now.l2.accounts[delegator1].stake += allowance - realized;
    assert!(rule.check(&forged).is_ok(), "gain at the allowance holds");
    forged.now.l2.accounts[delegator1].stake += U256::from(1);
    assert!(
        rule.check(&forged).is_err(),
        "one wei past the allowance fires"
    );
}

/// Design D: a delegator not yet migrated owns its share of its orchestrator's pool, which
/// holds its stake on L2. A reward that lifts the pool lifts that delegator's value by its
/// share, and the reward's inflation pays for it; a pool holding one LPT more, which no
/// step paid for, fires.
#[test]
fn a_pool_s_reward_is_the_value_of_its_unmigrated_delegators() {
    use harness::chain::ChainId;
    let mut world = fresh_world(DesignId::D).unwrap();
    let (mut checker, _) = Checker::new(&mut world).unwrap();
    let before = checker.last_read().clone();
    let value_before = invariants::value::actor_values(&checker.view_now(&mut world).unwrap());
    let reward = Action::Reward {
        actor: Actor::Orchestrator1,
        chain: ChainId::L2,
    };
    let (status, found) = checker.step(&mut world, &reward).unwrap();
    assert!(found.is_empty() && status.is_ok(), "{status} {found:#?}");
    let mut view = checker.view_now(&mut world).unwrap();
    view.before = before;
    view.value_before = value_before.clone();
    let d1 = view
        .now
        .l1
        .accounts
        .iter()
        .position(|a| a.address == Actor::Delegator1.address())
        .unwrap();
    let after = invariants::value::actor_values(&view);
    assert!(
        after[d1] > value_before[d1],
        "delegator1's share of orchestrator1's pool grew with the reward"
    );
    let catalogue = invariants::for_design("d");
    let rule = catalogue
        .iter()
        .find(|i| i.name() == "no-loss-no-theft")
        .unwrap();
    assert!(rule.check(&view).is_ok(), "holds on the real state");
    let mut forged = view.clone();
    let pool = forged
        .now
        .l2
        .pools
        .iter_mut()
        .find(|p| p.orchestrator == Actor::Orchestrator1.address())
        .expect("orchestrator1 migrated at genesis, with a pool");
    pool.stake += harness::designs::deploy::lpt(1);
    assert!(
        rule.check(&forged).is_err(),
        "a pool holding an LPT no step paid for fires"
    );
}

/// Only-owner-moves lets a non-owner receive stake the way it may receive LPT, in a
/// `transferBond` only: what the signer's own bond gave up, with the delegate that comes
/// with it when it had no bond. One wei more than the signer gave, or a new delegate for an account that
/// received nothing, fires.
#[test]
fn a_bond_gift_moves_only_what_the_giver_gave() {
    let script = harness::script::Script::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../corpus/design_d/scenario-bond-gift.json"
    )))
    .unwrap();
    let mut world = fresh_world(DesignId::D).unwrap();
    let (mut checker, _) = Checker::new(&mut world).unwrap();
    let before = checker.last_read().clone();
    let gift = &script.steps[0];
    let (status, found) = checker.step(&mut world, gift).unwrap();
    assert!(found.is_empty() && status.is_ok(), "{status} {found:#?}");
    let mut view = checker.view_now(&mut world).unwrap();
    view.before = before;
    view.step.index = 1;
    view.step.sender = Some(Actor::Orchestrator1.address());
    view.step.owners = vec![Actor::Orchestrator1.address()];
    view.step.gives_own_bond = true;
    let catalogue = invariants::for_design("d");
    let rule = catalogue
        .iter()
        .find(|i| i.name() == "only-owner-moves")
        .unwrap();
    assert!(rule.check(&view).is_ok(), "holds on the real state");
    let mut forged = view.clone();
    forged.step.gives_own_bond = false;
    assert!(
        rule.check(&forged).is_err(),
        "the same stake moved by a call that is no transferBond fires"
    );
    let at = |v: &invariants::View, who: Actor| {
        v.now
            .l2
            .accounts
            .iter()
            .position(|a| a.address == who.address())
            .unwrap()
    };
    let receiver = at(&view, Actor::Delegator4);
    assert!(view.now.l2.accounts[receiver].bonded > view.before.l2.accounts[receiver].bonded);
    let mut forged = view.clone();
    forged.now.l2.accounts[receiver].bonded += U256::from(1);
    assert!(
        rule.check(&forged).is_err(),
        "a wei the giver did not give fires"
    );
    let mut forged = view.clone();
    let other = at(&view, Actor::Delegator2);
    forged.now.l2.accounts[other].delegate = Actor::Attacker.address();
    assert!(
        rule.check(&forged).is_err(),
        "a new delegate for a bystander that received nothing fires"
    );
}
