// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Governed
/// @notice One governor address that may change protocol parameters. Livepeer uses a
///         Controller and a Governor contract; a single address is enough to model who
///         may act, which is what the invariants care about.
abstract contract Governed {
    /// @notice The address allowed to run governance actions.
    address public governor;

    error NotGovernor(address caller);

    modifier onlyGovernor() {
        if (msg.sender != governor) revert NotGovernor(msg.sender);
        _;
    }

    constructor(address _governor) {
        governor = _governor;
    }
}
