//! Executing one [`Action`] in a [`World`]: what each action calls, and how its outcome is
//! reported. A revert or a refused bridge action is a normal outcome, not an error; an
//! error here means bad input (an unknown name) or a harness fault.

use alloy_primitives::{Address, U256};
use alloy_sol_types::SolCall;
use anyhow::{anyhow, Result};
use serde::{Deserialize, Serialize};

use crate::action::{resolve_target, Action, Clock};
use crate::actors::Actor;
use crate::amount::Base;
use crate::bindings::*;
use crate::bridge::STARVED_GAS;
use crate::chain::{ChainId, TxOutcome};
use crate::designs::Role;
use crate::world::World;

/// How a step ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", content = "reason", rename_all = "snake_case")]
pub enum StepStatus {
    /// The transaction (or bridge action) succeeded.
    Ok,
    /// The transaction reverted or halted; the reason is decoded.
    Reverted(String),
    /// The relayer refused the bridge action.
    Refused(String),
    /// The step ran, but a clock moved less than asked (L2's lead over L1 is bounded).
    Capped(String),
    /// The bridge action names a ticket or message that does not exist (yet): refused
    /// like any bridge refusal in a campaign, but a mistake in a hand-written script.
    Unknown(String),
}

impl StepStatus {
    /// Whether the step succeeded.
    pub fn is_ok(&self) -> bool {
        matches!(self, StepStatus::Ok | StepStatus::Capped(_))
    }
}

impl std::fmt::Display for StepStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StepStatus::Ok => f.write_str("ok"),
            StepStatus::Reverted(r) => write!(f, "reverted: {r}"),
            StepStatus::Refused(r) => write!(f, "refused: {r}"),
            StepStatus::Capped(r) => write!(f, "ok, capped: {r}"),
            StepStatus::Unknown(r) => write!(f, "refused: unknown {r}"),
        }
    }
}

/// The status of a bridge action the relayer refused.
fn refused(refusal: crate::bridge::Refusal) -> StepStatus {
    match refusal {
        crate::bridge::Refusal::Unknown(what) => StepStatus::Unknown(what),
        other => StepStatus::Refused(other.to_string()),
    }
}

/// A name in an action that does not exist: bad input.
#[derive(Debug)]
pub struct UnknownName(pub String);

impl std::fmt::Display for UnknownName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UnknownName {}

/// A relative amount whose base cannot be read (the view behind it reverts, as a broken
/// position's `pendingStake` may): the step cannot be formed, so it is refused rather
/// than sent, and the run goes on.
#[derive(Debug)]
struct UnresolvableAmount(String);

impl std::fmt::Display for UnresolvableAmount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot resolve the amount: {}", self.0)
    }
}

impl std::error::Error for UnresolvableAmount {}

/// How a committed transaction ended, as a step's status.
pub fn status_of(outcome: &TxOutcome) -> StepStatus {
    match &outcome.status {
        crate::chain::Status::Success => StepStatus::Ok,
        crate::chain::Status::Revert => {
            StepStatus::Reverted(crate::decode::revert_reason(&outcome.output))
        }
        crate::chain::Status::Halt(reason) => StepStatus::Reverted(format!("halt: {reason}")),
    }
}

impl World {
    /// The address of the design's `role` contract on `chain`; panics if the design has
    /// no such part (a harness bug: actions check [`crate::designs::Design::has_action`]).
    pub fn role(&self, chain: ChainId, role: Role) -> Address {
        let name = self
            .design
            .role_name(chain, role)
            .unwrap_or_else(|| panic!("design {} has no {role:?} on {chain}", self.design));
        self.addr(chain, name)
    }

    /// Resolves `amount` for `actor`, reading a relative base where needed: `balance` is
    /// the actor's balance of `token` (the token the action spends) on `chain`, `stake`
    /// its pending stake on `chain`, `escrow` the design's escrow, `l2stake` the LPT
    /// staked on L2. A base that cannot be read makes the step refused, not an error.
    pub fn resolve(
        &mut self,
        amount: &crate::amount::Amount,
        actor: Actor,
        chain: ChainId,
        token: Address,
    ) -> Result<U256> {
        amount.resolve(|base| {
            self.read_amount_base(actor, chain, token, base)
                .map_err(|e| anyhow!(UnresolvableAmount(format!("{e:#}"))))
        })
    }

    fn read_amount_base(
        &mut self,
        actor: Actor,
        chain: ChainId,
        token: Address,
        base: Base,
    ) -> Result<U256> {
        if let Some(value) = self.design.spec().amount_base(self, actor, chain, base) {
            return value;
        }
        match base {
            Base::Balance => self.view(
                chain,
                token,
                &ILivepeerToken::balanceOfCall(self.address_of(actor)),
            ),
            Base::Stake => {
                let staking = self.role(chain, Role::Staking);
                self.view(
                    chain,
                    staking,
                    &IStaking::pendingStakeCall {
                        delegator: self.address_of(actor),
                    },
                )
            }
            Base::Escrow => {
                let on = self.design.spec().escrow_chain();
                let token = self.role(on, Role::Token);
                let escrow = self.role(on, Role::Escrow);
                self.view(on, token, &ILivepeerToken::balanceOfCall(escrow))
            }
            Base::L2Stake => {
                let staking = self.role(ChainId::L2, Role::Staking);
                self.view(ChainId::L2, staking, &IStaking::totalBondedCall {})
            }
        }
    }

    /// Sends `call` from `actor` to the design's `role` contract on `chain`, with `value`.
    pub fn call_as<C: SolCall>(
        &mut self,
        chain: ChainId,
        actor: Actor,
        role: Role,
        call: &C,
        value: U256,
    ) -> Result<StepStatus> {
        let to = self.role(chain, role);
        let outcome = self.send(chain, self.address_of(actor), to, call, value)?;
        Ok(status_of(&outcome))
    }

    /// Checks that every name in `action` exists in this world, without running it.
    pub fn validate(&self, action: &Action) -> Result<()> {
        let check = |chain: ChainId, name: &str| {
            resolve_target(self.design.cast(), &self.contracts, chain, name)
                .map(|_| ())
                .ok_or_else(|| {
                    anyhow!(UnknownName(format!(
                        "unknown actor or contract {name:?} on {chain}"
                    )))
                })
        };
        if !self.design.spec().has_action(action) {
            return Err(anyhow!(UnknownName(format!(
                "design {} has no such action: {action}",
                self.design
            ))));
        }
        match action {
            Action::Approve { chain, spender, .. } => check(*chain, spender),
            Action::Transfer { chain, to, .. } => check(*chain, to),
            Action::Call {
                chain, contract, ..
            } => self
                .contracts
                .get(*chain, contract)
                .map(|_| ())
                .map_err(|_| {
                    anyhow!(UnknownName(format!(
                        "unknown contract {contract:?} on {chain}"
                    )))
                }),
            _ => Ok(()),
        }
    }

    /// Runs one action and reports how it ended.
    pub fn apply(&mut self, action: &Action) -> Result<StepStatus> {
        match self.apply_inner(action) {
            Err(e) if e.downcast_ref::<UnresolvableAmount>().is_some() => {
                Ok(StepStatus::Refused(e.to_string()))
            }
            other => other,
        }
    }

    fn apply_inner(&mut self, action: &Action) -> Result<StepStatus> {
        self.validate(action)?;
        if let Some(status) = self.design.spec().override_action(self, action) {
            return status;
        }
        let zero = U256::ZERO;
        match action {
            Action::Bond {
                actor,
                chain,
                amount,
                to,
            } => {
                let token = self.role(*chain, Role::Token);
                let amount = self.resolve(amount, *actor, *chain, token)?;
                let staking = self.role(*chain, Role::Staking);
                self.call_as(
                    *chain,
                    *actor,
                    Role::Token,
                    &ILivepeerToken::approveCall {
                        spender: staking,
                        amount,
                    },
                    zero,
                )?;
                self.call_as(
                    *chain,
                    *actor,
                    Role::Staking,
                    &IStaking::bondCall {
                        amount,
                        to: self.address_of(*to),
                    },
                    zero,
                )
            }
            Action::Unbond {
                actor,
                chain,
                amount,
            } => {
                let token = self.role(*chain, Role::Token);
                let amount = self.resolve(amount, *actor, *chain, token)?;
                self.call_as(
                    *chain,
                    *actor,
                    Role::Staking,
                    &IStaking::unbondCall { amount },
                    zero,
                )
            }
            Action::Rebond { actor, chain, lock } => self.call_as(
                *chain,
                *actor,
                Role::Staking,
                &IStaking::rebondCall {
                    lockId: U256::from(*lock),
                },
                zero,
            ),
            Action::RebondFromUnbonded {
                actor,
                chain,
                to,
                lock,
            } => self.call_as(
                *chain,
                *actor,
                Role::Staking,
                &IStaking::rebondFromUnbondedCall {
                    to: self.address_of(*to),
                    lockId: U256::from(*lock),
                },
                zero,
            ),
            Action::WithdrawStake { actor, chain, lock } => self.call_as(
                *chain,
                *actor,
                Role::Staking,
                &IStaking::withdrawStakeCall {
                    lockId: U256::from(*lock),
                },
                zero,
            ),
            Action::RegisterOrchestrator {
                actor,
                chain,
                reward_cut,
                fee_share,
            } => self.call_as(
                *chain,
                *actor,
                Role::Staking,
                &IStaking::registerOrchestratorCall {
                    rewardCut: U256::from(*reward_cut),
                    feeShare: U256::from(*fee_share),
                },
                zero,
            ),
            Action::Reward { actor, chain } => self.call_as(
                *chain,
                *actor,
                Role::Staking,
                &IStaking::rewardCall {},
                zero,
            ),
            Action::PayFees {
                actor,
                chain,
                orchestrator,
                amount,
            } => {
                let value = amount.resolve(|_| Ok(U256::ZERO))?;
                self.call_as(
                    *chain,
                    *actor,
                    Role::Staking,
                    &IStaking::payFeesCall {
                        orchestrator: self.address_of(*orchestrator),
                    },
                    value,
                )
            }
            Action::WithdrawFees { actor, chain } => self.call_as(
                *chain,
                *actor,
                Role::Staking,
                &IStaking::withdrawFeesCall {},
                zero,
            ),
            Action::Migrate { .. }
            | Action::Deposit { .. }
            | Action::Withdraw { .. }
            | Action::StartRound { .. }
            | Action::ReportStake { .. }
            | Action::LockLegacy { .. }
            | Action::MigrateDelegator { .. }
            | Action::MigrateLocks { .. }
            | Action::MigrateSender { .. }
            | Action::ClaimStake { .. }
            | Action::MigrateBulk { .. }
            | Action::CacheSupply { .. } => self.design.spec().run_action(self, action),
            Action::Approve {
                actor,
                chain,
                spender,
                amount,
            } => {
                let spender = resolve_target(self.design.cast(), &self.contracts, *chain, spender)
                    .expect("validated");
                let token = self.role(*chain, Role::Token);
                let amount = self.resolve(amount, *actor, *chain, token)?;
                self.call_as(
                    *chain,
                    *actor,
                    Role::Token,
                    &ILivepeerToken::approveCall { spender, amount },
                    zero,
                )
            }
            Action::Transfer {
                actor,
                chain,
                to,
                amount,
            } => {
                let to = resolve_target(self.design.cast(), &self.contracts, *chain, to)
                    .expect("validated");
                let token = self.role(*chain, Role::Token);
                let amount = self.resolve(amount, *actor, *chain, token)?;
                self.call_as(
                    *chain,
                    *actor,
                    Role::Token,
                    &ILivepeerToken::transferCall { to, amount },
                    zero,
                )
            }
            Action::DeliverTicket { ticket } => Ok(match self.auto_redeem(*ticket, None)? {
                Ok(outcome) => status_of(&outcome),
                Err(refusal) => refused(refusal),
            }),
            Action::FailAutoRedeem { ticket } => {
                Ok(match self.auto_redeem(*ticket, Some(STARVED_GAS))? {
                    Ok(outcome) => status_of(&outcome),
                    Err(refusal) => refused(refusal),
                })
            }
            Action::Redeem { ticket, .. } => Ok(match self.redeem(*ticket)? {
                Ok(outcome) => status_of(&outcome),
                Err(refusal) => refused(refusal),
            }),
            Action::Cancel { actor, ticket } => {
                Ok(match self.cancel(*ticket, self.address_of(*actor)) {
                    Ok(()) => StepStatus::Ok,
                    Err(refusal) => refused(refusal),
                })
            }
            Action::ExecuteOutbox { actor, message } => Ok(
                match self.execute_outbox(*message, self.address_of(*actor))? {
                    Ok(outcome) => status_of(&outcome),
                    Err(refusal) => refused(refusal),
                },
            ),
            Action::Advance { clock, seconds } => {
                if *seconds > crate::world::MAX_ADVANCE {
                    return Ok(StepStatus::Refused(format!(
                        "an advance of {seconds} s is more than a century"
                    )));
                }
                let (l1, l2) = match clock {
                    Clock::L1 => (*seconds, 0),
                    Clock::L2 => (0, *seconds),
                    Clock::Both => (*seconds, *seconds),
                };
                let moved = self.advance(l1, l2);
                Ok(if moved < l2 {
                    StepStatus::Capped(format!(
                        "L2 moved {moved} s of {l2}: it may lead L1 by {} s at most",
                        crate::world::MAX_L2_LEAD
                    ))
                } else {
                    StepStatus::Ok
                })
            }
            Action::SetPaused { chain, paused } => {
                let call = IL1Gateway::setPausedCall { paused: *paused };
                self.call_as(*chain, Actor::Governor, Role::Gateway, &call, zero)
            }
            Action::Call {
                actor,
                chain,
                contract,
                data,
                value,
            } => {
                let to = self.contracts.get(*chain, contract)?;
                let outcome =
                    self.send_raw(*chain, self.address_of(*actor), to, data.clone(), *value)?;
                Ok(status_of(&outcome))
            }
        }
    }
}
