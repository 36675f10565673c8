//! Running one sequence from the genesis snapshot: every step checked, coverage taken,
//! quiescent invariants checked after a drain. Fuzzer-chosen actions never panic: a bad
//! name or an impossible step is a rejected step, and the sequence goes on.

use alloy_primitives::U256;
use anyhow::Result;
use invariants::Violation;

use crate::action::Action;
use crate::checker::Checker;
use crate::world::{World, WorldSnapshot};

/// Asked for the next step of a generated sequence, with the world as it is and the
/// step's index; `None` ends the sequence.
pub type Generator<'a> = &'a mut dyn FnMut(&World, usize) -> Option<Action>;

/// What one sequence did.
#[derive(Debug, Default)]
pub struct Execution {
    /// Violations, in order (the first is the one a failure is about).
    pub violations: Vec<Violation>,
    /// Edge slots hit.
    pub edges: Vec<u16>,
    /// Comparison operands seen.
    pub operands: Vec<U256>,
    /// Steps run (a sequence stops at its first violation).
    pub steps: usize,
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

/// Runs `steps`, or generates them: when `generate` is given, it is asked for each next
/// step (with the world as it is) until it returns `None`. Stops at the first violation
/// unless `keep_going`; checks quiescent invariants at the end with `drain`.
pub fn execute(
    start: &Start,
    steps: &mut Vec<Action>,
    mut generate: Option<Generator<'_>>,
    coverage: bool,
    drain: bool,
) -> Result<Execution> {
    let mut world = World::from_snapshot(&start.snapshot);
    world.set_coverage(coverage);
    let mut checker = start.checker.clone();
    let mut out = Execution {
        violations: start.genesis_violations.clone(),
        ..Execution::default()
    };
    let mut i = 0;
    loop {
        let action = if i < steps.len() {
            steps[i].clone()
        } else if let Some(g) = generate.as_mut() {
            match g(&world, i) {
                Some(a) => {
                    steps.push(a.clone());
                    a
                }
                None => break,
            }
        } else {
            break;
        };
        i += 1;
        let mut new_failure = false;
        match checker.step(&mut world, &action) {
            Ok((_, found)) => {
                // An invariant already broken at genesis fires again after every step;
                // only a newly broken one ends the sequence.
                new_failure = found.iter().any(|v| {
                    !start
                        .genesis_violations
                        .iter()
                        .any(|g| g.invariant == v.invariant)
                });
                out.violations.extend(found);
            }
            // An unknown name is bad input for a script, but only a rejected step here.
            Err(e) if e.downcast_ref::<crate::step::UnknownName>().is_some() => {}
            Err(e) => return Err(e),
        }
        if coverage {
            let (edges, operands) = world.take_coverage();
            out.edges.extend(edges);
            out.operands.extend(operands);
        }
        if new_failure {
            break;
        }
    }
    out.steps = i;
    steps.truncate(i);
    let broken_anew = out.violations.iter().any(|v| {
        !start
            .genesis_violations
            .iter()
            .any(|g| g.invariant == v.invariant)
    });
    if !broken_anew && drain {
        out.violations.extend(checker.finish(&mut world)?);
    }
    Ok(out)
}
