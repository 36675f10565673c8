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
    let deposit = |to: Actor| Action::Deposit {
        actor: Actor::Delegator2,
        to,
        amount: Amount::Wei(harness::designs::deploy::lpt(10)),
    };
    let view = view_after(
        DesignId::A,
        &[
            deposit(Actor::Delegator2),
            Action::Cancel {
                actor: Actor::Delegator2,
                ticket: 2,
            },
            deposit(Actor::Delegator3),
            Action::DeliverTicket { ticket: 3 },
        ],
    );
    let catalogue = invariants::for_design("a");
    let rule = |name: &str| catalogue.iter().find(|i| i.name() == name).unwrap();
    let (expiry, cancel) = (
        rule("tickets-expire-on-time"),
        rule("only-beneficiary-cancels"),
    );
    assert!(expiry.check(&view).is_ok() && cancel.check(&view).is_ok());
    let cancelled = view.tickets.iter().position(|t| t.id == 2).unwrap();
    assert_eq!(
        view.tickets[cancelled].cancelled_by,
        Some(Actor::Delegator2.address())
    );
    let ran = view.tickets.iter().position(|t| t.id == 3).unwrap();
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
