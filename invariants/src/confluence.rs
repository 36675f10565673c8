//! Design D's migration invariants (catalogue 10–13 and 19 in LIP-73's form).
//!
//! In design D nothing leaves L1: L1 is frozen, and a migration is a message carrying what
//! the frozen protocol holds of an address, which the L2 Migrator pays out of LPT and ETH
//! bridged to it in bulk. What must hold is that each frozen position is paid once, in full,
//! to its owner, and that the delegator pools and the L1 supply cache that stand between
//! keep honest books. The harness reads the frozen L1 position itself (see
//! [`crate::view::Frozen`]), so every check below compares the contracts with L1 as it is,
//! not with what a message claims.

use std::collections::BTreeMap;

use alloy_primitives::{Address, U256};

use crate::view::{Finalized, MigrationKind};
use crate::{violation, Invariant, Kind, View, Violation};

/// **10. Exactly once, design D.** Each L1 address's delegation migrates at most once,
/// whichever path it takes (a message, or `claimStake` against the snapshot); each of its
/// unbonding locks at most once; each broadcaster's deposit and reserve at most once.
pub struct MigratedOnceD;

impl Invariant for MigratedOnceD {
    fn name(&self) -> &'static str {
        "migrated-once"
    }
    fn number(&self) -> u8 {
        10
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "each delegation (message or claim), unbonding lock and sender migrates at most once"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        if let Some(f) = v.confluence.finalized.iter().find(|f| f.again) {
            return Err(violation(
                self,
                v,
                format!(
                    "{:?} migration of {} (locks {:?}) was credited on L2 a second time",
                    f.kind, f.l1, f.locks
                ),
                ("credited again", f.stake),
                ("allowed", U256::ZERO),
            ));
        }
        Ok(())
    }
}

/// The L2 stake credited to each L2 address by this step's migrations: a delegation's or
/// locks' stake, or, for a delegator whose orchestrator has a pool, what the pool paid it.
fn stake_credited(v: &View) -> BTreeMap<Address, U256> {
    let mut credited = BTreeMap::new();
    for f in &v.confluence.finalized {
        let amount = match f.kind {
            MigrationKind::Sender => continue,
            MigrationKind::Delegator | MigrationKind::Claim => v
                .confluence
                .pool_claims
                .iter()
                .find(|c| c.delegator == f.l2)
                .map_or(f.stake, |c| c.stake),
            MigrationKind::Locks => f.stake,
        };
        *credited.entry(f.l2).or_insert(U256::ZERO) += amount;
    }
    credited
}

fn frozen_mismatch(f: &Finalized) -> Option<(&'static str, U256, U256)> {
    let delegation = matches!(f.kind, MigrationKind::Delegator | MigrationKind::Claim);
    if (delegation || f.kind == MigrationKind::Locks) && f.stake != f.frozen.stake {
        return Some(("stake", f.stake, f.frozen.stake));
    }
    if (delegation || f.kind == MigrationKind::Locks) && f.delegate != f.frozen.delegate {
        return Some((
            "delegate",
            U256::from_be_slice(f.delegate.as_slice()),
            U256::from_be_slice(f.frozen.delegate.as_slice()),
        ));
    }
    None
}

/// **11. Amount preserved, design D.** A finalised delegation or lock migration carries
/// exactly what the frozen L1 protocol holds of its L1 address: the pending stake (rewards
/// included) and delegate, or the total of the named locks. The L2 address it credits then
/// gains exactly that in L2 stake, or, where its orchestrator's pool pays it, exactly the
/// pool's payout (which [`PoolsPayProRata`] checks). An orchestrator's pool starts with
/// exactly the stake delegated to it on L1, less its own and less what its delegators who
/// migrated before it were credited directly.
pub struct AmountPreservedD;

impl Invariant for AmountPreservedD {
    fn name(&self) -> &'static str {
        "amount-preserved"
    }
    fn number(&self) -> u8 {
        11
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "a migration carries the frozen L1 stake and delegate, and L2 stake grows by exactly that (or the pool's payout)"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        for f in &v.confluence.finalized {
            if let Some((what, carried, frozen)) = frozen_mismatch(f) {
                return Err(violation(
                    self,
                    v,
                    format!(
                        "the {:?} migration of {} carried a {what} other than its frozen L1 {what}",
                        f.kind, f.l1
                    ),
                    ("carried", carried),
                    ("frozen on L1", frozen),
                ));
            }
            if let Some(pool) = &f.pool {
                let owed = f
                    .frozen
                    .delegated
                    .saturating_sub(f.frozen.stake)
                    .saturating_sub(f.direct_before);
                if pool.initial != owed {
                    return Err(violation(
                        self,
                        v,
                        format!(
                            "{}'s pool does not start with the stake its unmigrated delegators froze with it",
                            f.l1
                        ),
                        ("pool initial stake", pool.initial),
                        ("delegated - own - already credited", owed),
                    ));
                }
            }
        }
        for (l2, credited) in stake_credited(v) {
            let (Some(now), Some(before)) = (v.now.l2.account(l2), v.before.l2.account(l2)) else {
                continue;
            };
            let grown = now.stake.saturating_sub(before.stake);
            if grown != credited || now.stake < before.stake {
                return Err(violation(
                    self,
                    v,
                    format!("{l2}'s L2 stake did not grow by what its migration credited"),
                    ("L2 stake growth", grown),
                    ("credited", credited),
                ));
            }
        }
        Ok(())
    }
}

/// **12. Fees paid once, design D.** A finalised delegation carries exactly the pending ETH
/// fees the frozen L1 protocol holds of its L1 address, and its L2 address is paid exactly
/// that in the step (plus, where its orchestrator's pool pays it, the pool's share of the
/// pool's fees); a migrated broadcaster is funded on L2 with exactly its frozen deposit and
/// reserve. (That this happens once is [`MigratedOnceD`].)
pub struct FeesPaidOnce;

impl Invariant for FeesPaidOnce {
    fn name(&self) -> &'static str {
        "fees-paid-once"
    }
    fn number(&self) -> u8 {
        12
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "a migration pays exactly the frozen L1 fees (a sender: deposit and reserve) on L2"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let c = &v.confluence;
        let mut owed: BTreeMap<Address, U256> = BTreeMap::new();
        for f in &c.finalized {
            match f.kind {
                MigrationKind::Delegator | MigrationKind::Claim => {
                    if f.fees != f.frozen.fees {
                        return Err(violation(
                            self,
                            v,
                            format!(
                                "the migration of {} carried fees other than its frozen L1 fees",
                                f.l1
                            ),
                            ("carried", f.fees),
                            ("frozen on L1", f.frozen.fees),
                        ));
                    }
                    let pool = c.pool_claims.iter().find(|p| p.delegator == f.l2);
                    *owed.entry(f.l2).or_insert(U256::ZERO) +=
                        f.fees + pool.map_or(U256::ZERO, |p| p.fees);
                }
                MigrationKind::Sender => {
                    let frozen = (f.frozen.stake, f.frozen.fees);
                    let funded = c
                        .funded
                        .iter()
                        .filter(|(a, _, _)| *a == f.l2)
                        .fold((U256::ZERO, U256::ZERO), |(d, r), (_, dd, rr)| {
                            (d + dd, r + rr)
                        });
                    if (f.stake, f.fees) != frozen || funded != frozen {
                        return Err(violation(
                            self,
                            v,
                            format!(
                                "broadcaster {} was funded on L2 with {funded:?} (carried {:?}), not its frozen deposit and reserve",
                                f.l1,
                                (f.stake, f.fees)
                            ),
                            ("funded deposit + reserve", funded.0 + funded.1),
                            ("frozen deposit + reserve", frozen.0 + frozen.1),
                        ));
                    }
                }
                MigrationKind::Locks => {}
            }
        }
        for (to, expected) in owed {
            let paid = c.paid_to(to);
            if paid != expected {
                return Err(violation(
                    self,
                    v,
                    format!("{to} was paid other than the fees its migration carried"),
                    ("ETH paid", paid),
                    ("owed", expected),
                ));
            }
        }
        Ok(())
    }
}

/// **13. Only the owner starts its migration, design D.** Every migration the L1 Migrator
/// starts was asked for by its L1 address itself, or carries that address's valid EIP-712
/// signature of exactly this migration (its L2 address, and for locks their ids). The
/// harness decides this from who signed the step and what it signed, never from the
/// contract.
pub struct MigrationAuthorised;

impl Invariant for MigrationAuthorised {
    fn name(&self) -> &'static str {
        "migration-authorised"
    }
    fn number(&self) -> u8 {
        13
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "every migration started on L1 was sent or signed by its L1 owner"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        if let Some(i) = v.confluence.initiated.iter().find(|i| !i.authorised) {
            return Err(violation(
                self,
                v,
                format!(
                    "a {:?} migration of {} to {} was started by {:?}, which neither is it nor holds its signature",
                    i.kind, i.l1, i.l2, v.step.sender
                ),
                ("unauthorised migrations", U256::from(1)),
                ("allowed", U256::ZERO),
            ));
        }
        Ok(())
    }
}

/// **15. Lock migrations name their locks, design D.** A lock migration started on L1 names
/// at least one lock and no lock twice: an empty list sends a message that migrates nothing
/// (the launch code allowed it), and a list naming a lock twice counts it twice on L1 and
/// is refused on L2, so its ticket can never complete.
pub struct LockListsWellFormed;

impl Invariant for LockListsWellFormed {
    fn name(&self) -> &'static str {
        "lock-lists-well-formed"
    }
    fn number(&self) -> u8 {
        15
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "a lock migration names at least one lock, and none twice"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        for i in &v.confluence.initiated {
            if i.kind != MigrationKind::Locks {
                continue;
            }
            let mut ids = i.locks.clone();
            ids.sort();
            ids.dedup();
            if i.locks.is_empty() || ids.len() != i.locks.len() {
                return Err(violation(
                    self,
                    v,
                    format!("{}'s lock migration named {:?}", i.l1, i.locks),
                    ("locks named", U256::from(i.locks.len())),
                    ("distinct", U256::from(ids.len())),
                ));
            }
        }
        Ok(())
    }
}

/// **19. Pools pay pro rata, design D.** A delegator pool pays a delegator claiming `s` of
/// the frozen stake it stands for exactly `⌊stake · s / remaining⌋` of its L2 stake and
/// `⌊fees · s / remaining⌋` of its fees, where `remaining = initial − claimed` and stake and
/// fees are the pool's just before the claim. So it never pays out more than it holds, and
/// `claimed ≤ initial` always.
pub struct PoolsPayProRata;

impl Invariant for PoolsPayProRata {
    fn name(&self) -> &'static str {
        "pools-pay-pro-rata"
    }
    fn number(&self) -> u8 {
        19
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "a pool pays floor(holding x claimed / remaining) of its stake and fees, and claimed <= initial"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        if let Some(p) = v.now.l2.pools.iter().find(|p| p.claimed > p.initial) {
            return Err(violation(
                self,
                v,
                format!(
                    "{}'s pool has paid out more than it stands for",
                    p.orchestrator
                ),
                ("claimed", p.claimed),
                ("initial", p.initial),
            ));
        }
        for c in &v.confluence.pool_claims {
            let (Some(before), Some(now)) = (
                v.before.l2.pools.iter().find(|p| p.pool == c.pool),
                v.now.l2.pools.iter().find(|p| p.pool == c.pool),
            ) else {
                continue;
            };
            let asked = now.claimed.saturating_sub(before.claimed);
            let remaining = before.initial.saturating_sub(before.claimed);
            let share = |holding: U256| {
                if remaining.is_zero() {
                    U256::ZERO
                } else {
                    holding * asked / remaining
                }
            };
            for (what, paid, holding) in [
                ("stake", c.stake, before.stake),
                ("fees", c.fees, before.fees),
            ] {
                if paid != share(holding) {
                    return Err(violation(
                        self,
                        v,
                        format!(
                            "{}'s pool paid {} a {what} share other than its pro-rata share ({asked} of {remaining} remaining, holding {holding})",
                            before.orchestrator, c.delegator
                        ),
                        ("paid", paid),
                        ("pro rata", share(holding)),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// **19. The supply cache is current, design D.** The L1 supply Livepeer's L2 Minter counts
/// as circulating on L1 (which its inflation base adds to L2 supply) is the L1 supply of the
/// newest report delivered so far less the L2 supply that came from L1, floored at zero. A
/// report delivered late, after a newer one, changes nothing. The newest report is the
/// harness's own count (the highest report ticket redeemed, with the L1 supply when it was
/// sent), and so is the supply from L1 (what the L2 gateway minted for deposits less what it
/// burned for withdrawals), so the check needs nothing of the cache but what the Minter
/// reads: a sequence number, or any other way a cache keeps order, is the implementation's.
pub struct SupplyCacheCurrent;

impl Invariant for SupplyCacheCurrent {
    fn name(&self) -> &'static str {
        "supply-cache-current"
    }
    fn number(&self) -> u8 {
        19
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "the L1 supply the L2 Minter counts = the newest delivered report's, never an older one's, less L2 supply from L1 (minted - burned by the gateway)"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let (Some(now), Some((ticket, reported))) = (v.now.l2.cache, v.ghost.newest_supply_report)
        else {
            return Ok(());
        };
        let expected = reported.saturating_sub(v.ghost.supply_from_l1);
        if now.l1_circulating != expected {
            return Err(violation(
                self,
                v,
                format!(
                    "the L2 Minter counts an L1 supply other than the newest report delivered (ticket #{ticket}, {reported}) less the {} L2 LPT that came from L1",
                    v.ghost.supply_from_l1
                ),
                ("L1 circulating, as the L2 Minter reads it", now.l1_circulating),
                ("newest report - supply from L1", expected),
            ));
        }
        Ok(())
    }
}

/// **3. Inflation bounded, design D.** One monetary policy over both chains: when the L2
/// Minter starts a round it may mint at most `inflation × global supply / 10^9`, where the
/// global supply is every LPT in circulation or in flight on either chain (`S2 + (S1 − E)
/// + in flight + D`, conservation's left side) just before the round's first mint, and a round
/// mints at most what its start allowed. A supply cache behind the truth only lowers what
/// may be minted; a cache ahead of it, or a miscounted L2 supply from L1, raises it.
/// Livepeer's Minter moves its rate each round towards the bonding target with no cap, so
/// unlike the other designs there is no `maxInflation` to hold the rate to.
pub struct InflationFollowsGlobalSupply;

/// Livepeer 0.8.9's Minter counts its inflation rate in parts per billion (`MathUtils`'s
/// `PERC_DIVISOR`): an `inflation()` of 1000 mints a millionth of the global supply a round.
const PERC_DIVISOR: u64 = 1_000_000_000;

impl Invariant for InflationFollowsGlobalSupply {
    fn name(&self) -> &'static str {
        "inflation-bounded"
    }
    fn number(&self) -> u8 {
        3
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "a round may mint at most inflation x global supply (both chains) at its start, and mints at most that"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        // LPT donated to the L1 Escrow backs nothing on L2: it is still L1 supply that has
        // not come over, as the cache counts it.
        let global = (crate::supply::circulating(v) + v.ghost.unsolicited)
            .saturating_sub(v.ghost.step_inflation);
        for (mintable, inflation) in &v.confluence.round_starts {
            let cap = global * inflation / U256::from(PERC_DIVISOR);
            if *mintable > cap {
                return Err(violation(
                    self,
                    v,
                    format!("the L2 Minter set a round's mintable above inflation ({inflation} ppb) x global supply"),
                    ("mintable", *mintable),
                    ("inflation x global supply", cap),
                ));
            }
        }
        let ledger = &v.ghost.rounds[1];
        if ledger.minted > v.ghost.l2_round_mintable {
            return Err(violation(
                self,
                v,
                format!(
                    "L2 round {:?} minted more than its start allowed",
                    ledger.round
                ),
                ("minted in round", ledger.minted),
                ("mintable", v.ghost.l2_round_mintable),
            ));
        }
        Ok(())
    }
}
