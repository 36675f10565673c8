//! The LCOV tracefile format (`geninfo(1)`): one record per source file and test name,
//! with `DA` lines and `BRDA` branches. Each chain is a test name (`TN:L1`, `TN:L2`), so a
//! file deployed on both chains has a record for each and `genhtml` adds them up.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::PathBuf;

use anyhow::{bail, Result};

use super::report::Report;

/// `report` as an LCOV tracefile.
pub fn write(report: &Report) -> String {
    let mut out = String::new();
    for (chain, files) in &report.files {
        for f in files {
            let _ = writeln!(out, "TN:{chain}");
            let _ = writeln!(out, "SF:{}", f.path.display());
            for (i, b) in f.branches.iter().enumerate() {
                for (direction, taken) in [0, 1].into_iter().zip(
                    b.counts
                        .map(|c| c.map(|n| n.to_string()))
                        .unwrap_or_else(|| ["-".into(), "-".into()]),
                ) {
                    let _ = writeln!(out, "BRDA:{},{i},{direction},{taken}", b.line);
                }
            }
            let taken = f
                .branches
                .iter()
                .filter_map(|b| b.counts)
                .flatten()
                .filter(|n| *n > 0)
                .count();
            let _ = writeln!(out, "BRF:{}", f.branches.len() * 2);
            let _ = writeln!(out, "BRH:{taken}");
            for (line, count) in &f.lines {
                let _ = writeln!(out, "DA:{line},{count}");
            }
            let _ = writeln!(out, "LF:{}", f.lines.len());
            let _ = writeln!(out, "LH:{}", f.lines.values().filter(|c| **c > 0).count());
            out.push_str("end_of_record\n");
        }
    }
    out
}

/// Line counts per file of a tracefile, the records of one file (one per chain) added up.
pub fn read_lines(text: &str) -> Result<BTreeMap<PathBuf, BTreeMap<usize, u64>>> {
    let mut out: BTreeMap<PathBuf, BTreeMap<usize, u64>> = BTreeMap::new();
    let mut current: Option<PathBuf> = None;
    for (n, line) in text.lines().enumerate() {
        let bad = || anyhow::anyhow!("lcov.info line {}: cannot read {line:?}", n + 1);
        if let Some(path) = line.strip_prefix("SF:") {
            current = Some(PathBuf::from(path));
        } else if let Some(da) = line.strip_prefix("DA:") {
            let Some(file) = &current else {
                bail!("lcov.info line {}: DA before SF", n + 1);
            };
            let mut parts = da.split(',');
            let line_no: usize = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
            let count: u64 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
            *out.entry(file.clone())
                .or_default()
                .entry(line_no)
                .or_insert(0) += count;
        } else if line == "end_of_record" {
            current = None;
        }
    }
    Ok(out)
}
