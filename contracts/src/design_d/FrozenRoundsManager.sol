// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice The RoundsManager interface Livepeer's protocol reads (its deployed ABI).
interface IRoundsManager {
    function blockNum() external view returns (uint256);
    function blockHash(uint256 blockNumber) external view returns (bytes32);
    function blockHashForRound(uint256 round) external view returns (bytes32);
    function currentRound() external view returns (uint256);
    function currentRoundStartBlock() external view returns (uint256);
    function currentRoundInitialized() external view returns (bool);
    function currentRoundLocked() external view returns (bool);
    function lastInitializedRound() external view returns (uint256);
    function lastRoundLengthUpdateRound() external view returns (uint256);
    function lastRoundLengthUpdateStartBlock() external view returns (uint256);
    function lipUpgradeRound(uint256 lip) external view returns (uint256);
    function roundLength() external view returns (uint256);
    function roundLockAmount() external view returns (uint256);
}

/// @title FrozenRoundsManager (design D, L1)
/// @notice The L1 protocol's RoundsManager after the migration round, with the real
///         RoundsManager's interface. LIP-73 froze L1: rounds stop at the migration round
///         and the Controller is paused, so nothing bonds, unbonds or rewards on L1 again,
///         and every pending stake and fee the L1 Migrator reads stays what it was at the
///         freeze. Governance registers this contract as "RoundsManager" in the L1
///         Controller at the freeze; it answers every read as the old RoundsManager would at
///         the frozen round, and refuses to start a round.
contract FrozenRoundsManager is IRoundsManager {
    /// @notice The RoundsManager before the freeze, whose history this one answers from.
    IRoundsManager public immutable previous;
    /// @notice The migration round, where L1 rounds stop.
    uint256 public immutable frozenRound;

    error Frozen(uint256 round);

    /// @param _previous The RoundsManager in place before the freeze.
    constructor(IRoundsManager _previous) {
        previous = _previous;
        frozenRound = _previous.currentRound();
    }

    /// @notice The current round: the migration round, forever.
    function currentRound() external view returns (uint256) {
        return frozenRound;
    }

    /// @notice The last initialised round: the migration round.
    function lastInitializedRound() external view returns (uint256) {
        return frozenRound;
    }

    /// @notice Whether the current round is initialised: it is, and it is the last.
    function currentRoundInitialized() external pure returns (bool) {
        return true;
    }

    /// @notice Whether the current round is locked: always, nothing may change in it.
    function currentRoundLocked() external pure returns (bool) {
        return true;
    }

    /// @notice Starting a round is refused: L1 is frozen.
    function initializeRound() external view {
        revert Frozen(frozenRound);
    }

    /// @notice The start block of the migration round.
    function currentRoundStartBlock() external view returns (uint256) {
        return frozenRound * previous.roundLength();
    }

    /// @notice The current block number.
    function blockNum() external view returns (uint256) {
        return block.number;
    }

    /// @notice A block's hash, as the old RoundsManager answers it.
    function blockHash(uint256 blockNumber) external view returns (bytes32) {
        return previous.blockHash(blockNumber);
    }

    /// @notice A round's block hash, as the old RoundsManager recorded it.
    function blockHashForRound(uint256 round) external view returns (bytes32) {
        return previous.blockHashForRound(round);
    }

    /// @notice As the old RoundsManager.
    function lastRoundLengthUpdateRound() external view returns (uint256) {
        return previous.lastRoundLengthUpdateRound();
    }

    /// @notice As the old RoundsManager.
    function lastRoundLengthUpdateStartBlock() external view returns (uint256) {
        return previous.lastRoundLengthUpdateStartBlock();
    }

    /// @notice The round an LIP took effect, as the old RoundsManager recorded it.
    function lipUpgradeRound(uint256 lip) external view returns (uint256) {
        return previous.lipUpgradeRound(lip);
    }

    /// @notice As the old RoundsManager.
    function roundLength() external view returns (uint256) {
        return previous.roundLength();
    }

    /// @notice As the old RoundsManager.
    function roundLockAmount() external view returns (uint256) {
        return previous.roundLockAmount();
    }
}
