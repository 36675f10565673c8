// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governed} from "../common/Governed.sol";
import {LivepeerToken} from "../common/LivepeerToken.sol";
import {ArbSys} from "../common/arbitrum/ArbSys.sol";
import {AddressAliasHelper} from "../common/arbitrum/AddressAliasHelper.sol";
import {IBridgeInbound} from "./IBridges.sol";

/// @title L2Bridge (design C, L2 side of the custom bridge)
/// @notice Escrows canonical L2 LPT for transfers to L1, where LPT′ is minted for it, and
///         releases that escrow when LPT′ is burned on L1. The escrow is this contract's
///         own LPT balance. It never mints or burns: in design C the only L2 mints are
///         inflation.
/// @dev Pausing blocks outbound transfers only: an inbound release always finalises.
contract L2Bridge is Governed, IBridgeInbound {
    ArbSys internal constant ARB_SYS = ArbSys(address(0x64));

    /// @notice Canonical L2 LPT.
    LivepeerToken public immutable token;
    /// @notice The L1 bridge; releases are honoured only from its alias.
    address public l1Counterpart;
    /// @notice Pausing blocks outbound transfers only.
    bool public paused;

    event InboundTransferFinalized(address indexed from, address indexed to, uint256 amount);
    event OutboundTransferInitiated(address indexed from, address indexed to, uint256 indexed position, uint256 amount);

    error NotCounterpart(address caller);
    error Paused();
    error ZeroAmount();
    error CounterpartAlreadySet();

    constructor(LivepeerToken _token, address _governor) Governed(_governor) {
        token = _token;
    }

    /// @notice Names the L1 bridge, once. Governance only.
    function setCounterpart(address _l1Counterpart) external onlyGovernor {
        if (l1Counterpart != address(0)) revert CounterpartAlreadySet();
        l1Counterpart = _l1Counterpart;
    }

    /// @notice Pauses or unpauses outbound transfers. Governance only.
    function setPaused(bool _paused) external onlyGovernor {
        paused = _paused;
    }

    /// @notice Releases `amount` escrowed LPT to `to` for LPT′ burned on L1 by `from`.
    /// @dev Only from the alias of the L1 bridge.
    function finalizeInboundTransfer(address from, address to, uint256 amount) external {
        if (msg.sender != AddressAliasHelper.applyL1ToL2Alias(l1Counterpart)) revert NotCounterpart(msg.sender);
        token.transfer(to, amount);
        emit InboundTransferFinalized(from, to, amount);
    }

    /// @notice Escrows `amount` of the caller's LPT (approved to this contract) and sends the
    ///         L1 bridge a message to mint as much LPT′ to `to` after the challenge period.
    /// @return position The outbox position of the message.
    function outboundTransfer(address to, uint256 amount) external returns (uint256 position) {
        if (paused) revert Paused();
        if (amount == 0) revert ZeroAmount();
        token.transferFrom(msg.sender, address(this), amount);
        position = ARB_SYS.sendTxToL1(
            l1Counterpart, abi.encodeCall(IBridgeInbound.finalizeInboundTransfer, (msg.sender, to, amount))
        );
        emit OutboundTransferInitiated(msg.sender, to, position, amount);
    }
}
