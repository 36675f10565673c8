//! The narrow hook through which the campaign asks a design for one of its own actions:
//! the design says what to build, and draws every random choice through [`Draw`], which the
//! campaign implements over its generator, its dictionary of interesting values and the
//! state as last read. So the campaign depends on the designs and never the reverse.

use crate::actors::Actor;
use crate::amount::Amount;
use crate::chain::ChainId;

/// What an action spends, so that its actor can be one who has some.
#[derive(Debug, Clone, Copy)]
pub enum Holding {
    /// Liquid LPT (and LPT′) on a chain.
    Liquid(ChainId),
    /// Bonded stake on a chain.
    Stake(ChainId),
    /// LPT in unbonding locks on a chain.
    Unbonding(ChainId),
    /// Withdrawable fees on a chain.
    Fees(ChainId),
}

/// The random choices a design may make when it proposes an action.
pub trait Draw {
    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool;

    /// A number below `n` (zero when `n` is zero).
    fn below(&mut self, n: usize) -> usize;

    /// Any actor, the attacker more often than anyone else.
    fn actor(&mut self) -> Actor;

    /// An actor for an action that spends `holding`: often one who has some.
    fn holder(&mut self, holding: Holding) -> Actor;

    /// An amount that leans toward where bugs live: zero, one, balances and stakes and
    /// their neighbours, and the values contracts compared with.
    fn amount(&mut self) -> Amount;
}

/// One element of `items`, drawn through `draw`.
pub fn pick<'a, T>(draw: &mut dyn Draw, items: &'a [T]) -> &'a T {
    &items[draw.below(items.len())]
}
