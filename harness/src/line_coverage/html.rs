//! An HTML rendering of `lcov.info`: `genhtml` where it is installed (Debian's `lcov`
//! package), otherwise a plain static page of our own, one table of files and each file's
//! lines marked reached or not.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// Which renderer wrote the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renderer {
    /// LCOV's `genhtml`.
    Genhtml,
    /// crosscheck's own static page.
    Own,
}

/// Renders `DIR/lcov.info` into `DIR/html/` and returns the index page and who wrote it.
/// `own` forces our page even where `genhtml` is installed.
pub fn render(dir: &Path, own: bool) -> Result<(PathBuf, Renderer)> {
    let tracefile = dir.join("lcov.info");
    if !tracefile.exists() {
        bail!(
            "no {} (run `crosscheck fuzz --coverage {}` first)",
            tracefile.display(),
            dir.display()
        );
    }
    let out = dir.join("html");
    std::fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    if !own && genhtml_installed() {
        let run = Command::new("genhtml")
            .arg("--branch-coverage")
            .arg("--quiet")
            .arg("--output-directory")
            .arg(&out)
            .arg(&tracefile)
            .output()
            .context("cannot run genhtml")?;
        if !run.status.success() {
            let err = String::from_utf8_lossy(&run.stderr);
            bail!(
                "genhtml refused {}: {}",
                tracefile.display(),
                err.lines().find(|l| !l.trim().is_empty()).unwrap_or("")
            );
        }
        return Ok((out.join("index.html"), Renderer::Genhtml));
    }
    let text = std::fs::read_to_string(&tracefile)
        .with_context(|| format!("cannot read {}", tracefile.display()))?;
    let files = super::lcov::read_lines(&text)?;
    let mut index = page_head("crosscheck coverage");
    index.push_str("<h1>crosscheck coverage</h1>\n<table>\n<tr><th>file</th><th>lines reached</th><th></th></tr>\n");
    for (i, (path, lines)) in files.iter().enumerate() {
        let hit = lines.values().filter(|c| **c > 0).count();
        let total = lines.len();
        let page = format!("file{i}.html");
        let _ = writeln!(
            index,
            "<tr><td><a href=\"{page}\">{}</a></td><td>{hit}/{total}</td><td>{:.1}%</td></tr>",
            escape(&path.display().to_string()),
            100.0 * hit as f64 / total.max(1) as f64
        );
        let source = std::fs::read_to_string(path).unwrap_or_default();
        let mut body = page_head(&path.display().to_string());
        let _ = writeln!(
            body,
            "<h1>{}</h1>\n<p>{hit} of {total} lines reached. <a href=\"index.html\">all files</a></p>\n<pre>",
            escape(&path.display().to_string())
        );
        for (n, text) in source.lines().enumerate() {
            let class = match lines.get(&(n + 1)) {
                Some(0) => " class=\"miss\"",
                Some(_) => " class=\"hit\"",
                None => "",
            };
            let count = lines
                .get(&(n + 1))
                .map(|c| c.to_string())
                .unwrap_or_default();
            let _ = writeln!(
                body,
                "<span{class}>{:>5} {:>8}  {}</span>",
                n + 1,
                count,
                escape(text)
            );
        }
        body.push_str("</pre></body></html>\n");
        std::fs::write(out.join(&page), body)
            .with_context(|| format!("cannot write {}", out.join(&page).display()))?;
    }
    index.push_str("</table></body></html>\n");
    let index_path = out.join("index.html");
    std::fs::write(&index_path, index)
        .with_context(|| format!("cannot write {}", index_path.display()))?;
    Ok((index_path, Renderer::Own))
}

fn genhtml_installed() -> bool {
    Command::new("genhtml")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn page_head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title>\n\
         <style>body{{font-family:sans-serif}} pre span{{display:block}} \
         .hit{{background:#dfd}} .miss{{background:#fdd}} td,th{{padding:2px 8px}}</style>\n\
         </head><body>\n",
        escape(title)
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
