//! Shrinking a failing sequence while the same invariant, of the same kind, still fails:
//! remove actions (one at a time, from the end), merge consecutive time jumps, then simplify
//! amounts toward small round values. Each try is a full replay from genesis.

use anyhow::Result;
use invariants::{Kind, Violation};

use super::execute::{execute, Options, Start};
use crate::action::{Action, Clock};
use crate::amount::Amount;

/// How many replays shrinking may spend.
pub const BUDGET: usize = 400;

fn same_failure(start: &Start, steps: &[Action], target: &(String, Kind)) -> Result<bool> {
    let mut s = steps.to_vec();
    // Hunt the target: a shorter sequence may break another invariant on the way, and
    // that must not hide the one being kept.
    let options = Options {
        coverage: false,
        drain: true,
        exit: true,
        hunt: Some(&target.0),
    };
    let ex = execute(start, &mut s, None, options)?;
    Ok(ex
        .violations
        .iter()
        .any(|v| v.invariant == target.0 && v.kind == target.1))
}

fn simpler(a: &Amount) -> Vec<Amount> {
    let lpt = crate::amount::lpt;
    match a {
        Amount::Wei(w) => [alloy_primitives::U256::from(1), lpt(1), lpt(100)]
            .into_iter()
            .filter(|v| v < w)
            .map(Amount::Wei)
            .collect(),
        Amount::Relative(b, o) if *o != 0 => vec![Amount::Relative(*b, 0)],
        _ => Vec::new(),
    }
}

/// Shrinks `steps`, which end in `violation`. Returns the shortest sequence found.
pub fn shrink(start: &Start, steps: &[Action], violation: &Violation) -> Result<Vec<Action>> {
    let target = (violation.invariant.clone(), violation.kind);
    let mut best = steps.to_vec();
    let mut budget = BUDGET;

    // Remove actions, last first, until a whole pass removes nothing.
    loop {
        let mut changed = false;
        let mut i = best.len();
        while i > 0 && budget > 0 {
            i -= 1;
            let mut candidate = best.clone();
            candidate.remove(i);
            budget -= 1;
            if same_failure(start, &candidate, &target)? {
                best = candidate;
                changed = true;
            }
        }
        if !changed || budget == 0 {
            break;
        }
    }

    // Merge consecutive time jumps of the same clock.
    let mut i = 0;
    while i + 1 < best.len() && budget > 0 {
        if let (
            Action::Advance {
                clock: a,
                seconds: s,
            },
            Action::Advance {
                clock: b,
                seconds: t,
            },
        ) = (&best[i], &best[i + 1])
        {
            if a == b || *b == Clock::Both && *a == Clock::Both {
                let mut candidate = best.clone();
                candidate[i] = Action::Advance {
                    clock: *a,
                    seconds: s + t,
                };
                candidate.remove(i + 1);
                budget -= 1;
                if same_failure(start, &candidate, &target)? {
                    best = candidate;
                    continue;
                }
            }
        }
        i += 1;
    }

    // Simplify amounts.
    for i in 0..best.len() {
        let Some(current) = best[i].clone().lpt_amount_mut().map(|a| *a) else {
            continue;
        };
        for smaller in simpler(&current) {
            if budget == 0 {
                break;
            }
            let mut candidate = best.clone();
            if let Some(a) = candidate[i].lpt_amount_mut() {
                *a = smaller;
            }
            budget -= 1;
            if same_failure(start, &candidate, &target)? {
                best = candidate;
                break;
            }
        }
    }
    Ok(best)
}
