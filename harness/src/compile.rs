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
    /// Contracts that need libraries linked before they can be deployed (their entry in
    /// `contracts` has the ABI and no bytecode).
    unlinked: HashMap<String, crate::prebuilt::Prebuilt>,
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

    /// The contract named `name` if it must be linked with libraries before deployment.
    pub fn unlinked(&self, name: &str) -> Option<&crate::prebuilt::Prebuilt> {
        self.unlinked.get(name)
    }

    /// Adds `contract`, which needs libraries linked, under its name; an existing name is
    /// an error.
    pub fn insert_unlinked(&mut self, contract: crate::prebuilt::Prebuilt) -> Result<()> {
        self.insert(&contract.name.clone(), contract.as_compiled())?;
        self.unlinked.insert(contract.name.clone(), contract);
        Ok(())
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

/// The `contracts/` directory of this checkout, or the folder `CROSSCHECK_CONTRACTS_DIR`
/// names: a copy of it elsewhere (a test uses one with nothing installed, as a fresh clone
/// has).
pub fn contracts_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CROSSCHECK_CONTRACTS_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("harness/ lives inside the workspace")
        .join("contracts")
}

/// The folder of the npm package `package` that `contracts/package.json` pins, installed
/// first (`npm ci`) if any pinned package is missing. Every read of an installed package
/// goes through here, so that no command reads one before the install has run.
pub fn npm_package_dir(package: &str) -> Result<PathBuf> {
    ensure_solc_installed()?;
    Ok(contracts_dir().join("node_modules").join(package))
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

/// The solc front for `version`: the pinned solc-js through `contracts/solc`, or any other
/// version installed on demand from the npm registry into crosscheck's own folder
/// (`target/crosscheck/solc/<version>/`), announced in one line, with a front of its own
/// that runs the same shim on that module.
pub fn solc_for(version: &semver::Version) -> Result<PathBuf> {
    ensure_solc_installed()?;
    let shim = contracts_dir().join("solc");
    if version.to_string() == SOLC_VERSION {
        return Ok(shim);
    }
    let dir = crate::files::default_output_dir(&format!("solc/{version}"));
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let _lock = lock(&dir)?;
    let module = dir.join("node_modules").join("solc");
    let front = dir.join("solc");
    let installed = fs::read_to_string(module.join("package.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v["version"].as_str().map(str::to_string));
    if installed.as_deref() != Some(&version.to_string()) {
        require_program("npm")?;
        eprintln!(
            "crosscheck: installing solc-js {version} from the npm registry into {}",
            dir.display()
        );
        let out = Command::new("npm")
            .args([
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "--prefix",
            ])
            .arg(&dir)
            .arg(format!("solc@{version}"))
            .output()
            .context("cannot run npm")?;
        if !out.status.success() {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let first = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            bail!("cannot install solc-js {version} from the npm registry: {first}");
        }
    }
    // Written again whenever it differs: it names the checkout's paths, which move with it.
    let text = format!(
            "#!/usr/bin/env node\n// solc-js {version} for crosscheck: the shim of contracts/solc, on this version's module.\nprocess.env.CROSSCHECK_SOLC_MODULE = {module:?};\nrequire({shim:?});\n",
            module = module.display().to_string(),
            shim = shim.display().to_string(),
        );
    if fs::read_to_string(&front).ok().as_deref() != Some(text.as_str()) {
        crate::files::write_atomic(&front, &text)?;
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&front, fs::Permissions::from_mode(0o755))
            .with_context(|| format!("cannot make {} executable", front.display()))?;
    }
    Ok(front)
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
    compile_tree(&own_tree(root))
}

/// Our own tree at `root` (`contracts/`, or a mutant's copy of it): its `src/`, built in
/// place, with the pinned solc and the optimizer at 200 runs.
pub fn own_tree(root: &Path) -> Tree {
    // No library folders: the contracts import only each other, and a detected
    // `node_modules` would make the project tree's cache unusable for a mutant's copy.
    Tree {
        root: root.to_path_buf(),
        src: root.join("src"),
        libs: Vec::new(),
        remappings: Vec::new(),
        build: root.to_path_buf(),
        versions: Vec::new(),
        optimizer: Some(200),
    }
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
    /// The solc-js versions the tree needs; none means the pinned one.
    pub versions: Vec<semver::Version>,
    /// The optimizer's runs, or `None` to compile without the optimizer.
    pub optimizer: Option<usize>,
}

/// Compiles `tree` through foundry-compilers and its cache: with the pinned solc-js when
/// the tree names no version, else with each version it names, every source file with the
/// newest of them its `pragma solidity` allows (and its imports with it).
pub fn compile_tree(tree: &Tree) -> Result<Artifacts> {
    compile_trees(std::slice::from_ref(tree))
}

/// Compiles each of `trees` as [`compile_tree`] does, into one set of artifacts. A source
/// file two trees both reach (a shared interface, say) is one contract, kept as the first
/// tree compiled it; two different files declaring one name are an error, whichever trees
/// they are in.
pub fn compile_trees(trees: &[Tree]) -> Result<Artifacts> {
    let mut contracts: HashMap<String, (PathBuf, Compiled)> = HashMap::new();
    for tree in trees {
        compile_into(tree, &mut contracts)?;
    }
    let mut artifacts = Artifacts::default();
    for (name, (_, compiled)) in contracts {
        match compiled {
            Compiled::Linked(c) => artifacts.insert(&name, c)?,
            Compiled::Unlinked(p) => artifacts.insert_unlinked(p)?,
        }
    }
    Ok(artifacts)
}

/// The solc version each of `tree`'s files compiles with: with no version or one named,
/// that one for the whole tree (`None`: every file under its sources folder); with
/// several, each file with the newest its `pragma solidity` allows.
pub fn version_groups(tree: &Tree) -> Result<Vec<(semver::Version, Option<Vec<PathBuf>>)>> {
    let pinned = semver::Version::parse(SOLC_VERSION).expect("valid pinned version");
    let mut versions = tree.versions.clone();
    versions.sort();
    versions.dedup();
    Ok(match versions.as_slice() {
        [] => vec![(pinned, None)],
        [one] => vec![(one.clone(), None)],
        _ => {
            let mut by_version: Vec<(semver::Version, Vec<PathBuf>)> =
                versions.iter().map(|v| (v.clone(), Vec::new())).collect();
            for file in sol_files(&tree.src) {
                let text = fs::read_to_string(&file)
                    .with_context(|| format!("cannot read {}", file.display()))?;
                let chosen = match pragma(&text) {
                    None => versions.len() - 1,
                    Some(req) => {
                        versions
                            .iter()
                            .rposition(|v| allows(&req, v))
                            .ok_or_else(|| {
                                anyhow!(
                                "{}: pragma solidity {req} allows none of the versions named ({})",
                                file.strip_prefix(&tree.root).unwrap_or(&file).display(),
                                versions
                                    .iter()
                                    .map(ToString::to_string)
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                            })?
                    }
                };
                by_version[chosen].1.push(file);
            }
            by_version
                .into_iter()
                .filter(|(_, files)| !files.is_empty())
                .map(|(v, files)| (v, Some(files)))
                .collect()
        }
    })
}

fn compile_into(tree: &Tree, contracts: &mut HashMap<String, (PathBuf, Compiled)>) -> Result<()> {
    let pinned = semver::Version::parse(SOLC_VERSION).expect("valid pinned version");
    let groups = version_groups(tree)?;
    for (version, files) in groups {
        // Our own trees keep their cache at their root (a mutant's copy is seeded from
        // it); any other version builds apart, so that the caches never mix compilers.
        let build = if version == pinned {
            tree.build.clone()
        } else {
            tree.build.join(format!("solc-{version}"))
        };
        for (name, source, compiled) in compile_group(tree, &version, files, &build)? {
            // Absolute, so that two trees' `src/Token.sol` are two files.
            let source = tree.root.join(source);
            match contracts.get(&name) {
                // A file two version groups both import compiles in each; it is one contract.
                Some((seen, _)) if *seen == source => {}
                // Contracts are looked up by name: two of one name would make one of them
                // silently stand for the other.
                Some((seen, _)) => bail!(
                    "two contracts named {name}, in {} and in {}",
                    seen.display(),
                    source.display()
                ),
                None => {
                    contracts.insert(name, (source, compiled));
                }
            }
        }
    }
    Ok(())
}

/// A compiled contract as solc gave it: ready to deploy, or waiting for its libraries.
enum Compiled {
    Linked(CompiledContract),
    Unlinked(crate::prebuilt::Prebuilt),
}

/// Compiles `files` of `tree` (all of its sources when `None`) with solc-js `version`,
/// with `build` for the cache and artifacts; every contract with code or an ABI, with the
/// source file it is in.
fn compile_group(
    tree: &Tree,
    version: &semver::Version,
    files: Option<Vec<PathBuf>>,
    build: &Path,
) -> Result<Vec<(String, PathBuf, Compiled)>> {
    let solc = Solc::new_with_version(solc_for(version)?, version.clone());
    let root = tree.root.as_path();
    let cache_dir = build.join("cache");
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
        .artifacts(build.join("out"))
        .cache(cache_file)
        .build_with_root::<SolcLanguage>(root);
    let mut settings = Settings::default();
    settings.optimizer.enabled = Some(tree.optimizer.is_some());
    settings.optimizer.runs = Some(tree.optimizer.unwrap_or(200));
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
            "crosscheck: compiling {} with solc-js {version} ({stale} of {total} Solidity files changed since the last compile)",
            tree.src.display()
        );
    }
    let output = match files {
        None => project.compile(),
        Some(files) => project.compile_files(files),
    }
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

    let mut out = Vec::new();
    for (id, artifact) in output.artifact_ids() {
        let Some(abi) = artifact.get_abi() else {
            continue;
        };
        if let (Some(bytecode), Some(deployed)) = (
            artifact.get_bytecode_bytes(),
            artifact.get_deployed_bytecode_bytes(),
        ) {
            let compiled = CompiledContract {
                abi: abi.into_owned(),
                bytecode: bytecode.into_owned(),
                deployed_bytecode: deployed.into_owned(),
            };
            out.push((
                id.name.clone(),
                id.source.clone(),
                Compiled::Linked(compiled),
            ));
            continue;
        }
        // Unlinked: it uses an external library, whose address deployment fills in.
        let Some(code) = artifact.get_bytecode() else {
            continue;
        };
        let Some(hex) = code.object.as_str() else {
            continue;
        };
        let links = code
            .link_references
            .values()
            .flat_map(|libs| libs.iter())
            .map(|(lib, offsets)| {
                (
                    lib.clone(),
                    offsets.iter().map(|o| o.start as usize).collect(),
                )
            })
            .collect();
        let contract =
            crate::prebuilt::Prebuilt::from_parts(&id.name, abi.into_owned(), hex, links);
        out.push((
            id.name.clone(),
            id.source.clone(),
            Compiled::Unlinked(contract),
        ));
    }
    Ok(out)
}

/// The version requirement of the first `pragma solidity` in `text`, if any.
fn pragma(text: &str) -> Option<String> {
    let at = text.find("pragma solidity")?;
    let rest = &text[at + "pragma solidity".len()..];
    Some(rest[..rest.find(';')?].trim().to_string())
}

/// Whether Solidity version requirement `req` (`^0.8.20`, `>=0.8.0 <0.9.0`, `0.8.9`,
/// alternatives joined by `||`) allows `version`. A bare version means exactly it, as in
/// Solidity, not a caret as in semver.
fn allows(req: &str, version: &semver::Version) -> bool {
    req.split("||").any(|alternative| {
        let comparators: Vec<String> = alternative
            .split_whitespace()
            .map(|c| {
                if c.starts_with(|ch: char| ch.is_ascii_digit()) {
                    format!("={c}")
                } else {
                    c.to_string()
                }
            })
            .collect();
        semver::VersionReq::parse(&comparators.join(", ")).is_ok_and(|r| r.matches(version))
    })
}

/// Every `.sol` file under `src`.
pub(crate) fn sol_files(src: &Path) -> Vec<PathBuf> {
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
    files.sort();
    files
}

/// How many `.sol` files under `src` were modified after `cache` was (all of them when
/// there is no cache), and how many there are.
fn stale_sources(src: &Path, cache: &Path) -> (usize, usize) {
    let cached_at = fs::metadata(cache).and_then(|m| m.modified()).ok();
    let files = sol_files(src);
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

/// Starts the build folder `to` of a variant of a tree (a mutant's copy) from the tree's
/// own build folder `from`, unless `to` has a build already: then only the files the
/// variant changed, and their importers, compile. Each solc version's build is seeded.
pub fn seed_build(from: &Path, to: &Path) -> Result<()> {
    let cache = "cache/solidity-files-cache.json";
    let mut folders = vec![(from.to_path_buf(), to.to_path_buf())];
    if let Ok(entries) = fs::read_dir(from) {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with("solc-") {
                folders.push((entry.path(), to.join(entry.file_name())));
            }
        }
    }
    for (from, to) in folders {
        if !from.join(cache).exists() || to.join(cache).exists() {
            continue;
        }
        fs::create_dir_all(to.join("cache"))
            .with_context(|| format!("cannot create {}", to.join("cache").display()))?;
        let _lock = lock(&to.join("cache"))?;
        if !to.join(cache).exists() {
            seed_from(&from, &to)?;
        }
    }
    Ok(())
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
