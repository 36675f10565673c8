//! One chain: a revm instance with deploy, call (commit), view (no commit), logs, time,
//! and a cheap snapshot/restore.

use std::fmt;

use alloy_primitives::{Address, Bytes, Log, U256};
use alloy_sol_types::{SolCall, SolEvent};
use anyhow::{anyhow, bail, Result};
use revm::context::result::{ExecutionResult, Output};
use revm::context::{BlockEnv, CfgEnv, Context, Journal, TxEnv};
use revm::context_interface::ContextTr;
use revm::database::{CacheDB, EmptyDB};
use revm::handler::{MainBuilder, MainContext, MainnetEvm};
use revm::primitives::hardfork::SpecId;
use revm::primitives::TxKind;
use revm::state::EvmState;
use revm::state::{AccountInfo, Bytecode};
use revm::{Database, ExecuteCommitEvm, ExecuteEvm, InspectEvm};
use serde::{Deserialize, Serialize};

use crate::inspector::Recorder;
use crate::read_cache::{ReadCache, Writes};
use crate::supply_trace::{EthTransfer, SupplyEvent};

/// How the halt of a transaction the EVM refused outright begins.
const INVALID_TX: &str = "invalid transaction";

/// The state database of one chain.
pub type ChainDb = CacheDB<EmptyDB>;
type ChainContext = Context<BlockEnv, TxEnv, CfgEnv, ChainDb, Journal<ChainDb>, ()>;
type ChainEvm = MainnetEvm<ChainContext, Recorder>;

/// Gas limit of ordinary transactions, generous on purpose: the campaign controls gas
/// only where gas matters (a ticket's auto-redeem).
pub const DEFAULT_GAS: u64 = 10_000_000;

/// L1's base fee per gas, in wei (20 gwei). Transactions here pay no gas (their gas price
/// is zero and the base-fee check is off), but the base fee is what an honest Arbitrum
/// client prices a retryable ticket's submission with (`Inbox.calculateRetryableSubmissionFee`),
/// and a real L1 block never has a zero one. L2's is zero: the relayer charges no L2 gas.
pub const L1_BASE_FEE: u64 = 20_000_000_000;

/// Which of the two chains.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    arbitrary::Arbitrary,
)]
#[serde(rename_all = "lowercase")]
pub enum ChainId {
    /// Ethereum, chain id 1.
    L1,
    /// Arbitrum One, chain id 42161.
    L2,
}

impl ChainId {
    /// The EIP-155 chain id.
    pub fn number(self) -> u64 {
        match self {
            ChainId::L1 => 1,
            ChainId::L2 => 42161,
        }
    }
}

impl fmt::Display for ChainId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ChainId::L1 => "L1",
            ChainId::L2 => "L2",
        })
    }
}

/// How a transaction ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// It succeeded.
    Success,
    /// It reverted; the revert data is in [`TxOutcome::output`].
    Revert,
    /// It halted (out of gas, invalid opcode, ...).
    Halt(String),
}

/// The result of one committed transaction.
#[derive(Debug, Clone)]
pub struct TxOutcome {
    /// How it ended.
    pub status: Status,
    /// Return data, or revert data.
    pub output: Bytes,
    /// Logs (empty unless it succeeded).
    pub logs: Vec<Log>,
    /// Gas used.
    pub gas_used: u64,
    /// Mints and burns it made, with call stacks (empty unless it succeeded).
    pub supply: Vec<SupplyEvent>,
    /// ETH its calls moved (empty unless it succeeded).
    pub eth: Vec<EthTransfer>,
    /// The created contract, for a deployment.
    pub created: Option<Address>,
}

impl TxOutcome {
    /// A transaction that did not succeed: no logs, no supply events.
    fn failed(status: Status, output: Bytes) -> Self {
        Self {
            status,
            output,
            logs: Vec::new(),
            gas_used: 0,
            supply: Vec::new(),
            eth: Vec::new(),
            created: None,
        }
    }

    /// Whether the transaction succeeded.
    pub fn ok(&self) -> bool {
        self.status == Status::Success
    }

    /// Decodes every log of type `E`.
    pub fn events<E: SolEvent>(&self) -> Vec<(Address, E)> {
        self.logs
            .iter()
            .filter_map(|log| event::<E>(log).map(|e| (log.address, e)))
            .collect()
    }

    /// Fails with the revert reason ([`TxFailed`]) unless the transaction succeeded.
    pub fn require_ok(&self, what: &str) -> Result<()> {
        let reason = match &self.status {
            Status::Success => return Ok(()),
            Status::Revert => format!("reverted: {}", crate::decode::revert_reason(&self.output)),
            Status::Halt(reason) => format!("halted: {reason}"),
        };
        Err(TxFailed {
            what: what.to_string(),
            reason,
        }
        .into())
    }
}

/// A transaction that had to succeed did not: the contracts refused it. During a genesis
/// this is a finding about the contracts (see `crate::genesis`), not a fault of the tool.
#[derive(Debug, Clone)]
pub struct TxFailed {
    /// What the transaction was for.
    pub what: String,
    /// How it ended: `reverted: <decoded reason>` or `halted: <reason>`.
    pub reason: String,
}

impl fmt::Display for TxFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.what, self.reason)
    }
}

impl std::error::Error for TxFailed {}

/// `log` decoded as event `E`, if it is one. The topic is compared before decoding: most
/// logs of a step are other events, and a failed decode builds an error.
pub fn event<E: SolEvent>(log: &Log) -> Option<E> {
    if log.topics().first() != Some(&E::SIGNATURE_HASH) {
        return None;
    }
    E::decode_log(log).ok().map(|decoded| decoded.data)
}

/// A saved chain state: the database and the block environment.
#[derive(Debug, Clone)]
pub struct ChainSnapshot {
    db: ChainDb,
    block: BlockEnv,
    cache: ReadCache,
}

/// One chain: a revm instance and its block environment.
pub struct Chain {
    id: ChainId,
    evm: ChainEvm,
    /// Whether state-changing transactions run under the inspector (see `set_inspector`).
    inspect: bool,
    /// View results still valid for the current state (see `view_cached`).
    cache: ReadCache,
    /// Whether `view_cached` may answer from the cache.
    caching: bool,
    /// Whether transactions record line coverage (views never do: the checker's reads
    /// would make every view look exercised).
    lines: bool,
}

impl fmt::Debug for Chain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Chain")
            .field("id", &self.id)
            .field("block", &self.block_number())
            .field("timestamp", &self.timestamp())
            .finish()
    }
}

impl Chain {
    /// An empty chain at block 1, time `timestamp`.
    pub fn new(id: ChainId, timestamp: u64) -> Self {
        let block = BlockEnv {
            number: U256::from(1),
            timestamp: U256::from(timestamp),
            gas_limit: 1 << 40,
            basefee: if id == ChainId::L1 { L1_BASE_FEE } else { 0 },
            ..Default::default()
        };
        Self::from_parts(id, ChainDb::default(), block, ReadCache::default())
    }

    fn from_parts(id: ChainId, db: ChainDb, block: BlockEnv, cache: ReadCache) -> Self {
        let ctx = Context::mainnet()
            .with_db(db)
            .modify_cfg_chained(|cfg| {
                cfg.spec = SpecId::PRAGUE;
                cfg.chain_id = id.number();
                cfg.disable_nonce_check = true;
                cfg.disable_base_fee = true;
                cfg.tx_gas_limit_cap = Some(u64::MAX);
                cfg.limit_contract_code_size = Some(usize::MAX);
            })
            .modify_block_chained(|b| *b = block);
        Self {
            id,
            evm: ctx.build_mainnet_with_inspector(Recorder::default()),
            lines: crate::line_coverage::record::enabled(),
            inspect: true,
            cache,
            caching: true,
        }
    }

    /// Which chain this is.
    pub fn id(&self) -> ChainId {
        self.id
    }

    /// The current block number.
    pub fn block_number(&self) -> u64 {
        self.evm.ctx.block.number.saturating_to()
    }

    /// The current block timestamp.
    pub fn timestamp(&self) -> u64 {
        self.evm.ctx.block.timestamp.saturating_to()
    }

    /// Sets the block number and timestamp (never backwards).
    pub fn set_block(&mut self, number: u64, timestamp: u64) {
        let block = &mut self.evm.ctx.block;
        let (old_number, old_time) = (block.number, block.timestamp);
        block.number = U256::from(number.max(block.number.saturating_to()));
        block.timestamp = U256::from(timestamp.max(block.timestamp.saturating_to()));
        if (block.number, block.timestamp) != (old_number, old_time) {
            self.cache.forget_block_readers();
        }
    }

    /// Lets `view_cached` answer from the cache (the default) or not. Off, every read runs
    /// again; a test uses that to check the cache never changes an answer.
    pub fn set_read_cache(&mut self, on: bool) {
        self.caching = on;
        self.cache.clear();
    }

    /// Runs state-changing transactions under the inspector (the default) or without it.
    /// Without it there is no mint and burn trace and no coverage, so the invariants
    /// cannot be checked; `bench` uses it to measure raw revm replay.
    pub fn set_inspector(&mut self, on: bool) {
        self.inspect = on;
    }

    /// Turns edge coverage recording on or off.
    pub fn set_coverage(&mut self, on: bool) {
        self.evm.inspector.coverage.enabled = on;
    }

    /// Takes the edges and comparison operands recorded since the last call.
    pub fn take_coverage(&mut self) -> (Vec<u16>, Vec<U256>) {
        self.evm.inspector.coverage.take()
    }

    /// The chain's state database, read-only (the explorer hashes it).
    pub fn db(&self) -> &ChainDb {
        self.evm.ctx.db()
    }

    /// A digest of the chain's state: every account that is not empty (its nonce, balance,
    /// code hash and non-zero storage), in address order. Two chains have equal digests
    /// exactly when they hold the same accounts, code and storage, which is what equal
    /// state roots say; accounts a read merely loaded (empty) and zero slots count as
    /// absent, as they are in the state trie.
    pub fn state_digest(&self) -> alloy_primitives::B256 {
        let db = self.db();
        let mut accounts: Vec<_> = db
            .cache
            .accounts
            .iter()
            .filter(|(_, a)| {
                let i = &a.info;
                i.nonce != 0
                    || !i.balance.is_zero()
                    || i.code_hash != revm::primitives::KECCAK_EMPTY
                    || a.storage.values().any(|v| !v.is_zero())
            })
            .collect();
        accounts.sort_by_key(|(address, _)| **address);
        let mut bytes = Vec::new();
        for (address, account) in accounts {
            bytes.extend_from_slice(address.as_slice());
            bytes.extend_from_slice(&account.info.nonce.to_be_bytes());
            bytes.extend_from_slice(&account.info.balance.to_be_bytes::<32>());
            bytes.extend_from_slice(account.info.code_hash.as_slice());
            let mut slots: Vec<_> = account
                .storage
                .iter()
                .filter(|(_, v)| !v.is_zero())
                .collect();
            slots.sort();
            bytes.extend_from_slice(&(slots.len() as u64).to_be_bytes());
            for (slot, value) in slots {
                bytes.extend_from_slice(&slot.to_be_bytes::<32>());
                bytes.extend_from_slice(&value.to_be_bytes::<32>());
            }
        }
        alloy_primitives::keccak256(bytes)
    }

    /// Saves the state. Cost is a `CacheDB` clone; see `crosscheck bench`.
    pub fn snapshot(&self) -> ChainSnapshot {
        ChainSnapshot {
            db: self.evm.ctx.db().clone(),
            block: self.evm.ctx.block.clone(),
            cache: self.cache.clone(),
        }
    }

    /// Restores a state saved by [`Chain::snapshot`].
    pub fn restore(&mut self, snapshot: &ChainSnapshot) {
        *self.evm.ctx.db_mut() = snapshot.db.clone();
        self.evm.ctx.block = snapshot.block.clone();
        self.cache = snapshot.cache.clone();
    }

    /// A new chain in a state saved by [`Chain::snapshot`].
    pub fn from_snapshot(id: ChainId, snapshot: &ChainSnapshot) -> Self {
        Self::from_parts(
            id,
            snapshot.db.clone(),
            snapshot.block.clone(),
            snapshot.cache.clone(),
        )
    }

    /// Every storage value on the chain that looks like an amount (above 1,000 and at most
    /// 2^128), sorted and deduplicated: the campaign's dictionary starts from these, so an
    /// escrow or a balance can be hit exactly, or missed by one.
    pub fn amount_like_storage(&self) -> Vec<U256> {
        let limit = U256::from(1) << 128;
        let mut out: Vec<U256> = self
            .evm
            .ctx
            .db()
            .cache
            .accounts
            .values()
            .flat_map(|a| a.storage.values().copied())
            .filter(|v| *v > U256::from(1_000u64) && *v <= limit)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether the contract at `address` answers `selector`: its dispatcher compares the
    /// call's selector with it (`PUSH4 selector EQ`, or with a `DUP2` between, as older
    /// compilers emit). Works on bytecode alone, so on prebuilt contracts as well.
    pub fn dispatches(&self, address: Address, selector: [u8; 4]) -> bool {
        let Some(code) = self.code_of(address) else {
            return false;
        };
        code.windows(7).any(|w| {
            w[0] == 0x63 && w[1..5] == selector && (w[5] == 0x14 || (w[5] == 0x81 && w[6] == 0x14))
        })
    }

    /// The selectors the contract at `address` builds call data with: pushed other than to
    /// compare a call's own selector with (`EQ`, or `GT`/`LT` in a dispatcher's binary
    /// search), or already shifted into place (`PUSH32`, or `PUSH4 v PUSH1 k SHL`, the
    /// optimizer's cheaper form of an even selector). A counterpart that sends a message
    /// across the bridge writes the receiving function's selector this way.
    pub fn encoded_selectors(&self, address: Address) -> Vec<[u8; 4]> {
        let Some(code) = self.code_of(address) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, w) in code.windows(8).enumerate() {
            match w[0] {
                0x63 if w[5] == 0x60 && w[7] == 0x1b => {
                    let word = U256::from_be_slice(&w[1..5]) << usize::from(w[6]);
                    let bytes = word.to_be_bytes::<32>();
                    if bytes[4..].iter().all(|b| *b == 0) {
                        out.push([bytes[0], bytes[1], bytes[2], bytes[3]]);
                    }
                }
                0x63 if !matches!(w[5], 0x10 | 0x11 | 0x14 | 0x81) => {
                    out.push([w[1], w[2], w[3], w[4]]);
                }
                0x7f if code.len() >= i + 33 && code[i + 5..i + 33].iter().all(|b| *b == 0) => {
                    out.push([w[1], w[2], w[3], w[4]]);
                }
                _ => {}
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The runtime code at `address`, if it has any.
    fn code_of(&self, address: Address) -> Option<Bytes> {
        let db = self.evm.ctx.db();
        let account = db.cache.accounts.get(&address)?;
        let code = account
            .info
            .code
            .clone()
            .or_else(|| db.cache.contracts.get(&account.info.code_hash).cloned())?;
        Some(code.original_bytes())
    }

    /// Those of `candidates` that the contract at `address` refers to: written in its code
    /// (constants and immutables sit there as 20 raw bytes) or held in its storage (a
    /// counterpart, a token, a registry entry). Sorted and deduplicated.
    pub fn references(&self, address: Address, candidates: &[Address]) -> Vec<Address> {
        let Some(account) = self.evm.ctx.db().cache.accounts.get(&address) else {
            return Vec::new();
        };
        let wanted: std::collections::HashSet<Address> = candidates.iter().copied().collect();
        let mut out: Vec<Address> = self
            .code_of(address)
            .map(|code| {
                code.windows(20)
                    .map(Address::from_slice)
                    .filter(|a| wanted.contains(a))
                    .collect()
            })
            .unwrap_or_default();
        out.extend(
            account
                .storage
                .values()
                .filter(|v| v.bit_len() <= 160)
                .map(|v| Address::from_word(v.to_be_bytes::<32>().into()))
                .filter(|a| wanted.contains(a)),
        );
        out.sort_unstable();
        out.dedup();
        out.retain(|a| *a != address);
        out
    }

    /// Sets `address`'s ETH balance.
    pub fn set_balance(&mut self, address: Address, wei: U256) {
        let mut info = self.account(address);
        if info.balance == wei {
            return;
        }
        info.balance = wei;
        self.evm.ctx.db_mut().insert_account_info(address, info);
        crate::transcript::record(|| crate::transcript::Entry::Balance {
            chain: self.id,
            address,
            wei,
        });
        self.cache.invalidate(&Writes {
            balance: true,
            ..Writes::default()
        });
    }

    /// `address`'s ETH balance.
    pub fn balance(&mut self, address: Address) -> U256 {
        self.account(address).balance
    }

    /// Sets `address`'s nonce.
    pub fn set_nonce(&mut self, address: Address, nonce: u64) {
        let mut info = self.account(address);
        info.nonce = nonce;
        self.evm.ctx.db_mut().insert_account_info(address, info);
        crate::transcript::record(|| crate::transcript::Entry::Nonce {
            chain: self.id,
            address,
            nonce,
        });
    }

    /// `address`'s nonce.
    pub fn nonce(&mut self, address: Address) -> u64 {
        self.account(address).nonce
    }

    fn account(&mut self, address: Address) -> AccountInfo {
        self.evm
            .ctx
            .db_mut()
            .basic(address)
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// Installs runtime `code` at `address` (used for ArbSys at 0x64).
    pub fn set_code(&mut self, address: Address, code: Bytes) {
        let code_copy = if crate::transcript::recording() {
            code.clone()
        } else {
            Bytes::new()
        };
        let mut info = self.account(address);
        let bytecode = Bytecode::new_raw(code);
        info.code_hash = bytecode.hash_slow();
        info.code = Some(bytecode);
        self.evm.ctx.db_mut().insert_account_info(address, info);
        crate::transcript::record(|| crate::transcript::Entry::Code {
            chain: self.id,
            address,
            code: code_copy,
        });
        self.cache.clear();
    }

    /// Deploys `init_code` (creation bytecode with constructor arguments) from `from`.
    pub fn deploy(&mut self, from: Address, init_code: Bytes) -> Result<Address> {
        let tx = TxEnv::builder()
            .caller(from)
            .kind(TxKind::Create)
            .data(init_code)
            .gas_limit(100_000_000)
            .gas_price(0)
            .chain_id(Some(self.id.number()))
            .nonce(self.nonce(from))
            .build_fill();
        let outcome = self.execute(tx)?;
        outcome.require_ok("deployment")?;
        outcome
            .created
            .ok_or_else(|| anyhow!("deployment created no contract"))
    }

    /// Sends a transaction and commits it. A revert or halt is a normal outcome here;
    /// only an EVM-level failure (an invalid transaction) is an error.
    pub fn call(
        &mut self,
        from: Address,
        to: Address,
        data: Bytes,
        value: U256,
        gas: u64,
    ) -> Result<TxOutcome> {
        let tx = self.call_tx(from, to, data, value, gas);
        self.execute(tx)
    }

    /// A call from `from` at no gas price.
    fn call_tx(&self, from: Address, to: Address, data: Bytes, value: U256, gas: u64) -> TxEnv {
        TxEnv::builder()
            .caller(from)
            .kind(TxKind::Call(to))
            .data(data)
            .value(value)
            .gas_limit(gas)
            .gas_price(0)
            .chain_id(Some(self.id.number()))
            .build_fill()
    }

    /// Sends a typed call with default gas and no value.
    pub fn send<C: SolCall>(&mut self, from: Address, to: Address, call: &C) -> Result<TxOutcome> {
        self.call(from, to, call.abi_encode().into(), U256::ZERO, DEFAULT_GAS)
    }

    /// Sends a typed call that must succeed; returns its outcome.
    pub fn send_ok<C: SolCall>(
        &mut self,
        from: Address,
        to: Address,
        call: &C,
    ) -> Result<TxOutcome> {
        let outcome = self.send(from, to, call)?;
        outcome.require_ok(&format!("{} on {}", C::SIGNATURE, self.id))?;
        Ok(outcome)
    }

    /// The block's base fee per gas.
    pub fn base_fee(&self) -> U256 {
        U256::from(self.evm.ctx.block.basefee)
    }

    /// Runs a transaction from `from` without committing it, as a node's `eth_call` or
    /// `eth_estimateGas` does: nothing is recorded, nothing is cached, and `from` is
    /// credited whatever `value` it lacks. Returns how it ended with its logs, and the gas it
    /// spent before refunds (what a gas limit must cover).
    pub fn simulate(
        &mut self,
        from: Address,
        to: Address,
        data: Bytes,
        value: U256,
        gas: u64,
    ) -> Result<(TxOutcome, u64)> {
        let tx = self.call_tx(from, to, data, value, gas);
        self.evm.ctx.cfg.disable_balance_check = true;
        let result = self.evm.transact(tx);
        self.evm.ctx.cfg.disable_balance_check = false;
        let result = match result {
            Ok(r) => r.result,
            Err(revm::context::result::EVMError::Transaction(invalid)) => {
                let status = Status::Halt(format!("{INVALID_TX}: {invalid:?}"));
                return Ok((TxOutcome::failed(status, Bytes::new()), 0));
            }
            Err(e) => bail!("EVM failure on {}: {e:?}", self.id),
        };
        let spent = result.gas().total_gas_spent();
        let outcome = match result {
            ExecutionResult::Success { logs, output, .. } => TxOutcome {
                status: Status::Success,
                output: output.into_data(),
                logs,
                gas_used: spent,
                supply: Vec::new(),
                eth: Vec::new(),
                created: None,
            },
            ExecutionResult::Revert { output, .. } => TxOutcome::failed(Status::Revert, output),
            ExecutionResult::Halt { reason, .. } => {
                TxOutcome::failed(Status::Halt(format!("{reason:?}")), Bytes::new())
            }
        };
        Ok((outcome, spent))
    }

    /// Records every call frame of this chain's transactions and reads into `log` from now
    /// on (see [`crate::call_log`]).
    pub fn record_calls(&mut self, log: crate::call_log::CallLog) {
        self.evm.inspector.calls = Some((self.id, log));
    }

    /// Where this chain records its call frames, if it does.
    pub fn call_log(&self) -> Option<crate::call_log::CallLog> {
        self.evm
            .inspector
            .calls
            .as_ref()
            .map(|(_, log)| log.clone())
    }

    /// Runs a call without committing and returns its output. Reverts are errors.
    pub fn view_raw(&mut self, to: Address, data: Bytes) -> Result<Bytes> {
        let tx = self.view_tx(to, data);
        // Views need no call-stack recording, so they skip the inspector unless their
        // calls are being logged.
        let result = if self.evm.inspector.calls.is_some() {
            let result = self.evm.inspect_tx(tx);
            self.evm.inspector.supply.take();
            result
        } else {
            self.evm.transact(tx)
        };
        let result = result.map_err(|e| anyhow!("view on {}: {e:?}", self.id))?;
        view_output(result.result)
    }

    fn view_tx(&self, to: Address, data: Bytes) -> TxEnv {
        TxEnv::builder()
            .caller(Address::ZERO)
            .kind(TxKind::Call(to))
            .data(data)
            .gas_limit(1_000_000_000)
            .gas_price(0)
            .chain_id(Some(self.id.number()))
            .build_fill()
    }

    /// What a committed transaction's state diff wrote, judged against the database
    /// before the commit.
    fn writes(&self, state: &EvmState) -> Writes {
        let db = self.evm.ctx.db();
        let mut writes = Writes::default();
        for (address, account) in state {
            if !account.is_touched() {
                continue;
            }
            for (key, slot) in &account.storage {
                if slot.is_changed() {
                    writes.slots.push((*address, *key));
                }
            }
            match db.cache.accounts.get(address) {
                Some(before) => {
                    writes.balance |= before.info.balance != account.info.balance;
                    writes.code |= before.info.code_hash != account.info.code_hash;
                }
                None => {
                    writes.balance |= !account.info.balance.is_zero();
                    writes.code |= !account.info.is_empty_code_hash();
                }
            }
            writes.code |= account.is_created() || account.is_selfdestructed();
        }
        writes
    }

    /// The read cache's generation, or `None` when caching is off: while it stays the
    /// same, a chain read made at it would read the same again.
    pub fn read_generation(&self) -> Option<u64> {
        self.caching.then(|| self.cache.generation())
    }

    /// Runs a typed view call, answered from the read cache when nothing the same call
    /// read last time has changed since.
    pub fn view_cached<C: SolCall>(&mut self, to: Address, call: &C) -> Result<C::Return> {
        let data: Bytes = call.abi_encode().into();
        let out = match self.cache.get(to, &data).filter(|_| self.caching) {
            Some(out) => out,
            None if !self.caching => self.view_raw(to, data)?,
            None => {
                // Run under the inspector, coverage off, to learn whether the view read
                // the block or a balance, which no storage slot records.
                let tx = self.view_tx(to, data.clone());
                let inspector = &mut self.evm.inspector;
                let coverage = std::mem::replace(&mut inspector.coverage.enabled, false);
                inspector.watch_reads = true;
                inspector.block_read = false;
                inspector.balance_read = false;
                let result = self.evm.inspect_tx(tx);
                let inspector = &mut self.evm.inspector;
                inspector.coverage.enabled = coverage;
                inspector.watch_reads = false;
                inspector.supply.take();
                let reads = crate::read_cache::EnvReads {
                    block: inspector.block_read,
                    balance: inspector.balance_read,
                };
                let result = result.map_err(|e| anyhow!("view on {}: {e:?}", self.id))?;
                let out = view_output(result.result)?;
                self.cache
                    .insert(to, data, out.clone(), &result.state, reads);
                out
            }
        };
        C::abi_decode_returns(&out).map_err(|e| anyhow!("cannot decode {}: {e}", C::SIGNATURE))
    }

    /// Runs a typed view call.
    pub fn view<C: SolCall>(&mut self, to: Address, call: &C) -> Result<C::Return> {
        let out = self.view_raw(to, call.abi_encode().into())?;
        C::abi_decode_returns(&out).map_err(|e| anyhow!("cannot decode {}: {e}", C::SIGNATURE))
    }

    fn execute(&mut self, tx: TxEnv) -> Result<TxOutcome> {
        let outcome = self.execute_unrecorded(&tx)?;
        if !matches!(&outcome.status, Status::Halt(h) if h.starts_with(INVALID_TX)) {
            crate::transcript::record(|| self.recorded(&tx, outcome.ok()));
        }
        Ok(outcome)
    }

    fn recorded(&self, tx: &TxEnv, ok: bool) -> crate::transcript::Entry {
        let intrinsic = revm::context_interface::cfg::gas::calculate_initial_tx_gas_for_tx(
            tx,
            SpecId::PRAGUE,
            None,
        );
        crate::transcript::Entry::Tx(crate::transcript::RecordedTx {
            chain: self.id,
            number: self.block_number(),
            timestamp: self.timestamp(),
            from: tx.caller,
            to: match tx.kind {
                TxKind::Call(to) => Some(to),
                TxKind::Create => None,
            },
            value: tx.value,
            data: tx.data.clone(),
            execution_gas: tx
                .gas_limit
                .saturating_sub(intrinsic.initial_regular_gas + intrinsic.initial_state_gas),
            ok,
        })
    }

    fn execute_unrecorded(&mut self, tx: &TxEnv) -> Result<TxOutcome> {
        let tx = tx.clone();
        let result = if self.inspect {
            self.evm.inspector.lines = self.lines;
            let result = self.evm.inspect_tx(tx);
            self.evm.inspector.lines = false;
            result
        } else {
            self.evm.transact(tx)
        };
        let (supply, eth) = self.evm.inspector.supply.take();
        let result = result.map(|r| {
            if self.caching {
                let writes = self.writes(&r.state);
                self.cache.invalidate(&writes);
            }
            self.evm.commit(r.state);
            r.result
        });
        let result = match result {
            Ok(r) => r,
            // A transaction the EVM refuses outright (say, a gas limit below its intrinsic
            // cost, which a fuzzer may choose for a ticket) is rejected like a node would:
            // nothing is committed, and the caller sees a halt.
            Err(revm::context::result::EVMError::Transaction(invalid)) => {
                return Ok(TxOutcome {
                    status: Status::Halt(format!("{INVALID_TX}: {invalid:?}")),
                    output: Bytes::new(),
                    logs: Vec::new(),
                    gas_used: 0,
                    supply: Vec::new(),
                    eth: Vec::new(),
                    created: None,
                });
            }
            Err(e) => bail!("EVM failure on {}: {e:?}", self.id),
        };
        Ok(match result {
            ExecutionResult::Success {
                gas, logs, output, ..
            } => {
                let created = match &output {
                    Output::Create(_, address) => *address,
                    Output::Call(_) => None,
                };
                TxOutcome {
                    status: Status::Success,
                    output: output.into_data(),
                    logs,
                    gas_used: gas.tx_gas_used(),
                    supply,
                    eth,
                    created,
                }
            }
            ExecutionResult::Revert { gas, output, .. } => TxOutcome {
                status: Status::Revert,
                output,
                logs: Vec::new(),
                gas_used: gas.tx_gas_used(),
                supply: Vec::new(),
                eth: Vec::new(),
                created: None,
            },
            ExecutionResult::Halt { reason, gas, .. } => TxOutcome {
                status: Status::Halt(format!("{reason:?}")),
                output: Bytes::new(),
                logs: Vec::new(),
                gas_used: gas.tx_gas_used(),
                supply: Vec::new(),
                eth: Vec::new(),
                created: None,
            },
        })
    }
}

fn view_output(result: ExecutionResult) -> Result<Bytes> {
    match result {
        ExecutionResult::Success { output, .. } => Ok(output.into_data()),
        ExecutionResult::Revert { output, .. } => {
            bail!("view reverted: {}", crate::decode::revert_reason(&output))
        }
        ExecutionResult::Halt { reason, .. } => bail!("view halted: {reason:?}"),
    }
}
