//! From executed pcs to Solidity lines and branches, per chain and per deployed contract.
//!
//! A pc counts as executed as often as the basic block holding it was entered; code after
//! a terminator and before the next `JUMPDEST` is unreachable and not counted at all. A
//! line is the first line of an instruction's source range, so a function's entry and exit
//! mark its header and the dispatcher marks the `contract` line, as solc maps them. A
//! branch is a `JUMPI` whose range lies in a source file; solc's own checks (call value,
//! calldata length, arithmetic) are `JUMPI`s too, so branch figures include them.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use alloy_primitives::Address;
use revm::bytecode::opcode;

use super::record::{CodeHits, Hits};
use super::source_map::{instructions, SourceMaps};
use crate::chain::ChainId;
use crate::world::World;

/// One conditional jump, on its line.
#[derive(Debug, Clone)]
pub struct Branch {
    /// Its line.
    pub line: usize,
    /// Times taken and not taken, or `None` if the jump was never reached.
    pub counts: Option<[u64; 2]>,
}

/// One source file's coverage on one chain.
#[derive(Debug, Clone, Default)]
pub struct FileCoverage {
    /// The file.
    pub path: PathBuf,
    /// Executions per instrumented line.
    pub lines: BTreeMap<usize, u64>,
    /// Its conditional jumps, in the order met.
    pub branches: Vec<Branch>,
}

/// One deployed contract's totals.
#[derive(Debug, Clone)]
pub struct ContractCoverage {
    /// Its chain.
    pub chain: ChainId,
    /// Its name in the design.
    pub name: String,
    /// The compiled contract it is an instance of.
    pub kind: String,
    /// Lines reached, of lines instrumented.
    pub lines: (usize, usize),
    /// Branch directions taken, of directions.
    pub branches: (usize, usize),
    /// Why it has no figures, if it has none (a prebuilt contract has no source map).
    pub unmapped: Option<String>,
}

/// A campaign's coverage.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Per chain, per file (sorted by path).
    pub files: Vec<(ChainId, Vec<FileCoverage>)>,
    /// Per deployed contract, by chain then name.
    pub contracts: Vec<ContractCoverage>,
}

/// The contract kind crosscheck deploys on each chain to read it in one call.
const HARNESS_READER: &str = "WorldLens";

/// Maps `hits` onto the sources of the contracts `world` deployed, but for the harness's
/// own reader.
pub fn build(world: &World, maps: &SourceMaps, hits: &Hits) -> Report {
    let mut report = Report::default();
    let empty = CodeHits::default();
    for chain in [ChainId::L1, ChainId::L2] {
        let mut files: BTreeMap<usize, FileCoverage> = BTreeMap::new();
        let db = match chain {
            ChainId::L1 => world.l1.db(),
            ChainId::L2 => world.l2.db(),
        };
        for (c, name, address) in world.contracts.iter() {
            if c != chain {
                continue;
            }
            let kind = world
                .contracts
                .kind(chain, name)
                .unwrap_or(name)
                .to_string();
            // The lens is crosscheck's own batch reader, not part of the system under
            // audit; the checker's reads of it are not recorded, so its figure would only
            // mislead.
            if kind == HARNESS_READER {
                continue;
            }
            let code = code_at(db, address);
            let mut entry = ContractCoverage {
                chain,
                name: name.to_string(),
                kind: kind.clone(),
                lines: (0, 0),
                branches: (0, 0),
                unmapped: None,
            };
            match maps.contracts.get(&kind) {
                None => entry.unmapped = Some("no source map (prebuilt bytecode)".into()),
                Some(map) if !map.matches(&code) => {
                    entry.unmapped = Some("deployed code differs from the compiled layout".into())
                }
                Some(map) => {
                    let hits = hits.get(&address).unwrap_or(&empty);
                    let (lines, branches) = contract(&code, map, hits, maps, &mut files);
                    entry.lines = lines;
                    entry.branches = branches;
                }
            }
            report.contracts.push(entry);
        }
        let mut files: Vec<FileCoverage> = files.into_values().collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        report.files.push((chain, files));
    }
    report
}

fn code_at(db: &crate::chain::ChainDb, address: Address) -> Vec<u8> {
    db.cache
        .accounts
        .get(&address)
        .and_then(|a| a.info.code.as_ref())
        .map(|c| c.original_bytes().to_vec())
        .unwrap_or_default()
}

type Totals = ((usize, usize), (usize, usize));

/// Adds one contract's lines and branches to `files`; returns its own totals.
fn contract(
    code: &[u8],
    map: &super::source_map::ContractMap,
    hits: &CodeHits,
    maps: &SourceMaps,
    files: &mut BTreeMap<usize, FileCoverage>,
) -> Totals {
    let mut own_lines: BTreeMap<(usize, usize), bool> = BTreeMap::new();
    let mut own_branches = (0, 0);
    let mut seen_jumps: HashSet<usize> = HashSet::new();
    let mut count = 0u64;
    let mut live = true;
    let mut after_jumpi = false;
    for ((pc, op), range) in instructions(code).zip(&map.ranges) {
        if pc == 0 || op == opcode::JUMPDEST || after_jumpi {
            count = hits.blocks.get(pc).copied().unwrap_or(0);
            live = true;
        }
        after_jumpi = op == opcode::JUMPI;
        if live {
            if let (Some(id), true) = (range.file, range.length > 0) {
                if let Some(source) = maps.files.get(&id) {
                    let line = source.line_of(range.start);
                    let file = files.entry(id).or_insert_with(|| FileCoverage {
                        path: source.path.clone(),
                        ..FileCoverage::default()
                    });
                    let at = file.lines.entry(line).or_insert(0);
                    *at = (*at).max(count);
                    let reached = own_lines.entry((id, line)).or_insert(false);
                    *reached |= count > 0;
                    if op == opcode::JUMPI && seen_jumps.insert(pc) {
                        let counts =
                            (count > 0).then(|| hits.branches.get(pc).copied().unwrap_or([0; 2]));
                        own_branches.1 += 2;
                        own_branches.0 += counts
                            .map(|c| c.iter().filter(|n| **n > 0).count())
                            .unwrap_or(0);
                        file.branches.push(Branch { line, counts });
                    }
                }
            }
        }
        if matches!(
            op,
            opcode::STOP
                | opcode::RETURN
                | opcode::REVERT
                | opcode::INVALID
                | opcode::JUMP
                | opcode::SELFDESTRUCT
        ) {
            live = false;
        }
    }
    let hit = own_lines.values().filter(|r| **r).count();
    ((hit, own_lines.len()), own_branches)
}

/// The per-contract table printed at the end of a run.
pub fn table(report: &Report) -> String {
    let mut out = format!(
        "{:<4}{:<28}{:>16}{:>9}{:>18}{:>9}\n",
        "", "contract", "lines", "", "branches", ""
    );
    for c in &report.contracts {
        let pct = |(hit, total): (usize, usize)| {
            if total == 0 {
                "-".to_string()
            } else {
                format!("{:.1}%", 100.0 * hit as f64 / total as f64)
            }
        };
        match &c.unmapped {
            Some(why) => out.push_str(&format!(
                "{:<4}{:<28}  {why}\n",
                c.chain.to_string(),
                c.name
            )),
            None => out.push_str(&format!(
                "{:<4}{:<28}{:>16}{:>9}{:>18}{:>9}\n",
                c.chain.to_string(),
                c.name,
                format!("{}/{}", c.lines.0, c.lines.1),
                pct(c.lines),
                format!("{}/{}", c.branches.0, c.branches.1),
                pct(c.branches),
            )),
        }
    }
    out
}
