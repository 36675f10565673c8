//! Mutating a corpus sequence: insert, delete, splice, change an action's arguments, or
//! reorder bridge deliveries (the ordering bugs a fixed schedule never tries).

use super::generate::{self, Callable, Ctx, Dictionary};
use super::rng::Rng;
use crate::action::Action;
use alloy_primitives::{Bytes, U256};

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

/// Changes one amount-like word of raw call data in place, keeping the rest: the
/// function, its addresses and any nested message stay as the corpus found them. Words are
/// looked for where ABI encoding puts them, in the call itself (offset 4 + 32k) and in call
/// data nested in it as a `bytes` argument (offset 8 + 32k). Returns false if there was
/// no such word.
fn mutate_amount_word(rng: &mut Rng, data: &mut Bytes, dict: &Dictionary) -> bool {
    let limit = U256::from(1) << 128;
    let word_at = |d: &[u8], at: usize| U256::from_be_slice(&d[at..at + 32]);
    let candidates: Vec<usize> = (4..data.len().saturating_sub(31))
        .filter(|at| at % 32 == 4 || at % 32 == 8)
        .filter(|at| {
            let w = word_at(data, *at);
            !w.is_zero() && w <= limit
        })
        .collect();
    if candidates.is_empty() {
        return false;
    }
    let at = *rng.pick(&candidates);
    let old = word_at(data, at);
    let one = U256::from(1);
    let new = match rng.below(6) {
        0 if !dict.values.is_empty() => *rng.pick(&dict.values),
        1 if !dict.values.is_empty() => rng.pick(&dict.values).saturating_add(one),
        2 => old.saturating_add(one),
        3 => old.saturating_sub(one),
        4 => old.saturating_mul(U256::from(2)),
        _ => old / U256::from(2),
    };
    let mut bytes = data.to_vec();
    bytes[at..at + 32].copy_from_slice(&new.to_be_bytes::<32>());
    *data = bytes.into();
    true
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
                if let Some(a) = out[at].lpt_amount_mut() {
                    *a = generate::amount(rng, dict);
                } else if let Action::Call { data, .. } = &mut out[at] {
                    if !mutate_amount_word(rng, data, dict) {
                        out[at] = generate::action(rng, ctx, dict, calls);
                    }
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
