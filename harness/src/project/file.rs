//! The project file, `crosscheck.toml`, as written: its sections and keys, each value kept
//! with its place in the file so that a mistake found later (a contract that does not
//! exist, an argument too many) can still be reported at its line.

use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use serde::Deserialize;
use toml::Spanned;

/// A parsed project file and the text it came from.
#[derive(Debug)]
pub struct ProjectFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its text, for line numbers.
    text: String,
    /// Its contents.
    pub spec: Spec,
    /// Its actors, once read from `[actors]` (see [`ProjectFile::cast`]).
    cast: std::sync::OnceLock<crate::actors::Cast>,
}

/// The sections of `crosscheck.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The built-in design whose shape the deployment has (`"a"`): its contracts play that
    /// design's roles under its names, so the design's own invariant catalogue, typed
    /// actions, decoding and mutants apply, and only the genesis is the file's. Without
    /// it, `[roles]` says what the contracts are and the generic invariants apply.
    #[serde(default)]
    pub design: Option<Spanned<String>>,
    /// What to compile.
    pub sources: Sources,
    /// The genesis, in order: every deployment, wiring call and funding of both chains.
    #[serde(default)]
    pub step: Vec<Step>,
    /// A JSON list of actions (the script format) run after the steps, on both chains
    /// joined by the bridge: the genesis's story (see `project::story`).
    #[serde(default)]
    pub story: Option<Spanned<String>>,
    /// What the generic invariants need to know: which contracts are the tokens, the
    /// escrow, the gateways, and which call paths may mint and burn. A file with `design`
    /// has its design's roles and none of its own.
    #[serde(default)]
    pub roles: Option<Spanned<Roles>>,
    /// Actors bound to the project's own accounts (`delegator1 = { key = "0x…" }`,
    /// `governor = { address = "0x…" }`); the others keep crosscheck's. A file with
    /// `design` has its design's actors.
    #[serde(default)]
    pub actors: Option<Spanned<std::collections::BTreeMap<String, Spanned<ActorAccount>>>>,
    /// Which functions a campaign calls, and how often (see `project::calls`).
    #[serde(default)]
    pub calls: Calls,
}

/// `[calls]`: each entry `Contract.function` or `Contract.*`, naming a deployment.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calls {
    /// Functions a campaign never calls: what the threat model trusts.
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// Functions called this many times more often than others (1 to 100).
    #[serde(default)]
    pub weight: std::collections::BTreeMap<String, Spanned<u32>>,
}

/// One entry of `[actors]`: exactly one of `key` and `address`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorAccount {
    /// A secp256k1 secret (`0x` and 64 hex digits): the actor's address is its key's, and
    /// crosscheck signs with it. Only ever a test key: the file is read in the clear.
    #[serde(default)]
    pub key: Option<Spanned<String>>,
    /// An address crosscheck sends from without a key, as a node impersonates an account:
    /// a multisig, or an owner the deployment hard-codes.
    #[serde(default)]
    pub address: Option<Spanned<String>>,
}

/// `[sources]`: a Solidity tree in Foundry or Hardhat layout, and any further trees
/// (`[[sources.tree]]`) with settings of their own.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    /// The project root, relative to the file (default: the file's folder). In a
    /// `[[sources.tree]]`, the tree's own root, relative to the first tree's and inside it.
    #[serde(default)]
    pub root: Option<Spanned<String>>,
    /// The sources folder under the root (default `src`).
    #[serde(default)]
    pub src: Option<Spanned<String>>,
    /// Library folders under the root (`lib`, `node_modules`).
    #[serde(default)]
    pub libs: Vec<Spanned<String>>,
    /// Import remappings, `prefix=path`.
    #[serde(default)]
    pub remappings: Vec<Spanned<String>>,
    /// Whether solc optimizes (default true, with 200 runs). Say what the project's own
    /// build uses, so that the code checked is the code deployed.
    #[serde(default)]
    pub optimizer: Option<Spanned<bool>>,
    /// The optimizer's runs (default 200).
    #[serde(default)]
    pub optimizer_runs: Option<Spanned<u32>>,
    /// Prebuilt hardhat artifacts (JSON files under the root, such as a registry
    /// package's in `node_modules/`), deployed as shipped beside the compiled sources.
    #[serde(default)]
    pub artifacts: Vec<Spanned<String>>,
    /// The solc-js version or versions the sources need (`"0.8.9"` or `["0.8.9",
    /// "0.8.28"]`), installed from the npm registry when first needed. With several, each
    /// file compiles with the newest its `pragma solidity` allows.
    #[serde(default)]
    pub solc: Option<Spanned<OneOrMany>>,
    /// Further trees, each compiled on its own with its own keys (say an L2 package with
    /// its own remappings and compiler beside an L1 package). Each lives under the first
    /// tree's root, so that a mutant's copy of that root holds them all.
    #[serde(default)]
    pub tree: Vec<Spanned<Sources>>,
}

/// A key that takes one string or a list of them (`solc`, a role's `token`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// One.
    One(String),
    /// Several.
    Many(Vec<String>),
}

impl OneOrMany {
    /// Each string, in the file's order.
    pub fn list(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(v) => vec![v.as_str()],
            OneOrMany::Many(vs) => vs.iter().map(String::as_str).collect(),
        }
    }
}

/// One `[[step]]` of the genesis. Exactly one of `deploy`, `call`, `view`, `fund`,
/// `advance` and `stand_ins` says what it does; the other keys qualify it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// `"l1"` or `"l2"`: where a deploy, call or fund step runs.
    #[serde(default)]
    pub chain: Option<Spanned<String>>,
    /// Move both chains' clocks forward by this many seconds (L1 mines a block per 12 s),
    /// as the campaign's own `advance` does: for a history that spans rounds.
    #[serde(default)]
    pub advance: Option<Spanned<u64>>,
    /// Deploy crosscheck's Arbitrum stand-ins here rather than before the first step
    /// (`stand_ins = true`), so that the deployer's nonces give the addresses the real
    /// deployment's order gives. The file then wires them itself with a call of
    /// `Bridge.setInboxAndOutbox($Inbox, $Outbox)`.
    #[serde(default)]
    pub stand_ins: Option<Spanned<bool>>,
    /// Deploy this compiled contract.
    #[serde(default)]
    pub deploy: Option<Spanned<String>>,
    /// The name the deployment is known by (`$Name`); default: the contract's name. For a
    /// view step, the name of the value it reads (`%name`).
    #[serde(default, rename = "as")]
    pub name: Option<Spanned<String>>,
    /// Call `Name.function` (or `Name.function(types)` to pick an overload).
    #[serde(default)]
    pub call: Option<Spanned<String>>,
    /// Read `Name.function` without committing, and keep what it returns as `%name` (with
    /// `as = "name"`) for later arguments: what only the running chain knows.
    #[serde(default)]
    pub view: Option<Spanned<String>>,
    /// Set the ETH balance of `@actor` or `$Name`.
    #[serde(default)]
    pub fund: Option<Spanned<String>>,
    /// The constructor's or the function's arguments.
    #[serde(default)]
    pub args: Vec<Spanned<toml::Value>>,
    /// For a contract that uses external libraries: each library's deployment,
    /// `{ Library = "$Deployed" }`.
    #[serde(default)]
    pub libraries: std::collections::BTreeMap<String, Spanned<String>>,
    /// For a proxy: the contract whose ABI the deployment is called through (its
    /// implementation), so that later calls and the campaign speak the implementation's
    /// functions to the proxy's address.
    #[serde(default)]
    pub abi: Option<Spanned<String>>,
    /// A function to call on the new deployment right after it (through `abi` if given),
    /// from the same sender: a proxy's initializer.
    #[serde(default)]
    pub initialize: Option<Spanned<String>>,
    /// The initializer's arguments.
    #[serde(default)]
    pub init_args: Vec<Spanned<toml::Value>>,
    /// Who sends it (default `@governor`).
    #[serde(default)]
    pub from: Option<Spanned<String>>,
    /// Wei sent with a call or a deployment, or the balance a `fund` sets (`"10 ether"`).
    #[serde(default)]
    pub value: Option<Spanned<String>>,
}

/// `[roles]`: per chain.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    /// Ethereum's.
    #[serde(default)]
    pub l1: ChainRoles,
    /// Arbitrum's.
    #[serde(default)]
    pub l2: ChainRoles,
}

/// What the contracts of one chain are, for the generic invariants.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChainRoles {
    /// The token or tokens whose supply the bridge conserves across both chains: one name
    /// or a list. The i-th token of L1 and the i-th of L2 are a bridged pair, so both
    /// chains list the same number.
    pub token: Option<Spanned<OneOrMany>>,
    /// The contracts whose balance of the token backs the other chain's bridged supply.
    #[serde(default)]
    pub escrow: Vec<Spanned<String>>,
    /// The chain's gateway or gateways, which send and receive the bridge's messages: one
    /// name or a list, the i-th of L1 and of L2 being counterparts. A ticket an L1 gateway
    /// sends its counterpart is one the project promises completes.
    pub gateway: Option<Spanned<OneOrMany>>,
    /// Call paths that may mint the token, as `Contract.function` frames from the
    /// outermost call inwards (`L2Gateway.finalizeInboundTransfer`).
    #[serde(default)]
    pub mint: Vec<Spanned<String>>,
    /// Call paths that may burn it.
    #[serde(default)]
    pub burn: Vec<Spanned<String>>,
    /// Call paths whose mints are the project's inflation: new supply rather than bridged
    /// supply, so that L2 inflation may exceed what the L1 escrow holds by what it minted.
    #[serde(default)]
    pub inflation: Vec<Spanned<String>>,
}

impl ProjectFile {
    /// Reads and parses `path`; a syntax error or an unknown key is reported at its line.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read project file {}", path.display()))?;
        Self::parse(path, text)
    }

    /// Parses `text` as if read from `path`.
    pub fn parse(path: &Path, text: String) -> Result<Self> {
        let spec: Spec = toml::from_str(&text).map_err(|e| {
            let line = e.span().map(|s| line_of(&text, s.start)).unwrap_or(0);
            anyhow!(
                "{}:{line}: {}",
                path.display(),
                e.message().lines().next().unwrap_or("invalid TOML")
            )
        })?;
        Ok(Self {
            path: path.to_path_buf(),
            text,
            spec,
            cast: std::sync::OnceLock::new(),
        })
    }

    /// Who the actors are: crosscheck's cast with `[actors]`'s bindings in place, or the
    /// first mistake in `[actors]` at its line.
    pub fn cast(&self) -> Result<&crate::actors::Cast> {
        use crate::actors::{Actor, Binding, Cast};
        if let Some(cast) = self.cast.get() {
            return Ok(cast);
        }
        let mut bindings = Vec::new();
        let mut at = 0..0;
        if let Some(actors) = &self.spec.actors {
            at = actors.span();
            if self.spec.design.is_some() {
                return Err(self.error(
                    actors.span(),
                    "actors",
                    "a file with a design has its design's actors, whose accounts its contracts and mutants expect",
                ));
            }
            for (name, account) in actors.get_ref() {
                let span = account.span();
                let key = format!("actors.{name}");
                let actor = Actor::from_name(name).ok_or_else(|| {
                    let names: Vec<&str> = Actor::ALL.iter().map(|a| a.name()).collect();
                    self.error(
                        span.clone(),
                        &key,
                        format!("unknown actor {name:?}; actors: {}", names.join(", ")),
                    )
                })?;
                let binding = match (&account.get_ref().key, &account.get_ref().address) {
                    (Some(k), None) => Binding::Key(k.get_ref().parse().map_err(|_| {
                        self.error(
                            k.span(),
                            &format!("{key}.key"),
                            format!("{:?} is not 0x and 64 hex digits", k.get_ref()),
                        )
                    })?),
                    (None, Some(a)) => Binding::Address(a.get_ref().parse().map_err(|_| {
                        self.error(
                            a.span(),
                            &format!("{key}.address"),
                            format!("{:?} is not an address", a.get_ref()),
                        )
                    })?),
                    _ => {
                        return Err(self.error(
                            span,
                            &key,
                            "give exactly one of key (a secret crosscheck signs with) and address (an account it sends from)",
                        ))
                    }
                };
                bindings.push((actor, binding));
            }
        }
        let cast = Cast::with(&bindings).map_err(|e| self.error(at, "actors", e))?;
        Ok(self.cast.get_or_init(|| cast))
    }

    /// The folder the file is in, from which its paths are read.
    pub fn dir(&self) -> PathBuf {
        self.path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf()
    }

    /// The built-in design whose shape the file declares (`design = "a"`), if any.
    pub fn shape(&self) -> Result<Option<crate::designs::DesignId>> {
        let Some(name) = &self.spec.design else {
            return Ok(None);
        };
        let found = crate::designs::DesignId::ALL
            .into_iter()
            .find(|d| d.name() == name.get_ref().to_ascii_lowercase());
        match found {
            Some(d) => Ok(Some(d)),
            None => Err(self.error(
                name.span(),
                "design",
                format!(
                    "{:?} is not a built-in design; designs: a, b, c, d",
                    name.get_ref()
                ),
            )),
        }
    }

    /// The root of the sources (`sources.root`, relative to the file; default the file's
    /// folder), as an absolute path.
    pub fn sources_root(&self) -> Result<PathBuf> {
        let dir = self.dir();
        let root = match &self.spec.sources.root {
            Some(r) => dir.join(r.get_ref()),
            None => dir,
        };
        root.canonicalize().map_err(|_| {
            let span = self.spec.sources.root.as_ref().map_or(0..0, |r| r.span());
            self.error(
                span,
                "sources.root",
                format!("no folder {}", root.display()),
            )
        })
    }

    /// The sources folder (`sources.src`, default `src`) relative to the sources root.
    pub fn src(&self) -> &str {
        self.spec
            .sources
            .src
            .as_ref()
            .map(|s| s.get_ref().as_str())
            .unwrap_or("src")
    }

    /// `error` placed at `span`, reading `file:line: key: error`, with `error` kept as the
    /// cause (so that a transaction the contracts refused is still known as one).
    pub fn context(&self, error: anyhow::Error, span: Range<usize>, key: &str) -> anyhow::Error {
        error.context(format!(
            "{}:{}: {key}",
            self.path.display(),
            line_of(&self.text, span.start)
        ))
    }

    /// An error at `span`: `file:line: key: message`.
    pub fn error(
        &self,
        span: Range<usize>,
        key: &str,
        message: impl std::fmt::Display,
    ) -> anyhow::Error {
        anyhow!(
            "{}:{}: {key}: {message}",
            self.path.display(),
            line_of(&self.text, span.start)
        )
    }
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_key_is_reported_at_its_line() {
        let text = "[sources]\nsrc = \"src\"\ncolour = \"red\"\n[roles.l1]\n[roles.l2]\n";
        let e = ProjectFile::parse(Path::new("x.toml"), text.into()).unwrap_err();
        let e = e.to_string();
        assert!(e.starts_with("x.toml:3: "), "{e}");
        assert!(e.contains("colour"), "{e}");
    }

    #[test]
    fn actors_in_a_file_with_a_design_are_refused_at_their_line() {
        let text = "design = \"a\"\n[sources]\n\n[actors]\nattacker = { address = \"0x00000000000000000000000000000000000000aa\" }\n";
        let f = ProjectFile::parse(Path::new("x.toml"), text.into()).unwrap();
        let e = f.cast().unwrap_err().to_string();
        assert!(
            e.starts_with("x.toml:4: actors: a file with a design has its design's actors"),
            "{e}"
        );
    }

    #[test]
    fn a_value_remembers_its_line() {
        let text =
            "[sources]\n\n[[step]]\nchain = \"l1\"\ndeploy = \"Token\"\n[roles.l1]\n[roles.l2]\n";
        let f = ProjectFile::parse(Path::new("x.toml"), text.into()).unwrap();
        let deploy = f.spec.step[0].deploy.as_ref().unwrap();
        let e = f.error(deploy.span(), "step.deploy", "no such contract");
        assert_eq!(e.to_string(), "x.toml:5: step.deploy: no such contract");
    }
}
