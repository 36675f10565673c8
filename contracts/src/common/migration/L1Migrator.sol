// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LivepeerToken} from "../LivepeerToken.sol";
import {L1BondingManager} from "../L1BondingManager.sol";
import {IL1TokenGateway} from "../gateway/IGateways.sol";

/// @title L1Migrator (designs A and B)
/// @notice One transaction moves a delegator's stake to L2: it pulls the stake out of the
///         BondingManager, escrows it in the L1 gateway, and sends one ticket that mints
///         and stakes it on L2.
/// @dev Mint and stake travel in one ticket (a gateway deposit with a call hook into the
///      L2 Migrator): two tickets could be executed in the wrong order, or one of them
///      never. The delegator is the ticket's beneficiary, so only it can cancel.
contract L1Migrator {
    L1BondingManager public immutable bondingManager;
    LivepeerToken public immutable token;
    IL1TokenGateway public immutable gateway;
    /// @notice The L2 Migrator, which receives the deposit and stakes it.
    address public immutable l2Migrator;
    /// @notice L2 gas limit of a migration ticket.
    uint256 public immutable maxGas;
    /// @notice L2 gas price bid of a migration ticket.
    uint256 public immutable gasPriceBid;

    event MigrationInitiated(
        address indexed delegator, address indexed destOrchestrator, uint256 amount, uint256 ticketId
    );

    constructor(
        L1BondingManager _bondingManager,
        LivepeerToken _token,
        IL1TokenGateway _gateway,
        address _l2Migrator,
        uint256 _maxGas,
        uint256 _gasPriceBid
    ) {
        bondingManager = _bondingManager;
        token = _token;
        gateway = _gateway;
        l2Migrator = _l2Migrator;
        maxGas = _maxGas;
        gasPriceBid = _gasPriceBid;
    }

    /// @notice Migrates the caller's whole stake, pending rewards included, to L2, where it
    ///         is staked for the caller with `destOrchestrator`. `msg.value` pays for the
    ///         ticket: at least `maxGas * gasPriceBid`.
    /// @return ticketId The retryable ticket carrying the migration.
    function migrate(address destOrchestrator) external payable returns (uint256 ticketId) {
        uint256 amount = bondingManager.migrateStake(msg.sender);
        token.approve(address(gateway), amount);
        ticketId = gateway.outboundTransferCustomRefund{value: msg.value}(
            msg.sender, l2Migrator, amount, maxGas, gasPriceBid, abi.encode(msg.sender, destOrchestrator)
        );
        emit MigrationInitiated(msg.sender, destOrchestrator, amount, ticketId);
    }
}
