//! Reading a whole chain through the `WorldLens` contract deployed at genesis and the
//! token: the chain's figures, authorities and round, and each account's balance and
//! staking position, each answered from the chain's read
//! cache when the storage it read is unchanged (see [`crate::read_cache`]).

use alloy_primitives::Address;
use anyhow::Result;

use crate::bindings::ILivepeerToken;
use crate::bindings::IWorldLens::{self, Authorities, Figures, Stake};
use crate::chain::ChainId;
use crate::designs::Role;
use crate::world::World;

/// The contracts whose LPT balances a chain read reports, in order.
pub const WATCHED: [Role; 3] = [Role::Escrow, Role::Minter, Role::Migrator];

/// Everything the invariants read about one chain.
#[derive(Clone)]
pub struct ChainState {
    /// Supply, total bonded and watched balances.
    pub figures: Figures,
    /// Pause flags and authorities.
    pub authorities: Authorities,
    /// The current round.
    pub round: alloy_primitives::U256,
    /// The positions of [`accounts`], in order.
    pub accounts: Vec<AccountState>,
}

/// One account's LPT balance and staking position.
#[derive(Clone)]
pub struct AccountState {
    /// Liquid LPT.
    pub balance: alloy_primitives::U256,
    /// Stake, fees, bond and registration.
    pub stake: Stake,
}

/// Addresses whose positions are read: every actor, then the design's migrators (so a
/// stake credited to a contract instead of its owner is visible too).
pub fn accounts(world: &World, chain: ChainId) -> Vec<Address> {
    let mut out: Vec<Address> = world.design.cast().addresses().collect();
    out.push(world.role(chain, Role::Migrator));
    out
}

impl World {
    /// Everything the invariants need about `chain`.
    pub fn read_chain(&mut self, chain: ChainId) -> Result<ChainState> {
        let token = self.role(chain, Role::Token);
        let staking = self.role(chain, Role::Staking);
        let lens = self.role(chain, Role::Lens);
        let figures = IWorldLens::figuresCall {
            token,
            staking,
            watched: WATCHED.iter().map(|r| self.role(chain, *r)).collect(),
        };
        let authorities = IWorldLens::authoritiesCall {
            token,
            minter: self.role(chain, Role::Minter),
            pausables: vec![self.role(chain, Role::Gateway)],
        };
        let figures = self.chain(chain).view_cached(lens, &figures)?;
        let authorities = self.chain(chain).view_cached(lens, &authorities)?;
        let round = self
            .chain(chain)
            .view_cached(lens, &IWorldLens::roundCall { staking })?;
        let mut out = Vec::new();
        for a in accounts(self, chain) {
            let c = self.chain(chain);
            let balance = c.view_cached(token, &ILivepeerToken::balanceOfCall(a))?;
            let stake = c.view_cached(lens, &IWorldLens::stakeCall { staking, a })?;
            out.push(AccountState { balance, stake });
        }
        Ok(ChainState {
            figures,
            authorities,
            round,
            accounts: out,
        })
    }
}
