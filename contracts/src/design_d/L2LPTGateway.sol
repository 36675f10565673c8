// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlled} from "./AccessControlled.sol";
import {ILivepeerToken} from "./ILivepeer.sol";
import {ArbSys} from "../common/arbitrum/ArbSys.sol";
import {AddressAliasHelper} from "../common/arbitrum/AddressAliasHelper.sol";

/// @notice What the L2 gateway tells the L2 data cache.
interface IL2LPTDataCacheCounters {
    function increaseL2SupplyFromL1(uint256 amount) external;
    function decreaseL2SupplyFromL1(uint256 amount) external;
}

/// @notice The L1 gateway's inbound entry point.
interface IL1LPTGatewayInbound {
    function finalizeInboundTransfer(address l1Token, address from, address to, uint256 amount, bytes calldata data)
        external;
}

/// @title L2LPTGateway (design D, L2)
/// @notice Livepeer's L2 side of the LPT bridge, with the interface Livepeer deployed
///         (the `L2LPTGatewayABI` Livepeer publishes on npm). A deposit ticket from the L1 gateway mints
///         L2 LPT (this gateway holds the token's minter role); a withdrawal burns the
///         caller's L2 LPT (the burner role, with the caller's allowance, as Livepeer's token
///         requires) and sends the L1 gateway a message to pay it out. Both keep the L2 data
///         cache's count of supply that came from L1.
/// @dev Pausing blocks withdrawals only: a deposit already escrowed on L1 must always be
///      minted. Call-hook data is refused both ways.
contract L2LPTGateway is AccessControlled {
    ArbSys internal constant ARB_SYS = ArbSys(address(0x64));

    /// @notice Arbitrum's L2 gateway router (kept for the interface).
    address public immutable l2Router;
    /// @notice L1 LPT.
    address public immutable l1Lpt;
    /// @notice L2 LPT.
    address public immutable l2Lpt;
    /// @notice The L1 gateway; deposits are honoured only from its alias.
    address public l1Counterpart;
    /// @notice The L2 data cache.
    address public l2LPTDataCache;
    /// @notice Whether withdrawals are paused.
    bool public paused = true;

    event DepositFinalized(address indexed _l1Token, address indexed _from, address indexed _to, uint256 _amount);
    event WithdrawalInitiated(
        address _l1Token,
        address indexed _from,
        address indexed _to,
        uint256 indexed _l2ToL1Id,
        uint256 _exitNum,
        uint256 _amount
    );
    event TxToL1(address indexed _from, address indexed _to, uint256 indexed _id, bytes _data);
    event Paused(address account);
    event Unpaused(address account);

    error TokenNotLPT(address token);
    error IsPaused();
    error CallHookDataNotAllowed();
    error NotCounterpart(address caller);

    /// @param _l2Router Arbitrum's L2 gateway router.
    /// @param _l1Lpt L1 LPT.
    /// @param _l2Lpt L2 LPT.
    constructor(address _l2Router, address _l1Lpt, address _l2Lpt) {
        l2Router = _l2Router;
        l1Lpt = _l1Lpt;
        l2Lpt = _l2Lpt;
        _grant(DEFAULT_ADMIN_ROLE, msg.sender);
        _grant(GOVERNOR_ROLE, msg.sender);
    }

    /// @notice Names the L1 gateway. Governance only.
    function setCounterpart(address _l1Counterpart) external onlyRole(GOVERNOR_ROLE) {
        l1Counterpart = _l1Counterpart;
    }

    /// @notice Names the L2 data cache. Governance only.
    function setL2LPTDataCache(address _l2LPTDataCache) external onlyRole(GOVERNOR_ROLE) {
        l2LPTDataCache = _l2LPTDataCache;
    }

    /// @notice Pauses withdrawals. Governance only.
    function pause() external onlyRole(GOVERNOR_ROLE) {
        paused = true;
        emit Paused(msg.sender);
    }

    /// @notice Resumes withdrawals. Governance only.
    function unpause() external onlyRole(GOVERNOR_ROLE) {
        paused = false;
        emit Unpaused(msg.sender);
    }

    /// @notice The L1 gateway, under Arbitrum's name for it.
    function counterpartGateway() external view returns (address) {
        return l1Counterpart;
    }

    /// @notice The L2 token for `l1Token`: L2 LPT for L1 LPT, nothing else.
    function calculateL2TokenAddress(address l1Token) external view returns (address) {
        return l1Token == l1Lpt ? l2Lpt : address(0);
    }

    /// @notice The L1 call a withdrawal of `amount` from `from` to `to` makes.
    function getOutboundCalldata(address token, address from, address to, uint256 amount, bytes memory data)
        public
        pure
        returns (bytes memory outboundCalldata)
    {
        return abi.encodeCall(IL1LPTGatewayInbound.finalizeInboundTransfer, (token, from, to, amount, data));
    }

    /// @notice Withdraws `_amount` of the caller's L2 LPT to `_to` on L1: burns it here
    ///         (the caller must have approved this gateway) and sends the L1 gateway a
    ///         message to pay it out after the challenge period.
    /// @return res The L2 → L1 message id, ABI-encoded.
    function outboundTransfer(address _l1Token, address _to, uint256 _amount, bytes calldata _data)
        external
        returns (bytes memory res)
    {
        if (paused) revert IsPaused();
        if (_l1Token != l1Lpt) revert TokenNotLPT(_l1Token);
        if (_data.length > 0) revert CallHookDataNotAllowed();
        ILivepeerToken(l2Lpt).burnFrom(msg.sender, _amount);
        IL2LPTDataCacheCounters(l2LPTDataCache).decreaseL2SupplyFromL1(_amount);
        bytes memory call = getOutboundCalldata(l1Lpt, msg.sender, _to, _amount, "");
        uint256 id = ARB_SYS.sendTxToL1(l1Counterpart, call);
        emit TxToL1(msg.sender, l1Counterpart, id, call);
        emit WithdrawalInitiated(l1Lpt, msg.sender, _to, id, 0, _amount);
        return abi.encode(id);
    }

    /// @notice Finalises a deposit: mints `_amount` L2 LPT to `_to`. Only from the alias of
    ///         the L1 gateway; paused or not.
    function finalizeInboundTransfer(address _l1Token, address _from, address _to, uint256 _amount, bytes calldata)
        external
    {
        if (msg.sender != AddressAliasHelper.applyL1ToL2Alias(l1Counterpart)) revert NotCounterpart(msg.sender);
        if (_l1Token != l1Lpt) revert TokenNotLPT(_l1Token);
        ILivepeerToken(l2Lpt).mint(_to, _amount);
        IL2LPTDataCacheCounters(l2LPTDataCache).increaseL2SupplyFromL1(_amount);
        emit DepositFinalized(_l1Token, _from, _to, _amount);
    }
}
