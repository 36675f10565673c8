//! Minting-authority invariants (catalogue 7–9), checked on call stacks, not balances.

use alloy_primitives::{keccak256, Address, U256};

use crate::view::{Context, Frame, SupplyChange};
use crate::{violation, Invariant, Kind, View, Violation};

/// The selector of a function signature, hashed once (checks run after every step).
macro_rules! selector {
    ($signature:literal) => {{
        static SELECTOR: std::sync::LazyLock<[u8; 4]> = std::sync::LazyLock::new(|| {
            let h = keccak256($signature.as_bytes());
            [h[0], h[1], h[2], h[3]]
        });
        *SELECTOR
    }};
}

/// Whether `stack` ends with frames whose targets are `path` in order.
fn ends_with(stack: &[Frame], path: &[Address]) -> bool {
    stack.len() >= path.len()
        && stack[stack.len() - path.len()..]
            .iter()
            .zip(path)
            .all(|(f, a)| f.target == *a)
}

fn render(stack: &[Frame]) -> String {
    stack
        .iter()
        .map(|f| format!("{}:{}", f.target, alloy_primitives::hex::encode(f.selector)))
        .collect::<Vec<_>>()
        .join(" > ")
}

/// **7. L1 mints come from the authorised path.** Every L1 mint runs inside an outbox
/// execution of a message whose L2 sender is the L2 gateway, and its stack ends
/// Bridge → L1 gateway (`finalizeInboundTransfer`) → L1 Minter (`mint`) → L1 token.
pub struct L1MintAuthority;

impl Invariant for L1MintAuthority {
    fn name(&self) -> &'static str {
        "l1-mint-authority"
    }
    fn number(&self) -> u8 {
        7
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "every L1 mint is outbox(L2 gateway) > Bridge > L1 gateway > L1 Minter > token"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let b = &v.book;
        let path = [b.bridge, b.l1_gateway, b.l1_minter, b.l1_token];
        let finalize = selector!("finalizeInboundTransfer(address,address,uint256)");
        for m in v.supply_changes.iter().filter(|m| m.on_l1 && m.mint) {
            let from_gateway_message =
                matches!(m.context, Context::Outbox { l2_sender, .. } if l2_sender == b.l2_gateway);
            let n = m.stack.len();
            let authorised = from_gateway_message
                && ends_with(&m.stack, &path)
                && m.stack[n - 3].selector == finalize;
            if !authorised {
                return Err(unauthorised(self, v, m));
            }
        }
        Ok(())
    }
}

/// **8. L2 mints come from the authorised callers.** Every L2 mint either runs in a ticket
/// whose L1 sender is the L1 gateway, with a stack ending L2 gateway
/// (`finalizeInboundTransfer`) → L2 Minter (`mint`) → L2 token; or has a stack ending
/// StakingManager (`reward`) → L2 Minter (`createReward`) → L2 token.
pub struct L2MintAuthority;

impl Invariant for L2MintAuthority {
    fn name(&self) -> &'static str {
        "l2-mint-authority"
    }
    fn number(&self) -> u8 {
        8
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "every L2 mint is ticket(L1 gateway) > L2 gateway > Minter, or reward > Minter.createReward"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let b = &v.book;
        let finalize = selector!("finalizeInboundTransfer(address,address,uint256,bytes)");
        let reward = selector!("reward()");
        let create_reward = selector!("createReward(uint256,uint256)");
        for m in v.supply_changes.iter().filter(|m| !m.on_l1 && m.mint) {
            let n = m.stack.len();
            let deposit = matches!(m.context, Context::Ticket { l1_sender, .. } if l1_sender == b.l1_gateway)
                && ends_with(&m.stack, &[b.l2_gateway, b.l2_minter, b.l2_token])
                && m.stack[n - 3].selector == finalize;
            let inflation = ends_with(&m.stack, &[b.l2_staking, b.l2_minter, b.l2_token])
                && m.stack[n - 3].selector == reward
                && m.stack[n - 2].selector == create_reward;
            if !(deposit || inflation) {
                return Err(unauthorised(self, v, m));
            }
        }
        Ok(())
    }
}

fn unauthorised(inv: &dyn Invariant, v: &View, m: &SupplyChange) -> Violation {
    violation(
        inv,
        v,
        format!(
            "mint of {} to {} from an unauthorised path ({:?}): {}",
            m.amount,
            m.holder,
            m.context,
            render(&m.stack)
        ),
        ("unauthorised mint", m.amount),
        ("allowed", U256::ZERO),
    )
}

/// **9. Roles are unchanged.** At genesis the token's minter role is exactly {Minter} on
/// both chains, the burner role is {} on L1 and {L2 gateway} on L2, and the Minters'
/// delegates are {L1 gateway} on L1 and {L2 gateway, StakingManager} on L2. After
/// genesis, these sets change only in a step signed by governance.
pub struct RolesUnchanged;

fn role_sets(c: &crate::view::ChainView) -> [Vec<Address>; 3] {
    let sorted = |v: &Vec<Address>| {
        let mut v = v.clone();
        v.sort();
        v
    };
    [
        sorted(&c.minter_role),
        sorted(&c.burner_role),
        sorted(&c.minter_delegates),
    ]
}

impl Invariant for RolesUnchanged {
    fn name(&self) -> &'static str {
        "roles-unchanged"
    }
    fn number(&self) -> u8 {
        9
    }
    fn kind(&self) -> Kind {
        Kind::Always
    }
    fn statement(&self) -> &'static str {
        "minter/burner roles and Minter delegates start as declared and change only by governance"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        const WHAT: [&str; 3] = ["minter role", "burner role", "Minter delegates"];
        let b = &v.book;
        let sort = |mut x: Vec<Address>| {
            x.sort();
            x
        };
        let declared = [
            [sort(vec![b.l1_minter]), vec![], sort(vec![b.l1_gateway])],
            [
                sort(vec![b.l2_minter]),
                sort(vec![b.l2_gateway]),
                sort(vec![b.l2_gateway, b.l2_staking]),
            ],
        ];
        let now = [role_sets(&v.now.l1), role_sets(&v.now.l2)];
        let before = [role_sets(&v.before.l1), role_sets(&v.before.l2)];
        for chain in 0..2 {
            for i in 0..3 {
                let (expected, why) = if v.step.index == 0 {
                    (&declared[chain][i], "declared")
                } else if v.step.governance {
                    continue;
                } else {
                    (&before[chain][i], "before the step")
                };
                if &now[chain][i] != expected {
                    return Err(violation(
                        self,
                        v,
                        format!(
                            "L{} {} is {:?}, {why} {:?}",
                            chain + 1,
                            WHAT[i],
                            now[chain][i],
                            expected
                        ),
                        ("holders", U256::from(now[chain][i].len())),
                        (why, U256::from(expected.len())),
                    ));
                }
            }
        }
        Ok(())
    }
}
