//! Design C's mechanics on the real contracts: legacy LPT locked one way against the L2
//! genesis reserve, LPT′ minted only against L2 escrow, and L2-only inflation.

mod common;

use alloy_primitives::U256;
use alloy_sol_types::SolCall;
use harness::action::{Action, Clock};
use harness::actors::Actor;
use harness::amount::Amount;
use harness::bindings::*;
use harness::chain::ChainId::{L1, L2};
use harness::designs::deploy::lpt;
use harness::designs::{fresh_world, DesignId, Role};
use harness::world::World;

use common::{
    balance, balance_of, deliver, fails, last_ticket, ok, pending_stake, supply, supply_of,
};

fn world() -> World {
    fresh_world(DesignId::C).expect("design C genesis")
}

fn locked(w: &mut World) -> U256 {
    let lock = w.role(L1, Role::Migrator);
    balance(w, L1, lock)
}

fn reserve(w: &mut World) -> U256 {
    let holder = w.role(L2, Role::Migrator);
    balance(w, L2, holder)
}

fn escrow(w: &mut World) -> U256 {
    let bridge = w.role(L2, Role::Gateway);
    balance(w, L2, bridge)
}

fn lpt_prime(w: &mut World) -> (alloy_primitives::Address, U256) {
    let token = w.role(L1, Role::Derivative);
    (token, supply_of(w, L1, token))
}

#[test]
fn the_reserve_covers_every_legacy_lpt_and_legacy_supply_is_frozen() {
    let mut w = world();
    let legacy = supply(&mut w, L1);
    assert_eq!(
        reserve(&mut w) + locked(&mut w),
        legacy,
        "what is locked was released from the reserve, which covers the rest"
    );
    ok(
        &mut w,
        Action::Advance {
            clock: Clock::Both,
            seconds: 120,
        },
    );
    let why = fails(
        &mut w,
        Action::Reward {
            actor: Actor::Orchestrator2,
            chain: L1,
        },
    );
    assert!(
        why.contains("NotDelegate"),
        "legacy L1 no longer inflates: {why}"
    );
    assert_eq!(supply(&mut w, L1), legacy);
}

#[test]
fn a_legacy_stake_migration_locks_on_l1_and_stakes_from_the_reserve() {
    let mut w = world();
    let d = Actor::Delegator2;
    let stake = pending_stake(&mut w, L1, d);
    let (lock_before, reserve_before, legacy) =
        (locked(&mut w), reserve(&mut w), supply(&mut w, L1));
    ok(
        &mut w,
        Action::Migrate {
            actor: d,
            dest: Actor::Orchestrator1,
        },
    );
    assert_eq!(
        locked(&mut w),
        lock_before + stake,
        "the stake is locked on L1"
    );
    let ticket = last_ticket(&w);
    deliver(&mut w, ticket);
    assert_eq!(
        pending_stake(&mut w, L2, d),
        stake,
        "staked on L2 with its rewards"
    );
    assert_eq!(
        reserve(&mut w),
        reserve_before - stake,
        "paid from the reserve"
    );
    assert_eq!(pending_stake(&mut w, L1, d), U256::ZERO);
    assert_eq!(
        supply(&mut w, L1),
        legacy,
        "legacy LPT is locked, not burned"
    );
}

#[test]
fn a_cancelled_legacy_migration_leaves_its_lpt_locked_for_good() {
    let mut w = world();
    let d = Actor::Delegator4;
    let lock_before = locked(&mut w);
    ok(
        &mut w,
        Action::LockLegacy {
            actor: d,
            to: d,
            amount: Amount::Wei(lpt(300)),
        },
    );
    let ticket = last_ticket(&w);
    ok(&mut w, Action::Cancel { actor: d, ticket });
    assert_eq!(locked(&mut w), lock_before + lpt(300));
    let legacy_migrator = w.role(L1, Role::Migrator);
    let abi = harness::compile::compile(&harness::compile::contracts_dir())
        .unwrap()
        .get("LegacyMigrator")
        .unwrap()
        .abi
        .clone();
    let movers: Vec<String> = abi
        .functions()
        .filter(|f| f.state_mutability != alloy_json_abi::StateMutability::View)
        .map(|f| f.name.clone())
        .collect();
    assert_eq!(
        movers,
        vec!["migrateLiquid".to_string(), "migrateStake".to_string()],
        "no function of {legacy_migrator} could move locked LPT out"
    );
}

#[test]
fn lpt_prime_is_minted_against_l2_escrow_and_burned_to_release_it() {
    let mut w = world();
    let d = Actor::Delegator1;
    let (token, s1) = lpt_prime(&mut w);
    let (e2, l2_balance) = (escrow(&mut w), balance(&mut w, L2, d.address()));
    assert_eq!(e2, s1, "genesis LPT' is backed one for one");
    ok(
        &mut w,
        Action::Withdraw {
            actor: d,
            to: d,
            amount: Amount::Wei(lpt(150)),
        },
    );
    assert_eq!(escrow(&mut w), e2 + lpt(150), "escrowed on L2 at once");
    ok(
        &mut w,
        Action::Advance {
            clock: Clock::Both,
            seconds: 604_801,
        },
    );
    ok(
        &mut w,
        Action::ExecuteOutbox {
            actor: Actor::Attacker,
            message: 1,
        },
    );
    assert_eq!(lpt_prime(&mut w).1, s1 + lpt(150));
    assert_eq!(balance_of(&mut w, L1, token, d.address()), s1 + lpt(150));

    ok(
        &mut w,
        Action::Deposit {
            actor: d,
            to: d,
            amount: Amount::Wei(lpt(250)),
        },
    );
    assert_eq!(lpt_prime(&mut w).1, s1 - lpt(100), "burned on L1 at once");
    let ticket = last_ticket(&w);
    deliver(&mut w, ticket);
    assert_eq!(escrow(&mut w), e2 - lpt(100), "released on L2");
    assert_eq!(
        balance(&mut w, L2, d.address()),
        l2_balance - lpt(150) + lpt(250)
    );
}

#[test]
fn only_the_l1_bridge_mints_lpt_prime_and_only_for_the_l2_bridge() {
    let mut w = world();
    let attacker = Actor::Attacker.address();
    let mint = ILivepeerToken::mintCall {
        to: attacker,
        amount: lpt(1),
    };
    let why = fails(
        &mut w,
        Action::Call {
            actor: Actor::Attacker,
            chain: L1,
            contract: "LPTPrime".into(),
            data: mint.abi_encode().into(),
            value: U256::ZERO,
        },
    );
    assert!(why.contains("MissingRole"), "{why}");

    // A message to the L1 bridge from any L2 account but the L2 bridge is refused.
    let l1_bridge = w.role(L1, Role::Gateway);
    let forged = IBridgeInbound::finalizeInboundTransferCall {
        from: attacker,
        to: attacker,
        amount: lpt(1_000),
    };
    let send = IArbSys::sendTxToL1Call {
        destination: l1_bridge,
        data: forged.abi_encode().into(),
    };
    ok(
        &mut w,
        Action::Call {
            actor: Actor::Attacker,
            chain: L2,
            contract: "ArbSys".into(),
            data: send.abi_encode().into(),
            value: U256::ZERO,
        },
    );
    ok(
        &mut w,
        Action::Advance {
            clock: Clock::Both,
            seconds: 604_801,
        },
    );
    let why = fails(
        &mut w,
        Action::ExecuteOutbox {
            actor: Actor::Attacker,
            message: 1,
        },
    );
    assert!(why.contains("NotCounterpart"), "{why}");
}

#[test]
fn l2_inflation_is_computed_from_l2_supply() {
    let mut w = world();
    let s2 = supply(&mut w, L2);
    ok(
        &mut w,
        Action::Advance {
            clock: Clock::Both,
            seconds: 120,
        },
    );
    ok(
        &mut w,
        Action::Reward {
            actor: Actor::Orchestrator1,
            chain: L2,
        },
    );
    let minter = w.role(L2, Role::Minter);
    let rate = w.view(L2, minter, &IMinter::inflationCall {}).unwrap();
    let minted = supply(&mut w, L2) - s2;
    let staking = w.role(L2, Role::Staking);
    let bonded = w.view(L2, staking, &IStaking::totalBondedCall {}).unwrap() - minted;
    let o1 = w
        .view(
            L2,
            staking,
            &IStaking::getOrchestratorCall {
                orchestrator: Actor::Orchestrator1.address(),
            },
        )
        .unwrap()
        .delegatedAmount
        - minted;
    let mintable = s2 * rate / U256::from(1_000_000_000u64);
    assert_eq!(
        minted,
        mintable * o1 / bonded,
        "orchestrator1's share of S2 x rate"
    );
}
