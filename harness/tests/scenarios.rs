//! Design A's scenarios, on the real compiled contracts across both chains.

mod common;

use alloy_primitives::{Address, U256};
use alloy_sol_types::{SolCall, SolValue};
use harness::actors::Actor;
use harness::bindings::*;
use harness::bridge::{
    apply_alias, TicketState, ARB_SYS, DEFAULT_CHALLENGE_PERIOD, TICKET_LIFETIME,
};
use harness::chain::ChainId::{L1, L2};
use harness::designs::design_a::{lpt, ticket_cost, ROUND_LENGTH, UNBONDING_PERIOD};
use harness::designs::{fresh_world, DesignId};
use harness::world::World;

use common::{balance, delegator, pending_stake, supply};

fn world() -> World {
    fresh_world(DesignId::A).expect("design A genesis")
}

fn escrow(w: &mut World) -> U256 {
    let gw = w.addr(L1, "L1Gateway");
    balance(w, L1, gw)
}

fn migrate(w: &mut World, who: Actor, dest: Actor) -> u64 {
    let migrator = w.addr(L1, "L1Migrator");
    w.send_ok(
        L1,
        who.address(),
        migrator,
        &IL1Migrator::migrateCall {
            destOrchestrator: dest.address(),
        },
        ticket_cost(),
    )
    .unwrap();
    *w.effects
        .tickets_created
        .last()
        .expect("migration created a ticket")
}

fn deliver(w: &mut World, ticket: u64) {
    w.auto_redeem(ticket, None)
        .unwrap()
        .expect("ticket accepted")
        .require_ok("ticket")
        .unwrap();
}

#[test]
fn delegator_migration_moves_bond_and_rewards_and_leaves_fees_on_l1() {
    let mut w = world();
    let d = Actor::Delegator2;
    let stored = delegator(&mut w, L1, d).bondedAmount;
    let pending = pending_stake(&mut w, L1, d);
    assert!(
        pending > stored,
        "genesis leaves delegator2 with unclaimed L1 rewards"
    );
    let bm = w.addr(L1, "L1BondingManager");
    let fees = w
        .view(
            L1,
            bm,
            &IStaking::pendingFeesCall {
                delegator: d.address(),
            },
        )
        .unwrap();
    assert!(fees > U256::ZERO, "genesis gives delegator2 fees");
    let escrow_before = escrow(&mut w);

    let ticket = migrate(&mut w, d, Actor::Orchestrator1);
    assert_eq!(
        escrow(&mut w),
        escrow_before + pending,
        "the stake is escrowed on L1"
    );
    assert_eq!(
        pending_stake(&mut w, L2, d),
        U256::ZERO,
        "nothing on L2 before the ticket runs"
    );
    deliver(&mut w, ticket);

    assert_eq!(
        pending_stake(&mut w, L2, d),
        pending,
        "L2 stake = bonded + pending rewards"
    );
    assert_eq!(
        delegator(&mut w, L2, d).delegate,
        Actor::Orchestrator1.address()
    );
    let l1 = delegator(&mut w, L1, d);
    assert_eq!(l1.bondedAmount, U256::ZERO);
    assert_eq!(l1.delegate, Address::ZERO);
    assert_eq!(pending_stake(&mut w, L1, d), U256::ZERO);
    assert_eq!(
        w.view(
            L1,
            bm,
            &IStaking::pendingFeesCall {
                delegator: d.address()
            }
        )
        .unwrap(),
        fees
    );

    let eth_before = w.l1.balance(d.address());
    w.send_ok(
        L1,
        d.address(),
        bm,
        &IStaking::withdrawFeesCall {},
        U256::ZERO,
    )
    .unwrap();
    assert_eq!(
        w.l1.balance(d.address()),
        eth_before + fees,
        "L1 fees stay withdrawable"
    );
}

#[test]
fn orchestrator_migration_unregisters_on_l1_and_can_register_on_l2() {
    let mut w = world();
    let o = Actor::Orchestrator2;
    let bm = w.addr(L1, "L1BondingManager");
    assert!(w
        .view(
            L1,
            bm,
            &IStaking::isRegisteredCall {
                orchestrator: o.address()
            }
        )
        .unwrap());
    let pending = pending_stake(&mut w, L1, o);
    let ticket = migrate(&mut w, o, o);
    assert!(!w
        .view(
            L1,
            bm,
            &IStaking::isRegisteredCall {
                orchestrator: o.address()
            }
        )
        .unwrap());
    deliver(&mut w, ticket);
    assert_eq!(pending_stake(&mut w, L2, o), pending);
    assert_eq!(
        delegator(&mut w, L2, o).delegate,
        o.address(),
        "self-migration bonds to itself"
    );
    let sm = w.addr(L2, "L2StakingManager");
    w.send_ok(
        L2,
        o.address(),
        sm,
        &IStaking::registerOrchestratorCall {
            rewardCut: U256::from(1),
            feeShare: U256::from(2),
        },
        U256::ZERO,
    )
    .unwrap();
    assert!(w
        .view(
            L2,
            sm,
            &IStaking::isRegisteredCall {
                orchestrator: o.address()
            }
        )
        .unwrap());
}

#[test]
fn migration_to_unregistered_orchestrator_becomes_an_immediately_withdrawable_lock() {
    let mut w = world();
    let d = Actor::Delegator3;
    let pending = pending_stake(&mut w, L1, d);
    // orchestrator3 has not migrated, so it is not registered on L2.
    let ticket = migrate(&mut w, d, Actor::Orchestrator3);
    deliver(&mut w, ticket);
    assert_eq!(
        w.ticket_state(ticket),
        Some(TicketState::Redeemed),
        "the ticket must not fail"
    );
    let on_l2 = delegator(&mut w, L2, d);
    assert_eq!(on_l2.bondedAmount, U256::ZERO);
    assert_eq!(on_l2.unbondingTotal, pending, "held as an unbonding lock");
    let sm = w.addr(L2, "L2StakingManager");
    w.send_ok(
        L2,
        d.address(),
        sm,
        &IStaking::withdrawStakeCall { lockId: U256::ZERO },
        U256::ZERO,
    )
    .unwrap();
    assert_eq!(
        balance(&mut w, L2, d.address()),
        pending,
        "withdrawable at once"
    );
}

#[test]
fn liquid_round_trip_with_outbox_lifecycle() {
    let mut w = world();
    let d = Actor::Delegator4;
    let gw1 = w.addr(L1, "L1Gateway");
    let gw2 = w.addr(L2, "L2Gateway");
    let token1 = w.addr(L1, "L1Token");
    let l1_before = balance(&mut w, L1, d.address());
    let escrow_before = escrow(&mut w);
    let amount = lpt(100);

    w.send_ok(
        L1,
        d.address(),
        token1,
        &ILivepeerToken::approveCall {
            spender: gw1,
            amount,
        },
        U256::ZERO,
    )
    .unwrap();
    w.send_ok(
        L1,
        d.address(),
        gw1,
        &IL1Gateway::outboundTransferCall {
            to: d.address(),
            amount,
            maxGas: U256::from(1_000_000),
            gasPriceBid: U256::from(1_000_000_000u64),
        },
        ticket_cost(),
    )
    .unwrap();
    let ticket = *w.effects.tickets_created.last().unwrap();
    assert_eq!(escrow(&mut w), escrow_before + amount);
    deliver(&mut w, ticket);
    assert_eq!(balance(&mut w, L2, d.address()), amount);

    let l2_supply = supply(&mut w, L2);
    w.send_ok(
        L2,
        d.address(),
        gw2,
        &IL2Gateway::outboundTransferCall {
            to: d.address(),
            amount,
        },
        U256::ZERO,
    )
    .unwrap();
    assert_eq!(
        supply(&mut w, L2),
        l2_supply - amount,
        "the burn is final on L2 at once"
    );
    let msg = *w.effects.outbox_sent.last().unwrap();

    let early = w.execute_outbox(msg, Actor::Attacker.address()).unwrap();
    assert!(
        early.is_err(),
        "execution before the challenge period is refused"
    );
    w.advance_both(DEFAULT_CHALLENGE_PERIOD);
    w.execute_outbox(msg, Actor::Attacker.address())
        .unwrap()
        .expect("matured message executes");
    assert_eq!(
        balance(&mut w, L1, d.address()),
        l1_before,
        "the LPT is back on L1"
    );
    assert_eq!(escrow(&mut w), escrow_before, "released from escrow");
    let twice = w.execute_outbox(msg, Actor::Attacker.address()).unwrap();
    assert!(twice.is_err(), "a second execution is refused");
    assert_eq!(w.relayer.outbox[msg as usize].executions, 1);
}

#[test]
fn withdrawal_above_escrow_mints_exactly_the_shortfall() {
    let mut w = world();
    let o = Actor::Orchestrator1;
    let d = Actor::Delegator1;
    let sm = w.addr(L2, "L2StakingManager");
    let gw2 = w.addr(L2, "L2Gateway");
    let token2 = w.addr(L2, "L2Token");
    let zero = U256::ZERO;

    // L2 inflation: orchestrator1 calls reward on L2.
    w.advance_blocks(ROUND_LENGTH);
    w.send_ok(L2, o.address(), sm, &IStaking::rewardCall {}, zero)
        .unwrap();
    assert!(
        w.effects
            .supply
            .iter()
            .any(|s| s.chain == L2 && s.event.is_mint()),
        "reward minted on L2"
    );

    // Move everything on L2 to orchestrator1 and withdraw it all.
    let stake = pending_stake(&mut w, L2, o);
    w.send_ok(
        L2,
        o.address(),
        sm,
        &IStaking::unbondCall { amount: stake },
        zero,
    )
    .unwrap();
    w.advance_blocks(ROUND_LENGTH * (UNBONDING_PERIOD + 1));
    w.send_ok(
        L2,
        o.address(),
        sm,
        &IStaking::withdrawStakeCall { lockId: U256::ZERO },
        zero,
    )
    .unwrap();
    let d_l2 = balance(&mut w, L2, d.address());
    w.send_ok(
        L2,
        d.address(),
        token2,
        &ILivepeerToken::transferCall {
            to: o.address(),
            amount: d_l2,
        },
        zero,
    )
    .unwrap();
    let x = balance(&mut w, L2, o.address());
    let e = escrow(&mut w);
    assert!(
        x > e,
        "L2 inflation makes the withdrawal larger than the escrow"
    );

    w.send_ok(
        L2,
        o.address(),
        gw2,
        &IL2Gateway::outboundTransferCall {
            to: o.address(),
            amount: x,
        },
        zero,
    )
    .unwrap();
    let msg = *w.effects.outbox_sent.last().unwrap();
    w.advance_both(DEFAULT_CHALLENGE_PERIOD);
    let l1_supply = supply(&mut w, L1);
    let l1_balance = balance(&mut w, L1, o.address());
    w.begin_step();
    let outcome = w
        .execute_outbox(msg, o.address())
        .unwrap()
        .expect("withdrawal executes");
    let finalized = outcome.events::<IL1Gateway::WithdrawalFinalized>();
    assert_eq!(finalized.len(), 1);
    assert_eq!(finalized[0].1.minted, x - e);
    assert_eq!(
        supply(&mut w, L1),
        l1_supply + (x - e),
        "L1 minted exactly the shortfall"
    );
    assert_eq!(escrow(&mut w), U256::ZERO, "and the escrow is empty");
    assert_eq!(balance(&mut w, L1, o.address()), l1_balance + x);
    let mints: Vec<_> = w
        .effects
        .supply
        .iter()
        .filter(|s| s.chain == L1 && s.event.is_mint())
        .collect();
    assert_eq!(mints.len(), 1);
    assert_eq!(mints[0].event.amount, x - e);
}

#[test]
fn forged_calls_revert() {
    let mut w = world();
    let attacker = Actor::Attacker.address();
    let zero = U256::ZERO;
    let gw2 = w.addr(L2, "L2Gateway");
    let mig2 = w.addr(L2, "L2Migrator");
    let gw1 = w.addr(L1, "L1Gateway");
    let mig1 = w.addr(L1, "L1Migrator");
    let bm = w.addr(L1, "L1BondingManager");

    let forged_deposit = IL2Gateway::finalizeInboundTransferCall {
        from: attacker,
        to: attacker,
        amount: lpt(1000),
        data: Default::default(),
    };
    assert!(
        !w.send(L2, attacker, gw2, &forged_deposit, zero)
            .unwrap()
            .ok(),
        "L2 gateway finalisation by an attacker"
    );
    // Even from the alias of the wrong L1 contract.
    assert!(
        !w.send(L2, apply_alias(mig1), gw2, &forged_deposit, zero)
            .unwrap()
            .ok(),
        "from the L1 Migrator's alias"
    );
    let forged_migration = IL2Migrator::onTokenTransferCall {
        from: mig1,
        amount: lpt(1000),
        data: (attacker, attacker).abi_encode_params().into(),
    };
    assert!(
        !w.send(L2, attacker, mig2, &forged_migration, zero)
            .unwrap()
            .ok(),
        "L2 Migrator finalisation by an attacker"
    );

    let forged_release = IL1Gateway::finalizeInboundTransferCall {
        from: attacker,
        to: attacker,
        amount: lpt(1000),
    };
    assert!(
        !w.send(L1, attacker, gw1, &forged_release, zero)
            .unwrap()
            .ok(),
        "L1 gateway finalisation outside the outbox"
    );
    // Through the outbox, but sent on L2 by the attacker rather than the L2 gateway.
    let forged_message = IArbSys::sendTxToL1Call {
        destination: gw1,
        data: forged_release.abi_encode().into(),
    };
    w.send_ok(L2, attacker, ARB_SYS, &forged_message, zero)
        .unwrap();
    let msg = *w.effects.outbox_sent.last().unwrap();
    w.advance_both(DEFAULT_CHALLENGE_PERIOD);
    let before = balance(&mut w, L1, attacker);
    let result = w.execute_outbox(msg, attacker).unwrap();
    assert!(
        result.is_err(),
        "outbox execution with the wrong L2 sender is refused"
    );
    assert_eq!(balance(&mut w, L1, attacker), before);

    for (chain, minter) in [(L1, w.addr(L1, "L1Minter")), (L2, w.addr(L2, "L2Minter"))] {
        let mint = IMinter::mintCall {
            to: attacker,
            amount: lpt(1),
        };
        assert!(
            !w.send(chain, attacker, minter, &mint, zero).unwrap().ok(),
            "Minter.mint by an attacker on {chain}"
        );
    }
    let steal = IStaking::migrateStakeCall {
        delegator: Actor::Delegator1.address(),
    };
    assert!(
        !w.send(L1, attacker, bm, &steal, zero).unwrap().ok(),
        "migrateStake by an attacker"
    );
    assert!(pending_stake(&mut w, L1, Actor::Delegator1) > U256::ZERO);
}

#[test]
fn ticket_lifecycle_failed_redeemed_refused_and_expired() {
    let mut w = world();
    let ticket = migrate(&mut w, Actor::Delegator2, Actor::Orchestrator1);
    let failed = w
        .auto_redeem(ticket, Some(harness::bridge::STARVED_GAS))
        .unwrap()
        .unwrap();
    assert!(!failed.ok());
    assert_eq!(w.ticket_state(ticket), Some(TicketState::Failed));
    assert!(
        w.auto_redeem(ticket, None).unwrap().is_err(),
        "auto-redeem runs once"
    );
    w.redeem(ticket)
        .unwrap()
        .unwrap()
        .require_ok("manual redeem")
        .unwrap();
    assert_eq!(w.ticket_state(ticket), Some(TicketState::Redeemed));
    assert!(pending_stake(&mut w, L2, Actor::Delegator2) > U256::ZERO);
    assert!(
        w.redeem(ticket).unwrap().is_err(),
        "a second redeem is refused"
    );
    assert_eq!(w.relayer.tickets[ticket as usize].successes, 1);

    let escrow_before = escrow(&mut w);
    let pending = pending_stake(&mut w, L1, Actor::Delegator3);
    let lost = migrate(&mut w, Actor::Delegator3, Actor::Orchestrator1);
    assert_eq!(escrow(&mut w), escrow_before + pending);
    w.advance_both(TICKET_LIFETIME + 1);
    assert_eq!(w.ticket_state(lost), Some(TicketState::Expired));
    assert!(w.effects.tickets_lost.contains(&lost));
    assert!(
        w.redeem(lost).unwrap().is_err(),
        "an expired ticket cannot be redeemed"
    );
    assert_eq!(
        escrow(&mut w),
        escrow_before + pending,
        "its tokens stay in the L1 escrow"
    );
    assert_eq!(pending_stake(&mut w, L2, Actor::Delegator3), U256::ZERO);
}

#[test]
fn beneficiary_alone_can_cancel() {
    let mut w = world();
    let ticket = migrate(&mut w, Actor::Delegator4, Actor::Orchestrator1);
    assert!(w.cancel(ticket, Actor::Attacker.address()).is_err());
    w.cancel(ticket, Actor::Delegator4.address()).unwrap();
    assert_eq!(w.ticket_state(ticket), Some(TicketState::Cancelled));
    assert!(w.auto_redeem(ticket, None).unwrap().is_err());
}

#[test]
fn snapshot_restore_is_exact() {
    let mut w = world();
    let snap = w.snapshot();
    let before = pending_stake(&mut w, L1, Actor::Delegator1);
    migrate(&mut w, Actor::Delegator1, Actor::Orchestrator1);
    assert_eq!(pending_stake(&mut w, L1, Actor::Delegator1), U256::ZERO);
    let mut back = World::from_snapshot(&snap);
    assert_eq!(pending_stake(&mut back, L1, Actor::Delegator1), before);
    assert!(back.relayer.tickets.len() < w.relayer.tickets.len());
}
