//! Per-user value (catalogue 14).

use alloy_primitives::U256;

use crate::view::{Checkpoint, Design, TicketStatus};
use crate::{violation, Invariant, Kind, View, Violation};

/// Each actor's value in `view`, in actor order: liquid (LPT, and in design C LPT′) +
/// bonded + unbonding LPT on both chains, plus the LPT of gateway tickets (pending, failed or lost) and unexecuted
/// gateway messages addressed to it; in design D less the frozen L1 positions that have
/// already migrated to L2, and for a delegator not yet migrated whose orchestrator's pool
/// holds its stake on L2, its share of that pool (`⌊stake · frozen / remaining⌋`, what the
/// pool will pay it, rewards the pool earned included) in place of its frozen stake. Lost
/// tickets stay counted: losing one is a liveness matter (15, 17), reported there rather
/// than as theft.
pub fn actor_values(view: &View) -> Vec<U256> {
    let n = view.now.l1.accounts.len().saturating_sub(1);
    (0..n)
        .map(|i| {
            let address = view.now.l1.accounts[i].address;
            let tickets: U256 = view
                .tickets
                .iter()
                .filter(|t| t.status != TicketStatus::Redeemed && t.beneficiary_of_value == address)
                .map(|t| t.lpt)
                .sum();
            let messages: U256 = view
                .messages
                .iter()
                .filter(|m| m.executions == 0 && m.recipient == address)
                .map(|m| m.lpt)
                .sum();
            // Design D: a frozen L1 position that has migrated still shows on L1, but
            // lives on L2 now; count it once.
            let migrated = view
                .now
                .l2
                .frozen_migrated
                .get(i)
                .copied()
                .unwrap_or_default();
            let (share, frozen) = pool_share(view, i);
            (view.now.l1.accounts[i].lpt()
                + view.now.l2.accounts[i].lpt()
                + tickets
                + messages
                + share)
                .saturating_sub(migrated + frozen)
        })
        .collect()
}

/// Design D: for actor `i`, if its frozen L1 delegation has not migrated and its
/// orchestrator's pool stands for it, (its share of the pool's L2 stake, its frozen stake):
/// the pool, not L1, holds what it will be paid. (0, 0) otherwise.
fn pool_share(view: &View, i: usize) -> (U256, U256) {
    pool_share_in(&view.now, i)
}

/// [`pool_share`] in `chains`.
fn pool_share_in(chains: &crate::view::Chains, i: usize) -> (U256, U256) {
    let l2 = &chains.l2;
    let Some(a) = chains.l1.accounts.get(i) else {
        return (U256::ZERO, U256::ZERO);
    };
    if l2.delegation_migrated.get(i).copied().unwrap_or(true) || a.delegate == a.address {
        return (U256::ZERO, U256::ZERO);
    }
    let Some(pool) = l2.pools.iter().find(|p| p.orchestrator == a.delegate) else {
        return (U256::ZERO, U256::ZERO);
    };
    let remaining = pool.initial.saturating_sub(pool.claimed);
    if remaining.is_zero() || a.stake > remaining {
        return (U256::ZERO, U256::ZERO);
    }
    (pool.stake * a.stake / remaining, a.stake)
}

/// **14. No loss, no theft.** Across one step, an actor's value (see [`actor_values`])
/// decreases only if the actor signed the step (or had approved its signer), and the
/// actors' total value grows by at most what the protocol paid out in the step (the
/// inflation minted in it, and in design B the rewards the L2 pool paid, minted on L1 in an
/// earlier round) plus what reached them from outside the protocol
/// ([`crate::view::Ghost::step_outside_inflow`]: LPT someone had left at an address the
/// protocol does not keep, such as the L1 Bridge, which pays out whatever an L2 message
/// asks), plus rounding dust the protocol already held ([`realizable_dust`]).
///
/// Why the dust. A stake is read as `floor(bond * crf / crf0)`, so each position's reading
/// hides a fraction of a wei that its pool already counts as delegated (and its Minter
/// already custodies). A reward raises every reading of a pool at once, and each reading
/// may then cross one more whole wei than its exact share: three delegators of one
/// orchestrator can gain one wei more, together, than the reward shared
/// (`corpus/design_c/finding-reward-pays-one-wei-more.json`). That wei is not new value, so
/// this check allows it; whether the pools can pay every reading is
/// [`StakeFullyBacked`]'s to say, at every step.
pub struct NoLossNoTheft;

/// How much value a step can realize out of rounding dust: under one wei for each position
/// whose stake reading rose in the step (only a reading can cross a hidden fraction), and
/// never more than the stake the chains counted as bonded but no actor's reading showed
/// before it. A step that moves no stake realizes none.
pub fn realizable_dust(v: &View) -> U256 {
    let hidden = |chain: &crate::view::ChainView| {
        let shown: U256 = chain.accounts.iter().map(|a| a.stake).sum();
        chain.total_bonded.saturating_sub(shown)
    };
    let risen = |before: &crate::view::ChainView, now: &crate::view::ChainView| {
        now.accounts
            .iter()
            .zip(&before.accounts)
            .filter(|(n, b)| n.stake > b.stake)
            .count()
    };
    let positions = risen(&v.before.l1, &v.now.l1) + risen(&v.before.l2, &v.now.l2);
    let (pool_positions, pool_hidden) = pool_dust(v);
    (hidden(&v.before.l1) + hidden(&v.before.l2) + pool_hidden)
        .min(U256::from(positions + pool_positions))
}

/// Design D: the same for delegator pools. Each unmigrated delegator's share is read as
/// `⌊stake · frozen / remaining⌋`, so a pool holds, before the step, the fractions its
/// shares hide; a reward or another delegator's claim may lift each share across one more
/// whole wei. (How many shares there are, what the pools hid before the step.)
fn pool_dust(v: &View) -> (usize, U256) {
    let n = v.now.l1.accounts.len().saturating_sub(1);
    let shared: Vec<(usize, U256)> = (0..n)
        .filter_map(|i| {
            let (share, frozen) = pool_share_in(&v.before, i);
            (!frozen.is_zero()).then_some((i, share))
        })
        .collect();
    let hidden = v
        .before
        .l2
        .pools
        .iter()
        .map(|p| {
            let shown: U256 = shared
                .iter()
                .filter(|(i, _)| v.before.l1.accounts[*i].delegate == p.orchestrator)
                .map(|(_, s)| *s)
                .sum();
            p.stake.saturating_sub(shown)
        })
        .sum();
    (shared.len(), hidden)
}

impl Invariant for NoLossNoTheft {
    fn name(&self) -> &'static str {
        "no-loss-no-theft"
    }
    fn number(&self) -> u8 {
        14
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "an actor's value falls only by its own action; total value grows by at most what the step paid out, plus rounding dust already held"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        if v.value_before.is_empty() || v.quiescent() {
            return Ok(());
        }
        let after = actor_values(v);
        for (i, (a, b)) in after.iter().zip(&v.value_before).enumerate() {
            let address = v.now.l1.accounts[i].address;
            if a < b && v.step.sender != Some(address) && !v.step.approvers.contains(&address) {
                return Err(violation(
                    self,
                    v,
                    format!("{address} lost value in a step it did not sign"),
                    ("value after", *a),
                    ("value before", *b),
                ));
            }
        }
        let total_after: U256 = after.iter().copied().sum();
        let total_before: U256 = v.value_before.iter().copied().sum();
        let paid_out = v.ghost.step_inflation + v.ghost.step_rewards + v.ghost.step_outside_inflow;
        if total_after > total_before + paid_out + realizable_dust(v) {
            return Err(violation(
                self,
                v,
                "the actors gained more value than the step paid out",
                ("total value after", total_after),
                (
                    "before + inflation + rewards + outside + dust",
                    total_before + paid_out + realizable_dust(v),
                ),
            ));
        }
        Ok(())
    }
}

/// 14, quiescent half made always. **Every position is fully withdrawable:** on each
/// chain, every account's position can be read (a position whose own views revert cannot
/// be claimed or withdrawn), and the stake and unbonding LPT owed to every account read is
/// covered by the LPT the Minter custodies. In design B the L2 Minter is also the reward
/// pool, so there the cover is its balance less the rewards bridged and not yet paid.
pub struct StakeFullyBacked;

impl Invariant for StakeFullyBacked {
    fn name(&self) -> &'static str {
        "stake-fully-backed"
    }
    fn number(&self) -> u8 {
        14
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "every position is readable, and stake + unbonding owed <= LPT custodied by the Minter"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        // Design B's reward pool shares the L2 Minter's balance; elsewhere it is zero.
        let pool = v
            .ghost
            .rewards_bridged
            .saturating_sub(v.ghost.rewards_distributed);
        // Design D's L1 is frozen: its positions are claims on the L2 Migrator, not on an L1
        // custodian (the exit checks they come home whole).
        let chains: &[(&str, &crate::view::ChainView, U256)] = match v.params.design {
            Design::D => &[("L2", &v.now.l2, pool)],
            _ => &[("L1", &v.now.l1, U256::ZERO), ("L2", &v.now.l2, pool)],
        };
        for (name, chain, reserved) in chains.iter().copied() {
            if let Some(a) = chain.accounts.iter().find(|a| !a.readable) {
                return Err(violation(
                    self,
                    v,
                    format!(
                        "{name} staking views revert for {}: its position cannot be withdrawn",
                        a.address
                    ),
                    ("stored bond", a.bonded),
                    ("readable stake", U256::ZERO),
                ));
            }
            let owed: U256 = chain.accounts.iter().map(|a| a.stake + a.unbonding).sum();
            let cover = chain.custody.saturating_sub(reserved);
            if owed > cover {
                return Err(violation(
                    self,
                    v,
                    format!("{name} owes more stake than its Minter holds"),
                    ("stake + unbonding owed", owed),
                    ("custody", cover),
                ));
            }
        }
        Ok(())
    }
}

/// 14, quiescent form. **Value comes home.** After draining, every actor can take its whole
/// value on the chain away from the design's home back home: unbond all its stake there,
/// wait out the unbonding period, withdraw its locks, bridge its liquid LPT home, and let
/// the queues drain. Afterwards its value is what it was (nothing lost, nothing gained),
/// it holds no stake and no lock away from home, and, unless governance closed the way by
/// pausing the outbound gateway, no liquid LPT away from home either.
pub struct ValueComesHome;

impl Invariant for ValueComesHome {
    fn name(&self) -> &'static str {
        "value-comes-home"
    }
    fn number(&self) -> u8 {
        14
    }
    fn kind(&self) -> Kind {
        Kind::Quiescent
    }
    fn statement(&self) -> &'static str {
        "after draining, every actor can bring its whole value home: same value, nothing left staked or liquid away"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let Some(exit) = v
            .exit
            .as_ref()
            .filter(|_| v.checkpoint == Some(Checkpoint::Exited))
        else {
            return Ok(());
        };
        let after = actor_values(v);
        let away = if exit.home_l1 { &v.now.l2 } else { &v.now.l1 };
        for (i, (a, b)) in after.iter().zip(&exit.values_before).enumerate() {
            let address = v.now.l1.accounts[i].address;
            if a != b {
                return Err(violation(
                    self,
                    v,
                    format!("{address}'s value changed on its way home"),
                    ("value at home", *a),
                    ("value before", *b),
                ));
            }
            let left = &away.accounts[i];
            let migrated = v.now.l2.frozen_migrated.get(i).copied().unwrap_or_default();
            let stuck = (left.stake + left.unbonding).saturating_sub(migrated);
            let liquid = if exit.way_closed {
                U256::ZERO
            } else {
                left.balance + left.derivative
            };
            if stuck + liquid > U256::ZERO {
                return Err(violation(
                    self,
                    v,
                    format!("{address} could not bring its value home"),
                    ("LPT left away", stuck + liquid),
                    ("expected", U256::ZERO),
                ));
            }
        }
        Ok(())
    }
}
