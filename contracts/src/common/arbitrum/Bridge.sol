// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governed} from "../Governed.sol";

/// @title Bridge (L1 stand-in)
/// @notice Holds the ETH sent with retryable tickets and is the `msg.sender` of every
///         outbox execution, as Arbitrum's Bridge is. L1 contracts authenticate an L2
///         message by `msg.sender == bridge` plus the outbox's `l2ToL1Sender()`.
contract Bridge is Governed {
    /// @notice The outbox allowed to make calls through this bridge.
    address public activeOutbox;
    /// @notice The inbox allowed to deposit ETH.
    address public inbox;

    error NotOutbox(address caller);
    error NotInbox(address caller);

    constructor(address _governor) Governed(_governor) {}

    /// @notice Wires the inbox and outbox. Governance only.
    function setInboxAndOutbox(address _inbox, address _outbox) external onlyGovernor {
        inbox = _inbox;
        activeOutbox = _outbox;
    }

    /// @notice Receives ETH from the inbox for a new ticket.
    function depositEth() external payable {
        if (msg.sender != inbox) revert NotInbox(msg.sender);
    }

    /// @notice Makes the L1 call of an outbox message. Outbox only.
    /// @return success Whether the call succeeded.
    /// @return returnData What the call returned or reverted with.
    function executeCall(address to, uint256 value, bytes calldata data)
        external
        returns (bool success, bytes memory returnData)
    {
        if (msg.sender != activeOutbox) revert NotOutbox(msg.sender);
        (success, returnData) = to.call{value: value}(data);
    }
}
