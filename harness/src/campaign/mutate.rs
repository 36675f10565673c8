//! Mutating a corpus sequence: insert, delete, splice, change an action's arguments, or
//! reorder bridge deliveries (the ordering bugs a fixed schedule never tries).

use super::generate::{self, Callable, Ctx, Dictionary};
use super::rng::Rng;
use crate::action::Action;
use crate::amount::Amount;

fn is_bridge(a: &Action) -> bool {
    matches!(
        a,
        Action::DeliverTicket { .. }
            | Action::FailAutoRedeem { .. }
            | Action::Redeem { .. }
            | Action::Cancel { .. }
            | Action::ExecuteOutbox { .. }
            | Action::Advance { .. }
    )
}

fn amount_of(a: &mut Action) -> Option<&mut Amount> {
    match a {
        Action::Bond { amount, .. }
        | Action::Unbond { amount, .. }
        | Action::Deposit { amount, .. }
        | Action::Withdraw { amount, .. }
        | Action::Transfer { amount, .. }
        | Action::Approve { amount, .. } => Some(amount),
        _ => None,
    }
}

/// One mutation of `seq`; `other` is another corpus entry for splicing. `world` is the
/// genesis context, for generating inserted actions.
pub fn mutate(
    rng: &mut Rng,
    seq: &[Action],
    other: &[Action],
    ctx: Ctx<'_>,
    dict: &Dictionary,
    calls: &[Callable],
    max_len: usize,
) -> Vec<Action> {
    let mut out = seq.to_vec();
    let rounds = 1 + rng.below(3);
    for _ in 0..rounds {
        match rng.below(6) {
            0 if out.len() < max_len => {
                let at = rng.below(out.len() + 1);
                out.insert(at, generate::action(rng, ctx, dict, calls));
            }
            1 if out.len() > 1 => {
                out.remove(rng.below(out.len()));
            }
            2 if !other.is_empty() => {
                let cut = rng.below(out.len() + 1);
                let from = rng.below(other.len());
                out.truncate(cut);
                out.extend_from_slice(&other[from..]);
            }
            3 if !out.is_empty() => {
                let at = rng.below(out.len());
                if let Some(a) = amount_of(&mut out[at]) {
                    *a = generate::amount(rng, dict);
                } else {
                    out[at] = generate::action(rng, ctx, dict, calls);
                }
            }
            4 => {
                let bridge: Vec<usize> = (0..out.len()).filter(|i| is_bridge(&out[*i])).collect();
                if bridge.len() >= 2 {
                    let a = *rng.pick(&bridge);
                    let b = *rng.pick(&bridge);
                    out.swap(a, b);
                }
            }
            _ if out.len() < max_len => out.push(generate::action(rng, ctx, dict, calls)),
            _ => {}
        }
    }
    out.truncate(max_len);
    out
}
