//! Short readable notes about what a step did, for traces.

use alloy_sol_types::SolCall;

use crate::bindings::{IL1Gateway, IL2Gateway};
use crate::world::World;

/// `  ticket #4 (1200 LPT)`-style notes for the messages the last step created or ran.
pub fn effects_note(world: &World) -> String {
    let mut parts = Vec::new();
    for id in &world.effects.tickets_created {
        let t = &world.relayer.tickets[*id as usize];
        parts.push(format!("ticket #{id}{}", carried_ticket(&t.data)));
    }
    for id in &world.effects.tickets_redeemed {
        parts.push(format!("ticket #{id} redeemed"));
    }
    for id in &world.effects.tickets_failed {
        parts.push(format!("ticket #{id} failed"));
    }
    for id in &world.effects.tickets_lost {
        let state = world.relayer.tickets[*id as usize].state;
        parts.push(format!("ticket #{id} {state:?}"));
    }
    for i in &world.effects.outbox_sent {
        let m = &world.relayer.outbox[*i as usize];
        parts.push(format!("outbox #{i}{}", carried_outbox(&m.data)));
    }
    for i in &world.effects.outbox_executed {
        parts.push(format!("outbox #{i} executed"));
    }
    for s in world
        .effects
        .supply
        .iter()
        .filter(|s| s.event.is_mint() || s.event.is_burn())
    {
        parts.push(format!(
            "{} {} {} LPT",
            s.chain,
            if s.event.is_mint() { "mint" } else { "burn" },
            crate::ledger::units(s.event.amount)
        ));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("  {}", parts.join(", "))
    }
}

fn carried_ticket(data: &[u8]) -> String {
    match IL2Gateway::finalizeInboundTransferCall::abi_decode(data) {
        Ok(c) => format!(" ({} LPT)", crate::ledger::units(c.amount)),
        Err(_) => String::new(),
    }
}

fn carried_outbox(data: &[u8]) -> String {
    match IL1Gateway::finalizeInboundTransferCall::abi_decode(data) {
        Ok(c) => format!(" ({} LPT)", crate::ledger::units(c.amount)),
        Err(_) => String::new(),
    }
}

/// Prints one step of a decoded trace, and the violations found after it:
/// `step 3   L1  delegator1 → L1Migrator.migrate(orchestrator2)  ok  ticket #4 (1200 LPT)`.
pub fn print_step(
    index: usize,
    action: &crate::action::Action,
    status: &crate::step::StepStatus,
    world: &World,
    found: &[invariants::Violation],
) {
    let chain = action
        .chain()
        .map(|c| c.to_string())
        .unwrap_or_else(|| "--".into());
    println!(
        "step {index:<3} {chain:<3} {action}  {status}{}",
        effects_note(world)
    );
    for v in found {
        println!("  VIOLATION {}", crate::names::humanize(&v.to_string()));
    }
}
