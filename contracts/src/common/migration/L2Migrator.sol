// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LivepeerToken} from "../LivepeerToken.sol";
import {L2StakingManager} from "../L2StakingManager.sol";
import {IInboundCallHook} from "../gateway/IGateways.sol";

/// @title L2Migrator (designs A and B)
/// @notice Receives a migration ticket's LPT from the L2 gateway and stakes it for the
///         delegator named in the ticket.
/// @dev It accepts only the bridge: the call must come from the L2 gateway (which itself
///      accepts only the alias of the L1 gateway) for a deposit whose L1 sender was the L1
///      Migrator. Together that authenticates the L1 counterpart.
contract L2Migrator is IInboundCallHook {
    LivepeerToken public immutable token;
    L2StakingManager public immutable stakingManager;
    address public immutable l2Gateway;
    /// @notice The L1 Migrator, the only L1 sender whose deposits are migrations.
    address public immutable l1Migrator;

    event MigrationFinalized(address indexed delegator, address indexed orchestrator, uint256 amount);

    error NotGateway(address caller);
    error NotL1Migrator(address from);

    constructor(LivepeerToken _token, L2StakingManager _stakingManager, address _l2Gateway, address _l1Migrator) {
        token = _token;
        stakingManager = _stakingManager;
        l2Gateway = _l2Gateway;
        l1Migrator = _l1Migrator;
        _token.approve(address(_stakingManager), type(uint256).max);
    }

    /// @notice Finalises a migration: stakes `amount` for the delegator and destination
    ///         orchestrator encoded in `data`. Called by the L2 gateway inside the ticket.
    function onTokenTransfer(address from, uint256 amount, bytes calldata data) external {
        if (msg.sender != l2Gateway) revert NotGateway(msg.sender);
        if (from != l1Migrator) revert NotL1Migrator(from);
        (address delegator, address orchestrator) = abi.decode(data, (address, address));
        stakingManager.stakeFor(delegator, orchestrator, amount);
        emit MigrationFinalized(delegator, orchestrator, amount);
    }
}
