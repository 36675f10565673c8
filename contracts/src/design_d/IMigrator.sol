// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title The messages of design D's migration, as Livepeer's deployed ABIs name them.

/// @notice What L1 reports of a delegator at the freeze, and what L2 credits: its stake and
///         fees including everything pending, its delegate, and (for an orchestrator) the
///         stake delegated to it.
struct MigrateDelegatorParams {
    address l1Addr;
    address l2Addr;
    uint256 stake;
    uint256 delegatedStake;
    uint256 fees;
    address delegate;
}

/// @notice The unbonding locks of a delegator, as L1 reports them.
struct MigrateUnbondingLocksParams {
    address l1Addr;
    address l2Addr;
    uint256 total;
    uint256[] unbondingLockIds;
}

/// @notice The unbonding locks of a delegator, as L2 receives them: with the delegate to
///         stake their total with.
struct MigrateUnbondingLocksParamsL2 {
    address l1Addr;
    address l2Addr;
    uint256 total;
    uint256[] unbondingLockIds;
    address delegate;
}

/// @notice A broadcaster's deposit and reserve at the freeze.
struct MigrateSenderParams {
    address l1Addr;
    address l2Addr;
    uint256 deposit;
    uint256 reserve;
}

/// @notice The L2 Migrator's entry points for messages from the L1 Migrator.
interface IL2MigratorInbound {
    function finalizeMigrateDelegator(MigrateDelegatorParams calldata params) external;
    function finalizeMigrateUnbondingLocks(MigrateUnbondingLocksParamsL2 calldata params) external;
    function finalizeMigrateSender(MigrateSenderParams calldata params) external;
}
