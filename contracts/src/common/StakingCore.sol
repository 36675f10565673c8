// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governed} from "./Governed.sol";
import {LivepeerToken} from "./LivepeerToken.sol";
import {IStakingMinter} from "./IStakingMinter.sol";

/// @title StakingCore
/// @notice The staking logic shared by the L1 BondingManager and the L2 StakingManager:
///         orchestrator registration, bond / unbond / rebond / withdrawStake with unbonding
///         locks, inflationary rewards with a reward cut, and ETH fees with a fee share.
/// @dev Simplified from Livepeer, but with the same accounting shape (LIP-36):
///      - Earnings are credited lazily through two per-orchestrator factors. A delegator who
///        last checkpointed at (crf0, cff0) with bonded amount `b` has
///        `pendingStake = b * crf / crf0` and
///        `pendingFees = fees + b * (cff - cff0) / crf0`.
///        Every rounding is down, so the custodian always holds at least what is owed.
///      - A round is `roundLength` blocks of `block.number`. On L2 that is Arbitrum's
///        `block.number`, which reports the L1 block, so rounds on both chains count L1
///        blocks as the proposal suggests.
///      - Every registered orchestrator is active: there is no active-set cap.
///      - Bonded LPT sits in the Minter, as in Livepeer; ETH fees sit in this contract.
///      - A fully unbonded delegator keeps its delegate, so `rebond` can return to it.
///      - The reward factor is kept in epochs, so that it can never overflow (see
///        `REBASE_AT`).
abstract contract StakingCore is Governed {
    /// @notice Denominator of reward cuts and fee shares: parts per million.
    uint256 public constant PERC_DIVISOR = 1_000_000;
    /// @dev Fixed-point base of the cumulative factors.
    uint256 internal constant PREC = 1e27;
    /// @dev Where an orchestrator's reward factor closes its epoch and starts again at
    ///      `PREC`.
    ///
    ///      Why epochs. A reward multiplies the factor by (delegated + shared) / delegated.
    ///      That ratio is unbounded: an orchestrator that unbonds all but one wei and is
    ///      the only stake in a round earns the whole round's issuance on that wei, so one
    ///      reward multiplies the factor by about 10^19, and three such rounds overflow 2^256
    ///      (panic 0x11). Every later `reward`, `pendingStake` and `unbond` of that pool
    ///      then reverts, and its delegators' stake is stranded. Livepeer's own factor
    ///      (`PreciseMathUtils.percOf(stake, endFactor, startFactor)`, 27 decimals) has the
    ///      same shape and relies on participation never nearing zero; it does not bound
    ///      the factor either. Capping rewards would change the monetary policy, so instead
    ///      the factor is rebased: once a reward takes it to `REBASE_AT` or beyond, the
    ///      epoch's final factors are stored and the live factors restart at (`PREC`, 0).
    ///      A delegator checkpointed in an earlier epoch carries its stake across each
    ///      closed epoch in turn (`_earnings`).
    ///
    ///      The bounds this buys, with every amount below 2^128 (the supply):
    ///      - at rest the factor is below 2^120, so one reward's product
    ///        `crf * (delegated + shared)` stays below 2^248 and a stored epoch end below
    ///        2^248;
    ///      - `stake * crf` within an epoch stays below 2^248, and an epoch end is applied in
    ///        two parts that each stay below 2^248 (`_scale`);
    ///      - each closed epoch multiplied the factor by at least 2^120 / 10^27 > 2^30, and a
    ///        stake is never worth more than its pool, so a position crosses at most five
    ///        closed epochs before it is worth nothing or has been carried to the present.
    uint256 internal constant REBASE_AT = 2 ** 120;

    struct Delegator {
        uint256 bondedAmount;
        uint256 fees;
        address delegate;
        uint256 lastCrf;
        uint256 lastCff;
        uint256 nextLockId;
        uint256 unbondingTotal;
        /// The delegate's factor epoch that `lastCrf` and `lastCff` belong to.
        uint256 lastEpoch;
    }

    struct Orchestrator {
        bool registered;
        uint256 rewardCut;
        uint256 feeShare;
        uint256 lastRewardRound;
        uint256 delegatedAmount;
        uint256 crf;
        uint256 cff;
        /// The current factor epoch (see `REBASE_AT`).
        uint256 epoch;
    }

    /// The reward and fee factors an epoch closed with.
    struct EpochEnd {
        uint256 crf;
        uint256 cff;
    }

    /// @notice One account's position, as `position` returns it.
    struct Position {
        uint256 bondedAmount;
        address delegate;
        uint256 unbondingTotal;
        bool registered;
        uint256 delegatedAmount;
        uint256 stake;
        uint256 fees;
    }

    struct UnbondingLock {
        uint256 amount;
        uint256 withdrawRound;
    }

    LivepeerToken public immutable token;
    IStakingMinter public immutable minter;
    uint256 public immutable roundLength;
    uint256 public immutable unbondingPeriod;

    uint256 public totalBonded;
    mapping(address => Delegator) internal delegators;
    mapping(address => Orchestrator) internal orchestrators;
    mapping(address => mapping(uint256 => UnbondingLock)) internal locks;
    /// @dev Per orchestrator, the final factors of each closed epoch.
    mapping(address => mapping(uint256 => EpochEnd)) internal epochEnds;

    event Bond(address indexed delegator, address indexed delegate, uint256 amount);
    event Unbond(address indexed delegator, uint256 lockId, uint256 amount, uint256 withdrawRound);
    event Rebond(address indexed delegator, address indexed delegate, uint256 lockId, uint256 amount);
    event WithdrawStake(address indexed delegator, uint256 lockId, uint256 amount);
    event OrchestratorRegistered(address indexed orchestrator, uint256 rewardCut, uint256 feeShare);
    event OrchestratorUnregistered(address indexed orchestrator);
    event Reward(address indexed orchestrator, uint256 amount);
    event FeesPaid(address indexed orchestrator, uint256 amount);
    event WithdrawFees(address indexed delegator, uint256 amount);

    error ZeroAmount();
    error NotRegistered(address orchestrator);
    error AlreadyRewarded(address orchestrator, uint256 round);
    error InsufficientBond(uint256 bonded, uint256 requested);
    error NoSuchLock(address delegator, uint256 lockId);
    error LockNotReady(uint256 withdrawRound, uint256 currentRound);
    error NotSelfDelegated(address orchestrator);
    error BadPercentage(uint256 value);
    error NoDelegate(address delegator);
    error StillBonded(address delegator);
    error NothingToPay(address orchestrator);
    error EthTransferFailed(address to, uint256 amount);

    constructor(
        LivepeerToken _token,
        IStakingMinter _minter,
        address _governor,
        uint256 _roundLength,
        uint256 _unbondingPeriod
    ) Governed(_governor) {
        token = _token;
        minter = _minter;
        roundLength = _roundLength;
        unbondingPeriod = _unbondingPeriod;
    }

    // ------------------------------------------------------------------ rounds

    /// @notice The current round: `block.number / roundLength`.
    function currentRound() public view returns (uint256) {
        return block.number / roundLength;
    }

    // ------------------------------------------------------------------ staking

    /// @notice Bonds `amount` more LPT from the caller and delegates the caller's whole
    ///         stake to `to`. Changing `to` moves the whole existing stake.
    /// @dev The caller must have approved this contract for `amount`.
    function bond(uint256 amount, address to) external {
        _bondFor(msg.sender, to, amount, msg.sender);
    }

    /// @notice Registers the caller as an orchestrator. The caller must be bonded to itself.
    /// @param rewardCut Share of each reward the orchestrator keeps, in parts per million.
    /// @param feeShare Share of each fee passed to delegators, in parts per million.
    function registerOrchestrator(uint256 rewardCut, uint256 feeShare) external {
        if (rewardCut > PERC_DIVISOR) revert BadPercentage(rewardCut);
        if (feeShare > PERC_DIVISOR) revert BadPercentage(feeShare);
        Delegator storage del = delegators[msg.sender];
        if (del.delegate != msg.sender || del.bondedAmount == 0) revert NotSelfDelegated(msg.sender);
        Orchestrator storage orch = orchestrators[msg.sender];
        orch.registered = true;
        orch.rewardCut = rewardCut;
        orch.feeShare = feeShare;
        emit OrchestratorRegistered(msg.sender, rewardCut, feeShare);
    }

    /// @notice Moves `amount` of the caller's stake into a new unbonding lock, withdrawable
    ///         after `unbondingPeriod` rounds. An orchestrator that unbonds its whole
    ///         self-stake is unregistered.
    function unbond(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        _claim(msg.sender);
        Delegator storage del = delegators[msg.sender];
        if (amount > del.bondedAmount) revert InsufficientBond(del.bondedAmount, amount);
        del.bondedAmount -= amount;
        orchestrators[del.delegate].delegatedAmount -= amount;
        totalBonded -= amount;
        if (del.bondedAmount == 0 && orchestrators[msg.sender].registered) _unregister(msg.sender);
        uint256 id = del.nextLockId++;
        uint256 withdrawRound = currentRound() + unbondingPeriod;
        locks[msg.sender][id] = UnbondingLock(amount, withdrawRound);
        del.unbondingTotal += amount;
        emit Unbond(msg.sender, id, amount, withdrawRound);
    }

    /// @notice Cancels unbonding lock `lockId` and bonds its LPT back to the caller's delegate.
    function rebond(uint256 lockId) external {
        address to = delegators[msg.sender].delegate;
        if (to == address(0)) revert NoDelegate(msg.sender);
        _rebond(msg.sender, to, lockId);
    }

    /// @notice For a caller with no bonded stake: cancels lock `lockId` and bonds it to `to`.
    function rebondFromUnbonded(address to, uint256 lockId) external {
        if (delegators[msg.sender].bondedAmount != 0) revert StillBonded(msg.sender);
        _rebond(msg.sender, to, lockId);
    }

    /// @notice Pays out unbonding lock `lockId` once its withdraw round has come.
    function withdrawStake(uint256 lockId) external {
        UnbondingLock memory lock = locks[msg.sender][lockId];
        if (lock.amount == 0) revert NoSuchLock(msg.sender, lockId);
        if (currentRound() < lock.withdrawRound) revert LockNotReady(lock.withdrawRound, currentRound());
        delete locks[msg.sender][lockId];
        delegators[msg.sender].unbondingTotal -= lock.amount;
        minter.trustedTransferTokens(msg.sender, lock.amount);
        emit WithdrawStake(msg.sender, lockId, lock.amount);
    }

    /// @notice Credits the caller's pending rewards and fees to its stored position.
    function claimEarnings() external {
        _claim(msg.sender);
    }

    // ------------------------------------------------------------------ rewards and fees

    /// @notice Mints the calling orchestrator's stake-proportional share of this round's
    ///         inflation, at most once per round. The orchestrator keeps `rewardCut`; the
    ///         rest goes to everyone delegated to it, pro rata, through the reward factor.
    function reward() external {
        Orchestrator storage orch = orchestrators[msg.sender];
        if (!orch.registered) revert NotRegistered(msg.sender);
        uint256 round = currentRound();
        if (orch.lastRewardRound >= round) revert AlreadyRewarded(msg.sender, round);
        orch.lastRewardRound = round;
        minter.initializeRound(round, totalBonded);

        _claim(msg.sender);
        uint256 minted = minter.createReward(orch.delegatedAmount, totalBonded);
        uint256 cut = (minted * orch.rewardCut) / PERC_DIVISOR;
        uint256 shared = minted - cut;
        orch.crf = (orch.crf * (orch.delegatedAmount + shared)) / orch.delegatedAmount;
        if (orch.crf >= REBASE_AT) {
            epochEnds[msg.sender][orch.epoch] = EpochEnd(orch.crf, orch.cff);
            orch.epoch += 1;
            (orch.crf, orch.cff) = (PREC, 0);
        }
        orch.delegatedAmount += minted;
        totalBonded += minted;
        // Re-checkpoint at the new factor before adding the cut, so that the cut is not
        // itself multiplied by this reward's factor.
        _claim(msg.sender);
        delegators[msg.sender].bondedAmount += cut;
        emit Reward(msg.sender, minted);
    }

    /// @notice Pays ETH fees into `orchestrator`'s pool (the broadcaster's side of a
    ///         winning ticket). `feeShare` of it goes to the orchestrator's delegators.
    function payFees(address orchestrator) external payable {
        Orchestrator storage orch = orchestrators[orchestrator];
        if (!orch.registered || orch.delegatedAmount == 0) revert NotRegistered(orchestrator);
        if (msg.value == 0) revert NothingToPay(orchestrator);
        uint256 shared = (msg.value * orch.feeShare) / PERC_DIVISOR;
        orch.cff += (shared * orch.crf) / orch.delegatedAmount;
        delegators[orchestrator].fees += msg.value - shared;
        emit FeesPaid(orchestrator, msg.value);
    }

    /// @notice Sends the caller all of its earned ETH fees.
    function withdrawFees() external {
        _claim(msg.sender);
        Delegator storage del = delegators[msg.sender];
        uint256 amount = del.fees;
        if (amount == 0) revert ZeroAmount();
        del.fees = 0;
        (bool ok,) = msg.sender.call{value: amount}("");
        if (!ok) revert EthTransferFailed(msg.sender, amount);
        emit WithdrawFees(msg.sender, amount);
    }

    // ------------------------------------------------------------------ views

    /// @notice Bonded stake including unclaimed rewards.
    function pendingStake(address delegator) public view returns (uint256 stake) {
        (stake,) = _earnings(delegators[delegator]);
    }

    /// @notice ETH fees including unclaimed ones.
    function pendingFees(address delegator) public view returns (uint256 fees) {
        (, fees) = _earnings(delegators[delegator]);
    }

    /// @notice The stored position of `delegator` (without pending earnings).
    function getDelegator(address delegator)
        external
        view
        returns (uint256 bondedAmount, uint256 fees, address delegate, uint256 nextLockId, uint256 unbondingTotal)
    {
        Delegator storage del = delegators[delegator];
        return (del.bondedAmount, del.fees, del.delegate, del.nextLockId, del.unbondingTotal);
    }

    /// @notice Everything about `account`'s position in one call: its stored delegator
    ///         state, its orchestrator state, and its pending stake and fees.
    function position(address account) external view returns (Position memory p) {
        Delegator storage del = delegators[account];
        Orchestrator storage orch = orchestrators[account];
        p.bondedAmount = del.bondedAmount;
        p.delegate = del.delegate;
        p.unbondingTotal = del.unbondingTotal;
        p.registered = orch.registered;
        p.delegatedAmount = orch.delegatedAmount;
        p.stake = pendingStake(account);
        p.fees = pendingFees(account);
    }

    /// @notice The state of `orchestrator`.
    function getOrchestrator(address orchestrator)
        external
        view
        returns (bool registered, uint256 rewardCut, uint256 feeShare, uint256 lastRewardRound, uint256 delegatedAmount)
    {
        Orchestrator storage orch = orchestrators[orchestrator];
        return (orch.registered, orch.rewardCut, orch.feeShare, orch.lastRewardRound, orch.delegatedAmount);
    }

    /// @notice Whether `orchestrator` is registered (and so active).
    function isRegistered(address orchestrator) public view returns (bool) {
        return orchestrators[orchestrator].registered;
    }

    /// @notice Unbonding lock `lockId` of `delegator`; a zero amount means none.
    function getUnbondingLock(address delegator, uint256 lockId)
        external
        view
        returns (uint256 amount, uint256 withdrawRound)
    {
        UnbondingLock storage lock = locks[delegator][lockId];
        return (lock.amount, lock.withdrawRound);
    }

    // ------------------------------------------------------------------ internals

    /// @dev Bonds `amount` LPT paid by `payer` for `delegator` and delegates its whole
    ///      stake to `to`.
    function _bondFor(address delegator, address to, uint256 amount, address payer) internal {
        _claim(delegator);
        Delegator storage del = delegators[delegator];
        if (amount == 0 && (del.bondedAmount == 0 || del.delegate == to)) revert ZeroAmount();
        address from = del.delegate;
        if (from != to && del.bondedAmount > 0) {
            orchestrators[from].delegatedAmount -= del.bondedAmount;
            if (from == delegator && orchestrators[from].registered) _unregister(from);
        }
        Orchestrator storage dest = orchestrators[to];
        if (dest.crf == 0) dest.crf = PREC;
        if (from != to) {
            dest.delegatedAmount += del.bondedAmount;
            del.delegate = to;
        }
        (del.lastCrf, del.lastCff, del.lastEpoch) = (dest.crf, dest.cff, dest.epoch);
        del.bondedAmount += amount;
        dest.delegatedAmount += amount;
        totalBonded += amount;
        if (amount > 0) token.transferFrom(payer, address(minter), amount);
        emit Bond(delegator, to, amount);
    }

    /// @dev Creates an unbonding lock for `delegator`, withdrawable from `withdrawRound`,
    ///      for LPT paid by `payer`.
    function _lockFor(address delegator, uint256 amount, uint256 withdrawRound, address payer) internal {
        Delegator storage del = delegators[delegator];
        uint256 id = del.nextLockId++;
        locks[delegator][id] = UnbondingLock(amount, withdrawRound);
        del.unbondingTotal += amount;
        token.transferFrom(payer, address(minter), amount);
        emit Unbond(delegator, id, amount, withdrawRound);
    }

    function _rebond(address delegator, address to, uint256 lockId) private {
        UnbondingLock memory lock = locks[delegator][lockId];
        if (lock.amount == 0) revert NoSuchLock(delegator, lockId);
        delete locks[delegator][lockId];
        _claim(delegator);
        Delegator storage del = delegators[delegator];
        del.unbondingTotal -= lock.amount;
        Orchestrator storage dest = orchestrators[to];
        if (dest.crf == 0) dest.crf = PREC;
        del.delegate = to;
        (del.lastCrf, del.lastCff, del.lastEpoch) = (dest.crf, dest.cff, dest.epoch);
        del.bondedAmount += lock.amount;
        dest.delegatedAmount += lock.amount;
        totalBonded += lock.amount;
        emit Rebond(delegator, to, lockId, lock.amount);
    }

    /// @dev Brings `delegator`'s stored stake and fees up to date and checkpoints it.
    function _claim(address delegator) internal {
        Delegator storage del = delegators[delegator];
        if (del.delegate == address(0)) return;
        Orchestrator storage orch = orchestrators[del.delegate];
        (del.bondedAmount, del.fees) = _earnings(del);
        (del.lastCrf, del.lastCff, del.lastEpoch) = (orch.crf, orch.cff, orch.epoch);
    }

    /// @dev `del`'s stake and fees brought up to date: carried from its checkpoint across
    ///      every epoch its delegate closed since, then along the live factors. Rounds
    ///      down at every step, so the pool always covers what its delegators are owed.
    function _earnings(Delegator storage del) internal view returns (uint256 stake, uint256 fees) {
        (stake, fees) = (del.bondedAmount, del.fees);
        if (stake == 0) return (stake, fees);
        Orchestrator storage orch = orchestrators[del.delegate];
        (uint256 crf0, uint256 cff0) = (del.lastCrf, del.lastCff);
        for (uint256 e = del.lastEpoch; e < orch.epoch; e++) {
            EpochEnd storage end = epochEnds[del.delegate][e];
            fees += (stake * (end.cff - cff0)) / crf0;
            stake = _scale(stake, end.crf, crf0);
            if (stake == 0) return (stake, fees);
            (crf0, cff0) = (PREC, 0);
        }
        fees += (stake * (orch.cff - cff0)) / crf0;
        stake = (stake * orch.crf) / crf0;
    }

    /// @dev `floor(amount * factor / base)` for a closed epoch's factor, which may be near
    ///      2^248: split as `amount * (factor / base) + amount * (factor % base) / base`, whose
    ///      parts stay below 2^256 while the result (a stake within its pool) does.
    function _scale(uint256 amount, uint256 factor, uint256 base) private pure returns (uint256) {
        return amount * (factor / base) + (amount * (factor % base)) / base;
    }

    function _unregister(address orchestrator) internal {
        orchestrators[orchestrator].registered = false;
        emit OrchestratorUnregistered(orchestrator);
    }
}
