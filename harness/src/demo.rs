//! `crosscheck demo`: design A's scenarios, narrated, with a ledger of both chains before
//! and after.

use anyhow::Result;

use crate::action::{Action, Clock};
use crate::actors::Actor;
use crate::amount::Amount;
use crate::bridge::DEFAULT_CHALLENGE_PERIOD;
use crate::chain::ChainId;
use crate::designs::{fresh_world, DesignId};

/// The demo's steps: migrations (to a registered, a self, and an unregistered
/// destination), a liquid round trip, a failed-then-redeemed ticket and forged calls.
pub fn script() -> Vec<Action> {
    use Actor::*;
    let lpt = |n: u64| Amount::Wei(crate::designs::design_a::lpt(n));
    vec![
        Action::Migrate {
            actor: Delegator2,
            dest: Orchestrator1,
        },
        Action::DeliverTicket { ticket: 2 },
        Action::Migrate {
            actor: Orchestrator2,
            dest: Orchestrator2,
        },
        Action::FailAutoRedeem { ticket: 3 },
        Action::Redeem {
            actor: Attacker,
            ticket: 3,
        },
        Action::Redeem {
            actor: Attacker,
            ticket: 3,
        },
        Action::RegisterOrchestrator {
            actor: Orchestrator2,
            chain: ChainId::L2,
            reward_cut: 250_000,
            fee_share: 400_000,
        },
        Action::Migrate {
            actor: Delegator3,
            dest: Orchestrator3,
        },
        Action::DeliverTicket { ticket: 4 },
        Action::Deposit {
            actor: Delegator4,
            to: Delegator4,
            amount: lpt(100),
        },
        Action::DeliverTicket { ticket: 5 },
        Action::Withdraw {
            actor: Delegator4,
            to: Delegator4,
            amount: lpt(100),
        },
        Action::ExecuteOutbox {
            actor: Delegator4,
            message: 0,
        },
        Action::Advance {
            clock: Clock::Both,
            seconds: DEFAULT_CHALLENGE_PERIOD,
        },
        Action::ExecuteOutbox {
            actor: Delegator4,
            message: 0,
        },
        Action::ExecuteOutbox {
            actor: Attacker,
            message: 0,
        },
        Action::WithdrawFees {
            actor: Delegator2,
            chain: ChainId::L1,
        },
    ]
}

/// Runs the demo and prints it.
pub fn run() -> Result<()> {
    let mut world = fresh_world(DesignId::A)?;
    println!("crosscheck demo: design A ({})\n", DesignId::A.summary());
    println!("== before ==\n{}", crate::ledger::render(&mut world)?);
    for (i, action) in script().iter().enumerate() {
        world.begin_step();
        let status = world.apply(action)?;
        println!(
            "{}",
            crate::report::step_line(i + 1, action, &status, &world)
        );
    }
    println!("\n== after ==\n{}", crate::ledger::render(&mut world)?);
    Ok(())
}
