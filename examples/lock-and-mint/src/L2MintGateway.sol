// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IArbSys, AddressAliasHelper} from "./arbitrum/IArbitrum.sol";
import {Token} from "./Token.sol";

/// @title L2 side of a lock-and-mint token bridge
/// @notice Mints the L2 token when the L1 gateway's deposit ticket arrives, and burns it
///         when a holder withdraws, sending the L1 gateway a message that releases as many
///         locked tokens on L1.
contract L2MintGateway {
    IArbSys internal constant ARB_SYS = IArbSys(address(100));

    /// @notice The L2 token, which names this gateway its minter. Set once by the owner:
    ///         the token's constructor needs this gateway's address first.
    Token public token;
    address public immutable owner;
    /// @notice The L1 gateway; set once by the owner.
    address public counterpart;

    event DepositFinalized(address indexed from, address indexed to, uint256 amount);
    event WithdrawalInitiated(address indexed from, address indexed to, uint256 amount, uint256 position);

    error NotOwner(address caller);
    error AlreadyWired();
    error NotCounterpart(address caller);
    error ZeroAmount();

    constructor() {
        owner = msg.sender;
    }

    /// @notice Names the L2 token and the L1 gateway, once. Owner only.
    function wire(Token _token, address l1Gateway) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        if (counterpart != address(0)) revert AlreadyWired();
        token = _token;
        counterpart = l1Gateway;
    }

    /// @notice Mints `amount` to `to` for a deposit locked on L1. Only the L1 gateway's
    ///         ticket may call it: its sender is the L1 gateway's alias.
    function finalizeInboundTransfer(address from, address to, uint256 amount) external {
        if (msg.sender != AddressAliasHelper.applyL1ToL2Alias(counterpart)) revert NotCounterpart(msg.sender);
        token.mint(to, amount);
        emit DepositFinalized(from, to, amount);
    }

    /// @notice Burns `amount` of the caller's L2 tokens and sends the L1 gateway a message
    ///         that releases as many to `to` on L1.
    /// @return The message's outbox position.
    function outboundTransfer(address to, uint256 amount) external returns (uint256) {
        if (amount == 0) revert ZeroAmount();
        token.burn(msg.sender, amount);
        bytes memory data = abi.encodeWithSignature("finalizeInboundTransfer(address,address,uint256)", msg.sender, to, amount);
        uint256 position = ARB_SYS.sendTxToL1(counterpart, data);
        emit WithdrawalInitiated(msg.sender, to, amount, position);
        return position;
    }
}
