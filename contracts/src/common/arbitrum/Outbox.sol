// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Bridge} from "./Bridge.sol";

/// @title Outbox (L1 stand-in)
/// @notice Executes L2 → L1 messages. In Arbitrum a message is proven against a confirmed
///         assertion root; here the rollup (the crosscheck relayer, as the only poster)
///         posts each message's hash and the time it becomes executable, which is the
///         L1 time the message was sent plus the challenge period. Execution is then open
///         to anyone, in any order, exactly once, and never expires.
contract Outbox {
    /// @dev What `l2ToL1Sender()` holds outside an execution.
    address private constant NO_CONTEXT = address(type(uint160).max);

    Bridge public immutable bridge;
    /// @notice The only address that may post messages (the simulated rollup).
    address public immutable rollup;

    mapping(uint256 => bytes32) public messageHash;
    mapping(uint256 => uint256) public executableAt;
    mapping(uint256 => bool) public spent;
    address private context = NO_CONTEXT;

    event MessagePosted(uint256 indexed index, uint256 executableAt);
    event OutBoxTransactionExecuted(address indexed to, address indexed l2Sender, uint256 indexed index);

    error NotRollup(address caller);
    error AlreadyPosted(uint256 index);
    error UnknownMessage(uint256 index);
    error NotYetExecutable(uint256 index, uint256 executableAt, uint256 now_);
    error AlreadySpent(uint256 index);
    error CallFailed(uint256 index, bytes returnData);

    constructor(Bridge _bridge, address _rollup) {
        bridge = _bridge;
        rollup = _rollup;
    }

    /// @notice Posts L2 message `index` as part of an assertion. Rollup only.
    function postMessage(
        uint256 index,
        address l2Sender,
        address to,
        uint256 value,
        bytes calldata data,
        uint256 _executableAt
    ) external {
        if (msg.sender != rollup) revert NotRollup(msg.sender);
        if (messageHash[index] != bytes32(0)) revert AlreadyPosted(index);
        messageHash[index] = keccak256(abi.encode(l2Sender, to, value, data));
        executableAt[index] = _executableAt;
        emit MessagePosted(index, _executableAt);
    }

    /// @notice Executes posted message `index` through the bridge. Anyone may call it once
    ///         the challenge period has passed; a message executes at most once, and a
    ///         failed call reverts so the message stays executable.
    function executeTransaction(uint256 index, address l2Sender, address to, uint256 value, bytes calldata data)
        external
    {
        bytes32 expected = messageHash[index];
        if (expected == bytes32(0) || expected != keccak256(abi.encode(l2Sender, to, value, data))) {
            revert UnknownMessage(index);
        }
        if (block.timestamp < executableAt[index]) {
            revert NotYetExecutable(index, executableAt[index], block.timestamp);
        }
        if (spent[index]) revert AlreadySpent(index);
        spent[index] = true;

        address previous = context;
        context = l2Sender;
        (bool success, bytes memory returnData) = bridge.executeCall(to, value, data);
        if (!success) revert CallFailed(index, returnData);
        context = previous;
        emit OutBoxTransactionExecuted(to, l2Sender, index);
    }

    /// @notice The L2 sender of the message being executed, or zero outside an execution.
    function l2ToL1Sender() external view returns (address) {
        return context == NO_CONTEXT ? address(0) : context;
    }
}
