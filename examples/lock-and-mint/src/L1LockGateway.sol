// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IInbox, IBridge, IOutbox} from "./arbitrum/IArbitrum.sol";
import {Token} from "./Token.sol";

/// @title L1 side of a lock-and-mint token bridge
/// @notice Locks deposited tokens in this contract and asks the L2 gateway, by retryable
///         ticket, to mint as many there; releases locked tokens when the L2 gateway's
///         withdrawal message arrives through the outbox. The locked balance is the whole
///         backing of the L2 supply: every L2 token is a claim on one locked here.
contract L1LockGateway {
    Token public immutable token;
    IInbox public immutable inbox;
    IBridge public immutable bridge;
    address public immutable owner;
    /// @notice The L2 gateway; set once by the owner after both are deployed.
    address public counterpart;

    event DepositInitiated(address indexed from, address indexed to, uint256 amount, uint256 ticketId);
    event WithdrawalFinalized(address indexed from, address indexed to, uint256 amount);

    error NotOwner(address caller);
    error AlreadyWired();
    error NotCounterpart(address caller, address l2Sender);
    error ZeroAmount();

    constructor(Token _token, IInbox _inbox, IBridge _bridge) {
        token = _token;
        inbox = _inbox;
        bridge = _bridge;
        owner = msg.sender;
    }

    /// @notice Names the L2 gateway, once. Owner only.
    function setCounterpart(address l2Gateway) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        if (counterpart != address(0)) revert AlreadyWired();
        counterpart = l2Gateway;
    }

    /// @notice Locks `amount` of the caller's tokens and sends a ticket that mints as many
    ///         to `to` on L2. `msg.value` pays for the ticket (`maxGas * gasPriceBid` plus
    ///         `maxSubmissionCost`).
    /// @return The retryable ticket's id.
    function outboundTransfer(address to, uint256 amount, uint256 maxGas, uint256 gasPriceBid, uint256 maxSubmissionCost)
        external
        payable
        returns (uint256)
    {
        if (amount == 0) revert ZeroAmount();
        token.transferFrom(msg.sender, address(this), amount);
        bytes memory data = abi.encodeWithSignature("finalizeInboundTransfer(address,address,uint256)", msg.sender, to, amount);
        uint256 id = inbox.createRetryableTicket{value: msg.value}(
            counterpart, 0, maxSubmissionCost, msg.sender, msg.sender, maxGas, gasPriceBid, data
        );
        emit DepositInitiated(msg.sender, to, amount, id);
        return id;
    }

    /// @notice Releases `amount` locked tokens to `to`, as the L2 gateway's withdrawal
    ///         message asks. Only the bridge may call it, and only for a message the L2
    ///         gateway sent.
    function finalizeInboundTransfer(address from, address to, uint256 amount) external {
        address l2Sender = IOutbox(bridge.activeOutbox()).l2ToL1Sender();
        if (msg.sender != address(bridge) || l2Sender != counterpart) revert NotCounterpart(msg.sender, l2Sender);
        token.transfer(to, amount);
        emit WithdrawalFinalized(from, to, amount);
    }
}
