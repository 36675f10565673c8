//! A project file as a design: one more implementation of [`Design`], so that the machine
//! the built-in designs run on (the checker, the campaign, shrinking, replay, mutants,
//! reports) runs a project's contracts unchanged.
//!
//! What differs from a built-in design: the contracts are the project's, deployed by its
//! steps; the chains are read through its roles (each chain's token, L1's escrow holders)
//! rather than a lens contract; the invariants are those its roles imply (see
//! `invariants::project`) plus the bridge's own, plus its `invariant_*` and `echidna_*`
//! functions; and a campaign draws ABI calls on its contracts and the bridge's and clocks'
//! actions, since it has no typed staking actions.
//!
//! A project is known to the process by its file's path: [`register`] gives it a
//! [`DesignId::Project`], which scripts and failure files name as `project:PATH`.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use alloy_primitives::{Address, Log, U256};
use anyhow::{anyhow, bail, Context, Result};
use invariants::project::{
    BridgedSupplyBacked, BurnsTakeDeclaredPaths, MintsTakeDeclaredPaths, SupplyRules,
};
use invariants::view::{self as iv, Book, ChainView, Frame, Params};
use invariants::Invariant;

use super::properties::Property;
use super::Project;
use crate::action::Action;
use crate::actors::{Actor, Cast};
use crate::bindings::ILivepeerToken;
use crate::bridge::{Relayer, Ticket, DEFAULT_CHALLENGE_PERIOD};
use crate::chain::ChainId;
use crate::compile::Artifacts;
use crate::designs::{Carried, Design, DesignId, Role};
use crate::step::StepStatus;
use crate::world::World;

/// How scripts and reports name a project's design: `project:` and the file's path.
pub const PREFIX: &str = "project:";

/// The Arbitrum stand-ins' contract kinds, whose ABIs a project's artifacts gain so that a
/// campaign calls them as it calls the project's own contracts.
pub(crate) const STAND_INS: [&str; 4] = ["Bridge", "Inbox", "Outbox", "ArbSys"];

/// `artifacts` with each stand-in kind it does not define taken from `ours`.
pub(crate) fn with_stand_ins(artifacts: &Artifacts, ours: &Artifacts) -> Result<Artifacts> {
    let mut out = artifacts.clone();
    for kind in STAND_INS {
        if out.get(kind).is_err() {
            out.insert(kind, ours.get(kind)?.clone())?;
        }
    }
    Ok(out)
}

/// A project file registered in this process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProjectKey(u16);

impl ProjectKey {
    /// Its design.
    pub fn design(self) -> &'static ProjectDesign {
        // Read on every step of a campaign (through `Design` calls) by every job: a slot
        // set once, not the registry's lock.
        SLOTS[usize::from(self.0)]
            .get()
            .copied()
            .expect("a key is made only for a registered project")
    }

    /// How it is named: `project:` and the file's path.
    pub fn label(self) -> &'static str {
        self.design().label
    }
}

/// How many project files one process may register.
const MAX_PROJECTS: usize = 256;

/// The registered designs by key, each slot written once under the registry's lock.
static SLOTS: [OnceLock<&'static ProjectDesign>; MAX_PROJECTS] =
    [const { OnceLock::new() }; MAX_PROJECTS];

fn registry() -> &'static Mutex<Vec<&'static ProjectDesign>> {
    static ALL: OnceLock<Mutex<Vec<&'static ProjectDesign>>> = OnceLock::new();
    ALL.get_or_init(Default::default)
}

/// The design of the project file at `path`, registered once per process and file. Only
/// the path is checked here; the file is read, compiled and deployed at its genesis.
pub fn register(path: &Path) -> Result<DesignId> {
    let path = path
        .canonicalize()
        .map_err(|e| anyhow!("no project file {}: {e}", path.display()))?;
    if !path.is_file() {
        bail!("{} is not a project file", path.display());
    }
    let mut all = registry().lock().expect("project registry");
    if let Some(found) = all.iter().find(|d| d.path == path) {
        return Ok(DesignId::Project(found.key));
    }
    // Read now for what the design must know before any genesis: the design whose shape it
    // has, and where its sources are (a mutant copies them).
    let file = super::file::ProjectFile::read(&path)?;
    let shape = file.shape()?;
    let sources_root = file.sources_root()?;
    let src = file.src().to_string();
    let cast = file.cast()?.clone();
    if all.len() >= MAX_PROJECTS {
        bail!("more than {MAX_PROJECTS} project files in one process");
    }
    let key = ProjectKey(u16::try_from(all.len()).context("too many project files")?);
    let label = Box::leak(format!("{PREFIX}{}", path.display()).into_boxed_str());
    // A design lives as long as the process, as the built-in ones (statics) do; a process
    // registers a handful of files at most.
    let design: &'static ProjectDesign = Box::leak(Box::new(ProjectDesign {
        key,
        folder: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        path,
        shape,
        sources_root,
        src,
        cast,
        label,
        loaded: OnceLock::new(),
    }));
    all.push(design);
    let _ = SLOTS[usize::from(key.0)].set(design);
    Ok(DesignId::Project(key))
}

/// A project file's design.
pub struct ProjectDesign {
    key: ProjectKey,
    /// The file.
    path: PathBuf,
    /// Its folder, which its paths are relative to.
    folder: PathBuf,
    /// The built-in design whose shape it has (`design = "a"`), which answers every
    /// question but the genesis.
    shape: Option<DesignId>,
    /// The root of its sources, which a mutant's copy mirrors.
    sources_root: PathBuf,
    /// The sources folder under that root.
    src: String,
    /// Its actors' accounts (`[actors]`).
    cast: Cast,
    label: &'static str,
    /// What the design's questions are answered from, taken from the first genesis run.
    /// A mutant changes code, never what is deployed where, so any genesis will do.
    loaded: OnceLock<Loaded>,
}

/// What a deployed project says of itself: its roles' names and addresses.
struct Loaded {
    /// Per chain (L1, L2): the first token's, the gateway's and the first escrow holder's
    /// name.
    names: [[Option<&'static str>; 3]; 2],
    /// Per chain, the role tokens in the file's order.
    tokens: [Vec<Address>; 2],
    /// Per chain, the gateways in the file's order (the i-th of each are counterparts).
    gateways: [Vec<Address>; 2],
    escrow: Vec<Address>,
    rules: [SupplyRules; 2],
    properties: Vec<Property>,
    calls: super::calls::CallRules,
}

impl Loaded {
    fn of(project: &Project) -> Self {
        let book = &project.deployed.book;
        let name_of = |chain: ChainId, address: Option<Address>| {
            let address = address?;
            book.iter()
                .find(|(c, _, a)| *c == chain && *a == address)
                .map(|(_, n, _)| &*Box::leak(n.to_string().into_boxed_str()))
        };
        let both = [(ChainId::L1, &project.l1), (ChainId::L2, &project.l2)];
        let selector = |chain: ChainId, address: Address, function: &str| -> [u8; 4] {
            book.iter()
                .find(|(c, _, a)| *c == chain && *a == address)
                .and_then(|(_, name, _)| project.artifacts.get(book.kind(chain, name)?).ok())
                .and_then(|c| c.abi.function(function).and_then(|f| f.first()))
                .map(|f| f.selector().0)
                .unwrap_or_default()
        };
        let paths = |chain: ChainId, list: &[Vec<(Address, String)>]| {
            list.iter()
                .map(|path| {
                    path.iter()
                        .map(|(a, f)| (*a, selector(chain, *a, f)))
                        .collect()
                })
                .collect()
        };
        Self {
            names: both.map(|(chain, r)| {
                [
                    name_of(chain, r.tokens.first().copied()),
                    name_of(chain, r.gateways.first().copied()),
                    name_of(chain, r.escrow.first().copied()),
                ]
            }),
            tokens: both.map(|(_, r)| r.tokens.clone()),
            gateways: both.map(|(_, r)| r.gateways.clone()),
            escrow: project.l1.escrow.clone(),
            rules: both.map(|(chain, r)| SupplyRules {
                tokens: r.tokens.clone(),
                mint: paths(chain, &r.mint),
                burn: paths(chain, &r.burn),
                inflation: paths(chain, &r.inflation),
            }),
            properties: project.properties.clone(),
            calls: project.calls.clone(),
        }
    }
}

impl ProjectDesign {
    /// The folder of the project file.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The names of the project's own property functions (known once its genesis ran).
    pub fn property_names(&self) -> Vec<String> {
        self.loaded()
            .map(|l| l.properties.iter().map(Property::name).collect())
            .unwrap_or_default()
    }

    /// The project file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The root of its sources: what its line coverage and findings are relative to, and
    /// what a mutant's copy mirrors.
    pub fn sources_root(&self) -> &Path {
        &self.sources_root
    }

    /// The sources folder, relative to [`ProjectDesign::sources_root`].
    pub fn src(&self) -> &Path {
        Path::new(&self.src)
    }

    /// Its actors' accounts.
    pub fn cast(&self) -> &Cast {
        &self.cast
    }

    /// The built-in design whose shape it has, if it declares one.
    pub fn shape(&self) -> Option<DesignId> {
        self.shape
    }

    /// `root` as an override of the sources root: `None` when it is the project's own.
    fn variant<'a>(&self, root: &'a Path) -> Option<&'a Path> {
        (root != self.sources_root).then_some(root)
    }

    fn loaded(&self) -> Option<&Loaded> {
        self.loaded.get()
    }

    /// The project's world after its genesis, with its sources taken from `root` (its own
    /// sources root, or a mutant's copy of it).
    pub fn genesis_at(&self, root: &Path) -> Result<World> {
        let project = Project::load_at(&self.path, self.variant(root))?;
        let _ = self.loaded.set(Loaded::of(&project));
        let (file, deployed) = (project.file, project.deployed);
        let relayer = Relayer::new(deployed.arbitrum, DEFAULT_CHALLENGE_PERIOD);
        let mut world = World::from_parts(
            DesignId::Project(self.key),
            deployed.l1,
            deployed.l2,
            relayer,
            deployed.book,
        );
        super::story::run(&file, &mut world)?;
        world.require_separate_chains()?;
        if self
            .shaped()
            .is_none_or(|d| d.genesis_ends_in_a_fresh_block())
        {
            world.advance_blocks(1);
        }
        world.begin_step();
        Ok(world)
    }

    /// Everything a campaign may call in the project under `root`: its compiled sources
    /// and prebuilt artifacts, and the Arbitrum stand-ins.
    pub fn artifacts_at(&self, root: &Path) -> Result<Artifacts> {
        let file = super::file::ProjectFile::read(&self.path)?;
        let artifacts = super::sources::compile(&file, self.variant(root), true)?;
        with_stand_ins(&artifacts, &*crate::compile::compile_contracts()?)
    }
}

impl ProjectDesign {
    /// The built-in design that answers for it, if it has one's shape.
    fn shaped(&self) -> Option<&'static dyn Design> {
        self.shape.map(DesignId::spec)
    }
}

/// A project with a built-in design's shape answers every question as that design does but
/// the genesis (its own steps and story) and its property functions; the rest of this
/// implementation is a plain project's, which knows its contracts by its roles.
impl Design for ProjectDesign {
    fn id(&self) -> DesignId {
        DesignId::Project(self.key)
    }

    fn summary(&self) -> &'static str {
        self.label
    }

    fn role_name(&self, chain: ChainId, role: Role) -> Option<&'static str> {
        if let Some(shape) = self.shaped() {
            return shape.role_name(chain, role);
        }
        let names = self.loaded()?.names[chain as usize];
        match role {
            Role::Token => names[0],
            Role::Gateway => names[1],
            Role::Escrow => names[2],
            _ => None,
        }
    }

    fn genesis(&self, _artifacts: &Artifacts) -> Result<World> {
        self.genesis_at(&self.folder)
    }

    fn params(&self) -> Params {
        if let Some(shape) = self.shaped() {
            return shape.params();
        }
        Params {
            design: iv::Design::Project,
            ..Params::default()
        }
    }

    fn escrow_chain(&self) -> ChainId {
        if let Some(shape) = self.shaped() {
            return shape.escrow_chain();
        }
        ChainId::L1
    }

    fn escrowed_by(&self, log: &Log) -> Option<U256> {
        if let Some(shape) = self.shaped() {
            return shape.escrowed_by(log);
        }
        None
    }

    /// A project's messages are not decoded (their encoding is the project's own); a ticket
    /// an L1 gateway sends its counterpart is one the project promises completes.
    fn decode_ticket(&self, book: &Book, t: &Ticket) -> Carried {
        if let Some(shape) = self.shaped() {
            return shape.decode_ticket(book, t);
        }
        let valid = self.loaded().is_some_and(|l| {
            l.gateways[0]
                .iter()
                .zip(&l.gateways[1])
                .any(|(l1, l2)| *l1 == t.l1_sender && *l2 == t.to)
        });
        Carried {
            beneficiary: t.beneficiary,
            valid,
            ..Carried::default()
        }
    }

    fn decode_message(&self, book: &Book, m: &crate::bridge::OutboxMessage) -> (U256, Address) {
        if let Some(shape) = self.shaped() {
            return shape.decode_message(book, m);
        }
        (U256::ZERO, Address::ZERO)
    }

    fn lock_event(&self, log: &Log) -> Option<crate::designs::LockEvent> {
        if let Some(shape) = self.shaped() {
            return shape.lock_event(log);
        }
        None
    }

    fn round_at_genesis(&self, world: &mut World, chain: ChainId) -> Result<Option<u64>> {
        if let Some(shape) = self.shaped() {
            return shape.round_at_genesis(world, chain);
        }
        Ok(None)
    }

    /// A mint reached through one of the chain's declared inflation paths; the checker
    /// counts it into the ghost's inflation, which `bridged-supply-backed` allows for.
    fn is_inflation(&self, book: &Book, on_l1: bool, stack: &[Frame]) -> bool {
        if let Some(shape) = self.shaped() {
            return shape.is_inflation(book, on_l1, stack);
        }
        self.loaded().is_some_and(|l| {
            l.rules[usize::from(!on_l1)]
                .inflation
                .iter()
                .any(|path| invariants::project::follows(stack, path))
        })
    }

    fn has_action(&self, action: &Action) -> bool {
        if let Some(shape) = self.shaped() {
            return shape.has_action(action);
        }
        matches!(
            action,
            Action::Call { .. }
                | Action::DeliverTicket { .. }
                | Action::FailAutoRedeem { .. }
                | Action::Redeem { .. }
                | Action::Cancel { .. }
                | Action::ExecuteOutbox { .. }
                | Action::Advance { .. }
        )
    }

    fn run_action(&self, world: &mut World, action: &Action) -> Result<StepStatus> {
        if let Some(shape) = self.shaped() {
            return shape.run_action(world, action);
        }
        bail!("a project has no typed action {action}")
    }

    fn leave(&self, world: &mut World, now: &iv::Chains, actor: Actor) -> Result<Vec<Action>> {
        if let Some(shape) = self.shaped() {
            return shape.leave(world, now, actor);
        }
        Ok(Vec::new())
    }

    fn go_home(&self, world: &mut World, now: &iv::Chains, actor: Actor) -> Result<Vec<Action>> {
        if let Some(shape) = self.shaped() {
            return shape.go_home(world, now, actor);
        }
        Ok(Vec::new())
    }

    fn way_home_closed(&self, now: &iv::Chains) -> bool {
        if let Some(shape) = self.shaped() {
            return shape.way_home_closed(now);
        }
        false
    }

    fn book(&self, world: &World) -> Book {
        if let Some(shape) = self.shaped() {
            return shape.book(world);
        }
        let loaded = self.loaded();
        let token = |i: usize| {
            loaded
                .and_then(|l| l.tokens[i].first().copied())
                .unwrap_or_default()
        };
        let gateway = |i: usize| {
            loaded
                .and_then(|l| l.gateways[i].first().copied())
                .unwrap_or_default()
        };
        Book {
            l1_token: token(0),
            l2_token: token(1),
            l1_gateway: gateway(0),
            l2_gateway: gateway(1),
            l1_escrow: loaded
                .and_then(|l| l.escrow.first().copied())
                .unwrap_or_default(),
            bridge: world.relayer.addresses.bridge,
            ..Book::default()
        }
    }

    /// A chain as its roles show it: each token's supply and (on L1) what the escrow
    /// holders hold of it together, and each actor's balance of the first token.
    fn read_chain(&self, world: &mut World, chain: ChainId) -> Result<ChainView> {
        if let Some(shape) = self.shaped() {
            return shape.read_chain(world, chain);
        }
        let timestamp = world.chain(chain).timestamp();
        let mut view = ChainView {
            timestamp,
            ..ChainView::default()
        };
        let Some(loaded) = self.loaded() else {
            return Ok(view);
        };
        // Through the read cache: the checker reads a chain again only when the cache has
        // dropped a result since its last read, which it can only know of cached reads.
        let balance = |world: &mut World, token: Address, holder: Address| {
            world
                .chain(chain)
                .view_cached(token, &ILivepeerToken::balanceOfCall(holder))
        };
        for &token in &loaded.tokens[chain as usize] {
            let mut read = iv::TokenSupply {
                token,
                supply: world
                    .chain(chain)
                    .view_cached(token, &ILivepeerToken::totalSupplyCall {})
                    .with_context(|| format!("reading {chain} token {token}'s totalSupply()"))?,
                escrowed: U256::ZERO,
            };
            if chain == ChainId::L1 {
                for holder in &loaded.escrow {
                    read.escrowed += balance(world, token, *holder)?;
                }
            }
            view.tokens.push(read);
        }
        let Some(first) = view.tokens.first().cloned() else {
            return Ok(view);
        };
        view.supply = first.supply;
        view.gateway_balance = first.escrowed;
        for address in self.cast.addresses() {
            view.accounts.push(iv::Account {
                address,
                balance: balance(world, first.token, address)?,
                readable: true,
                ..iv::Account::default()
            });
        }
        Ok(view)
    }

    fn invariants(&self) -> Vec<Box<dyn Invariant>> {
        if let Some(shape) = self.shaped() {
            return shape.invariants();
        }
        use invariants::{liveness, rules};
        let mut list: Vec<Box<dyn Invariant>> = vec![
            Box::new(liveness::MessagesFinal),
            Box::new(rules::MessagesWaitChallengePeriod),
            Box::new(rules::TicketsExpireOnTime),
            Box::new(rules::OnlyBeneficiaryCancels),
            Box::new(liveness::ValidTicketsComplete),
        ];
        let Some(loaded) = self.loaded() else {
            return list;
        };
        if !loaded.tokens[1].is_empty() && !loaded.escrow.is_empty() {
            list.push(Box::new(BridgedSupplyBacked));
        }
        if loaded.tokens.iter().any(|t| !t.is_empty()) {
            list.push(Box::new(MintsTakeDeclaredPaths(loaded.rules.clone())));
            list.push(Box::new(BurnsTakeDeclaredPaths(loaded.rules.clone())));
        }
        list
    }

    fn override_action(&self, world: &mut World, action: &Action) -> Option<Result<StepStatus>> {
        self.shaped()?.override_action(world, action)
    }

    fn amount_base(
        &self,
        world: &mut World,
        actor: Actor,
        chain: ChainId,
        base: crate::amount::Base,
    ) -> Option<Result<U256>> {
        self.shaped()?.amount_base(world, actor, chain, base)
    }

    fn reporters(&self) -> Vec<Address> {
        self.shaped().map(|s| s.reporters()).unwrap_or_default()
    }

    fn describe(&self, action: &Action) -> Option<String> {
        self.shaped()?.describe(action)
    }

    fn gives_own_bond(&self, action: &Action) -> bool {
        self.shaped()
            .is_some_and(|shape| shape.gives_own_bond(action))
    }

    fn read_extras(&self, world: &mut World, chain: ChainId, view: &mut ChainView) -> Result<()> {
        match self.shaped() {
            Some(shape) => shape.read_extras(world, chain, view),
            None => Ok(()),
        }
    }

    fn keep(&self, world: &mut World) -> Result<()> {
        match self.shaped() {
            Some(shape) => shape.keep(world),
            None => Ok(()),
        }
    }

    fn home(&self) -> ChainId {
        self.shaped().map_or(ChainId::L1, |s| s.home())
    }

    fn propose(&self, draw: &mut dyn crate::designs::Draw) -> Option<Action> {
        self.shaped()?.propose(draw)
    }

    fn broken_properties(&self, world: &mut World) -> Vec<(String, String)> {
        let Some(loaded) = self.loaded() else {
            return Vec::new();
        };
        loaded
            .properties
            .iter()
            .filter_map(|p| p.check(world.chain(p.chain)).map(|why| (p.name(), why)))
            .collect()
    }

    fn typed_actions(&self) -> bool {
        if let Some(shape) = self.shaped() {
            return shape.typed_actions();
        }
        false
    }

    fn call_weight(&self, contract: &str, function: &str) -> u32 {
        // The file's own `[calls]`, with or without a shape: a shape's typed actions stay.
        self.loaded()
            .map_or(1, |loaded| loaded.calls.weight(contract, function))
    }
}
