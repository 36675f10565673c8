//! Helpers the scenario tests of every design share: reads of positions, balances and
//! supplies, and running actions that must succeed.
#![allow(dead_code)]

use alloy_primitives::{Address, U256};
use harness::action::Action;
use harness::actors::Actor;
use harness::bindings::*;
use harness::chain::ChainId;
use harness::designs::Role;
use harness::world::World;

/// `who`'s pending stake (bonded plus unclaimed rewards) on `chain`.
pub fn pending_stake(w: &mut World, chain: ChainId, who: Actor) -> U256 {
    let staking = w.role(chain, Role::Staking);
    w.view(
        chain,
        staking,
        &IStaking::pendingStakeCall {
            delegator: who.address(),
        },
    )
    .unwrap()
}

/// `who`'s stored position on `chain`.
pub fn delegator(w: &mut World, chain: ChainId, who: Actor) -> IStaking::getDelegatorReturn {
    let staking = w.role(chain, Role::Staking);
    w.view(
        chain,
        staking,
        &IStaking::getDelegatorCall {
            delegator: who.address(),
        },
    )
    .unwrap()
}

/// `who`'s balance of `token` on `chain`.
pub fn balance_of(w: &mut World, chain: ChainId, token: Address, who: Address) -> U256 {
    w.view(chain, token, &ILivepeerToken::balanceOfCall(who))
        .unwrap()
}

/// `who`'s balance of the chain's LPT.
pub fn balance(w: &mut World, chain: ChainId, who: Address) -> U256 {
    let token = w.role(chain, Role::Token);
    balance_of(w, chain, token, who)
}

/// The total supply of `token` on `chain`.
pub fn supply_of(w: &mut World, chain: ChainId, token: Address) -> U256 {
    w.view(chain, token, &ILivepeerToken::totalSupplyCall {})
        .unwrap()
}

/// The chain's LPT supply.
pub fn supply(w: &mut World, chain: ChainId) -> U256 {
    let token = w.role(chain, Role::Token);
    supply_of(w, chain, token)
}

/// The LPT the gateway of `chain` holds (the escrow, where the design keeps it there).
pub fn gateway_balance(w: &mut World, chain: ChainId) -> U256 {
    let gateway = w.role(chain, Role::Gateway);
    balance(w, chain, gateway)
}

/// Runs `action`, which must succeed.
pub fn ok(w: &mut World, action: Action) {
    w.begin_step();
    let status = w.apply(&action).unwrap();
    assert!(status.is_ok(), "{action}: {status}");
}

/// Runs `action`, which must fail; returns why.
pub fn fails(w: &mut World, action: Action) -> String {
    w.begin_step();
    let status = w.apply(&action).unwrap();
    assert!(!status.is_ok(), "{action} should have failed");
    status.to_string()
}

/// The id of the ticket the last action created.
pub fn last_ticket(w: &World) -> u64 {
    *w.effects
        .tickets_created
        .last()
        .expect("the action created a ticket")
}

/// Auto-redeems ticket `id`, which must succeed.
pub fn deliver(w: &mut World, id: u64) {
    ok(w, Action::DeliverTicket { ticket: id });
}
