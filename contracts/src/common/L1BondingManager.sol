// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {StakingCore} from "./StakingCore.sol";
import {LivepeerToken} from "./LivepeerToken.sol";
import {IStakingMinter} from "./IStakingMinter.sol";

/// @title L1BondingManager
/// @notice Livepeer's L1 staking contract after the upgrade: the shared staking core plus
///         `migrateStake`, the proposal's instant unbond-and-withdraw for migration.
/// @dev Every design freezes L1 inflation the same way: the upgrade removes this contract
///      from the L1 Minter's delegates, so L1 `reward()` reverts; the Minter is the single
///      gate. Unbonding locks made before a migration stay on L1 and are withdrawn there as
///      usual. `migrateStake` pays the stake to whichever migrator the design names: design
///      A and B's L1 Migrator escrows it in the gateway, design C's LegacyMigrator locks it
///      for good.
contract L1BondingManager is StakingCore {
    /// @notice The L1 Migrator, the only caller of `migrateStake`.
    address public migrator;

    event StakeMigrated(address indexed delegator, address indexed delegate, uint256 amount, bool wasOrchestrator);

    error NotMigrator(address caller);
    error MigratorAlreadySet();

    constructor(LivepeerToken _token, IStakingMinter _minter, address _governor, uint256 _roundLength, uint256 _unbondingPeriod)
        StakingCore(_token, _minter, _governor, _roundLength, _unbondingPeriod)
    {}

    /// @notice Names the L1 Migrator, once. Governance only.
    function setMigrator(address _migrator) external onlyGovernor {
        if (migrator != address(0)) revert MigratorAlreadySet();
        migrator = _migrator;
    }

    /// @notice Instantly unbonds `delegator`'s whole stake, pending rewards included, and
    ///         moves that LPT from the Minter to the L1 Migrator. An orchestrator is also
    ///         unregistered. ETH fees are not touched: they stay withdrawable here.
    /// @dev L1 Migrator only. Claims first so that no reward is left behind.
    /// @return stake The LPT moved to the Migrator.
    function migrateStake(address delegator) external returns (uint256 stake) {
        if (msg.sender != migrator) revert NotMigrator(msg.sender);
        _claim(delegator);
        Delegator storage del = delegators[delegator];
        stake = del.bondedAmount;
        if (stake == 0) revert ZeroAmount();
        address delegate = del.delegate;
        orchestrators[delegate].delegatedAmount -= stake;
        totalBonded -= stake;
        bool wasOrchestrator = orchestrators[delegator].registered;
        if (wasOrchestrator) _unregister(delegator);
        del.bondedAmount = 0;
        del.delegate = address(0);
        minter.trustedTransferTokens(migrator, stake);
        emit StakeMigrated(delegator, delegate, stake, wasOrchestrator);
    }
}
