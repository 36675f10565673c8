// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ArbSys (L2 stand-in, installed at address 0x64)
/// @notice Records L2 → L1 messages with Arbitrum's `sendTxToL1` interface. The message
///         takes effect on L2 at once; the crosscheck relayer reads `L2ToL1Tx` and posts
///         it to the L1 outbox with its challenge-period deadline.
contract ArbSys {
    /// @notice Number of messages sent; the next message's position.
    uint256 public messageCount;

    event L2ToL1Tx(
        address caller,
        address indexed destination,
        uint256 indexed position,
        uint256 ethBlockNum,
        uint256 timestamp,
        uint256 callvalue,
        bytes data
    );

    /// @notice Sends `data` to `destination` on L1, from `msg.sender`. ETH sent with it is
    ///         paid out of the L1 bridge when the message executes.
    /// @return The message's position, which is its outbox index.
    function sendTxToL1(address destination, bytes calldata data) external payable returns (uint256) {
        uint256 position = messageCount++;
        emit L2ToL1Tx(msg.sender, destination, position, block.number, block.timestamp, msg.value, data);
        return position;
    }
}
