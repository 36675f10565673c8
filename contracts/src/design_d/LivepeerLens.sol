// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IController, ILivepeerToken} from "./ILivepeer.sol";
import {IRoundsManager} from "./FrozenRoundsManager.sol";

/// @notice The reads of Livepeer's BondingManager the lens needs.
interface IBondingManagerReads {
    function controller() external view returns (IController);
    function getTotalBonded() external view returns (uint256);
    function pendingStake(address delegator, uint256 endRound) external view returns (uint256);
    function pendingFees(address delegator, uint256 endRound) external view returns (uint256);
    function isRegisteredTranscoder(address transcoder) external view returns (bool);
    function getDelegator(address delegator)
        external
        view
        returns (uint256, uint256, address, uint256, uint256, uint256, uint256);
    function getDelegatorUnbondingLock(address delegator, uint256 id) external view returns (uint256, uint256);
}

/// @notice Livepeer's token's role check.
interface IRoles {
    function hasRole(bytes32 role, address account) external view returns (bool);
}

/// @title LivepeerLens (design D, both chains)
/// @notice `WorldLens` for Livepeer's own protocol: the same four reads, with the same
///         signatures and results, answered from the real BondingManager, RoundsManager and
///         role-gated token. Livepeer's token does not enumerate its role holders, so the
///         lens checks a list of candidates the harness gives it at genesis (every actor and
///         every contract of the chain). It changes nothing and is not part of the design.
contract LivepeerLens {
    /// @notice One address's staking position, as `WorldLens.Stake`.
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

    /// @notice A chain's supply figures, as `WorldLens.Figures`.
    struct Figures {
        uint256 totalSupply;
        uint256 totalBonded;
        uint256[] watchedBalances;
    }

    /// @notice Who may do what, as `WorldLens.Authorities`.
    struct Authorities {
        bool[] paused;
        address[] minterRole;
        address[] burnerRole;
        address[] minterDelegates;
    }

    address[] private candidates;
    address private immutable deployer;

    constructor() {
        deployer = msg.sender;
    }

    /// @notice Sets the addresses whose roles `authorities` checks. Deployer only.
    function setCandidates(address[] calldata list) external {
        require(msg.sender == deployer, "deployer only");
        candidates = list;
    }

    /// @notice Reads the supply, the total bonded and the LPT balances of `watched`.
    function figures(ILivepeerToken token, IBondingManagerReads staking, address[] calldata watched)
        external
        view
        returns (Figures memory f)
    {
        f.totalSupply = token.totalSupply();
        f.totalBonded = staking.getTotalBonded();
        f.watchedBalances = new uint256[](watched.length);
        for (uint256 i = 0; i < watched.length; i++) {
            f.watchedBalances[i] = token.balanceOf(watched[i]);
        }
    }

    /// @notice Reads `paused()` of each of `pausables` and the token's minter and burner
    ///         roles among the candidates. Livepeer's Minter lends its authority to no one.
    function authorities(IRoles token, address, address[] calldata pausables)
        external
        view
        returns (Authorities memory a)
    {
        a.paused = new bool[](pausables.length);
        for (uint256 i = 0; i < pausables.length; i++) {
            (bool ok, bytes memory ret) = pausables[i].staticcall(abi.encodeWithSignature("paused()"));
            a.paused[i] = ok && ret.length == 32 && abi.decode(ret, (bool));
        }
        a.minterRole = _holders(token, keccak256("MINTER_ROLE"));
        a.burnerRole = _holders(token, keccak256("BURNER_ROLE"));
        a.minterDelegates = new address[](0);
    }

    /// @notice The protocol's current round, from the RoundsManager the Controller names.
    function round(IBondingManagerReads staking) external view returns (uint256) {
        IController controller = staking.controller();
        return IRoundsManager(controller.getContract(keccak256("RoundsManager"))).currentRound();
    }

    /// @notice Reads `a`'s position: pending stake and fees (as of now), stored bond and
    ///         delegate, the total of its unbonding locks, and its registration.
    function stake(IBondingManagerReads staking, address a) external view returns (Stake memory s) {
        uint256 next;
        (s.bondedAmount,, s.delegate, s.delegatedAmount,,, next) = staking.getDelegator(a);
        for (uint256 id = 0; id < next; id++) {
            (uint256 amount,) = staking.getDelegatorUnbondingLock(a, id);
            s.unbondingTotal += amount;
        }
        s.registered = staking.isRegisteredTranscoder(a);
        // A position whose own views revert cannot be claimed or withdrawn either, so it is
        // reported as unreadable rather than failing the whole read.
        try staking.pendingStake(a, type(uint256).max) returns (uint256 p) {
            s.pendingStake = p;
            s.pendingFees = staking.pendingFees(a, type(uint256).max);
            s.readable = true;
        } catch {}
    }

    function _holders(IRoles token, bytes32 role) private view returns (address[] memory out) {
        uint256 n = 0;
        address[] memory found = new address[](candidates.length);
        for (uint256 i = 0; i < candidates.length; i++) {
            if (token.hasRole(role, candidates[i])) found[n++] = candidates[i];
        }
        out = new address[](n);
        for (uint256 i = 0; i < n; i++) {
            out[i] = found[i];
        }
    }
}
