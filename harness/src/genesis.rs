//! A genesis that reverts is a finding. A design's genesis deploys and wires its contracts
//! and plays the legacy history; when one of those transactions is refused by the contracts
//! (a seeded bug that breaks deployment, or a project whose wiring is wrong), that is
//! reported as a violation of `genesis-completes` at step 0, naming the refused call, with
//! exit 1 like any other violation. Anything else that stops a genesis (a compile error, a
//! missing contract) stays a tool error.

use anyhow::Result;
use invariants::{Kind, Violation};

use crate::chain::TxFailed;
use crate::world::World;

/// The catalogue name of the invariant a reverting genesis breaks.
pub const INVARIANT: &str = "genesis-completes";

/// The violation `error` stands for, if it is a transaction the contracts refused.
pub fn violation(error: &anyhow::Error) -> Option<Violation> {
    error.chain().find_map(|c| c.downcast_ref::<TxFailed>())?;
    Some(Violation {
        invariant: INVARIANT.to_string(),
        kind: Kind::Always,
        step: 0,
        lhs_label: "refused genesis transactions".into(),
        lhs: alloy_primitives::U256::from(1),
        rhs_label: "expected".into(),
        rhs: alloy_primitives::U256::ZERO,
        detail: format!("the genesis was refused: {error:#}"),
    })
}

/// Sorts a world built from a genesis: the world, a violation if the genesis reverted,
/// or the error if something else went wrong.
pub fn outcome(world: Result<World>) -> Result<Result<World, Violation>> {
    match world {
        Ok(w) => Ok(Ok(w)),
        Err(e) => match violation(&e) {
            Some(v) => Ok(Err(v)),
            None => Err(e),
        },
    }
}
