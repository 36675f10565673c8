//! Sleep sets: a partial-order reduction that skips running an action where it is already
//! known to lead to a state the search reaches anyway.
//!
//! **Independence.** Two fixed letters are independent when they run on different chains
//! and neither talks to the other chain: each is one of the local actions below (staking,
//! fees, token approvals and transfers, pausing), and in the state where both were tried
//! neither created a ticket or an outbox message. Then each reads and writes only its own
//! chain's accounts; no step moves a clock or a block; the relayer is untouched. So from any
//! state `s`, `s·a·b` and `s·b·a` are the same chains, the same bridge, and the same checker
//! history (the ghost ledger only adds what each step did, which does not depend on the
//! other chain). Bridge letters, time letters, migrations, deposits, withdrawals, rewards
//! (which mint and, in some designs, report across) and generic calls are never
//! independent of anything.
//!
//! **Sleep sets.** Letters at a state are tried in a fixed order. The child reached by `a`
//! inherits a sleep set: the letters tried before `a` at its parent, and those in the
//! parent's own sleep set, that are independent of `a`. A letter in a state's sleep set is
//! not run there: `s·b·a` with `a` asleep equals `s·a·b`, which the search reaches through
//! `s·a` at the same depth.
//!
//! **Why no state is lost.** This is Godefroid's theorem for sleep sets, kept true with
//! state matching in two ways: the search is breadth-first, so every path of a state's
//! first depth arrives before the state is expanded and the state's sleep set is the
//! intersection of theirs (a letter sleeps only if it sleeps on every such path); and a
//! later, deeper arrival needs nothing, since a letter asleep at the first arrival leads to
//! a state first reached at no greater depth through the commuted path, and that state is
//! expanded there with more depth left. A test compares the states reached with and without
//! the reduction.
//!
//! **Why no violation is lost.** The skipped transition `s·b →a→ s·b·a` ends in a state the
//! search checks (it is `s·a·b`), and its step has the same effects as `s →a→ s·a`, which
//! is run and checked: `a`'s mints, burns, logs and value changes on its chain are the same
//! from `s` as from `s·b`, and the other chain reads the same before and after `a`. The
//! invariants that read a step (mint authority, value changes, authorised burns) see the
//! same step either way. A test checks a mutant's violations with and without the reduction.

use crate::action::Action;
use crate::chain::ChainId;

/// The chain a local action runs on, if the action is one that only ever touches its own
/// chain.
fn local_chain(action: &Action) -> Option<ChainId> {
    use Action::*;
    let local = matches!(
        action,
        Bond { .. }
            | Unbond { .. }
            | Rebond { .. }
            | RebondFromUnbonded { .. }
            | WithdrawStake { .. }
            | RegisterOrchestrator { .. }
            | PayFees { .. }
            | WithdrawFees { .. }
            | Approve { .. }
            | Transfer { .. }
            | SetPaused { .. }
    );
    action.chain().filter(|_| local)
}

/// Whether `a` and `b` commute by their kinds: local actions on different chains. The
/// explorer also requires that neither sent a message where it ran.
pub fn independent(a: &Action, b: &Action) -> bool {
    matches!((local_chain(a), local_chain(b)), (Some(x), Some(y)) if x != y)
}

/// The sleep set of the child reached by letter `a` (a fixed letter, `quiet` when it sent no
/// message): those of `candidates` (the parent's sleep set and the quiet fixed letters
/// tried before `a`) independent of `a`. Sorted.
pub fn child_sleep(fixed: &[Action], a: Option<u16>, quiet: bool, candidates: &[u16]) -> Vec<u16> {
    let Some(a) = a.filter(|_| quiet) else {
        return Vec::new();
    };
    let mut out: Vec<u16> = candidates
        .iter()
        .copied()
        .filter(|b| independent(&fixed[usize::from(a)], &fixed[usize::from(*b)]))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The intersection of two sorted sleep sets: a state first reached along several paths of
/// one depth sleeps only what every one of them sleeps.
pub fn meet(a: &[u16], b: &[u16]) -> Vec<u16> {
    a.iter()
        .copied()
        .filter(|x| b.binary_search(x).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::Actor;
    use crate::amount::Amount;

    #[test]
    fn only_local_actions_on_different_chains_commute() {
        let unbond = |chain| Action::Unbond {
            actor: Actor::Delegator1,
            chain,
            amount: Amount::Wei(1u64.try_into().unwrap()),
        };
        let reward = Action::Reward {
            actor: Actor::Orchestrator1,
            chain: ChainId::L2,
        };
        assert!(independent(&unbond(ChainId::L1), &unbond(ChainId::L2)));
        assert!(!independent(&unbond(ChainId::L1), &unbond(ChainId::L1)));
        assert!(!independent(&unbond(ChainId::L1), &reward));
        let fixed = vec![unbond(ChainId::L1), unbond(ChainId::L2), reward];
        assert_eq!(child_sleep(&fixed, Some(1), true, &[0, 2]), vec![0]);
        assert!(child_sleep(&fixed, Some(1), false, &[0, 2]).is_empty());
        assert_eq!(meet(&[0, 2, 5], &[2, 3, 5]), vec![2, 5]);
    }
}
