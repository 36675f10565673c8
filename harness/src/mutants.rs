//! Seeded bugs. Each mutant is one JSON file in `contracts/mutants/<design>/`: a minimal
//! textual change to one contract (exact `find` → `replace`), the real-world mistake it
//! stands for, the invariant expected to catch it, and a script that makes it fire.
//! A mutant's tree is materialised under `contracts/.mutants/<design>/<name>/src`, with
//! only the shared `common/` and the design's own folder, and compiled with its own cache,
//! so an unchanged mutant recompiles in milliseconds. A project's mutant is a copy of the
//! project's sources root under crosscheck's output folder, whose build starts from the
//! project's own.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::action::Action;
use crate::designs::{genesis_snapshot, DesignId};
use crate::run::{run_steps, RunReport};
use crate::world::World;

/// One seeded bug.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mutant {
    /// Its name (the file stem).
    #[serde(skip)]
    pub name: String,
    /// The real-world mistake it stands for, in one line.
    pub description: String,
    /// The contract file changed, relative to `contracts/src`.
    pub file: String,
    /// The exact text replaced; it must occur exactly once.
    pub find: String,
    /// Its replacement.
    pub replace: String,
    /// The invariant expected to fire.
    pub invariant: String,
    /// A sequence that makes it fire on the mutant and fires nothing on the correct design.
    pub steps: Vec<Action>,
}

/// The folder of `design`'s mutants: `contracts/mutants/design_<x>/` for a built-in
/// design, `mutants/` beside a project file, and the built-in design's for a project file
/// with its shape (`design = "a"`), whose sources are that design's.
pub fn mutants_dir(design: DesignId) -> PathBuf {
    match design {
        DesignId::Project(key) => match key.design().shape() {
            Some(shape) => mutants_dir(shape),
            None => key.design().folder().join("mutants"),
        },
        _ => crate::compile::contracts_dir()
            .join("mutants")
            .join(format!("design_{}", design.name())),
    }
}

/// Every mutant of `design`, sorted by name.
pub fn load_all(design: DesignId) -> Result<Vec<Mutant>> {
    let dir = mutants_dir(design);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths.iter().map(|p| load(p)).collect()
}

/// Reads one mutant file.
pub fn load(path: &Path) -> Result<Mutant> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut m: Mutant = serde_json::from_str(&text)
        .with_context(|| format!("{}: malformed mutant", path.display()))?;
    m.name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(m)
}

/// The mutant named `name` of `design`.
pub fn find(design: DesignId, name: &str) -> Result<Mutant> {
    let path = mutants_dir(design).join(format!("{name}.json"));
    if !path.exists() {
        bail!("design {design} has no mutant named {name:?}");
    }
    load(&path)
}

fn write_if_changed(path: &Path, contents: &[u8]) -> Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(contents) {
        return Ok(());
    }
    crate::files::write_atomic(path, contents)
}

/// What a project's mutant copy does with a folder of the project: folders of
/// installed packages are linked, not copied (they are large and never mutated), and
/// build outputs, history and the mutants themselves are left out.
fn project_folder(name: &std::ffi::OsStr) -> Folder {
    match name.to_str().unwrap_or_default() {
        "node_modules" | "lib" => Folder::Link,
        "target" | "cache" | "out" | "mutants" => Folder::Skip,
        hidden if hidden.starts_with('.') => Folder::Skip,
        _ => Folder::Copy,
    }
}

enum Folder {
    Copy,
    Link,
    Skip,
}

fn mirror(
    from: &Path,
    to: &Path,
    (mutant, target): (&Mutant, &Path),
    rel: &Path,
    folder: &dyn Fn(&std::ffi::OsStr) -> Folder,
) -> Result<usize> {
    let mut applied = 0;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let rel = rel.join(&name);
        if entry.path().is_dir() {
            match folder(&name) {
                Folder::Copy => {
                    applied += mirror(
                        &entry.path(),
                        &to.join(&name),
                        (mutant, target),
                        &rel,
                        folder,
                    )?
                }
                Folder::Link => link(&entry.path(), &to.join(&name))?,
                Folder::Skip => {}
            }
            continue;
        }
        if rel != target {
            write_if_changed(&to.join(&name), &std::fs::read(entry.path())?)?;
            continue;
        }
        let mut text = std::fs::read_to_string(entry.path())?;
        {
            let hits = text.matches(&mutant.find).count();
            if hits != 1 {
                bail!(
                    "mutant {}: the text to replace occurs {hits} times in {} (expected once)",
                    mutant.name,
                    mutant.file
                );
            }
            text = text.replacen(&mutant.find, &mutant.replace, 1);
            applied += 1;
        }
        write_if_changed(&to.join(&name), text.as_bytes())?;
    }
    Ok(applied)
}

/// Links `to` to the folder `from`, unless it already is.
fn link(from: &Path, to: &Path) -> Result<()> {
    if std::fs::read_link(to).ok().as_deref() == Some(from) {
        return Ok(());
    }
    let _ = std::fs::remove_file(to);
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(from, to)
        .with_context(|| format!("cannot link {} to {}", to.display(), from.display()))?;
    #[cfg(not(unix))]
    bail!("a project's mutants need symbolic links, which only Unix has here");
    Ok(())
}

impl Mutant {
    /// Materialises the mutant's source tree and returns its root.
    pub fn materialise(&self, design: DesignId) -> Result<PathBuf> {
        if let DesignId::Project(_) = design {
            return self.materialise_project(design);
        }
        let contracts = crate::compile::contracts_dir();
        let root = contracts
            .join(".mutants")
            .join(format!("design_{}", design.name()))
            .join(&self.name);
        // Only the design's own folder and what every design shares: no design imports
        // another's, and a mutant's tree compiles in half the time or less without them.
        let own = format!("design_{}", design.name());
        let folder = |name: &std::ffi::OsStr| match name.to_str().unwrap_or_default() {
            n if n.starts_with("design_") && n != own => Folder::Skip,
            _ => Folder::Copy,
        };
        let src = root.join("src");
        if let Ok(entries) = std::fs::read_dir(&src) {
            // A tree materialised before the narrowing still holds the other designs.
            for entry in entries.flatten() {
                if matches!(folder(&entry.file_name()), Folder::Skip) {
                    std::fs::remove_dir_all(entry.path())
                        .with_context(|| format!("cannot remove {}", entry.path().display()))?;
                }
            }
        }
        let target = Path::new(&self.file);
        let applied = mirror(
            &contracts.join("src"),
            &src,
            (self, target),
            Path::new(""),
            &folder,
        )?;
        if applied != 1 {
            bail!(
                "mutant {}: no file {} under contracts/src",
                self.name,
                self.file
            );
        }
        Ok(root)
    }

    /// A project's mutant: the project's sources root copied under crosscheck's own output
    /// folder with the change applied. `file` is relative to the sources root, or, for a
    /// project with a built-in design's shape (whose mutants these are), to its sources
    /// folder, as the built-in design's mutants are to `contracts/src`.
    fn materialise_project(&self, design: DesignId) -> Result<PathBuf> {
        let DesignId::Project(key) = design else {
            bail!("design {design} is not a project file");
        };
        let folder = design.root();
        let key_shape = key.design().shape();
        let src_folder = key.design().src();
        let target = match key_shape {
            // The built-in design's mutants name files under contracts/src
            // (`design_d/L1Migrator.sol`); a project of its shape points `src` at that
            // folder, or at the design's own folder inside it to compile nothing else.
            Some(shape) => {
                let own = format!("design_{}", shape.name());
                let base = match src_folder.file_name() {
                    Some(name) if name.to_str() == Some(own.as_str()) => {
                        src_folder.parent().unwrap_or(Path::new(""))
                    }
                    _ => src_folder,
                };
                base.join(&self.file)
            }
            None => PathBuf::from(&self.file),
        };
        let key = alloy_primitives::keccak256(folder.to_string_lossy().as_bytes());
        let root = crate::files::default_output_dir(&format!(
            "projects/{}/mutants/{}",
            &alloy_primitives::hex::encode(key)[..16],
            self.name
        ));
        // A project with a built-in design's shape has that design's layout: like the
        // built-in design's mutants, its copy leaves out the other designs' folders, which
        // it never deploys from and which would triple the copy's compile.
        let own = key_shape.map(|s| format!("design_{}", s.name()));
        let other_design = |name: &std::ffi::OsStr| {
            let name = name.to_str().unwrap_or_default();
            own.as_ref()
                .is_some_and(|own| name.starts_with("design_") && name != own)
        };
        let filter = |name: &std::ffi::OsStr| {
            if other_design(name) {
                Folder::Skip
            } else {
                project_folder(name)
            }
        };
        if own.is_some() {
            // A copy made before the narrowing still holds the other designs.
            let src = root.join(src_folder);
            for entry in std::fs::read_dir(&src).into_iter().flatten().flatten() {
                if other_design(&entry.file_name()) {
                    std::fs::remove_dir_all(entry.path())
                        .with_context(|| format!("cannot remove {}", entry.path().display()))?;
                }
            }
        }
        let applied = mirror(&folder, &root, (self, &target), Path::new(""), &filter)?;
        if applied != 1 {
            bail!(
                "mutant {}: no file {} under {}",
                self.name,
                target.display(),
                folder.display()
            );
        }
        Ok(root)
    }

    /// A fresh world of `design` with this mutant deployed.
    pub fn world(&self, design: DesignId) -> Result<World> {
        let root = self.materialise(design)?;
        let snapshot =
            genesis_snapshot(design, &root).with_context(|| format!("mutant {}", self.name))?;
        Ok(World::from_snapshot(&snapshot))
    }
}

/// The outcome of one mutant's script, on the mutant and on the correct design.
#[derive(Debug)]
pub struct MutantResult {
    /// The mutant.
    pub mutant: Mutant,
    /// What the script did on the mutant.
    pub on_mutant: RunReport,
    /// What the script did on the correct design.
    pub on_correct: RunReport,
}

impl MutantResult {
    /// Every invariant that fired on the mutant, in order of first firing, without repeats.
    pub fn fired(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for v in &self.on_mutant.violations {
            if !names.contains(&v.invariant) {
                names.push(v.invariant.clone());
            }
        }
        names
    }

    /// The step at which the expected invariant first fired.
    pub fn step(&self) -> Option<usize> {
        self.on_mutant
            .violations
            .iter()
            .find(|v| v.invariant == self.mutant.invariant)
            .map(|v| v.step)
    }

    /// Caught by its expected invariant, and the correct design stays clean.
    pub fn passed(&self) -> bool {
        self.step().is_some() && self.on_correct.violations.is_empty()
    }
}

/// Runs `mutant`'s script on the mutant and on the correct design.
pub fn run_mutant(design: DesignId, mutant: &Mutant) -> Result<MutantResult> {
    let on_mutant = match crate::genesis::outcome(mutant.world(design))? {
        Ok(mut world) => run_steps(&mut world, &mutant.steps, |_, _, _, _, _| {})
            .with_context(|| format!("mutant {}", mutant.name))?,
        // A mutant may break the deployment itself; that is its finding, at step 0.
        Err(violation) => RunReport {
            violations: vec![violation],
            ..RunReport::default()
        },
    };
    let on_correct = crate::run::run_design(design, &mutant.steps)?;
    Ok(MutantResult {
        mutant: mutant.clone(),
        on_mutant,
        on_correct,
    })
}

/// Runs every mutant of `design` (one per core at a time) and returns the results in name
/// order.
pub fn run_all(design: DesignId) -> Result<Vec<MutantResult>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let mutants = load_all(design)?;
    // Compile the correct design first so that parallel mutants do not race for it.
    crate::designs::fresh_world(design)?;
    // Plain threads, not rayon's pool: a rayon worker that waits inside the compiler's own
    // parallel work steals other mutants' jobs and runs them on its own stack, so on a
    // slow machine compiles nest until the stack overflows.
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(mutants.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<Result<MutantResult>>>> =
        mutants.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(mutant) = mutants.get(i) else {
                    break;
                };
                let result = run_mutant(design, mutant);
                *results[i].lock().expect("mutant result lock") = Some(result);
            });
        }
    });
    results
        .into_iter()
        .map(|r| {
            r.into_inner()
                .expect("mutant result lock")
                .expect("every mutant ran")
        })
        .collect()
}

/// The results as a table: mutant, expected invariant, invariants that fired, step.
pub fn table(results: &[MutantResult]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<40} {:<30} {:<6} fired (in order of first firing)",
        "mutant", "expected invariant", "step"
    );
    for r in results {
        let step = r
            .step()
            .map(|s| s.to_string())
            .unwrap_or_else(|| "-".into());
        let mut fired = r.fired().join(", ");
        if fired.is_empty() {
            fired = "nothing".into();
        }
        let verdict = if r.passed() {
            ""
        } else if r.step().is_none() {
            "  MISSED"
        } else {
            "  CORRECT DESIGN NOT CLEAN"
        };
        let _ = writeln!(
            out,
            "{:<40} {:<30} {:<6} {fired}{verdict}",
            r.mutant.name, r.mutant.invariant, step
        );
    }
    out
}

/// Invariants whose firing is shown on a forged state rather than by a mutant, with the
/// test that shows it. Designs B and C have no path by which L1 LPT could be minted for a
/// withdrawal, so no one-line bug produces such a mint; `M1 = 0` is shown to fire on a
/// forged record of one. The ticket rules of the bridge itself (lifetime, who cancels) are
/// enforced by the relayer, outside any contract a mutant edits. Design D's staking,
/// rounds and token are Livepeer's published bytecode, deployed as shipped and never
/// edited, so the invariants that read only their figures are shown on forged figures too.
pub const FORGED: [(DesignId, &str, &str); 14] = [
    (
        DesignId::A,
        "tickets-expire-on-time",
        "harness/tests/forged.rs",
    ),
    (
        DesignId::B,
        "tickets-expire-on-time",
        "harness/tests/forged.rs",
    ),
    (
        DesignId::C,
        "tickets-expire-on-time",
        "harness/tests/forged.rs",
    ),
    (
        DesignId::A,
        "only-beneficiary-cancels",
        "harness/tests/forged.rs",
    ),
    (
        DesignId::B,
        "only-beneficiary-cancels",
        "harness/tests/forged.rs",
    ),
    (
        DesignId::C,
        "only-beneficiary-cancels",
        "harness/tests/forged.rs",
    ),
    (
        DesignId::B,
        "no-unbacked-l1-issuance",
        "harness/tests/forged.rs",
    ),
    (
        DesignId::C,
        "no-unbacked-l1-issuance",
        "harness/tests/forged.rs",
    ),
    (
        DesignId::D,
        "tickets-expire-on-time",
        "harness/tests/forged.rs",
    ),
    (
        DesignId::D,
        "only-beneficiary-cancels",
        "harness/tests/forged.rs",
    ),
    (
        DesignId::D,
        "unbonding-period-respected",
        "harness/tests/forged.rs",
    ),
    (
        DesignId::D,
        "mint-only-shortfall",
        "harness/tests/forged.rs",
    ),
    (DesignId::D, "roles-unchanged", "harness/tests/forged.rs"),
    (DesignId::D, "stake-fully-backed", "harness/tests/forged.rs"),
];

/// `design`'s section of `docs/invariants.md`: its catalogue with the mutant that proves
/// each invariant fires (and which others also fire it), then its mutants with the
/// mistake each stands for and the step where its invariant fired.
pub fn markdown(design: DesignId, results: &[MutantResult]) -> String {
    use std::fmt::Write;
    let code = |s: &str| format!("`{s}`");
    let mut out = String::new();
    let upper = design.name().to_uppercase();
    let _ = writeln!(out, "## Design {upper}\n");
    let summary = design.summary();
    let mut first = summary.chars();
    let summary: String = first
        .next()
        .map(|c| c.to_uppercase().chain(first).collect())
        .unwrap_or_default();
    let _ = writeln!(out, "{summary}.\n");
    let _ = writeln!(
        out,
        "| # | invariant | kind | statement | proved by mutant | also fires on |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for inv in design.spec().invariants() {
        let proving: Vec<String> = results
            .iter()
            .filter(|r| r.mutant.invariant == inv.name())
            .map(|r| code(&r.mutant.name))
            .collect();
        let proving = if proving.is_empty() {
            FORGED
                .iter()
                .find(|(d, name, _)| *d == design && *name == inv.name())
                .map(|(_, _, test)| format!("forged state (`{test}`)"))
                .unwrap_or_else(|| "-".into())
        } else {
            proving.join(", ")
        };
        let also: Vec<String> = results
            .iter()
            .filter(|r| {
                r.mutant.invariant != inv.name() && r.fired().iter().any(|f| f == inv.name())
            })
            .map(|r| code(&r.mutant.name))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {proving} | {} |",
            inv.number(),
            code(inv.name()),
            inv.kind(),
            inv.statement(),
            if also.is_empty() {
                "-".into()
            } else {
                also.join(", ")
            }
        );
    }
    let _ = writeln!(out, "\n### Design {upper} mutants\n");
    let _ = writeln!(
        out,
        "| mutant | file | the mistake it stands for | expected invariant | fires at step |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|");
    for r in results {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            code(&r.mutant.name),
            code(&r.mutant.file),
            r.mutant.description,
            code(&r.mutant.invariant),
            r.step()
                .map(|s| s.to_string())
                .unwrap_or_else(|| "MISSED".into())
        );
    }
    let _ = writeln!(out);
    out
}
