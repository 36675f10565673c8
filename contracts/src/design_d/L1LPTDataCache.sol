// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ILivepeerToken} from "./ILivepeer.sol";
import {Inbox} from "../common/arbitrum/Inbox.sol";

/// @notice The L2 data cache's inbound entry point.
interface IL2LPTDataCacheInbound {
    function finalizeCacheTotalSupply(uint256 totalSupply, uint256 seqNo) external;
}

/// @title L1LPTDataCache (design D, L1)
/// @notice Reports L1 LPT's total supply to L2, where the L2 Minter's inflation base is L2
///         supply plus the L1 supply that has not come to L2. Anyone may send a report and
///         pay for its ticket.
/// @dev Each report carries a sequence number, one more than the last. Tickets can execute
///      out of order (a failed one redeemed a week later), and the L2 side ignores any report
///      older than the newest it has applied. The deployed code sent the bare supply, so a
///      late ticket overwrote a newer value (the `as-built-supply-cache-last-writer-wins`
///      mutant restores that).
contract L1LPTDataCache {
    /// @notice Arbitrum's inbox.
    Inbox public immutable inbox;
    /// @notice L1 LPT.
    ILivepeerToken public immutable token;
    /// @notice The L2 data cache.
    address public l2LPTDataCache;
    /// @notice The governance address that names the L2 data cache, once.
    address public immutable governor;
    /// @notice Reports sent so far; the next report's sequence number is this plus one.
    uint256 public reports;

    event CacheTotalSupplyInitiated(uint256 indexed seqNo, uint256 totalSupply, uint256 ticketId);

    error NotGovernor(address caller);
    error AlreadySet();
    error InsufficientValue(uint256 needed, uint256 sent);

    /// @param _inbox Arbitrum's inbox.
    /// @param _token L1 LPT.
    /// @param _governor Governance.
    constructor(Inbox _inbox, ILivepeerToken _token, address _governor) {
        inbox = _inbox;
        token = _token;
        governor = _governor;
    }

    /// @notice Names the L2 data cache, once. Governance only.
    function setL2LPTDataCache(address _l2LPTDataCache) external {
        if (msg.sender != governor) revert NotGovernor(msg.sender);
        if (l2LPTDataCache != address(0)) revert AlreadySet();
        l2LPTDataCache = _l2LPTDataCache;
    }

    /// @notice Sends L1 LPT's current total supply to the L2 data cache. `msg.value` pays
    ///         for the ticket; the caller gets its refunds.
    function cacheTotalSupply(uint256 _maxGas, uint256 _gasPriceBid, uint256 _maxSubmissionCost) external payable {
        uint256 needed = _maxSubmissionCost + _maxGas * _gasPriceBid;
        if (msg.value < needed) revert InsufficientValue(needed, msg.value);
        uint256 seqNo = ++reports;
        uint256 supply = token.totalSupply();
        bytes memory data = abi.encodeCall(IL2LPTDataCacheInbound.finalizeCacheTotalSupply, (supply, seqNo));
        uint256 ticketId = inbox.createRetryableTicket{value: msg.value}(
            l2LPTDataCache, 0, _maxSubmissionCost, msg.sender, msg.sender, _maxGas, _gasPriceBid, data
        );
        emit CacheTotalSupplyInitiated(seqNo, supply, ticketId);
    }
}
