//! Design D's genesis: Livepeer's real protocol on both chains, its L1 history, the freeze
//! at the migration round, our migration contracts, and the first movers.
//!
//! 1. Both chains get Livepeer's 0.8.9 protocol from `@livepeer/sdk`, deployed as shipped:
//!    a Controller, the role-gated LivepeerToken, the Minter, the BondingManager (linked
//!    with `SortedDoublyLL`, behind a `ManagerProxy`), the RoundsManager and the
//!    TicketBroker (each behind a `ManagerProxy`), and on L2 the MerkleSnapshot. The 0.8.9
//!    Minter adds `L2LPTDataCache.l1CirculatingSupply()` to its token's supply; on L1 an
//!    unwired data cache answers zero.
//! 2. L1 plays the same history as designs A–C (genesis LPT, three orchestrators, four
//!    delegators, three rounds of rewards), with fees paid the way Livepeer pays them, by
//!    winning tickets a broadcaster signs, and with two unbonding locks left open.
//! 3. The freeze, at the migration round: the L1 Controller is paused (nothing bonds,
//!    unbonds or rewards again), a `FrozenRoundsManager` replaces the RoundsManager (rounds
//!    stop), and the Minter hands its LPT and ETH to the `BridgeMinter`, which alone may mint
//!    L1 LPT from then on.
//! 4. The snapshot of every frozen L1 delegation is committed to the L2 MerkleSnapshot.
//! 5. Governance bridges the BridgeMinter's LPT (`migrateLPT`) and anyone its ETH
//!    (`migrateETH`) to the L2 Migrator; L1 reports its supply to L2's data cache.
//! 6. orchestrator1 migrates by message and registers on L2; delegator1 deposits 500 LPT.
//!
//! The variant `bulk-pending` stops before delivering the two bulk tickets of step 5 (and
//! skips step 6), for the script that shows what their expiry does.

use alloy_primitives::{keccak256, Address, Bytes, FixedBytes, B256, U256};
use alloy_sol_types::{SolCall, SolValue};
use anyhow::{anyhow, Context, Result};

use super::bindings::*;
use super::snapshot::{Leaf, Tree};
use crate::action::Action;
use crate::actors::Actor;
use crate::bridge::{Relayer, DEFAULT_CHALLENGE_PERIOD};
use crate::chain::{
    Chain,
    ChainId::{self, L1, L2},
};
use crate::compile::Artifacts;
use crate::designs::deploy::{self, eth, lpt, Deployer, ROUND_LENGTH, UNBONDING_PERIOD};
use crate::designs::DesignId;
use crate::prebuilt::Prebuilt;
use crate::world::World;

/// The Minter's starting inflation per round, in Livepeer's parts per million (0.1%).
pub const INFLATION: u64 = 1_000;
/// The Minter's inflation step per round, parts per million.
pub const INFLATION_CHANGE: u64 = 50;
/// The Minter's target bonding rate, parts per million (50%).
pub const TARGET_BONDING_RATE: u64 = 500_000;
/// The LIPs whose upgrade round the 0.8.9 protocol reads; the genesis sets each to the
/// first round, as Livepeer's development configuration does.
const LIPS: [u64; 5] = [36, 71, 89, 91, 92];
/// The snapshot id `claimStake` proves against.
pub fn snapshot_id() -> B256 {
    keccak256("LIP-73")
}

/// Livepeer's published artifacts, by the names the genesis deploys them under.
#[derive(Clone)]
pub struct Livepeer {
    controller: Prebuilt,
    token: Prebuilt,
    minter: Prebuilt,
    sorted_list: Prebuilt,
    bonding: Prebuilt,
    rounds: Prebuilt,
    broker: Prebuilt,
    merkle: Prebuilt,
    proxy: Prebuilt,
}

/// The kind (ABI name) under which each prebuilt contract is known.
pub const PREBUILT: [(&str, &str); 9] = [
    ("livepeer:Controller", "Controller.sol/Controller.json"),
    (
        "livepeer:LivepeerToken",
        "token/LivepeerToken.sol/LivepeerToken.json",
    ),
    ("livepeer:Minter", "token/Minter.sol/Minter.json"),
    (
        "livepeer:SortedDoublyLL",
        "libraries/SortedDoublyLL.sol/SortedDoublyLL.json",
    ),
    (
        "livepeer:BondingManager",
        "bonding/BondingManager.sol/BondingManager.json",
    ),
    (
        "livepeer:RoundsManager",
        "rounds/RoundsManager.sol/RoundsManager.json",
    ),
    (
        "livepeer:TicketBroker",
        "pm/TicketBroker.sol/TicketBroker.json",
    ),
    (
        "livepeer:MerkleSnapshot",
        "snapshots/MerkleSnapshot.sol/MerkleSnapshot.json",
    ),
    (
        "livepeer:ManagerProxy",
        "ManagerProxy.sol/ManagerProxy.json",
    ),
];

impl Livepeer {
    /// Reads every artifact from the installed `@livepeer/sdk`.
    pub fn load() -> Result<Self> {
        let dir = crate::prebuilt::livepeer_abis_dir()?;
        let load = |i: usize| Prebuilt::load(&dir.join(PREBUILT[i].1));
        Ok(Self {
            controller: load(0)?,
            token: load(1)?,
            minter: load(2)?,
            sorted_list: load(3)?,
            bonding: load(4)?,
            rounds: load(5)?,
            broker: load(6)?,
            merkle: load(7)?,
            proxy: load(8)?,
        })
    }
}

/// The ABIs of every prebuilt contract, to add to a design's artifacts.
pub fn prebuilt_abis() -> Result<Vec<(&'static str, crate::compile::CompiledContract)>> {
    let dir = crate::prebuilt::livepeer_abis_dir()?;
    PREBUILT
        .iter()
        .map(|(kind, path)| Ok((*kind, Prebuilt::load(&dir.join(path))?.as_compiled())))
        .collect()
}

/// One chain's Livepeer protocol.
#[derive(Debug, Clone, Copy)]
pub struct Protocol {
    /// The Controller.
    pub controller: Address,
    /// LPT.
    pub token: Address,
    /// The Minter.
    pub minter: Address,
    /// The BondingManager's proxy.
    pub bonding: Address,
    /// Its target.
    pub bonding_target: Address,
    /// The RoundsManager's proxy.
    pub rounds: Address,
    /// Its target.
    pub rounds_target: Address,
    /// The TicketBroker's proxy.
    pub broker: Address,
    /// Its target.
    pub broker_target: Address,
}

fn id(name: &str) -> B256 {
    keccak256(name)
}

/// Deploys Livepeer's protocol on `chain`, naming each part `<side><Name>`.
fn deploy_protocol(
    d: &mut Deployer,
    chain: &mut Chain,
    side: &str,
    lp: &Livepeer,
) -> Result<Protocol> {
    let name = |n: &str| format!("{side}{n}");
    let code = |p: &Prebuilt, args: Vec<u8>| -> Result<Bytes> {
        let mut c = p.linked(&[])?.to_vec();
        c.extend(args);
        Ok(c.into())
    };
    let controller = d.deploy_code(
        chain,
        PREBUILT[0].0,
        &name("Controller"),
        code(&lp.controller, vec![])?,
    )?;
    let token = d.deploy_code(
        chain,
        PREBUILT[1].0,
        &name("Token"),
        code(&lp.token, vec![])?,
    )?;
    let minter_args = (
        controller,
        U256::from(INFLATION),
        U256::from(INFLATION_CHANGE),
        U256::from(TARGET_BONDING_RATE),
    )
        .abi_encode_params();
    let minter = d.deploy_code(
        chain,
        PREBUILT[2].0,
        &name("Minter"),
        code(&lp.minter, minter_args)?,
    )?;
    let list = d.deploy_code(
        chain,
        PREBUILT[3].0,
        &name("SortedDoublyLL"),
        code(&lp.sorted_list, vec![])?,
    )?;
    let mut bonding_code = lp.bonding.linked(&[("SortedDoublyLL", list)])?.to_vec();
    bonding_code.extend(controller.abi_encode());
    let bonding_target = d.deploy_code(
        chain,
        PREBUILT[4].0,
        &name("BondingManagerTarget"),
        bonding_code.into(),
    )?;
    let mut proxied = |target_kind: &str, manager: &str| -> Result<Address> {
        let args = (controller, id(&format!("{manager}Target"))).abi_encode_params();
        d.deploy_code(chain, target_kind, &name(manager), code(&lp.proxy, args)?)
    };
    let bonding = proxied(PREBUILT[4].0, "BondingManager")?;
    let rounds = proxied(PREBUILT[5].0, "RoundsManager")?;
    let broker = proxied(PREBUILT[6].0, "TicketBroker")?;
    let rounds_target = d.deploy_code(
        chain,
        PREBUILT[5].0,
        &name("RoundsManagerTarget"),
        code(&lp.rounds, controller.abi_encode())?,
    )?;
    let broker_target = d.deploy_code(
        chain,
        PREBUILT[6].0,
        &name("TicketBrokerTarget"),
        code(&lp.broker, controller.abi_encode())?,
    )?;
    Ok(Protocol {
        controller,
        token,
        minter,
        bonding,
        bonding_target,
        rounds,
        rounds_target,
        broker,
        broker_target,
    })
}

/// Our contracts on L1 and L2, by address.
#[derive(Debug, Clone, Copy)]
struct Ours {
    bridge_minter: Address,
    escrow: Address,
    l1_gateway: Address,
    l1_cache: Address,
    l1_migrator: Address,
    l1_null_cache: Address,
    l2_gateway: Address,
    l2_cache: Address,
    l2_migrator: Address,
    l2_migrator_target: Address,
    pool_impl: Address,
    merkle: Address,
}

fn govern<C: SolCall>(w: &mut World, chain: ChainId, to: Address, call: &C) -> Result<()> {
    deploy::govern(w, chain, to, call)
}

fn send<C: SolCall>(
    w: &mut World,
    chain: ChainId,
    from: Actor,
    to: Address,
    call: &C,
    value: U256,
) -> Result<()> {
    w.send_ok(chain, from.address(), to, call, value)?;
    Ok(())
}

/// Registers `name` → `address` in `controller`.
fn register(
    w: &mut World,
    chain: ChainId,
    controller: Address,
    name: &str,
    address: Address,
) -> Result<()> {
    let call = IController::setContractInfoCall {
        id: id(name),
        contractAddress: address,
        gitCommitHash: FixedBytes::ZERO,
    };
    govern(w, chain, controller, &call)
}

/// Wires one chain's protocol: registers its parts, grants the Minter its role, unpauses,
/// and sets round length, unbonding period and active-set size.
fn wire_protocol(w: &mut World, chain: ChainId, p: &Protocol, cache: Address) -> Result<()> {
    for (name, address) in [
        ("Minter", p.minter),
        ("LivepeerToken", p.token),
        ("BondingManager", p.bonding),
        ("BondingManagerTarget", p.bonding_target),
        ("RoundsManager", p.rounds),
        ("RoundsManagerTarget", p.rounds_target),
        ("TicketBroker", p.broker),
        ("TicketBrokerTarget", p.broker_target),
        // The Minter takes fee ETH only from the TicketBroker's old name.
        ("JobsManager", p.broker),
        ("L2LPTDataCache", cache),
    ] {
        register(w, chain, p.controller, name, address)?;
    }
    grant(w, chain, p.token, "MINTER_ROLE", p.minter)?;
    govern(w, chain, p.controller, &IController::unpauseCall {})?;
    govern(
        w,
        chain,
        p.rounds,
        &ILivepeerRounds::setRoundLengthCall {
            roundLength: U256::from(ROUND_LENGTH),
        },
    )?;
    govern(
        w,
        chain,
        p.rounds,
        &ILivepeerRounds::setRoundLockAmountCall {
            roundLockAmount: U256::from(100_000),
        },
    )?;
    let round: U256 = w.view(chain, p.rounds, &ILivepeerRounds::currentRoundCall {})?;
    for lip in LIPS {
        let call = ILivepeerRounds::setLIPUpgradeRoundCall {
            lip: U256::from(lip),
            round,
        };
        govern(w, chain, p.rounds, &call)?;
    }
    govern(
        w,
        chain,
        p.bonding,
        &ILivepeerBonding::setUnbondingPeriodCall {
            unbondingPeriod: UNBONDING_PERIOD,
        },
    )?;
    govern(
        w,
        chain,
        p.bonding,
        &ILivepeerBonding::setNumActiveTranscodersCall {
            numActiveTranscoders: U256::from(10),
        },
    )?;
    govern(
        w,
        chain,
        p.broker,
        &ITicketBroker::setUnlockPeriodCall {
            unlockPeriod: U256::from(2),
        },
    )?;
    govern(
        w,
        chain,
        p.broker,
        &ITicketBroker::setTicketValidityPeriodCall {
            ticketValidityPeriod: U256::from(2),
        },
    )?;
    initialize_round(w, chain, p.rounds)
}

fn grant(
    w: &mut World,
    chain: ChainId,
    token: Address,
    role: &str,
    account: Address,
) -> Result<()> {
    govern(
        w,
        chain,
        token,
        &IRoles::grantRoleCall {
            role: keccak256(role),
            account,
        },
    )
}

/// Starts the current round on `chain` if it is not started yet.
pub fn initialize_round(w: &mut World, chain: ChainId, rounds: Address) -> Result<()> {
    let started: bool = w.view(
        chain,
        rounds,
        &ILivepeerRounds::currentRoundInitializedCall {},
    )?;
    if !started {
        govern(w, chain, rounds, &ILivepeerRounds::initializeRoundCall {})?;
    }
    Ok(())
}

/// A winning ticket of `face` wei from `sender` to `recipient`, signed by `sender`, and the
/// recipient's random number: Livepeer's probabilistic micropayment with a win probability
/// of one.
pub fn winning_ticket(
    w: &mut World,
    chain: ChainId,
    p: (Address, Address),
    (sender, recipient): (Actor, Actor),
    face: U256,
    nonce: u64,
) -> Result<(ITicketBroker::Ticket, Bytes, U256)> {
    let (broker, rounds) = p;
    let round: U256 = w.view(chain, rounds, &ILivepeerRounds::currentRoundCall {})?;
    let hash: B256 = w.view(
        chain,
        rounds,
        &ILivepeerRounds::blockHashForRoundCall { round },
    )?;
    let rand = U256::from_be_bytes(keccak256(format!("rand {nonce} {}", recipient.name())).0);
    let ticket = ITicketBroker::Ticket {
        recipient: recipient.address(),
        sender: sender.address(),
        faceValue: face,
        winProb: U256::MAX,
        senderNonce: U256::from(nonce),
        recipientRandHash: keccak256(rand.to_be_bytes::<32>()),
        auxData: [round.to_be_bytes::<32>().to_vec(), hash.to_vec()]
            .concat()
            .into(),
    };
    let digest: B256 = w.view(
        chain,
        broker,
        &ITicketBroker::getTicketHashCall {
            ticket: ticket.clone(),
        },
    )?;
    let signed = keccak256(
        [
            b"\x19Ethereum Signed Message:\n32".as_slice(),
            digest.as_slice(),
        ]
        .concat(),
    );
    Ok((ticket, sender.sign(signed), rand))
}

/// L1's history before the freeze (see the module docs).
fn l1_history(w: &mut World, p: &Protocol) -> Result<()> {
    let grants = [
        (Actor::Orchestrator1, 10_000),
        (Actor::Orchestrator2, 10_000),
        (Actor::Orchestrator3, 10_000),
        (Actor::Delegator1, 5_000),
        (Actor::Delegator2, 5_000),
        (Actor::Delegator3, 5_000),
        (Actor::Delegator4, 5_000),
        (Actor::Attacker, 1_000),
    ]
    .map(|(a, n)| (a.address(), lpt(n)));
    deploy::mint_genesis(w, L1, p.token, &grants)?;
    let cuts = [
        (Actor::Orchestrator1, 100_000u64, 500_000u64),
        (Actor::Orchestrator2, 250_000, 400_000),
        (Actor::Orchestrator3, 500_000, 750_000),
    ];
    for (o, cut, share) in cuts {
        deploy::bond(w, L1, (p.token, p.bonding), o, o, lpt(6_000))?;
        let call = ILivepeerBonding::transcoderCall {
            rewardCut: U256::from(cut),
            feeShare: U256::from(share),
        };
        send(w, L1, o, p.bonding, &call, U256::ZERO)?;
    }
    for (d, o, n) in [
        (Actor::Delegator1, Actor::Orchestrator1, 3_000),
        (Actor::Delegator2, Actor::Orchestrator1, 2_000),
        (Actor::Delegator3, Actor::Orchestrator2, 4_000),
        (Actor::Delegator4, Actor::Orchestrator3, 1_000),
    ] {
        deploy::bond(w, L1, (p.token, p.bonding), d, o, lpt(n))?;
    }
    // The broadcaster's deposit pays the fees below; what is left, and its reserve, stay
    // for `migrateSender`.
    let fund = ITicketBroker::fundDepositAndReserveCall {
        depositAmount: eth(5),
        reserveAmount: eth(1),
    };
    send(w, L1, Actor::Broadcaster, p.broker, &fund, eth(6))?;
    for round in 0..3u64 {
        w.advance_blocks(ROUND_LENGTH);
        initialize_round(w, L1, p.rounds)?;
        for (i, o) in Actor::ORCHESTRATORS.into_iter().enumerate() {
            send(
                w,
                L1,
                o,
                p.bonding,
                &ILivepeerBonding::rewardCall {},
                U256::ZERO,
            )?;
            if round == 1 {
                let (ticket, sig, rand) = winning_ticket(
                    w,
                    L1,
                    (p.broker, p.rounds),
                    (Actor::Broadcaster, o),
                    eth(1),
                    i as u64,
                )?;
                let redeem = ITicketBroker::redeemWinningTicketCall {
                    ticket,
                    sig,
                    recipientRand: rand,
                };
                send(w, L1, o, p.broker, &redeem, U256::ZERO)?;
            }
        }
    }
    // Two locks left open at the freeze, for `migrateUnbondingLocks`.
    for (d, n) in [(Actor::Delegator2, 500), (Actor::Delegator4, 200)] {
        let call = crate::bindings::IStaking::unbondCall { amount: lpt(n) };
        send(w, L1, d, p.bonding, &call, U256::ZERO)?;
    }
    Ok(())
}

/// Every frozen L1 delegation (actors with a bond), in actor order.
pub fn frozen_leaves(w: &mut World) -> Result<Vec<Leaf>> {
    let bonding = w.addr(L1, "L1BondingManager");
    let mut out = Vec::new();
    for actor in Actor::ALL {
        let a = actor.address();
        let d = w.view(
            L1,
            bonding,
            &ILivepeerBonding::getDelegatorCall { delegator: a },
        )?;
        if d.bondedAmount.is_zero() {
            continue;
        }
        let max = U256::MAX;
        out.push(Leaf {
            delegator: a,
            delegate: d.delegateAddress,
            stake: w.view(
                L1,
                bonding,
                &ILivepeerBonding::pendingStakeCall {
                    delegator: a,
                    endRound: max,
                },
            )?,
            fees: w.view(
                L1,
                bonding,
                &ILivepeerBonding::pendingFeesCall {
                    delegator: a,
                    endRound: max,
                },
            )?,
        });
    }
    Ok(out)
}

/// The snapshot tree over [`frozen_leaves`].
pub fn snapshot(w: &mut World) -> Result<(Vec<Leaf>, Tree)> {
    let leaves = frozen_leaves(w)?;
    let hashes: Vec<B256> = leaves.iter().map(Leaf::hash).collect();
    Ok((leaves, Tree::new(&hashes)))
}

/// The BondingManager targets `@livepeer/sdk` ships, each as Livepeer deployed it on
/// Arbitrum (both rebuilt byte for byte from Livepeer's sources; see the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum L2Bonding {
    /// The L2 launch target, deployed 2022-02-11 (livepeer/protocol `confluence`, f3fbd91):
    /// neither `transferBond` nor `bondForWithHint` claims the receiving owner's earnings.
    Launch,
    /// The target deployed 2022-02-25 (c6733bb): `transferBond` claims the receiver's
    /// earnings (5177377), while `bondForWithHint` still claims the caller's, not the
    /// owner's (fixed in 131dd3e, deployed 2022-03-16, which no npm package ships).
    Deployed20220225,
}

impl L2Bonding {
    /// Where the package keeps the target's artifact, under `abis/`.
    fn artifact(self) -> &'static str {
        match self {
            L2Bonding::Launch => PREBUILT[4].1,
            L2Bonding::Deployed20220225 => {
                "contracts/bonding/BondingManager.sol/BondingManager.json"
            }
        }
    }
}

/// How a genesis of design D differs from the default one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variant {
    /// Stop before the bulk tickets are delivered.
    pub bulk_pending: bool,
    /// The BondingManager target L2 runs (L1's frozen protocol is the launch one).
    pub l2_bonding: L2Bonding,
}

impl Variant {
    /// The default genesis: the launch BondingManager, the bulk delivered.
    pub const DEFAULT: Variant = Variant {
        bulk_pending: false,
        l2_bonding: L2Bonding::Launch,
    };
}

/// Design D's world (see the module docs), as `variant` says.
pub fn genesis(artifacts: &Artifacts, variant: Variant) -> Result<World> {
    let bulk_pending = variant.bulk_pending;
    let lp = Livepeer::load()?;
    let lp2 = Livepeer {
        bonding: Prebuilt::load(
            &crate::prebuilt::livepeer_abis_dir()?.join(variant.l2_bonding.artifact()),
        )?,
        ..lp.clone()
    };
    let gov = Actor::Governor.address();
    let mut d = Deployer::new(artifacts);
    let (mut l1, mut l2) = deploy::chains();

    // L1: the protocol, the Arbitrum stand-ins, the lens, and our migration contracts
    // (wired only at the freeze). The L2 Migrator's address is known before it exists: the
    // governor's L2 nonce fixes it.
    let p1 = deploy_protocol(&mut d, &mut l1, "L1", &lp)?;
    let arb = d.arbitrum(&mut l1, &mut l2)?;
    d.deploy(&mut l1, "LivepeerLens", "L1Lens", Vec::new())?;
    let l1_null_cache = d.deploy(
        &mut l1,
        "L2LPTDataCache",
        "L1NullDataCache",
        gov.abi_encode(),
    )?;

    // L2 first, so that L1's contracts can name L2's.
    let p2 = deploy_protocol(&mut d, &mut l2, "L2", &lp2)?;
    let merkle = d.deploy_code(
        &mut l2,
        PREBUILT[7].0,
        "MerkleSnapshot",
        [lp.merkle.linked(&[])?.to_vec(), p2.controller.abi_encode()]
            .concat()
            .into(),
    )?;
    let l2_cache = d.deploy(
        &mut l2,
        "L2LPTDataCache",
        "L2LPTDataCache",
        gov.abi_encode(),
    )?;
    let l2_gateway = d.deploy(
        &mut l2,
        "L2LPTGateway",
        "L2Gateway",
        (gov, p1.token, p2.token).abi_encode_params(),
    )?;
    let pool_impl = d.deploy(&mut l2, "DelegatorPool", "DelegatorPoolImpl", Vec::new())?;
    let l2_migrator_target = d.deploy(
        &mut l2,
        "LivepeerL2Migrator",
        "L2MigratorTarget",
        Vec::new(),
    )?;
    let l2_migrator = d.deploy_code(
        &mut l2,
        "LivepeerL2Migrator",
        "L2Migrator",
        [
            lp.proxy.linked(&[])?.to_vec(),
            (p2.controller, id("L2MigratorTarget")).abi_encode_params(),
        ]
        .concat()
        .into(),
    )?;
    d.deploy(&mut l2, "LivepeerLens", "L2Lens", Vec::new())?;

    let bridge_minter = d.deploy(
        &mut l1,
        "BridgeMinter",
        "BridgeMinter",
        (p1.controller, p1.token).abi_encode_params(),
    )?;
    let escrow = d.deploy(&mut l1, "L1Escrow", "L1Escrow", p1.controller.abi_encode())?;
    let l1_gateway = d.deploy(
        &mut l1,
        "L1LPTGateway",
        "L1Gateway",
        (gov, escrow, p1.token, p2.token, arb.inbox).abi_encode_params(),
    )?;
    let l1_cache = d.deploy(
        &mut l1,
        "L1LPTDataCache",
        "L1LPTDataCache",
        (arb.inbox, p1.token, gov).abi_encode_params(),
    )?;
    let l1_migrator = d.deploy(
        &mut l1,
        "LivepeerL1Migrator",
        "L1Migrator",
        (
            arb.inbox,
            p1.bonding,
            p1.broker,
            p1.token,
            l1_gateway,
            l2_migrator,
        )
            .abi_encode_params(),
    )?;
    let ours = Ours {
        bridge_minter,
        escrow,
        l1_gateway,
        l1_cache,
        l1_migrator,
        l1_null_cache,
        l2_gateway,
        l2_cache,
        l2_migrator,
        l2_migrator_target,
        pool_impl,
        merkle,
    };

    let relayer = Relayer::new(arb, DEFAULT_CHALLENGE_PERIOD);
    let mut w = World::from_parts(DesignId::D, l1, l2, relayer, d.book);
    let set = crate::bindings::IBridge::setInboxAndOutboxCall {
        inbox: arb.inbox,
        outbox: arb.outbox,
    };
    govern(&mut w, L1, arb.bridge, &set)?;
    set_candidates(&mut w)?;

    wire_protocol(&mut w, L1, &p1, ours.l1_null_cache)?;
    l1_history(&mut w, &p1).context("the L1 history")?;
    wire_l2(&mut w, &p2, &ours).context("wiring L2")?;
    w.advance_blocks(ROUND_LENGTH);
    freeze(&mut w, &p1, &ours, artifacts).context("the freeze")?;
    initialize_round(&mut w, L2, p2.rounds)?;
    let (_, tree) = snapshot(&mut w)?;
    let call = IMerkleSnapshot::setSnapshotCall {
        id: snapshot_id(),
        root: tree.root(),
    };
    govern(&mut w, L2, ours.merkle, &call)?;

    // The bulk transfers and L1's first supply report, paid for as the design's own
    // actions pay (what an honest client pays), as a project file's story of them does.
    let act = |w: &mut World, action: Action, what: &str| -> Result<()> {
        let status = super::actions::run(w, &action)?;
        anyhow::ensure!(status.is_ok(), "{what}: {status:?}");
        Ok(())
    };
    let governor = Actor::Governor;
    act(
        &mut w,
        Action::MigrateBulk {
            actor: governor,
            eth: false,
        },
        "migrateLPT",
    )?;
    act(
        &mut w,
        Action::MigrateBulk {
            actor: governor,
            eth: true,
        },
        "migrateETH",
    )?;
    if bulk_pending {
        w.begin_step();
        return Ok(w);
    }
    let open = w.open_tickets();
    for id in open {
        w.auto_redeem(id, None)?
            .map_err(|r| anyhow!("bulk ticket #{id}: {r}"))?
            .require_ok("bulk transfer ticket")?;
    }
    act(
        &mut w,
        Action::CacheSupply { actor: governor },
        "cacheTotalSupply",
    )?;
    deploy::deliver(&mut w, "the first supply report")?;

    // First movers: orchestrator1 migrates and registers on L2; delegator1 deposits.
    let o1 = Actor::Orchestrator1;
    act(
        &mut w,
        Action::Migrate {
            actor: o1,
            dest: o1,
        },
        "orchestrator1's migration",
    )?;
    deploy::deliver(&mut w, "orchestrator1's migration")?;
    let register = ILivepeerBonding::transcoderCall {
        rewardCut: U256::from(100_000),
        feeShare: U256::from(500_000),
    };
    send(&mut w, L2, o1, p2.bonding, &register, U256::ZERO)?;
    let d1 = Actor::Delegator1;
    let deposit = Action::Deposit {
        actor: d1,
        to: d1,
        amount: crate::amount::Amount::Wei(lpt(500)),
    };
    act(&mut w, deposit, "delegator1's deposit")?;
    deploy::deliver(&mut w, "delegator1's deposit")?;
    // A round passes, so that orchestrator1's pool is bonded (Livepeer bonds from the next
    // round) when its delegators come to claim from it.
    w.advance_blocks(ROUND_LENGTH);
    initialize_round(&mut w, L2, p2.rounds)?;
    w.begin_step();
    Ok(w)
}

/// Tells each chain's lens which addresses to check for roles: every actor and every
/// contract of the chain.
fn set_candidates(w: &mut World) -> Result<()> {
    for (chain, lens) in [(L1, "L1Lens"), (L2, "L2Lens")] {
        let mut list: Vec<Address> = Actor::ALL.iter().map(|a| a.address()).collect();
        list.extend(
            w.contracts
                .iter()
                .filter(|(c, _, _)| *c == chain)
                .map(|(_, _, a)| a),
        );
        let lens = w.addr(chain, lens);
        govern(w, chain, lens, &ILivepeerLens::setCandidatesCall { list })?;
    }
    Ok(())
}

/// L2's wiring: the protocol, its Merkle snapshot and data cache, the gateway's roles and
/// counterpart, and the L2 Migrator behind its proxy.
fn wire_l2(w: &mut World, p: &Protocol, ours: &Ours) -> Result<()> {
    register(w, L2, p.controller, "MerkleSnapshot", ours.merkle)?;
    register(w, L2, p.controller, "L2Migrator", ours.l2_migrator)?;
    register(
        w,
        L2,
        p.controller,
        "L2MigratorTarget",
        ours.l2_migrator_target,
    )?;
    wire_protocol(w, L2, p, ours.l2_cache)?;
    grant(w, L2, p.token, "MINTER_ROLE", ours.l2_gateway)?;
    grant(w, L2, p.token, "BURNER_ROLE", ours.l2_gateway)?;
    let cache = IL2LPTDataCache::setAddressesCall {
        l1LPTDataCache: ours.l1_cache,
        l2LPTGateway: ours.l2_gateway,
    };
    govern(w, L2, ours.l2_cache, &cache)?;
    govern(
        w,
        L2,
        ours.l2_gateway,
        &IL2LPTGateway::setCounterpartCall {
            l1Counterpart: ours.l1_gateway,
        },
    )?;
    govern(
        w,
        L2,
        ours.l2_gateway,
        &IL2LPTGateway::setL2LPTDataCacheCall {
            l2LPTDataCache: ours.l2_cache,
        },
    )?;
    govern(w, L2, ours.l2_gateway, &IL2LPTGateway::unpauseCall {})?;
    let init = IL2Migrator::initializeCall {
        l1Migrator: ours.l1_migrator,
        delegatorPoolImpl: ours.pool_impl,
    };
    govern(w, L2, ours.l2_migrator, &init)?;
    govern(
        w,
        L2,
        ours.l2_migrator,
        &IL2Migrator::syncControllerContractsCall {},
    )?;
    govern(
        w,
        L2,
        ours.l2_migrator,
        &IL2Migrator::setClaimStakeEnabledCall { enabled: true },
    )
}

/// The freeze at the migration round (see the module docs), then L1's migration wiring.
fn freeze(w: &mut World, p: &Protocol, ours: &Ours, artifacts: &Artifacts) -> Result<()> {
    initialize_round(w, L1, p.rounds)?;
    govern(w, L1, p.controller, &IController::pauseCall {})?;
    let gov = Actor::Governor.address();
    let frozen =
        w.l1.deploy(
            gov,
            creation_code(artifacts, "FrozenRoundsManager", p.rounds.abi_encode())?,
        )
        .context("deploying FrozenRoundsManager")?;
    w.contracts.insert(L1, "FrozenRoundsManager", frozen);
    w.contracts
        .set_kind(L1, "FrozenRoundsManager", "FrozenRoundsManager");
    register(w, L1, p.controller, "RoundsManager", frozen)?;
    govern(
        w,
        L1,
        p.minter,
        &ILivepeerMinter::migrateToNewMinterCall {
            newMinter: ours.bridge_minter,
        },
    )?;
    govern(
        w,
        L1,
        p.token,
        &IRoles::revokeRoleCall {
            role: keccak256("MINTER_ROLE"),
            account: p.minter,
        },
    )?;
    grant(w, L1, p.token, "MINTER_ROLE", ours.bridge_minter)?;
    register(w, L1, p.controller, "Minter", ours.bridge_minter)?;
    let set = IBridgeMinter::setAddressesCall {
        l1Migrator: ours.l1_migrator,
        l1LPTGateway: ours.l1_gateway,
    };
    govern(w, L1, ours.bridge_minter, &set)?;
    let approve = IL1Escrow::approveCall {
        token: p.token,
        spender: ours.l1_gateway,
        value: U256::MAX,
    };
    govern(w, L1, ours.escrow, &approve)?;
    govern(
        w,
        L1,
        ours.l1_gateway,
        &IL1LPTGateway::setCounterpartCall {
            l2Counterpart: ours.l2_gateway,
        },
    )?;
    govern(
        w,
        L1,
        ours.l1_gateway,
        &IL1LPTGateway::setMinterCall {
            minter: ours.bridge_minter,
        },
    )?;
    govern(w, L1, ours.l1_gateway, &IL1LPTGateway::unpauseCall {})?;
    govern(
        w,
        L1,
        ours.l1_migrator,
        &IL1Migrator::setBridgeMinterCall {
            bridgeMinter: ours.bridge_minter,
        },
    )?;
    govern(w, L1, ours.l1_migrator, &IL1Migrator::unpauseCall {})?;
    govern(
        w,
        L1,
        ours.l1_cache,
        &IL1LPTDataCache::setL2LPTDataCacheCall {
            l2LPTDataCache: ours.l2_cache,
        },
    )
}

/// The creation code of compiled contract `name` with `args`.
fn creation_code(artifacts: &Artifacts, name: &str, args: Vec<u8>) -> Result<Bytes> {
    let mut code = artifacts.get(name)?.bytecode.to_vec();
    code.extend(args);
    Ok(code.into())
}
