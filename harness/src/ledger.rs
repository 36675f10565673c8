//! A readable ledger of both chains and the bridge, for the demo and for reports.

use std::fmt::Write;

use alloy_primitives::U256;
use anyhow::Result;

use crate::actors::Actor;
use crate::bindings::ILivepeerToken;
use crate::chain::ChainId;
use crate::designs::Role;
use crate::world::World;

/// Formats wei as LPT (or ETH) with up to four decimals.
pub fn units(wei: U256) -> String {
    let unit = U256::from(10).pow(U256::from(18));
    let whole = wei / unit;
    let frac = (wei % unit) / U256::from(10).pow(U256::from(14));
    if frac.is_zero() {
        format!("{whole}")
    } else {
        format!("{whole}.{:04}", frac.to::<u64>())
            .trim_end_matches('0')
            .to_string()
    }
}

/// `wei` in whole units with every significant decimal (`6031.998455402101946575`, `0.000000000000000001`):
/// exact, for traces an auditor may re-enter.
pub fn exact_units(wei: U256) -> String {
    let unit = U256::from(10).pow(U256::from(18));
    let (whole, frac) = (wei / unit, wei % unit);
    if frac.is_zero() {
        return whole.to_string();
    }
    let digits = format!("{:0>18}", frac.to_string());
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// The ledger of both chains and the bridge as a multi-line table.
pub fn render(world: &mut World) -> Result<String> {
    let mut out = String::new();
    if world.design.behaves_as().builtin() {
        staking_chains(world, &mut out)?;
    } else {
        token_chains(world, &mut out)?;
    }
    bridge(world, &mut out)?;
    Ok(out)
}

/// A project's chains as its roles show them: the token's supply, the escrow, and each
/// actor's balance.
fn token_chains(world: &mut World, out: &mut String) -> Result<()> {
    for chain in [ChainId::L1, ChainId::L2] {
        let view = world.design.spec().read_chain(world, chain)?;
        let token = world
            .design
            .role_name(chain, Role::Token)
            .unwrap_or("no token");
        let escrow = match chain {
            ChainId::L1 => format!("  escrow {}", units(view.gateway_balance)),
            ChainId::L2 => String::new(),
        };
        writeln!(
            out,
            "{chain}  block {}  {token} supply {}{escrow}",
            world.chain(chain).block_number(),
            units(view.supply),
        )?;
        for a in view.accounts.iter().filter(|a| !a.balance.is_zero()) {
            writeln!(
                out,
                "    {:<14} {:>12}",
                crate::names::name_of(a.address),
                units(a.balance)
            )?;
        }
    }
    Ok(())
}

/// A built-in design's chains, read through its lens: supply, stake, the design's
/// custodians, and each actor's position.
fn staking_chains(world: &mut World, out: &mut String) -> Result<()> {
    let escrow_chain = world.design.spec().escrow_chain();
    for chain in [ChainId::L1, ChainId::L2] {
        let state = world.read_chain(chain)?;
        let [gateway, custody, migrator] = [
            state.figures.watchedBalances[0],
            state.figures.watchedBalances[1],
            state.figures.watchedBalances[2],
        ];
        let design = world.design;
        let name = |role| design.role_name(chain, role).unwrap_or("?");
        // Design C's LPT′: its supply, and each actor's balance as a column.
        let derivative = design
            .role_name(chain, Role::Derivative)
            .map(|_| world.role(chain, Role::Derivative));
        let mut prime = Vec::new();
        if let Some(token) = derivative {
            for actor in Actor::ALL {
                let call = ILivepeerToken::balanceOfCall(world.address_of(actor));
                prime.push(world.view(chain, token, &call)?);
            }
        }
        writeln!(
            out,
            "{chain}  block {}  round {}  supply {} LPT  bonded {}  {} {}{}  {} custody {}  {} {}{}",
            world.chain(chain).block_number(),
            state.round,
            units(state.figures.totalSupply),
            units(state.figures.totalBonded),
            name(Role::Gateway),
            units(gateway),
            if chain == escrow_chain { " (escrow)" } else { "" },
            name(Role::Minter),
            units(custody),
            name(Role::Migrator),
            units(migrator),
            match derivative {
                Some(token) => format!(
                    "  LPT′ supply {}",
                    units(world.view(chain, token, &ILivepeerToken::totalSupplyCall {})?)
                ),
                None => String::new(),
            },
        )?;
        writeln!(
            out,
            "    {:<14} {:>12}{} {:>12} {:>10} {:>10} {:>14}",
            "actor",
            "liquid LPT",
            if derivative.is_some() {
                "         LPT′"
            } else {
                ""
            },
            "stake",
            "unbonding",
            "fees ETH",
            "delegate"
        )?;
        for (i, actor) in Actor::ALL.iter().enumerate() {
            let (balance, a) = (state.accounts[i].balance, &state.accounts[i].stake);
            let lpt_prime = prime.get(i).copied().unwrap_or_default();
            if balance.is_zero()
                && lpt_prime.is_zero()
                && a.pendingStake.is_zero()
                && a.unbondingTotal.is_zero()
                && a.pendingFees.is_zero()
            {
                continue;
            }
            let delegate = if a.delegate.is_zero() {
                "-".to_string()
            } else {
                crate::names::name_of(a.delegate)
            };
            writeln!(
                out,
                "    {:<14} {:>12}{} {:>12} {:>10} {:>10} {:>14}{}",
                actor.name(),
                units(balance),
                if derivative.is_some() {
                    format!(" {:>12}", units(lpt_prime))
                } else {
                    String::new()
                },
                units(a.pendingStake),
                units(a.unbondingTotal),
                units(a.pendingFees),
                delegate,
                if a.registered { "  (registered)" } else { "" },
            )?;
        }
    }
    Ok(())
}

/// The bridge's tickets and outbox messages, decoded.
fn bridge(world: &World, out: &mut String) -> Result<()> {
    let r = &world.relayer;
    writeln!(
        out,
        "bridge  {} tickets, {} outbox messages",
        r.tickets.len(),
        r.outbox.len()
    )?;
    for t in &r.tickets {
        writeln!(
            out,
            "    ticket #{:<3} {:<10} from {} to {}  {}",
            t.id,
            format!("{:?}", t.state),
            crate::names::name_of(t.l1_sender),
            crate::names::name_of(t.to),
            crate::decode::call_description(&t.data),
        )?;
    }
    for m in &r.outbox {
        writeln!(
            out,
            "    outbox #{:<3} {:<10} from {} to {}  {}",
            m.index,
            if m.executed() { "Executed" } else { "Pending" },
            crate::names::name_of(m.l2_sender),
            crate::names::name_of(m.to),
            crate::decode::call_description(&m.data),
        )?;
    }
    Ok(())
}
