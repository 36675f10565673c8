// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LivepeerToken} from "./LivepeerToken.sol";
import {Minter} from "./Minter.sol";
import {StakingCore} from "./StakingCore.sol";

/// @title WorldLens
/// @notice A read-only batch reader: one call returns everything the invariants need
///         about one chain, so the harness checks every invariant after every step
///         without dozens of separate calls. It changes nothing and is not part of any
///         design.
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

    /// @notice Everything about one chain that the invariants read.
    struct ChainState {
        uint256 totalSupply;
        uint256 totalBonded;
        uint256 currentRound;
        Account[] accounts;
        uint256[] watchedBalances;
        bool[] paused;
        address[] minterRole;
        address[] burnerRole;
        address[] minterDelegates;
    }

    /// @notice Reads `accounts` positions, the LPT balances of `watched`, the `paused()`
    ///         flag of each of `pausables`, and the token's and Minter's authorities.
    function read(
        LivepeerToken token,
        Minter minter,
        StakingCore staking,
        address[] calldata accounts,
        address[] calldata watched,
        address[] calldata pausables
    ) external view returns (ChainState memory state) {
        state.totalSupply = token.totalSupply();
        state.totalBonded = staking.totalBonded();
        state.currentRound = staking.currentRound();
        state.accounts = new Account[](accounts.length);
        for (uint256 i = 0; i < accounts.length; i++) {
            address a = accounts[i];
            Account memory acc = state.accounts[i];
            acc.balance = token.balanceOf(a);
            acc.ethBalance = a.balance;
            // One call per account; a position whose own views revert cannot be claimed
            // or withdrawn either, so it is reported rather than failing the whole read.
            try staking.position(a) returns (StakingCore.Position memory p) {
                (acc.bondedAmount, acc.delegate, acc.unbondingTotal) = (p.bondedAmount, p.delegate, p.unbondingTotal);
                (acc.registered, acc.delegatedAmount) = (p.registered, p.delegatedAmount);
                (acc.pendingStake, acc.pendingFees, acc.readable) = (p.stake, p.fees, true);
            } catch {
                (acc.bondedAmount,, acc.delegate,, acc.unbondingTotal) = staking.getDelegator(a);
                (acc.registered,,,, acc.delegatedAmount) = staking.getOrchestrator(a);
            }
        }
        state.watchedBalances = new uint256[](watched.length);
        for (uint256 i = 0; i < watched.length; i++) {
            state.watchedBalances[i] = token.balanceOf(watched[i]);
        }
        state.paused = new bool[](pausables.length);
        for (uint256 i = 0; i < pausables.length; i++) {
            (bool ok, bytes memory ret) = pausables[i].staticcall(abi.encodeWithSignature("paused()"));
            state.paused[i] = ok && ret.length == 32 && abi.decode(ret, (bool));
        }
        state.minterRole = token.getRoleMembers(token.MINTER_ROLE());
        state.burnerRole = token.getRoleMembers(token.BURNER_ROLE());
        state.minterDelegates = minter.getDelegates();
    }
}
