//! Reading a whole chain in one call through the `WorldLens` contract deployed at genesis.

use alloy_primitives::Address;
use anyhow::Result;

use crate::actors::Actor;
use crate::bindings::IWorldLens::{self, ChainState};
use crate::chain::ChainId;
use crate::designs::Role;
use crate::world::World;

/// The contracts whose LPT balances a chain read reports, in order.
pub const WATCHED: [Role; 3] = [Role::Gateway, Role::Minter, Role::Migrator];

/// Addresses whose positions are read: every actor, then the design's migrators (so a
/// stake credited to a contract instead of its owner is visible too).
pub fn accounts(world: &World, chain: ChainId) -> Vec<Address> {
    let mut out: Vec<Address> = Actor::ALL.iter().map(|a| a.address()).collect();
    out.push(world.addr(chain, world.design.role_name(chain, Role::Migrator)));
    out
}

impl World {
    /// Everything the invariants need about `chain`, in one view call.
    pub fn read_chain(&mut self, chain: ChainId) -> Result<ChainState> {
        let d = self.design;
        let name = |r| d.role_name(chain, r);
        let call = IWorldLens::readCall {
            token: self.addr(chain, name(Role::Token)),
            minter: self.addr(chain, name(Role::Minter)),
            staking: self.addr(chain, name(Role::Staking)),
            accounts: accounts(self, chain),
            watched: WATCHED.iter().map(|r| self.addr(chain, name(*r))).collect(),
            pausables: vec![self.addr(chain, name(Role::Gateway))],
        };
        let lens = self.addr(chain, name(Role::Lens));
        self.view(chain, lens, &call)
    }
}
