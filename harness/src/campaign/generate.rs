//! Generating actions: every user-facing function of the design on both chains by any
//! actor, bridge and time actions, and generic ABI calls with dictionary arguments.
//! Amounts lean toward the values where bugs live: 0, 1, an actor's balance or stake and
//! ±1, the escrow and ±1, and values seen in comparisons.

use alloy_dyn_abi::{DynSolType, DynSolValue, JsonAbiExt, Specifier};
use alloy_json_abi::Function;
use alloy_primitives::{Address, Bytes, U256};

use super::rng::Rng;
use crate::action::{Action, Clock};
use crate::actors::Actor;
use crate::amount::{Amount, Base};
use crate::bridge::Relayer;
use crate::chain::ChainId;
use crate::compile::Artifacts;
use crate::world::World;
use invariants::view::Chains;

/// Values and addresses the generator draws from; comparison operands are added as the
/// campaign runs.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    /// Interesting amounts (and times and blocks): above 1,000.
    pub values: Vec<U256>,
    /// Small operands (2 to 1,000): rounds, counts, ids. Kept apart, so that they never
    /// stand for amounts, but a lock's withdraw round can still be aimed at.
    pub small: Vec<u64>,
    /// Operands that look like addresses (above 2^140, below 2^160): what a contract
    /// compared an argument or a caller with (its token, its counterpart, its owner).
    /// Kept apart, so that they never stand for amounts.
    pub addresses: Vec<Address>,
}

impl Dictionary {
    const MAX: usize = 512;
    const MAX_SMALL: usize = 128;
    const MAX_ADDRESSES: usize = 128;

    /// A dictionary seeded with the amounts stored in `world` (balances, escrow, supply,
    /// stakes), in a deterministic order.
    pub fn from_storage(world: &World) -> Self {
        let mut values = world.l1.amount_like_storage();
        values.extend(world.l2.amount_like_storage());
        values.sort_unstable();
        values.dedup();
        let mut dict = Self::default();
        dict.learn(&values);
        dict
    }

    /// Adds operands seen in comparisons (deduplicated, bounded).
    pub fn learn(&mut self, operands: &[U256]) {
        for v in operands {
            if v.bit_len() > 140 && v.bit_len() <= 160 {
                let a = Address::from_word(v.to_be_bytes::<32>().into());
                if self.addresses.len() < Self::MAX_ADDRESSES && !self.addresses.contains(&a) {
                    self.addresses.push(a);
                }
            } else if *v <= U256::from(1_000u64) {
                let v: u64 = v.saturating_to();
                if v >= 2 && self.small.len() < Self::MAX_SMALL && !self.small.contains(&v) {
                    self.small.push(v);
                }
            } else if self.values.len() < Self::MAX && !self.values.contains(v) {
                self.values.push(*v);
            }
        }
    }
}

/// What generating an action needs to know of the world.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// The design.
    pub design: crate::designs::DesignId,
    /// The design's contracts.
    pub book: &'a crate::designs::ContractBook,
    /// Tickets so far.
    pub tickets: usize,
    /// Outbox messages so far.
    pub messages: usize,
    /// Both chains as the last check read them (not when mutating a stored sequence,
    /// which is generated against genesis).
    pub state: Option<&'a Chains>,
    /// The messages in flight, for the deadlines they set.
    pub relayer: Option<&'a Relayer>,
    /// L1 time, L2 time, and each chain's block number (L2's reports the L1 block of its
    /// time, as Arbitrum's does).
    pub clock: (u64, u64, [u64; 2]),
    /// The latest step an actor took on a chain, when the sequence has one.
    pub last: Option<&'a Action>,
}

impl<'a> Ctx<'a> {
    /// The context of `world` as it is now, with both chains as last read.
    pub fn of(world: &'a World, state: Option<&'a Chains>) -> Self {
        Ctx {
            design: world.design,
            book: &world.contracts,
            tickets: world.relayer.tickets.len(),
            messages: world.relayer.outbox.len(),
            state,
            relayer: Some(&world.relayer),
            clock: (
                world.l1.timestamp(),
                world.l2.timestamp(),
                [world.l1.block_number(), world.l2.block_number()],
            ),
            last: None,
        }
    }

    /// The same context, after the steps `ran`: its `last` is the latest of them that an
    /// actor took on a chain (a clock advance or a delivery in between does not end an
    /// actor's story).
    pub fn after(self, ran: &'a [Action]) -> Self {
        let last = ran
            .iter()
            .rev()
            .find(|a| a.actor().is_some() && a.chain().is_some());
        Ctx { last, ..self }
    }

    /// A context that knows the design's contracts and nothing of any state.
    pub fn genesis(
        design: crate::designs::DesignId,
        book: &'a crate::designs::ContractBook,
    ) -> Self {
        Ctx {
            design,
            book,
            tickets: 0,
            messages: 0,
            state: None,
            relayer: None,
            clock: (0, 0, [0, 0]),
            last: None,
        }
    }

    /// The actors' accounts on `chain`, in [`Actor::ALL`] order, if the state is known.
    fn accounts(&self, chain: ChainId) -> Option<&'a [invariants::view::Account]> {
        let state = self.state?;
        let accounts = match chain {
            ChainId::L1 => &state.l1.accounts,
            ChainId::L2 => &state.l2.accounts,
        };
        (accounts.len() >= Actor::ALL.len()).then(|| &accounts[..Actor::ALL.len()])
    }
}

pub use crate::designs::Holding;

/// An actor for an action that spends `holding`: half the time one who has some (when the
/// state is known and anyone has), else any actor. A bug on a path that moves value only
/// shows when someone with value takes it, and most actors hold nothing on most paths.
pub fn holder(rng: &mut Rng, ctx: Ctx<'_>, holding: Holding) -> Actor {
    let chain = match holding {
        Holding::Liquid(c) | Holding::Stake(c) | Holding::Unbonding(c) | Holding::Fees(c) => c,
    };
    if let Some(accounts) = ctx.accounts(chain).filter(|_| rng.chance(50)) {
        let has = |a: &invariants::view::Account| match holding {
            Holding::Liquid(_) => a.balance + a.derivative,
            Holding::Stake(_) => a.stake,
            Holding::Unbonding(_) => a.unbonding,
            Holding::Fees(_) => a.fees,
        };
        let with: Vec<Actor> = Actor::ALL
            .iter()
            .zip(accounts)
            .filter(|(_, a)| !has(a).is_zero())
            .map(|(actor, _)| *actor)
            .collect();
        if !with.is_empty() {
            return *rng.pick(&with);
        }
    }
    actor(rng)
}

/// A figure of the state as last read, give or take one: an actor's balance, stake,
/// unbonding or fees on either chain, an escrow, a custody or a supply. Generic calls
/// take these where a typed action would take a relative amount, so that "all of it" and
/// "one more than there is" reach every function, not just the typed ones.
fn state_value(rng: &mut Rng, state: &Chains) -> U256 {
    let chain = if rng.chance(50) { &state.l1 } else { &state.l2 };
    let base = if chain.accounts.is_empty() || rng.chance(20) {
        let figures = [
            chain.gateway_balance,
            chain.custody,
            chain.migrator_balance,
            chain.supply,
            chain.total_bonded,
        ];
        // Or one of a project's further tokens: what is escrowed of it, or its supply.
        // (The first is already there, as the escrow and the supply.)
        let further = &chain.tokens[chain.tokens.len().min(1)..];
        match rng.below(figures.len() + 2 * further.len()) {
            i if i < figures.len() => figures[i],
            i => {
                let token = &further[(i - figures.len()) / 2];
                [token.escrowed, token.supply][(i - figures.len()) % 2]
            }
        }
    } else {
        let a = rng.pick(&chain.accounts);
        *rng.pick(&[
            a.balance,
            a.balance,
            a.stake,
            a.unbonding,
            a.fees,
            a.derivative,
        ])
    };
    match rng.below(4) {
        0 => base.saturating_sub(U256::from(1)),
        1 => base.saturating_add(U256::from(1)),
        _ => base,
    }
}

/// `amount` as a raw argument: a relative amount is measured against the chains as last
/// read (the escrow, or some actor's balance or stake), so that a withdrawal ordered by a
/// forged message can exceed the escrow, or match it, as an action's amount can. Without a
/// reading it stands for 1 LPT.
fn resolve_in(rng: &mut Rng, amount: Amount, ctx: Ctx<'_>) -> anyhow::Result<U256> {
    let Some(state) = ctx.state else {
        return amount.resolve(|_| Ok(lpt(1)));
    };
    let chain = if rng.chance(50) { &state.l1 } else { &state.l2 };
    let account = (!chain.accounts.is_empty()).then(|| rng.pick(&chain.accounts));
    amount.resolve(|base| {
        Ok(match base {
            Base::Escrow if ctx.design.behaves_as() == crate::designs::DesignId::C => {
                state.l2.gateway_balance
            }
            // A project bridging several tokens: what is escrowed of any one of them.
            Base::Escrow if state.l1.tokens.len() > 1 => rng.pick(&state.l1.tokens).escrowed,
            Base::Escrow => state.l1.gateway_balance,
            Base::L2Stake => state.l2.total_bonded,
            Base::Balance => account.map_or(lpt(1), |a| a.balance),
            Base::Stake => account.map_or(lpt(1), |a| a.stake),
        })
    })
}

/// One time step to a deadline the world runs on, give or take one second (or block):
/// when an outbox message matures (L1 time), when an open ticket expires (L2 time), a
/// round boundary (the next one, and those an unbonding period after it, give or take a
/// round, on either chain's blocks), or a comparison operand that reads as a time or a
/// block in the near future (a contract's own windows). A bug at the edge of a window is
/// only seen by landing on the edge. The kind of deadline is drawn first, so that a
/// dictionary full of timestamps does not drown the bridge's own windows. `None` when there
/// is no deadline ahead.
fn deadline(
    rng: &mut Rng,
    ctx: Ctx<'_>,
    dict: &Dictionary,
    params: &invariants::view::Params,
) -> Option<(Clock, u64)> {
    let (l1_time, l2_time, blocks) = ctx.clock;
    let block_time = crate::world::L1_BLOCK_TIME;
    let mut kinds: [Vec<(Clock, u64)>; 4] = Default::default();
    let around = |out: &mut Vec<(Clock, u64)>, clock: Clock, delta: u64, step: u64| {
        for d in [delta.saturating_sub(step), delta, delta + step] {
            if d > 0 {
                out.push((clock, d));
            }
        }
    };
    if let Some(relayer) = ctx.relayer {
        for m in relayer.outbox.iter().filter(|m| !m.executed()) {
            if m.executable_at > l1_time {
                around(&mut kinds[0], Clock::L1, m.executable_at - l1_time, 1);
            }
        }
        for t in relayer.tickets.iter().filter(|t| !t.state.is_terminal()) {
            let expiry = t.created_at + crate::bridge::TICKET_LIFETIME;
            if expiry > l2_time {
                around(&mut kinds[1], Clock::Both, expiry - l2_time, 1);
            }
        }
    }
    // Rounds count each chain's own blocks, and L2's may lag L1's.
    let round_length = params.round_length;
    for block in blocks.into_iter().filter(|b| *b > 0 && round_length > 0) {
        let to_next = round_length - block % round_length;
        let period = params.unbonding_period;
        for rounds in [0, period.saturating_sub(1), period] {
            let blocks = to_next + rounds * round_length;
            around(&mut kinds[2], Clock::Both, blocks * block_time, block_time);
        }
    }
    // A small operand just ahead of a chain's round reads as a round a contract waits for
    // (a lock's withdraw round): land at its start, or one block before.
    if let Some(state) = ctx.state.filter(|_| round_length > 0) {
        for (view, block) in [(&state.l1, blocks[0]), (&state.l2, blocks[1])] {
            for v in dict
                .small
                .iter()
                .filter(|v| **v > view.round && **v <= view.round + 100)
            {
                let start = v * round_length;
                if start > block {
                    around(
                        &mut kinds[3],
                        Clock::Both,
                        (start - block) * block_time,
                        block_time,
                    );
                }
            }
        }
    }
    let block = blocks[0];
    for v in &dict.values {
        let Ok(v) = u64::try_from(*v) else { continue };
        if v > l1_time && v - l1_time <= 90 * 86_400 {
            around(&mut kinds[3], Clock::Both, v - l1_time, 1);
        } else if block > 0 && v > block && v - block <= 1_000_000 {
            around(
                &mut kinds[3],
                Clock::Both,
                (v - block) * block_time,
                block_time,
            );
        }
    }
    let present: Vec<&Vec<(Clock, u64)>> = kinds.iter().filter(|k| !k.is_empty()).collect();
    if present.is_empty() {
        return None;
    }
    let kind = present[rng.below(present.len())];
    Some(kind[rng.below(kind.len())])
}

/// A callable function of a deployed contract.
#[derive(Debug, Clone)]
pub struct Callable {
    /// Chain.
    pub chain: ChainId,
    /// The contract's name in the design's book.
    pub contract: String,
    /// Its address.
    pub address: Address,
    /// The function.
    pub function: Function,
    /// What its contract refers to (shared by all of the contract's functions).
    pub known: std::sync::Arc<Known>,
    /// Whether a contract on the other chain encodes a call of it: a message's entry
    /// point, such as the gateway function a withdrawal's outbox message calls.
    pub messaged: bool,
}

/// What a contract refers to: the addresses its arguments are most likely compared with.
/// A gateway checks that the token it is handed is the one it holds (an immutable); a
/// receiver checks the sender against its stored counterpart.
#[derive(Debug, Default)]
pub struct Known {
    /// Book and actor addresses written in the contract's code or held in its storage.
    pub addresses: Vec<Address>,
    /// Those of them that are tokens (their contract has `transferFrom`).
    pub tokens: Vec<Address>,
    /// Whether one of them is a contract on the other chain: a counterpart, which marks a
    /// contract that takes messages across the bridge.
    pub crosses: bool,
}

/// Every non-view external function of every deployed contract of `world`, each with
/// what its contract refers to.
pub fn callables(world: &World, artifacts: &Artifacts) -> Vec<Callable> {
    let book: Vec<(ChainId, &str, Address)> = world.contracts.iter().collect();
    let abi_of = |chain: ChainId, name: &str| {
        world
            .contracts
            .kind(chain, name)
            .and_then(|kind| artifacts.get(kind).ok())
            .map(|compiled| &compiled.abi)
    };
    let on = |chain: ChainId| match chain {
        ChainId::L1 => &world.l1,
        ChainId::L2 => &world.l2,
    };
    // `transferFrom(address,address,uint256)`, read from the bytecode so that prebuilt
    // tokens count too.
    let tokens: Vec<Address> = book
        .iter()
        .filter(|(chain, _, a)| on(*chain).dispatches(*a, [0x23, 0xb8, 0x72, 0xdd]))
        .map(|(_, _, a)| *a)
        .collect();
    let mut candidates: Vec<Address> = book.iter().map(|(_, _, a)| *a).collect();
    candidates.extend(world.design.cast().addresses());
    let encoded: Vec<(ChainId, Vec<[u8; 4]>)> = book
        .iter()
        .map(|(c, _, a)| (*c, on(*c).encoded_selectors(*a)))
        .collect();
    let spec = world.design.spec();
    // An implementation behind a proxy is called at the proxy, whose storage is the
    // deployment's. The book records a proxy (a `ManagerProxy`, or a project's `abi = ...`)
    // as an instance of what it delegates to, so two entries share that kind; the
    // implementation is the one whose own code answers more of the kind's functions.
    let answered: Vec<usize> = book
        .iter()
        .map(|&(chain, name, address)| {
            abi_of(chain, name).map_or(0, |abi| {
                abi.functions()
                    .filter(|f| on(chain).dispatches(address, f.selector().0))
                    .count()
            })
        })
        .collect();
    let kind_of = |chain: ChainId, name: &str| world.contracts.kind(chain, name);
    let behind_a_proxy = |i: usize| {
        let (chain, name, _) = book[i];
        let kind = kind_of(chain, name);
        book.iter().enumerate().any(|(j, &(c, other, _))| {
            c == chain && j != i && kind_of(c, other) == kind && answered[j] < answered[i]
        })
    };
    let mut out = Vec::new();
    for (i, &(chain, name, address)) in book.iter().enumerate() {
        let Some(abi) = abi_of(chain, name) else {
            continue;
        };
        if behind_a_proxy(i) {
            continue;
        }
        let addresses = on(chain).references(address, &candidates);
        let known = std::sync::Arc::new(Known {
            tokens: addresses
                .iter()
                .copied()
                .filter(|a| tokens.contains(a))
                .collect(),
            crosses: addresses
                .iter()
                .any(|a| book.iter().any(|(c, _, b)| b == a && *c != chain)),
            addresses,
        });
        for f in abi.functions() {
            use alloy_json_abi::StateMutability::{Pure, View};
            if matches!(f.state_mutability, View | Pure) {
                continue;
            }
            // A project's `[calls]` leaves a function out (0) or repeats it: every pick
            // from the list, a message's payload included, then favours it.
            let weight = spec.call_weight(name, &f.name);
            if weight == 0 {
                continue;
            }
            let selector = f.selector().0;
            let messaged = encoded
                .iter()
                .any(|(c, sels)| *c != chain && sels.binary_search(&selector).is_ok());
            let callable = Callable {
                chain,
                contract: name.to_string(),
                address,
                function: f.clone(),
                known: known.clone(),
                messaged,
            };
            out.extend(std::iter::repeat_n(callable, weight as usize));
        }
    }
    out
}

/// The time steps a campaign takes, shortest first.
pub const SECONDS: [u64; 7] = [12, 120, 1_200, 3_600, 86_400, 604_800, 604_801];

fn lpt(n: u64) -> U256 {
    crate::amount::lpt(n)
}

/// Picks an amount for an action that spends what `natural` measures (an unbonding spends
/// stake, a transfer a balance): two times in five all of it, give or take one, else any
/// amount.
pub fn amount_of(rng: &mut Rng, dict: &Dictionary, natural: Base) -> Amount {
    if rng.chance(40) {
        Amount::Relative(natural, *rng.pick(&[-1i64, 0, 0, 1]))
    } else {
        amount(rng, dict)
    }
}

/// Picks an amount.
pub fn amount(rng: &mut Rng, dict: &Dictionary) -> Amount {
    let offset = *rng.pick(&[-1i64, 0, 0, 1]);
    match rng.below(10) {
        0 => Amount::Wei(U256::ZERO),
        1 => Amount::Wei(U256::from(1)),
        2 | 3 => Amount::Relative(Base::Balance, offset),
        4 => Amount::Relative(Base::Stake, offset),
        5 => Amount::Relative(Base::Escrow, offset),
        6 if !dict.values.is_empty() => {
            let v = *rng.pick(&dict.values);
            Amount::Wei(if offset < 0 {
                v.saturating_sub(U256::from(1))
            } else {
                v + U256::from(offset as u64)
            })
        }
        _ => Amount::Wei(lpt(
            *rng.pick(&[1, 10, 100, 500, 1_000, 5_000, 100_000, 1_000_000])
        )),
    }
}

/// Picks an actor, the attacker more often than anyone else.
pub fn actor(rng: &mut Rng) -> Actor {
    // (The governor may appear here; `action` keeps it away from arbitrary calls.)
    // The attacker acts more often than anyone else.
    if rng.chance(25) {
        Actor::Attacker
    } else {
        *rng.pick(&Actor::ALL)
    }
}

fn chain(rng: &mut Rng) -> ChainId {
    if rng.chance(50) {
        ChainId::L1
    } else {
        ChainId::L2
    }
}

/// An id below `n`, leaning toward the newest, and sometimes one past the end.
fn id(rng: &mut Rng, n: usize) -> u64 {
    if n == 0 || rng.chance(5) {
        return n as u64;
    }
    if rng.chance(50) {
        (n - 1) as u64
    } else {
        rng.below(n) as u64
    }
}

fn target_name(rng: &mut Rng, ctx: Ctx<'_>, chain: ChainId) -> String {
    if rng.chance(60) {
        return actor(rng).name().to_string();
    }
    let names: Vec<&str> = ctx
        .book
        .iter()
        .filter(|(c, _, _)| *c == chain)
        .map(|(_, n, _)| n)
        .collect();
    rng.pick(&names).to_string()
}

/// An address argument called `name` of a function of the contract `callee` describes.
fn address_arg(
    rng: &mut Rng,
    ctx: Ctx<'_>,
    dict: &Dictionary,
    callee: &Known,
    name: &str,
) -> Address {
    // A token argument is most often checked against the token the contract holds, and
    // any other against an address it stores (its counterpart, its escrow, its owner).
    if !callee.tokens.is_empty() && name.to_ascii_lowercase().contains("token") && rng.chance(60) {
        return *rng.pick(&callee.tokens);
    }
    if !callee.addresses.is_empty() && rng.chance(25) {
        return *rng.pick(&callee.addresses);
    }
    if !dict.addresses.is_empty() && rng.chance(25) {
        // An address some contract compared with: the one a check wants to see.
        return *rng.pick(&dict.addresses);
    }
    if rng.chance(50) {
        ctx.design
            .cast()
            .address(Actor::ALL[rng.below(Actor::ALL.len())])
    } else {
        let contracts: Vec<Address> = ctx.book.iter().map(|(_, _, a)| a).collect();
        *rng.pick(&contracts)
    }
}

/// Where an argument goes: its parameter's name, and what the called contract refers to.
#[derive(Clone, Copy)]
struct Param<'a> {
    name: &'a str,
    callee: &'a Known,
}

/// One argument of type `ty` for `param`; `depth` is how deeply it is nested in call data.
fn arg(
    rng: &mut Rng,
    ty: &DynSolType,
    param: Param<'_>,
    ctx: Ctx<'_>,
    dict: &Dictionary,
    calls: &[Callable],
    depth: u8,
) -> DynSolValue {
    let Param { name, callee } = param;
    match ty {
        DynSolType::Address => DynSolValue::Address(address_arg(rng, ctx, dict, callee, name)),
        DynSolType::Uint(bits) if fee_param(ctx, name) => {
            DynSolValue::Uint(U256::from(*rng.pick(&FEE_VALUES)), *bits)
        }
        DynSolType::Uint(bits) => {
            let v = match ctx.state {
                Some(state) if rng.chance(30) => state_value(rng, state),
                _ => {
                    let a = amount(rng, dict);
                    resolve_in(rng, a, ctx).unwrap_or_default()
                }
            };
            DynSolValue::Uint(
                if *bits < 256 {
                    v & ((U256::from(1) << *bits) - U256::from(1))
                } else {
                    v
                },
                *bits,
            )
        }
        DynSolType::Int(bits) => DynSolValue::Int(
            alloy_primitives::I256::try_from(rng.below(1000) as i64).unwrap_or_default(),
            *bits,
        ),
        DynSolType::Bool => DynSolValue::Bool(rng.chance(50)),
        DynSolType::Bytes if depth == 0 && !calls.is_empty() && rng.chance(70) => {
            // Call data for another function: the shape a bridge message takes.
            let c = pick_call(rng, calls);
            DynSolValue::Bytes(encode_call(rng, c, ctx, dict, calls, depth + 1).to_vec())
        }
        DynSolType::Bytes if rng.chance(60) => {
            // A hook's or a message's payload that the receiver `abi.decode`s into a few
            // static values (a delegator and an orchestrator, say): encode such a tuple.
            let words = (0..1 + rng.below(3))
                .map(|_| {
                    let ty = if rng.chance(60) {
                        DynSolType::Address
                    } else {
                        DynSolType::Uint(256)
                    };
                    arg(
                        rng,
                        &ty,
                        Param { name: "", callee },
                        ctx,
                        dict,
                        calls,
                        depth + 1,
                    )
                })
                .collect();
            DynSolValue::Bytes(DynSolValue::Tuple(words).abi_encode_params())
        }
        DynSolType::Bytes => DynSolValue::Bytes(vec![0; rng.below(3) * 32]),
        DynSolType::FixedBytes(n) => {
            let roles = [
                alloy_primitives::keccak256("MINTER_ROLE"),
                alloy_primitives::keccak256("BURNER_ROLE"),
            ];
            let word = if rng.chance(70) {
                *rng.pick(&roles)
            } else {
                alloy_primitives::B256::from(U256::from(rng.next_u64()))
            };
            DynSolValue::FixedBytes(word, *n)
        }
        DynSolType::String => DynSolValue::String("x".into()),
        DynSolType::Array(inner) => {
            let n = rng.below(3);
            DynSolValue::Array(
                (0..n)
                    .map(|_| arg(rng, inner, param, ctx, dict, calls, depth))
                    .collect(),
            )
        }
        DynSolType::Tuple(items) => DynSolValue::Tuple(
            items
                .iter()
                .map(|t| arg(rng, t, param, ctx, dict, calls, depth))
                .collect(),
        ),
        _ => DynSolValue::Bool(false),
    }
}

/// What a retryable ticket's fee parameters (`maxGas`, `gasPriceBid`,
/// `maxSubmissionCost`, ...) are drawn from: nothing, a token amount, or what an honest
/// caller pays. A token-sized draw makes the fee exceed any value sent, so that every
/// deposit of an Arbitrum gateway would revert for want of ETH.
const FEE_VALUES: [u64; 6] = [0, 1, 100_000, 1_000_000, 1_000_000_000, 10_000_000];

/// The ETH a campaign sends with a payable function of a design without typed actions:
/// none, or enough for a ticket's fee at [`FEE_VALUES`].
const CALL_VALUES: [u64; 3] = [0, 10_000_000_000_000_000, 1_000_000_000_000_000_000];

/// Whether the parameter `name` is a ticket fee, drawn from [`FEE_VALUES`]: only for a
/// design without typed actions (a project file's), whose gateways a campaign reaches
/// through generic calls alone; the built-in designs' generation is left as it was.
fn fee_param(ctx: Ctx<'_>, name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    (name.contains("gas") || name.contains("submission")) && !ctx.design.spec().typed_actions()
}

fn encode_call(
    rng: &mut Rng,
    call: &Callable,
    ctx: Ctx<'_>,
    dict: &Dictionary,
    calls: &[Callable],
    depth: u8,
) -> Bytes {
    let f = &call.function;
    let mut last_address: Option<Address> = None;
    let mut values = Vec::with_capacity(f.inputs.len());
    for p in &f.inputs {
        let Ok(ty) = p.resolve() else {
            values.push(DynSolValue::Bool(false));
            continue;
        };
        let param = Param {
            name: &p.name,
            callee: &call.known,
        };
        // Call data next to an address (a message's destination and payload) is most
        // useful as a call to a function of the contract at that address.
        let value = match (&ty, last_address) {
            (DynSolType::Bytes, Some(dest)) if depth == 0 && rng.chance(80) => {
                let at_dest: Vec<&Callable> = calls.iter().filter(|c| c.address == dest).collect();
                if at_dest.is_empty() {
                    arg(rng, &ty, param, ctx, dict, calls, depth)
                } else {
                    let c = *rng.pick(&at_dest);
                    DynSolValue::Bytes(encode_call(rng, c, ctx, dict, calls, depth + 1).to_vec())
                }
            }
            _ => arg(rng, &ty, param, ctx, dict, calls, depth),
        };
        if let DynSolValue::Address(a) = value {
            last_address = Some(a);
        }
        values.push(value);
    }
    f.abi_encode_input(&values)
        .map(Bytes::from)
        .unwrap_or_default()
}

/// A callable, each contract equally likely whatever its number of functions (ArbSys has
/// one; the token has many).
fn pick_call<'c>(rng: &mut Rng, calls: &'c [Callable]) -> &'c Callable {
    let mut contracts: Vec<Address> = calls.iter().map(|c| c.address).collect();
    contracts.dedup();
    let at = *rng.pick(&contracts);
    let of: Vec<&Callable> = calls.iter().filter(|c| c.address == at).collect();
    of[rng.below(of.len())]
}

/// An L2 → L1 message any L2 account can send: `ArbSys.sendTxToL1` to an L1 contract, with
/// a call of that contract as the payload. Once the challenge period has passed anyone can
/// execute it, so every L1 function reachable through the Outbox must check who sent it;
/// forging one by chance through generic calls takes several unlikely choices in a row.
fn l2_to_l1_message(
    rng: &mut Rng,
    ctx: Ctx<'_>,
    dict: &Dictionary,
    calls: &[Callable],
) -> Option<Action> {
    let send = calls
        .iter()
        .find(|c| c.chain == ChainId::L2 && c.function.name == "sendTxToL1")?;
    // Most often to a contract that knows an L2 contract: a receiver of L2's messages,
    // whose check of the sender is what such a message tests.
    let receivers = rng.chance(60)
        && calls
            .iter()
            .any(|c| c.chain == ChainId::L1 && c.known.crosses);
    let on_l1: Vec<&Callable> = calls
        .iter()
        .filter(|c| c.chain == ChainId::L1 && (c.known.crosses || !receivers))
        .collect();
    let mut contracts: Vec<Address> = on_l1.iter().map(|c| c.address).collect();
    contracts.dedup();
    let dest = *rng.pick(&contracts);
    let at_dest: Vec<&Callable> = on_l1
        .iter()
        .copied()
        .filter(|c| c.address == dest)
        .collect();
    // Half the time an entry point L2 code itself sends messages to.
    let entries: Vec<&Callable> = calls
        .iter()
        .filter(|c| c.chain == ChainId::L1 && c.messaged)
        .collect();
    let function: &&Callable = if !entries.is_empty() && rng.chance(50) {
        rng.pick(&entries)
    } else {
        rng.pick(&at_dest)
    };
    let dest = function.address;
    let payload = encode_call(rng, function, ctx, dict, calls, 1);
    let data = send
        .function
        .abi_encode_input(&[
            DynSolValue::Address(dest),
            DynSolValue::Bytes(payload.to_vec()),
        ])
        .ok()?;
    Some(Action::Call {
        // Governance acts only through its own action, as for generic calls.
        actor: match actor(rng) {
            Actor::Governor => Actor::Attacker,
            a => a,
        },
        chain: ChainId::L2,
        contract: send.contract.clone(),
        data: data.into(),
        value: U256::ZERO,
    })
}

/// The campaign's side of [`crate::designs::Draw`]: a design's choices drawn from the same
/// generator and dictionary as the common mix, in the order the design asks for them.
struct Drawing<'r, 'c, 'd> {
    rng: &'r mut Rng,
    ctx: Ctx<'c>,
    dict: &'d Dictionary,
}

impl crate::designs::Draw for Drawing<'_, '_, '_> {
    fn chance(&mut self, percent: u64) -> bool {
        self.rng.chance(percent)
    }

    fn below(&mut self, n: usize) -> usize {
        self.rng.below(n)
    }

    fn actor(&mut self) -> Actor {
        actor(self.rng)
    }

    fn holder(&mut self, holding: Holding) -> Actor {
        holder(self.rng, self.ctx, holding)
    }

    fn amount(&mut self) -> Amount {
        amount(self.rng, self.dict)
    }
}

/// One random action for the world as it is now: the design's own extras with the
/// probability the design gives them, else the common mix below.
pub fn action(rng: &mut Rng, ctx: Ctx<'_>, dict: &Dictionary, calls: &[Callable]) -> Action {
    if !ctx.design.spec().typed_actions() {
        return untyped(rng, ctx, dict, calls);
    }
    if let Some(extra) = ctx.design.spec().propose(&mut Drawing { rng, ctx, dict }) {
        return extra;
    }
    if rng.chance(15) {
        if let Some(next) = follow_up(rng, ctx) {
            return next;
        }
    }
    if rng.chance(25) {
        if let Some(next) = sequel(rng, ctx, dict) {
            return next;
        }
    }
    let (tickets, messages) = (ctx.tickets, ctx.messages);
    let a = actor(rng);
    let c = chain(rng);
    use ChainId::{L1, L2};
    match rng.below(100) {
        0..=7 => Action::Migrate {
            actor: holder(rng, ctx, Holding::Stake(L1)),
            dest: actor(rng),
        },
        8..=13 => Action::Deposit {
            actor: holder(rng, ctx, Holding::Liquid(L1)),
            to: actor(rng),
            amount: amount_of(rng, dict, Base::Balance),
        },
        14..=19 => Action::Withdraw {
            actor: holder(rng, ctx, Holding::Liquid(L2)),
            to: actor(rng),
            amount: amount_of(rng, dict, Base::Balance),
        },
        20..=24 => Action::Bond {
            actor: holder(rng, ctx, Holding::Liquid(c)),
            chain: c,
            amount: amount_of(rng, dict, Base::Balance),
            to: actor(rng),
        },
        25..=28 => Action::Unbond {
            actor: holder(rng, ctx, Holding::Stake(c)),
            chain: c,
            amount: amount_of(rng, dict, Base::Stake),
        },
        29 => Action::Rebond {
            actor: holder(rng, ctx, Holding::Unbonding(c)),
            chain: c,
            lock: rng.below(3) as u64,
        },
        30 => Action::RebondFromUnbonded {
            actor: holder(rng, ctx, Holding::Unbonding(c)),
            chain: c,
            to: actor(rng),
            lock: rng.below(3) as u64,
        },
        31..=32 => Action::WithdrawStake {
            actor: holder(rng, ctx, Holding::Unbonding(c)),
            chain: c,
            lock: rng.below(3) as u64,
        },
        33..=37 => Action::Reward {
            actor: *rng.pick(&Actor::ORCHESTRATORS),
            chain: c,
        },
        38 => Action::RegisterOrchestrator {
            actor: a,
            chain: c,
            reward_cut: rng.below(1_000_001) as u32,
            fee_share: rng.below(1_000_001) as u32,
        },
        39..=40 => Action::PayFees {
            actor: Actor::Broadcaster,
            chain: c,
            orchestrator: *rng.pick(&Actor::ORCHESTRATORS),
            amount: Amount::Wei(U256::from(10u64.pow(15)) * U256::from(1 + rng.below(100))),
        },
        41 => Action::WithdrawFees {
            actor: holder(rng, ctx, Holding::Fees(c)),
            chain: c,
        },
        42..=45 => Action::Transfer {
            actor: holder(rng, ctx, Holding::Liquid(c)),
            chain: c,
            to: target_name(rng, ctx, c),
            amount: amount_of(rng, dict, Base::Balance),
        },
        46 => Action::Approve {
            actor: a,
            chain: c,
            spender: target_name(rng, ctx, c),
            amount: amount(rng, dict),
        },
        roll @ 47..=74 => bridge_action(rng, (tickets, messages), a, roll - 47),
        75..=84 => advance(rng, ctx, dict),
        85 => Action::SetPaused {
            chain: c,
            paused: rng.chance(60),
        },
        86..=87 => match l2_to_l1_message(rng, ctx, dict, calls) {
            Some(action) => action,
            None => Action::Advance {
                clock: Clock::Both,
                seconds: 12,
            },
        },
        _ => generic_call(rng, ctx, dict, calls, a),
    }
}

/// One of the bridge's actions by `roll` (below 28): a delivery most often, then an
/// outbox execution, then the rarer failed auto-redeem, manual redeem and cancel, on one of
/// the `(tickets, messages)` so far (or the next, which does not exist yet).
fn bridge_action(
    rng: &mut Rng,
    (tickets, messages): (usize, usize),
    a: Actor,
    roll: usize,
) -> Action {
    match roll {
        0..=11 => Action::DeliverTicket {
            ticket: id(rng, tickets),
        },
        12..=14 => Action::FailAutoRedeem {
            ticket: id(rng, tickets),
        },
        15..=17 => Action::Redeem {
            actor: a,
            ticket: id(rng, tickets),
        },
        18..=19 => Action::Cancel {
            actor: a,
            ticket: id(rng, tickets),
        },
        _ => Action::ExecuteOutbox {
            actor: a,
            message: id(rng, messages),
        },
    }
}

/// One random action for a design without typed actions (a project file's): a call of
/// one of its contracts' functions, or a move of the bridge or the clocks, with the shares
/// of the typed mix's bridge and clock actions kept relative to one another.
fn untyped(rng: &mut Rng, ctx: Ctx<'_>, dict: &Dictionary, calls: &[Callable]) -> Action {
    if rng.chance(15) {
        if let Some(next) = follow_up(rng, ctx) {
            return next;
        }
    }
    if let Some(spender) = approved(ctx).filter(|_| rng.chance(30)) {
        if let Some(next) = spend_approval(rng, ctx, dict, calls, spender) {
            return next;
        }
    }
    let (tickets, messages) = (ctx.tickets, ctx.messages);
    let a = actor(rng);
    match rng.below(100) {
        roll @ 0..=27 => bridge_action(rng, (tickets, messages), a, roll),
        28..=37 => advance(rng, ctx, dict),
        38..=42 => l2_to_l1_message(rng, ctx, dict, calls).unwrap_or(Action::Advance {
            clock: Clock::Both,
            seconds: 12,
        }),
        _ => generic_call(rng, ctx, dict, calls, a),
    }
}

/// A call of a deployed contract's function by `a` (never by governance, which is trusted),
/// with arguments drawn from what the contract refers to, or a block's wait if the world
/// has nothing to call.
fn generic_call(
    rng: &mut Rng,
    ctx: Ctx<'_>,
    dict: &Dictionary,
    calls: &[Callable],
    a: Actor,
) -> Action {
    if calls.is_empty() {
        return Action::Advance {
            clock: Clock::Both,
            seconds: 12,
        };
    }
    // Governance is trusted: it acts only through the alphabet's governance action
    // (pausing), never through arbitrary calls.
    let a = if a == Actor::Governor {
        Actor::Attacker
    } else {
        a
    };
    // Half the time every function is as likely as any other, half the time every
    // contract is: ArbSys and the gateways have a function or two against the token's
    // dozen, and the bridge's entry points are where forged messages start.
    let call = if rng.chance(50) {
        rng.pick(calls)
    } else {
        pick_call(rng, calls)
    };
    call_by(rng, ctx, dict, calls, a, call)
}

/// A call of `call` by `a`, its arguments drawn, with ETH if it is payable (and the
/// design has no typed actions to pay for it).
fn call_by(
    rng: &mut Rng,
    ctx: Ctx<'_>,
    dict: &Dictionary,
    calls: &[Callable],
    a: Actor,
    call: &Callable,
) -> Action {
    let data = encode_call(rng, call, ctx, dict, calls, 0);
    let payable = call.function.state_mutability == alloy_json_abi::StateMutability::Payable;
    let value = if payable && !ctx.design.spec().typed_actions() {
        U256::from(*rng.pick(&CALL_VALUES))
    } else {
        U256::ZERO
    };
    Action::Call {
        actor: a,
        chain: call.chain,
        contract: call.contract.clone(),
        data,
        value,
    }
}

/// The spender of the last step, if it was an ERC-20 `approve(spender, amount)` call.
fn approved(ctx: Ctx<'_>) -> Option<Address> {
    let Some(Action::Call { data, .. }) = ctx.last else {
        return None;
    };
    if data.len() != 68 || data[..4] != APPROVE_SELECTOR {
        return None;
    }
    Some(Address::from_slice(&data[16..36]))
}

/// `approve(address,uint256)`.
const APPROVE_SELECTOR: [u8; 4] = [0x09, 0x5e, 0xa7, 0xb3];

/// What an approval is for: the spender pulls the tokens. After an actor's `approve`, its
/// next call is now and then one of the spender's own functions, by the same actor on the
/// same chain (a deposit into a gateway, say). Drawn apart, the approval and the call that
/// needs it line up by the same actor only rarely, and without a deposit a campaign never
/// reaches the bugs that move escrowed tokens.
fn spend_approval(
    rng: &mut Rng,
    ctx: Ctx<'_>,
    dict: &Dictionary,
    calls: &[Callable],
    spender: Address,
) -> Option<Action> {
    let last = ctx.last?;
    let (actor, chain) = (last.actor()?, last.chain()?);
    let at: Vec<&Callable> = calls
        .iter()
        .filter(|c| c.chain == chain && c.address == spender)
        .collect();
    if at.is_empty() || actor == Actor::Governor {
        return None;
    }
    let call = *rng.pick(&at);
    Some(call_by(rng, ctx, dict, calls, actor, call))
}

/// The next thing the last step's actor does on the same chain. A bug's story is often
/// one actor's two moves in a row (an orchestrator unbonds down to dust, then rewards;
/// a delegator bonds, then unbonds), and drawing each move's actor afresh makes such a
/// pair as rare as the product of two unlikely draws.
fn sequel(rng: &mut Rng, ctx: Ctx<'_>, dict: &Dictionary) -> Option<Action> {
    let last = ctx.last?;
    let (actor, chain) = (last.actor()?, last.chain()?);
    if actor == Actor::Governor {
        return None;
    }
    let lock = rng.below(3) as u64;
    let mut options = vec![
        Action::Unbond {
            actor,
            chain,
            // All but one wei a third of the time: a position left as dust is where
            // a ratio over it (a reward factor, a share price) blows up.
            amount: if rng.chance(33) {
                Amount::Relative(Base::Stake, -1)
            } else {
                amount_of(rng, dict, Base::Stake)
            },
        },
        Action::Bond {
            actor,
            chain,
            amount: amount_of(rng, dict, Base::Balance),
            to: if rng.chance(50) {
                actor
            } else {
                *rng.pick(&Actor::ORCHESTRATORS)
            },
        },
        Action::WithdrawStake { actor, chain, lock },
        Action::Rebond { actor, chain, lock },
        Action::WithdrawFees { actor, chain },
    ];
    if Actor::ORCHESTRATORS.contains(&actor) {
        // Twice: an orchestrator's own move is the one that moves everyone's figures.
        options.push(Action::Reward { actor, chain });
        options.push(Action::Reward { actor, chain });
        // Having rewarded, an orchestrator's next move is to wait for the next round, in
        // which it may reward again: rounds of one pool compound on each other.
        let round_length = ctx.design.spec().params().round_length;
        if matches!(last, Action::Reward { .. }) && round_length > 0 {
            let block = ctx.clock.2[chain as usize];
            options.push(Action::Advance {
                clock: Clock::Both,
                seconds: (round_length - block % round_length) * crate::world::L1_BLOCK_TIME,
            });
        }
    }
    Some(options.swap_remove(rng.below(options.len())))
}

/// An action that takes something pending one step further, when the state shows one: a
/// lock withdrawn or rebonded by its owner, fees withdrawn, a ticket delivered or redeemed,
/// a message executed (or waited for). A story only reaches its end (a withdrawal paid out
/// on L1, say) when each pending step is taken up again, and a blind draw of the next action
/// rarely picks the one that belongs.
fn follow_up(rng: &mut Rng, ctx: Ctx<'_>) -> Option<Action> {
    let mut options: Vec<Action> = Vec::new();
    let params = ctx.design.spec().params();
    for chain in [ChainId::L1, ChainId::L2] {
        let Some(accounts) = ctx.accounts(chain) else {
            continue;
        };
        // A lock made this round matures an unbonding period after it: wait until the
        // last block before that, or until it.
        let block = ctx.clock.2[chain as usize];
        if params.round_length > 0 && accounts.iter().any(|a| !a.unbonding.is_zero()) {
            let to_next = params.round_length - block % params.round_length;
            let blocks = to_next + params.unbonding_period.saturating_sub(1) * params.round_length;
            for blocks in [blocks - 1, blocks] {
                options.push(Action::Advance {
                    clock: Clock::Both,
                    seconds: blocks * crate::world::L1_BLOCK_TIME,
                });
            }
        }
        for (actor, a) in Actor::ALL.iter().zip(accounts) {
            if !a.unbonding.is_zero() {
                let lock = rng.below(3) as u64;
                options.push(if rng.chance(75) {
                    Action::WithdrawStake {
                        actor: *actor,
                        chain,
                        lock,
                    }
                } else {
                    Action::Rebond {
                        actor: *actor,
                        chain,
                        lock,
                    }
                });
            }
            if !a.fees.is_zero() {
                options.push(Action::WithdrawFees {
                    actor: *actor,
                    chain,
                });
            }
        }
    }
    if let Some(relayer) = ctx.relayer {
        for t in &relayer.tickets {
            match t.state {
                crate::bridge::TicketState::Created => {
                    options.push(Action::DeliverTicket { ticket: t.id })
                }
                crate::bridge::TicketState::Failed => options.push(Action::Redeem {
                    actor: actor(rng),
                    ticket: t.id,
                }),
                _ => {}
            }
        }
        // A message is tried from the last second before it matures, since a maturity
        // check that is off by one passes there; it is waited for up to that second or to
        // maturity itself.
        for m in relayer.outbox.iter().filter(|m| !m.executed()) {
            if m.executable_at <= ctx.clock.0 + 1 {
                options.push(Action::ExecuteOutbox {
                    actor: actor(rng),
                    message: m.index,
                });
            }
            if m.executable_at > ctx.clock.0 + 1 {
                let wait = m.executable_at - ctx.clock.0;
                options.push(Action::Advance {
                    clock: Clock::Both,
                    seconds: wait - rng.below(2) as u64,
                });
            } else if m.executable_at > ctx.clock.0 {
                options.push(Action::Advance {
                    clock: Clock::Both,
                    seconds: 1,
                });
            }
        }
    }
    (!options.is_empty()).then(|| options.swap_remove(rng.below(options.len())))
}

/// A time step: two times in five to a deadline the world runs on (see [`deadlines`]),
/// else one of the usual spans on some clock.
fn advance(rng: &mut Rng, ctx: Ctx<'_>, dict: &Dictionary) -> Action {
    if rng.chance(40) {
        if let Some((clock, seconds)) = deadline(rng, ctx, dict, &ctx.design.spec().params()) {
            return Action::Advance { clock, seconds };
        }
    }
    Action::Advance {
        clock: *rng.pick(&[Clock::Both, Clock::Both, Clock::L1, Clock::L2]),
        seconds: *rng.pick(&SECONDS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Design D's generic calls reach Livepeer's prebuilt protocol at its proxies, with the
    /// targets' ABIs, and never the implementations behind them.
    #[test]
    fn design_d_calls_the_prebuilt_protocol_at_its_proxies() {
        let design = crate::designs::DesignId::D;
        let world = crate::designs::fresh_world(design).unwrap();
        let artifacts = crate::designs::artifacts(design, &design.root()).unwrap();
        let calls = callables(&world, &artifacts);
        let distinct: std::collections::BTreeSet<_> = calls
            .iter()
            .map(|c| (c.chain, c.contract.clone(), c.function.signature()))
            .collect();
        let has = |contract: &str, function: &str| {
            distinct
                .iter()
                .any(|(_, c, f)| c == contract && f.starts_with(&format!("{function}(")))
        };
        for (contract, function) in [
            ("L2BondingManager", "transferBond"),
            ("L2BondingManager", "claimEarnings"),
            ("L1BondingManager", "bondWithHint"),
            ("L2TicketBroker", "fundDepositAndReserve"),
            ("L2RoundsManager", "initializeRound"),
            ("L2Minter", "setCurrentRewardTokens"),
            ("MerkleSnapshot", "setSnapshot"),
            ("L2Controller", "setContractInfo"),
            ("L1Migrator", "migrateDelegator"),
        ] {
            assert!(
                has(contract, function),
                "{contract}.{function} is not called"
            );
        }
        assert!(
            !distinct.iter().any(|(_, c, _)| c.ends_with("Target")),
            "an implementation behind a proxy is called directly: {distinct:?}"
        );
        // What the campaign called before prebuilt contracts were callable: the compiled
        // tree's deployments, implementations included.
        let compiled = crate::compile::compile(&design.root()).unwrap();
        let before: usize = world
            .contracts
            .iter()
            .filter_map(|(c, n, _)| world.contracts.kind(c, n))
            .filter_map(|kind| compiled.get(kind).ok())
            .map(|k| {
                k.abi
                    .functions()
                    .filter(|f| {
                        !matches!(
                            f.state_mutability,
                            alloy_json_abi::StateMutability::View
                                | alloy_json_abi::StateMutability::Pure
                        )
                    })
                    .count()
            })
            .sum();
        eprintln!(
            "design D: {} callable functions ({before} from the compiled tree alone)",
            distinct.len()
        );
    }

    /// After an `approve`, the spender's own functions are offered, by the approver on the
    /// approval's chain; any other last step offers nothing.
    #[test]
    fn an_approval_is_spent_by_a_call_of_its_spender() {
        use alloy_sol_types::SolCall;
        let design = crate::designs::DesignId::A;
        let root = design.root();
        let world = crate::designs::fresh_world(design).unwrap();
        let artifacts = crate::designs::artifacts(design, &root).unwrap();
        let calls = callables(&world, &artifacts);
        let gateway = world.contracts.addr(ChainId::L1, "L1Gateway");
        let approve = Action::Call {
            actor: Actor::Delegator1,
            chain: ChainId::L1,
            contract: "L1Token".into(),
            data: crate::bindings::ILivepeerToken::approveCall {
                spender: gateway,
                amount: U256::from(5),
            }
            .abi_encode()
            .into(),
            value: U256::ZERO,
        };
        let ctx = Ctx {
            last: Some(&approve),
            ..Ctx::of(&world, None)
        };
        assert_eq!(approved(ctx), Some(gateway));
        let mut rng = Rng::new(3);
        let dict = Dictionary::default();
        for _ in 0..20 {
            let next = spend_approval(&mut rng, ctx, &dict, &calls, gateway).unwrap();
            let Action::Call {
                actor,
                chain,
                contract,
                ..
            } = next
            else {
                panic!("{next}")
            };
            assert_eq!(
                (actor, chain, contract.as_str()),
                (Actor::Delegator1, ChainId::L1, "L1Gateway")
            );
        }
        let wait = Action::Advance {
            clock: Clock::Both,
            seconds: 1,
        };
        let ctx = Ctx {
            last: Some(&wait),
            ..Ctx::of(&world, None)
        };
        assert_eq!(approved(ctx), None);
    }

    /// What `follow_up` offers over many draws of `world` as it is now.
    fn offers(world: &World) -> Vec<Action> {
        let mut rng = Rng::new(7);
        (0..3000)
            .filter_map(|_| follow_up(&mut rng, Ctx::of(world, None)))
            .collect()
    }

    /// An outbox message is waited for up to maturity, or the second before; from that
    /// second on it is tried, since a maturity check one second off passes there.
    #[test]
    fn an_outbox_message_is_tried_from_the_second_before_it_matures() {
        let mut world = crate::designs::fresh_world(crate::designs::DesignId::A).unwrap();
        world
            .apply(&Action::Withdraw {
                actor: Actor::Delegator1,
                to: Actor::Delegator1,
                amount: Amount::Wei(crate::amount::lpt(1)),
            })
            .unwrap();
        let message = world.relayer.outbox.iter().find(|m| !m.executed()).unwrap();
        let (index, wait) = (message.index, message.executable_at - world.l1.timestamp());
        let execute =
            |a: &Action| matches!(a, Action::ExecuteOutbox { message, .. } if *message == index);
        let advance = |s: u64| move |a: &Action| matches!(a, Action::Advance { clock: Clock::Both, seconds } if *seconds == s);

        let early = offers(&world);
        assert!(early.iter().any(advance(wait)), "to maturity");
        assert!(early.iter().any(advance(wait - 1)), "to the second before");
        assert!(!early.iter().any(execute), "not tried a week early");

        world.advance_both(wait - 1);
        let last_second = offers(&world);
        assert!(last_second.iter().any(execute), "tried one second early");
        assert!(
            last_second.iter().any(advance(1)),
            "waited for the last second"
        );
    }

    /// Having rewarded, an orchestrator's next move may be to wait for the next round:
    /// the sequel offers an advance that lands exactly on a round's first block.
    #[test]
    fn after_a_reward_the_sequel_may_wait_for_the_next_round() {
        let world = crate::designs::fresh_world(crate::designs::DesignId::A).unwrap();
        let ran = [Action::Reward {
            actor: Actor::Orchestrator1,
            chain: ChainId::L2,
        }];
        let round_length = world.design.spec().params().round_length;
        let block = world.l2.block_number();
        let dict = Dictionary::default();
        let mut rng = Rng::new(3);
        let waits: Vec<u64> = (0..2000)
            .filter_map(|_| sequel(&mut rng, Ctx::of(&world, None).after(&ran), &dict))
            .filter_map(|a| match a {
                Action::Advance {
                    clock: Clock::Both,
                    seconds,
                } => Some(seconds),
                _ => None,
            })
            .collect();
        assert!(!waits.is_empty(), "no wait offered");
        for seconds in waits {
            let lands = block + seconds / crate::world::L1_BLOCK_TIME;
            assert_eq!(lands % round_length, 0, "{seconds} s from block {block}");
        }
    }
}
