// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LivepeerToken} from "./LivepeerToken.sol";
import {Minter} from "./Minter.sol";
import {StakingCore} from "./StakingCore.sol";

/// @title WorldLens
/// @notice A read-only batch reader for the invariants: one call for a chain's global
///         figures and one per account. The split is deliberate: the harness caches each
///         call's result together with the storage it read, so after a step only the calls
///         whose storage the step wrote run again. It changes nothing and is not part of
///         any design.
contract WorldLens {
    /// @notice One address's position on this chain.
    struct Account {
        uint256 balance;
        uint256 ethBalance;
        uint256 pendingStake;
        uint256 pendingFees;
        uint256 bondedAmount;
        address delegate;
        uint256 unbondingTotal;
        bool registered;
        uint256 delegatedAmount;
        bool readable;
    }

    /// @notice A chain's global figures.
    struct Globals {
        uint256 totalSupply;
        uint256 totalBonded;
        uint256 currentRound;
        uint256[] watchedBalances;
        bool[] paused;
        address[] minterRole;
        address[] burnerRole;
        address[] minterDelegates;
    }

    /// @notice Reads the supply, the stake totals, the LPT balances of `watched`, the
    ///         `paused()` flag of each of `pausables`, and the token's and Minter's
    ///         authorities.
    function globals(
        LivepeerToken token,
        Minter minter,
        StakingCore staking,
        address[] calldata watched,
        address[] calldata pausables
    ) external view returns (Globals memory g) {
        g.totalSupply = token.totalSupply();
        g.totalBonded = staking.totalBonded();
        g.currentRound = staking.currentRound();
        g.watchedBalances = new uint256[](watched.length);
        for (uint256 i = 0; i < watched.length; i++) {
            g.watchedBalances[i] = token.balanceOf(watched[i]);
        }
        g.paused = new bool[](pausables.length);
        for (uint256 i = 0; i < pausables.length; i++) {
            (bool ok, bytes memory ret) = pausables[i].staticcall(abi.encodeWithSignature("paused()"));
            g.paused[i] = ok && ret.length == 32 && abi.decode(ret, (bool));
        }
        g.minterRole = token.getRoleMembers(token.MINTER_ROLE());
        g.burnerRole = token.getRoleMembers(token.BURNER_ROLE());
        g.minterDelegates = minter.getDelegates();
    }

    /// @notice Reads `a`'s position: balances, stake, fees, bond and registration.
    function account(LivepeerToken token, StakingCore staking, address a)
        external
        view
        returns (Account memory acc)
    {
        acc.balance = token.balanceOf(a);
        acc.ethBalance = a.balance;
        // A position whose own views revert cannot be claimed or withdrawn either, so it is
        // reported as unreadable rather than failing the whole read.
        try staking.position(a) returns (StakingCore.Position memory p) {
            (acc.bondedAmount, acc.delegate, acc.unbondingTotal) = (p.bondedAmount, p.delegate, p.unbondingTotal);
            (acc.registered, acc.delegatedAmount) = (p.registered, p.delegatedAmount);
            (acc.pendingStake, acc.pendingFees, acc.readable) = (p.stake, p.fees, true);
        } catch {
            (acc.bondedAmount,, acc.delegate,, acc.unbondingTotal) = staking.getDelegator(a);
            (acc.registered,,,, acc.delegatedAmount) = staking.getOrchestrator(a);
        }
    }
}
