//! A reproducer's Foundry project: `foundry.toml` set to compile offline with crosscheck's
//! solc-js shim, and the tests under `test/`; and running `forge test` in it.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// Writes `DIR/foundry.toml` (if it is not there) for a reproducer project in `dir`.
pub fn init(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir.join("test"))
        .with_context(|| format!("cannot create {}", dir.join("test").display()))?;
    let config = dir.join("foundry.toml");
    if config.exists() {
        return Ok(());
    }
    let shim = crate::compile::contracts_dir().join("solc");
    let text = format!(
        "# Written by crosscheck for its Foundry reproducers. forge compiles offline with the\n\
         # solc-js compiler crosscheck pins, through its shim; the tests need no library.\n\
         [profile.default]\n\
         src = \"test\"\n\
         test = \"test\"\n\
         out = \"out\"\n\
         cache_path = \"cache\"\n\
         libs = []\n\
         solc = \"{}\"\n\
         offline = true\n\
         evm_version = \"prague\"\n\
         optimizer = false\n\
         # Show each test's logs (the broken figures) without -vv.\n\
         verbosity = 2\n",
        shim.display()
    );
    std::fs::write(&config, text).with_context(|| format!("cannot write {}", config.display()))
}

/// Writes `source` as `DIR/test/NAME.t.sol` in a reproducer project, which it creates if
/// needed. Returns the test's path.
pub fn write_test(dir: &Path, name: &str, source: &str) -> Result<PathBuf> {
    init(dir)?;
    let path = dir.join("test").join(format!("{name}.t.sol"));
    std::fs::write(&path, source).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// What `forge test` said.
#[derive(Debug)]
pub struct ForgeRun {
    /// Whether every test passed.
    pub passed: bool,
    /// Its standard output and error, together.
    pub output: String,
}

/// Runs `forge test` in the project `dir` (with `--match-path` if `only` is given),
/// installing forge from npm first if needed.
pub fn forge_test(dir: &Path, only: Option<&Path>) -> Result<ForgeRun> {
    crate::compile::ensure_solc_installed()?;
    let forge = crate::compile::ensure_forge_installed()?;
    let mut cmd = Command::new(&forge);
    cmd.arg("test").current_dir(dir);
    if let Some(path) = only {
        cmd.arg("--match-path").arg(path);
    }
    let out = cmd
        .output()
        .with_context(|| format!("cannot run {}", forge.display()))?;
    let mut output = String::from_utf8_lossy(&out.stdout).into_owned();
    output.push_str(&String::from_utf8_lossy(&out.stderr));
    if !out.status.success() && !output.contains("Suite result") {
        let first = output
            .lines()
            .find(|l| l.contains("rror"))
            .unwrap_or_else(|| output.lines().next().unwrap_or(""));
        bail!("forge test failed in {}: {first}", dir.display());
    }
    Ok(ForgeRun {
        passed: out.status.success(),
        output,
    })
}
