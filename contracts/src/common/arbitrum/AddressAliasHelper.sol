// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title AddressAliasHelper
/// @notice Arbitrum's L1 → L2 sender aliasing: a retryable ticket sent by L1 contract `a`
///         executes on L2 from `a + 0x1111000000000000000000000000000000001111` (mod 2^160),
///         so an L2 contract can tell its L1 counterpart from an L2 account at the same
///         address.
library AddressAliasHelper {
    uint160 internal constant OFFSET = uint160(0x1111000000000000000000000000000000001111);

    /// @notice The L2 address that a ticket from L1 address `l1Address` executes from.
    function applyL1ToL2Alias(address l1Address) internal pure returns (address) {
        unchecked {
            return address(uint160(l1Address) + OFFSET);
        }
    }

    /// @notice The inverse of `applyL1ToL2Alias`.
    function undoL1ToL2Alias(address l2Address) internal pure returns (address) {
        unchecked {
            return address(uint160(l2Address) - OFFSET);
        }
    }
}
