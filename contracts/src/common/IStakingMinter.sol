// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IStakingMinter
/// @notice What the staking core needs from its chain's Minter: a round hook, a reward
///         share for the calling orchestrator, and custody of bonded LPT. Designs differ in
///         where a reward comes from (designs A and C mint it on L2; design B's L2 pays it out
///         of LPT bridged from L1), so the staking core is written against this interface.
interface IStakingMinter {
    /// @notice Starts `round` if it is newer than the Minter's current one.
    function initializeRound(uint256 round, uint256 totalBonded) external;

    /// @notice Credits the caller's `fracNum / fracDenom` share of the round's rewards into
    ///         custody and returns the amount.
    function createReward(uint256 fracNum, uint256 fracDenom) external returns (uint256);

    /// @notice Pays custodied LPT out to `to`.
    function trustedTransferTokens(address to, uint256 amount) external;
}
