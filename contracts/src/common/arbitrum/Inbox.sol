// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Bridge} from "./Bridge.sol";

/// @title Inbox (L1 stand-in)
/// @notice Records retryable tickets with Arbitrum's `createRetryableTicket` interface.
///         The crosscheck relayer reads `TicketCreated` and owns the ticket's L2 lifecycle
///         (auto-redeem, manual redeem, cancel, expiry); this contract only checks the
///         payment and numbers the tickets.
contract Inbox {
    Bridge public immutable bridge;
    /// @notice Number of tickets created; the next ticket's id.
    uint256 public ticketCount;

    event TicketCreated(
        uint256 indexed ticketId,
        address indexed from,
        address indexed to,
        uint256 l2CallValue,
        uint256 maxSubmissionCost,
        address excessFeeRefundAddress,
        address callValueRefundAddress,
        uint256 gasLimit,
        uint256 maxFeePerGas,
        bytes data
    );

    error InsufficientValue(uint256 expected, uint256 actual);

    constructor(Bridge _bridge) {
        bridge = _bridge;
    }

    /// @notice What a ticket's submission costs: Arbitrum's price per byte of call data
    ///         stored, `(1400 + 6 * dataLength) * baseFee`, at the given L1 base fee, or at
    ///         this block's when it is zero. An honest client pays this as `maxSubmissionCost`.
    /// @dev A quote only: like Arbitrum Classic's inbox, which Confluence launched on, this
    ///      stand-in does not refuse a smaller `maxSubmissionCost` (Classic failed such a
    ///      ticket on L2, which the relayer does not model). Contracts that require more,
    ///      as Livepeer's L1 gateway does, check it themselves.
    function calculateRetryableSubmissionFee(uint256 dataLength, uint256 baseFee) external view returns (uint256) {
        return (1400 + 6 * dataLength) * (baseFee == 0 ? block.basefee : baseFee);
    }

    /// @notice Creates a retryable ticket that will call `to` on L2 from the alias of
    ///         `msg.sender`, carrying `l2CallValue` wei and `data`.
    /// @dev Reverts unless `msg.value` covers
    ///      `maxSubmissionCost + l2CallValue + gasLimit * maxFeePerGas`.
    /// @return The ticket id.
    function createRetryableTicket(
        address to,
        uint256 l2CallValue,
        uint256 maxSubmissionCost,
        address excessFeeRefundAddress,
        address callValueRefundAddress,
        uint256 gasLimit,
        uint256 maxFeePerGas,
        bytes calldata data
    ) external payable returns (uint256) {
        uint256 expected = maxSubmissionCost + l2CallValue + gasLimit * maxFeePerGas;
        if (msg.value < expected) revert InsufficientValue(expected, msg.value);
        uint256 id = ticketCount++;
        bridge.depositEth{value: msg.value}();
        emit TicketCreated(
            id,
            msg.sender,
            to,
            l2CallValue,
            maxSubmissionCost,
            excessFeeRefundAddress,
            callValueRefundAddress,
            gasLimit,
            maxFeePerGas,
            data
        );
        return id;
    }
}
