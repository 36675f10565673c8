//! Foundry reproducers: a failure file turned into one self-contained Foundry test that an
//! engineer who has never run crosscheck can run with `forge test`.
//!
//! **One EVM for two chains.** No contract address of L1 is a contract address of L2
//! (genesis refuses a world where one is; see [`crate::world::World::shared_contracts`]),
//! so both chains' contracts live side by side in forge's one EVM. What the chains *do*
//! share is their externally owned accounts (an actor has the same key on both) and, with
//! them, two ETH balances per account: the test keeps the balance of the chain it is not on
//! parked in its own storage, and swaps on every change of chain.
//!
//! **Genesis by state, not by transactions.** The test starts from crosscheck's genesis
//! state, written account by account with `vm.etch`, `vm.store`, `vm.deal` and
//! `vm.setNonce`. Replaying the genesis transactions instead would have forge compile the
//! contracts itself and deploy them in order, which reproduces crosscheck's world only if
//! forge's build matches ours byte for byte (immutables, metadata, design D's prebuilt
//! Livepeer artifacts linked as shipped) and every address lines up; a difference there
//! would show as a failing reproducer for reasons that have nothing to do with the bug.
//! The bytes etched are exactly the (mutated) code crosscheck ran, so what the test shows
//! is what crosscheck saw.
//!
//! **Steps as the transactions they were.** The sequence is replayed from the transcript
//! of what the harness did to the chains (see [`crate::transcript`]): each transaction
//! becomes a pranked raw call on its chain, at its block number and time, with the gas it
//! had for execution; bridge deliveries are the calls the relayer made (from the aliased
//! L1 sender on L2, through the Outbox on L1), and the drain and exit that a quiescent
//! check needs are there too. Every call must succeed or revert as it did in crosscheck.
//! The test ends where the invariant broke, with asserts on the figures it read there.

pub mod project;
mod solidity;

use alloy_primitives::{Address, Bytes, U256};
use anyhow::{anyhow, bail, Result};
use invariants::view::Chains;
use invariants::Violation;

use crate::chain::ChainId;
use crate::designs::Role;
use crate::script::{Expected, Script};
use crate::transcript::{Entry, Mark};
use crate::world::World;

/// One account of a chain at genesis.
#[derive(Debug, Clone)]
pub struct GenesisAccount {
    /// Its address.
    pub address: Address,
    /// ETH.
    pub balance: U256,
    /// Nonce.
    pub nonce: u64,
    /// Runtime code (empty for an externally owned account).
    pub code: Bytes,
    /// Non-zero storage slots, by slot.
    pub storage: Vec<(U256, U256)>,
    /// The contract's name in the design, if it is one of the design's.
    pub name: Option<String>,
}

/// A contract whose token figures the reproducer asserts at the end.
#[derive(Debug, Clone)]
pub struct Watched {
    /// The chain.
    pub chain: ChainId,
    /// What the figure is.
    pub label: String,
    /// The token.
    pub token: Address,
    /// The holder whose balance is read, or `None` for the total supply.
    pub holder: Option<Address>,
    /// What crosscheck read.
    pub value: U256,
}

/// Everything a reproducer is written from.
#[derive(Debug, Clone)]
pub struct Reproduction {
    /// The script that was reproduced.
    pub script: Script,
    /// The violation reproduced (the first of the script's expected invariant).
    pub violation: Violation,
    /// L1's accounts at genesis.
    pub l1: Vec<GenesisAccount>,
    /// L2's accounts at genesis.
    pub l2: Vec<GenesisAccount>,
    /// What the harness did after genesis, up to the check that found the violation.
    pub entries: Vec<Entry>,
    /// The decoded line of each step of the script, in order.
    pub step_lines: Vec<String>,
    /// The figures asserted at the end.
    pub watched: Vec<Watched>,
    /// The compiled contract each of the design's addresses is an instance of.
    pub kinds: std::collections::HashMap<Address, String>,
}

/// Replays `script` with the transcript on and keeps what a reproducer of its expected
/// violation needs. Fails with a one-line cause if the script expects nothing to break, if
/// its violation is in genesis itself, or if it no longer breaks what it expects.
pub fn reproduce(script: &Script) -> Result<Reproduction> {
    let invariant = match &script.expect {
        Some(Expected::Violates { invariant }) => invariant.clone(),
        _ => bail!("the script expects every invariant to hold, so there is nothing to reproduce"),
    };
    let world = crate::designs::script_world(
        script.design,
        script.mutant.as_deref(),
        script.genesis.as_deref(),
    );
    let mut world = match crate::genesis::outcome(world)? {
        Ok(world) => world,
        Err(v) => bail!(
            "`{}` breaks at genesis, before any step, so there is no sequence to reproduce",
            v.invariant
        ),
    };
    for action in &script.steps {
        world.validate(action)?;
    }
    let l1 = genesis_accounts(&world, ChainId::L1);
    let l2 = genesis_accounts(&world, ChainId::L2);
    let mut step_lines = Vec::new();
    crate::transcript::start();
    let report = crate::run::run_steps(&mut world, &script.steps, |i, action, status, w, _| {
        step_lines.push(crate::names::humanize(&crate::report::step_line(
            i, action, status, w,
        )));
    });
    let mut entries = crate::transcript::stop();
    report?;
    let cut = entries
        .iter()
        .position(|e| matches!(e, Entry::Mark(m) if m.violations.iter().any(|v| v.invariant == invariant)))
        .ok_or_else(|| anyhow!("the script no longer breaks `{invariant}`; replay it to see what it does now"))?;
    entries.truncate(cut + 1);
    let Some(Entry::Mark(mark)) = entries.last() else {
        unreachable!("the cut ends at a mark")
    };
    let violation = mark
        .violations
        .iter()
        .find(|v| v.invariant == invariant)
        .cloned()
        .expect("the mark holds the violation");
    let watched = watched(&world, mark);
    if let Some(e) = entries.iter().find_map(|e| match e {
        Entry::Tx(tx) if tx.to.is_none() => Some(tx),
        _ => None,
    }) {
        bail!(
            "the sequence deploys a contract on {} (from {}); a reproducer replays calls only",
            e.chain,
            e.from
        );
    }
    let kinds = world
        .contracts
        .iter()
        .map(|(chain, name, address)| {
            let kind = world.contracts.kind(chain, name).unwrap_or(name);
            (address, kind.to_string())
        })
        .collect();
    Ok(Reproduction {
        script: script.clone(),
        violation,
        l1,
        l2,
        entries,
        step_lines,
        watched,
        kinds,
    })
}

impl Reproduction {
    /// The last state-changing call of the sequence: the first successful transaction of
    /// the last step that made one (a step's later transactions are the relayer's). The
    /// script's own steps come first; with none that made a call (the exit probe broke the
    /// invariant), the last of the drain's and the exit's steps.
    pub fn last_call(&self) -> Option<&crate::transcript::RecordedTx> {
        let steps = self.script.steps.len() as u64;
        let mut first_in_segment = None;
        let (mut last_own, mut last_any) = (None, None);
        for e in &self.entries {
            match e {
                Entry::Tx(tx) if tx.ok => {
                    first_in_segment.get_or_insert(tx);
                }
                Entry::Mark(m) => {
                    if let Some(tx) = first_in_segment.take() {
                        last_any = Some(tx);
                        if (1..=steps).contains(&m.step)
                            && m.checkpoint == invariants::view::Checkpoint::AfterStep
                        {
                            last_own = Some(tx);
                        }
                    }
                }
                _ => {}
            }
        }
        last_own.or(last_any)
    }
}

/// Renders `r` as a Foundry test named `contract_name`; `source` says where it came from.
pub fn render(r: &Reproduction, contract_name: &str, source: &str) -> String {
    solidity::render(r, contract_name, source)
}

/// A Solidity identifier for a failure file's stem: `Repro_` and the stem's letters,
/// digits and underscores.
pub fn contract_name(stem: &str) -> String {
    let cleaned: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("Repro_{cleaned}")
}

fn genesis_accounts(world: &World, chain: ChainId) -> Vec<GenesisAccount> {
    let db = match chain {
        ChainId::L1 => world.l1.db(),
        ChainId::L2 => world.l2.db(),
    };
    let names: std::collections::HashMap<Address, &str> = world
        .contracts
        .iter()
        .filter(|(c, _, _)| *c == chain)
        .map(|(_, name, address)| (address, name))
        .collect();
    let mut out: Vec<GenesisAccount> = db
        .cache
        .accounts
        .iter()
        .map(|(address, account)| {
            let code = account
                .info
                .code
                .as_ref()
                .map(|c| c.original_bytes())
                .unwrap_or_default();
            let mut storage: Vec<(U256, U256)> = account
                .storage
                .iter()
                .filter(|(_, v)| !v.is_zero())
                .map(|(k, v)| (*k, *v))
                .collect();
            storage.sort_unstable();
            GenesisAccount {
                address: *address,
                balance: account.info.balance,
                nonce: account.info.nonce,
                code,
                storage,
                name: names.get(address).map(|n| n.to_string()),
            }
        })
        .filter(|a| {
            !(a.balance.is_zero() && a.nonce == 0 && a.code.is_empty() && a.storage.is_empty())
        })
        .collect();
    out.sort_by_key(|a| a.address);
    out
}

/// The token figures the invariants read at `mark`: each chain's supply, what the escrow,
/// the Minter and the migrator hold, and every account's liquid balance that is not zero.
fn watched(world: &World, mark: &Mark) -> Vec<Watched> {
    let mut out = Vec::new();
    let read: &Chains = &mark.read;
    for (chain, view) in [(ChainId::L1, &read.l1), (ChainId::L2, &read.l2)] {
        let role = |r: Role| {
            world
                .design
                .role_name(chain, r)
                .map(|name| world.addr(chain, name))
        };
        let Some(token) = role(Role::Token) else {
            continue;
        };
        let token_name = crate::names::name_of(token);
        let mut push = |label: String, holder: Option<Address>, value: U256| {
            out.push(Watched {
                chain,
                label,
                token,
                holder,
                value,
            })
        };
        push(
            format!("{chain} {token_name}.totalSupply()"),
            None,
            view.supply,
        );
        for (r, value) in [
            (Role::Escrow, view.gateway_balance),
            (Role::Minter, view.custody),
            (Role::Migrator, view.migrator_balance),
        ] {
            if let Some(holder) = role(r) {
                let name = crate::names::name_of(holder);
                push(
                    format!("{chain} {token_name}.balanceOf({name})"),
                    Some(holder),
                    value,
                );
            }
        }
        for account in view.accounts.iter().filter(|a| !a.balance.is_zero()) {
            let name = crate::names::name_of(account.address);
            push(
                format!("{chain} {token_name}.balanceOf({name})"),
                Some(account.address),
                account.balance,
            );
        }
    }
    out.dedup_by(|a, b| a.chain == b.chain && a.holder == b.holder && a.token == b.token);
    out
}
