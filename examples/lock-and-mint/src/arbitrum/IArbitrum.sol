// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title The slice of Arbitrum's L1 and L2 system interfaces a token gateway uses
/// @notice Declared here as a project would import them from `@arbitrum/nitro-contracts`:
///         crosscheck deploys its own Inbox, Bridge, Outbox and ArbSys with these
///         signatures, so the gateways run unchanged against its simulated bridge.
interface IInbox {
    /// @notice Creates a retryable ticket calling `to` on L2 from the alias of the sender.
    function createRetryableTicket(
        address to,
        uint256 l2CallValue,
        uint256 maxSubmissionCost,
        address excessFeeRefundAddress,
        address callValueRefundAddress,
        uint256 gasLimit,
        uint256 maxFeePerGas,
        bytes calldata data
    ) external payable returns (uint256);
}

/// @notice Arbitrum's L1 bridge: the `msg.sender` of every outbox execution.
interface IBridge {
    /// @notice The outbox currently allowed to execute through the bridge.
    function activeOutbox() external view returns (address);
}

/// @notice Arbitrum's outbox, as seen during the execution of an L2 → L1 message.
interface IOutbox {
    /// @notice The L2 sender of the message being executed.
    function l2ToL1Sender() external view returns (address);
}

/// @notice Arbitrum's L2 system contract at address 0x64.
interface IArbSys {
    /// @notice Sends `data` to `destination` on L1, executable after the challenge period.
    function sendTxToL1(address destination, bytes calldata data) external payable returns (uint256);
}

/// @notice Arbitrum's L1 → L2 sender aliasing.
library AddressAliasHelper {
    uint160 internal constant OFFSET = uint160(0x1111000000000000000000000000000000001111);

    /// @notice The L2 address a retryable ticket from L1 address `l1Address` runs as.
    function applyL1ToL2Alias(address l1Address) internal pure returns (address) {
        unchecked {
            return address(uint160(l1Address) + OFFSET);
        }
    }
}
