//! Running one sequence from the genesis snapshot: every step checked, coverage taken,
//! quiescent invariants checked after a drain. Fuzzer-chosen actions never panic: a bad
//! name or an impossible step is a rejected step, and the sequence goes on.

use alloy_primitives::U256;
use anyhow::Result;
use invariants::view::Chains;
use invariants::Violation;

use crate::action::Action;
use crate::checker::Checker;
use crate::world::{World, WorldSnapshot};

/// Asked for the next step of a generated sequence, with the world as it is, both chains
/// as the last check read them, and the steps run so far; `None` ends the sequence.
pub type Generator<'a> = &'a mut dyn FnMut(&World, &Chains, &[Action]) -> Option<Action>;

/// What one sequence did.
#[derive(Debug, Default)]
pub struct Execution {
    /// Violations, in order (the first is the one a failure is about).
    pub violations: Vec<Violation>,
    /// Edge slots hit.
    pub edges: Vec<u16>,
    /// For each step run, where its edges end in `edges` (they start where the previous
    /// step's end).
    pub step_edges: Vec<usize>,
    /// Comparison operands seen.
    pub operands: Vec<U256>,
    /// Steps run (a sequence stops at its first violation).
    pub steps: usize,
    /// Whether a violation that matters broke: a new one, or the hunted one.
    pub hit: bool,
}

/// The genesis state a campaign starts every sequence from.
#[derive(Clone)]
pub struct Start {
    /// The deployed world.
    pub snapshot: std::sync::Arc<WorldSnapshot>,
    /// The checker right after genesis.
    pub checker: Checker,
    /// Invariants already broken at genesis (a mutant can break one before any step).
    pub genesis_violations: Vec<Violation>,
}

impl Start {
    /// Prepares `snapshot`: builds the genesis checker once.
    pub fn new(snapshot: std::sync::Arc<WorldSnapshot>) -> Result<Self> {
        let mut world = World::from_snapshot(&snapshot);
        let (checker, genesis_violations) = Checker::new(&mut world)?;
        // Reading genesis only filled the chains' read caches; every sequence starts from
        // them warm, so its first check re-reads only what its first step wrote.
        Ok(Self {
            snapshot: std::sync::Arc::new(world.snapshot()),
            checker,
            genesis_violations,
        })
    }
}

/// How [`execute`] runs a sequence.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// Record edge coverage and comparison operands.
    pub coverage: bool,
    /// Drain the queues at the end and check the quiescent invariants.
    pub drain: bool,
    /// After the drain, have every actor take its value home and check again (see
    /// `Checker::exit`). It roughly doubles a sequence's cost, so a campaign takes it on
    /// some sequences only.
    pub exit: bool,
    /// The invariant being hunted, if any. A sequence normally ends at its first newly
    /// broken invariant; while hunting it runs on past every other one, so that an
    /// invariant which can only break later in the sequence (after an earlier one has)
    /// stays reachable.
    pub hunt: Option<&'a str>,
}

impl Execution {
    /// The steps that hit one of `novel` (sorted slots): what a sequence did that was new.
    pub fn productive_steps(&self, novel: &[u16]) -> Vec<usize> {
        let mut start = 0;
        let mut out = Vec::new();
        for (i, end) in self.step_edges.iter().enumerate() {
            if self.edges[start..*end]
                .iter()
                .any(|e| novel.binary_search(e).is_ok())
            {
                out.push(i);
            }
            start = *end;
        }
        out
    }
}

impl Options<'_> {
    /// A campaign's sequence: coverage and the drain.
    pub const CAMPAIGN: Options<'static> = Options {
        coverage: true,
        drain: true,
        exit: true,
        hunt: None,
    };
}

/// Runs `steps`, or generates them: when `generate` is given, it is asked for each next
/// step (with the world as it is) until it returns `None`. Stops at the first violation
/// that matters (any new one, or the hunted one); checks quiescent invariants at the end
/// when asked and nothing that matters broke. `steps` ends as the sequence that ran.
pub fn execute(
    start: &Start,
    steps: &mut Vec<Action>,
    generate: Option<Generator<'_>>,
    options: Options<'_>,
) -> Result<Execution> {
    let plan = steps.drain(..).map(Some).collect();
    let (ran, execution) = execute_plan(start, plan, generate, options)?;
    *steps = ran;
    Ok(execution)
}

/// Runs a plan: each `Some` is a given step, each `None` a hole that `generate` fills with
/// an action for the world as it is at that point; after the plan, `generate` is asked for
/// more until it returns `None`. A mutated sequence is run this way, so that what a
/// mutation inserts is chosen knowing the state it lands in (who holds what, which messages
/// are in flight, when they mature), not the genesis. Returns the steps that ran.
pub fn execute_plan(
    start: &Start,
    plan: Vec<Option<Action>>,
    mut generate: Option<Generator<'_>>,
    options: Options<'_>,
) -> Result<(Vec<Action>, Execution)> {
    let mut world = World::from_snapshot(&start.snapshot);
    world.set_coverage(options.coverage);
    let mut checker = start.checker.clone();
    let mut out = Execution {
        violations: start.genesis_violations.clone(),
        ..Execution::default()
    };
    // An invariant already broken at genesis fires again after every step; only a newly
    // broken one counts, and while hunting only the hunted one.
    let matters = |v: &Violation| {
        !start
            .genesis_violations
            .iter()
            .any(|g| g.invariant == v.invariant)
            && options.hunt.is_none_or(|h| h == v.invariant)
    };
    let mut ran: Vec<Action> = Vec::with_capacity(plan.len());
    let mut plan = plan.into_iter();
    loop {
        let next = match plan.next() {
            Some(Some(action)) => Some(action),
            Some(None) => match generate.as_mut() {
                Some(g) => match g(&world, checker.last_read(), &ran) {
                    Some(a) => Some(a),
                    None => continue,
                },
                None => continue,
            },
            None => match generate.as_mut() {
                Some(g) => g(&world, checker.last_read(), &ran),
                None => None,
            },
        };
        let Some(action) = next else { break };
        let mut stop = false;
        match checker.step(&mut world, &action) {
            Ok((_, found)) => {
                stop = found.iter().any(matters);
                out.violations.extend(found);
            }
            // An unknown name is bad input for a script, but only a rejected step here.
            Err(e) if e.downcast_ref::<crate::step::UnknownName>().is_some() => {}
            Err(e) => return Err(e),
        }
        ran.push(action);
        if options.coverage {
            let (edges, operands) = world.take_coverage();
            out.edges.extend(edges);
            out.operands.extend(operands);
            out.step_edges.push(out.edges.len());
        }
        if stop {
            break;
        }
    }
    out.steps = ran.len();
    if options.drain && !out.violations.iter().any(matters) {
        out.violations
            .extend(checker.finish_with(&mut world, options.exit)?);
    }
    out.hit = out.violations.iter().any(matters);
    Ok((ran, out))
}
