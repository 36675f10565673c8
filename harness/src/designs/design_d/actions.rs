//! What design D's actions call: the L1 Migrator's entry points (signed for an owner when
//! asked, with a real EIP-712 signature), `claimStake` with a real Merkle proof, the bulk
//! transfers, the data cache, the gateways, and Livepeer's own staking, fee and round
//! calls where they differ from the shared staking core's. Also the exit's steps, design
//! D's extra reads, and its extras for a campaign.

use alloy_primitives::{keccak256, Address, Bytes, U256};
use alloy_sol_types::{SolCall, SolValue};
use anyhow::Result;
use invariants::view::{CacheState, ChainView, Chains, PoolState};

use super::bindings::*;
use super::deploy;
use crate::action::Action;
use crate::actors::Actor;
use crate::chain::ChainId::{self, L1, L2};
use crate::designs::draw::{pick, Draw, Holding};
use crate::designs::ticket_price::{self, TicketPrice};
use crate::designs::{account, Role};
use crate::step::StepStatus;
use crate::world::World;

fn call<C: SolCall>(
    w: &mut World,
    chain: ChainId,
    actor: Actor,
    to: Address,
    c: &C,
    value: U256,
) -> Result<StepStatus> {
    let outcome = w.send(chain, actor.address(), to, c, value)?;
    Ok(crate::step::status_of(&outcome))
}

/// The EIP-712 domain the L1 Migrator signs under: `("Livepeer L1Migrator", "1")` on L1's
/// chain, verified by the L1 Migrator at `migrator`. The harness computes digests itself
/// rather than asking the contract, so that it needs nothing beyond the deployed interface.
fn l1_migrator_domain(migrator: Address) -> alloy_sol_types::Eip712Domain {
    alloy_sol_types::Eip712Domain::new(
        Some("Livepeer L1Migrator".into()),
        Some("1".into()),
        Some(U256::from(ChainId::L1.number())),
        Some(migrator),
        None,
    )
}

/// `owner`'s EIP-712 signature of `struct_hash` under the L1 Migrator's domain, when
/// `signed`; empty otherwise.
fn signature(w: &World, owner: Actor, struct_hash: alloy_primitives::B256, signed: bool) -> Bytes {
    if !signed {
        return Bytes::new();
    }
    let domain = l1_migrator_domain(w.addr(L1, "L1Migrator")).hash_struct();
    let digest = keccak256([&[0x19, 0x01][..], &domain[..], &struct_hash[..]].concat());
    owner.sign(digest)
}

/// Sends the L1 call `build` makes for a ticket price, paying what an honest client pays
/// for the tickets it sends (see [`ticket_price`]).
fn send_priced<C: SolCall>(
    w: &mut World,
    actor: Actor,
    to: Address,
    build: impl Fn(&TicketPrice) -> C,
) -> Result<StepStatus> {
    let from = actor.address();
    let price = ticket_price::honest(w, from, to, |p| build(p).abi_encode().into())?;
    call(w, L1, actor, to, &build(&price), price.value())
}

/// Runs one of design D's own actions (and migrate, deposit, withdraw).
pub fn run(w: &mut World, action: &Action) -> Result<StepStatus> {
    let migrator = w.addr(L1, "L1Migrator");
    match action {
        Action::Migrate { actor, dest } => run(
            w,
            &Action::MigrateDelegator {
                actor: *actor,
                owner: *actor,
                l2: *dest,
                signed: false,
            },
        ),
        Action::MigrateDelegator {
            actor,
            owner,
            l2,
            signed,
        } => {
            let hash = keccak256(
                (
                    keccak256("MigrateDelegator(address l1Addr,address l2Addr)"),
                    owner.address(),
                    l2.address(),
                )
                    .abi_encode(),
            );
            let sig = signature(w, *owner, hash, *signed);
            send_priced(w, *actor, migrator, |p| IL1Migrator::migrateDelegatorCall {
                l1Addr: owner.address(),
                l2Addr: l2.address(),
                sig: sig.clone(),
                maxGas: p.max_gas,
                gasPriceBid: p.gas_price_bid,
                maxSubmissionCost: p.max_submission_cost,
            })
        }
        Action::MigrateLocks {
            actor,
            owner,
            l2,
            locks,
            signed,
        } => {
            let ids: Vec<U256> = locks.iter().map(|l| U256::from(*l)).collect();
            let packed: Vec<u8> = ids.iter().flat_map(|i| i.to_be_bytes::<32>()).collect();
            let hash = keccak256(
                (
                    keccak256("MigrateUnbondingLocks(address l1Addr,address l2Addr,uint256[] unbondingLockIds)"),
                    owner.address(),
                    l2.address(),
                    keccak256(packed),
                )
                    .abi_encode(),
            );
            let sig = signature(w, *owner, hash, *signed);
            send_priced(w, *actor, migrator, |p| {
                IL1Migrator::migrateUnbondingLocksCall {
                    l1Addr: owner.address(),
                    l2Addr: l2.address(),
                    unbondingLockIds: ids.clone(),
                    sig: sig.clone(),
                    maxGas: p.max_gas,
                    gasPriceBid: p.gas_price_bid,
                    maxSubmissionCost: p.max_submission_cost,
                }
            })
        }
        Action::MigrateSender {
            actor,
            owner,
            l2,
            signed,
        } => {
            let hash = keccak256(
                (
                    keccak256("MigrateSender(address l1Addr,address l2Addr)"),
                    owner.address(),
                    l2.address(),
                )
                    .abi_encode(),
            );
            let sig = signature(w, *owner, hash, *signed);
            send_priced(w, *actor, migrator, |p| IL1Migrator::migrateSenderCall {
                l1Addr: owner.address(),
                l2Addr: l2.address(),
                sig: sig.clone(),
                maxGas: p.max_gas,
                gasPriceBid: p.gas_price_bid,
                maxSubmissionCost: p.max_submission_cost,
            })
        }
        Action::ClaimStake {
            actor,
            new_delegate,
        } => {
            let (leaves, tree) = deploy::snapshot(w)?;
            let me = actor.address();
            let (leaf, proof) = match leaves.iter().position(|l| l.delegator == me) {
                Some(i) => (leaves[i], tree.proof(i)),
                // Not in the snapshot: claim nothing, with no proof (refused).
                None => (
                    super::snapshot::Leaf {
                        delegator: me,
                        delegate: Address::ZERO,
                        stake: U256::ZERO,
                        fees: U256::ZERO,
                    },
                    Vec::new(),
                ),
            };
            let c = IL2Migrator::claimStakeCall {
                delegate: leaf.delegate,
                stake: leaf.stake,
                fees: leaf.fees,
                proof,
                newDelegate: new_delegate.map(Actor::address).unwrap_or_default(),
            };
            let to = w.addr(L2, "L2Migrator");
            call(w, L2, *actor, to, &c, U256::ZERO)
        }
        Action::MigrateBulk { actor, eth: true } => {
            send_priced(w, *actor, migrator, |p| IL1Migrator::migrateETHCall {
                maxGas: p.max_gas,
                gasPriceBid: p.gas_price_bid,
                maxSubmissionCost: p.max_submission_cost,
            })
        }
        Action::MigrateBulk { actor, eth: false } => {
            send_priced(w, *actor, migrator, |p| IL1Migrator::migrateLPTCall {
                maxGas: p.max_gas,
                gasPriceBid: p.gas_price_bid,
                maxSubmissionCost: p.max_submission_cost,
            })
        }
        Action::CacheSupply { actor } => {
            let cache = w.addr(L1, "L1LPTDataCache");
            send_priced(w, *actor, cache, |p| {
                IL1LPTDataCache::cacheTotalSupplyCall {
                    maxGas: p.max_gas,
                    gasPriceBid: p.gas_price_bid,
                    maxSubmissionCost: p.max_submission_cost,
                }
            })
        }
        Action::Deposit { actor, to, amount } => {
            let token = w.role(L1, Role::Token);
            let amount = w.resolve(amount, *actor, L1, token)?;
            let gateway = w.role(L1, Role::Gateway);
            let approve = crate::bindings::ILivepeerToken::approveCall {
                spender: gateway,
                amount,
            };
            call(w, L1, *actor, token, &approve, U256::ZERO)?;
            send_priced(w, *actor, gateway, |p| {
                IL1LPTGateway::outboundTransferCall {
                    l1Token: token,
                    to: to.address(),
                    amount,
                    maxGas: p.max_gas,
                    gasPriceBid: p.gas_price_bid,
                    data: (p.max_submission_cost, Bytes::new())
                        .abi_encode_params()
                        .into(),
                }
            })
        }
        Action::Withdraw { actor, to, amount } => {
            let token = w.role(L2, Role::Token);
            let amount = w.resolve(amount, *actor, L2, token)?;
            let gateway = w.role(L2, Role::Gateway);
            // Livepeer's token burns with the burner role and the holder's allowance.
            let approve = crate::bindings::ILivepeerToken::approveCall {
                spender: gateway,
                amount,
            };
            call(w, L2, *actor, token, &approve, U256::ZERO)?;
            let l1_token = w.role(L1, Role::Token);
            let c = IL2LPTGateway::outboundTransferCall {
                l1Token: l1_token,
                to: to.address(),
                amount,
                data: Bytes::new(),
            };
            call(w, L2, *actor, gateway, &c, U256::ZERO)
        }
        other => anyhow::bail!("design d cannot run {other}"),
    }
}

/// Livepeer's own way of the shared actions whose contracts differ from the shared staking
/// core: registration (`transcoder`), rewards (which need the round started), fees (won
/// tickets, withdrawn to a recipient), and pausing a gateway. `None` for the others.
pub fn run_staking(w: &mut World, action: &Action) -> Option<Result<StepStatus>> {
    // Livepeer's staking refuses to act in a round nobody started; whoever acts first in a
    // round starts it, as the protocol lets anyone.
    if let Action::Bond {
        actor, chain: L2, ..
    }
    | Action::Unbond {
        actor, chain: L2, ..
    }
    | Action::Rebond {
        actor, chain: L2, ..
    }
    | Action::RebondFromUnbonded {
        actor, chain: L2, ..
    }
    | Action::WithdrawStake {
        actor, chain: L2, ..
    } = action
    {
        if let Err(e) = start_round(w, *actor) {
            return Some(Err(e));
        }
        return None;
    }
    Some(match action {
        Action::RegisterOrchestrator {
            actor,
            chain,
            reward_cut,
            fee_share,
        } => {
            let c = ILivepeerBonding::transcoderCall {
                rewardCut: U256::from(*reward_cut),
                feeShare: U256::from(*fee_share),
            };
            let to = w.role(*chain, Role::Staking);
            call(w, *chain, *actor, to, &c, U256::ZERO)
        }
        Action::Reward { actor, chain } => (|| {
            if *chain == L2 {
                start_round(w, *actor)?;
            }
            let to = w.role(*chain, Role::Staking);
            call(
                w,
                *chain,
                *actor,
                to,
                &ILivepeerBonding::rewardCall {},
                U256::ZERO,
            )
        })(),
        Action::WithdrawFees { actor, chain } => {
            let bonding = w.role(*chain, Role::Staking);
            let fees = w
                .view(
                    *chain,
                    bonding,
                    &ILivepeerBonding::pendingFeesCall {
                        delegator: actor.address(),
                        endRound: U256::MAX,
                    },
                )
                .unwrap_or_default();
            let c = ILivepeerBonding::withdrawFeesCall {
                recipient: actor.address(),
                amount: fees,
            };
            call(w, *chain, *actor, bonding, &c, U256::ZERO)
        }
        Action::PayFees {
            actor,
            chain,
            orchestrator,
            amount,
        } => (|| {
            // A broadcaster's deposit pays a winning ticket the orchestrator redeems.
            let value = amount.resolve(|_| Ok(U256::ZERO))?;
            let (broker, rounds) = (
                w.addr(*chain, &format!("{chain}TicketBroker")),
                w.addr(*chain, &format!("{chain}RoundsManager")),
            );
            if *chain == L2 {
                start_round(w, *actor)?;
            }
            let funded = call(
                w,
                *chain,
                *actor,
                broker,
                &ITicketBroker::fundDepositCall {},
                value,
            )?;
            if !funded.is_ok() {
                return Ok(funded);
            }
            let nonce = w.relayer.tickets.len() as u64 + w.l2.block_number();
            let (ticket, sig, rand) = deploy::winning_ticket(
                w,
                *chain,
                (broker, rounds),
                (*actor, *orchestrator),
                value,
                nonce,
            )?;
            let redeem = ITicketBroker::redeemWinningTicketCall {
                ticket,
                sig,
                recipientRand: rand,
            };
            call(w, *chain, *orchestrator, broker, &redeem, U256::ZERO)
        })(),
        Action::SetPaused { chain, paused } => (|| {
            let gateway = w.role(*chain, Role::Gateway);
            let data = match (chain, paused) {
                (L1, true) => IL1LPTGateway::pauseCall {}.abi_encode(),
                (L1, false) => IL1LPTGateway::unpauseCall {}.abi_encode(),
                (L2, true) => IL2LPTGateway::pauseCall {}.abi_encode(),
                (L2, false) => IL2LPTGateway::unpauseCall {}.abi_encode(),
            };
            let outcome = w.send_raw(
                *chain,
                Actor::Governor.address(),
                gateway,
                data.into(),
                U256::ZERO,
            )?;
            Ok(crate::step::status_of(&outcome))
        })(),
        _ => return None,
    })
}

/// Starts L2's current round on `actor`'s behalf if nobody has (anyone may, and an
/// orchestrator about to reward does).
pub fn start_round(w: &mut World, actor: Actor) -> Result<()> {
    let rounds = w.addr(L2, "L2RoundsManager");
    let started: bool = w.view(L2, rounds, &ILivepeerRounds::currentRoundInitializedCall {})?;
    if !started {
        call(
            w,
            L2,
            actor,
            rounds,
            &ILivepeerRounds::initializeRoundCall {},
            U256::ZERO,
        )?;
    }
    Ok(())
}

/// The exit's steps for `actor`: migrate its frozen delegation and every unmigrated lock by
/// message (as itself), and deposit its liquid L1 LPT to L2.
pub fn go_home(w: &mut World, now: &Chains, actor: Actor) -> Result<Vec<Action>> {
    let mut out = Vec::new();
    let Some(l1) = account(now, L1, actor).cloned() else {
        return Ok(out);
    };
    let l2_migrator = w.addr(L2, "L2Migrator");
    let bonding = w.addr(L1, "L1BondingManager");
    let a = actor.address();
    let migrated: bool = w.view(
        L2,
        l2_migrator,
        &IL2Migrator::migratedDelegatorsCall { l1Addr: a },
    )?;
    if !migrated && !l1.stake.is_zero() {
        out.push(Action::MigrateDelegator {
            actor,
            owner: actor,
            l2: actor,
            signed: false,
        });
    }
    let d = w.view(
        L1,
        bonding,
        &ILivepeerBonding::getDelegatorCall { delegator: a },
    )?;
    let mut locks = Vec::new();
    for id in 0..d.nextUnbondingLockId.saturating_to::<u64>() {
        let lock = w.view(
            L1,
            bonding,
            &ILivepeerBonding::getDelegatorUnbondingLockCall {
                delegator: a,
                unbondingLockId: U256::from(id),
            },
        )?;
        let done: bool = w.view(
            L2,
            l2_migrator,
            &IL2Migrator::migratedUnbondingLocksCall {
                l1Addr: a,
                id: U256::from(id),
            },
        )?;
        if !lock.amount.is_zero() && !done {
            locks.push(id);
        }
    }
    if !locks.is_empty() {
        out.push(Action::MigrateLocks {
            actor,
            owner: actor,
            l2: actor,
            locks,
            signed: false,
        });
    }
    if !l1.balance.is_zero() {
        out.push(Action::Deposit {
            actor,
            to: actor,
            amount: crate::amount::Amount::Relative(crate::amount::Base::Balance, 0),
        });
    }
    Ok(out)
}

/// Design D's figures of L2 (see `invariants::view::ChainView`): what of each actor's frozen
/// L1 position has migrated, the delegator pools, and the data cache.
pub fn read_l2_extras(w: &mut World, view: &mut ChainView) -> Result<()> {
    let l2_migrator = w.addr(L2, "L2Migrator");
    let l1_bonding = w.addr(L1, "L1BondingManager");
    let l2_bonding = w.addr(L2, "L2BondingManager");
    let max = U256::MAX;
    view.frozen_migrated = Vec::with_capacity(Actor::ALL.len());
    view.delegation_migrated = Vec::with_capacity(Actor::ALL.len());
    view.pools.clear();
    for actor in Actor::ALL {
        let a = actor.address();
        let mut moved = U256::ZERO;
        let migrated: bool = w.l2.view_cached(
            l2_migrator,
            &IL2Migrator::migratedDelegatorsCall { l1Addr: a },
        )?;
        view.delegation_migrated.push(migrated);
        if migrated {
            moved += w.l1.view_cached(
                l1_bonding,
                &ILivepeerBonding::pendingStakeCall {
                    delegator: a,
                    endRound: max,
                },
            )?;
        }
        let d = w.l1.view_cached(
            l1_bonding,
            &ILivepeerBonding::getDelegatorCall { delegator: a },
        )?;
        for id in 0..d.nextUnbondingLockId.saturating_to::<u64>() {
            let id = U256::from(id);
            let done: bool = w.l2.view_cached(
                l2_migrator,
                &IL2Migrator::migratedUnbondingLocksCall { l1Addr: a, id },
            )?;
            if done {
                let lock = w.l1.view_cached(
                    l1_bonding,
                    &ILivepeerBonding::getDelegatorUnbondingLockCall {
                        delegator: a,
                        unbondingLockId: id,
                    },
                )?;
                moved += lock.amount;
            }
        }
        view.frozen_migrated.push(moved);
        let pool: Address =
            w.l2.view_cached(l2_migrator, &IL2Migrator::delegatorPoolsCall { l1Addr: a })?;
        if pool != Address::ZERO {
            view.pools.push(PoolState {
                orchestrator: a,
                pool,
                initial: w
                    .l2
                    .view_cached(pool, &IDelegatorPool::initialStakeCall {})?,
                claimed: w
                    .l2
                    .view_cached(pool, &IDelegatorPool::claimedInitialStakeCall {})?,
                stake: w.l2.view_cached(
                    l2_bonding,
                    &ILivepeerBonding::pendingStakeCall {
                        delegator: pool,
                        endRound: max,
                    },
                )?,
                fees: w.l2.view_cached(
                    l2_bonding,
                    &ILivepeerBonding::pendingFeesCall {
                        delegator: pool,
                        endRound: max,
                    },
                )?,
            });
        }
    }
    // What the L2 Minter counts as L1's supply, read as the Minter reads it: through the
    // deployed protocol's own view, whatever the data cache behind it keeps.
    let minter = w.addr(L2, "L2Minter");
    let global =
        w.l2.view_cached(minter, &ILivepeerMinter::getGlobalTotalSupplyCall {})?;
    view.cache = Some(CacheState {
        l1_circulating: global.saturating_sub(view.supply),
    });
    Ok(())
}

/// One of design D's own actions, a quarter of the time: migrations by the owner or, signed,
/// by someone else (to the same L2 address mostly, now and then another), lock lists empty,
/// repeated or real, claims against the snapshot, the bulk transfers and supply reports.
pub fn propose(draw: &mut dyn Draw) -> Option<Action> {
    if !draw.chance(25) {
        return None;
    }
    let owner = draw.holder(Holding::Stake(L1));
    let actor = if draw.chance(70) { owner } else { draw.actor() };
    let l2 = if draw.chance(85) { owner } else { draw.actor() };
    let signed = actor != owner && draw.chance(80);
    Some(match draw.below(10) {
        0..=3 => Action::MigrateDelegator {
            actor,
            owner,
            l2,
            signed,
        },
        4 | 5 => {
            let n = draw.below(4);
            let mut locks: Vec<u64> = (0..n).map(|_| draw.below(3) as u64).collect();
            if draw.chance(30) {
                locks.sort_unstable();
                locks.dedup();
            }
            Action::MigrateLocks {
                actor,
                owner,
                l2,
                locks,
                signed,
            }
        }
        6 => Action::MigrateSender {
            actor,
            owner: if draw.chance(60) {
                Actor::Broadcaster
            } else {
                owner
            },
            l2,
            signed,
        },
        7 => Action::ClaimStake {
            actor: owner,
            new_delegate: draw.chance(30).then(|| *pick(draw, &Actor::ORCHESTRATORS)),
        },
        8 => Action::MigrateBulk {
            actor: draw.actor(),
            eth: draw.chance(50),
        },
        _ => Action::CacheSupply {
            actor: draw.actor(),
        },
    })
}
