//! Design A, the proposal's own design: deployment and genesis.
//!
//! ## Genesis (what every design A sequence starts from)
//! 1. Both chains start at time `T0`; L1 at block 1,000. Rounds are 10 L1 blocks and the
//!    unbonding period is 7 rounds.
//! 2. L1: token, Minter (delegating to the BondingManager, as before the upgrade),
//!    BondingManager, the Arbitrum stand-ins, the L1 gateway and the L1 Migrator.
//!    L2: token, Minter (delegating to the L2 gateway and the StakingManager),
//!    StakingManager, L2 gateway, L2 Migrator, and ArbSys at 0x64.
//! 3. Genesis LPT on L1: 10,000 to each orchestrator, 5,000 to each delegator, 1,000 to
//!    the attacker. Every actor gets 1,000 ETH on L1 and 10 ETH on L2.
//! 4. Staking on L1: each orchestrator self-bonds 6,000 and registers (reward cuts 10%,
//!    25%, 50%; fee shares 50%, 40%, 75%). delegator1 → orchestrator1 3,000,
//!    delegator2 → orchestrator1 2,000, delegator3 → orchestrator2 4,000,
//!    delegator4 → orchestrator3 1,000. The broadcaster pays 1 ETH of fees to each
//!    orchestrator, and three rounds of rewards are minted on L1.
//! 5. The upgrade: the L1 Minter's delegates become the L1 gateway alone.
//! 6. orchestrator1 migrates to itself on L2 (ticket delivered) and registers there;
//!    delegator1 deposits 500 liquid LPT to L2 (ticket delivered). Other delegators of
//!    orchestrator1 stay delegated to it on L1, where it is now unregistered.

use alloy_primitives::{keccak256, Address, Bytes, U256};
use alloy_sol_types::SolValue;
use anyhow::{bail, Context, Result};

use crate::actors::Actor;
use crate::bindings::*;
use crate::bridge::{BridgeAddresses, Relayer, ARB_SYS, DEFAULT_CHALLENGE_PERIOD};
use crate::chain::{Chain, ChainId};
use crate::compile::Artifacts;
use crate::designs::{ContractBook, DesignId};
use crate::world::World;

/// Genesis time of both chains.
pub const T0: u64 = 1_700_000_000;
/// Genesis L1 block.
pub const L1_GENESIS_BLOCK: u64 = 1_000;
/// Blocks per round.
pub const ROUND_LENGTH: u64 = 10;
/// Rounds before an unbonding lock can be withdrawn.
pub const UNBONDING_PERIOD: u64 = 7;
/// Starting inflation per round, in parts per billion (0.1%).
pub const INFLATION: u64 = 1_000_000;
/// Inflation step per round, in parts per billion.
pub const INFLATION_CHANGE: u64 = 50_000;
/// Target bonding rate, in parts per billion (50%).
pub const TARGET_BONDING_RATE: u64 = 500_000_000;
/// Cap on inflation per round, in parts per billion (0.5%).
pub const MAX_INFLATION: u64 = 5_000_000;
/// L2 gas limit of deposit and migration tickets.
pub const TICKET_MAX_GAS: u64 = 1_000_000;
/// L2 gas price bid of deposit and migration tickets (1 gwei).
pub const TICKET_GAS_PRICE: u64 = 1_000_000_000;

/// What a deposit or migration must send with it to pay for its ticket.
pub fn ticket_cost() -> U256 {
    U256::from(TICKET_MAX_GAS) * U256::from(TICKET_GAS_PRICE)
}

/// `n` whole LPT in wei.
pub fn lpt(n: u64) -> U256 {
    U256::from(n) * U256::from(10).pow(U256::from(18))
}

/// `n` whole ETH in wei.
pub fn eth(n: u64) -> U256 {
    lpt(n)
}

/// The simulated rollup that posts L2 messages to the L1 outbox.
pub fn rollup_address() -> Address {
    Address::from_slice(&keccak256("crosscheck rollup")[12..])
}

fn deploy(
    chain: &mut Chain,
    book: &mut ContractBook,
    artifacts: &Artifacts,
    contract: &str,
    name: &str,
    args: Vec<u8>,
) -> Result<Address> {
    let compiled = artifacts.get(contract)?;
    let mut code = compiled.bytecode.to_vec();
    code.extend_from_slice(&args);
    let from = Actor::Governor.address();
    let address = chain
        .deploy(from, Bytes::from(code))
        .with_context(|| format!("deploying {name} on {}", chain.id()))?;
    book.insert(chain.id(), name, address);
    book.set_kind(chain.id(), name, contract);
    Ok(address)
}

/// Deploys design A from `artifacts` and runs its genesis (see the module docs).
pub fn genesis(artifacts: &Artifacts) -> Result<World> {
    use ChainId::{L1, L2};
    let gov = Actor::Governor.address();
    let mut book = ContractBook::default();
    let mut l1 = Chain::new(L1, T0);
    let mut l2 = Chain::new(L2, T0);
    l1.set_block(L1_GENESIS_BLOCK, T0);
    l2.set_block(L1_GENESIS_BLOCK, T0);
    // Distinct deployment nonces per chain, so no L2 contract shares an L1 address.
    l2.set_nonce(gov, 1_000);
    for actor in Actor::ALL {
        l1.set_balance(actor.address(), eth(1_000));
        l2.set_balance(actor.address(), eth(10));
        crate::names::register(actor.address(), actor.name());
    }
    crate::names::register(rollup_address(), "rollup");
    crate::names::register(ARB_SYS, "ArbSys");

    let minter_args = |token: Address| {
        (
            token,
            gov,
            U256::from(INFLATION),
            U256::from(INFLATION_CHANGE),
            U256::from(TARGET_BONDING_RATE),
            U256::from(MAX_INFLATION),
        )
            .abi_encode_params()
    };
    let staking_args = |token: Address, minter: Address| {
        (
            token,
            minter,
            gov,
            U256::from(ROUND_LENGTH),
            U256::from(UNBONDING_PERIOD),
        )
            .abi_encode_params()
    };

    // L1, except the Migrator (it needs the L2 Migrator's address, and vice versa).
    let a = artifacts;
    let l1_token = deploy(
        &mut l1,
        &mut book,
        a,
        "LivepeerToken",
        "L1Token",
        ("Livepeer Token (L1)".to_string(), gov).abi_encode_params(),
    )?;
    let l1_minter = deploy(
        &mut l1,
        &mut book,
        a,
        "Minter",
        "L1Minter",
        minter_args(l1_token),
    )?;
    let bonding = deploy(
        &mut l1,
        &mut book,
        a,
        "L1BondingManager",
        "L1BondingManager",
        staking_args(l1_token, l1_minter),
    )?;
    let bridge = deploy(&mut l1, &mut book, a, "Bridge", "Bridge", gov.abi_encode())?;
    let inbox = deploy(&mut l1, &mut book, a, "Inbox", "Inbox", bridge.abi_encode())?;
    let outbox = deploy(
        &mut l1,
        &mut book,
        a,
        "Outbox",
        "Outbox",
        (bridge, rollup_address()).abi_encode_params(),
    )?;
    let l1_gateway = deploy(
        &mut l1,
        &mut book,
        a,
        "L1Gateway",
        "L1Gateway",
        (l1_token, l1_minter, inbox, bridge, gov).abi_encode_params(),
    )?;
    deploy(&mut l1, &mut book, a, "WorldLens", "L1Lens", Vec::new())?;
    let l1_migrator_at = gov.create(l1.nonce(gov));

    // L2.
    let l2_token = deploy(
        &mut l2,
        &mut book,
        a,
        "LivepeerToken",
        "L2Token",
        ("Livepeer Token (L2)".to_string(), gov).abi_encode_params(),
    )?;
    let l2_minter = deploy(
        &mut l2,
        &mut book,
        a,
        "Minter",
        "L2Minter",
        minter_args(l2_token),
    )?;
    let staking = deploy(
        &mut l2,
        &mut book,
        a,
        "L2StakingManager",
        "L2StakingManager",
        staking_args(l2_token, l2_minter),
    )?;
    let l2_gateway = deploy(
        &mut l2,
        &mut book,
        a,
        "L2Gateway",
        "L2Gateway",
        (l2_token, l2_minter, gov).abi_encode_params(),
    )?;
    let l2_migrator = deploy(
        &mut l2,
        &mut book,
        a,
        "L2Migrator",
        "L2Migrator",
        (l2_token, staking, l2_gateway, l1_migrator_at).abi_encode_params(),
    )?;
    deploy(&mut l2, &mut book, a, "WorldLens", "L2Lens", Vec::new())?;
    let arbsys_template = l2.deploy(gov, a.get("ArbSys")?.bytecode.clone())?;
    let arbsys_code = a.get("ArbSys")?.deployed_bytecode.clone();
    l2.set_code(ARB_SYS, arbsys_code);
    let _ = arbsys_template;
    book.insert(L2, "ArbSys", ARB_SYS);
    book.set_kind(L2, "ArbSys", "ArbSys");

    let l1_migrator = deploy(
        &mut l1,
        &mut book,
        a,
        "L1Migrator",
        "L1Migrator",
        (
            bonding,
            l1_token,
            l1_gateway,
            l2_migrator,
            U256::from(TICKET_MAX_GAS),
            U256::from(TICKET_GAS_PRICE),
        )
            .abi_encode_params(),
    )?;
    if l1_migrator != l1_migrator_at {
        bail!("L1Migrator deployed at {l1_migrator}, expected {l1_migrator_at}");
    }

    let relayer = Relayer::new(
        BridgeAddresses {
            inbox,
            bridge,
            outbox,
            rollup: rollup_address(),
        },
        DEFAULT_CHALLENGE_PERIOD,
    );
    let mut w = World::from_parts(DesignId::A, l1, l2, relayer, book);
    let zero = U256::ZERO;

    // Wiring.
    let minter_role = w.view(L1, l1_token, &ILivepeerToken::MINTER_ROLECall {})?;
    let burner_role = w.view(L1, l1_token, &ILivepeerToken::BURNER_ROLECall {})?;
    w.send_ok(
        L1,
        gov,
        l1_token,
        &ILivepeerToken::grantRoleCall {
            role: minter_role,
            account: l1_minter,
        },
        zero,
    )?;
    w.send_ok(
        L1,
        gov,
        l1_minter,
        &IMinter::setStakingCall { staking: bonding },
        zero,
    )?;
    w.send_ok(
        L1,
        gov,
        l1_minter,
        &IMinter::setDelegatesCall {
            list: vec![bonding],
        },
        zero,
    )?;
    w.send_ok(
        L1,
        gov,
        bridge,
        &IBridge::setInboxAndOutboxCall { inbox, outbox },
        zero,
    )?;
    w.send_ok(
        L1,
        gov,
        l1_gateway,
        &IL1Gateway::setCounterpartCall {
            counterpart: l2_gateway,
        },
        zero,
    )?;
    w.send_ok(
        L1,
        gov,
        bonding,
        &IStaking::setMigratorCall {
            migrator: l1_migrator,
        },
        zero,
    )?;
    w.send_ok(
        L2,
        gov,
        l2_token,
        &ILivepeerToken::grantRoleCall {
            role: minter_role,
            account: l2_minter,
        },
        zero,
    )?;
    w.send_ok(
        L2,
        gov,
        l2_token,
        &ILivepeerToken::grantRoleCall {
            role: burner_role,
            account: l2_gateway,
        },
        zero,
    )?;
    w.send_ok(
        L2,
        gov,
        l2_minter,
        &IMinter::setStakingCall { staking },
        zero,
    )?;
    w.send_ok(
        L2,
        gov,
        l2_minter,
        &IMinter::setDelegatesCall {
            list: vec![l2_gateway, staking],
        },
        zero,
    )?;
    w.send_ok(
        L2,
        gov,
        staking,
        &IStaking::setMigratorCall {
            migrator: l2_migrator,
        },
        zero,
    )?;
    w.send_ok(
        L2,
        gov,
        l2_gateway,
        &IL2Gateway::setCounterpartCall {
            counterpart: l1_gateway,
        },
        zero,
    )?;

    // Genesis LPT, minted by the governor under a temporary role.
    w.send_ok(
        L1,
        gov,
        l1_token,
        &ILivepeerToken::grantRoleCall {
            role: minter_role,
            account: gov,
        },
        zero,
    )?;
    let grants = [
        (Actor::Orchestrator1, 10_000),
        (Actor::Orchestrator2, 10_000),
        (Actor::Orchestrator3, 10_000),
        (Actor::Delegator1, 5_000),
        (Actor::Delegator2, 5_000),
        (Actor::Delegator3, 5_000),
        (Actor::Delegator4, 5_000),
        (Actor::Attacker, 1_000),
    ];
    for (actor, n) in grants {
        w.send_ok(
            L1,
            gov,
            l1_token,
            &ILivepeerToken::mintCall {
                to: actor.address(),
                amount: lpt(n),
            },
            zero,
        )?;
    }
    w.send_ok(
        L1,
        gov,
        l1_token,
        &ILivepeerToken::revokeRoleCall {
            role: minter_role,
            account: gov,
        },
        zero,
    )?;

    // L1 staking history.
    let bond = |w: &mut World, who: Actor, to: Actor, n: u64| -> Result<()> {
        w.send_ok(
            L1,
            who.address(),
            l1_token,
            &ILivepeerToken::approveCall {
                spender: bonding,
                amount: lpt(n),
            },
            zero,
        )?;
        w.send_ok(
            L1,
            who.address(),
            bonding,
            &IStaking::bondCall {
                amount: lpt(n),
                to: to.address(),
            },
            zero,
        )?;
        Ok(())
    };
    let cuts = [
        (Actor::Orchestrator1, 100_000u64, 500_000u64),
        (Actor::Orchestrator2, 250_000, 400_000),
        (Actor::Orchestrator3, 500_000, 750_000),
    ];
    for (o, cut, share) in cuts {
        bond(&mut w, o, o, 6_000)?;
        w.send_ok(
            L1,
            o.address(),
            bonding,
            &IStaking::registerOrchestratorCall {
                rewardCut: U256::from(cut),
                feeShare: U256::from(share),
            },
            zero,
        )?;
    }
    bond(&mut w, Actor::Delegator1, Actor::Orchestrator1, 3_000)?;
    bond(&mut w, Actor::Delegator2, Actor::Orchestrator1, 2_000)?;
    bond(&mut w, Actor::Delegator3, Actor::Orchestrator2, 4_000)?;
    bond(&mut w, Actor::Delegator4, Actor::Orchestrator3, 1_000)?;
    for round in 0..3 {
        w.advance_blocks(ROUND_LENGTH);
        for o in Actor::ORCHESTRATORS {
            w.send_ok(L1, o.address(), bonding, &IStaking::rewardCall {}, zero)?;
            if round == 1 {
                w.send_ok(
                    L1,
                    Actor::Broadcaster.address(),
                    bonding,
                    &IStaking::payFeesCall {
                        orchestrator: o.address(),
                    },
                    eth(1),
                )?;
            }
        }
    }

    // The upgrade: L1 inflation stops; only the gateway may mint on L1.
    w.send_ok(
        L1,
        gov,
        l1_minter,
        &IMinter::setDelegatesCall {
            list: vec![l1_gateway],
        },
        zero,
    )?;

    // orchestrator1 moves to L2 first and registers there; delegator1 bridges some LPT.
    let o1 = Actor::Orchestrator1.address();
    w.send_ok(
        L1,
        o1,
        l1_migrator,
        &IL1Migrator::migrateCall {
            destOrchestrator: o1,
        },
        ticket_cost(),
    )?;
    let ticket = w.relayer.tickets.len() as u64 - 1;
    w.auto_redeem(ticket, None)?
        .map_err(|r| anyhow::anyhow!("genesis migration: {r}"))?
        .require_ok("genesis migration")?;
    w.send_ok(
        L2,
        o1,
        staking,
        &IStaking::registerOrchestratorCall {
            rewardCut: U256::from(100_000),
            feeShare: U256::from(500_000),
        },
        zero,
    )?;
    let d1 = Actor::Delegator1.address();
    w.send_ok(
        L1,
        d1,
        l1_token,
        &ILivepeerToken::approveCall {
            spender: l1_gateway,
            amount: lpt(500),
        },
        zero,
    )?;
    w.send_ok(
        L1,
        d1,
        l1_gateway,
        &IL1Gateway::outboundTransferCall {
            to: d1,
            amount: lpt(500),
            maxGas: U256::from(TICKET_MAX_GAS),
            gasPriceBid: U256::from(TICKET_GAS_PRICE),
        },
        ticket_cost(),
    )?;
    let ticket = w.relayer.tickets.len() as u64 - 1;
    w.auto_redeem(ticket, None)?
        .map_err(|r| anyhow::anyhow!("genesis deposit: {r}"))?
        .require_ok("genesis deposit")?;
    w.advance_blocks(1);
    w.begin_step();
    Ok(w)
}
