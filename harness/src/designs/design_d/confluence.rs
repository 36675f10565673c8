//! Design D's step records: what a step did to migrations, read from the migration
//! contracts' events and checked against the frozen L1 protocol, which the harness reads
//! itself (see `invariants::confluence`). Also the ghost counters only design D keeps: the
//! newest supply report delivered, the L2 supply that came from L1, and the L2 round's
//! mintable.

use std::collections::{BTreeMap, BTreeSet};

use alloy_primitives::{Address, U256};
use alloy_sol_types::SolCall;
use anyhow::Result;
use invariants::view::{
    Book, Chains, ConfluenceStep, Context, Finalized, Frozen, Ghost, Initiated, MigrationKind,
    PoolClaim, RoundLedger,
};

use super::bindings::*;
use crate::action::Action;
use crate::chain::event;
use crate::chain::ChainId::{L1, L2};
use crate::world::World;

/// What has been finalised since genesis, by either path: the replay record the invariants
/// compare each new finalisation with, kept by the harness, not read from the L2 Migrator.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    delegators: BTreeSet<Address>,
    locks: BTreeSet<(Address, U256)>,
    senders: BTreeSet<Address>,
    /// Per orchestrator, the frozen stake of its delegators credited directly (bonded to it,
    /// not paid from a pool) before it migrated.
    direct: BTreeMap<Address, U256>,
    /// Every supply report ticket sent since genesis, with L1's supply when it was sent.
    reports: BTreeMap<u64, U256>,
}

impl Ledger {
    /// The migrations the genesis story finalised, read from the L2 Migrator once, at
    /// genesis (the story is trusted; after it, the ledger counts from events alone). A
    /// delegator migrated before its orchestrator counts, from its frozen L1 stake, as
    /// credited to that orchestrator directly.
    pub fn at_genesis(world: &mut World) -> Result<Ledger> {
        let migrator = world.addr(L2, "L2Migrator");
        let bonding = world.addr(L1, "L1BondingManager");
        let mut ledger = Ledger::default();
        for actor in crate::actors::Actor::ALL {
            let a = actor.address();
            if world.view(
                L2,
                migrator,
                &IL2Migrator::migratedDelegatorsCall { l1Addr: a },
            )? {
                ledger.delegators.insert(a);
            }
            if world.view(
                L2,
                migrator,
                &IL2Migrator::migratedSendersCall { l1Addr: a },
            )? {
                ledger.senders.insert(a);
            }
            let d = world.l1.view_cached(
                bonding,
                &ILivepeerBonding::getDelegatorCall { delegator: a },
            )?;
            for id in 0..d.nextUnbondingLockId.saturating_to::<u64>() {
                let id = U256::from(id);
                let call = IL2Migrator::migratedUnbondingLocksCall { l1Addr: a, id };
                if world.view(L2, migrator, &call)? {
                    ledger.locks.insert((a, id));
                }
            }
        }
        for &a in &ledger.delegators.clone() {
            let frozen = frozen_delegation(world, a)?;
            if frozen.delegate != a && !ledger.delegators.contains(&frozen.delegate) {
                *ledger.direct.entry(frozen.delegate).or_insert(U256::ZERO) += frozen.stake;
            }
        }
        Ok(ledger)
    }

    /// Whether `t` carries a migration the L2 Migrator must refuse because the ledger has
    /// already seen it finalised: a replayed message is not a valid ticket, and liveness
    /// does not promise that it completes (`migrated-once` is what forbids it to).
    pub fn refuses(&self, book: &Book, t: &crate::bridge::Ticket) -> bool {
        if t.l1_sender != book.l1_migrator || t.to != book.l2_migrator {
            return false;
        }
        if let Ok(c) = IL2Migrator::finalizeMigrateDelegatorCall::abi_decode(&t.data) {
            return self.delegators.contains(&c.params.l1Addr);
        }
        if let Ok(c) = IL2Migrator::finalizeMigrateUnbondingLocksCall::abi_decode(&t.data) {
            let l1 = c.params.l1Addr;
            return c
                .params
                .unbondingLockIds
                .iter()
                .any(|id| self.locks.contains(&(l1, *id)));
        }
        if let Ok(c) = IL2Migrator::finalizeMigrateSenderCall::abi_decode(&t.data) {
            return self.senders.contains(&c.params.l1Addr);
        }
        false
    }
}

/// Sets design D's ghost counters from the world at genesis, from the bridge's own record
/// of the genesis's tickets and messages: the newest supply report delivered (its supply is
/// the report's first argument, the one every form of `finalizeCacheTotalSupply` starts
/// with), and the L2 supply that came from L1 (the L1 gateway's tickets the L2 gateway
/// redeemed, less what the L2 gateway sent back). The L2 Minter's allowance for the round
/// under way is where the harness starts counting inflation.
pub fn genesis(world: &mut World, ghost: &mut Ghost, book: &Book) -> Result<()> {
    let (l1_cache, l2_cache) = (
        world.addr(L1, "L1LPTDataCache"),
        world.addr(L2, "L2LPTDataCache"),
    );
    let mut from_l1 = U256::ZERO;
    for t in &world.relayer.tickets {
        if t.state != crate::bridge::TicketState::Redeemed {
            continue;
        }
        if t.l1_sender == l1_cache && t.to == l2_cache {
            ghost.newest_supply_report = Some((t.id, reported_supply(t)));
        }
        if t.l1_sender == book.l1_gateway && t.to == book.l2_gateway {
            from_l1 += crate::world_view::decode_ticket(world, book, t).lpt;
        }
    }
    for m in &world.relayer.outbox {
        if m.l2_sender == book.l2_gateway {
            let (amount, _) = crate::world_view::decode_message(world.design, book, m);
            from_l1 = from_l1.saturating_sub(amount);
        }
    }
    ghost.supply_from_l1 = from_l1;
    let minter = world.addr(L2, "L2Minter");
    let mintable = world.view(L2, minter, &ILivepeerMinter::currentMintableTokensCall {})?;
    let minted = world.view(L2, minter, &ILivepeerMinter::currentMintedTokensCall {})?;
    ghost.l2_round_mintable = mintable.saturating_sub(minted);
    Ok(())
}

/// The L1 supply a report ticket carries: the first argument, with which every form of
/// `finalizeCacheTotalSupply` starts (zero if it has none).
fn reported_supply(t: &crate::bridge::Ticket) -> U256 {
    t.data
        .get(4..36)
        .map(U256::from_be_slice)
        .unwrap_or_default()
}

/// Whether the step's signer may start a migration of `l1` to `l2` (naming `locks`): it is
/// `l1`, or the step is the harness's own migration action signed by `l1` for exactly this.
fn authorised(action: Option<&Action>, l1: Address, l2: Address, locks: &[U256]) -> bool {
    let Some(action) = action else {
        return false;
    };
    if action.actor().map(|a| a.address()) == Some(l1) {
        return true;
    }
    match action {
        Action::MigrateDelegator {
            owner,
            l2: to,
            signed,
            ..
        }
        | Action::MigrateSender {
            owner,
            l2: to,
            signed,
            ..
        } => *signed && owner.address() == l1 && to.address() == l2,
        Action::MigrateLocks {
            owner,
            l2: to,
            locks: ids,
            signed,
            ..
        } => {
            *signed
                && owner.address() == l1
                && to.address() == l2
                && ids.iter().map(|i| U256::from(*i)).eq(locks.iter().copied())
        }
        _ => false,
    }
}

/// The frozen L1 delegation of `a`.
fn frozen_delegation(world: &mut World, a: Address) -> Result<Frozen> {
    let bonding = world.addr(L1, "L1BondingManager");
    let max = U256::MAX;
    let d = world.l1.view_cached(
        bonding,
        &ILivepeerBonding::getDelegatorCall { delegator: a },
    )?;
    Ok(Frozen {
        stake: world.l1.view_cached(
            bonding,
            &ILivepeerBonding::pendingStakeCall {
                delegator: a,
                endRound: max,
            },
        )?,
        fees: world.l1.view_cached(
            bonding,
            &ILivepeerBonding::pendingFeesCall {
                delegator: a,
                endRound: max,
            },
        )?,
        delegate: d.delegateAddress,
        delegated: d.delegatedAmount,
    })
}

/// The frozen total of `a`'s locks `ids`, each counted once, and its delegate.
fn frozen_locks(world: &mut World, a: Address, ids: &[U256]) -> Result<Frozen> {
    let bonding = world.addr(L1, "L1BondingManager");
    let mut frozen = frozen_delegation(world, a)?;
    let distinct: BTreeSet<U256> = ids.iter().copied().collect();
    frozen.stake = U256::ZERO;
    frozen.fees = U256::ZERO;
    for id in distinct {
        let lock = world.l1.view_cached(
            bonding,
            &ILivepeerBonding::getDelegatorUnbondingLockCall {
                delegator: a,
                unbondingLockId: id,
            },
        )?;
        frozen.stake += lock.amount;
    }
    Ok(frozen)
}

/// The frozen TicketBroker deposit (as `stake`) and reserve (as `fees`) of `a`.
fn frozen_sender(world: &mut World, a: Address) -> Result<Frozen> {
    let broker = world.addr(L1, "L1TicketBroker");
    let info = world
        .l1
        .view_cached(broker, &ITicketBroker::getSenderInfoCall { account: a })?;
    Ok(Frozen {
        stake: info.info.deposit,
        fees: info.reserve.fundsRemaining,
        ..Frozen::default()
    })
}

/// Records what `world`'s last step did to migrations, updating `ledger` and design D's
/// ghost counters. `action` is the step's own action (`None` for a drain's delivery).
pub fn record(
    world: &mut World,
    ledger: &mut Ledger,
    ghost: &mut Ghost,
    (book, action): (&Book, Option<&Action>),
    before: &Chains,
    now: &Chains,
) -> Result<ConfluenceStep> {
    let mut step = ConfluenceStep::default();
    let l2_minter = book.l2_minter;
    let l2_broker = world.addr(L2, "L2TicketBroker");
    let pools: BTreeSet<Address> = now.l2.pools.iter().map(|p| p.pool).collect();
    // What each pool paid each delegator in the step: (stake, fees).
    let mut paid_by_pools: BTreeMap<(Address, Address), (U256, U256)> = BTreeMap::new();
    let logs = world.effects.logs.clone();
    for (chain, log, _) in &logs {
        let a = log.address;
        if *chain == L1 && a == book.l1_migrator {
            if let Some(e) = event::<IL1Migrator::MigrateDelegatorInitiated>(log) {
                let p = e.params;
                step.initiated.push(initiated(
                    MigrationKind::Delegator,
                    p.l1Addr,
                    p.l2Addr,
                    Vec::new(),
                    action,
                ));
            } else if let Some(e) = event::<IL1Migrator::MigrateUnbondingLocksInitiated>(log) {
                let p = e.params;
                step.initiated.push(initiated(
                    MigrationKind::Locks,
                    p.l1Addr,
                    p.l2Addr,
                    p.unbondingLockIds,
                    action,
                ));
            } else if let Some(e) = event::<IL1Migrator::MigrateSenderInitiated>(log) {
                let p = e.params;
                step.initiated.push(initiated(
                    MigrationKind::Sender,
                    p.l1Addr,
                    p.l2Addr,
                    Vec::new(),
                    action,
                ));
            }
            continue;
        }
        if *chain != L2 {
            continue;
        }
        if a == book.l2_migrator {
            if let Some(e) = event::<IL2Migrator::MigrateDelegatorFinalized>(log) {
                let p = e.params;
                let frozen = frozen_delegation(world, p.l1Addr)?;
                let f = finalized(
                    ledger,
                    MigrationKind::Delegator,
                    (p.l1Addr, p.l2Addr),
                    (p.stake, p.fees, p.delegate),
                    Vec::new(),
                    frozen,
                    before,
                    now,
                );
                step.finalized.push(f);
            } else if let Some(e) = event::<IL2Migrator::StakeClaimed>(log) {
                let frozen = frozen_delegation(world, e.delegator)?;
                let f = finalized(
                    ledger,
                    MigrationKind::Claim,
                    (e.delegator, e.delegator),
                    (e.stake, e.fees, e.delegate),
                    Vec::new(),
                    frozen,
                    before,
                    now,
                );
                step.finalized.push(f);
            } else if let Some(e) = event::<IL2Migrator::MigrateUnbondingLocksFinalized>(log) {
                let p = e.params;
                let frozen = frozen_locks(world, p.l1Addr, &p.unbondingLockIds)?;
                let f = finalized(
                    ledger,
                    MigrationKind::Locks,
                    (p.l1Addr, p.l2Addr),
                    (p.total, U256::ZERO, p.delegate),
                    p.unbondingLockIds,
                    frozen,
                    before,
                    now,
                );
                step.finalized.push(f);
            } else if let Some(e) = event::<IL2Migrator::MigrateSenderFinalized>(log) {
                let p = e.params;
                let frozen = frozen_sender(world, p.l1Addr)?;
                let f = finalized(
                    ledger,
                    MigrationKind::Sender,
                    (p.l1Addr, p.l2Addr),
                    (p.deposit, p.reserve, Address::ZERO),
                    Vec::new(),
                    frozen,
                    before,
                    now,
                );
                step.finalized.push(f);
            }
        } else if a == book.l2_staking {
            // A pool pays a claim by moving part of its bond and withdrawing part of its
            // fees to the delegator, which the BondingManager announces.
            if let Some(e) = event::<ILivepeerBonding::TransferBond>(log) {
                if pools.contains(&e.oldDelegator) {
                    paid_by_pools
                        .entry((e.oldDelegator, e.newDelegator))
                        .or_default()
                        .0 += e.amount;
                }
            } else if let Some(e) = event::<ILivepeerBonding::WithdrawFees>(log) {
                if pools.contains(&e.delegator) {
                    paid_by_pools
                        .entry((e.delegator, e.recipient))
                        .or_default()
                        .1 += e.amount;
                }
            }
        } else if a == l2_broker {
            if let Some(e) = event::<ITicketBroker::DepositFunded>(log) {
                step.funded.push((e.sender, e.amount, U256::ZERO));
            } else if let Some(e) = event::<ITicketBroker::ReserveFunded>(log) {
                step.funded.push((e.reserveHolder, U256::ZERO, e.amount));
            }
        } else if a == l2_minter {
            if let Some(e) = event::<ILivepeerMinter::SetCurrentRewardTokens>(log) {
                step.round_starts
                    .push((e.currentMintableTokens, e.currentInflation));
                // The round's ledger starts here; what the step mints after this (a reward in
                // the same step) counts in it.
                ghost.l2_round_mintable = e.currentMintableTokens;
                ghost.rounds[1] = RoundLedger {
                    round: Some(now.l2.round),
                    base: before.l2.supply,
                    minted: U256::ZERO,
                };
            }
        }
    }
    step.fees_paid = world
        .effects
        .eth
        .iter()
        .filter(|(chain, _)| *chain == L2)
        .map(|(_, t)| (t.to, t.amount))
        .collect();
    // A claim that pays nothing (its share rounds to zero) moves nothing the BondingManager
    // announces; the pool's count of claimed stake still shows it, and the delegator is the
    // one whose migration named the pool's orchestrator.
    for p in &now.l2.pools {
        let claimed_before = before.l2.pools.iter().find(|b| b.pool == p.pool);
        let claimed = claimed_before.is_none_or(|b| p.claimed > b.claimed) && !p.claimed.is_zero();
        if !claimed || paid_by_pools.keys().any(|(pool, _)| *pool == p.pool) {
            continue;
        }
        if let Some(f) = step.finalized.iter().find(|f| {
            matches!(f.kind, MigrationKind::Delegator | MigrationKind::Claim)
                && f.delegate == p.orchestrator
                && f.l1 != f.delegate
        }) {
            paid_by_pools.insert((p.pool, f.l2), (U256::ZERO, U256::ZERO));
        }
    }
    step.pool_claims = paid_by_pools
        .into_iter()
        .map(|((pool, delegator), (stake, fees))| PoolClaim {
            pool,
            delegator,
            stake,
            fees,
        })
        .collect();
    count_supply_from_l1(world, ledger, ghost, book, now);
    Ok(step)
}

fn initiated(
    kind: MigrationKind,
    l1: Address,
    l2: Address,
    locks: Vec<U256>,
    action: Option<&Action>,
) -> Initiated {
    Initiated {
        kind,
        l1,
        l2,
        authorised: authorised(action, l1, l2, &locks),
        locks,
    }
}

/// One finalisation, with the replay record updated: a delegation (by either path) marks
/// its L1 address, locks their ids, a sender its address; a delegator credited directly
/// counts against its orchestrator's future pool.
#[allow(clippy::too_many_arguments)]
fn finalized(
    ledger: &mut Ledger,
    kind: MigrationKind,
    (l1, l2): (Address, Address),
    (stake, fees, delegate): (U256, U256, Address),
    locks: Vec<U256>,
    frozen: Frozen,
    before: &Chains,
    now: &Chains,
) -> Finalized {
    let mut f = Finalized {
        kind,
        l1,
        l2,
        stake,
        fees,
        delegate,
        again: false,
        frozen,
        pool: None,
        direct_before: U256::ZERO,
        locks: Vec::new(),
    };
    match kind {
        MigrationKind::Delegator | MigrationKind::Claim => {
            f.again = !ledger.delegators.insert(l1);
            if l1 == delegate {
                f.direct_before = ledger.direct.get(&l1).copied().unwrap_or_default();
                f.pool = now.l2.pools.iter().find(|p| p.orchestrator == l1).cloned();
            } else if !before.l2.pools.iter().any(|p| p.orchestrator == delegate) {
                *ledger.direct.entry(delegate).or_insert(U256::ZERO) += stake;
            }
        }
        MigrationKind::Locks => {
            for id in &locks {
                f.again |= !ledger.locks.insert((l1, *id));
            }
        }
        MigrationKind::Sender => f.again = !ledger.senders.insert(l1),
    }
    f.locks = locks;
    f
}

/// Design D's count of L2 supply from L1 (what the L2 gateway mints for deposits, in a
/// ticket of the L1 gateway, less what it burns for withdrawals), and of the newest supply
/// report delivered: each report ticket is noted with L1's supply when it is sent, and the
/// highest one redeemed is the newest.
fn count_supply_from_l1(
    world: &World,
    ledger: &mut Ledger,
    ghost: &mut Ghost,
    book: &Book,
    now: &Chains,
) {
    for rec in &world.effects.supply {
        let e = &rec.event;
        if rec.chain != L2 || e.token != book.l2_token {
            continue;
        }
        let by_gateway = e.stack.last().is_some_and(|f| f.caller == book.l2_gateway);
        if e.is_mint()
            && by_gateway
            && matches!(rec.context, Context::Ticket { l1_sender, .. } if l1_sender == book.l1_gateway)
        {
            ghost.supply_from_l1 += e.amount;
        } else if e.is_burn() && by_gateway {
            ghost.supply_from_l1 = ghost.supply_from_l1.saturating_sub(e.amount);
        }
    }
    let cache = world.addr(L1, "L1LPTDataCache");
    let l2_cache = world.addr(L2, "L2LPTDataCache");
    let is_report = |id: u64| {
        let t = &world.relayer.tickets[id as usize];
        t.l1_sender == cache && t.to == l2_cache
    };
    for id in world
        .effects
        .tickets_created
        .iter()
        .copied()
        .filter(|id| is_report(*id))
    {
        ledger.reports.insert(id, now.l1.supply);
    }
    for id in world
        .effects
        .tickets_redeemed
        .iter()
        .copied()
        .filter(|id| is_report(*id))
    {
        // A report sent during the genesis is known by what it carries.
        let supply = match ledger.reports.get(&id) {
            Some(supply) => *supply,
            None => reported_supply(&world.relayer.tickets[id as usize]),
        };
        if ghost
            .newest_supply_report
            .is_none_or(|(newest, _)| id > newest)
        {
            ghost.newest_supply_report = Some((id, supply));
        }
    }
}
