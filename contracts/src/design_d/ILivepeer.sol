// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title The parts of Livepeer's deployed protocol (0.8.9, as Livepeer publishes it on npm) that design D's
///        own contracts call. The protocol itself runs from the published bytecode; these
///        are only the interfaces, written from its ABI.

/// @notice Livepeer's Controller: the registry of protocol contracts and the pause switch.
interface IController {
    function owner() external view returns (address);
    function paused() external view returns (bool);
    function getContract(bytes32 id) external view returns (address);
}

/// @notice The reads and writes of Livepeer's BondingManager that the migration uses.
interface IBondingManager {
    function pendingStake(address delegator, uint256 endRound) external view returns (uint256);
    function pendingFees(address delegator, uint256 endRound) external view returns (uint256);
    function getDelegator(address delegator)
        external
        view
        returns (
            uint256 bondedAmount,
            uint256 fees,
            address delegateAddress,
            uint256 delegatedAmount,
            uint256 startRound,
            uint256 lastClaimRound,
            uint256 nextUnbondingLockId
        );
    function getDelegatorUnbondingLock(address delegator, uint256 unbondingLockId)
        external
        view
        returns (uint256 amount, uint256 withdrawRound);
    function bondForWithHint(
        uint256 amount,
        address owner,
        address to,
        address oldDelegateNewPosPrev,
        address oldDelegateNewPosNext,
        address currDelegateNewPosPrev,
        address currDelegateNewPosNext
    ) external;
    function transferBond(
        address delegator,
        uint256 amount,
        address oldDelegateNewPosPrev,
        address oldDelegateNewPosNext,
        address newDelegateNewPosPrev,
        address newDelegateNewPosNext
    ) external;
    function withdrawFees(address payable recipient, uint256 amount) external;
}

/// @notice A broadcaster's deposit and reserve in Livepeer's TicketBroker.
interface ITicketBroker {
    struct Sender {
        uint256 deposit;
        uint256 withdrawRound;
    }

    struct ReserveInfo {
        uint256 fundsRemaining;
        uint256 claimedInCurrentRound;
    }

    function getSenderInfo(address sender) external view returns (Sender memory sender_, ReserveInfo memory reserve);
    function fundDepositAndReserveFor(address addr, uint256 depositAmount, uint256 reserveAmount) external payable;
}

/// @notice Livepeer's MerkleSnapshot: roots committed by the Controller's owner.
interface IMerkleSnapshot {
    function verify(bytes32 id, bytes32[] calldata proof, bytes32 leaf) external view returns (bool);
}

/// @notice Livepeer's role-gated LPT.
interface ILivepeerToken {
    function totalSupply() external view returns (uint256);
    function balanceOf(address account) external view returns (uint256);
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function approve(address spender, uint256 amount) external returns (bool);
    function mint(address to, uint256 amount) external;
    function burnFrom(address from, uint256 amount) external;
}
