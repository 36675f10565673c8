//! The explorer's alphabet: a finite, explicit list of steps, printed at the start of a run
//! and written into its certificate.
//!
//! Three parts:
//! - **fixed letters**: typed actions of the design, by a few representative actors, with
//!   amounts drawn from classes (0, 1, all but one, all, one more than all) that are
//!   resolved against the state when the step runs, so "all of delegator1's stake" is one
//!   letter whatever the stake is;
//! - **bridge letters**, made from the state: for every ticket not yet final, its delivery,
//!   a failed auto-redeem, a manual redeem and a cancel by a third party and by its
//!   beneficiary; for every outbox message, its execution (again, if it has executed);
//! - **time letters**: both clocks forward by one round, by one round short of an unbonding
//!   period and by the whole period, by the challenge period and a second short of it, and
//!   by the ticket lifetime.
//!
//! `small` (the default) is sized so that depth 4 fits in minutes on two cores. `full` adds
//! generic ABI calls: every state-changing function of every deployed contract, called by
//! the attacker with each argument vector of a bounded domain (see `DOMAINS`), and the
//! same calls sent by the attacker through `ArbSys` as messages, to every function a
//! contract on L1 takes messages on. A JSON file
//! (`{"actions": [...], "bridge": true, "times": true}`, actions in the script format)
//! lets an auditor choose the fixed letters.

use std::path::Path;

use alloy_dyn_abi::{DynSolType, DynSolValue, JsonAbiExt, Specifier};
use alloy_primitives::{Bytes, U256};
use anyhow::{bail, Context, Result};
use serde::Deserialize;

use crate::action::{Action, Clock};
use crate::actors::{Actor, Cast};
use crate::amount::{Amount, Base};
use crate::bridge::TICKET_LIFETIME;
use crate::campaign::generate::Callable;
use crate::chain::ChainId;
use crate::designs::DesignId;
use crate::world::{World, L1_BLOCK_TIME};

/// Which alphabet to explore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Typed actions by representative actors, bridge and time letters.
    Small,
    /// `Small` plus generic ABI calls over a bounded argument domain.
    Full,
    /// Fixed letters from a JSON file.
    File(std::path::PathBuf),
    /// Fixed letters given directly, with or without bridge and time letters.
    Letters {
        /// The fixed letters.
        actions: Vec<Action>,
        /// Whether bridge letters are made from each state.
        bridge: bool,
        /// Whether time letters are offered.
        times: bool,
    },
}

impl std::str::FromStr for Choice {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s {
            "small" => Choice::Small,
            "full" => Choice::Full,
            path => {
                let p = std::path::PathBuf::from(path);
                if !p.is_file() {
                    bail!("alphabet {s:?} is neither small, full nor a JSON file");
                }
                Choice::File(p)
            }
        })
    }
}

/// A letter as it stands in one state: the step, and its position among the fixed letters
/// if it is one (the reduction tracks fixed letters only).
#[derive(Debug, Clone)]
pub struct Letter {
    /// The step.
    pub action: Action,
    /// Its index among the fixed letters.
    pub fixed: Option<u16>,
}

/// A finite alphabet.
#[derive(Debug, Clone)]
pub struct Alphabet {
    /// `small`, `full` or the file's name.
    pub name: String,
    /// Letters offered in every state.
    pub fixed: Vec<Action>,
    /// Whether bridge letters are made from each state's tickets and messages.
    pub bridge: bool,
    /// Time letters: a label and the seconds both clocks move.
    pub times: Vec<(String, u64)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AlphabetFile {
    actions: Vec<Action>,
    #[serde(default = "yes")]
    bridge: bool,
    #[serde(default = "yes")]
    times: bool,
}

fn yes() -> bool {
    true
}

impl Alphabet {
    /// The alphabet `choice` for `world` (its genesis), whose generic calls are `calls`.
    pub fn build(choice: &Choice, world: &World, calls: &[Callable]) -> Result<Alphabet> {
        let design = world.design;
        let times = time_letters(design, world.relayer.challenge_period);
        let (name, fixed, bridge, times) = match choice {
            Choice::Small if !design.behaves_as().builtin() => {
                ("small".to_string(), generic(world, calls), true, times)
            }
            Choice::Small => ("small".to_string(), small(design), true, times),
            Choice::Full => {
                let mut fixed = small(design);
                fixed.extend(generic(world, calls));
                ("full".to_string(), fixed, true, times)
            }
            Choice::File(path) => {
                let file = load(path)?;
                let times = if file.times { times } else { Vec::new() };
                (path.display().to_string(), file.actions, file.bridge, times)
            }
            Choice::Letters {
                actions,
                bridge,
                times: with_times,
            } => (
                "given".to_string(),
                actions.clone(),
                *bridge,
                if *with_times { times } else { Vec::new() },
            ),
        };
        let spec = design.spec();
        for a in &fixed {
            if !spec.has_action(a) {
                bail!("alphabet {name}: design {design} has no action {a}");
            }
        }
        if fixed.len() > usize::from(u16::MAX) {
            bail!(
                "alphabet {name}: {} letters is more than the explorer takes",
                fixed.len()
            );
        }
        Ok(Alphabet {
            name,
            fixed,
            bridge,
            times,
        })
    }

    /// Every letter offered in `world` as it is now, in a fixed order: the fixed letters,
    /// then the bridge letters of its tickets and messages, then the time letters.
    pub fn letters(&self, world: &World) -> Vec<Letter> {
        let mut out: Vec<Letter> = self
            .fixed
            .iter()
            .enumerate()
            .map(|(i, a)| Letter {
                action: a.clone(),
                fixed: Some(i as u16),
            })
            .collect();
        let mut add = |action| {
            out.push(Letter {
                action,
                fixed: None,
            })
        };
        if self.bridge {
            for t in world
                .relayer
                .tickets
                .iter()
                .filter(|t| !t.state.is_terminal())
            {
                add(Action::DeliverTicket { ticket: t.id });
                add(Action::FailAutoRedeem { ticket: t.id });
                add(Action::Redeem {
                    actor: Actor::Attacker,
                    ticket: t.id,
                });
                add(Action::Cancel {
                    actor: Actor::Attacker,
                    ticket: t.id,
                });
                if let Some(owner) = world
                    .design
                    .cast()
                    .actor_at(t.beneficiary)
                    .filter(|a| *a != Actor::Attacker)
                {
                    add(Action::Cancel {
                        actor: owner,
                        ticket: t.id,
                    });
                }
            }
            // Executed messages too: the outbox must refuse a second execution.
            for m in &world.relayer.outbox {
                add(Action::ExecuteOutbox {
                    actor: Actor::Attacker,
                    message: m.index,
                });
            }
        }
        for (_, seconds) in &self.times {
            add(Action::Advance {
                clock: Clock::Both,
                seconds: *seconds,
            });
        }
        out
    }

    /// The alphabet as printed and certified: one line per fixed letter, then the rules
    /// for bridge and time letters.
    pub fn describe(&self, design: DesignId) -> Vec<String> {
        let mut lines: Vec<String> = self.fixed.iter().map(|a| line(a, design)).collect();
        if self.bridge {
            lines.push(
                "for each open ticket: deliver, fail auto-redeem, redeem (attacker), cancel \
                 (attacker, beneficiary)"
                    .into(),
            );
            lines.push("for each outbox message, executed or not: execute (attacker)".into());
        }
        for (label, seconds) in &self.times {
            lines.push(format!("advance both clocks {seconds} s ({label})"));
        }
        lines
    }
}

/// A step as the explorer prints it: with its chain, since the alphabet has the same step
/// on both.
pub fn line(action: &Action, design: DesignId) -> String {
    match action.chain() {
        Some(chain) => format!("{chain}: {}", action.describe(design)),
        None => action.describe(design),
    }
}

fn load(path: &Path) -> Result<AlphabetFile> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{}: malformed alphabet: {e}", path.display()))
}

fn time_letters(design: DesignId, challenge: u64) -> Vec<(String, u64)> {
    let p = design.spec().params();
    let round = p.round_length * L1_BLOCK_TIME;
    let mut out = Vec::new();
    // A design without rounds (a project file's) has only the bridge's clocks.
    if round > 0 {
        out.push(("one round".to_string(), round));
    }
    if round > 0 && p.unbonding_period > 1 {
        out.push((
            "one round short of the unbonding period".into(),
            (p.unbonding_period - 1) * round,
        ));
    }
    if round > 0 {
        out.push(("the unbonding period".into(), p.unbonding_period * round));
    }
    out.push((
        "a second short of the challenge period".into(),
        challenge - 1,
    ));
    out.push(("the challenge period".into(), challenge));
    if TICKET_LIFETIME != challenge {
        out.push(("the ticket lifetime".into(), TICKET_LIFETIME));
    }
    out
}

/// The small alphabet's fixed letters for `design`. Actors stand for classes: an
/// orchestrator with delegators (orchestrator1), one without a pool of its own on every
/// chain (orchestrator3), a delegator (delegator1), a second one (delegator2), and the
/// attacker, who holds LPT and no privileges.
fn small(design: DesignId) -> Vec<Action> {
    use Actor::*;
    use ChainId::{L1, L2};
    // A project has no typed actions: its letters are its contracts' calls, which
    // `Alphabet::build` adds for it even to the small alphabet.
    if !design.behaves_as().builtin() {
        return Vec::new();
    }
    let one = Amount::Wei(U256::from(1));
    let all = |base| Amount::Relative(base, 0);
    let mut v = Vec::new();
    for chain in [L1, L2] {
        for actor in [Orchestrator1, Delegator1] {
            for amount in [one, Amount::Relative(Base::Stake, -1), all(Base::Stake)] {
                v.push(Action::Unbond {
                    actor,
                    chain,
                    amount,
                });
            }
            v.push(Action::WithdrawStake {
                actor,
                chain,
                lock: 0,
            });
            v.push(Action::Rebond {
                actor,
                chain,
                lock: 0,
            });
        }
        v.push(Action::Bond {
            actor: Delegator1,
            chain,
            amount: one,
            to: Orchestrator2,
        });
        for actor in [Orchestrator1, Orchestrator2] {
            v.push(Action::Reward { actor, chain });
        }
        v.push(Action::Transfer {
            actor: Delegator1,
            chain,
            to: Orchestrator1.name().into(),
            amount: all(Base::Balance),
        });
        v.push(Action::SetPaused {
            chain,
            paused: true,
        });
    }
    for (actor, dest) in [
        (Delegator1, Delegator1),
        (Delegator2, Orchestrator1),
        (Delegator3, Orchestrator3),
        (Orchestrator3, Orchestrator1),
        (Orchestrator1, Orchestrator1),
    ] {
        v.push(Action::Migrate { actor, dest });
    }
    for (actor, to) in [(Delegator1, Delegator1), (Attacker, Orchestrator2)] {
        for amount in [one, all(Base::Balance)] {
            v.push(Action::Deposit { actor, to, amount });
        }
    }
    for (actor, to) in [(Delegator1, Delegator1), (Orchestrator1, Orchestrator1)] {
        for amount in [
            Amount::Wei(U256::ZERO),
            one,
            all(Base::Balance),
            Amount::Relative(Base::Stake, 1),
        ] {
            v.push(Action::Withdraw { actor, to, amount });
        }
    }
    match design.behaves_as() {
        DesignId::B => {
            v.push(Action::StartRound { actor: Attacker });
            v.push(Action::ReportStake {
                actor: Reporter,
                amount: all(Base::L2Stake),
            });
            v.push(Action::ReportStake {
                actor: Reporter,
                amount: Amount::Relative(Base::Escrow, 1),
            });
            v.push(Action::ReportStake {
                actor: Attacker,
                amount: one,
            });
        }
        DesignId::C => {
            for amount in [one, all(Base::Balance)] {
                v.push(Action::LockLegacy {
                    actor: Delegator1,
                    to: Delegator1,
                    amount,
                });
            }
        }
        DesignId::D => {
            // Each migration by its owner to its own L2 address, and by a third party:
            // with the owner's signature, and without one (to the owner's address, and to
            // the third party's own).
            for (actor, owner, l2, signed) in [
                (Delegator1, Delegator1, Delegator1, false),
                (Orchestrator1, Orchestrator1, Orchestrator1, false),
                (Attacker, Delegator2, Delegator2, true),
                (Attacker, Delegator2, Delegator2, false),
                (Attacker, Delegator2, Attacker, false),
            ] {
                v.push(Action::MigrateDelegator {
                    actor,
                    owner,
                    l2,
                    signed,
                });
            }
            for (actor, owner, locks, signed) in [
                (Delegator3, Delegator3, vec![0, 1], false),
                (Attacker, Delegator3, vec![], true),
                (Attacker, Delegator2, vec![0, 0], true),
            ] {
                v.push(Action::MigrateLocks {
                    actor,
                    owner,
                    l2: owner,
                    locks,
                    signed,
                });
            }
            v.push(Action::MigrateSender {
                actor: Broadcaster,
                owner: Broadcaster,
                l2: Broadcaster,
                signed: false,
            });
            v.push(Action::ClaimStake {
                actor: Delegator1,
                new_delegate: None,
            });
            v.push(Action::MigrateBulk {
                actor: Attacker,
                eth: true,
            });
            v.push(Action::CacheSupply { actor: Attacker });
        }
        DesignId::A | DesignId::Project(_) => {}
    }
    let spec = design.spec();
    v.retain(|a| spec.has_action(a));
    v
}

/// One argument vector of the bounded domain: every address argument is `who` (the first
/// one is the contract's token instead when `token_first` and the contract refers to one);
/// every amount is `amount`; bytes, strings and arrays are empty; a bool is true.
#[derive(Clone, Copy)]
struct Domain {
    who: Actor,
    token_first: bool,
    amount: u128,
}

/// The vectors every generic call is made with: the attacker and 1 LPT (an outsider's
/// small call); a delegator and 1 LPT (a call made for someone who holds stake and LPT);
/// the contract's token, then the attacker, and a million LPT (more than any escrow or
/// stake at genesis: a forged withdrawal that must be refused or minted).
const DOMAINS: [Domain; 3] = [
    Domain {
        who: Actor::Attacker,
        token_first: false,
        amount: 1_000_000_000_000_000_000,
    },
    Domain {
        who: Actor::Delegator1,
        token_first: false,
        amount: 1_000_000_000_000_000_000,
    },
    Domain {
        who: Actor::Attacker,
        token_first: true,
        amount: 1_000_000_000_000_000_000_000_000,
    },
];

fn bounded_arg(
    ty: &DynSolType,
    call: &Callable,
    domain: Domain,
    cast: &Cast,
    first_address: &mut bool,
) -> Option<DynSolValue> {
    Some(match ty {
        DynSolType::Address => {
            let token = call.known.tokens.first().copied();
            let a = match (domain.token_first && *first_address, token) {
                (true, Some(t)) => t,
                _ => cast.address(domain.who),
            };
            *first_address = false;
            DynSolValue::Address(a)
        }
        DynSolType::Uint(bits) => DynSolValue::Uint(U256::from(domain.amount), *bits),
        DynSolType::Int(bits) => DynSolValue::Int(alloy_primitives::I256::ONE, *bits),
        DynSolType::Bool => DynSolValue::Bool(true),
        DynSolType::Bytes => DynSolValue::Bytes(Vec::new()),
        DynSolType::String => DynSolValue::String(String::new()),
        DynSolType::FixedBytes(n) => DynSolValue::FixedBytes(Default::default(), *n),
        DynSolType::Array(_) => DynSolValue::Array(Vec::new()),
        DynSolType::FixedArray(inner, n) => DynSolValue::FixedArray(
            (0..*n)
                .map(|_| bounded_arg(inner, call, domain, cast, first_address))
                .collect::<Option<_>>()?,
        ),
        DynSolType::Tuple(types) => DynSolValue::Tuple(
            types
                .iter()
                .map(|t| bounded_arg(t, call, domain, cast, first_address))
                .collect::<Option<_>>()?,
        ),
        _ => return None,
    })
}

fn encode(call: &Callable, domain: Domain, cast: &Cast) -> Option<Bytes> {
    let mut first_address = true;
    let values = call
        .function
        .inputs
        .iter()
        .map(|p| {
            p.resolve()
                .ok()
                .and_then(|t| bounded_arg(&t, call, domain, cast, &mut first_address))
        })
        .collect::<Option<Vec<_>>>()?;
    call.function
        .abi_encode_input(&values)
        .ok()
        .map(Bytes::from)
}

/// The `full` alphabet's generic letters: each callable once, by the attacker, and each L1
/// message entry point reached through `ArbSys.sendTxToL1`.
fn generic(world: &World, calls: &[Callable]) -> Vec<Action> {
    let mut out = Vec::new();
    let arbsys = world
        .contracts
        .iter()
        .find(|(c, name, _)| *c == ChainId::L2 && *name == "ArbSys")
        .map(|(_, name, _)| name.to_string());
    for (call, domain) in calls
        .iter()
        .flat_map(|c| DOMAINS.iter().map(move |d| (c, *d)))
    {
        if call.contract == "ArbSys" {
            continue;
        }
        let Some(data) = encode(call, domain, world.design.cast()) else {
            continue;
        };
        let letter = Action::Call {
            actor: Actor::Attacker,
            chain: call.chain,
            contract: call.contract.clone(),
            data: data.clone(),
            value: U256::ZERO,
        };
        if out.contains(&letter) {
            continue;
        }
        out.push(letter);
        if let (Some(arbsys), true, ChainId::L1) = (&arbsys, call.messaged, call.chain) {
            let send = crate::bindings::IArbSys::sendTxToL1Call {
                destination: call.address,
                data,
            };
            out.push(Action::Call {
                actor: Actor::Attacker,
                chain: ChainId::L2,
                contract: arbsys.clone(),
                data: alloy_sol_types::SolCall::abi_encode(&send).into(),
                value: U256::ZERO,
            });
        }
    }
    out
}
