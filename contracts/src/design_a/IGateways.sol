// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice The L2 gateway's inbound entry point, as the L1 gateway encodes it.
interface IL2GatewayInbound {
    function finalizeInboundTransfer(address from, address to, uint256 amount, bytes calldata data) external;
}

/// @notice The L1 gateway's inbound entry point, as the L2 gateway encodes it.
interface IL1GatewayInbound {
    function finalizeInboundTransfer(address from, address to, uint256 amount) external;
}

/// @notice Implemented by an L2 recipient that wants to act on a deposit in the same
///         ticket (Arbitrum's inbound call hook).
interface IInboundCallHook {
    function onTokenTransfer(address from, uint256 amount, bytes calldata data) external;
}
