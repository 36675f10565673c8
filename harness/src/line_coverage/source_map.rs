//! solc's source maps for a source tree's deployed bytecode, and the files they point into.
//!
//! The campaign's compile (see [`crate::compile`]) asks for no AST and recompiles only what
//! changed, so the source ids in its cached artifacts belong to different compile jobs. A
//! coverage report compiles the whole tree once more, in one standard-JSON job with the
//! same settings, so that every id means one file; the instruction layout is the one the
//! chains run, which [`ContractMap::matches`] checks against the deployed code before a
//! single pc is mapped.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use alloy_primitives::Bytes;
use anyhow::{anyhow, bail, Context, Result};

/// One source file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Its path on disk.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
    /// Byte offset at which each line starts (line 1 at index 0).
    line_starts: Vec<usize>,
}

impl SourceFile {
    fn new(path: PathBuf, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self {
            path,
            text,
            line_starts,
        }
    }

    /// The 1-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }
}

/// Where one instruction came from: a byte range of a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// Start offset.
    pub start: usize,
    /// Length in bytes.
    pub length: usize,
    /// Source id, or `None` for compiler-generated code.
    pub file: Option<usize>,
}

/// One contract's deployed bytecode as compiled for the map, and its map.
#[derive(Debug, Clone)]
pub struct ContractMap {
    /// Deployed bytecode (immutables as zeros).
    pub code: Bytes,
    /// One range per instruction, in order.
    pub ranges: Vec<Range>,
}

impl ContractMap {
    /// Whether `deployed` (the code a chain holds, immutables filled in) has the layout
    /// this map describes: the same length and the same opcodes at the same pcs for every
    /// mapped instruction. Immutables live in `PUSH32` arguments, and the metadata trailer
    /// (whose hash names the source paths) is not an instruction, so neither is compared.
    pub fn matches(&self, deployed: &[u8]) -> bool {
        deployed.len() == self.code.len()
            && instructions(&self.code)
                .zip(instructions(deployed))
                .take(self.ranges.len())
                .all(|((pc_a, op_a), (pc_b, op_b))| pc_a == pc_b && op_a == op_b)
    }
}

/// A tree's files and contracts.
#[derive(Debug, Clone, Default)]
pub struct SourceMaps {
    /// Files by source id.
    pub files: HashMap<usize, SourceFile>,
    /// Contracts by name.
    pub contracts: HashMap<String, ContractMap>,
}

/// `(pc, opcode)` of each instruction of `code`, skipping push data.
pub fn instructions(code: &[u8]) -> impl Iterator<Item = (usize, u8)> + '_ {
    let mut pc = 0;
    std::iter::from_fn(move || {
        let op = *code.get(pc)?;
        let at = pc;
        pc += 1 + push_size(op);
        Some((at, op))
    })
}

fn push_size(op: u8) -> usize {
    if (0x60..=0x7f).contains(&op) {
        usize::from(op - 0x5f)
    } else {
        0
    }
}

/// Decodes a compressed source map (`s:l:f:j:m;…`, empty fields repeating the previous
/// entry's).
pub fn decode(map: &str) -> Result<Vec<Range>> {
    let mut out = Vec::new();
    let (mut start, mut length, mut file): (i64, i64, i64) = (0, 0, -1);
    for entry in map.split(';') {
        let mut fields = entry.split(':');
        let mut next = |current: i64| -> Result<i64> {
            match fields.next() {
                Some(f) if !f.is_empty() => {
                    f.parse().map_err(|_| anyhow!("bad source map field {f:?}"))
                }
                _ => Ok(current),
            }
        };
        start = next(start)?;
        length = next(length)?;
        file = next(file)?;
        out.push(Range {
            start: start.max(0) as usize,
            length: length.max(0) as usize,
            file: usize::try_from(file).ok(),
        });
    }
    Ok(out)
}

/// The source maps of our own tree at `root` (see [`crate::compile::own_tree`]).
pub fn compile(root: &Path) -> Result<SourceMaps> {
    let tree = crate::compile::own_tree(root);
    if !tree.src.is_dir() {
        bail!("cannot read {}: no such folder", tree.src.display());
    }
    compile_trees(&[tree])
}

/// The source maps of `trees`, each compiled as the campaign compiles it (its remappings,
/// library folders, optimizer and each file's solc version), in one standard-JSON job per
/// tree and version. Source ids are renumbered across jobs so that each names one file; a
/// contract two jobs both compile keeps the first job's map, as the campaign's artifacts
/// keep the first tree's contract.
pub fn compile_trees(trees: &[crate::compile::Tree]) -> Result<SourceMaps> {
    crate::compile::ensure_solc_installed()?;
    let mut maps = SourceMaps::default();
    for tree in trees {
        for (version, files) in crate::compile::version_groups(tree)? {
            let files = files.unwrap_or_else(|| crate::compile::sol_files(&tree.src));
            let job = compile_job(tree, &version, &files)?;
            let offset = maps.files.keys().max().map_or(0, |m| m + 1);
            for (id, file) in job.files {
                maps.files.insert(id + offset, file);
            }
            for (name, mut contract) in job.contracts {
                for range in &mut contract.ranges {
                    range.file = range.file.map(|f| f + offset);
                }
                maps.contracts.entry(name).or_insert(contract);
            }
        }
    }
    Ok(maps)
}

/// One standard-JSON compile of `files` of `tree` with solc `version`.
fn compile_job(
    tree: &crate::compile::Tree,
    version: &semver::Version,
    files: &[PathBuf],
) -> Result<SourceMaps> {
    let (root, src) = (&tree.root, &tree.src);
    let mut sources = serde_json::Map::new();
    let mut paths = HashMap::new();
    for path in files {
        let unit = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        sources.insert(unit.clone(), serde_json::json!({ "content": text }));
        paths.insert(unit, (path.clone(), text));
    }
    // The EVM version the campaign's compile asks for, lowered as foundry-compilers
    // lowers it for an older solc, so that the layouts match.
    let evm = foundry_compilers::artifacts::EvmVersion::Prague
        .normalize_version_solc(version)
        .unwrap_or_default();
    let input = serde_json::json!({
        "language": "Solidity",
        "sources": sources,
        "settings": {
            "optimizer": {
                "enabled": tree.optimizer.is_some(),
                "runs": tree.optimizer.unwrap_or(200)
            },
            "evmVersion": evm.to_string(),
            "remappings": tree.remappings,
            "outputSelection": { "*": { "*": [
                "evm.deployedBytecode.object",
                "evm.deployedBytecode.sourceMap"
            ] } }
        }
    });
    let shim = crate::compile::solc_for(version)?;
    let mut command = Command::new(&shim);
    command.arg("--standard-json").arg("--base-path").arg(root);
    for lib in &tree.libs {
        command.arg("--include-path").arg(lib);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {}", shim.display()))?;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("piped stdin");
        stdin
            .write_all(input.to_string().as_bytes())
            .context("cannot send the sources to solc")?;
    }
    let out = child.wait_with_output().context("solc did not finish")?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        bail!(
            "solc failed to compile {} for source maps: {}",
            src.display(),
            err.lines().next().unwrap_or("")
        );
    }
    let output: serde_json::Value =
        serde_json::from_slice(&out.stdout).context("solc's output is not JSON")?;
    if let Some(e) = output["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["severity"] == "error")
    {
        bail!(
            "solc failed to compile {} for source maps: {}",
            src.display(),
            e["formattedMessage"]
                .as_str()
                .or(e["message"].as_str())
                .unwrap_or("an error")
                .lines()
                .next()
                .unwrap_or("")
        );
    }
    let mut maps = SourceMaps::default();
    for (unit, source) in output["sources"].as_object().into_iter().flatten() {
        let (Some(id), Some((path, text))) = (source["id"].as_u64(), paths.get(unit)) else {
            continue;
        };
        maps.files
            .insert(id as usize, SourceFile::new(path.clone(), text.clone()));
    }
    for (_, contracts) in output["contracts"].as_object().into_iter().flatten() {
        for (name, contract) in contracts.as_object().into_iter().flatten() {
            let deployed = &contract["evm"]["deployedBytecode"];
            let (Some(object), Some(map)) =
                (deployed["object"].as_str(), deployed["sourceMap"].as_str())
            else {
                continue;
            };
            if object.is_empty() {
                continue;
            }
            let code: Bytes = alloy_primitives::hex::decode(object)
                .with_context(|| format!("{name}: deployed bytecode is not hex"))?
                .into();
            maps.contracts.insert(
                name.clone(),
                ContractMap {
                    code,
                    ranges: decode(map)?,
                },
            );
        }
    }
    Ok(maps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_repeat_the_previous_entry() {
        let r = decode("1:2:0;:3;;5::-1").unwrap();
        assert_eq!(
            r.iter()
                .map(|r| (r.start, r.length, r.file))
                .collect::<Vec<_>>(),
            vec![
                (1, 2, Some(0)),
                (1, 3, Some(0)),
                (1, 3, Some(0)),
                (5, 3, None)
            ]
        );
    }

    #[test]
    fn push_data_is_not_an_instruction() {
        // PUSH2 0x5b5b, JUMPDEST, STOP
        let code = [0x61, 0x5b, 0x5b, 0x5b, 0x00];
        let ops: Vec<_> = instructions(&code).collect();
        assert_eq!(ops, vec![(0, 0x61), (3, 0x5b), (4, 0x00)]);
    }

    #[test]
    fn lines_are_one_based() {
        let f = SourceFile::new("x".into(), "a\nbc\n\nd".into());
        assert_eq!([0, 1, 2, 4, 5, 6].map(|o| f.line_of(o)), [1, 1, 2, 2, 3, 4]);
    }
}
