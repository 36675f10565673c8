// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IController, ILivepeerToken} from "./ILivepeer.sol";

/// @title L1Escrow (design D, L1)
/// @notice Holds the L1 LPT bridged to L2. It does nothing but hold: the L1 gateway, which
///         governance approves once, moves LPT out of it to pay withdrawals.
contract L1Escrow {
    /// @notice The L1 Controller, whose owner governs this contract.
    IController public immutable controller;

    event Approval(address indexed token, address indexed spender, uint256 value);

    error NotControllerOwner(address caller);

    /// @param _controller The L1 Controller.
    constructor(IController _controller) {
        controller = _controller;
    }

    /// @notice Lets `spender` move `value` of `token` out of the escrow. Controller owner
    ///         only.
    function approve(ILivepeerToken token, address spender, uint256 value) external {
        if (msg.sender != controller.owner()) revert NotControllerOwner(msg.sender);
        token.approve(spender, value);
        emit Approval(address(token), spender, value);
    }
}
