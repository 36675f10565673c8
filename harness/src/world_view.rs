//! Filling the invariants' [`View`] from the world: the lens reads of both chains, each
//! design's own figures, and the relayer's messages decoded as the design reads them.

use alloy_primitives::{Address, U256};
use anyhow::Result;
use invariants::authority::{BURNERS, DELEGATES, MINTERS};
use invariants::view::{
    self as iv, Book, ChainView, Chains, MessageView, RoleSet, TicketStatus, TicketView,
};

use crate::bridge::{OutboxMessage, Ticket, TicketState};
use crate::chain::ChainId;
use crate::designs::{Carried, Role};
use crate::lens::ChainState;
use crate::world::World;

/// The design's contracts as the invariants name them.
pub fn book(world: &World) -> Book {
    world.design.spec().book(world)
}

/// A book filled from the design's [`Role`]s (what [`crate::designs::Design::book`] does
/// unless a design says otherwise).
pub fn book_of_roles(world: &World) -> Book {
    let d = world.design;
    let a = |c: ChainId, r: Role| world.role(c, r);
    let optional = |c: ChainId, r: Role| {
        d.role_name(c, r)
            .map(|name| world.addr(c, name))
            .unwrap_or(Address::ZERO)
    };
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
        l1_escrow: a(L1, Role::Escrow),
        l1_derivative: optional(L1, Role::Derivative),
        oracle: optional(L1, Role::Oracle),
        reporters: d.spec().reporters(),
    }
}

fn chain_view(state: ChainState, accounts: &[Address], timestamp: u64) -> ChainView {
    let (f, a) = (state.figures, state.authorities);
    let set = |what: &str, holders: Vec<Address>| RoleSet {
        what: what.to_string(),
        holders,
    };
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
                derivative: U256::ZERO,
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
        migrator_balance: f.watchedBalances[2],
        gateway_paused: a.paused[0],
        roles: vec![
            set(MINTERS, a.minterRole),
            set(BURNERS, a.burnerRole),
            set(DELEGATES, a.minterDelegates),
        ],
        timestamp,
        derivative_supply: U256::ZERO,
        policy: None,
        pool: None,
        frozen_migrated: Vec::new(),
        delegation_migrated: Vec::new(),
        pools: Vec::new(),
        cache: None,
        tokens: Vec::new(),
    }
}

/// Reads both chains.
pub fn read_chains(world: &mut World) -> Result<Chains> {
    Ok(Chains {
        l1: read_one(world, ChainId::L1)?,
        l2: read_one(world, ChainId::L2)?,
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
    world.design.spec().read_chain(world, chain)
}

/// Reads `chain` through the design's lens contract, then the design's own figures (what
/// [`crate::designs::Design::read_chain`] does unless a design says otherwise).
pub fn read_through_lens(world: &mut World, chain: ChainId) -> Result<ChainView> {
    let accounts = crate::lens::accounts(world, chain);
    let state = world.read_chain(chain)?;
    let timestamp = world.chain(chain).timestamp();
    let mut view = chain_view(state, &accounts, timestamp);
    world.design.spec().read_extras(world, chain, &mut view)?;
    Ok(view)
}

/// What ticket `t` carries, as the world's design reads it.
pub fn decode_ticket(world: &World, book: &Book, t: &Ticket) -> Carried {
    world.design.spec().decode_ticket(book, t)
}

/// What a bridge message carries: (LPT, its L1 recipient), as `design` reads it.
pub fn decode_message(
    design: crate::designs::DesignId,
    book: &Book,
    m: &OutboxMessage,
) -> (U256, Address) {
    design.spec().decode_message(book, m)
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

/// Every ticket, with what each carries (`carried`, in ticket order, decoded by the design).
pub fn tickets(
    world: &World,
    carried: &[Carried],
    first_terminal: &[Option<TicketStatus>],
    stuck: &std::collections::BTreeSet<u64>,
) -> Vec<TicketView> {
    world
        .relayer
        .tickets
        .iter()
        .zip(carried)
        .map(|(t, carried)| TicketView {
            id: t.id,
            l1_sender: t.l1_sender,
            to: t.to,
            status: status(t.state),
            first_terminal: first_terminal.get(t.id as usize).copied().flatten(),
            successes: t.successes,
            lpt: carried.lpt,
            channel: carried.channel,
            beneficiary_of_value: carried.beneficiary,
            migration: carried.migration,
            stuck: stuck.contains(&t.id),
            valid: carried.valid,
            canceller: t.beneficiary,
            owner: carried.owner,
            cancelled_by: t.cancelled_by,
            expires_at: t.created_at + crate::bridge::TICKET_LIFETIME,
            redeemed_at: t.redeemed_at,
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
            let (lpt, recipient) = decode_message(world.design, book, m);
            MessageView {
                index: m.index,
                l2_sender: m.l2_sender,
                to: m.to,
                executions: m.executions,
                matured: now >= m.executable_at,
                executable_at: m.executable_at,
                executed_at: m.executed_at,
                lpt,
                recipient,
            }
        })
        .collect()
}
