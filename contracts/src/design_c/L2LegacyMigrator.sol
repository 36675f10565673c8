// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LivepeerToken} from "../common/LivepeerToken.sol";
import {L2StakingManager} from "../common/L2StakingManager.sol";
import {AddressAliasHelper} from "../common/arbitrum/AddressAliasHelper.sol";
import {ILegacyInbound} from "./IBridges.sol";

/// @title L2LegacyMigrator (design C, L2)
/// @notice Holds the genesis reserve: L2 LPT minted once at L2 genesis, equal to the whole
///         legacy L1 supply, so that every legacy LPT locked on L1 can be released here
///         exactly once. Releases come only from tickets of the L1 LegacyMigrator.
/// @dev A legacy stake migration to an orchestrator not registered on L2 is held as an
///      immediately withdrawable unbonding lock (`L2StakingManager.stakeFor`), so the
///      ticket never reverts.
contract L2LegacyMigrator is ILegacyInbound {
    /// @notice L2 LPT.
    LivepeerToken public immutable token;
    /// @notice The L2 StakingManager; this contract is its migrator.
    L2StakingManager public immutable stakingManager;
    /// @notice The L1 LegacyMigrator, whose alias is the only accepted caller.
    address public immutable l1Counterpart;

    event LegacyStakeReleased(address indexed delegator, address indexed orchestrator, uint256 amount);
    event LegacyTokensReleased(address indexed from, address indexed to, uint256 amount);

    error NotCounterpart(address caller);

    modifier onlyCounterpart() {
        if (msg.sender != AddressAliasHelper.applyL1ToL2Alias(l1Counterpart)) revert NotCounterpart(msg.sender);
        _;
    }

    constructor(LivepeerToken _token, L2StakingManager _stakingManager, address _l1Counterpart) {
        token = _token;
        stakingManager = _stakingManager;
        l1Counterpart = _l1Counterpart;
        _token.approve(address(_stakingManager), type(uint256).max);
    }

    /// @notice Stakes `amount` from the reserve for `delegator` with `orchestrator`: the L2
    ///         half of a legacy stake migration.
    function finalizeLegacyStake(address delegator, address orchestrator, uint256 amount) external onlyCounterpart {
        stakingManager.stakeFor(delegator, orchestrator, amount);
        emit LegacyStakeReleased(delegator, orchestrator, amount);
    }

    /// @notice Pays `amount` from the reserve to `to`: the L2 half of a liquid legacy
    ///         migration by `from`.
    function finalizeLegacyTransfer(address from, address to, uint256 amount) external onlyCounterpart {
        token.transfer(to, amount);
        emit LegacyTokensReleased(from, to, amount);
    }
}
