//! The invariants a project file gets from its roles (catalogue 30–32): what any pair of
//! lock-and-mint gateways must keep, whatever its contracts are called. They read only
//! token supplies, escrow balances, and mints and burns with the call stacks that reached
//! them; none decodes a gateway's messages, whose encoding differs from project to project.
//!
//! The harness fills a project's view thus: each chain's `tokens` lists its role tokens in
//! the order the file names them, each with its total supply and, on L1, what the L1
//! escrow holders hold of it together. The i-th L1 token and the i-th L2 token are a
//! bridged pair. The bridge's own invariants (`messages-final`,
//! `messages-wait-challenge-period`, `valid-tickets-complete`, ...) apply unchanged.

use alloy_primitives::{Address, U256};

use crate::view::{Frame, SupplyChange};
use crate::{violation, Invariant, Kind, View, Violation};

/// **30. The bridged supply is backed, pair by pair.** At every step, for each pair of
/// role tokens (the i-th of `roles.l1.token` and the i-th of `roles.l2.token`), the L2
/// token's total supply is at most what the L1 escrow holders hold of its L1 token, plus
/// what the project's declared L2 inflation paths have minted of the L2 token since
/// genesis (`roles.l2.inflation`; none by default): `S2ᵢ ≤ E1ᵢ + I2ᵢ`.
///
/// Why it holds however messages are in flight: a deposit escrows on L1 before its ticket
/// mints on L2, and a withdrawal burns on L2 before its message releases on L1, so each
/// half-finished move leaves `S2ᵢ` lower, never higher. A donation to the escrow only
/// raises `E1ᵢ`. What breaks it is an L2 mint that nothing was escrowed for, or an L1
/// release that nothing was burnt for. Inflation withdrawn to L1 lowers `S2ᵢ` as it
/// leaves, so the bound keeps holding whether or not the escrow can pay it out.
///
/// Pair by pair, not in total: a gateway that escrows one token and mints another's
/// counterpart (a token-confusion bug) keeps the totals equal while one pair is unbacked.
pub struct BridgedSupplyBacked;

impl Invariant for BridgedSupplyBacked {
    fn name(&self) -> &'static str {
        "bridged-supply-backed"
    }
    fn number(&self) -> u8 {
        30
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "each L2 role token's supply never exceeds what the L1 escrow holds of its pair, plus L2 inflation"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        for (l1, l2) in v.now.l1.tokens.iter().zip(&v.now.l2.tokens) {
            let inflation = v.ghost.inflation_of(l2.token);
            let backing = l1.escrowed + inflation;
            if l2.supply > backing {
                return Err(violation(
                    self,
                    v,
                    format!(
                        "{} more {} exist on L2 than the L1 escrow holds of its pair {}, \
                         plus its L2 inflation ({inflation})",
                        l2.supply - backing,
                        l2.token,
                        l1.token,
                    ),
                    ("L2 supply", l2.supply),
                    ("L1 escrow + L2 inflation", backing),
                ));
            }
        }
        Ok(())
    }
}

/// A call path the project file allows to mint or burn: its frames, each a contract and a
/// selector, must occur in a call stack in this order (other frames may come between).
pub type CallPath = Vec<(Address, [u8; 4])>;

/// What a project file declares of one chain's supply: its tokens, and the call paths that
/// may mint and burn them.
#[derive(Debug, Clone, Default)]
pub struct SupplyRules {
    /// The role tokens (none if the chain has none).
    pub tokens: Vec<Address>,
    /// Paths that may mint them.
    pub mint: Vec<CallPath>,
    /// Paths that may burn them.
    pub burn: Vec<CallPath>,
    /// Paths whose mints are inflation (they may mint too).
    pub inflation: Vec<CallPath>,
}

/// Whether `stack` passes through every frame of `path`, in order.
pub fn follows(stack: &[Frame], path: &CallPath) -> bool {
    let mut frames = stack.iter();
    path.iter()
        .all(|(target, selector)| frames.any(|f| f.target == *target && f.selector == *selector))
}

/// **31. Mints take a declared path.** Every mint of any of a chain's role tokens, after
/// genesis, is reached through one of the mint or inflation paths the project file
/// declares for that chain (`roles.l1.mint`, `roles.l2.mint`, `roles.*.inflation`). A chain
/// with no declared path may not mint its tokens.
pub struct MintsTakeDeclaredPaths(pub [SupplyRules; 2]);

/// **32. Burns take a declared path.** The same for burns (`roles.*.burn`).
pub struct BurnsTakeDeclaredPaths(pub [SupplyRules; 2]);

fn check_paths(
    inv: &dyn Invariant,
    v: &View,
    rules: &[SupplyRules; 2],
    mint: bool,
) -> Result<(), Violation> {
    let stray = |c: &&SupplyChange| {
        let rules = &rules[usize::from(!c.on_l1)];
        let paths = if mint { &rules.mint } else { &rules.burn }.iter();
        let inflation = rules.inflation.iter().filter(|_| mint);
        c.mint == mint
            && rules.tokens.contains(&c.token)
            && !paths.chain(inflation).any(|p| follows(&c.stack, p))
    };
    if let Some(c) = v.supply_changes.iter().find(stray) {
        let entry = c.stack.first().map(|f| f.caller).unwrap_or(Address::ZERO);
        return Err(violation(
            inv,
            v,
            format!(
                "{} {} on {} reached through no declared {} path (the transaction came from {entry})",
                if mint { "a mint to" } else { "a burn from" },
                c.holder,
                if c.on_l1 { "L1" } else { "L2" },
                if mint { "mint" } else { "burn" },
            ),
            (if mint { "minted" } else { "burnt" }, c.amount),
            ("allowed", U256::ZERO),
        ));
    }
    Ok(())
}

impl Invariant for MintsTakeDeclaredPaths {
    fn name(&self) -> &'static str {
        "mints-take-declared-paths"
    }
    fn number(&self) -> u8 {
        31
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "every mint of a role token is reached through a mint path the project file declares"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        check_paths(self, v, &self.0, true)
    }
}

impl Invariant for BurnsTakeDeclaredPaths {
    fn name(&self) -> &'static str {
        "burns-take-declared-paths"
    }
    fn number(&self) -> u8 {
        32
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "every burn of a role token is reached through a burn path the project file declares"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        check_paths(self, v, &self.0, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::{Context, SupplyChange};

    const TOKEN: Address = Address::repeat_byte(0x70);
    const GATEWAY: Address = Address::repeat_byte(0x60);
    const ATTACKER: Address = Address::repeat_byte(0xa7);
    const FINALIZE: [u8; 4] = [1, 2, 3, 4];
    const MINT: [u8; 4] = [0x40, 0xc1, 0x0f, 0x19];
    const MINTER: Address = Address::repeat_byte(0x50);
    const REWARD: [u8; 4] = [5, 6, 7, 8];

    fn rules() -> [SupplyRules; 2] {
        [
            SupplyRules {
                tokens: vec![Address::repeat_byte(0x71)],
                ..Default::default()
            },
            SupplyRules {
                tokens: vec![TOKEN],
                mint: vec![vec![(GATEWAY, FINALIZE)]],
                burn: Vec::new(),
                inflation: vec![vec![(MINTER, REWARD)]],
            },
        ]
    }

    fn mint_on_l2(stack: Vec<Frame>) -> View {
        let mut v = View::default();
        v.supply_changes.push(SupplyChange {
            on_l1: false,
            mint: true,
            token: TOKEN,
            holder: ATTACKER,
            amount: U256::from(5),
            stack,
            context: Context::Direct,
        });
        v
    }

    fn frame(caller: Address, target: Address, selector: [u8; 4]) -> Frame {
        Frame {
            caller,
            target,
            selector,
        }
    }

    fn pair(token: Address, supply: u64, escrowed: u64) -> crate::view::TokenSupply {
        crate::view::TokenSupply {
            token,
            supply: U256::from(supply),
            escrowed: U256::from(escrowed),
        }
    }

    #[test]
    fn backed_supply_holds_and_an_unbacked_one_fires() {
        let l1_token = Address::repeat_byte(0x71);
        let mut v = View::default();
        v.now.l1.tokens = vec![pair(l1_token, 1000, 10)];
        v.now.l2.tokens = vec![pair(TOKEN, 10, 0)];
        assert!(BridgedSupplyBacked.check(&v).is_ok());
        v.now.l2.tokens[0].supply = U256::from(11);
        let e = BridgedSupplyBacked.check(&v).unwrap_err();
        assert_eq!((e.lhs, e.rhs), (U256::from(11), U256::from(10)));
        // What the L2 inflation paths minted of this token is new supply, not bridged.
        v.ghost.add_inflation(TOKEN, U256::from(1));
        assert!(BridgedSupplyBacked.check(&v).is_ok());
        v.now.l2.tokens[0].supply = U256::from(12);
        assert!(BridgedSupplyBacked.check(&v).is_err());
        // Inflation of another token does not back this one.
        v.ghost
            .add_inflation(Address::repeat_byte(0x99), U256::from(5));
        assert!(BridgedSupplyBacked.check(&v).is_err());
    }

    #[test]
    fn each_pair_is_backed_by_its_own_escrow_not_the_total() {
        let (a1, a2) = (Address::repeat_byte(0xa1), Address::repeat_byte(0xa2));
        let (b1, b2) = (Address::repeat_byte(0xb1), Address::repeat_byte(0xb2));
        let mut v = View::default();
        v.now.l1.tokens = vec![pair(a1, 500, 100), pair(b1, 500, 40)];
        v.now.l2.tokens = vec![pair(a2, 60, 0), pair(b2, 40, 0)];
        assert!(BridgedSupplyBacked.check(&v).is_ok());
        // 100 escrowed against 100 minted in total, but B's 40 back 70.
        v.now.l2.tokens[1].supply = U256::from(70);
        v.now.l2.tokens[0].supply = U256::from(30);
        let e = BridgedSupplyBacked.check(&v).unwrap_err();
        assert_eq!((e.lhs, e.rhs), (U256::from(70), U256::from(40)));
        assert!(e.detail.contains(&b2.to_string()), "{}", e.detail);
    }

    #[test]
    fn an_inflation_path_may_mint_but_not_burn() {
        let reward = mint_on_l2(vec![
            frame(ATTACKER, MINTER, REWARD),
            frame(MINTER, TOKEN, MINT),
        ]);
        assert!(MintsTakeDeclaredPaths(rules()).check(&reward).is_ok());
        let mut burn = reward;
        burn.supply_changes[0].mint = false;
        assert!(BurnsTakeDeclaredPaths(rules()).check(&burn).is_err());
    }

    #[test]
    fn a_mint_through_the_gateway_holds_and_a_direct_one_fires() {
        let through = mint_on_l2(vec![
            frame(ATTACKER, GATEWAY, FINALIZE),
            frame(GATEWAY, TOKEN, MINT),
        ]);
        assert!(MintsTakeDeclaredPaths(rules()).check(&through).is_ok());
        let direct = mint_on_l2(vec![frame(ATTACKER, TOKEN, MINT)]);
        let e = MintsTakeDeclaredPaths(rules()).check(&direct).unwrap_err();
        assert_eq!(e.lhs, U256::from(5));
        assert!(e.detail.contains("L2"), "{}", e.detail);
    }

    #[test]
    fn a_burn_with_no_declared_path_fires_and_another_token_is_not_judged() {
        let mut v = mint_on_l2(vec![frame(ATTACKER, TOKEN, MINT)]);
        v.supply_changes[0].mint = false;
        assert!(BurnsTakeDeclaredPaths(rules()).check(&v).is_err());
        v.supply_changes[0].token = Address::repeat_byte(0x99);
        assert!(BurnsTakeDeclaredPaths(rules()).check(&v).is_ok());
    }

    #[test]
    fn a_path_is_matched_in_order_with_frames_between() {
        let path: CallPath = vec![(GATEWAY, FINALIZE), (TOKEN, MINT)];
        let stack = [
            frame(ATTACKER, GATEWAY, FINALIZE),
            frame(GATEWAY, ATTACKER, [9, 9, 9, 9]),
            frame(GATEWAY, TOKEN, MINT),
        ];
        assert!(follows(&stack, &path));
        let reversed = [stack[2], stack[0]];
        assert!(!follows(&reversed, &path));
    }
}
