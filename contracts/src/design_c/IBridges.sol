// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice The entry point each side of design C's custom bridge exposes to the other:
///         the L2 side releases escrowed LPT, the L1 side mints LPT′.
interface IBridgeInbound {
    function finalizeInboundTransfer(address from, address to, uint256 amount) external;
}

/// @notice The L2 half of the legacy migration: what the L1 LegacyMigrator's tickets call.
interface ILegacyInbound {
    function finalizeLegacyStake(address delegator, address orchestrator, uint256 amount) external;
    function finalizeLegacyTransfer(address from, address to, uint256 amount) external;
}
