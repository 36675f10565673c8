// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AddressAliasHelper} from "../common/arbitrum/AddressAliasHelper.sol";

/// @title L2LPTDataCache (design D, L2)
/// @notice What L2 knows of L1 LPT: the total supply L1 last reported, and how much of it
///         has come over to L2 through the gateway. Livepeer's L2 Minter reads
///         `l1CirculatingSupply()` (registered in the Controller as "L2LPTDataCache") and
///         adds it to L2 supply for its inflation base.
contract L2LPTDataCache {
    /// @notice The L1 data cache, the only L1 sender of supply reports.
    address public l1LPTDataCache;
    /// @notice The L2 gateway, the only caller of the supply-from-L1 counters.
    address public l2LPTGateway;
    /// @notice The governance address that wires this contract, once.
    address public immutable governor;
    /// @notice L1 LPT's total supply as last reported.
    uint256 public l1TotalSupply;
    /// @notice The sequence number of that report.
    uint256 public lastSeqNo;
    /// @notice L2 LPT minted for deposits from L1, less what was withdrawn back.
    uint256 public l2SupplyFromL1;

    event CacheTotalSupplyFinalized(uint256 totalSupply, uint256 seqNo);
    event StaleReportIgnored(uint256 seqNo, uint256 lastSeqNo);

    error NotGovernor(address caller);
    error AlreadySet();
    error NotL1DataCache(address caller);
    error NotGateway(address caller);

    /// @param _governor Governance.
    constructor(address _governor) {
        governor = _governor;
    }

    /// @notice Names the L1 data cache and the L2 gateway, once. Governance only.
    function setAddresses(address _l1LPTDataCache, address _l2LPTGateway) external {
        if (msg.sender != governor) revert NotGovernor(msg.sender);
        if (l1LPTDataCache != address(0)) revert AlreadySet();
        l1LPTDataCache = _l1LPTDataCache;
        l2LPTGateway = _l2LPTGateway;
    }

    /// @notice Applies a supply report from L1, unless a newer one was already applied.
    /// @dev Only from the alias of the L1 data cache. A stale report is ignored, not
    ///      refused: its ticket still completes.
    function finalizeCacheTotalSupply(uint256 _totalSupply, uint256 _seqNo) external {
        if (msg.sender != AddressAliasHelper.applyL1ToL2Alias(l1LPTDataCache)) revert NotL1DataCache(msg.sender);
        if (_seqNo <= lastSeqNo) {
            emit StaleReportIgnored(_seqNo, lastSeqNo);
            return;
        }
        lastSeqNo = _seqNo;
        l1TotalSupply = _totalSupply;
        emit CacheTotalSupplyFinalized(_totalSupply, _seqNo);
    }

    /// @notice Counts `_amount` more L2 LPT as come from L1. L2 gateway only.
    function increaseL2SupplyFromL1(uint256 _amount) external {
        if (msg.sender != l2LPTGateway) revert NotGateway(msg.sender);
        l2SupplyFromL1 += _amount;
    }

    /// @notice Counts `_amount` L2 LPT as gone back to L1 (never below zero: L2 may send
    ///         back more than came, its own inflation). L2 gateway only.
    function decreaseL2SupplyFromL1(uint256 _amount) external {
        if (msg.sender != l2LPTGateway) revert NotGateway(msg.sender);
        l2SupplyFromL1 = _amount > l2SupplyFromL1 ? 0 : l2SupplyFromL1 - _amount;
    }

    /// @notice L1 LPT that is not on L2: the reported L1 supply less what came over, never
    ///         below zero.
    function l1CirculatingSupply() external view returns (uint256) {
        return l1TotalSupply > l2SupplyFromL1 ? l1TotalSupply - l2SupplyFromL1 : 0;
    }
}
