//! What every design's genesis shares: the two chains at genesis with the cast funded, the
//! Arbitrum stand-ins, and the legacy L1 protocol's history before the upgrade. Designs A,
//! B and C all start from the same L1 world (the same grants, bonds, orchestrators, three
//! rounds of L1 rewards and one round of fees), so that a campaign compares them on equal
//! terms.

use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::{SolCall, SolValue};
use anyhow::{Context, Result};

use crate::actors::Actor;
use crate::bindings::{IL1Gateway, IL1Migrator, ILivepeerToken, IMinter, IStaking};
use crate::bridge::{rollup_address, BridgeAddresses, ARB_SYS};
use crate::chain::{Chain, ChainId};
use crate::compile::Artifacts;
use crate::designs::ContractBook;
use crate::world::World;

/// Genesis time of both chains.
pub const T0: u64 = 1_700_000_000;
/// Genesis L1 block.
pub const L1_GENESIS_BLOCK: u64 = 1_000;
/// Blocks per staking round (design B: per L2 round; its L1 rounds are longer).
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
/// L2 gas limit of deposit, migration and reward tickets.
pub const TICKET_MAX_GAS: u64 = 1_000_000;
/// L2 gas price bid of those tickets (1 gwei).
pub const TICKET_GAS_PRICE: u64 = 1_000_000_000;

/// What a deposit, migration or reward ticket must send with it.
pub fn ticket_cost() -> U256 {
    U256::from(TICKET_MAX_GAS) * U256::from(TICKET_GAS_PRICE)
}

pub use crate::amount::lpt;

/// `n` whole ETH in wei.
pub fn eth(n: u64) -> U256 {
    lpt(n)
}

/// `keccak256(name)`: a token role such as `"MINTER_ROLE"`.
pub fn role(name: &str) -> B256 {
    keccak256(name)
}

/// The same policy parameters in every design (design B adds its oracle's and its round
/// ratio).
pub fn params(design: invariants::view::Design) -> invariants::view::Params {
    invariants::view::Params {
        design,
        max_inflation_ppb: MAX_INFLATION,
        inflation_change_ppb: INFLATION_CHANGE,
        target_bonding_rate_ppb: TARGET_BONDING_RATE,
        oracle_max_age: 0,
        l2_rounds_per_l1_round: 1,
        round_length: ROUND_LENGTH,
        unbonding_period: UNBONDING_PERIOD,
    }
}

/// The legacy L1 protocol every design starts from.
#[derive(Debug, Clone, Copy)]
pub struct LegacyL1 {
    /// L1 LPT.
    pub token: Address,
    /// The L1 Minter.
    pub minter: Address,
    /// The L1 BondingManager.
    pub bonding: Address,
}

/// Deploys compiled contracts and records them in the design's book.
pub struct Deployer<'a> {
    /// The contracts deployed so far.
    pub book: ContractBook,
    artifacts: &'a Artifacts,
    /// Who deploys, and owns the Arbitrum stand-ins.
    governor: Address,
}

impl<'a> Deployer<'a> {
    /// A deployer of `artifacts` with an empty book, deploying from the governor.
    pub fn new(artifacts: &'a Artifacts) -> Self {
        Self {
            book: ContractBook::default(),
            artifacts,
            governor: Actor::Governor.address(),
        }
    }

    /// The same deploying from `governor`: a project's, when its file rebinds the actor.
    pub fn from(self, governor: Address) -> Self {
        Self { governor, ..self }
    }

    /// Deploys compiled contract `contract` on `chain` with ABI-encoded constructor `args`
    /// from the governor, and records it as `name`.
    pub fn deploy(
        &mut self,
        chain: &mut Chain,
        contract: &str,
        name: &str,
        args: Vec<u8>,
    ) -> Result<Address> {
        let compiled = self.artifacts.get(contract)?;
        let mut code = compiled.bytecode.to_vec();
        code.extend_from_slice(&args);
        let address = chain
            .deploy(self.governor, Bytes::from(code))
            .with_context(|| format!("deploying {name} on {}", chain.id()))?;
        self.book.insert(chain.id(), name, address);
        self.book.set_kind(chain.id(), name, contract);
        Ok(address)
    }

    /// Deploys `code` (creation bytecode with its constructor arguments) on `chain` from the
    /// governor, and records it as `name`, an instance of `kind` (whose ABI decodes and
    /// generates its calls).
    pub fn deploy_code(
        &mut self,
        chain: &mut Chain,
        kind: &str,
        name: &str,
        code: Bytes,
    ) -> Result<Address> {
        let address = chain
            .deploy(self.governor, code)
            .with_context(|| format!("deploying {name} on {}", chain.id()))?;
        self.book.insert(chain.id(), name, address);
        self.book.set_kind(chain.id(), name, kind);
        Ok(address)
    }

    /// Deploys the legacy L1 protocol, then the Arbitrum stand-ins, in that order: the
    /// token (named `token_name`), the Minter (compiled contract `minter`, with
    /// `extra_minter_args` after the common Minter's), and a BondingManager with rounds of
    /// `round_length` blocks.
    pub fn legacy_l1(
        &mut self,
        (l1, l2): (&mut Chain, &mut Chain),
        token_name: &str,
        (minter, extra_minter_args): (&str, Vec<u8>),
        round_length: u64,
    ) -> Result<(LegacyL1, BridgeAddresses)> {
        let gov = Actor::Governor.address();
        let token = self.deploy(
            l1,
            "LivepeerToken",
            "L1Token",
            (token_name.to_string(), gov).abi_encode_params(),
        )?;
        let mut args = minter_args(token);
        args.extend(extra_minter_args);
        let minter = self.deploy(l1, minter, "L1Minter", args)?;
        let bonding = self.deploy(
            l1,
            "L1BondingManager",
            "L1BondingManager",
            staking_args(token, minter, round_length),
        )?;
        let arb = self.arbitrum(l1, l2)?;
        Ok((
            LegacyL1 {
                token,
                minter,
                bonding,
            },
            arb,
        ))
    }

    /// Deploys the Arbitrum stand-ins, Bridge, Inbox and Outbox on L1 and ArbSys at its
    /// fixed address on L2. The genesis wires the bridge to its inbox and outbox (with
    /// [`wire_arbitrum`]) when it sends its governance calls: deployment addresses follow
    /// the governor's nonce, so every design keeps its own order of transactions.
    pub fn arbitrum(&mut self, l1: &mut Chain, l2: &mut Chain) -> Result<BridgeAddresses> {
        let gov = self.governor;
        let bridge = self.deploy(l1, "Bridge", "Bridge", gov.abi_encode())?;
        let inbox = self.deploy(l1, "Inbox", "Inbox", bridge.abi_encode())?;
        let outbox = self.deploy(
            l1,
            "Outbox",
            "Outbox",
            (bridge, rollup_address()).abi_encode_params(),
        )?;
        l2.set_code(
            ARB_SYS,
            self.artifacts.get("ArbSys")?.deployed_bytecode.clone(),
        );
        self.book.insert(ChainId::L2, "ArbSys", ARB_SYS);
        self.book.set_kind(ChainId::L2, "ArbSys", "ArbSys");
        Ok(BridgeAddresses {
            inbox,
            bridge,
            outbox,
            rollup: rollup_address(),
        })
    }
}

/// Both chains at genesis time (L1 at block [`L1_GENESIS_BLOCK`]), every actor with 1,000
/// ETH on L1 and 10 on L2, and the governor's L2 nonce set apart so that no L2 contract
/// shares an L1 contract's address.
pub fn chains() -> (Chain, Chain) {
    chains_for(crate::actors::Cast::built_in())
}

/// [`chains`] for the actors of `cast` (a project's, which may rebind some).
pub fn chains_for(cast: &crate::actors::Cast) -> (Chain, Chain) {
    let mut l1 = Chain::new(ChainId::L1, T0);
    let mut l2 = Chain::new(ChainId::L2, T0);
    l1.set_block(L1_GENESIS_BLOCK, T0);
    l2.set_block(L1_GENESIS_BLOCK, T0);
    l2.set_nonce(cast.address(Actor::Governor), 1_000);
    for actor in Actor::ALL {
        let address = cast.address(actor);
        l1.set_balance(address, eth(1_000));
        l2.set_balance(address, eth(10));
        crate::names::register(address, actor.name());
    }
    crate::names::register(rollup_address(), "rollup");
    crate::names::register(ARB_SYS, "ArbSys");
    (l1, l2)
}

/// Constructor arguments of a common `Minter` of `token` with the shared policy.
pub fn minter_args(token: Address) -> Vec<u8> {
    (
        token,
        Actor::Governor.address(),
        U256::from(INFLATION),
        U256::from(INFLATION_CHANGE),
        U256::from(TARGET_BONDING_RATE),
        U256::from(MAX_INFLATION),
    )
        .abi_encode_params()
}

/// Constructor arguments of a staking contract of `token` custodied by `minter`, with
/// rounds of `round_length` blocks.
pub fn staking_args(token: Address, minter: Address, round_length: u64) -> Vec<u8> {
    (
        token,
        minter,
        Actor::Governor.address(),
        U256::from(round_length),
        U256::from(UNBONDING_PERIOD),
    )
        .abi_encode_params()
}

/// Wires the legacy L1 protocol as it was before any upgrade (the Minter holds the
/// token's minter role, custodies for the BondingManager and lends it its minting
/// authority), and points the L1 Bridge at its inbox and outbox.
pub fn wire_legacy_l1(w: &mut World, legacy: &LegacyL1, arb: &BridgeAddresses) -> Result<()> {
    use ChainId::L1;
    grant(w, L1, legacy.token, "MINTER_ROLE", legacy.minter)?;
    let staking = IMinter::setStakingCall {
        staking: legacy.bonding,
    };
    govern(w, L1, legacy.minter, &staking)?;
    let delegates = IMinter::setDelegatesCall {
        list: vec![legacy.bonding],
    };
    govern(w, L1, legacy.minter, &delegates)?;
    let call = crate::bindings::IBridge::setInboxAndOutboxCall {
        inbox: arb.inbox,
        outbox: arb.outbox,
    };
    govern(w, L1, arb.bridge, &call)
}

/// orchestrator1 registers on L2 with the reward cut and fee share it had on L1.
pub fn register_orchestrator1_on_l2(w: &mut World, staking: Address) -> Result<()> {
    let register = IStaking::registerOrchestratorCall {
        rewardCut: U256::from(100_000),
        feeShare: U256::from(500_000),
    };
    w.send_ok(
        ChainId::L2,
        Actor::Orchestrator1.address(),
        staking,
        &register,
        U256::ZERO,
    )?;
    Ok(())
}

/// The first movers after the upgrade, in the designs with the standard gateway pair (A
/// and B): orchestrator1 migrates to itself through the L1 Migrator and registers on L2;
/// delegator1 deposits 500 LPT through the L1 gateway. Both tickets are delivered.
pub fn gateway_first_movers(
    w: &mut World,
    legacy: &LegacyL1,
    (l1_migrator, l1_gateway): (Address, Address),
    staking: Address,
) -> Result<()> {
    use ChainId::L1;
    let o1 = Actor::Orchestrator1.address();
    let migrate = IL1Migrator::migrateCall {
        destOrchestrator: o1,
    };
    w.send_ok(L1, o1, l1_migrator, &migrate, ticket_cost())?;
    deliver(w, "genesis migration")?;
    register_orchestrator1_on_l2(w, staking)?;
    let d1 = Actor::Delegator1.address();
    let approve = ILivepeerToken::approveCall {
        spender: l1_gateway,
        amount: lpt(500),
    };
    w.send_ok(L1, d1, legacy.token, &approve, U256::ZERO)?;
    let deposit = IL1Gateway::outboundTransferCall {
        to: d1,
        amount: lpt(500),
        maxGas: U256::from(TICKET_MAX_GAS),
        gasPriceBid: U256::from(TICKET_GAS_PRICE),
    };
    w.send_ok(L1, d1, l1_gateway, &deposit, ticket_cost())?;
    deliver(w, "genesis deposit")
}

/// Sends a governance call that must succeed.
pub fn govern<C: SolCall>(w: &mut World, chain: ChainId, to: Address, call: &C) -> Result<()> {
    w.send_ok(chain, Actor::Governor.address(), to, call, U256::ZERO)?;
    Ok(())
}

/// Grants `role` (e.g. `"MINTER_ROLE"`) on `token` to `account`.
pub fn grant(
    w: &mut World,
    chain: ChainId,
    token: Address,
    name: &str,
    account: Address,
) -> Result<()> {
    let call = ILivepeerToken::grantRoleCall {
        role: role(name),
        account,
    };
    govern(w, chain, token, &call)
}

/// Mints `amount` of `token` to each recipient under a minter role the governor holds only
/// for the moment: genesis supply, not inflation.
pub fn mint_genesis(
    w: &mut World,
    chain: ChainId,
    token: Address,
    grants: &[(Address, U256)],
) -> Result<()> {
    let gov = Actor::Governor.address();
    grant(w, chain, token, "MINTER_ROLE", gov)?;
    for (to, amount) in grants {
        let mint = ILivepeerToken::mintCall {
            to: *to,
            amount: *amount,
        };
        govern(w, chain, token, &mint)?;
    }
    let revoke = ILivepeerToken::revokeRoleCall {
        role: role("MINTER_ROLE"),
        account: gov,
    };
    govern(w, chain, token, &revoke)
}

/// Approves `spender` and bonds `amount` LPT of `who` to `to` on `chain`.
pub fn bond(
    w: &mut World,
    chain: ChainId,
    (token, staking): (Address, Address),
    who: Actor,
    to: Actor,
    amount: U256,
) -> Result<()> {
    let zero = U256::ZERO;
    let approve = ILivepeerToken::approveCall {
        spender: staking,
        amount,
    };
    w.send_ok(chain, who.address(), token, &approve, zero)?;
    let bond = IStaking::bondCall {
        amount,
        to: to.address(),
    };
    w.send_ok(chain, who.address(), staking, &bond, zero)?;
    Ok(())
}

/// The legacy L1 protocol's history, which every design inherits: genesis LPT (10,000 to
/// each orchestrator, 5,000 to each delegator, 1,000 to the attacker); each orchestrator
/// self-bonds 6,000 and registers (reward cuts 10%, 25%, 50%; fee shares 50%, 40%, 75%);
/// delegator1 → orchestrator1 3,000, delegator2 → orchestrator1 2,000, delegator3 →
/// orchestrator2 4,000, delegator4 → orchestrator3 1,000; then three rounds of L1 rewards,
/// with the broadcaster paying 1 ETH of fees to each orchestrator in the second. The L1
/// Minter must list the staking contract as its delegate (as before any upgrade).
pub fn l1_history(
    w: &mut World,
    token: Address,
    staking: Address,
    round_length: u64,
) -> Result<()> {
    use ChainId::L1;
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
    mint_genesis(w, L1, token, &grants)?;
    let cuts = [
        (Actor::Orchestrator1, 100_000u64, 500_000u64),
        (Actor::Orchestrator2, 250_000, 400_000),
        (Actor::Orchestrator3, 500_000, 750_000),
    ];
    for (o, cut, share) in cuts {
        bond(w, L1, (token, staking), o, o, lpt(6_000))?;
        let register = IStaking::registerOrchestratorCall {
            rewardCut: U256::from(cut),
            feeShare: U256::from(share),
        };
        w.send_ok(L1, o.address(), staking, &register, U256::ZERO)?;
    }
    for (d, o, n) in [
        (Actor::Delegator1, Actor::Orchestrator1, 3_000),
        (Actor::Delegator2, Actor::Orchestrator1, 2_000),
        (Actor::Delegator3, Actor::Orchestrator2, 4_000),
        (Actor::Delegator4, Actor::Orchestrator3, 1_000),
    ] {
        bond(w, L1, (token, staking), d, o, lpt(n))?;
    }
    for round in 0..3 {
        w.advance_blocks(round_length);
        for o in Actor::ORCHESTRATORS {
            w.send_ok(
                L1,
                o.address(),
                staking,
                &IStaking::rewardCall {},
                U256::ZERO,
            )?;
            if round == 1 {
                let fees = IStaking::payFeesCall {
                    orchestrator: o.address(),
                };
                w.send_ok(L1, Actor::Broadcaster.address(), staking, &fees, eth(1))?;
            }
        }
    }
    Ok(())
}

/// Runs the auto-redeem of the ticket the last transaction created, during genesis; it
/// must succeed.
pub fn deliver(w: &mut World, what: &str) -> Result<()> {
    let id = last_ticket(w);
    w.auto_redeem(id, None)?
        .map_err(|r| anyhow::anyhow!("{what}: {r}"))?
        .require_ok(what)
}

/// The id of the ticket the last transaction created.
pub fn last_ticket(w: &World) -> u64 {
    w.relayer.tickets.len() as u64 - 1
}
