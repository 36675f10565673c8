//! Filling the invariants' [`View`] from the world: the lens reads of both chains and the
//! relayer's decoded messages.

use alloy_primitives::{Address, U256};
use alloy_sol_types::{SolCall, SolValue};
use anyhow::Result;
use invariants::view::{
    self as iv, Book, ChainView, Chains, MessageView, TicketStatus, TicketView,
};

use crate::bindings::{IL1Gateway, IL2Gateway};
use crate::bridge::{OutboxMessage, Ticket, TicketState};
use crate::chain::ChainId;
use crate::designs::Role;
use crate::lens::ChainState;
use crate::world::World;

/// The design's contracts as the invariants name them.
pub fn book(world: &World) -> Book {
    let d = world.design;
    let a = |c: ChainId, r: Role| world.addr(c, d.role_name(c, r));
    use ChainId::{L1, L2};
    Book {
        l1_token: a(L1, Role::Token),
        l1_minter: a(L1, Role::Minter),
        l1_staking: a(L1, Role::Staking),
        l1_gateway: a(L1, Role::Gateway),
        l1_migrator: a(L1, Role::Migrator),
        bridge: world.relayer.addresses.bridge,
        l2_token: a(L2, Role::Token),
        l2_minter: a(L2, Role::Minter),
        l2_staking: a(L2, Role::Staking),
        l2_gateway: a(L2, Role::Gateway),
        l2_migrator: a(L2, Role::Migrator),
    }
}

fn chain_view(state: ChainState, accounts: &[Address]) -> ChainView {
    let (f, a) = (state.figures, state.authorities);
    ChainView {
        supply: f.totalSupply,
        total_bonded: f.totalBonded,
        round: state.round.saturating_to(),
        accounts: state
            .accounts
            .iter()
            .zip(accounts)
            .map(|(a, address)| iv::Account {
                address: *address,
                balance: a.balance,
                stake: a.stake.pendingStake,
                unbonding: a.stake.unbondingTotal,
                fees: a.stake.pendingFees,
                bonded: a.stake.bondedAmount,
                delegate: a.stake.delegate,
                registered: a.stake.registered,
                readable: a.stake.readable,
            })
            .collect(),
        gateway_balance: f.watchedBalances[0],
        custody: f.watchedBalances[1],
        gateway_paused: a.paused[0],
        minter_role: a.minterRole,
        burner_role: a.burnerRole,
        minter_delegates: a.minterDelegates,
    }
}

/// Reads both chains.
pub fn read_chains(world: &mut World) -> Result<Chains> {
    let l1_accounts = crate::lens::accounts(world, ChainId::L1);
    let l2_accounts = crate::lens::accounts(world, ChainId::L2);
    let l1 = world.read_chain(ChainId::L1)?;
    let l2 = world.read_chain(ChainId::L2)?;
    Ok(Chains {
        l1: chain_view(l1, &l1_accounts),
        l2: chain_view(l2, &l2_accounts),
    })
}

/// The read-cache generation at which each chain's view (L1, L2) was last read; see
/// [`read_touched`].
pub type ReadAt = [Option<u64>; 2];

/// The generations both chains are at now.
pub fn read_at(world: &World) -> ReadAt {
    [world.l1.read_generation(), world.l2.read_generation()]
}

/// Reads the chains that may have changed since `before` was read at `at`, and takes the
/// others from `before`. With the read cache on, a chain is read again exactly when its
/// cache has dropped a result since (otherwise every call of the read would be answered
/// as before); with it off, when the step touched the chain.
pub fn read_touched(world: &mut World, before: &Chains, at: &mut ReadAt) -> Result<Chains> {
    let now = read_at(world);
    let changed: [bool; 2] = std::array::from_fn(|i| match now[i] {
        Some(generation) => at[i] != Some(generation),
        None => world.effects.touched[i],
    });
    let out = Chains {
        l1: if changed[0] {
            read_one(world, ChainId::L1)?
        } else {
            before.l1.clone()
        },
        l2: if changed[1] {
            read_one(world, ChainId::L2)?
        } else {
            before.l2.clone()
        },
    };
    // Reading drops nothing, so the generations after the reads are those before them.
    *at = now;
    Ok(out)
}

fn read_one(world: &mut World, chain: ChainId) -> Result<ChainView> {
    let accounts = crate::lens::accounts(world, chain);
    let state = world.read_chain(chain)?;
    Ok(chain_view(state, &accounts))
}

/// What a gateway ticket carries: (LPT, the address it is for, the migration if any).
pub fn decode_ticket(book: &Book, t: &Ticket) -> (U256, Address, Option<(Address, Address)>) {
    if t.l1_sender != book.l1_gateway || t.to != book.l2_gateway {
        return (U256::ZERO, Address::ZERO, None);
    }
    let Ok(call) = IL2Gateway::finalizeInboundTransferCall::abi_decode(&t.data) else {
        return (U256::ZERO, Address::ZERO, None);
    };
    if call.to == book.l2_migrator && call.from == book.l1_migrator {
        if let Ok((delegator, dest)) = <(Address, Address)>::abi_decode_params(&call.data) {
            return (call.amount, delegator, Some((delegator, dest)));
        }
    }
    (call.amount, call.to, None)
}

/// What a gateway outbox message carries: (LPT, its L1 recipient).
pub fn decode_message(book: &Book, m: &OutboxMessage) -> (U256, Address) {
    if m.l2_sender != book.l2_gateway || m.to != book.l1_gateway {
        return (U256::ZERO, Address::ZERO);
    }
    match IL1Gateway::finalizeInboundTransferCall::abi_decode(&m.data) {
        Ok(call) => (call.amount, call.to),
        Err(_) => (U256::ZERO, Address::ZERO),
    }
}

/// The invariants' name for a relayer state.
pub fn status(s: TicketState) -> TicketStatus {
    match s {
        TicketState::Created => TicketStatus::Created,
        TicketState::Failed => TicketStatus::Failed,
        TicketState::Redeemed => TicketStatus::Redeemed,
        TicketState::Cancelled => TicketStatus::Cancelled,
        TicketState::Expired => TicketStatus::Expired,
    }
}

/// Every ticket, decoded.
pub fn tickets(
    world: &World,
    book: &Book,
    first_terminal: &[Option<TicketStatus>],
    stuck: &std::collections::BTreeSet<u64>,
) -> Vec<TicketView> {
    world
        .relayer
        .tickets
        .iter()
        .map(|t| {
            let (lpt, owner, migration) = decode_ticket(book, t);
            let plain_deposit = lpt > U256::ZERO
                && IL2Gateway::finalizeInboundTransferCall::abi_decode(&t.data)
                    .is_ok_and(|c| c.data.is_empty());
            TicketView {
                id: t.id,
                l1_sender: t.l1_sender,
                to: t.to,
                status: status(t.state),
                first_terminal: first_terminal.get(t.id as usize).copied().flatten(),
                successes: t.successes,
                lpt,
                beneficiary_of_value: owner,
                migration,
                stuck: stuck.contains(&t.id),
                valid: migration.is_some() || plain_deposit,
            }
        })
        .collect()
}

/// Every outbox message, decoded.
pub fn messages(world: &World, book: &Book) -> Vec<MessageView> {
    let now = world.l1.timestamp();
    world
        .relayer
        .outbox
        .iter()
        .map(|m| {
            let (lpt, recipient) = decode_message(book, m);
            MessageView {
                index: m.index,
                l2_sender: m.l2_sender,
                to: m.to,
                executions: m.executions,
                matured: now >= m.executable_at,
                lpt,
                recipient,
            }
        })
        .collect()
}
