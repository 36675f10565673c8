// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governed} from "./Governed.sol";
import {LivepeerToken} from "./LivepeerToken.sol";
import {IStakingMinter} from "./IStakingMinter.sol";

/// @title Minter
/// @notice Holds the minting authority over its chain's LPT and lends it to a fixed list
///         of delegates, as the proposal describes. Like Livepeer's Minter it also keeps
///         custody of bonded LPT (the staking contract never holds tokens itself) and runs
///         the inflation schedule: each round, inflation moves by `inflationChange` toward
///         the target bonding rate, and is capped at `maxInflation`.
/// @dev One contract serves both chains. What differs per design is only the delegate list,
///      which governance sets at deployment (and, on L1 in design A, at the upgrade).
contract Minter is Governed, IStakingMinter {
    /// @notice Denominator of `inflation`, `maxInflation`, `inflationChange` and
    ///         `targetBondingRate`: parts per billion.
    uint256 public constant PERC_DIVISOR = 1_000_000_000;

    LivepeerToken public immutable token;
    /// @notice The staking contract (L1 BondingManager or L2 StakingManager) whose bonded
    ///         LPT this Minter custodies and which initialises rounds.
    address public staking;

    address[] private delegates;
    mapping(address => bool) public isDelegate;

    uint256 public inflation;
    uint256 public immutable inflationChange;
    uint256 public immutable targetBondingRate;
    uint256 public immutable maxInflation;

    uint256 public currentRound;
    uint256 public currentMintableTokens;
    uint256 public currentMintedTokens;

    event DelegatesSet(address[] delegates);
    event RoundInitialized(uint256 indexed round, uint256 supply, uint256 inflation, uint256 mintable);
    event RewardMinted(address indexed delegate, uint256 amount);

    error NotDelegate(address caller);
    error NotStaking(address caller);
    error StakingAlreadySet();

    modifier onlyDelegate() {
        if (!isDelegate[msg.sender]) revert NotDelegate(msg.sender);
        _;
    }

    modifier onlyStaking() {
        if (msg.sender != staking) revert NotStaking(msg.sender);
        _;
    }

    /// @param _token The LPT this Minter mints; it must be granted MINTER_ROLE.
    /// @param _governor Governance address.
    /// @param _inflation Starting inflation per round, in parts per billion.
    /// @param _inflationChange Per-round step of inflation, in parts per billion.
    /// @param _targetBondingRate Target share of supply bonded, in parts per billion.
    /// @param _maxInflation Hard cap on per-round inflation, in parts per billion.
    constructor(
        LivepeerToken _token,
        address _governor,
        uint256 _inflation,
        uint256 _inflationChange,
        uint256 _targetBondingRate,
        uint256 _maxInflation
    ) Governed(_governor) {
        token = _token;
        inflation = _inflation;
        inflationChange = _inflationChange;
        targetBondingRate = _targetBondingRate;
        maxInflation = _maxInflation;
    }

    /// @notice Names the staking contract once. Governance only.
    function setStaking(address _staking) external onlyGovernor {
        if (staking != address(0)) revert StakingAlreadySet();
        staking = _staking;
    }

    /// @notice Replaces the whole delegate list. Governance only. Design A's L1 upgrade
    ///         calls this with the L1 gateway alone, which is what stops L1 inflation.
    function setDelegates(address[] calldata list) external onlyGovernor {
        for (uint256 i = 0; i < delegates.length; i++) {
            isDelegate[delegates[i]] = false;
        }
        delete delegates;
        for (uint256 i = 0; i < list.length; i++) {
            if (isDelegate[list[i]]) continue;
            isDelegate[list[i]] = true;
            delegates.push(list[i]);
        }
        emit DelegatesSet(list);
    }

    /// @notice Every current delegate.
    function getDelegates() external view returns (address[] memory) {
        return delegates;
    }

    /// @notice Mints `amount` LPT to `to` on behalf of a delegate (a gateway).
    function mint(address to, uint256 amount) external onlyDelegate {
        token.mint(to, amount);
    }

    /// @notice Starts `round` if it is newer than the current one: steps inflation toward
    ///         the target bonding rate and fixes the round's mintable rewards from the
    ///         current total supply. Called by the staking contract on the first staking
    ///         action of a round; a call for an old round does nothing.
    /// @param round The staking contract's current round.
    /// @param totalBonded LPT bonded on this chain, for the bonding rate.
    function initializeRound(uint256 round, uint256 totalBonded) external onlyStaking {
        if (round <= currentRound) return;
        currentRound = round;
        uint256 supply = token.totalSupply();
        _stepInflation(totalBonded, supply);
        currentMintableTokens = (supply * inflation) / PERC_DIVISOR;
        currentMintedTokens = 0;
        emit RoundInitialized(round, supply, inflation, currentMintableTokens);
    }

    /// @dev Moves `inflation` one `inflationChange` toward the target bonding rate, where the
    ///      bonding rate is `bonded / supply`: up (capped at `maxInflation`) while too little
    ///      is bonded, down (floored at zero) otherwise.
    function _stepInflation(uint256 bonded, uint256 supply) internal {
        uint256 bondingRate = supply == 0 ? 0 : (bonded * PERC_DIVISOR) / supply;
        if (bondingRate < targetBondingRate) {
            inflation = inflation + inflationChange > maxInflation ? maxInflation : inflation + inflationChange;
        } else {
            inflation = inflation > inflationChange ? inflation - inflationChange : 0;
        }
    }

    /// @notice Mints the caller's `fracNum / fracDenom` share of this round's rewards into
    ///         custody and returns the amount. Delegates only: on L1 after design A's
    ///         upgrade the BondingManager is no longer a delegate, so L1 `reward()` reverts.
    function createReward(uint256 fracNum, uint256 fracDenom) external onlyDelegate returns (uint256) {
        if (fracDenom == 0) return 0;
        uint256 amount = (currentMintableTokens * fracNum) / fracDenom;
        uint256 left = currentMintableTokens - currentMintedTokens;
        if (amount > left) amount = left;
        currentMintedTokens += amount;
        token.mint(address(this), amount);
        emit RewardMinted(msg.sender, amount);
        return amount;
    }

    /// @notice Pays custodied LPT out to `to`. Staking contract only (withdrawals,
    ///         migrations).
    function trustedTransferTokens(address to, uint256 amount) external onlyStaking {
        token.transfer(to, amount);
    }
}
