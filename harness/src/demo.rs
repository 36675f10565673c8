//! `crosscheck demo`: a design's scenario, narrated, with a ledger of both chains before
//! and after. Design A's is written here; design B's and C's are the scenario files of
//! their regression corpus, so the demo and the corpus cannot drift apart.

use anyhow::Result;

use crate::action::{Action, Clock};
use crate::actors::Actor;
use crate::amount::Amount;
use crate::bridge::DEFAULT_CHALLENGE_PERIOD;
use crate::chain::ChainId;
use crate::designs::{fresh_world, DesignId};

/// The demo's steps for `design`.
pub fn script(design: DesignId) -> Result<Vec<Action>> {
    let corpus = match design {
        DesignId::A => return Ok(design_a()),
        DesignId::B => include_str!("../../corpus/design_b/scenario-oracle-round.json"),
        DesignId::C => include_str!("../../corpus/design_c/scenario-legacy-and-bridge.json"),
        DesignId::D => include_str!("../../corpus/design_d/scenario-confluence.json"),
        DesignId::Project(_) => anyhow::bail!("the demo runs on the built-in designs only"),
    };
    Ok(crate::script::Script::parse(corpus)?.steps)
}

/// Design A's demo: migrations (to a registered, a self, and an unregistered
/// destination), a liquid round trip, a failed-then-redeemed ticket and forged calls.
fn design_a() -> Vec<Action> {
    use Actor::*;
    let lpt = |n: u64| Amount::Wei(crate::amount::lpt(n));
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

/// Runs `design`'s demo with every invariant checked, prints it, and returns whether
/// nothing broke.
pub fn run(design: DesignId) -> Result<bool> {
    if !design.builtin() {
        anyhow::bail!("the demo narrates the built-in designs only; `crosscheck deploy --config FILE` shows a project");
    }
    let mut world = fresh_world(design)?;
    println!(
        "crosscheck demo: design {} ({})\n",
        design.name().to_uppercase(),
        design.summary()
    );
    println!("== before ==\n{}", crate::ledger::render(&mut world)?);
    let (mut checker, mut broken) = crate::checker::Checker::new(&mut world)?;
    for (i, action) in script(design)?.iter().enumerate() {
        let (status, found) = checker.step(&mut world, action)?;
        println!(
            "{}",
            crate::report::step_line(i + 1, action, &status, &world)
        );
        for v in &found {
            println!("  VIOLATION {v}");
        }
        broken.extend(found);
    }
    println!("\n== after ==\n{}", crate::ledger::render(&mut world)?);
    // The verdict covers the quiescent invariants too: drain the queues and take every
    // actor's value home, as `check` does, after the ledger has been shown.
    let at_end = checker.finish(&mut world)?;
    for v in &at_end {
        println!("  VIOLATION {v}");
    }
    broken.extend(at_end);
    let checked = checker.invariants().len();
    if broken.is_empty() {
        println!("verdict: none of {checked} invariants broken (checked after each step and once drained)");
    } else {
        let mut names: Vec<&str> = broken.iter().map(|v| v.invariant.as_str()).collect();
        names.dedup();
        println!(
            "verdict: {checked} invariants checked; broken: {}",
            names.join(", ")
        );
    }
    Ok(broken.is_empty())
}
