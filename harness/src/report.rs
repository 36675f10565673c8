//! Short readable notes about what a step did, for traces.

use alloy_sol_types::SolCall;

use crate::bindings::IL1Gateway;
use crate::world::World;

/// `  ticket #4 (1200 LPT)`-style notes for the messages the last step created or ran.
pub fn effects_note(world: &World) -> String {
    let mut parts = Vec::new();
    let book = (!world.effects.tickets_created.is_empty()).then(|| crate::world_view::book(world));
    for id in &world.effects.tickets_created {
        let t = &world.relayer.tickets[*id as usize];
        let carried = book
            .as_ref()
            .map(|b| world.design.spec().decode_ticket(b, t).lpt)
            .unwrap_or_default();
        let note = if carried.is_zero() {
            String::new()
        } else {
            format!(" ({} {})", crate::ledger::units(carried), unit(world))
        };
        parts.push(format!("ticket #{id}{note}"));
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
        parts.push(format!(
            "outbox #{i}{}",
            carried_outbox(&m.data, unit(world))
        ));
    }
    for i in &world.effects.outbox_executed {
        parts.push(format!("outbox #{i} executed"));
    }
    // The rate a round starts at is what an oracle (B) or the chain's own stake (A, C)
    // decided; a trace that shows it lets a reader compare an honest and a lying report.
    for (chain, log, _) in &world.effects.logs {
        let minter = world.design.role_name(*chain, crate::designs::Role::Minter);
        if minter.is_none_or(|m| log.address != world.addr(*chain, m)) {
            continue;
        }
        if let Some(e) = crate::chain::event::<crate::bindings::IMinter::RoundInitialized>(log) {
            parts.push(format!(
                "{chain} round {} at {} inflation",
                e.round,
                percent_of_billion(e.inflation)
            ));
        }
    }
    // Design B's reward() mints nothing: what it paid out of the pool is in its event.
    if world.design.behaves_as() == crate::designs::DesignId::B {
        let staking = world.role(crate::chain::ChainId::L2, crate::designs::Role::Staking);
        for (chain, log, _) in &world.effects.logs {
            if *chain != crate::chain::ChainId::L2 || log.address != staking {
                continue;
            }
            if let Some(e) = crate::chain::event::<crate::bindings::IStaking::Reward>(log) {
                parts.push(format!("pool paid {} LPT", crate::ledger::units(e.amount)));
            }
        }
    }
    for s in world
        .effects
        .supply
        .iter()
        .filter(|s| s.event.is_mint() || s.event.is_burn())
    {
        // Design C's L1 bridge mints and burns LPT′, not legacy LPT.
        let derivative = world
            .design
            .role_name(s.chain, crate::designs::Role::Derivative);
        let unit = if derivative.is_some()
            && s.event.token == world.role(s.chain, crate::designs::Role::Derivative)
        {
            "LPT′"
        } else {
            unit(world)
        };
        parts.push(format!(
            "{} {} {} {unit}",
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

/// What a trace calls the token: LPT in our designs, a project's tokens plainly.
fn unit(world: &World) -> &'static str {
    if world.design.behaves_as().builtin() {
        "LPT"
    } else {
        "tokens"
    }
}

fn carried_outbox(data: &[u8], unit: &str) -> String {
    match IL1Gateway::finalizeInboundTransferCall::abi_decode(data) {
        Ok(c) => format!(" ({} {unit})", crate::ledger::units(c.amount)),
        Err(_) => String::new(),
    }
}

/// One step of a decoded trace, in the words of the world's design:
/// `step 3   L1  delegator1 → L1Migrator.migrate(orchestrator2)  ok  ticket #4 (1200 LPT)`.
pub fn step_line(
    index: usize,
    action: &crate::action::Action,
    status: &crate::step::StepStatus,
    world: &World,
) -> String {
    let chain = action
        .chain()
        .map(|c| c.to_string())
        .unwrap_or_else(|| "--".into());
    format!(
        "step {index:<3} {chain:<3} {}  {status}{}",
        action.describe(world.design),
        effects_note(world)
    )
}

/// Prints one step of a decoded trace (see [`step_line`]) and the violations found after it.
pub fn print_step(
    index: usize,
    action: &crate::action::Action,
    status: &crate::step::StepStatus,
    world: &World,
    found: &[invariants::Violation],
) {
    println!("{}", step_line(index, action, status, world));
    for v in found {
        println!("  VIOLATION {}", crate::names::humanize(&v.to_string()));
    }
}

/// The violations of a run that only the drain found, once per invariant: an invariant a
/// step already broke, or one the drain's deliveries break again and again, is told once.
pub fn drain_findings(report: &crate::run::RunReport) -> Vec<&invariants::Violation> {
    let drained = report.violations.len() - report.after_drain;
    let mut told: Vec<&str> = report.violations[..drained]
        .iter()
        .map(|v| v.invariant.as_str())
        .collect();
    let mut out = Vec::new();
    for v in &report.violations[drained..] {
        if !told.contains(&v.invariant.as_str()) {
            told.push(&v.invariant);
            out.push(v);
        }
    }
    out
}

/// Parts per billion as a percentage with four decimals: `750000` → `0.0750%`.
fn percent_of_billion(ppb: alloy_primitives::U256) -> String {
    let ppb: u128 = ppb.saturating_to();
    format!("{}.{:04}%", ppb / 10_000_000, (ppb % 10_000_000) / 1_000)
}
