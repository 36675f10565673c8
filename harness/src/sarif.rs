//! Findings as SARIF 2.1.0, the format GitHub code scanning reads: one result per broken
//! invariant, at the Solidity line of the function the shrunk sequence last called to
//! change state, with the violation and the decoded trace in its message.

use std::path::{Path, PathBuf};

use anyhow::Result;
use serde_json::{json, Value};

use crate::script::Script;

/// Where a finding points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Path relative to the repository root (`contracts/src/...`), or the failure file.
    pub uri: String,
    /// 1-based line.
    pub line: usize,
}

/// One finding.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The invariant broken (the rule).
    pub invariant: String,
    /// The violation as crosscheck states it.
    pub violation: String,
    /// The decoded trace, one line per step.
    pub trace: Vec<String>,
    /// The call it points at, decoded (`L2Gateway.outboundTransfer(...)`), if any.
    pub call: Option<String>,
    /// Where it points.
    pub location: Location,
    /// The failure file that reproduces it, if written.
    pub file: Option<PathBuf>,
}

/// The repository root, which SARIF paths are relative to.
pub fn repository_root() -> PathBuf {
    crate::compile::contracts_dir()
        .parent()
        .expect("contracts/ lives inside the repository")
        .to_path_buf()
}

/// Replays `script` to find the call its finding points at. `file` is the failure file
/// written for it, if any.
pub fn finding(script: &Script, file: Option<&Path>) -> Result<Finding> {
    let r = crate::foundry::reproduce(script)?;
    let root = match &script.mutant {
        Some(m) => crate::mutants::find(script.design, m)?.materialise(script.design)?,
        None => script.design.root(),
    };
    let fallback = || Location {
        uri: file
            .map(|f| relative(f).unwrap_or_else(|| f.display().to_string()))
            .unwrap_or_else(|| "crosscheck".into()),
        line: 1,
    };
    let (location, call) = match r.last_call() {
        Some(tx) => {
            let to = tx.to.unwrap_or_default();
            let description = crate::names::humanize(&crate::decode::call_description(&tx.data));
            let function = description
                .split_once('(')
                .map(|(name, _)| name.to_string())
                .filter(|n| !n.starts_with("0x"));
            let kind = r.kinds.get(&to).cloned().unwrap_or_default();
            let location = locate(&root, &kind, function.as_deref())
                .map(|(path, line)| Location {
                    // Ours are under the repository's contracts/; a project's paths are
                    // relative to its file's folder, the root its own scan would use.
                    uri: if script.design.builtin() {
                        format!("contracts/{}", path.display())
                    } else {
                        path.display().to_string()
                    },
                    line,
                })
                .unwrap_or_else(fallback);
            let call = format!("{}.{description}", crate::names::name_of(to));
            (location, Some(call))
        }
        None => (fallback(), None),
    };
    Ok(Finding {
        invariant: r.violation.invariant.clone(),
        violation: crate::names::humanize(&r.violation.to_string()),
        trace: r.step_lines.clone(),
        call,
        location,
        file: file.map(Path::to_path_buf),
    })
}

fn relative(path: &Path) -> Option<String> {
    let root = repository_root().canonicalize().ok()?;
    let path = path.canonicalize().ok()?;
    path.strip_prefix(&root)
        .ok()
        .map(|p| p.display().to_string())
}

/// The file (relative to `root`) and line of `function` in contract `kind` or one of its
/// bases; the contract's own line if the function is not found; `None` if no source under
/// `root/src` declares `kind` (a prebuilt contract).
pub fn locate(root: &Path, kind: &str, function: Option<&str>) -> Option<(PathBuf, usize)> {
    let sources = sources(root);
    let declared = find_contract(&sources, kind)?;
    if let Some(f) = function {
        let mut queue = vec![kind.to_string()];
        let mut seen = Vec::new();
        while let Some(name) = queue.pop() {
            if seen.contains(&name) {
                continue;
            }
            seen.push(name.clone());
            let Some((path, line)) = find_contract(&sources, &name) else {
                continue;
            };
            let text = &sources.iter().find(|(p, _)| *p == path)?.1;
            let body: Vec<&str> = text.lines().collect();
            let needle = format!("function {f}(");
            if let Some(i) = body[line - 1..].iter().position(|l| l.contains(&needle)) {
                return Some((path, line + i));
            }
            queue.extend(bases(body[line - 1]));
        }
    }
    Some(declared)
}

fn sources(root: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![root.join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "sol") {
                if let (Ok(text), Ok(rel)) =
                    (std::fs::read_to_string(&path), path.strip_prefix(root))
                {
                    out.push((rel.to_path_buf(), text));
                }
            }
        }
    }
    out.sort();
    out
}

fn find_contract(sources: &[(PathBuf, String)], name: &str) -> Option<(PathBuf, usize)> {
    for (path, text) in sources {
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_start();
            let line = line.strip_prefix("abstract ").unwrap_or(line);
            for keyword in ["contract ", "library ", "interface "] {
                if let Some(rest) = line.strip_prefix(keyword) {
                    let declared: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if declared == name && keyword != "interface " {
                        return Some((path.clone(), i + 1));
                    }
                }
            }
        }
    }
    None
}

fn bases(declaration: &str) -> Vec<String> {
    let Some((_, rest)) = declaration.split_once(" is ") else {
        return Vec::new();
    };
    rest.split(['{', ','])
        .map(|b| {
            b.trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|b| !b.is_empty())
        .collect()
}

/// The SARIF 2.1.0 log of `findings`; `rules` are the invariants checked (name,
/// statement).
pub fn log(findings: &[Finding], rules: &[(&str, &str)]) -> Value {
    let rules: Vec<Value> = rules
        .iter()
        .map(|(name, statement)| {
            json!({
                "id": name,
                "name": name,
                "shortDescription": { "text": statement },
                "defaultConfiguration": { "level": "error" },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut text = f.violation.clone();
            if let Some(call) = &f.call {
                text.push_str(&format!("\nLast state-changing call: {call}"));
            }
            if !f.trace.is_empty() {
                text.push_str("\nShrunk sequence:");
                for line in &f.trace {
                    text.push_str(&format!("\n  {line}"));
                }
            }
            if let Some(file) = &f.file {
                text.push_str(&format!(
                    "\nReproduce: crosscheck replay {}",
                    file.display()
                ));
            }
            json!({
                "ruleId": f.invariant,
                "level": "error",
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": f.location.uri, "uriBaseId": "%SRCROOT%" },
                        "region": { "startLine": f.location.line },
                    }
                }],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "crosscheck",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            } },
            "results": results,
        }],
    })
}
