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
use crate::chain::ChainId;
use crate::compile::Artifacts;
use crate::world::World;

/// Values and addresses the generator draws from; comparison operands are added as the
/// campaign runs.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    /// Interesting amounts.
    pub values: Vec<U256>,
}

impl Dictionary {
    const MAX: usize = 512;

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
            if self.values.len() >= Self::MAX {
                return;
            }
            if !self.values.contains(v) {
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
}

impl<'a> Ctx<'a> {
    /// The context of `world` as it is now.
    pub fn of(world: &'a World) -> Self {
        Ctx {
            design: world.design,
            book: &world.contracts,
            tickets: world.relayer.tickets.len(),
            messages: world.relayer.outbox.len(),
        }
    }
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
}

/// Every non-view external function of every deployed contract of `world`.
pub fn callables(world: &World, artifacts: &Artifacts) -> Vec<Callable> {
    let mut out = Vec::new();
    for (chain, name, address) in world.contracts.iter() {
        let Some(kind) = world.contracts.kind(chain, name) else {
            continue;
        };
        let Ok(compiled) = artifacts.get(kind) else {
            continue;
        };
        for f in compiled.abi.functions() {
            use alloy_json_abi::StateMutability::{Pure, View};
            if matches!(f.state_mutability, View | Pure) {
                continue;
            }
            out.push(Callable {
                chain,
                contract: name.to_string(),
                address,
                function: f.clone(),
            });
        }
    }
    out
}

const SECONDS: [u64; 7] = [12, 120, 1_200, 3_600, 86_400, 604_800, 604_801];

fn lpt(n: u64) -> U256 {
    crate::designs::design_a::lpt(n)
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

fn arg(
    rng: &mut Rng,
    ty: &DynSolType,
    ctx: Ctx<'_>,
    dict: &Dictionary,
    calls: &[Callable],
    depth: u8,
) -> DynSolValue {
    match ty {
        DynSolType::Address => {
            let actors: Vec<Address> = Actor::ALL.iter().map(|a| a.address()).collect();
            let contracts: Vec<Address> = ctx.book.iter().map(|(_, _, a)| a).collect();
            DynSolValue::Address(if rng.chance(50) {
                *rng.pick(&actors)
            } else {
                *rng.pick(&contracts)
            })
        }
        DynSolType::Uint(bits) => {
            let v = amount(rng, dict)
                .resolve(|_| Ok(lpt(1)))
                .unwrap_or_default();
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
            DynSolValue::Bytes(encode_call(rng, &c.function, ctx, dict, calls, depth + 1).to_vec())
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
                    .map(|_| arg(rng, inner, ctx, dict, calls, depth))
                    .collect(),
            )
        }
        DynSolType::Tuple(items) => DynSolValue::Tuple(
            items
                .iter()
                .map(|t| arg(rng, t, ctx, dict, calls, depth))
                .collect(),
        ),
        _ => DynSolValue::Bool(false),
    }
}

fn encode_call(
    rng: &mut Rng,
    f: &Function,
    ctx: Ctx<'_>,
    dict: &Dictionary,
    calls: &[Callable],
    depth: u8,
) -> Bytes {
    let mut last_address: Option<Address> = None;
    let mut values = Vec::with_capacity(f.inputs.len());
    for p in &f.inputs {
        let Ok(ty) = p.resolve() else {
            values.push(DynSolValue::Bool(false));
            continue;
        };
        // Call data next to an address (a message's destination and payload) is most
        // useful as a call to a function of the contract at that address.
        let value = match (&ty, last_address) {
            (DynSolType::Bytes, Some(dest)) if depth == 0 && rng.chance(80) => {
                let at_dest: Vec<&Callable> = calls.iter().filter(|c| c.address == dest).collect();
                if at_dest.is_empty() {
                    arg(rng, &ty, ctx, dict, calls, depth)
                } else {
                    let c = *rng.pick(&at_dest);
                    DynSolValue::Bytes(
                        encode_call(rng, &c.function, ctx, dict, calls, depth + 1).to_vec(),
                    )
                }
            }
            _ => arg(rng, &ty, ctx, dict, calls, depth),
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
    let on_l1: Vec<&Callable> = calls.iter().filter(|c| c.chain == ChainId::L1).collect();
    let mut contracts: Vec<Address> = on_l1.iter().map(|c| c.address).collect();
    contracts.dedup();
    let dest = *rng.pick(&contracts);
    let at_dest: Vec<&&Callable> = on_l1.iter().filter(|c| c.address == dest).collect();
    let function = rng.pick(&at_dest).function.clone();
    let payload = encode_call(rng, &function, ctx, dict, calls, 1);
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

/// One random action for the world as it is now: the design's own extras with the
/// probability the design gives them, else the common mix below.
pub fn action(rng: &mut Rng, ctx: Ctx<'_>, dict: &Dictionary, calls: &[Callable]) -> Action {
    if let Some(extra) = ctx.design.spec().generate_extra(rng, ctx, dict) {
        return extra;
    }
    let (tickets, messages) = (ctx.tickets, ctx.messages);
    let a = actor(rng);
    let c = chain(rng);
    match rng.below(100) {
        0..=7 => Action::Migrate {
            actor: a,
            dest: actor(rng),
        },
        8..=13 => Action::Deposit {
            actor: a,
            to: actor(rng),
            amount: amount(rng, dict),
        },
        14..=19 => Action::Withdraw {
            actor: a,
            to: actor(rng),
            amount: amount(rng, dict),
        },
        20..=24 => Action::Bond {
            actor: a,
            chain: c,
            amount: amount(rng, dict),
            to: actor(rng),
        },
        25..=28 => Action::Unbond {
            actor: a,
            chain: c,
            amount: amount(rng, dict),
        },
        29 => Action::Rebond {
            actor: a,
            chain: c,
            lock: rng.below(3) as u64,
        },
        30 => Action::RebondFromUnbonded {
            actor: a,
            chain: c,
            to: actor(rng),
            lock: rng.below(3) as u64,
        },
        31..=32 => Action::WithdrawStake {
            actor: a,
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
        41 => Action::WithdrawFees { actor: a, chain: c },
        42..=45 => Action::Transfer {
            actor: a,
            chain: c,
            to: target_name(rng, ctx, c),
            amount: amount(rng, dict),
        },
        46 => Action::Approve {
            actor: a,
            chain: c,
            spender: target_name(rng, ctx, c),
            amount: amount(rng, dict),
        },
        47..=58 => Action::DeliverTicket {
            ticket: id(rng, tickets),
        },
        59..=61 => Action::FailAutoRedeem {
            ticket: id(rng, tickets),
        },
        62..=64 => Action::Redeem {
            actor: a,
            ticket: id(rng, tickets),
        },
        65..=66 => Action::Cancel {
            actor: a,
            ticket: id(rng, tickets),
        },
        67..=74 => Action::ExecuteOutbox {
            actor: a,
            message: id(rng, messages),
        },
        75..=84 => Action::Advance {
            clock: *rng.pick(&[Clock::Both, Clock::Both, Clock::L1, Clock::L2]),
            seconds: *rng.pick(&SECONDS),
        },
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
        _ if !calls.is_empty() => {
            // Governance is trusted: it acts only through the alphabet's governance
            // action (pausing), never through arbitrary calls.
            let a = if a == Actor::Governor {
                Actor::Attacker
            } else {
                a
            };
            // Half the time every function is as likely as any other, half the time every
            // contract is: ArbSys and the gateways have a function or two against the
            // token's dozen, and the bridge's entry points are where forged messages start.
            let call = if rng.chance(50) {
                rng.pick(calls).clone()
            } else {
                pick_call(rng, calls).clone()
            };
            let data = encode_call(rng, &call.function, ctx, dict, calls, 0);
            Action::Call {
                actor: a,
                chain: call.chain,
                contract: call.contract,
                data,
                value: U256::ZERO,
            }
        }
        _ => Action::Advance {
            clock: Clock::Both,
            seconds: 12,
        },
    }
}
