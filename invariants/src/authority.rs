//! Minting-authority invariants (catalogue 7–9), checked on call stacks, not balances.

use alloy_primitives::{keccak256, Address, U256};

use crate::view::{Context, Design, Frame, RoleSet, SupplyChange};
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

/// A mint in an outbox execution of a message from `l2_sender`, whose stack ends with
/// `path` (starting at the Bridge), the L1 contract the Bridge called having been called
/// with `finalize`.
fn outbox_mint(m: &SupplyChange, l2_sender: Address, path: &[Address], finalize: [u8; 4]) -> bool {
    matches!(m.context, Context::Outbox { l2_sender: s, .. } if s == l2_sender)
        && ends_with(&m.stack, path)
        && m.stack[m.stack.len() - path.len() + 1].selector == finalize
}

/// A mint in a ticket from `l1_sender`, whose stack ends L2 gateway
/// (`finalizeInboundTransfer`) → L2 Minter → L2 token: a deposit of designs A and B.
fn deposit_mint(m: &SupplyChange, b: &crate::view::Book) -> bool {
    let finalize = selector!("finalizeInboundTransfer(address,address,uint256,bytes)");
    let n = m.stack.len();
    matches!(m.context, Context::Ticket { l1_sender, .. } if l1_sender == b.l1_gateway)
        && ends_with(&m.stack, &[b.l2_gateway, b.l2_minter, b.l2_token])
        && m.stack[n - 3].selector == finalize
}

/// A mint whose stack ends StakingManager (`reward`) → L2 Minter (`createReward`) → L2
/// token: L2 inflation in designs A and C.
fn l2_inflation_mint(m: &SupplyChange, b: &crate::view::Book) -> bool {
    let reward = selector!("reward()");
    let create_reward = selector!("createReward(uint256,uint256)");
    let n = m.stack.len();
    ends_with(&m.stack, &[b.l2_staking, b.l2_minter, b.l2_token])
        && m.stack[n - 3].selector == reward
        && m.stack[n - 2].selector == create_reward
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
            if !outbox_mint(m, b.l2_gateway, &path, finalize) {
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
        for m in v.supply_changes.iter().filter(|m| !m.on_l1 && m.mint) {
            if !(deposit_mint(m, b) || l2_inflation_mint(m, b)) {
                return Err(unauthorised(self, v, m));
            }
        }
        Ok(())
    }
}

/// **7. L1 mints come from the authorised path, design B.** The only L1 mint is the L1
/// Minter's round mint: every L1 mint has a stack ending L1 Minter (`startRound`) → L1
/// token, and mints to the Minter itself, which bridges it to the L2 reward pool in the
/// same transaction.
pub struct L1RoundMintAuthority;

impl Invariant for L1RoundMintAuthority {
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
        "every L1 mint is L1 Minter.startRound > token, minted to the Minter"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let b = &v.book;
        let start_round = selector!("startRound()");
        for m in v.supply_changes.iter().filter(|m| m.on_l1 && m.mint) {
            let n = m.stack.len();
            let authorised = ends_with(&m.stack, &[b.l1_minter, b.l1_token])
                && m.stack[n - 2].selector == start_round
                && m.holder == b.l1_minter;
            if !authorised {
                return Err(unauthorised(self, v, m));
            }
        }
        Ok(())
    }
}

/// **8. L2 mints come from the authorised callers, design B.** Nothing mints on L2 but the
/// gateway, against L1 escrow: every L2 mint runs in a ticket whose L1 sender is the L1
/// gateway, with a stack ending L2 gateway (`finalizeInboundTransfer`) → L2 Minter (`mint`)
/// → L2 token. L2 `reward()` mints nothing.
pub struct L2DepositMintAuthority;

impl Invariant for L2DepositMintAuthority {
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
        "every L2 mint is ticket(L1 gateway) > L2 gateway > Minter.mint; reward() mints nothing"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let b = &v.book;
        for m in v.supply_changes.iter().filter(|m| !m.on_l1 && m.mint) {
            if !deposit_mint(m, b) {
                return Err(unauthorised(self, v, m));
            }
        }
        Ok(())
    }
}

/// **7. L1 mints come from the authorised path, design C.** L1 mints only LPT′, and only
/// against L2 escrow: every L1 mint is of LPT′, inside an outbox execution of a message
/// whose L2 sender is the L2 bridge, with a stack ending Bridge → L1 bridge
/// (`finalizeInboundTransfer`) → LPT′. Legacy L1 LPT is never minted.
pub struct L1DerivativeMintAuthority;

impl Invariant for L1DerivativeMintAuthority {
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
        "every L1 mint is LPT' by outbox(L2 bridge) > Bridge > L1 bridge; legacy LPT is never minted"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let b = &v.book;
        let path = [b.bridge, b.l1_gateway, b.l1_derivative];
        let finalize = selector!("finalizeInboundTransfer(address,address,uint256)");
        for m in v.supply_changes.iter().filter(|m| m.on_l1 && m.mint) {
            if !(m.token == b.l1_derivative && outbox_mint(m, b.l2_gateway, &path, finalize)) {
                return Err(unauthorised(self, v, m));
            }
        }
        Ok(())
    }
}

/// **8. L2 mints come from the authorised callers, design C.** The L2 token is canonical
/// and only inflation creates it (the bridge escrows and releases, the genesis reserve was
/// minted once before the first step): every L2 mint has a stack ending StakingManager
/// (`reward`) → L2 Minter (`createReward`) → L2 token.
pub struct L2InflationMintAuthority;

impl Invariant for L2InflationMintAuthority {
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
        "every L2 mint is StakingManager.reward > Minter.createReward > token"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let b = &v.book;
        for m in v.supply_changes.iter().filter(|m| !m.on_l1 && m.mint) {
            if !l2_inflation_mint(m, b) {
                return Err(unauthorised(self, v, m));
            }
        }
        Ok(())
    }
}

/// **7. L1 mints come from the authorised path, design D.** L1 mints only a withdrawal's
/// shortfall, through the BridgeMinter: every L1 mint runs inside an outbox execution of a
/// message whose L2 sender is the L2 gateway, and its stack ends Bridge → L1 gateway
/// (`finalizeInboundTransfer`) → BridgeMinter (`bridgeMint`) → L1 token.
pub struct BridgeMintAuthority;

impl Invariant for BridgeMintAuthority {
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
        "every L1 mint is outbox(L2 gateway) > Bridge > L1 gateway > BridgeMinter.bridgeMint > token"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let b = &v.book;
        let path = [b.bridge, b.l1_gateway, b.l1_minter, b.l1_token];
        let finalize = selector!("finalizeInboundTransfer(address,address,address,uint256,bytes)");
        let bridge_mint = selector!("bridgeMint(address,uint256)");
        for m in v.supply_changes.iter().filter(|m| m.on_l1 && m.mint) {
            let n = m.stack.len();
            if !(outbox_mint(m, b.l2_gateway, &path, finalize)
                && m.stack[n - 2].selector == bridge_mint)
            {
                return Err(unauthorised(self, v, m));
            }
        }
        Ok(())
    }
}

/// **8. L2 mints come from the authorised callers, design D.** Every L2 mint either runs in
/// a ticket whose L1 sender is the L1 gateway, with a stack ending L2 gateway
/// (`finalizeInboundTransfer`) → L2 token (Livepeer's gateway holds the minter role
/// itself); or is inflation, with a stack ending BondingManager (`reward` or
/// `rewardWithHint`) → Minter (`createReward`) → L2 token.
pub struct GatewayOrRewardMintAuthority;

impl Invariant for GatewayOrRewardMintAuthority {
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
        "every L2 mint is ticket(L1 gateway) > L2 gateway > token, or BondingManager.reward > Minter.createReward > token"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let b = &v.book;
        let finalize = selector!("finalizeInboundTransfer(address,address,address,uint256,bytes)");
        let rewards = [
            selector!("reward()"),
            selector!("rewardWithHint(address,address)"),
        ];
        let create_reward = selector!("createReward(uint256,uint256)");
        for m in v.supply_changes.iter().filter(|m| !m.on_l1 && m.mint) {
            let n = m.stack.len();
            let deposit = matches!(m.context, Context::Ticket { l1_sender, .. } if l1_sender == b.l1_gateway)
                && ends_with(&m.stack, &[b.l2_gateway, b.l2_token])
                && m.stack[n - 2].selector == finalize;
            let inflation = ends_with(&m.stack, &[b.l2_staking, b.l2_minter, b.l2_token])
                && rewards.contains(&m.stack[n - 3].selector)
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

/// The authorities each design declares, per chain (L1, L2): who holds the token's minter
/// and burner roles, who the Minter lends its minting authority to, and the design's own
/// extras (design B's oracle reporters; design C's LPT′ roles).
pub fn declared(v: &View) -> [Vec<RoleSet>; 2] {
    let b = &v.book;
    let set = |what: &str, holders: &[Address]| {
        let mut holders = holders.to_vec();
        holders.sort();
        RoleSet {
            what: what.to_string(),
            holders,
        }
    };
    match v.params.design {
        Design::A => [
            vec![
                set(MINTERS, &[b.l1_minter]),
                set(BURNERS, &[]),
                set(DELEGATES, &[b.l1_gateway]),
            ],
            vec![
                set(MINTERS, &[b.l2_minter]),
                set(BURNERS, &[b.l2_gateway]),
                set(DELEGATES, &[b.l2_gateway, b.l2_staking]),
            ],
        ],
        Design::B => [
            vec![
                set(MINTERS, &[b.l1_minter]),
                set(BURNERS, &[]),
                set(DELEGATES, &[]),
                set(REPORTERS, &b.reporters),
            ],
            vec![
                set(MINTERS, &[b.l2_minter]),
                set(BURNERS, &[b.l2_gateway]),
                set(DELEGATES, &[b.l2_gateway]),
            ],
        ],
        Design::C => [
            vec![
                set(MINTERS, &[b.l1_minter]),
                set(BURNERS, &[]),
                set(DELEGATES, &[]),
                set(DERIVATIVE_MINTERS, &[b.l1_gateway]),
                set(DERIVATIVE_BURNERS, &[b.l1_gateway]),
            ],
            vec![
                set(MINTERS, &[b.l2_minter]),
                set(BURNERS, &[]),
                set(DELEGATES, &[b.l2_staking]),
            ],
        ],
        // Livepeer's token gates minting by role and its Minter lends authority to no one:
        // on L1 only the BridgeMinter may mint (for a withdrawal's shortfall), on L2 the
        // Minter (inflation) and the gateway (deposits), which alone may burn.
        // A project's authorities are its declared call paths (`crate::project`).
        Design::Project => [Vec::new(), Vec::new()],
        Design::D => [
            vec![
                set(MINTERS, &[b.l1_minter]),
                set(BURNERS, &[]),
                set(DELEGATES, &[]),
            ],
            vec![
                set(MINTERS, &[b.l2_minter, b.l2_gateway]),
                set(BURNERS, &[b.l2_gateway]),
                set(DELEGATES, &[]),
            ],
        ],
    }
}

/// The name of the LPT minter role's holders in [`RoleSet::what`].
pub const MINTERS: &str = "LPT minter role";
/// The LPT burner role.
pub const BURNERS: &str = "LPT burner role";
/// The Minter's delegates.
pub const DELEGATES: &str = "Minter delegates";
/// Design B: the oracle's reporters.
pub const REPORTERS: &str = "oracle reporters";
/// Design C: LPT′'s minter role.
pub const DERIVATIVE_MINTERS: &str = "LPT' minter role";
/// Design C: LPT′'s burner role.
pub const DERIVATIVE_BURNERS: &str = "LPT' burner role";

/// **9. Roles are unchanged.** At genesis every authority the design declares (see
/// [`declared`]) is held by exactly the declared set: in design A the token's minter role
/// is {Minter} on both chains, the burner role {} on L1 and {L2 gateway} on L2, and the
/// Minters' delegates {L1 gateway} and {L2 gateway, StakingManager}; design B and C's sets
/// are listed in [`declared`]. After genesis, these sets change only in a step signed by
/// governance.
pub struct RolesUnchanged;

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
        "minter/burner roles, Minter delegates (and B's reporters, C's LPT' roles) start as declared and change only by governance"
    }
    fn check(&self, v: &View) -> Result<(), Violation> {
        let declared = declared(v);
        let chains = [(&v.now.l1, &v.before.l1), (&v.now.l2, &v.before.l2)];
        for (chain, ((now, before), sets)) in chains.iter().zip(&declared).enumerate() {
            for set in sets {
                let held = now.holders(&set.what);
                let (expected, why) = if v.step.index == 0 {
                    (set.holders.clone(), "declared")
                } else if v.step.governance {
                    continue;
                } else {
                    (before.holders(&set.what), "before the step")
                };
                if held != expected {
                    return Err(violation(
                        self,
                        v,
                        format!(
                            "L{} {} is {:?}, {why} {:?}",
                            chain + 1,
                            set.what,
                            held,
                            expected
                        ),
                        ("holders", U256::from(held.len())),
                        (why, U256::from(expected.len())),
                    ));
                }
            }
        }
        Ok(())
    }
}
