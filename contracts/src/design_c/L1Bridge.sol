// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governed} from "../common/Governed.sol";
import {LivepeerToken} from "../common/LivepeerToken.sol";
import {Bridge} from "../common/arbitrum/Bridge.sol";
import {Inbox} from "../common/arbitrum/Inbox.sol";
import {Outbox} from "../common/arbitrum/Outbox.sol";
import {IBridgeInbound} from "./IBridges.sol";

/// @title L1Bridge (design C, L1 side of the custom bridge)
/// @notice Design C reverses the usual token bridge: the L2 token is canonical and L1 is
///         "just a layer". This side mints derivative LPT′ when L2 LPT has been escrowed on
///         L2, and burns LPT′ to release that escrow back on L2. It is LPT′'s only minter
///         and burner, so LPT′ supply can never exceed the L2 escrow.
/// @dev The thread calls L2 → L1 a deposit and L1 → L2 a withdrawal (L2 is home); the
///      functions here use direction-neutral names. Pausing blocks outbound transfers only:
///      an inbound message always finalises.
contract L1Bridge is Governed, IBridgeInbound {
    /// @notice LPT′, the derivative L1 token.
    LivepeerToken public immutable lptPrime;
    Inbox public immutable inbox;
    Bridge public immutable bridge;
    /// @notice The L2 bridge; the only L2 sender whose messages mint here.
    address public l2Counterpart;
    /// @notice Pausing blocks outbound transfers only.
    bool public paused;

    event InboundTransferFinalized(address indexed from, address indexed to, uint256 amount);
    event OutboundTransferInitiated(address indexed from, address indexed to, uint256 indexed ticketId, uint256 amount);

    error NotCounterpart(address caller, address l2Sender);
    error Paused();
    error ZeroAmount();
    error InsufficientValue(uint256 gasCost, uint256 value);
    error CounterpartAlreadySet();

    constructor(LivepeerToken _lptPrime, Inbox _inbox, Bridge _bridge, address _governor) Governed(_governor) {
        lptPrime = _lptPrime;
        inbox = _inbox;
        bridge = _bridge;
    }

    /// @notice Names the L2 bridge, once. Governance only.
    function setCounterpart(address _l2Counterpart) external onlyGovernor {
        if (l2Counterpart != address(0)) revert CounterpartAlreadySet();
        l2Counterpart = _l2Counterpart;
    }

    /// @notice Pauses or unpauses outbound transfers. Governance only.
    function setPaused(bool _paused) external onlyGovernor {
        paused = _paused;
    }

    /// @notice Mints `amount` LPT′ to `to` for LPT escrowed on L2 by `from`.
    /// @dev Only through the outbox, for a message whose L2 sender is the L2 bridge.
    function finalizeInboundTransfer(address from, address to, uint256 amount) external {
        address l2Sender = Outbox(bridge.activeOutbox()).l2ToL1Sender();
        if (msg.sender != address(bridge) || l2Sender != l2Counterpart) revert NotCounterpart(msg.sender, l2Sender);
        lptPrime.mint(to, amount);
        emit InboundTransferFinalized(from, to, amount);
    }

    /// @notice Burns `amount` of the caller's LPT′ and sends a ticket that releases as much
    ///         escrowed LPT to `to` on L2. The caller is the ticket's beneficiary.
    /// @return ticketId The retryable ticket carrying the release.
    function outboundTransfer(address to, uint256 amount, uint256 maxGas, uint256 gasPriceBid)
        external
        payable
        returns (uint256 ticketId)
    {
        if (paused) revert Paused();
        if (amount == 0) revert ZeroAmount();
        uint256 gasCost = maxGas * gasPriceBid;
        if (msg.value < gasCost) revert InsufficientValue(gasCost, msg.value);
        lptPrime.burn(msg.sender, amount);
        bytes memory call = abi.encodeCall(IBridgeInbound.finalizeInboundTransfer, (msg.sender, to, amount));
        ticketId = inbox.createRetryableTicket{value: msg.value}(
            l2Counterpart, 0, msg.value - gasCost, msg.sender, msg.sender, maxGas, gasPriceBid, call
        );
        emit OutboundTransferInitiated(msg.sender, to, ticketId, amount);
    }
}
