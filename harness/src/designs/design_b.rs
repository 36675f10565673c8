//! Design B, minting on L1 only (the thread's alternative, later LIP-74): the L1 Minter
//! mints each L1 round's rewards at a rate steered by an oracle's report of L2 stake, and
//! bridges them to an L2 reward pool; L2 `reward()` mints nothing and pays out the pool.
//! Liquid LPT moves on a plain escrow bridge; stake migrates as in design A.
//!
//! ## Genesis (what every design B sequence starts from)
//! 1. As design A: both chains at `T0`, L1 at block 1,000, the cast funded. L2 rounds are
//!    10 L1 blocks; one L1 round spans N = 7 of them (70 blocks), both counted in L1 blocks.
//! 2. L1: token, the `OracleMinter` (delegating to the BondingManager, as before the
//!    upgrade), BondingManager (70-block rounds), the Arbitrum stand-ins, the
//!    `L1EscrowGateway`, the `L2StakeOracle` (reports stay fresh for an hour) and the L1
//!    Migrator. L2: token, the `RewardPoolMinter` (the L2 Minter: reward pool, custody, and
//!    the gateway's only way to mint), StakingManager, L2 gateway, L2 Migrator, ArbSys.
//! 3. The legacy L1 history all designs share, with L1's 70-block rounds.
//! 4. The upgrade: the L1 Minter's delegates become none (L1 `reward()` stops minting), it
//!    is connected to the oracle, the gateway and the L2 pool, and governance appoints the
//!    reporter.
//! 5. orchestrator1 migrates to itself on L2 and registers; delegator1 deposits 500 LPT.
//! 6. The first oracle round: the reporter reports the L2 stake and orchestrator2 starts the
//!    next L1 round; its rewards ticket is delivered, so the pool starts with one round's
//!    rewards that no L2 round has paid yet.

use alloy_primitives::{Address, Log, U256};
use alloy_sol_types::{SolCall, SolValue};
use anyhow::{anyhow, bail, Result};
use invariants::authority::REPORTERS;
use invariants::view::{
    Book, ChainView, Channel, Frame, Params, PolicyReading, PoolBooks, RoleSet,
};

use super::deploy::{self, ticket_cost, Deployer, ROUND_LENGTH, TICKET_GAS_PRICE, TICKET_MAX_GAS};
use super::{gateway, Carried, Design, DesignId, Role};
use crate::action::Action;
use crate::actors::Actor;
use crate::amount::{Amount, Base};
use crate::bindings::*;
use crate::bridge::{Relayer, Ticket, DEFAULT_CHALLENGE_PERIOD};
use crate::chain::ChainId::{self, L1, L2};
use crate::compile::Artifacts;
use crate::designs::draw::{pick, Draw};
use crate::step::StepStatus;
use crate::world::World;

/// L2 rounds per L1 round (the thread's example: a 7-day L1 round over 1-day L2 rounds).
pub const L2_ROUNDS_PER_L1_ROUND: u64 = 7;
/// Blocks per L1 round.
pub const L1_ROUND_LENGTH: u64 = ROUND_LENGTH * L2_ROUNDS_PER_L1_ROUND;
/// Seconds an oracle report stays fresh (about four L1 rounds).
pub const ORACLE_MAX_AGE: u64 = 3_600;

/// Design B.
pub struct DesignB;

fn selector(signature: &str) -> [u8; 4] {
    let h = alloy_primitives::keccak256(signature);
    [h[0], h[1], h[2], h[3]]
}

impl Design for DesignB {
    fn id(&self) -> DesignId {
        DesignId::B
    }

    fn summary(&self) -> &'static str {
        "L1 mints all inflation at a rate steered by an oracle's L2 stake report; rewards are bridged to an L2 pool"
    }

    fn role_name(&self, chain: ChainId, role: Role) -> Option<&'static str> {
        Some(match (chain, role) {
            (L1, Role::Oracle) => "L2StakeOracle",
            (_, Role::Oracle | Role::Derivative | Role::Escrow) => return None,
            _ => return super::design_a::DesignA.role_name(chain, role),
        })
    }

    fn genesis(&self, artifacts: &Artifacts) -> Result<World> {
        genesis(artifacts)
    }

    fn params(&self) -> Params {
        Params {
            oracle_max_age: ORACLE_MAX_AGE,
            l2_rounds_per_l1_round: L2_ROUNDS_PER_L1_ROUND,
            ..deploy::params(invariants::view::Design::B)
        }
    }

    fn reporters(&self) -> Vec<Address> {
        vec![Actor::Reporter.address()]
    }

    fn escrow_chain(&self) -> ChainId {
        L1
    }

    fn escrowed_by(&self, log: &Log) -> Option<U256> {
        gateway::deposit_event(log)
    }

    fn decode_ticket(&self, book: &Book, t: &Ticket) -> Carried {
        let carried = gateway::deposit_ticket(book, t);
        let reward = carried.lpt > U256::ZERO
            && IL2Gateway::finalizeInboundTransferCall::abi_decode(&t.data)
                .is_ok_and(|c| c.from == book.l1_minter && c.to == book.l2_minter);
        if reward {
            // The round's rewards, for the pool: no actor owns them yet.
            return Carried {
                channel: Channel::Reward,
                valid: true,
                owner: Some(book.l1_minter),
                ..carried
            };
        }
        carried
    }

    fn is_inflation(&self, book: &Book, on_l1: bool, stack: &[Frame]) -> bool {
        static START_ROUND: std::sync::LazyLock<[u8; 4]> =
            std::sync::LazyLock::new(|| selector("startRound()"));
        // L2 never inflates in design B: a mint there is a deposit or it is unbacked. On L1
        // the round mint is inflation, and so (by its path, as in design A) is a legacy
        // reward mint, which invariant 7 reports as unauthorised after the upgrade.
        on_l1
            && (stack
                .iter()
                .any(|f| f.target == book.l1_minter && f.selector == *START_ROUND)
                || super::design_a::through_create_reward(stack, book.l1_minter))
    }

    fn has_action(&self, action: &Action) -> bool {
        !action.is_design_specific()
            || gateway::is_gateway_action(action)
            || matches!(
                action,
                Action::StartRound { .. } | Action::ReportStake { .. }
            )
    }

    fn run_action(&self, world: &mut World, action: &Action) -> Result<StepStatus> {
        if let Some(status) = gateway::run_action(world, action) {
            return status;
        }
        match action {
            Action::StartRound { actor } => world.call_as(
                L1,
                *actor,
                Role::Minter,
                &IOracleMinter::startRoundCall {},
                ticket_cost(),
            ),
            Action::ReportStake { actor, amount } => {
                let token = world.role(L1, Role::Token);
                let stake = world.resolve(amount, *actor, L1, token)?;
                let report = IL2StakeOracle::reportCall { stake };
                world.call_as(L1, *actor, Role::Oracle, &report, U256::ZERO)
            }
            _ => bail!("design b cannot run {action}"),
        }
    }

    fn read_extras(&self, world: &mut World, chain: ChainId, view: &mut ChainView) -> Result<()> {
        match chain {
            L1 => {
                let minter = world.role(L1, Role::Minter);
                let oracle = world.role(L1, Role::Oracle);
                let c = world.chain(L1);
                let reporters = c.view_cached(oracle, &IL2StakeOracle::getReportersCall {})?;
                view.roles.push(RoleSet {
                    what: REPORTERS.to_string(),
                    holders: reporters,
                });
                view.policy = Some(PolicyReading {
                    inflation: c.view_cached(minter, &IOracleMinter::inflationCall {})?,
                    oracle_stake: c.view_cached(oracle, &IL2StakeOracle::reportedStakeCall {})?,
                    oracle_reported_at: c
                        .view_cached(oracle, &IL2StakeOracle::reportedAtCall {})?
                        .saturating_to(),
                });
            }
            L2 => {
                let pool = world.role(L2, Role::Minter);
                let c = world.chain(L2);
                view.pool = Some(PoolBooks {
                    received: c.view_cached(pool, &IRewardPool::receivedCall {})?,
                    distributed: c.view_cached(pool, &IRewardPool::distributedCall {})?,
                });
            }
        }
        Ok(())
    }

    fn propose(&self, draw: &mut dyn Draw) -> Option<Action> {
        if !draw.chance(6) {
            return None;
        }
        Some(if draw.chance(50) {
            Action::StartRound {
                actor: draw.actor(),
            }
        } else {
            // Mostly the appointed reporter with the true figure; sometimes anyone, and
            // sometimes any figure: the bounds must hold whoever reports whatever.
            let actor = if draw.chance(80) {
                Actor::Reporter
            } else {
                draw.actor()
            };
            let amount = if draw.chance(70) {
                Amount::Relative(Base::L2Stake, *pick(draw, &[-1i64, 0, 0, 1]))
            } else {
                draw.amount()
            };
            Action::ReportStake { actor, amount }
        })
    }
}

/// Deploys design B from `artifacts` and runs its genesis (see the module docs).
pub fn genesis(artifacts: &Artifacts) -> Result<World> {
    let gov = Actor::Governor.address();
    let mut d = Deployer::new(artifacts);
    let (mut l1, mut l2) = deploy::chains();
    let gas = (U256::from(TICKET_MAX_GAS), U256::from(TICKET_GAS_PRICE));

    let (legacy, arb) = d.legacy_l1(
        (&mut l1, &mut l2),
        "Livepeer Token (L1)",
        ("OracleMinter", gas.abi_encode_params()),
        L1_ROUND_LENGTH,
    )?;
    let (l1_token, l1_minter, bonding) = (legacy.token, legacy.minter, legacy.bonding);
    let l1_gateway = d.deploy(
        &mut l1,
        "L1EscrowGateway",
        "L1Gateway",
        (l1_token, arb.inbox, arb.bridge, gov).abi_encode_params(),
    )?;
    let oracle = d.deploy(
        &mut l1,
        "L2StakeOracle",
        "L2StakeOracle",
        (l1_token, l1_gateway, U256::from(ORACLE_MAX_AGE), gov).abi_encode_params(),
    )?;
    d.deploy(&mut l1, "WorldLens", "L1Lens", Vec::new())?;
    let l1_migrator_at = gov.create(l1.nonce(gov));

    let l2_token = d.deploy(
        &mut l2,
        "LivepeerToken",
        "L2Token",
        ("Livepeer Token (L2)".to_string(), gov).abi_encode_params(),
    )?;
    let pool = d.deploy(
        &mut l2,
        "RewardPoolMinter",
        "L2Minter",
        (l2_token, gov, U256::from(L2_ROUNDS_PER_L1_ROUND)).abi_encode_params(),
    )?;
    let base = gateway::PairBase {
        l1_token,
        bonding,
        l1_gateway,
        l2_token,
        l2_minter: pool,
        l1_migrator_at,
    };
    let path = gateway::deploy_stake_path(&mut d, (&mut l1, &mut l2), &base)?;
    let (staking, l2_gateway, l1_migrator) = (path.staking, path.l2_gateway, path.l1_migrator);

    let relayer = Relayer::new(arb, DEFAULT_CHALLENGE_PERIOD);
    let mut w = World::from_parts(DesignId::B, l1, l2, relayer, d.book);

    // Wiring, as before the upgrade.
    deploy::wire_legacy_l1(&mut w, &legacy, &arb)?;
    gateway::wire_l1(&mut w, &base, &path)?;
    deploy::grant(&mut w, L2, l2_token, "MINTER_ROLE", pool)?;
    deploy::grant(&mut w, L2, l2_token, "BURNER_ROLE", l2_gateway)?;
    let connect = IRewardPool::connectCall {
        staking,
        gateway: l2_gateway,
        l1Minter: l1_minter,
    };
    deploy::govern(&mut w, L2, pool, &connect)?;
    gateway::wire_l2_stake_path(&mut w, &base, &path)?;

    deploy::l1_history(&mut w, l1_token, bonding, L1_ROUND_LENGTH)?;

    // The upgrade: L1 reward() stops minting; rounds are started through the oracle.
    deploy::govern(
        &mut w,
        L1,
        l1_minter,
        &IMinter::setDelegatesCall { list: vec![] },
    )?;
    let connect = IOracleMinter::connectCall {
        oracle,
        gateway: l1_gateway,
        l2RewardPool: pool,
    };
    deploy::govern(&mut w, L1, l1_minter, &connect)?;
    let reporters = IL2StakeOracle::setReportersCall {
        list: DesignB.reporters(),
    };
    deploy::govern(&mut w, L1, oracle, &reporters)?;

    // orchestrator1 moves to L2 and registers; delegator1 bridges some LPT.
    deploy::gateway_first_movers(&mut w, &legacy, (l1_migrator, l1_gateway), staking)?;

    // The first oracle round: report, start the L1 round, deliver its rewards. Nothing is
    // paid out yet, so the checker's count of payouts starts from zero.
    w.advance_blocks(L1_ROUND_LENGTH);
    let l2_staked = w.view(L2, staking, &IStaking::totalBondedCall {})?;
    let report = IL2StakeOracle::reportCall { stake: l2_staked };
    w.send_ok(L1, Actor::Reporter.address(), oracle, &report, U256::ZERO)?;
    let start = IOracleMinter::startRoundCall {};
    w.send_ok(
        L1,
        Actor::Orchestrator2.address(),
        l1_minter,
        &start,
        ticket_cost(),
    )?;
    deploy::deliver(&mut w, "genesis reward ticket")?;
    let received = w.view(L2, pool, &IRewardPool::receivedCall {})?;
    if received.is_zero() {
        return Err(anyhow!("genesis: the first round bridged no rewards"));
    }
    w.advance_blocks(1);
    w.begin_step();
    Ok(w)
}
