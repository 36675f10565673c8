// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {StakingCore} from "./StakingCore.sol";
import {LivepeerToken} from "./LivepeerToken.sol";
import {IStakingMinter} from "./IStakingMinter.sol";

/// @title L2StakingManager
/// @notice The L2 staking contract: the shared staking core, minting inflation through the
///         L2 Minter, plus `stakeFor`, which lets the L2 Migrator stake for a delegator.
contract L2StakingManager is StakingCore {
    /// @notice The L2 Migrator, the only caller of `stakeFor`.
    address public migrator;

    event StakedFor(address indexed delegator, address indexed orchestrator, uint256 amount, bool bonded);

    error NotMigrator(address caller);
    error MigratorAlreadySet();

    constructor(LivepeerToken _token, IStakingMinter _minter, address _governor, uint256 _roundLength, uint256 _unbondingPeriod)
        StakingCore(_token, _minter, _governor, _roundLength, _unbondingPeriod)
    {}

    /// @notice Names the L2 Migrator, once. Governance only.
    function setMigrator(address _migrator) external onlyGovernor {
        if (migrator != address(0)) revert MigratorAlreadySet();
        migrator = _migrator;
    }

    /// @notice Stakes `amount` LPT, paid by the Migrator, for `delegator` with
    ///         `orchestrator`.
    /// @dev Design choice for a destination that is not a registered orchestrator: the
    ///      stake is held as an unbonding lock that is withdrawable at once (or can be
    ///      rebonded with `rebondFromUnbonded`). A migration must never revert here, or its
    ///      ticket would be stuck; and delegating to an address that may never become an
    ///      orchestrator would earn nothing. Self-delegation is the exception: a migrating
    ///      orchestrator is bonded to itself and can then call `registerOrchestrator`.
    function stakeFor(address delegator, address orchestrator, uint256 amount) external {
        if (msg.sender != migrator) revert NotMigrator(msg.sender);
        bool bonded = orchestrator == delegator || orchestrators[orchestrator].registered;
        if (bonded) {
            _bondFor(delegator, orchestrator, amount, msg.sender);
        } else {
            _lockFor(delegator, amount, currentRound(), msg.sender);
        }
        emit StakedFor(delegator, orchestrator, amount, bonded);
    }
}
