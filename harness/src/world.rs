//! The two-chain world: L1 and L2, the relayer between them, the deployed design, and the
//! record of what each step did (mints and burns with their bridge context, messages
//! executed). A `World` is built once per design and process, snapshotted, and every
//! sequence starts from a cheap clone of that snapshot.

use alloy_primitives::{Address, Bytes, U256};
use alloy_sol_types::SolCall;
use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::bridge::{Refusal, Relayer, TicketState, REDEEM_GAS};
use crate::chain::{Chain, ChainId, ChainSnapshot, TxOutcome, DEFAULT_GAS};
use crate::designs::{ContractBook, DesignId};
use crate::supply_trace::SupplyEvent;
pub use invariants::view::Context;

/// Seconds per L1 block.
pub const L1_BLOCK_TIME: u64 = 12;
/// How far L2 time may run ahead of L1 time.
pub const MAX_L2_LEAD: u64 = 3600;

/// The longest one advance may be: a century. Longer is nonsense input, refused, and would
/// bring the clocks near the end of `u64`.
pub const MAX_ADVANCE: u64 = 100 * 365 * 86_400;

/// A mint or burn, where it happened and under which message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplyRecord {
    /// The chain it happened on.
    pub chain: ChainId,
    /// The event with its call stack.
    pub event: SupplyEvent,
    /// The bridge message it ran under, or [`Context::Direct`].
    pub context: Context,
}

/// What one step changed in the bridge and the supply; reset at the start of each step.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StepEffects {
    /// Token transfers (mints and burns included), in order.
    pub supply: Vec<SupplyRecord>,
    /// ETH moved by the calls of successful transactions, in order, with their chain.
    pub eth: Vec<(ChainId, crate::supply_trace::EthTransfer)>,
    /// Logs of successful transactions, in order, with the bridge message each ran under.
    pub logs: Vec<(ChainId, alloy_primitives::Log, Context)>,
    /// Tickets created.
    pub tickets_created: Vec<u64>,
    /// Tickets executed successfully.
    pub tickets_redeemed: Vec<u64>,
    /// Tickets whose execution attempt failed.
    pub tickets_failed: Vec<u64>,
    /// Tickets cancelled or expired.
    pub tickets_lost: Vec<u64>,
    /// Outbox messages sent on L2.
    pub outbox_sent: Vec<u64>,
    /// Outbox messages executed on L1.
    pub outbox_executed: Vec<u64>,
    /// Whether the step may have changed state the invariants read, per chain (L1, L2):
    /// a successful transaction or a clock move. A chain left untouched need not be read
    /// again.
    pub touched: [bool; 2],
}

/// A saved world.
#[derive(Debug, Clone)]
pub struct WorldSnapshot {
    design: DesignId,
    /// Where the world logs its call frames, if it does: a copy logs into the same place.
    calls: Option<crate::call_log::CallLog>,
    l1: ChainSnapshot,
    l2: ChainSnapshot,
    relayer: Relayer,
    contracts: ContractBook,
}

/// L1 + L2 + the relayer + the deployed design.
#[derive(Debug)]
pub struct World {
    /// Which design is deployed.
    pub design: DesignId,
    /// Ethereum.
    pub l1: Chain,
    /// Arbitrum.
    pub l2: Chain,
    /// The bridge's Rust half.
    pub relayer: Relayer,
    /// The design's contracts.
    pub contracts: ContractBook,
    /// What the current step did.
    pub effects: StepEffects,
}

impl World {
    /// Assembles a world from its parts (used by the deployment modules).
    pub fn from_parts(
        design: DesignId,
        l1: Chain,
        l2: Chain,
        relayer: Relayer,
        contracts: ContractBook,
    ) -> Self {
        Self {
            design,
            l1,
            l2,
            relayer,
            contracts,
            effects: StepEffects::default(),
        }
    }

    /// `actor`'s account in this world's deployment (its design's cast).
    pub fn address_of(&self, actor: crate::actors::Actor) -> alloy_primitives::Address {
        self.design.cast().address(actor)
    }

    /// Saves the world.
    pub fn snapshot(&self) -> WorldSnapshot {
        WorldSnapshot {
            design: self.design,
            calls: self.l1.call_log(),
            l1: self.l1.snapshot(),
            l2: self.l2.snapshot(),
            relayer: self.relayer.clone(),
            contracts: self.contracts.clone(),
        }
    }

    /// A world in a saved state.
    pub fn from_snapshot(s: &WorldSnapshot) -> Self {
        let mut world = Self::from_parts(
            s.design,
            Chain::from_snapshot(ChainId::L1, &s.l1),
            Chain::from_snapshot(ChainId::L2, &s.l2),
            s.relayer.clone(),
            s.contracts.clone(),
        );
        if let Some(log) = &s.calls {
            world.record_calls(log.clone());
        }
        world
    }

    /// Logs every call frame of both chains into `log` from now on, in this world and in
    /// every copy made of it (see [`crate::call_log`]).
    pub fn record_calls(&mut self, log: crate::call_log::CallLog) {
        self.l1.record_calls(log.clone());
        self.l2.record_calls(log);
    }

    /// Addresses that hold an account on both chains where at least one of the two is a
    /// contract (code or storage). Genesis refuses a world with any: a Foundry reproducer
    /// runs both chains in one EVM, which only works if the chains share no contract
    /// address. Externally owned accounts may be on both (an actor has one key).
    pub fn shared_contracts(&self) -> Vec<Address> {
        let contract = |a: &revm::database::DbAccount| {
            a.info.code.as_ref().is_some_and(|c| !c.is_empty()) || !a.storage.is_empty()
        };
        let live = |a: &revm::database::DbAccount| {
            contract(a) || !a.info.balance.is_zero() || a.info.nonce != 0
        };
        let l2 = &self.l2.db().cache.accounts;
        let mut out: Vec<Address> = self
            .l1
            .db()
            .cache
            .accounts
            .iter()
            .filter_map(|(address, a)| {
                let b = l2.get(address)?;
                (live(a) && live(b) && (contract(a) || contract(b))).then_some(*address)
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// Fails if [`World::shared_contracts`] finds any, naming the first.
    pub fn require_separate_chains(&self) -> Result<()> {
        match self.shared_contracts().first() {
            None => Ok(()),
            Some(a) => anyhow::bail!(
                "L1 and L2 both have an account at {a} ({}), and one of them is a contract; the chains must share no contract address",
                crate::names::name_of(*a)
            ),
        }
    }

    /// The chain `id`.
    pub fn chain(&mut self, id: ChainId) -> &mut Chain {
        match id {
            ChainId::L1 => &mut self.l1,
            ChainId::L2 => &mut self.l2,
        }
    }

    /// The address of the design's contract `name` on `chain`.
    pub fn addr(&self, chain: ChainId, name: &str) -> Address {
        self.contracts.addr(chain, name)
    }

    /// Turns edge coverage recording on or off on both chains.
    pub fn set_coverage(&mut self, on: bool) {
        self.l1.set_coverage(on);
        self.l2.set_coverage(on);
    }

    /// Runs both chains' transactions under the inspector or without it (raw replay).
    pub fn set_inspector(&mut self, on: bool) {
        self.l1.set_inspector(on);
        self.l2.set_inspector(on);
    }

    /// Turns both chains' read caches on (the default) or off.
    pub fn set_read_cache(&mut self, on: bool) {
        self.l1.set_read_cache(on);
        self.l2.set_read_cache(on);
    }

    /// Takes both chains' recorded edges and comparison operands.
    pub fn take_coverage(&mut self) -> (Vec<u16>, Vec<U256>) {
        let (mut edges, mut operands) = self.l1.take_coverage();
        let (e2, o2) = self.l2.take_coverage();
        edges.extend(e2);
        operands.extend(o2);
        (edges, operands)
    }

    /// Starts a new step: forgets the previous step's effects.
    pub fn begin_step(&mut self) {
        self.effects = StepEffects::default();
    }

    /// Sends a transaction on `chain` and lets the relayer pick up any message it sent.
    pub fn send_raw(
        &mut self,
        chain: ChainId,
        from: Address,
        to: Address,
        data: Bytes,
        value: U256,
    ) -> Result<TxOutcome> {
        let outcome = self.chain(chain).call(from, to, data, value, DEFAULT_GAS)?;
        self.absorb(chain, &outcome, Context::Direct)?;
        Ok(outcome)
    }

    /// Sends a typed call on `chain`.
    pub fn send<C: SolCall>(
        &mut self,
        chain: ChainId,
        from: Address,
        to: Address,
        call: &C,
        value: U256,
    ) -> Result<TxOutcome> {
        self.send_raw(chain, from, to, call.abi_encode().into(), value)
    }

    /// Sends a typed call that must succeed.
    pub fn send_ok<C: SolCall>(
        &mut self,
        chain: ChainId,
        from: Address,
        to: Address,
        call: &C,
        value: U256,
    ) -> Result<TxOutcome> {
        let outcome = self.send(chain, from, to, call, value)?;
        outcome.require_ok(&format!("{} on {chain}", C::SIGNATURE))?;
        Ok(outcome)
    }

    /// A typed view call on `chain`.
    pub fn view<C: SolCall>(&mut self, chain: ChainId, to: Address, call: &C) -> Result<C::Return> {
        self.chain(chain).view(to, call)
    }

    fn absorb(&mut self, chain: ChainId, outcome: &TxOutcome, context: Context) -> Result<()> {
        if outcome.ok() {
            self.effects.touched[chain as usize] = true;
        }
        self.effects
            .logs
            .extend(outcome.logs.iter().map(|l| (chain, l.clone(), context)));
        self.effects
            .eth
            .extend(outcome.eth.iter().map(|t| (chain, *t)));
        for event in &outcome.supply {
            self.effects.supply.push(SupplyRecord {
                chain,
                event: event.clone(),
                context,
            });
        }
        match chain {
            ChainId::L1 => {
                let l2_time = self.l2.timestamp();
                let created = self.relayer.observe_l1(outcome, l2_time);
                self.effects.tickets_created.extend(created);
            }
            ChainId::L2 => {
                let sent = self.relayer.observe_l2(outcome, &mut self.l1)?;
                if !sent.is_empty() {
                    self.effects.touched[ChainId::L1 as usize] = true;
                }
                self.effects.outbox_sent.extend(sent);
            }
        }
        Ok(())
    }

    /// Runs ticket `id`'s auto-redeem with its own gas limit, or with `gas` to force an
    /// out-of-gas failure.
    pub fn auto_redeem(&mut self, id: u64, gas: Option<u64>) -> Result<Result<TxOutcome, Refusal>> {
        let limit = match self.relayer.check_auto_redeem(id) {
            Ok(t) => gas.unwrap_or(t.gas_limit),
            Err(refusal) => return Ok(Err(refusal)),
        };
        self.run_ticket(id, limit).map(Ok)
    }

    /// Redeems failed ticket `id` with ample gas (anyone may).
    pub fn redeem(&mut self, id: u64) -> Result<Result<TxOutcome, Refusal>> {
        if let Err(refusal) = self.relayer.check_redeem(id) {
            return Ok(Err(refusal));
        }
        self.run_ticket(id, REDEEM_GAS).map(Ok)
    }

    fn run_ticket(&mut self, id: u64, gas: u64) -> Result<TxOutcome> {
        let l1_sender = self.relayer.tickets[id as usize].l1_sender;
        let outcome = self.relayer.execute_ticket(id, &mut self.l2, gas)?;
        if outcome.ok() {
            self.effects.tickets_redeemed.push(id);
        } else {
            self.effects.tickets_failed.push(id);
        }
        self.absorb(ChainId::L2, &outcome, Context::Ticket { id, l1_sender })?;
        Ok(outcome)
    }

    /// Cancels ticket `id` on behalf of `by`.
    pub fn cancel(&mut self, id: u64, by: Address) -> Result<(), Refusal> {
        self.relayer.cancel(id, by, &mut self.l2)?;
        self.effects.tickets_lost.push(id);
        Ok(())
    }

    /// Executes outbox message `index` on L1 from `executor`.
    pub fn execute_outbox(
        &mut self,
        index: u64,
        executor: Address,
    ) -> Result<Result<TxOutcome, Refusal>> {
        let result = self.relayer.execute_outbox(index, executor, &mut self.l1)?;
        if let Ok(outcome) = &result {
            let l2_sender = self.relayer.outbox[index as usize].l2_sender;
            self.effects.outbox_executed.push(index);
            self.absorb(ChainId::L1, outcome, Context::Outbox { index, l2_sender })?;
        }
        Ok(result)
    }

    /// Advances L1 by `l1_seconds` and L2 by `l2_seconds`. L1 blocks follow L1 time; L2
    /// never runs more than [`MAX_L2_LEAD`] ahead of L1, and L2's `block.number` reports
    /// the L1 block of its time (as Arbitrum's does). Tickets past their lifetime expire.
    /// Returns how far L2's clock really moved, which the lead may have cut short. Clocks
    /// saturate rather than wrap: no advance can send one back.
    pub fn advance(&mut self, l1_seconds: u64, l2_seconds: u64) -> u64 {
        self.effects.touched = [true, true];
        let moved = advance_clocks(&mut self.l1, &mut self.l2, l1_seconds, l2_seconds);
        let expired = self.relayer.expire(self.l2.timestamp());
        self.effects.tickets_lost.extend(expired);
        moved
    }

    /// Advances both chains by the same time; returns how far L2 moved (see
    /// [`World::advance`]).
    pub fn advance_both(&mut self, seconds: u64) -> u64 {
        self.advance(seconds, seconds)
    }

    /// Advances L1 by `blocks` blocks (and L2 with it), e.g. to reach the next round.
    pub fn advance_blocks(&mut self, blocks: u64) {
        self.advance_both(blocks * L1_BLOCK_TIME);
    }

    /// Ids of tickets that are not terminal.
    pub fn open_tickets(&self) -> Vec<u64> {
        self.relayer
            .tickets
            .iter()
            .filter(|t| !t.state.is_terminal())
            .map(|t| t.id)
            .collect()
    }

    /// The state of ticket `id`.
    pub fn ticket_state(&self, id: u64) -> Option<TicketState> {
        self.relayer.ticket(id).map(|t| t.state)
    }
}

/// Moves L1's clock by `l1_seconds` (a block per [`L1_BLOCK_TIME`]) and L2's by
/// `l2_seconds`, never more than [`MAX_L2_LEAD`] ahead of L1, with L2's block number
/// following L1's; returns how far L2 moved. What [`World::advance`] does to the chains,
/// and what a project's genesis does before the bridge is watching.
pub fn advance_clocks(l1: &mut Chain, l2: &mut Chain, l1_seconds: u64, l2_seconds: u64) -> u64 {
    let l1_time = l1.timestamp().saturating_add(l1_seconds);
    let l1_block = l1
        .block_number()
        .saturating_add(l1_seconds.div_ceil(L1_BLOCK_TIME));
    l1.set_block(l1_block, l1_time);
    let l2_before = l2.timestamp();
    let l2_time = l2_before
        .saturating_add(l2_seconds)
        .min(l1_time.saturating_add(MAX_L2_LEAD));
    let lag_blocks = l1_time.saturating_sub(l2_time) / L1_BLOCK_TIME;
    l2.set_block(l1_block.saturating_sub(lag_blocks), l2_time);
    l2_time.saturating_sub(l2_before)
}
