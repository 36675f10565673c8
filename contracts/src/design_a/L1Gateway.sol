// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LivepeerToken} from "../common/LivepeerToken.sol";
import {Minter} from "../common/Minter.sol";
import {Bridge} from "../common/arbitrum/Bridge.sol";
import {Inbox} from "../common/arbitrum/Inbox.sol";
import {L1GatewayBase} from "../common/gateway/L1GatewayBase.sol";

/// @title L1Gateway (design A)
/// @notice Escrows L1 LPT for deposits to L2 and, for withdrawals from L2, releases escrow
///         or mints the shortfall. The escrow is this contract's own LPT balance.
/// @dev The shortfall mint is the proposal's answer to L2 inflation: LPT minted on L2 can
///      leave through here even though no L1 LPT was ever escrowed for it. It means L1
///      minting trusts L2 completely, which is why every L1 mint is traced by crosscheck.
contract L1Gateway is L1GatewayBase {
    Minter public immutable minter;

    event WithdrawalFinalized(
        address indexed from, address indexed to, uint256 amount, uint256 fromEscrow, uint256 minted
    );

    constructor(LivepeerToken _token, Minter _minter, Inbox _inbox, Bridge _bridge, address _governor)
        L1GatewayBase(_token, _inbox, _bridge, _governor)
    {
        minter = _minter;
    }

    /// @dev Pays `amount` to `to` out of escrow, and if the escrow is short, pays the whole
    ///      escrow and mints exactly the shortfall through the L1 Minter (whose only
    ///      delegate this gateway is after the upgrade).
    function _release(address from, address to, uint256 amount) internal override {
        uint256 escrow = token.balanceOf(address(this));
        if (escrow >= amount) {
            token.transfer(to, amount);
            emit WithdrawalFinalized(from, to, amount, amount, 0);
        } else {
            if (escrow > 0) token.transfer(to, escrow);
            minter.mint(to, amount - escrow);
            emit WithdrawalFinalized(from, to, amount, escrow, amount - escrow);
        }
    }
}
