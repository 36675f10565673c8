// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LivepeerToken} from "../common/LivepeerToken.sol";
import {L1BondingManager} from "../common/L1BondingManager.sol";
import {Inbox} from "../common/arbitrum/Inbox.sol";
import {ILegacyInbound} from "./IBridges.sol";

/// @title LegacyMigrator (design C, L1)
/// @notice The one way out for legacy L1 LPT. In design C the L2 token is canonical and
///         L1 carries only its derivative LPT′, so legacy LPT must not stay spendable next
///         to what it becomes on L2. The thread leaves this initial migration out of scope;
///         we model it so that supply stays one: this contract locks legacy LPT, liquid or
///         staked, and sends a ticket that releases the same amount on L2 from a reserve
///         minted at L2 genesis.
/// @dev Locking is for good: no function here ever moves legacy LPT out. A delegator's
///      stake is taken with `migrateStake`, so pending rewards come along and ETH fees stay
///      withdrawable on L1, as in design A. The caller is the ticket's beneficiary: only it
///      may cancel, and cancelling forfeits the locked LPT.
contract LegacyMigrator {
    /// @notice The legacy L1 staking contract; this contract is its migrator.
    L1BondingManager public immutable bondingManager;
    /// @notice Legacy L1 LPT.
    LivepeerToken public immutable legacyToken;
    /// @notice The Arbitrum inbox.
    Inbox public immutable inbox;
    /// @notice The L2 holder of the genesis reserve.
    address public immutable l2Migrator;
    /// @notice L2 gas limit of a migration ticket.
    uint256 public immutable maxGas;
    /// @notice L2 gas price bid of a migration ticket.
    uint256 public immutable gasPriceBid;

    event LegacyStakeLocked(address indexed delegator, address indexed destOrchestrator, uint256 amount, uint256 ticketId);
    event LegacyTokensLocked(address indexed from, address indexed to, uint256 amount, uint256 ticketId);

    error ZeroAmount();
    error InsufficientValue(uint256 gasCost, uint256 value);

    constructor(
        L1BondingManager _bondingManager,
        LivepeerToken _legacyToken,
        Inbox _inbox,
        address _l2Migrator,
        uint256 _maxGas,
        uint256 _gasPriceBid
    ) {
        bondingManager = _bondingManager;
        legacyToken = _legacyToken;
        inbox = _inbox;
        l2Migrator = _l2Migrator;
        maxGas = _maxGas;
        gasPriceBid = _gasPriceBid;
    }

    /// @notice Locks the caller's whole legacy stake, pending rewards included, and has the
    ///         same amount staked for it on L2 with `destOrchestrator`. `msg.value` pays for
    ///         the ticket: at least `maxGas * gasPriceBid`.
    /// @return ticketId The retryable ticket carrying the migration.
    function migrateStake(address destOrchestrator) external payable returns (uint256 ticketId) {
        uint256 amount = bondingManager.migrateStake(msg.sender);
        ticketId = _send(abi.encodeCall(ILegacyInbound.finalizeLegacyStake, (msg.sender, destOrchestrator, amount)));
        emit LegacyStakeLocked(msg.sender, destOrchestrator, amount, ticketId);
    }

    /// @notice Locks `amount` of the caller's liquid legacy LPT (approved to this contract)
    ///         and has the same amount paid to `to` on L2. `msg.value` pays for the ticket.
    /// @return ticketId The retryable ticket carrying the release.
    function migrateLiquid(address to, uint256 amount) external payable returns (uint256 ticketId) {
        if (amount == 0) revert ZeroAmount();
        legacyToken.transferFrom(msg.sender, address(this), amount);
        ticketId = _send(abi.encodeCall(ILegacyInbound.finalizeLegacyTransfer, (msg.sender, to, amount)));
        emit LegacyTokensLocked(msg.sender, to, amount, ticketId);
    }

    function _send(bytes memory data) private returns (uint256) {
        uint256 gasCost = maxGas * gasPriceBid;
        if (msg.value < gasCost) revert InsufficientValue(gasCost, msg.value);
        return inbox.createRetryableTicket{value: msg.value}(
            l2Migrator, 0, msg.value - gasCost, msg.sender, msg.sender, maxGas, gasPriceBid, data
        );
    }
}
