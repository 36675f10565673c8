// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governed} from "../common/Governed.sol";
import {LivepeerToken} from "../common/LivepeerToken.sol";
import {Minter} from "../common/Minter.sol";
import {Bridge} from "../common/arbitrum/Bridge.sol";
import {Inbox} from "../common/arbitrum/Inbox.sol";
import {Outbox} from "../common/arbitrum/Outbox.sol";
import {IL1GatewayInbound, IL2GatewayInbound} from "./IGateways.sol";

/// @title L1Gateway (design A)
/// @notice Escrows L1 LPT for deposits to L2 and, for withdrawals from L2, releases escrow
///         or mints the shortfall. The escrow is this contract's own LPT balance.
/// @dev The shortfall mint is the proposal's answer to L2 inflation: LPT minted on L2 can
///      leave through here even though no L1 LPT was ever escrowed for it. It means L1
///      minting trusts L2 completely, which is why every L1 mint is traced by crosscheck.
contract L1Gateway is Governed, IL1GatewayInbound {
    LivepeerToken public immutable token;
    Minter public immutable minter;
    Inbox public immutable inbox;
    Bridge public immutable bridge;
    /// @notice The L2 gateway; the only L2 sender whose messages this gateway honours.
    address public l2Counterpart;
    /// @notice Pausing blocks outbound deposits only: inbound withdrawals always finalise.
    bool public paused;

    event DepositInitiated(
        address indexed from, address indexed to, uint256 indexed ticketId, uint256 amount, bytes data
    );
    event WithdrawalFinalized(
        address indexed from, address indexed to, uint256 amount, uint256 fromEscrow, uint256 minted
    );

    error NotCounterpart(address caller, address l2Sender);
    error Paused();
    error ZeroAmount();
    error InsufficientValue(uint256 gasCost, uint256 value);
    error CounterpartAlreadySet();

    constructor(LivepeerToken _token, Minter _minter, Inbox _inbox, Bridge _bridge, address _governor)
        Governed(_governor)
    {
        token = _token;
        minter = _minter;
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

    /// @notice Finalises a withdrawal from L2: pays `amount` to `to` out of escrow, and if
    ///         the escrow is short, pays the whole escrow and mints exactly the shortfall.
    /// @dev Only through the outbox, for a message whose L2 sender is the L2 gateway.
    function finalizeInboundTransfer(address from, address to, uint256 amount) external {
        address l2Sender = Outbox(bridge.activeOutbox()).l2ToL1Sender();
        if (msg.sender != address(bridge) || l2Sender != l2Counterpart) revert NotCounterpart(msg.sender, l2Sender);
        uint256 escrow = token.balanceOf(address(this));
        if (escrow >= amount) {
            token.transfer(to, amount);
            emit WithdrawalFinalized(from, to, amount, amount, 0);
        } else {
            if (escrow > 0) token.transfer(to, escrow);
            minter.mint(to, amount - escrow);
            emit WithdrawalFinalized(from, to, amount, escrow, amount - escrow);
        }
    }

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
