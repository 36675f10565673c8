//! Running a script with every invariant checked after every step and the quiescent ones
//! at the end.

use anyhow::Result;
use invariants::Violation;

use crate::action::Action;
use crate::checker::Checker;
use crate::designs::{fresh_world, DesignId};
use crate::step::StepStatus;
use crate::world::World;

/// What a run produced.
#[derive(Debug, Default)]
pub struct RunReport {
    /// Each step's status, in order.
    pub statuses: Vec<StepStatus>,
    /// Every violation found (step 0 is genesis).
    pub violations: Vec<Violation>,
    /// How many of `violations` were found after the steps, once the queues were drained.
    pub after_drain: usize,
}

/// Runs `steps` on `world`, checking after every step, then drains and checks the
/// quiescent invariants. `on_step` sees each step as it ends.
pub fn run_steps(
    world: &mut World,
    steps: &[Action],
    mut on_step: impl FnMut(usize, &Action, &StepStatus, &World, &[Violation]),
) -> Result<RunReport> {
    let (mut checker, mut violations) = Checker::new(world)?;
    let mut report = RunReport::default();
    for (i, action) in steps.iter().enumerate() {
        let (status, found) = checker.step(world, action)?;
        on_step(i + 1, action, &status, world, &found);
        report.statuses.push(status);
        violations.extend(found);
    }
    let drained = checker.finish(world)?;
    report.after_drain = drained.len();
    violations.extend(drained);
    report.violations = violations;
    Ok(report)
}

/// Runs `steps` on a fresh world of `design`.
pub fn run_design(design: DesignId, steps: &[Action]) -> Result<RunReport> {
    let mut world = fresh_world(design)?;
    run_steps(&mut world, steps, |_, _, _, _, _| {})
}
