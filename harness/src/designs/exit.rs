//! What the default exit of [`super::Design`] is made of: which chain is away from home,
//! an actor's account as last read, and its open unbonding locks.

use alloy_primitives::U256;
use anyhow::Result;
use invariants::view::Chains;

use super::interface::Role;
use crate::actors::Actor;
use crate::chain::ChainId;
use crate::world::World;

/// The other chain.
pub fn away_from(home: ChainId) -> ChainId {
    match home {
        ChainId::L1 => ChainId::L2,
        ChainId::L2 => ChainId::L1,
    }
}

/// `actor`'s account on `chain` as last read.
pub fn account(now: &Chains, chain: ChainId, actor: Actor) -> Option<&invariants::view::Account> {
    let accounts = match chain {
        ChainId::L1 => &now.l1.accounts,
        ChainId::L2 => &now.l2.accounts,
    };
    accounts.get(actor.index())
}

/// The ids of `actor`'s unbonding locks on `chain` that still hold LPT, from the shared
/// staking core's views.
pub fn open_locks(world: &mut World, chain: ChainId, actor: Actor) -> Result<Vec<u64>> {
    use crate::bindings::IStaking;
    let staking = world.role(chain, Role::Staking);
    let delegator = actor.address();
    let d = world.view(chain, staking, &IStaking::getDelegatorCall { delegator })?;
    let mut out = Vec::new();
    for id in 0..d.nextLockId.saturating_to::<u64>() {
        let lock = world.view(
            chain,
            staking,
            &IStaking::getUnbondingLockCall {
                delegator,
                lockId: U256::from(id),
            },
        )?;
        if !lock.amount.is_zero() {
            out.push(id);
        }
    }
    Ok(out)
}
