//! Compiling the Solidity tree with foundry-compilers and the npm-pinned solc-js.
//!
//! foundry-compilers runs a solc *binary*; `contracts/solc` is a small Node shim that
//! answers `--version` and `--standard-json` with solc-js. When solc-js is not installed
//! yet, [`ensure_solc_installed`] runs `npm ci` once and says so in one line. Compilation
//! uses foundry-compilers' cache, so an unchanged tree recompiles in milliseconds.
//!
//! Several test binaries may compile at once, so every compile of a source root holds an
//! exclusive file lock on `<root>/cache/.crosscheck.lock`.

use std::collections::HashMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};

use alloy_json_abi::JsonAbi;
use alloy_primitives::Bytes;
use anyhow::{anyhow, bail, Context, Result};
use foundry_compilers::artifacts::output_selection::{ContractOutputSelection, OutputSelection};
use foundry_compilers::artifacts::{EvmVersion, Settings, Severity};
use foundry_compilers::compilers::solc::{Solc, SolcCompiler, SolcLanguage};
use foundry_compilers::solc::SolcSettings;
use foundry_compilers::{Artifact, Project, ProjectBuilder, ProjectPathsConfig};

/// The solc-js version pinned in `contracts/package.json`. Passing it up front saves the
/// ~0.4 s that `solc --version` through Node would cost on every compile.
pub const SOLC_VERSION: &str = "0.8.28";

/// One compiled contract: what deployment and decoding need.
#[derive(Debug, Clone)]
pub struct CompiledContract {
    /// The contract's ABI.
    pub abi: JsonAbi,
    /// Creation bytecode (constructor arguments are appended to it).
    pub bytecode: Bytes,
    /// Runtime bytecode.
    pub deployed_bytecode: Bytes,
}

/// Every contract of one source tree, by contract name.
#[derive(Debug, Clone, Default)]
pub struct Artifacts {
    contracts: HashMap<String, CompiledContract>,
}

impl Artifacts {
    /// The contract named `name`, or an error naming it.
    pub fn get(&self, name: &str) -> Result<&CompiledContract> {
        self.contracts
            .get(name)
            .ok_or_else(|| anyhow!("no compiled contract named {name}"))
    }

    /// Every contract name, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.contracts.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }

    /// Every contract, unsorted.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &CompiledContract)> {
        self.contracts.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Adds `contract` under `name` (a prebuilt artifact a design deploys beside the
    /// compiled tree); an existing name is an error.
    pub fn insert(&mut self, name: &str, contract: CompiledContract) -> Result<()> {
        if self.contracts.contains_key(name) {
            bail!("two contracts named {name}");
        }
        self.contracts.insert(name.to_string(), contract);
        Ok(())
    }
}

/// The `contracts/` directory of this checkout.
pub fn contracts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("harness/ lives inside the workspace")
        .join("contracts")
}

/// The npm packages `contracts/package.json` pins: solc-js (the compiler), Livepeer's
/// published protocol artifacts (design D deploys them) and its deployed ABIs.
const NPM_PACKAGES: [&str; 3] = ["solc", "@livepeer/sdk", "@livepeer/core"];

/// Installs the pinned npm packages with `npm ci` if any is missing.
pub fn ensure_solc_installed() -> Result<()> {
    let dir = contracts_dir();
    let cache = dir.join("cache");
    fs::create_dir_all(&cache).with_context(|| format!("cannot create {}", cache.display()))?;
    let _lock = lock(&cache)?;
    let installed = |p: &&str| {
        dir.join("node_modules")
            .join(p)
            .join("package.json")
            .exists()
    };
    if NPM_PACKAGES.iter().all(installed) {
        return Ok(());
    }
    npm_ci(&dir)
}

/// Runs `npm ci` in `dir` (`contracts/`), saying so in one line. The caller holds the
/// cache lock.
fn npm_ci(dir: &Path) -> Result<()> {
    require_program("node")?;
    require_program("npm")?;
    eprintln!(
        "crosscheck: installing the pinned npm packages (solc-js, Livepeer's published artifacts, forge); running `npm ci` in {}",
        dir.display()
    );
    let out = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(dir)
        .output()
        .context("cannot run npm")?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        bail!("`npm ci` in {} failed: {first}", dir.display());
    }
    Ok(())
}

/// The `forge` binary of the npm package `contracts/package.json` pins (an optional
/// dependency: it is built for Linux x86-64 only), installed with `npm ci` if missing.
pub fn ensure_forge_installed() -> Result<PathBuf> {
    const PACKAGE: &str = "@foundry-rs/forge-linux-amd64";
    let dir = contracts_dir();
    let forge = dir
        .join("node_modules")
        .join(PACKAGE)
        .join("bin")
        .join("forge");
    if forge.exists() {
        return Ok(forge);
    }
    let cache = dir.join("cache");
    fs::create_dir_all(&cache).with_context(|| format!("cannot create {}", cache.display()))?;
    let _lock = lock(&cache)?;
    if !forge.exists() {
        npm_ci(&dir)?;
    }
    if !forge.exists() {
        bail!(
            "forge is not installed: npm did not install {PACKAGE} (it is built for Linux x86-64 only; this machine is {} {})",
            std::env::consts::OS,
            std::env::consts::ARCH
        );
    }
    Ok(forge)
}

fn require_program(name: &str) -> Result<()> {
    match Command::new(name).arg("--version").output() {
        Ok(out) if out.status.success() => Ok(()),
        _ => bail!("`{name}` is not installed or not on PATH; crosscheck needs it to run the solc-js compiler"),
    }
}

fn lock(dir: &Path) -> Result<File> {
    let path = dir.join(".crosscheck.lock");
    let file = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
    file.lock()
        .with_context(|| format!("cannot lock {}", path.display()))?;
    Ok(file)
}

/// Compiles the tree rooted at `root` (sources in `root/src`) and returns its artifacts.
/// The result is memoised per root for the life of the process.
pub fn compile(root: &Path) -> Result<Arc<Artifacts>> {
    static MEMO: OnceLock<Mutex<HashMap<PathBuf, Arc<Artifacts>>>> = OnceLock::new();
    let memo = MEMO.get_or_init(Default::default);
    let key = root.to_path_buf();
    if let Some(found) = memo.lock().expect("compile memo poisoned").get(&key) {
        return Ok(found.clone());
    }
    let artifacts = Arc::new(compile_uncached(root)?);
    memo.lock()
        .expect("compile memo poisoned")
        .insert(key, artifacts.clone());
    Ok(artifacts)
}

/// Compiles the project's own `contracts/` tree.
pub fn compile_contracts() -> Result<Arc<Artifacts>> {
    compile(&contracts_dir())
}

/// Compiles without the in-process memo (foundry-compilers' on-disk cache still applies).
/// Used by the benchmark to time cold and cached compiles.
pub fn compile_uncached(root: &Path) -> Result<Artifacts> {
    ensure_solc_installed()?;
    let main = contracts_dir();
    if root != main {
        // A variant of the project's tree (a mutant) starts from the project's own
        // compile, so that only the files its edit touches, and their importers, compile.
        compile(&main)?;
        let cache_file = root.join("cache/solidity-files-cache.json");
        if !cache_file.exists() {
            fs::create_dir_all(root.join("cache"))
                .with_context(|| format!("cannot create {}", root.join("cache").display()))?;
            let _lock = lock(&root.join("cache"))?;
            if !cache_file.exists() {
                seed_from(&main, root)?;
            }
        }
    }
    // No library folders: the contracts import only each other, and a detected
    // `node_modules` would make the project tree's cache unusable for a mutant's copy.
    compile_tree(&Tree {
        root: root.to_path_buf(),
        src: root.join("src"),
        libs: Vec::new(),
        remappings: Vec::new(),
        build: root.to_path_buf(),
    })
}

/// A Solidity source tree to compile: ours, a mutant's copy, or a user's project.
#[derive(Debug, Clone)]
pub struct Tree {
    /// The project root: relative imports and remappings resolve from it.
    pub root: PathBuf,
    /// The folder of sources to compile.
    pub src: PathBuf,
    /// Library folders imports may reach (`lib/`, `node_modules/`).
    pub libs: Vec<PathBuf>,
    /// Import remappings, `prefix=path`, as Foundry writes them.
    pub remappings: Vec<String>,
    /// Where the compiler's `cache/` and `out/` go (the root itself for our own trees; a
    /// folder of our own for a user's, whose tree crosscheck does not write into).
    pub build: PathBuf,
}

/// Compiles `tree` with the pinned solc-js, through foundry-compilers and its cache.
pub fn compile_tree(tree: &Tree) -> Result<Artifacts> {
    ensure_solc_installed()?;
    let shim = contracts_dir().join("solc");
    let version = semver::Version::parse(SOLC_VERSION).expect("valid pinned version");
    let solc = Solc::new_with_version(&shim, version);
    let root = tree.root.as_path();
    let cache_dir = tree.build.join("cache");
    fs::create_dir_all(&cache_dir)
        .with_context(|| format!("cannot create {}", cache_dir.display()))?;
    let _lock = lock(&cache_dir)?;
    let cache_file = cache_dir.join("solidity-files-cache.json");

    let mut remappings = Vec::new();
    for r in &tree.remappings {
        remappings.push(
            r.parse::<foundry_compilers::artifacts::Remapping>()
                .map_err(|e| anyhow!("remapping {r:?}: {e}"))?,
        );
    }
    let mut paths = ProjectPathsConfig::builder();
    paths = if tree.libs.is_empty() {
        paths.no_libs()
    } else {
        paths.libs(tree.libs.iter().cloned())
    };
    let paths = paths
        .remappings(remappings)
        .root(root)
        .sources(&tree.src)
        .artifacts(tree.build.join("out"))
        .cache(cache_file)
        .build_with_root::<SolcLanguage>(root);
    let mut settings = Settings::default();
    settings.optimizer.enabled = Some(true);
    settings.optimizer.runs = Some(200);
    settings.optimizer.details = None;
    settings.evm_version = Some(EvmVersion::Prague);
    // Contract outputs only, no AST: with an AST requested, foundry-compilers compiles
    // every file of a recompile in full, where without it a mutant's recompile asks solc for
    // output from the edited file and its importers alone.
    settings.output_selection = OutputSelection::common_output_selection(
        ContractOutputSelection::basic()
            .iter()
            .map(ToString::to_string),
    );
    let project: Project<SolcCompiler> = ProjectBuilder::<SolcCompiler>::default()
        .paths(paths)
        .settings(SolcSettings {
            settings,
            ..Default::default()
        })
        .build(SolcCompiler::Specific(solc))
        .context("cannot set up the Solidity project")?;
    let (stale, total) = stale_sources(&tree.src, &cache_dir.join("solidity-files-cache.json"));
    if stale > 0 {
        // A cold compile takes seconds; say what is happening rather than sit silent.
        eprintln!(
            "crosscheck: compiling {} with solc-js {SOLC_VERSION} ({stale} of {total} Solidity files changed since the last compile)",
            tree.src.display()
        );
    }
    let output = project
        .compile()
        .with_context(|| format!("cannot compile {}", tree.src.display()))?;

    let errors: Vec<String> = output
        .output()
        .errors
        .iter()
        .filter(|e| e.severity == Severity::Error)
        .map(|e| describe_error(root, e))
        .collect();
    if !errors.is_empty() {
        bail!("{}", errors.join("\n"));
    }

    let mut contracts = HashMap::new();
    for (id, artifact) in output.artifact_ids() {
        let (Some(abi), Some(bytecode), Some(deployed)) = (
            artifact.get_abi(),
            artifact.get_bytecode_bytes(),
            artifact.get_deployed_bytecode_bytes(),
        ) else {
            continue;
        };
        // Contracts are looked up by name: two of one name would make one of them
        // silently stand for the other.
        if contracts.contains_key(&id.name) {
            bail!(
                "two contracts named {} in {} (one is in {})",
                id.name,
                tree.src.display(),
                id.source.display()
            );
        }
        contracts.insert(
            id.name.clone(),
            CompiledContract {
                abi: abi.into_owned(),
                bytecode: bytecode.into_owned(),
                deployed_bytecode: deployed.into_owned(),
            },
        );
    }
    Ok(Artifacts { contracts })
}

/// How many `.sol` files under `src` were modified after `cache` was (all of them when
/// there is no cache), and how many there are.
fn stale_sources(src: &Path, cache: &Path) -> (usize, usize) {
    let cached_at = fs::metadata(cache).and_then(|m| m.modified()).ok();
    let mut files = Vec::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "sol") {
                files.push(path);
            }
        }
    }
    let stale = files
        .iter()
        .filter(|f| {
            let modified = fs::metadata(f).and_then(|m| m.modified()).ok();
            match (cached_at, modified) {
                (Some(c), Some(m)) => m > c,
                _ => true,
            }
        })
        .count();
    (stale, files.len())
}

/// Copies `from`'s compiler cache and artifacts into `to`, whose sources differ from
/// `from`'s in a few files: foundry-compilers then recompiles only what changed (by content
/// hash) and what imports it.
fn seed_from(from: &Path, to: &Path) -> Result<()> {
    fn copy_tree(from: &Path, to: &Path) -> Result<()> {
        fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
        for entry in
            fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?
        {
            let entry = entry?;
            let target = to.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                copy_tree(&entry.path(), &target)?;
            } else if entry.file_name() != ".crosscheck.lock" {
                fs::copy(entry.path(), &target)
                    .with_context(|| format!("cannot copy to {}", target.display()))?;
            }
        }
        Ok(())
    }
    copy_tree(&from.join("out"), &to.join("out"))?;
    // The cache file last: it is what says the artifacts are there.
    let cache = "cache/solidity-files-cache.json";
    fs::copy(from.join(cache), to.join(cache))
        .with_context(|| format!("cannot copy {}", from.join(cache).display()))?;
    Ok(())
}

/// `file:line: message` for one compiler error.
fn describe_error(root: &Path, e: &foundry_compilers::artifacts::Error) -> String {
    match &e.source_location {
        Some(loc) => {
            let path = root.join(&loc.file);
            let path = if path.exists() {
                path
            } else {
                PathBuf::from(&loc.file)
            };
            let line = fs::read_to_string(&path)
                .ok()
                .map(|text| {
                    let end = (loc.start.max(0) as usize).min(text.len());
                    text[..end].bytes().filter(|b| *b == b'\n').count() + 1
                })
                .unwrap_or(0);
            format!("{}:{}: {}", loc.file, line, e.message)
        }
        None => format!("solc: {}", e.message),
    }
}
