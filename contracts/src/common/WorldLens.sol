// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LivepeerToken} from "./LivepeerToken.sol";
import {Minter} from "./Minter.sol";
import {StakingCore} from "./StakingCore.sol";

/// @title WorldLens
/// @notice A read-only batch reader for the invariants: a chain's figures, authorities
///         and round, and a staking position per account. The split is deliberate: the harness caches each
///         call's result together with the storage it read, so after a step only the calls
///         whose storage the step wrote run again. It changes nothing and is not part of
///         any design.
contract WorldLens {
    /// @notice One address's staking position on this chain.
    struct Stake {
        uint256 pendingStake;
        uint256 pendingFees;
        uint256 bondedAmount;
        address delegate;
        uint256 unbondingTotal;
        bool registered;
        uint256 delegatedAmount;
        bool readable;
    }

    /// @notice A chain's supply figures.
    struct Figures {
        uint256 totalSupply;
        uint256 totalBonded;
        uint256[] watchedBalances;
    }

    /// @notice Who may do what on a chain.
    struct Authorities {
        bool[] paused;
        address[] minterRole;
        address[] burnerRole;
        address[] minterDelegates;
    }

    /// @notice Reads the supply, the total bonded and the LPT balances of `watched`.
    function figures(LivepeerToken token, StakingCore staking, address[] calldata watched)
        external
        view
        returns (Figures memory f)
    {
        f.totalSupply = token.totalSupply();
        f.totalBonded = staking.totalBonded();
        f.watchedBalances = new uint256[](watched.length);
        for (uint256 i = 0; i < watched.length; i++) {
            f.watchedBalances[i] = token.balanceOf(watched[i]);
        }
    }

    /// @notice Reads the `paused()` flag of each of `pausables` and the token's and
    ///         Minter's authorities. Apart from the figures because it is the costliest
    ///         read and changes rarely, so its cached result usually survives a step.
    function authorities(LivepeerToken token, Minter minter, address[] calldata pausables)
        external
        view
        returns (Authorities memory a)
    {
        a.paused = new bool[](pausables.length);
        for (uint256 i = 0; i < pausables.length; i++) {
            (bool ok, bytes memory ret) = pausables[i].staticcall(abi.encodeWithSignature("paused()"));
            a.paused[i] = ok && ret.length == 32 && abi.decode(ret, (bool));
        }
        a.minterRole = token.getRoleMembers(token.MINTER_ROLE());
        a.burnerRole = token.getRoleMembers(token.BURNER_ROLE());
        a.minterDelegates = minter.getDelegates();
    }

    /// @notice The staking contract's current round. Apart from the rest because it is the
    ///         only figure that reads the block, and a cached result that read the block
    ///         is dropped whenever the block moves.
    function round(StakingCore staking) external view returns (uint256) {
        return staking.currentRound();
    }

    /// @notice Reads `a`'s staking position: stake, fees, bond and registration. (Its LPT
    ///         balance is read from the token directly, so that a transfer, which changes
    ///         only balances, leaves this costlier read cached.)
    function stake(StakingCore staking, address a) external view returns (Stake memory s) {
        // A position whose own views revert cannot be claimed or withdrawn either, so it is
        // reported as unreadable rather than failing the whole read.
        try staking.position(a) returns (StakingCore.Position memory p) {
            (s.bondedAmount, s.delegate, s.unbondingTotal) = (p.bondedAmount, p.delegate, p.unbondingTotal);
            (s.registered, s.delegatedAmount) = (p.registered, p.delegatedAmount);
            (s.pendingStake, s.pendingFees, s.readable) = (p.stake, p.fees, true);
        } catch {
            (s.bondedAmount,, s.delegate,, s.unbondingTotal) = staking.getDelegator(a);
            (s.registered,,,, s.delegatedAmount) = staking.getOrchestrator(a);
        }
    }
}
