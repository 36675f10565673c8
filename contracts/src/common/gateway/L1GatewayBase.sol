// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governed} from "../Governed.sol";
import {LivepeerToken} from "../LivepeerToken.sol";
import {Bridge} from "../arbitrum/Bridge.sol";
import {Inbox} from "../arbitrum/Inbox.sol";
import {Outbox} from "../arbitrum/Outbox.sol";
import {IL1GatewayInbound, IL2GatewayInbound, IL1TokenGateway} from "./IGateways.sol";

/// @title L1GatewayBase
/// @notice The half of an L1 LPT gateway that every escrow design shares: deposits pull LPT
///         into this contract (the escrow is its own LPT balance) and send one retryable
///         ticket that mints on L2; withdrawals arrive through the outbox and are honoured
///         only for messages from the L2 gateway. What a withdrawal pays out is the one
///         thing designs disagree on, so `_release` is left to each: design A's
///         `L1Gateway` releases escrow and mints any shortfall, design B's
///         `L1EscrowGateway` only ever releases escrow.
abstract contract L1GatewayBase is Governed, IL1GatewayInbound, IL1TokenGateway {
    LivepeerToken public immutable token;
    Inbox public immutable inbox;
    Bridge public immutable bridge;
    /// @notice The L2 gateway; the only L2 sender whose messages this gateway honours.
    address public l2Counterpart;
    /// @notice Pausing blocks outbound deposits only: inbound withdrawals always finalise.
    bool public paused;

    event DepositInitiated(
        address indexed from, address indexed to, uint256 indexed ticketId, uint256 amount, bytes data
    );

    error NotCounterpart(address caller, address l2Sender);
    error Paused();
    error ZeroAmount();
    error InsufficientValue(uint256 gasCost, uint256 value);
    error CounterpartAlreadySet();

    constructor(LivepeerToken _token, Inbox _inbox, Bridge _bridge, address _governor) Governed(_governor) {
        token = _token;
        inbox = _inbox;
        bridge = _bridge;
    }

    /// @notice Names the L2 gateway, once. Governance only.
    function setCounterpart(address _l2Counterpart) external onlyGovernor {
        if (l2Counterpart != address(0)) revert CounterpartAlreadySet();
        l2Counterpart = _l2Counterpart;
    }

    /// @notice Pauses or unpauses outbound deposits. Governance only.
    function setPaused(bool _paused) external onlyGovernor {
        paused = _paused;
    }

    /// @notice Deposits `amount` LPT to `to` on L2; the caller gets any ticket refund and
    ///         may cancel the ticket.
    /// @return ticketId The retryable ticket carrying the deposit.
    function outboundTransfer(address to, uint256 amount, uint256 maxGas, uint256 gasPriceBid)
        external
        payable
        returns (uint256 ticketId)
    {
        return _outbound(msg.sender, to, amount, maxGas, gasPriceBid, "");
    }

    /// @notice Deposits `amount` LPT to `to` on L2 and, in the same ticket, calls
    ///         `to.onTokenTransfer(msg.sender, amount, data)`. `refundTo` becomes the
    ///         ticket's beneficiary: it receives refunds and is the one who may cancel.
    /// @return ticketId The retryable ticket carrying the deposit.
    function outboundTransferCustomRefund(
        address refundTo,
        address to,
        uint256 amount,
        uint256 maxGas,
        uint256 gasPriceBid,
        bytes calldata data
    ) external payable returns (uint256 ticketId) {
        return _outbound(refundTo, to, amount, maxGas, gasPriceBid, data);
    }

    /// @notice Finalises a withdrawal from L2 of `amount` LPT to `to`, as `_release` decides.
    /// @dev Only through the outbox, for a message whose L2 sender is the L2 gateway.
    function finalizeInboundTransfer(address from, address to, uint256 amount) external {
        address l2Sender = Outbox(bridge.activeOutbox()).l2ToL1Sender();
        if (msg.sender != address(bridge) || l2Sender != l2Counterpart) revert NotCounterpart(msg.sender, l2Sender);
        _release(from, to, amount);
    }

    /// @dev Pays out an authenticated withdrawal.
    function _release(address from, address to, uint256 amount) internal virtual;

    function _outbound(
        address refundTo,
        address to,
        uint256 amount,
        uint256 maxGas,
        uint256 gasPriceBid,
        bytes memory data
    ) private returns (uint256 ticketId) {
        if (paused) revert Paused();
        if (amount == 0) revert ZeroAmount();
        uint256 gasCost = maxGas * gasPriceBid;
        if (msg.value < gasCost) revert InsufficientValue(gasCost, msg.value);
        token.transferFrom(msg.sender, address(this), amount);
        bytes memory call =
            abi.encodeCall(IL2GatewayInbound.finalizeInboundTransfer, (msg.sender, to, amount, data));
        ticketId = inbox.createRetryableTicket{value: msg.value}(
            l2Counterpart, 0, msg.value - gasCost, refundTo, refundTo, maxGas, gasPriceBid, call
        );
        emit DepositInitiated(msg.sender, to, ticketId, amount, data);
    }
}
