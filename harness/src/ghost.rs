//! The ghost ledger: what the harness counts from genesis on, from each step's token
//! transfers (with the call stack of each), logs and bridge deliveries. The invariants
//! compare the contracts with this independent account, not with the contracts' own books:
//! inflation by call path, the escrow's inflows and outflows, L1 mints for withdrawals, and
//! the design-specific flows (design B's rewards and allowances, design C's legacy lock and
//! reserve). It also builds the per-step records the invariants read (mints and burns,
//! migrations out and in, withdrawals, round starts).

use alloy_primitives::{Address, U256};
use invariants::view::{
    self as iv, Book, Chains, Channel, Context, Ghost, LockMade, LockPaid, MigrationIn,
    MigrationOut, RoundStart, WithdrawalOut,
};

use crate::bindings::{IMinter, IStaking};
use crate::chain::{event, ChainId};
use crate::designs::{DesignId, LockEvent};
use crate::world::World;
use crate::world_view as wv;

/// What one step did, as the invariants read it.
#[derive(Debug, Default)]
pub struct StepRecords {
    /// Mints and burns, with their stacks and bridge context.
    pub supply_changes: Vec<iv::SupplyChange>,
    /// Stake migrations out of L1.
    pub migrations_out: Vec<MigrationOut>,
    /// Migration tickets executed on L2, per delegator.
    pub migrations_in: Vec<MigrationIn>,
    /// Gateway withdrawals executed on L1.
    pub withdrawals: Vec<WithdrawalOut>,
    /// Rounds started.
    pub round_starts: Vec<RoundStart>,
    /// Unbonding locks made.
    pub locks_made: Vec<LockMade>,
    /// Unbonding locks paid out.
    pub locks_paid: Vec<LockPaid>,
}

/// The withdraw round of every unbonding lock made since genesis and still open, by
/// (chain is L1, delegator, lock id). Kept beside the ghost rather than in it: the ghost is
/// copied into every view, and this only needs reading when a lock is paid.
pub type LockBook = std::collections::HashMap<(bool, Address, U256), u64>;

/// Updates `ghost` with what `world`'s last step did and returns the step's records;
/// `before` and `now` are both chains around the step, `carried` what each ticket carries
/// (in ticket order, decoded by the design).
pub fn record_step(
    ghost: &mut Ghost,
    locks: &mut LockBook,
    world: &World,
    (book, carried): (&Book, &[crate::designs::Carried]),
    before: &Chains,
    now: &Chains,
) -> StepRecords {
    let spec = world.design.spec();
    ghost.step_inflation = U256::ZERO;
    ghost.step_rewards = U256::ZERO;
    ghost.step_outside_inflow = U256::ZERO;
    let custodians = book.custodians();
    let cast = world.design.cast();
    let is_actor = |a: Address| cast.actor_at(a).is_some();
    let mut records = StepRecords::default();

    // Design B: rewards reach the pool when their ticket executes.
    for id in &world.effects.tickets_redeemed {
        let c = &carried[*id as usize];
        if c.channel == Channel::Reward {
            ghost.rewards_bridged += c.lpt;
        }
    }

    // The escrow's holder (the L1 gateway, design D's `L1Escrow`, design C's L2 bridge)
    // and the gateway that deposits into it, pulling the depositor's LPT, and announces it.
    let (escrow_chain, escrow_holder, escrow_gateway, escrow_token) = match spec.escrow_chain() {
        ChainId::L1 => (ChainId::L1, book.l1_escrow, book.l1_gateway, book.l1_token),
        ChainId::L2 => (ChainId::L2, book.l2_gateway, book.l2_gateway, book.l2_token),
    };
    for (chain, log, _) in &world.effects.logs {
        let i = *chain as usize;
        let minter = [book.l1_minter, book.l2_minter][i];
        if log.address == minter {
            if let Some(e) = event::<IMinter::RoundInitialized>(log) {
                let round: u64 = e.round.saturating_to();
                let supply_before = [before.l1.supply, before.l2.supply][i];
                // A round starts once; a second start of it keeps the first one's ledger,
                // so that what it mints counts against the same cap.
                let repeated = ghost.rounds[i].round.is_some_and(|r| round <= r);
                if !repeated {
                    ghost.rounds[i] = iv::RoundLedger {
                        round: Some(round),
                        base: supply_before,
                        minted: U256::ZERO,
                    };
                }
                records.round_starts.push(RoundStart {
                    on_l1: *chain == ChainId::L1,
                    round,
                    repeated,
                    supply_before,
                    minted: U256::ZERO,
                });
            }
        }
        if *chain == escrow_chain && log.address == escrow_gateway {
            if let Some(amount) = spec.escrowed_by(log) {
                ghost.escrowed += amount;
            }
        }
        if world.design.behaves_as() == DesignId::B
            && *chain == ChainId::L2
            && log.address == book.l2_staking
        {
            if let Some(e) = event::<IStaking::Reward>(log) {
                pay_reward(ghost, world, now.l2.round, e.amount);
            }
        }
    }

    let mut minted_in_step = [U256::ZERO; 2];
    let mut l1_minted_via_outbox = U256::ZERO;
    for rec in &world.effects.supply {
        let e = &rec.event;
        let on_l1 = rec.chain == ChainId::L1;
        if rec.chain == escrow_chain && e.token == escrow_token {
            // Into escrow: a deposit the holder pulls from someone else is escrowed (counted
            // from its own events); anything else landing there, a donation, a mint to it,
            // a payout to itself, is unsolicited.
            let deposit_pull = e.from != escrow_holder
                && e.stack.last().is_some_and(|f| f.caller == escrow_gateway);
            if e.to == escrow_holder && !deposit_pull {
                ghost.unsolicited += e.amount;
            }
            // Out of escrow: only the holder can move its LPT.
            if e.from == escrow_holder && e.to != Address::ZERO {
                ghost.released += e.amount;
            }
        }
        if world.design.behaves_as() == DesignId::C {
            legacy_flows(ghost, book, rec.chain, e);
        }
        let lpt = [book.l1_token, book.l2_token, book.l1_derivative];
        if lpt.contains(&e.token)
            && is_actor(e.to)
            && e.from != Address::ZERO
            && !is_actor(e.from)
            && !custodians.contains(&e.from)
        {
            ghost.step_outside_inflow += e.amount;
        }
        if !(e.is_mint() || e.is_burn()) {
            continue;
        }
        if e.is_mint() {
            if spec.is_inflation(book, on_l1, &e.stack) {
                ghost.step_inflation += e.amount;
                ghost.rounds[usize::from(!on_l1)].minted += e.amount;
                minted_in_step[usize::from(!on_l1)] += e.amount;
                if on_l1 {
                    ghost.inflation_l1 += e.amount;
                } else {
                    ghost.inflation_l2 += e.amount;
                }
                // Per token only where an invariant reads it (a project's pairs): the
                // ghost is cloned into every step's view, and a built-in design mints
                // inflation every round.
                if !world.design.behaves_as().builtin() {
                    ghost.add_inflation(e.token, e.amount);
                }
            }
            // M1: L1 LPT (not design C's LPT′) minted through the L1 gateway.
            if on_l1
                && e.token == book.l1_token
                && e.stack.iter().any(|f| f.target == book.l1_gateway)
            {
                ghost.shortfall_mints += e.amount;
            }
            if on_l1 && matches!(rec.context, iv::Context::Outbox { .. }) {
                l1_minted_via_outbox += e.amount;
            }
        }
        records.supply_changes.push(iv::SupplyChange {
            on_l1,
            mint: e.is_mint(),
            token: e.token,
            holder: if e.is_mint() { e.to } else { e.from },
            amount: e.amount,
            stack: e.stack.clone(),
            context: rec.context,
        });
    }
    for start in &mut records.round_starts {
        start.minted = minted_in_step[usize::from(!start.on_l1)];
    }

    // The per-withdrawal record (invariant 6) needs a step with exactly one execution.
    if let [index] = world.effects.outbox_executed[..] {
        let m = &world.relayer.outbox[index as usize];
        if m.to == book.l1_gateway && m.l2_sender == book.l2_gateway {
            let (amount, _) = wv::decode_message(world.design, book, m);
            records.withdrawals.push(WithdrawalOut {
                index,
                amount,
                escrow_before: before.l1.gateway_balance,
                escrow_after: now.l1.gateway_balance,
                minted: l1_minted_via_outbox,
            });
        }
    }

    for (chain, log, _) in &world.effects.logs {
        if *chain != ChainId::L1 || log.address != book.l1_staking {
            continue;
        }
        if let Some(e) = event::<IStaking::StakeMigrated>(log) {
            let d = e.delegator;
            let (was, is) = (before.l1.account(d), now.l1.account(d));
            records.migrations_out.push(MigrationOut {
                delegator: d,
                amount: e.amount,
                stake_before: was.map(|a| a.stake).unwrap_or_default(),
                stake_after: is.map(|a| a.stake).unwrap_or_default(),
                bonded_after: is.map(|a| a.bonded).unwrap_or_default(),
                fees_before: was.map(|a| a.fees).unwrap_or_default(),
                fees_after: is.map(|a| a.fees).unwrap_or_default(),
            });
        }
    }

    record_locks(locks, &mut records, world, book, now);

    // Several tickets of one delegator can execute in one step (a drain runs them all):
    // its L2 stake must grow by what they carried together.
    for id in &world.effects.tickets_redeemed {
        let c = &carried[*id as usize];
        let Some((delegator, _)) = c.migration else {
            continue;
        };
        if let Some(m) = records
            .migrations_in
            .iter_mut()
            .find(|m| m.delegator == delegator)
        {
            m.amount += c.lpt;
            continue;
        }
        let l2 = |c: &Chains| {
            c.l2.account(delegator)
                .map(|a| a.stake + a.unbonding)
                .unwrap_or_default()
        };
        records.migrations_in.push(MigrationIn {
            ticket: *id,
            delegator,
            amount: c.lpt,
            l2_before: l2(before),
            l2_after: l2(now),
        });
    }
    records
}

/// Unbonding locks made, rebonded and paid in this step, from the staking contracts'
/// events; `locks` keeps each open lock's withdraw round for when it is paid.
fn record_locks(
    locks: &mut LockBook,
    records: &mut StepRecords,
    world: &World,
    book: &Book,
    now: &Chains,
) {
    for (chain, log, context) in &world.effects.logs {
        let on_l1 = *chain == ChainId::L1;
        let staking = if on_l1 {
            book.l1_staking
        } else {
            book.l2_staking
        };
        if log.address != staking {
            continue;
        }
        let round = if on_l1 { now.l1.round } else { now.l2.round };
        match world.design.spec().lock_event(log) {
            Some(LockEvent::Made {
                delegator,
                id,
                amount,
                withdraw_round,
            }) => {
                locks.insert((on_l1, delegator, id), withdraw_round);
                records.locks_made.push(LockMade {
                    on_l1,
                    delegator,
                    id,
                    amount,
                    round,
                    withdraw_round,
                    by_ticket: matches!(context, Context::Ticket { .. }),
                });
            }
            Some(LockEvent::Rebonded { delegator, id }) => {
                locks.remove(&(on_l1, delegator, id));
            }
            Some(LockEvent::Paid {
                delegator,
                id,
                amount,
            }) => records.locks_paid.push(LockPaid {
                on_l1,
                delegator,
                id,
                amount,
                round,
                due: locks.remove(&(on_l1, delegator, id)),
            }),
            None => {}
        }
    }
}

/// Design B: `amount` paid by `reward()` in L2 round `round`. The round's allowance is
/// fixed, by the documented rule, when the round pays its first reward, which is when the
/// pool itself starts the round.
fn pay_reward(ghost: &mut Ghost, world: &World, round: u64, amount: U256) {
    let n = world.design.spec().params().l2_rounds_per_l1_round.max(1);
    let ledger = &mut ghost.allowance;
    if ledger.round != Some(round) {
        let undistributed = ghost
            .rewards_bridged
            .saturating_sub(ghost.rewards_distributed);
        *ledger = iv::AllowanceLedger {
            round: Some(round),
            allowance: undistributed / U256::from(n - round % n),
            paid: U256::ZERO,
        };
    }
    ledger.paid += amount;
    ghost.rewards_distributed += amount;
    ghost.step_rewards += amount;
}

/// Design C: legacy LPT into and out of the LegacyMigrator, and L2 LPT into the reserve.
/// LPT reaches the lock legitimately only through the LegacyMigrator's own functions
/// (a pull of liquid LPT, or the BondingManager paying out a migrated stake), so the
/// LegacyMigrator is on the call stack; anything else is a donation. The reserve only ever
/// pays out after genesis.
fn legacy_flows(
    ghost: &mut Ghost,
    book: &Book,
    chain: ChainId,
    e: &crate::supply_trace::SupplyEvent,
) {
    match chain {
        ChainId::L1 if e.token == book.l1_token => {
            let lock = book.l1_migrator;
            if e.to == lock && e.from != lock {
                let through_lock =
                    e.from != Address::ZERO && e.stack.iter().any(|f| f.target == lock);
                if !through_lock {
                    ghost.lock_donations += e.amount;
                }
            }
            if e.from == lock && e.to != lock {
                ghost.unlocked += e.amount;
            }
        }
        ChainId::L2 if e.token == book.l2_token => {
            let reserve = book.l2_migrator;
            if e.to == reserve && e.from != reserve {
                ghost.reserve_donations += e.amount;
            }
        }
        _ => {}
    }
}
