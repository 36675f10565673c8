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

/// @notice The L1 gateway's deposit entry point with a call hook, as a migrator or a
///         Minter bridging rewards calls it.
interface IL1TokenGateway {
    function outboundTransferCustomRefund(
        address refundTo,
        address to,
        uint256 amount,
        uint256 maxGas,
        uint256 gasPriceBid,
        bytes calldata data
    ) external payable returns (uint256);
}

/// @notice What the L2 gateway needs from the L2 Minter: minting a deposit's LPT on its
///         behalf (the gateway is one of the Minter's delegates).
interface IGatewayMinter {
    function mint(address to, uint256 amount) external;
}
