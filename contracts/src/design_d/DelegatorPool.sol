// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBondingManager} from "./ILivepeer.sol";

/// @title DelegatorPool (design D, L2)
/// @notice The stake of an orchestrator's delegators who have not migrated yet. When an
///         orchestrator migrates, the L2 Migrator creates one pool for it (a minimal-proxy
///         clone of this contract) and bonds to the orchestrator, as the pool, the stake
///         delegated to it on L1 less its own and less what its delegators already claimed.
///         The pool earns rewards and fees on L2 like any delegator; each delegator who
///         migrates later claims its share of all of it, pro rata to its frozen L1 stake.
/// @dev A share is `pendingStake * stake / remaining` (and the same for fees), where
///      `remaining` is the initial stake not yet claimed; every division rounds down, so the
///      pool never owes more than it holds. A claim for more than remains is refused.
contract DelegatorPool {
    /// @notice L2 BondingManager.
    IBondingManager public bondingManager;
    /// @notice The L2 Migrator, the only claimant.
    address public migrator;
    /// @notice The frozen L1 stake the pool stands for.
    uint256 public initialStake;
    /// @notice How much of it has been claimed.
    uint256 public claimedInitialStake;

    event Claimed(address indexed delegator, uint256 stake, uint256 fees);

    error AlreadyInitialized();
    error NotMigrator(address caller);
    error ClaimExceedsRemaining(uint256 stake, uint256 remaining);

    /// @notice Sets the pool up; the caller becomes its migrator. Once.
    function initialize(IBondingManager _bondingManager, uint256 _initialStake) external {
        if (migrator != address(0)) revert AlreadyInitialized();
        bondingManager = _bondingManager;
        migrator = msg.sender;
        initialStake = _initialStake;
    }

    /// @notice Takes the fees `claim` withdraws, before it pays them on.
    receive() external payable {}

    /// @notice Pays `delegator` its share of the pool for `stake` of frozen L1 stake: that
    ///         share of the pool's bond, moved to `delegator`, and of its fees, in ETH.
    ///         L2 Migrator only.
    /// @return owedStake The stake moved.
    /// @return owedFees The fees paid.
    function claim(address delegator, uint256 stake) external returns (uint256 owedStake, uint256 owedFees) {
        if (msg.sender != migrator) revert NotMigrator(msg.sender);
        uint256 remaining = initialStake - claimedInitialStake;
        if (stake > remaining) revert ClaimExceedsRemaining(stake, remaining);
        owedStake = (bondingManager.pendingStake(address(this), type(uint256).max) * stake) / remaining;
        owedFees = (bondingManager.pendingFees(address(this), type(uint256).max) * stake) / remaining;
        claimedInitialStake += stake;
        if (owedStake > 0) {
            bondingManager.transferBond(delegator, owedStake, address(0), address(0), address(0), address(0));
        }
        if (owedFees > 0) bondingManager.withdrawFees(payable(delegator), owedFees);
        emit Claimed(delegator, owedStake, owedFees);
    }
}
