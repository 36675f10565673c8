// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governed} from "../Governed.sol";
import {LivepeerToken} from "../LivepeerToken.sol";
import {ArbSys} from "../arbitrum/ArbSys.sol";
import {AddressAliasHelper} from "../arbitrum/AddressAliasHelper.sol";
import {IL1GatewayInbound, IL2GatewayInbound, IInboundCallHook, IGatewayMinter} from "./IGateways.sol";

/// @title L2Gateway (designs A and B)
/// @notice Mints L2 LPT for deposits escrowed on L1 (through the L2 Minter, which lists
///         this gateway as a delegate) and burns L2 LPT for withdrawals to L1. Both designs
///         use it unchanged: what differs is the L1 side, which in A may mint a withdrawal
///         the escrow cannot cover and in B never does.
contract L2Gateway is Governed, IL2GatewayInbound {
    ArbSys internal constant ARB_SYS = ArbSys(address(0x64));

    LivepeerToken public immutable token;
    IGatewayMinter public immutable minter;
    /// @notice The L1 gateway; deposits are honoured only from its alias.
    address public l1Counterpart;
    /// @notice Pausing blocks outbound withdrawals only: inbound deposits always finalise.
    bool public paused;

    event DepositFinalized(address indexed from, address indexed to, uint256 amount);
    event WithdrawalInitiated(address indexed from, address indexed to, uint256 indexed position, uint256 amount);

    error NotCounterpart(address caller);
    error Paused();
    error ZeroAmount();
    error CounterpartAlreadySet();

    constructor(LivepeerToken _token, IGatewayMinter _minter, address _governor) Governed(_governor) {
        token = _token;
        minter = _minter;
    }

    /// @notice Names the L1 gateway, once. Governance only.
    function setCounterpart(address _l1Counterpart) external onlyGovernor {
        if (l1Counterpart != address(0)) revert CounterpartAlreadySet();
        l1Counterpart = _l1Counterpart;
    }

    /// @notice Pauses or unpauses outbound withdrawals. Governance only.
    function setPaused(bool _paused) external onlyGovernor {
        paused = _paused;
    }

    /// @notice Finalises a deposit: mints `amount` to `to` and, when `data` is not empty,
    ///         calls `to.onTokenTransfer(from, amount, data)` in the same ticket, so that a
    ///         migration mints and stakes atomically.
    /// @dev Only from the alias of the L1 gateway. A failing call hook fails the whole
    ///      ticket, mint included, and leaves it redeemable.
    function finalizeInboundTransfer(address from, address to, uint256 amount, bytes calldata data) external {
        if (msg.sender != AddressAliasHelper.applyL1ToL2Alias(l1Counterpart)) revert NotCounterpart(msg.sender);
        minter.mint(to, amount);
        if (data.length > 0) IInboundCallHook(to).onTokenTransfer(from, amount, data);
        emit DepositFinalized(from, to, amount);
    }

    /// @notice Withdraws `amount` of the caller's LPT to `to` on L1: burns it here and
    ///         sends the L1 gateway a message to pay it out after the challenge period.
    /// @return position The outbox position of the message.
    function outboundTransfer(address to, uint256 amount) external returns (uint256 position) {
        if (paused) revert Paused();
        if (amount == 0) revert ZeroAmount();
        token.burn(msg.sender, amount);
        position = ARB_SYS.sendTxToL1(
            l1Counterpart, abi.encodeCall(IL1GatewayInbound.finalizeInboundTransfer, (msg.sender, to, amount))
        );
        emit WithdrawalInitiated(msg.sender, to, position, amount);
    }
}
