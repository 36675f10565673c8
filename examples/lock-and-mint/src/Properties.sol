// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Token} from "./Token.sol";

/// @title The bridge's own one-chain properties, in Foundry's `invariant_*` convention
/// @notice crosscheck calls every `invariant_*()` of every deployed contract after every
///         step, as `forge test` would in an invariant test. A property that spans both
///         chains (L2 supply is backed by L1 escrow) cannot live in one chain's contract;
///         crosscheck's generic conservation and escrow invariants check those.
contract L1Properties {
    Token public immutable token;
    uint256 public immutable supplyAtGenesis;

    constructor(Token _token) {
        token = _token;
        supplyAtGenesis = _token.totalSupply();
    }

    /// @notice The L1 token has no minter, so its supply never changes.
    function invariant_l1SupplyIsFixed() external view returns (bool) {
        return token.totalSupply() == supplyAtGenesis;
    }
}
