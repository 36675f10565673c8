//! Mutating a corpus sequence: insert, delete, splice, repeat a run of actions, change an
//! action's arguments, or reorder bridge deliveries (the ordering bugs a fixed schedule
//! never tries).

use super::generate::{self, Dictionary};
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

/// Changes one amount-like or address-like word of raw call data in place, keeping the
/// rest: the function and any nested message stay as the corpus found them. Words are
/// looked for where ABI encoding puts them, in the call itself (offset 4 + 32k) and in call
/// data nested in it as a `bytes` argument (offset 8 + 32k). An address becomes one some
/// contract compared with (a message that reached a token check, with the wrong token,
/// is one such change from passing it). Returns false if there was no such word.
fn mutate_word(rng: &mut Rng, data: &mut Bytes, dict: &Dictionary) -> bool {
    let limit = U256::from(1) << 128;
    let address_like = |w: &U256| w.bit_len() > 140 && w.bit_len() <= 160;
    let word_at = |d: &[u8], at: usize| U256::from_be_slice(&d[at..at + 32]);
    let candidates: Vec<usize> = (4..data.len().saturating_sub(31))
        .filter(|at| at % 32 == 4 || at % 32 == 8)
        .filter(|at| {
            let w = word_at(data, *at);
            !w.is_zero() && (w <= limit || (address_like(&w) && !dict.addresses.is_empty()))
        })
        .collect();
    if candidates.is_empty() {
        return false;
    }
    let at = *rng.pick(&candidates);
    let old = word_at(data, at);
    let one = U256::from(1);
    let new = match rng.below(6) {
        _ if address_like(&old) => rng.pick(&dict.addresses).into_word().into(),
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

/// One mutation of `seq`, as a plan for `execute::execute_plan`: `None` marks an action to
/// generate when the run reaches it, for the state it will then be in. `productive` are
/// the indices of `seq`'s steps that reached new coverage; `other` is another corpus entry
/// for splicing.
pub fn mutate(
    rng: &mut Rng,
    (seq, productive): (&[Action], &[usize]),
    other: &[Action],
    dict: &Dictionary,
    max_len: usize,
) -> Vec<Option<Action>> {
    let mut out: Vec<Option<Action>> = seq.iter().cloned().map(Some).collect();
    let rounds = 1 + rng.below(3);
    for _ in 0..rounds {
        match rng.below(8) {
            7 if !seq.is_empty() && out.len() < max_len => {
                // Have an actor do again, after a pause, what it did up to a step that
                // reached new ground when this sequence was kept (a step that hit a new edge
                // or comparison feature): its last few actions on that chain, in order. An
                // orchestrator that unbonds down to dust and then rewards moves its reward
                // factor somewhere new; only doing both again takes the factor further.
                let anchor = if productive.is_empty() {
                    rng.below(seq.len())
                } else {
                    *rng.pick(productive)
                };
                let who = (seq[anchor].actor(), seq[anchor].chain());
                let mine: Vec<&Action> = seq[..=anchor.min(seq.len() - 1)]
                    .iter()
                    .filter(|a| (a.actor(), a.chain()) == who)
                    .collect();
                let mut again: Vec<Option<Action>> = mine[mine.len().saturating_sub(4)..]
                    .iter()
                    .map(|a| Some((*a).clone()))
                    .collect();
                again.insert(
                    0,
                    Some(Action::Advance {
                        clock: crate::action::Clock::Both,
                        seconds: *rng.pick(&generate::SECONDS[..5]),
                    }),
                );
                out.extend(again);
            }
            6 if !out.is_empty() && out.len() < max_len => {
                // Repeat a short run of actions right after itself: what one reward, one
                // unbonding or one withdrawal did, twice over, is where accumulations
                // (a reward factor, an escrow drained by parts) go wrong.
                // Half the time after a pause: what may happen once per round happens
                // again only in the next one.
                let len = 1 + rng.below(4.min(out.len()));
                let from = rng.below(out.len() - len + 1);
                let mut run: Vec<Option<Action>> = out[from..from + len].to_vec();
                if rng.chance(50) {
                    run.insert(
                        0,
                        Some(Action::Advance {
                            clock: crate::action::Clock::Both,
                            seconds: *rng.pick(&generate::SECONDS[..5]),
                        }),
                    );
                }
                let at = from + len;
                out.splice(at..at, run);
            }
            0 if out.len() < max_len => {
                let at = rng.below(out.len() + 1);
                out.insert(at, None);
            }
            1 if out.len() > 1 => {
                out.remove(rng.below(out.len()));
            }
            2 if !other.is_empty() => {
                let cut = rng.below(out.len() + 1);
                let from = rng.below(other.len());
                out.truncate(cut);
                out.extend(other[from..].iter().cloned().map(Some));
            }
            3 if !out.is_empty() => {
                let at = rng.below(out.len());
                let changed = match &mut out[at] {
                    Some(a) => match a.lpt_amount_mut() {
                        Some(amount) => {
                            *amount = generate::amount(rng, dict);
                            true
                        }
                        None => match a {
                            Action::Call { data, .. } => mutate_word(rng, data, dict),
                            _ => false,
                        },
                    },
                    None => true,
                };
                if !changed {
                    out[at] = None;
                }
            }
            4 => {
                let bridge: Vec<usize> = (0..out.len())
                    .filter(|i| out[*i].as_ref().is_some_and(is_bridge))
                    .collect();
                if bridge.len() >= 2 {
                    let a = *rng.pick(&bridge);
                    let b = *rng.pick(&bridge);
                    out.swap(a, b);
                }
            }
            _ if out.len() < max_len => out.push(None),
            _ => {}
        }
    }
    out.truncate(max_len);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::Address;

    #[test]
    fn a_word_mutation_turns_an_address_into_a_compared_one_and_keeps_the_selector() {
        let wrong = Address::repeat_byte(0x11);
        let right = Address::repeat_byte(0x41);
        let mut data = vec![0xde, 0xad, 0xbe, 0xef];
        data.extend_from_slice(&wrong.into_word().0);
        let dict = Dictionary {
            addresses: vec![right],
            ..Dictionary::default()
        };
        let mut rng = Rng::new(1);
        let mut bytes: Bytes = data.into();
        assert!(mutate_word(&mut rng, &mut bytes, &dict));
        assert_eq!(&bytes[..4], &[0xde, 0xad, 0xbe, 0xef]);
        assert_eq!(&bytes[4..], right.into_word().as_slice());
        // With nothing compared yet, an address is left alone.
        let mut alone: Bytes = bytes.clone();
        assert!(!mutate_word(&mut rng, &mut alone, &Dictionary::default()));
    }
}
