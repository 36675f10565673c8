//! Running actions with every invariant checked after every step: the ghost ledger, the
//! per-step records the invariants read, the drain, and the quiescent check.

use std::collections::BTreeSet;

use alloy_primitives::{Address, U256};
use anyhow::Result;
use invariants::view::{
    self as iv, Chains, Checkpoint, Context, Ghost, MigrationIn, MigrationOut, StepInfo,
    TicketStatus, View, WithdrawalOut,
};
use invariants::{Invariant, Violation};

use crate::action::Action;
use crate::actors::Actor;
use alloy_sol_types::SolEvent;

use crate::bindings::{IL1Gateway, IMinter, IStaking};
use crate::chain::ChainId;
use crate::step::StepStatus;
use crate::world::World;
use crate::world_view as wv;

/// Checks a world's invariants step by step. Cloning one is cheap: a campaign clones the
/// genesis checker for every sequence.
#[derive(Clone)]
pub struct Checker {
    invariants: std::sync::Arc<Vec<Box<dyn Invariant>>>,
    book: iv::Book,
    ghost: Ghost,
    first_terminal: Vec<Option<TicketStatus>>,
    stuck: BTreeSet<u64>,
    /// (owner, spender) pairs with a non-zero LPT allowance on either chain.
    approvals: BTreeSet<(Address, Address)>,
    before: Chains,
    /// The read-cache generations `before` was read at.
    before_read_at: wv::ReadAt,
    value_before: Vec<U256>,
    step: usize,
}

/// `createReward(uint256,uint256)`'s selector, hashed once.
fn create_reward_selector() -> [u8; 4] {
    static SELECTOR: std::sync::LazyLock<[u8; 4]> = std::sync::LazyLock::new(|| {
        let h = alloy_primitives::keccak256("createReward(uint256,uint256)");
        [h[0], h[1], h[2], h[3]]
    });
    *SELECTOR
}

impl Checker {
    /// Starts checking `world` (at genesis) and checks step 0.
    pub fn new(world: &mut World) -> Result<(Self, Vec<Violation>)> {
        let book = wv::book(world);
        let now = wv::read_chains(world)?;
        let mut checker = Self {
            invariants: std::sync::Arc::new(invariants::for_design(world.design.name())),
            book,
            ghost: Ghost::default(),
            first_terminal: Vec::new(),
            stuck: BTreeSet::new(),
            approvals: BTreeSet::new(),
            before: now.clone(),
            before_read_at: wv::read_at(world),
            value_before: Vec::new(),
            step: 0,
        };
        checker.track_terminal(world);
        let mut view = checker.view(world, now, StepInfo::default(), Checkpoint::AfterStep);
        let in_flight = view.lpt_in_tickets() + view.lpt_in_outbox();
        checker.ghost.genesis_supply =
            view.now.l1.supply - view.now.l1.gateway_balance + view.now.l2.supply + in_flight;
        checker.ghost.escrow_genesis = view.now.l1.gateway_balance;
        view.ghost = checker.ghost.clone();
        let violations = invariants::check_all(&checker.invariants, &view);
        checker.value_before = invariants::value::actor_values(&view);
        Ok((checker, violations))
    }

    /// A view of `world` as it is now, with the current ghost (used by the benchmark to
    /// time the invariants alone).
    pub fn view_now(&self, world: &mut World) -> Result<View> {
        let now = wv::read_chains(world)?;
        Ok(self.view(world, now, StepInfo::default(), Checkpoint::AfterStep))
    }

    /// Both chains as the last check saw them.
    pub fn last_read(&self) -> &Chains {
        &self.before
    }

    /// The invariants being checked.
    pub fn invariants(&self) -> &[Box<dyn Invariant>] {
        &self.invariants
    }

    fn track_terminal(&mut self, world: &World) {
        self.first_terminal
            .resize(world.relayer.tickets.len(), None);
        for t in &world.relayer.tickets {
            let s = wv::status(t.state);
            let slot = &mut self.first_terminal[t.id as usize];
            if slot.is_none()
                && matches!(
                    s,
                    TicketStatus::Redeemed | TicketStatus::Cancelled | TicketStatus::Expired
                )
            {
                *slot = Some(s);
            }
        }
    }

    fn view(&self, world: &World, now: Chains, step: StepInfo, checkpoint: Checkpoint) -> View {
        View {
            checkpoint: Some(checkpoint),
            step,
            book: self.book.clone(),
            params: iv::Params {
                max_inflation_ppb: crate::designs::design_a::MAX_INFLATION,
            },
            before: self.before.clone(),
            now,
            tickets: wv::tickets(world, &self.book, &self.first_terminal, &self.stuck),
            messages: wv::messages(world, &self.book),
            supply_changes: Vec::new(),
            migrations_out: Vec::new(),
            migrations_in: Vec::new(),
            withdrawals: Vec::new(),
            ghost: self.ghost.clone(),
            value_before: self.value_before.clone(),
        }
    }

    /// Runs `action` as the next step and checks every Always invariant.
    pub fn step(
        &mut self,
        world: &mut World,
        action: &Action,
    ) -> Result<(StepStatus, Vec<Violation>)> {
        world.begin_step();
        let status = world.apply(action)?;
        self.step += 1;
        let mut owners = owners(world, &self.book, action);
        let sender = action.actor().map(Actor::address);
        let approvers: Vec<Address> = self
            .approvals
            .iter()
            .filter(|(_, spender)| Some(*spender) == sender)
            .map(|(owner, _)| *owner)
            .collect();
        owners.extend(approvers.iter().copied());
        self.track_approvals(world);
        let info = StepInfo {
            approvers,
            index: self.step,
            sender: action.actor().map(Actor::address),
            owners,
            governance: action.actor() == Some(Actor::Governor),
        };
        let violations = self.after_step(world, info, Checkpoint::AfterStep)?;
        Ok((status, violations))
    }

    fn after_step(
        &mut self,
        world: &mut World,
        info: StepInfo,
        checkpoint: Checkpoint,
    ) -> Result<Vec<Violation>> {
        let now = wv::read_touched(world, &self.before, &mut self.before_read_at)?;
        self.track_terminal(world);
        let (changes, outs, ins, withdrawals) = self.record_step(world, &now);
        let mut view = self.view(world, now, info, checkpoint);
        view.supply_changes = changes;
        view.migrations_out = outs;
        view.migrations_in = ins;
        view.withdrawals = withdrawals;
        view.ghost = self.ghost.clone();
        let violations = invariants::check_all(&self.invariants, &view);
        self.value_before = invariants::value::actor_values(&view);
        self.before = view.now;
        Ok(violations)
    }

    /// Updates the ghost ledger from the step's effects and returns the per-step records.
    fn record_step(
        &mut self,
        world: &World,
        now: &Chains,
    ) -> (
        Vec<iv::SupplyChange>,
        Vec<MigrationOut>,
        Vec<MigrationIn>,
        Vec<WithdrawalOut>,
    ) {
        let b = self.book.clone();
        let create_reward = create_reward_selector();
        self.ghost.step_inflation = U256::ZERO;

        for (chain, log) in &world.effects.logs {
            let minter = if *chain == ChainId::L1 {
                b.l1_minter
            } else {
                b.l2_minter
            };
            if log.address == minter {
                if let Ok(e) = IMinter::RoundInitialized::decode_log(log) {
                    let i = usize::from(*chain == ChainId::L2);
                    let base = if i == 0 {
                        self.before.l1.supply
                    } else {
                        self.before.l2.supply
                    };
                    self.ghost.rounds[i] = iv::RoundLedger {
                        round: Some(e.round.saturating_to()),
                        base,
                        minted: U256::ZERO,
                    };
                }
            }
            if log.address == b.l1_gateway {
                if let Ok(e) = IL1Gateway::DepositInitiated::decode_log(log) {
                    self.ghost.escrowed += e.amount;
                }
            }
        }

        let mut changes = Vec::new();
        let mut l1_minted_via_outbox = U256::ZERO;
        for rec in &world.effects.supply {
            let e = &rec.event;
            let on_l1 = rec.chain == ChainId::L1;
            if on_l1 && e.token == b.l1_token {
                // Into escrow: a deposit the gateway pulls from someone else is escrowed
                // (counted from the gateway's own events); anything else landing there,
                // a donation, a mint to it, a payout to itself, is unsolicited.
                let deposit_pull = e.from != b.l1_gateway
                    && e.stack.last().is_some_and(|f| f.caller == b.l1_gateway);
                if e.to == b.l1_gateway && !deposit_pull {
                    self.ghost.unsolicited += e.amount;
                }
                // Out of escrow: only the gateway can move its LPT.
                if e.from == b.l1_gateway && e.to != Address::ZERO {
                    self.ghost.released += e.amount;
                }
            }
            if !(e.is_mint() || e.is_burn()) {
                continue;
            }
            let minter = if on_l1 { b.l1_minter } else { b.l2_minter };
            if e.is_mint() {
                let inflation = e
                    .stack
                    .iter()
                    .any(|f| f.target == minter && f.selector == create_reward);
                if inflation {
                    self.ghost.step_inflation += e.amount;
                    self.ghost.rounds[usize::from(!on_l1)].minted += e.amount;
                    if on_l1 {
                        self.ghost.inflation_l1 += e.amount;
                    } else {
                        self.ghost.inflation_l2 += e.amount;
                    }
                }
                if on_l1 && e.stack.iter().any(|f| f.target == b.l1_gateway) {
                    self.ghost.shortfall_mints += e.amount;
                }
                if on_l1 && matches!(rec.context, Context::Outbox { .. }) {
                    l1_minted_via_outbox += e.amount;
                }
            }
            changes.push(iv::SupplyChange {
                on_l1,
                mint: e.is_mint(),
                token: e.token,
                holder: if e.is_mint() { e.to } else { e.from },
                amount: e.amount,
                stack: e.stack.clone(),
                context: rec.context,
            });
        }

        // The per-withdrawal record (invariant 6) needs a step with exactly one execution.
        let mut withdrawals = Vec::new();
        let executed = &world.effects.outbox_executed;
        let escrow_before = self.before.l1.gateway_balance;
        let escrow_after = now.l1.gateway_balance;
        if let [index] = executed[..] {
            let m = &world.relayer.outbox[index as usize];
            if m.to == b.l1_gateway && m.l2_sender == b.l2_gateway {
                let (amount, _) = wv::decode_message(&b, m);
                withdrawals.push(WithdrawalOut {
                    index,
                    amount,
                    escrow_before,
                    escrow_after,
                    minted: l1_minted_via_outbox,
                });
            }
        }

        let mut outs = Vec::new();
        for (chain, log) in &world.effects.logs {
            if *chain != ChainId::L1 || log.address != b.l1_staking {
                continue;
            }
            if let Ok(e) = IStaking::StakeMigrated::decode_log(log) {
                let d = e.delegator;
                let (before, after) = (self.before.l1.account(d), now.l1.account(d));
                outs.push(MigrationOut {
                    delegator: d,
                    amount: e.amount,
                    stake_before: before.map(|a| a.stake).unwrap_or_default(),
                    stake_after: after.map(|a| a.stake).unwrap_or_default(),
                    bonded_after: after.map(|a| a.bonded).unwrap_or_default(),
                    fees_before: before.map(|a| a.fees).unwrap_or_default(),
                    fees_after: after.map(|a| a.fees).unwrap_or_default(),
                });
            }
        }

        // Several tickets of one delegator can execute in one step (a drain runs them all):
        // its L2 stake must grow by what they carried together.
        let mut ins: Vec<MigrationIn> = Vec::new();
        for id in &world.effects.tickets_redeemed {
            let t = &world.relayer.tickets[*id as usize];
            if let (amount, _, Some((delegator, _))) = wv::decode_ticket(&b, t) {
                if let Some(m) = ins.iter_mut().find(|m| m.delegator == delegator) {
                    m.amount += amount;
                    continue;
                }
                let l2 = |c: &Chains| {
                    c.l2.account(delegator)
                        .map(|a| a.stake + a.unbonding)
                        .unwrap_or_default()
                };
                ins.push(MigrationIn {
                    ticket: *id,
                    delegator,
                    amount,
                    l2_before: l2(&self.before),
                    l2_after: l2(now),
                });
            }
        }
        (changes, outs, ins, withdrawals)
    }

    fn track_approvals(&mut self, world: &World) {
        for (_, log) in &world.effects.logs {
            if log.address != self.book.l1_token && log.address != self.book.l2_token {
                continue;
            }
            if let Ok(e) = crate::bindings::ILivepeerToken::Approval::decode_log(log) {
                if e.value.is_zero() {
                    self.approvals.remove(&(e.owner, e.spender));
                } else {
                    self.approvals.insert((e.owner, e.spender));
                }
            }
        }
    }

    /// Drains every queue (see [`drain`]) and checks every invariant, Quiescent ones
    /// included.
    pub fn finish(&mut self, world: &mut World) -> Result<Vec<Violation>> {
        world.begin_step();
        let stuck = drain(world)?;
        self.stuck.extend(stuck);
        let info = StepInfo {
            index: self.step,
            ..StepInfo::default()
        };
        self.after_step(world, info, Checkpoint::Quiescent)
    }
}

/// The addresses whose own positions `action` may change (see invariant 13).
fn owners(world: &World, book: &iv::Book, action: &Action) -> Vec<Address> {
    let mut out: Vec<Address> = action.actor().map(Actor::address).into_iter().collect();
    let target = |chain, name: &str| crate::action::resolve_target(&world.contracts, chain, name);
    match action {
        Action::Transfer { chain, to, .. } => out.extend(target(*chain, to)),
        Action::Deposit { to, .. } | Action::Withdraw { to, .. } => out.push(to.address()),
        Action::DeliverTicket { ticket }
        | Action::FailAutoRedeem { ticket }
        | Action::Redeem { ticket, .. } => {
            if let Some(t) = world.relayer.ticket(*ticket) {
                out.push(wv::decode_ticket(book, t).1);
            }
        }
        Action::ExecuteOutbox { message, .. } => {
            if let Some(m) = world.relayer.outbox.get(*message as usize) {
                out.push(wv::decode_message(book, m).1);
            }
        }
        _ => {}
    }
    out
}

/// Delivers everything that can be delivered: every created ticket's auto-redeem and a
/// redeem of every failed ticket, with ample gas; then L1 time moves past the challenge
/// period (L2 time stays, so no ticket expires) and every unexecuted outbox message is
/// executed. Repeats while anything new happens. Gateways stay as paused as they are.
/// Returns the tickets that still failed when redeemed.
pub fn drain(world: &mut World) -> Result<Vec<u64>> {
    let mut stuck = Vec::new();
    for _ in 0..4 {
        let seen = (world.relayer.tickets.len(), world.relayer.outbox.len());
        for id in world.open_tickets() {
            let result = match world.ticket_state(id) {
                Some(crate::bridge::TicketState::Created) => {
                    world.auto_redeem(id, Some(crate::bridge::REDEEM_GAS))?
                }
                _ => world.redeem(id)?,
            };
            if matches!(result, Ok(ref o) if !o.ok()) && !stuck.contains(&id) {
                stuck.push(id);
            }
        }
        world.advance(world.relayer.challenge_period + 1, 0);
        let executor = crate::designs::design_a::rollup_address();
        for index in 0..world.relayer.outbox.len() as u64 {
            if !world.relayer.outbox[index as usize].executed() {
                let _ = world.execute_outbox(index, executor)?;
            }
        }
        if (world.relayer.tickets.len(), world.relayer.outbox.len()) == seen {
            break;
        }
    }
    Ok(stuck)
}
