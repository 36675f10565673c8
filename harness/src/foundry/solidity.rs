//! The Solidity text of a reproducer (see the module above for what it does and why).

use std::collections::BTreeSet;
use std::fmt::Write;

use alloy_primitives::{Address, U256};
use invariants::view::Checkpoint;

use super::{GenesisAccount, Reproduction};
use crate::chain::ChainId;
use crate::transcript::{Entry, Mark, RecordedTx};

/// The helpers every reproducer carries: chain switching with parked ETH, the pranked call,
/// and the checked figure.
const HELPERS: &str = r#"
    /// Moves the test to chain `id`: the ETH of the accounts both chains have is parked
    /// for the chain left and restored for the chain entered.
    function _on(uint256 id) private {
        if (id == chain) return;
        for (uint256 i = 0; i < shared.length; i++) {
            address a = shared[i];
            parked[chain][a] = a.balance;
            vm.deal(a, parked[id][a]);
        }
        chain = id;
        vm.chainId(id);
    }

    /// Sends one transaction as crosscheck did: on chain `id` at block `number` and time
    /// `time`, from `from` (also `tx.origin`), with `gas` for execution. It must succeed or
    /// revert as it did there.
    function _tx(
        uint256 id,
        uint256 number,
        uint256 time,
        address from,
        address to,
        uint256 value,
        uint256 gas,
        bytes memory data,
        bool ok,
        string memory what
    ) private {
        _on(id);
        vm.roll(number);
        vm.warp(time);
        // A pranked call's value leaves the test contract, not the sender: move it first.
        if (value != 0) {
            vm.deal(from, from.balance - value);
            vm.deal(address(this), address(this).balance + value);
        }
        vm.prank(from, from);
        (bool success, ) = to.call{value: value, gas: gas}(data);
        if (!success && value != 0) {
            vm.deal(from, from.balance + value);
            vm.deal(address(this), address(this).balance - value);
        }
        if (success != ok) {
            revert(string.concat(what, ok ? ": reverted here, succeeded in crosscheck" : ": succeeded here, reverted in crosscheck"));
        }
    }

    /// Sets an ETH balance on chain `id`, as the simulated bridge did.
    function _deal(uint256 id, address account, uint256 wei_) private {
        _on(id);
        vm.deal(account, wei_);
    }

    /// Shows a figure and requires it to be what crosscheck read.
    function _expect(uint256 actual, uint256 expected, string memory what) private view {
        _log(what, actual);
        if (actual != expected) revert(string.concat(what, ": not what crosscheck read"));
    }

    function _log(string memory what, uint256 value) private view {
        (bool ok, ) = CONSOLE.staticcall(abi.encodeWithSignature("log(string,uint256)", what, value));
        ok;
    }

    function _log(string memory what) private view {
        (bool ok, ) = CONSOLE.staticcall(abi.encodeWithSignature("log(string)", what));
        ok;
    }
"#;

/// The reproducer of `r` as a Foundry test contract named `name`.
pub(super) fn render(r: &Reproduction, name: &str, source: &str) -> String {
    let shared = shared_accounts(r);
    let v = &r.violation;
    let mut out = String::new();
    let script = &r.script;
    let subject = match &script.mutant {
        Some(m) => format!("design {} with mutant `{m}`", script.design),
        None => format!("design {}", script.design),
    };
    let _ = writeln!(
        out,
        "// SPDX-License-Identifier: UNLICENSED\n\
         // Written by crosscheck from {source}; regenerate with `crosscheck export --foundry {source}`.\n\
         // Run it with `forge test`: it passes while the bug is there, and prints the figures."
    );
    let _ = writeln!(out, "pragma solidity >=0.8.20;\n");
    out.push_str(
        "/// @notice The Foundry cheatcodes used here, declared so that the test needs no library.\n\
         interface Vm {\n\
         \x20   function etch(address target, bytes calldata code) external;\n\
         \x20   function store(address target, bytes32 slot, bytes32 value) external;\n\
         \x20   function deal(address account, uint256 balance) external;\n\
         \x20   function setNonceUnsafe(address account, uint64 nonce) external;\n\
         \x20   function prank(address sender, address origin) external;\n\
         \x20   function warp(uint256 timestamp) external;\n\
         \x20   function roll(uint256 number) external;\n\
         \x20   function chainId(uint256 id) external;\n\
         }\n\n\
         /// @notice The token reads the closing asserts make.\n\
         interface IToken {\n\
         \x20   function totalSupply() external view returns (uint256);\n\
         \x20   function balanceOf(address account) external view returns (uint256);\n\
         }\n\n",
    );
    // Plain comments, not NatSpec: the texts quoted may hold an `@`, which solc would
    // read as a documentation tag.
    let _ = writeln!(out, "// crosscheck: {subject}, `{}` broken.", v.invariant);
    for line in crate::names::humanize(&v.to_string()).lines() {
        let _ = writeln!(out, "// {line}");
    }
    if !script.description.is_empty() {
        let _ = writeln!(out, "// {}", script.description.replace('\n', " "));
    }
    let _ = writeln!(out, "// The sequence, as crosscheck decoded it:");
    for line in &r.step_lines {
        let _ = writeln!(out, "//   {line}");
    }
    let _ = writeln!(
        out,
        "// Both chains share this one EVM: no contract address is on both, and the ETH of an\n\
         // account both chains have is swapped on every change of chain (L1 is chain id {}, L2 {}).",
        ChainId::L1.number(),
        ChainId::L2.number()
    );
    let _ = writeln!(out, "contract {name} {{");
    out.push_str(
        "    Vm private constant vm = Vm(address(uint160(uint256(keccak256(\"hevm cheat code\")))));\n\
         \x20   address private constant CONSOLE = 0x000000000000000000636F6e736F6c652e6c6f67;\n",
    );
    let _ = writeln!(
        out,
        "    uint256 private constant L1 = {};\n    uint256 private constant L2 = {};",
        ChainId::L1.number(),
        ChainId::L2.number()
    );
    out.push_str(
        "    /// The chain the test is on.\n\
         \x20   uint256 private chain = L1;\n\
         \x20   /// Accounts both chains have, whose ETH is swapped on a change of chain.\n\
         \x20   address[] private shared;\n\
         \x20   /// Their ETH on the chain the test is not on, by chain id.\n\
         \x20   mapping(uint256 => mapping(address => uint256)) private parked;\n\n",
    );
    out.push_str(
        "    /// crosscheck's genesis, account by account, on both chains.\n\
         \x20   function setUp() public {\n\
         \x20       vm.chainId(L1);\n\
         \x20       _genesisL1();\n\
         \x20       _genesisL2();\n",
    );
    for a in &shared {
        let _ = writeln!(out, "        shared.push({});", addr(*a));
    }
    out.push_str("    }\n\n");
    let test = v
        .invariant
        .replace(|c: char| !c.is_ascii_alphanumeric(), "_");
    let _ = writeln!(
        out,
        "    // Replays the sequence and shows the figures `{}` read when it broke.",
        v.invariant
    );
    let _ = writeln!(out, "    function test_{test}() public {{");
    steps(&mut out, r);
    let _ = writeln!(
        out,
        "        // `{}` broke here. The figures it read:",
        v.invariant
    );
    let _ = writeln!(
        out,
        "        _log({});",
        string_literal(&format!(
            "crosscheck: {}",
            crate::names::humanize(&v.to_string())
        ))
    );
    let mut last_chain = None;
    for w in &r.watched {
        if last_chain != Some(w.chain) {
            let _ = writeln!(out, "        _on({});", chain_const(w.chain));
            last_chain = Some(w.chain);
        }
        let read = match w.holder {
            None => format!("IToken({}).totalSupply()", addr(w.token)),
            Some(h) => format!("IToken({}).balanceOf({})", addr(w.token), addr(h)),
        };
        let _ = writeln!(
            out,
            "        _expect({read}, {}, {});",
            w.value,
            string_literal(&w.label)
        );
    }
    out.push_str("    }\n");
    for (chain, accounts) in [(ChainId::L1, &r.l1), (ChainId::L2, &r.l2)] {
        genesis(&mut out, chain, accounts, &shared);
    }
    out.push_str(HELPERS);
    out.push_str("}\n");
    out
}

/// Addresses that appear on both chains, in genesis or in the transcript.
fn shared_accounts(r: &Reproduction) -> Vec<Address> {
    let mut on: [BTreeSet<Address>; 2] = Default::default();
    let index = |c: ChainId| match c {
        ChainId::L1 => 0,
        ChainId::L2 => 1,
    };
    on[0].extend(r.l1.iter().map(|a| a.address));
    on[1].extend(r.l2.iter().map(|a| a.address));
    for e in &r.entries {
        match e {
            Entry::Tx(tx) => {
                on[index(tx.chain)].insert(tx.from);
                on[index(tx.chain)].extend(tx.to);
            }
            Entry::Balance { chain, address, .. } => {
                on[index(*chain)].insert(*address);
            }
            _ => {}
        }
    }
    on[0].intersection(&on[1]).copied().collect()
}

fn steps(out: &mut String, r: &Reproduction) {
    let n = r.script.steps.len() as u64;
    let mut quiescent_seen = false;
    let mut segment: Vec<&Entry> = Vec::new();
    for e in &r.entries {
        let Entry::Mark(mark) = e else {
            segment.push(e);
            continue;
        };
        let title = segment_title(mark, n, quiescent_seen, r);
        quiescent_seen |= mark.checkpoint == Checkpoint::Quiescent;
        if !(segment.is_empty() && title.is_none()) {
            let _ = writeln!(out, "        // {}", title.unwrap_or_default());
        }
        for e in segment.drain(..) {
            entry(out, e, mark.step);
        }
    }
}

/// What the transactions before `mark` were, or `None` for the genesis check.
fn segment_title(
    mark: &Mark,
    steps: u64,
    after_quiescent: bool,
    r: &Reproduction,
) -> Option<String> {
    Some(match mark.checkpoint {
        Checkpoint::AfterStep if mark.step == 0 => return None,
        Checkpoint::AfterStep if mark.step <= steps => r
            .step_lines
            .get(mark.step as usize - 1)
            .cloned()
            .unwrap_or_default(),
        Checkpoint::AfterStep if after_quiescent => format!(
            "step {}: the exit probe (every actor takes its value home)",
            mark.step
        ),
        Checkpoint::AfterStep => {
            format!("step {}: the drain delivers what is in flight", mark.step)
        }
        Checkpoint::Quiescent => "the quiescent check, with every queue drained".into(),
        Checkpoint::Exited => "the exit probe, queues drained again".into(),
    })
}

fn entry(out: &mut String, e: &Entry, step: u64) {
    match e {
        Entry::Tx(tx) => transaction(out, tx, step),
        Entry::Balance {
            chain,
            address,
            wei,
        } => {
            let _ = writeln!(
                out,
                "        _deal({}, {}, {wei}); // {}: the bridge sets its ETH",
                chain_const(*chain),
                addr(*address),
                crate::names::name_of(*address)
            );
        }
        Entry::Nonce {
            chain,
            address,
            nonce,
        } => {
            let _ = writeln!(
                out,
                "        _on({}); vm.setNonceUnsafe({}, {nonce});",
                chain_const(*chain),
                addr(*address)
            );
        }
        Entry::Code {
            chain,
            address,
            code,
        } => {
            let _ = writeln!(
                out,
                "        _on({}); vm.etch({}, hex\"{}\");",
                chain_const(*chain),
                addr(*address),
                alloy_primitives::hex::encode(code)
            );
        }
        Entry::Mark(_) => {}
    }
}

fn transaction(out: &mut String, tx: &RecordedTx, step: u64) {
    let to = tx.to.expect("deployments are refused before rendering");
    let call = crate::names::humanize(&crate::decode::call_description(&tx.data));
    let _ = writeln!(
        out,
        "        // {} → {}.{call}{}",
        crate::names::name_of(tx.from),
        crate::names::name_of(to),
        if tx.ok { "" } else { " (reverts)" }
    );
    let _ = writeln!(
        out,
        "        _tx({}, {}, {}, {}, {}, {}, {}, hex\"{}\", {}, \"step {step}\");",
        chain_const(tx.chain),
        tx.number,
        tx.timestamp,
        addr(tx.from),
        addr(to),
        tx.value,
        tx.execution_gas,
        alloy_primitives::hex::encode(&tx.data),
        tx.ok
    );
}

fn genesis(out: &mut String, chain: ChainId, accounts: &[GenesisAccount], shared: &[Address]) {
    let _ = writeln!(
        out,
        "\n    // {chain} at genesis: {} accounts.",
        accounts.len()
    );
    let _ = writeln!(out, "    function _genesis{chain}() private {{");
    for a in accounts {
        let name = a
            .name
            .clone()
            .unwrap_or_else(|| crate::names::name_of(a.address));
        let _ = writeln!(out, "        // {name}");
        let at = addr(a.address);
        if !a.code.is_empty() {
            let _ = writeln!(
                out,
                "        vm.etch({at}, hex\"{}\");",
                alloy_primitives::hex::encode(&a.code)
            );
        }
        for (slot, value) in &a.storage {
            let _ = writeln!(
                out,
                "        vm.store({at}, {}, {});",
                word(*slot),
                word(*value)
            );
        }
        // An account's nonce matters here only to the addresses its CREATEs take, so only
        // contracts get theirs (an actor's differs per chain and a prank ignores it).
        if a.nonce != 0 && !a.code.is_empty() {
            let _ = writeln!(out, "        vm.setNonceUnsafe({at}, {});", a.nonce);
        }
        if !a.balance.is_zero() {
            if chain == ChainId::L2 && shared.contains(&a.address) {
                let _ = writeln!(out, "        parked[L2][{at}] = {};", a.balance);
            } else {
                let _ = writeln!(out, "        vm.deal({at}, {});", a.balance);
            }
        }
    }
    out.push_str("    }\n");
}

fn chain_const(chain: ChainId) -> &'static str {
    match chain {
        ChainId::L1 => "L1",
        ChainId::L2 => "L2",
    }
}

fn addr(a: Address) -> String {
    a.to_checksum(None)
}

fn word(v: U256) -> String {
    format!("bytes32({:#066x})", v)
}

fn string_literal(s: &str) -> String {
    let mut out = String::from("unicode\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
