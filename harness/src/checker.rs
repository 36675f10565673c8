//! Running actions with every invariant checked after every step: the ghost ledger, the
//! per-step records the invariants read, the drain, and the quiescent check.

use std::collections::BTreeSet;

use alloy_primitives::{Address, U256};
use anyhow::Result;
use invariants::view::{self as iv, Chains, Checkpoint, Ghost, StepInfo, TicketStatus, View};
use invariants::{Invariant, Violation};

use crate::action::Action;
use crate::actors::Actor;

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
    /// What each ticket carries, decoded once: a ticket's call never changes, and the view
    /// lists every ticket after every step.
    carried: Vec<crate::designs::Carried>,
    stuck: BTreeSet<u64>,
    /// Every unbonding lock made since genesis and not yet paid or rebonded.
    locks: crate::ghost::LockBook,
    /// During the final check of an exit, what the exit did.
    exit: Option<iv::Exit>,
    /// (owner, spender) pairs with a non-zero LPT allowance on either chain.
    approvals: BTreeSet<(Address, Address)>,
    before: Chains,
    /// The read-cache generations `before` was read at.
    before_read_at: wv::ReadAt,
    value_before: Vec<U256>,
    step: usize,
    /// Design D: what has migrated since genesis.
    confluence: Option<crate::designs::design_d::confluence::Ledger>,
}

impl Checker {
    /// Starts checking `world` (at genesis) and checks step 0.
    pub fn new(world: &mut World) -> Result<(Self, Vec<Violation>)> {
        let book = wv::book(world);
        let now = wv::read_chains(world)?;
        let mut checker = Self {
            invariants: std::sync::Arc::new(world.design.spec().invariants()),
            book,
            ghost: Ghost::default(),
            first_terminal: Vec::new(),
            carried: Vec::new(),
            stuck: BTreeSet::new(),
            locks: Default::default(),
            exit: None,
            approvals: BTreeSet::new(),
            before: now.clone(),
            before_read_at: wv::read_at(world),
            value_before: Vec::new(),
            step: 0,
            confluence: None,
        };
        if world.design.behaves_as() == crate::designs::DesignId::D {
            checker.confluence = Some(crate::designs::design_d::confluence::Ledger::at_genesis(
                world,
            )?);
        }
        checker.track_terminal(world);
        let mut view = checker.view(world, now, StepInfo::default(), Checkpoint::AfterStep);
        checker.ghost.genesis_supply = invariants::supply::circulating(&view);
        checker.ghost.escrow_genesis = view.escrow();
        if checker.confluence.is_some() {
            let book = checker.book.clone();
            crate::designs::design_d::confluence::genesis(world, &mut checker.ghost, &book)?;
        }
        // A round started during genesis counts as started: starting it again is a second
        // start. (What it minted before genesis is the genesis supply's.)
        for (i, chain) in [ChainId::L1, ChainId::L2].into_iter().enumerate() {
            if let Some(round) = world.design.spec().round_at_genesis(world, chain)? {
                checker.ghost.rounds[i] = iv::RoundLedger {
                    round: Some(round),
                    base: [view.now.l1.supply, view.now.l2.supply][i],
                    minted: U256::ZERO,
                };
            }
        }
        // Design B's genesis delivers a round's rewards (and pays none out): the bridged
        // count starts from what the relayer delivered, not from the pool's own books.
        checker.ghost.rewards_bridged = view
            .tickets
            .iter()
            .filter(|t| t.channel == iv::Channel::Reward && t.status == TicketStatus::Redeemed)
            .map(|t| t.lpt)
            .sum();
        view.ghost = checker.ghost.clone();
        let mut violations = invariants::check_all(&checker.invariants, &view);
        violations.extend(broken_properties(world, 0));
        crate::transcript::mark(0, Checkpoint::AfterStep, &view.now, &violations);
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

    /// What the checker remembers of the path that led to the current state, in a canonical
    /// text: the ghost ledger, the open locks, the approvals, each ticket's first terminal
    /// status, the stuck tickets and design D's migration ledger. Two paths to the same
    /// chains with the same history here are checked alike from then on; the explorer keys
    /// its states on the chains and this text together. (`before` and `value_before` are
    /// read from the current state, and the step index only labels violations.)
    pub fn history(&self) -> String {
        let mut locks: Vec<_> = self.locks.iter().collect();
        locks.sort_unstable();
        format!(
            "{:?}|{locks:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            self.ghost, self.approvals, self.first_terminal, self.stuck, self.confluence, self.exit
        )
    }

    /// The invariants being checked.
    pub fn invariants(&self) -> &[Box<dyn Invariant>] {
        &self.invariants
    }

    fn track_terminal(&mut self, world: &World) {
        let spec = world.design.spec();
        for t in &world.relayer.tickets[self.carried.len()..] {
            self.carried.push(spec.decode_ticket(&self.book, t));
        }
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
            params: world.design.spec().params(),
            before: self.before.clone(),
            now,
            tickets: wv::tickets(world, &self.carried, &self.first_terminal, &self.stuck),
            messages: wv::messages(world, &self.book),
            supply_changes: Vec::new(),
            migrations_out: Vec::new(),
            migrations_in: Vec::new(),
            withdrawals: Vec::new(),
            round_starts: Vec::new(),
            locks_made: Vec::new(),
            locks_paid: Vec::new(),
            ghost: self.ghost.clone(),
            value_before: self.value_before.clone(),
            exit: self.exit.clone(),
            confluence: Default::default(),
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
            gives_own_bond: world.design.spec().gives_own_bond(action),
        };
        let violations = self.after_step(world, info, Checkpoint::AfterStep, Some(action))?;
        Ok((status, violations))
    }

    fn after_step(
        &mut self,
        world: &mut World,
        info: StepInfo,
        checkpoint: Checkpoint,
        action: Option<&Action>,
    ) -> Result<Vec<Violation>> {
        let now = wv::read_touched(world, &self.before, &mut self.before_read_at)?;
        self.track_terminal(world);
        // Design D's records first: a round it sees start resets the round's ledger, which
        // the step's own mints then count in.
        let confluence = match &mut self.confluence {
            Some(ledger) => crate::designs::design_d::confluence::record(
                world,
                ledger,
                &mut self.ghost,
                (&self.book, action),
                &self.before,
                &now,
            )?,
            None => Default::default(),
        };
        let records = crate::ghost::record_step(
            &mut self.ghost,
            &mut self.locks,
            world,
            (&self.book, &self.carried),
            &self.before,
            &now,
        );
        let mut view = self.view(world, now, info, checkpoint);
        view.supply_changes = records.supply_changes;
        view.migrations_out = records.migrations_out;
        view.migrations_in = records.migrations_in;
        view.withdrawals = records.withdrawals;
        view.round_starts = records.round_starts;
        view.locks_made = records.locks_made;
        view.locks_paid = records.locks_paid;
        view.confluence = confluence;
        view.ghost = self.ghost.clone();
        if let Some(ledger) = &self.confluence {
            for t in view
                .tickets
                .iter_mut()
                .filter(|t| t.valid && t.unfinished())
            {
                t.valid = !ledger.refuses(&self.book, &world.relayer.tickets[t.id as usize]);
            }
        }
        let mut violations = invariants::check_all(&self.invariants, &view);
        violations.extend(broken_properties(world, view.step.index));
        crate::transcript::mark(view.step.index as u64, checkpoint, &view.now, &violations);
        self.value_before = invariants::value::actor_values(&view);
        self.before = view.now;
        Ok(violations)
    }

    fn track_approvals(&mut self, world: &World) {
        for (_, log, _) in &world.effects.logs {
            if log.address != self.book.l1_token && log.address != self.book.l2_token {
                continue;
            }
            if let Some(e) = crate::chain::event::<crate::bindings::ILivepeerToken::Approval>(log) {
                if e.value.is_zero() {
                    self.approvals.remove(&(e.owner, e.spender));
                } else {
                    self.approvals.insert((e.owner, e.spender));
                }
            }
        }
    }

    /// Drains every queue (see [`drain`]) and checks every invariant, Quiescent ones
    /// included; then has every actor take its value home (see [`Checker::exit`]) and checks
    /// them all once more. Each delivery of a drain, and each step of the exit, is checked
    /// as a step of its own first, so that what an Always invariant says of one execution (a
    /// withdrawal's shortfall mint, say) is said of each, as it would be had the sequence
    /// taken those steps itself.
    pub fn finish(&mut self, world: &mut World) -> Result<Vec<Violation>> {
        self.finish_with(world, true)
    }

    /// [`Checker::finish`], with the exit or without it. A campaign skips the exit on some
    /// sequences to save time; a script, a replay and a shrink always take it, so that a
    /// failure found either way reproduces.
    pub fn finish_with(&mut self, world: &mut World, exit: bool) -> Result<Vec<Violation>> {
        let mut violations = self.drain_checked(world)?;
        let info = StepInfo {
            index: self.step,
            ..StepInfo::default()
        };
        violations.extend(self.after_step(world, info, Checkpoint::Quiescent, None)?);
        if exit {
            // The exit is a probe of the drained world, not part of its story: it runs on a
            // copy, and the world is left as the drain left it.
            let mut probe = World::from_snapshot(&world.snapshot());
            violations.extend(self.clone().exit(&mut probe)?);
        }
        Ok(violations)
    }

    /// The exit, run on a copy of the drained world: every actor unbonds all it has staked
    /// on the chain away from the design's home, the unbonding period passes, every actor
    /// withdraws its locks and bridges its liquid LPT home, and the queues drain. Each step is checked; the end is
    /// checked at [`Checkpoint::Exited`], where `value::ValueComesHome` compares every
    /// actor's value with what it was before.
    fn exit(&mut self, world: &mut World) -> Result<Vec<Violation>> {
        let spec = world.design.spec();
        let values_before = self.value_before.clone();
        let mut violations = Vec::new();
        let mut steps: Vec<Action> = Vec::new();
        for actor in &Actor::ALL {
            steps.extend(spec.leave(world, self.last_read(), *actor)?);
        }
        let params = spec.params();
        steps.push(Action::Advance {
            clock: crate::action::Clock::Both,
            seconds: (params.unbonding_period + 1)
                * params.round_length
                * crate::world::L1_BLOCK_TIME,
        });
        for action in steps {
            violations.extend(self.step(world, &action)?.1);
        }
        for actor in &Actor::ALL {
            for action in spec.go_home(world, self.last_read(), *actor)? {
                violations.extend(self.step(world, &action)?.1);
            }
        }
        violations.extend(self.drain_checked(world)?);
        let info = StepInfo {
            index: self.step,
            ..StepInfo::default()
        };
        let exit = iv::Exit {
            values_before,
            home_l1: spec.home() == ChainId::L1,
            way_closed: spec.way_home_closed(self.last_read()),
        };
        self.exit = Some(exit);
        let found = self.after_step(world, info, Checkpoint::Exited, None);
        self.exit = None;
        violations.extend(found?);
        Ok(violations)
    }

    /// Runs [`drain`], checking each delivery as a step.
    fn drain_checked(&mut self, world: &mut World) -> Result<Vec<Violation>> {
        let mut violations = Vec::new();
        world.begin_step();
        let stuck = drain(world, &mut |world, delivery| {
            let owners = match delivery {
                Delivery::Ticket(ticket) => {
                    owners(world, &self.book, &Action::DeliverTicket { ticket })
                }
                Delivery::Message(message) => owners(
                    world,
                    &self.book,
                    &Action::ExecuteOutbox {
                        actor: Actor::Attacker,
                        message,
                    },
                ),
                Delivery::Time => Vec::new(),
            };
            self.step += 1;
            let info = StepInfo {
                index: self.step,
                owners,
                ..StepInfo::default()
            };
            violations.extend(self.after_step(world, info, Checkpoint::AfterStep, None)?);
            world.begin_step();
            Ok(())
        })?;
        self.stuck.extend(stuck);
        Ok(violations)
    }
}

/// The addresses whose own positions `action` may change (see invariant 13).
/// The design's own property functions broken at step `step`, as violations named after
/// the function (`L1 Properties.invariant_supplyFixed`).
fn broken_properties(world: &mut World, step: usize) -> Vec<Violation> {
    world
        .design
        .spec()
        .broken_properties(world)
        .into_iter()
        .map(|(name, why)| Violation {
            invariant: name,
            kind: invariants::Kind::Always,
            step,
            lhs_label: "holds".into(),
            lhs: U256::ZERO,
            rhs_label: "expected".into(),
            rhs: U256::from(1),
            detail: why,
        })
        .collect()
}

fn owners(world: &World, book: &iv::Book, action: &Action) -> Vec<Address> {
    let mut out: Vec<Address> = action
        .actor()
        .map(|a| world.address_of(a))
        .into_iter()
        .collect();
    let target = |chain, name: &str| {
        crate::action::resolve_target(world.design.cast(), &world.contracts, chain, name)
    };
    match action {
        Action::Transfer { chain, to, .. } => out.extend(target(*chain, to)),
        Action::Deposit { to, .. }
        | Action::Withdraw { to, .. }
        | Action::LockLegacy { to, .. } => out.push(world.address_of(*to)),
        Action::DeliverTicket { ticket }
        | Action::FailAutoRedeem { ticket }
        | Action::Redeem { ticket, .. } => {
            if let Some(t) = world.relayer.ticket(*ticket) {
                out.push(wv::decode_ticket(world, book, t).beneficiary);
            }
        }
        Action::ExecuteOutbox { message, .. } => {
            if let Some(m) = world.relayer.outbox.get(*message as usize) {
                out.push(wv::decode_message(world.design, book, m).1);
            }
        }
        _ => {}
    }
    out
}

/// One delivery of the drain, reported to its caller when it is done.
#[derive(Debug, Clone, Copy)]
pub enum Delivery {
    /// Ticket `id` was auto-redeemed or redeemed (successfully or not).
    Ticket(u64),
    /// Outbox message `index` was executed (or refused).
    Message(u64),
    /// L1 time moved past the challenge period.
    Time,
}

/// Delivers everything that can be delivered: every created ticket's auto-redeem and a
/// redeem of every failed ticket, with ample gas (and, for those that still fail, once
/// more a round later); then L1 time moves past the challenge
/// period (L2 time stays, so no ticket expires) and every unexecuted outbox message is
/// executed by an ordinary account. Repeats while anything new happens. Gateways stay as paused as they are.
/// `each` is called after every delivery. Returns the tickets that still failed when
/// redeemed.
pub fn drain(
    world: &mut World,
    each: &mut dyn FnMut(&mut World, Delivery) -> Result<()>,
) -> Result<Vec<u64>> {
    let mut stuck = Vec::new();
    let mut waited = false;
    for _ in 0..4 {
        let seen = (world.relayer.tickets.len(), world.relayer.outbox.len());
        world.design.spec().keep(world)?;
        let mut failed = Vec::new();
        for id in world.open_tickets() {
            let result = match world.ticket_state(id) {
                Some(crate::bridge::TicketState::Created) => {
                    world.auto_redeem(id, Some(crate::bridge::REDEEM_GAS))?
                }
                _ => world.redeem(id)?,
            };
            if matches!(result, Ok(ref o) if !o.ok()) {
                failed.push(id);
            }
            each(world, Delivery::Ticket(id))?;
        }
        // A ticket may fail for now and succeed once a round has passed (a position made
        // this round is not yet bonded in Livepeer's protocol): let one round pass, once,
        // and redeem again. A round is far inside a ticket's week.
        if !failed.is_empty() && !waited {
            waited = true;
            let params = world.design.spec().params();
            world.advance_both((params.round_length + 1) * crate::world::L1_BLOCK_TIME);
            world.design.spec().keep(world)?;
            each(world, Delivery::Time)?;
            failed.retain(|id| {
                matches!(
                    world.ticket_state(*id),
                    Some(crate::bridge::TicketState::Failed)
                )
            });
            for id in failed.clone() {
                if matches!(world.redeem(id)?, Ok(ref o) if o.ok()) {
                    failed.retain(|f| *f != id);
                }
                each(world, Delivery::Ticket(id))?;
            }
        }
        for id in failed {
            if !stuck.contains(&id) {
                stuck.push(id);
            }
        }
        world.advance(world.relayer.challenge_period + 1, 0);
        each(world, Delivery::Time)?;
        // Anyone may execute a matured message; the drain does it as an ordinary account
        // with no part in the bridge, so that a message only a privileged party could
        // execute shows up as stuck.
        let executor = world.address_of(Actor::Attacker);
        for index in 0..world.relayer.outbox.len() as u64 {
            if !world.relayer.outbox[index as usize].executed() {
                let _ = world.execute_outbox(index, executor)?;
                each(world, Delivery::Message(index))?;
            }
        }
        if (world.relayer.tickets.len(), world.relayer.outbox.len()) == seen {
            break;
        }
    }
    Ok(stuck)
}
