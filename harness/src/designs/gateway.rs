//! The standard L1 ↔ L2 gateway pair that designs A and B share (`L1GatewayBase` on L1,
//! `L2Gateway` on L2, `L1Migrator` and `L2Migrator` for stake): what its tickets carry, and
//! how the migrate, deposit and withdraw actions drive it. The designs differ only in how
//! the L1 gateway pays a withdrawal out, which the contracts decide.

use alloy_primitives::{Address, U256};
use alloy_sol_types::{SolCall, SolValue};
use anyhow::Result;
use invariants::view::{Book, Channel};

use super::deploy::{ticket_cost, TICKET_GAS_PRICE, TICKET_MAX_GAS};
use super::{Carried, Role};
use crate::action::Action;
use crate::bindings::{IL1Gateway, IL1Migrator, IL2Gateway, ILivepeerToken};
use crate::bridge::{OutboxMessage, Ticket};
use crate::chain::ChainId::{L1, L2};
use crate::step::StepStatus;
use crate::world::World;

/// What a gateway ticket carries: a deposit to its recipient, or (from the L1 Migrator to
/// the L2 Migrator, with the delegator and destination as call-hook data) a stake
/// migration. A plain deposit and a migration are valid; a deposit with a call hook its
/// sender chose completes only if the hook does.
pub fn deposit_ticket(book: &Book, t: &Ticket) -> Carried {
    if t.l1_sender != book.l1_gateway || t.to != book.l2_gateway {
        return Carried::default();
    }
    let Ok(call) = IL2Gateway::finalizeInboundTransferCall::abi_decode(&t.data) else {
        return Carried::default();
    };
    if call.to == book.l2_migrator && call.from == book.l1_migrator {
        if let Ok((delegator, dest)) = <(Address, Address)>::abi_decode_params(&call.data) {
            return Carried {
                lpt: call.amount,
                beneficiary: delegator,
                migration: Some((delegator, dest)),
                channel: Channel::Bridge,
                valid: true,
            };
        }
    }
    Carried {
        lpt: call.amount,
        beneficiary: call.to,
        migration: None,
        channel: Channel::Bridge,
        valid: call.amount > U256::ZERO && call.data.is_empty(),
    }
}

/// The LPT a deposit event of the L1 gateway says it escrowed.
pub fn deposit_event(log: &alloy_primitives::Log) -> Option<U256> {
    crate::chain::event::<IL1Gateway::DepositInitiated>(log).map(|e| e.amount)
}

/// What a bridge message carries, in every design: LPT to its recipient, for a message
/// from the L2 gateway (bridge) to the L1 gateway (bridge) calling
/// `finalizeInboundTransfer(from, to, amount)`. Anything else carries nothing.
pub fn withdrawal_message(book: &Book, m: &OutboxMessage) -> (U256, Address) {
    if m.l2_sender != book.l2_gateway || m.to != book.l1_gateway {
        return (U256::ZERO, Address::ZERO);
    }
    match IL1Gateway::finalizeInboundTransferCall::abi_decode(&m.data) {
        Ok(call) => (call.amount, call.to),
        Err(_) => (U256::ZERO, Address::ZERO),
    }
}

/// Runs `Migrate`, `Deposit` or `Withdraw` through the standard gateway pair; `None` for
/// any other action.
pub fn run_action(world: &mut World, action: &Action) -> Option<Result<StepStatus>> {
    let zero = U256::ZERO;
    Some(match action {
        Action::Migrate { actor, dest } => world.call_as(
            L1,
            *actor,
            Role::Migrator,
            &IL1Migrator::migrateCall {
                destOrchestrator: dest.address(),
            },
            ticket_cost(),
        ),
        Action::Deposit { actor, to, amount } => (|| {
            let token = world.role(L1, Role::Token);
            let amount = world.resolve(amount, *actor, L1, token)?;
            let gateway = world.role(L1, Role::Gateway);
            let approve = ILivepeerToken::approveCall {
                spender: gateway,
                amount,
            };
            world.call_as(L1, *actor, Role::Token, &approve, zero)?;
            let deposit = IL1Gateway::outboundTransferCall {
                to: to.address(),
                amount,
                maxGas: U256::from(TICKET_MAX_GAS),
                gasPriceBid: U256::from(TICKET_GAS_PRICE),
            };
            world.call_as(L1, *actor, Role::Gateway, &deposit, ticket_cost())
        })(),
        Action::Withdraw { actor, to, amount } => (|| {
            let token = world.role(L2, Role::Token);
            let amount = world.resolve(amount, *actor, L2, token)?;
            let withdraw = IL2Gateway::outboundTransferCall {
                to: to.address(),
                amount,
            };
            world.call_as(L2, *actor, Role::Gateway, &withdraw, zero)
        })(),
        _ => return None,
    })
}

/// Whether `action` is one the standard gateway pair runs.
pub fn is_gateway_action(action: &Action) -> bool {
    matches!(
        action,
        Action::Migrate { .. } | Action::Deposit { .. } | Action::Withdraw { .. }
    )
}
