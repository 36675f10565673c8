// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LivepeerToken} from "../common/LivepeerToken.sol";
import {Bridge} from "../common/arbitrum/Bridge.sol";
import {Inbox} from "../common/arbitrum/Inbox.sol";
import {L1GatewayBase} from "../common/gateway/L1GatewayBase.sol";

/// @title L1EscrowGateway (design B)
/// @notice A plain escrow bridge: deposits are escrowed here and minted on L2; withdrawals
///         are burned on L2 and released from escrow here. Unlike design A's gateway it can
///         never mint: it holds no minting authority at all.
/// @dev In design B every L2 LPT was escrowed here first, so a withdrawal can never exceed
///      the escrow; if one ever did, the transfer reverts and the message stays executable
///      rather than minting unbacked LPT.
contract L1EscrowGateway is L1GatewayBase {
    event WithdrawalFinalized(address indexed from, address indexed to, uint256 amount);

    constructor(LivepeerToken _token, Inbox _inbox, Bridge _bridge, address _governor)
        L1GatewayBase(_token, _inbox, _bridge, _governor)
    {}

    /// @dev Pays `amount` to `to` out of escrow.
    function _release(address from, address to, uint256 amount) internal override {
        token.transfer(to, amount);
        emit WithdrawalFinalized(from, to, amount);
    }
}
