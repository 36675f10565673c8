// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlled} from "./AccessControlled.sol";
import {IController, IBondingManager, ITicketBroker, IMerkleSnapshot, ILivepeerToken} from "./ILivepeer.sol";
import {
    MigrateDelegatorParams,
    MigrateUnbondingLocksParamsL2,
    MigrateSenderParams
} from "./IMigrator.sol";
import {DelegatorPool} from "./DelegatorPool.sol";
import {AddressAliasHelper} from "../common/arbitrum/AddressAliasHelper.sol";

/// @title ManagerStorage
/// @notice The first two storage slots of every contract Livepeer's `ManagerProxy`
///         delegates to: the Controller, and the id under which the proxy looks up its
///         target. The proxy writes them at construction; a target must keep them in place.
abstract contract ManagerStorage {
    /// @notice The Controller.
    IController public controller;
    /// @notice The Controller id of this proxy's target.
    bytes32 public targetContractId;
}

/// @title LivepeerL2Migrator (design D, L2)
/// @notice LIP-73's L2 Migrator, with the interface Livepeer deployed (the `L2MigratorABI` Livepeer
///         publishes on npm), behind Livepeer's `ManagerProxy` and registered in the L2
///         Controller as "L2Migrator" (which lets the L2 BondingManager accept its
///         `bondForWithHint` for any owner). It is pre-funded in bulk by `migrateLPT` and
///         `migrateETH`, and credits each migrating user from that pool:
///         - an orchestrator's own stake is bonded to itself, and a `DelegatorPool` is
///           created holding the stake delegated to it on L1 less its own and less what its
///           delegators already claimed;
///         - a delegator claims pro rata from its orchestrator's pool if there is one, and is
///           otherwise bonded to its orchestrator directly;
///         - fees are paid in ETH, unbonding locks are staked with the delegate, and a
///           broadcaster's deposit and reserve are funded in the TicketBroker.
///         `claimStake` is the same for a delegator who never sends a message: a Merkle
///         proof of its frozen position (leaf `keccak256(delegator, delegate, stake, fees)`)
///         against the snapshot committed at the freeze.
/// @dev The replay guard is shared by both paths: an L1 address migrates at most once,
///      each (address, lock id) once, each sender once. A delegator that is an
///      orchestrator must migrate by message: its pool can only be created there.
contract LivepeerL2Migrator is ManagerStorage, AccessControlled {
    /// @notice The snapshot id `claimStake` proves against.
    bytes32 public constant SNAPSHOT_ID = keccak256("LIP-73");

    /// @notice The L1 Migrator; messages are honoured only from its alias.
    address public l1Migrator;
    /// @notice The implementation `DelegatorPool` clones delegate to.
    address public delegatorPoolImpl;
    /// @notice Whether `claimStake` is open.
    bool public claimStakeEnabled;
    /// @notice Controller contracts, as `syncControllerContracts` last read them.
    address public bondingManagerAddr;
    address public ticketBrokerAddr;
    address public merkleSnapshotAddr;
    address public tokenAddr;

    /// @notice L1 addresses whose delegation has migrated (by message or by claim).
    mapping(address => bool) public migratedDelegators;
    /// @notice Each orchestrator's pool, once it migrated.
    mapping(address => address) public delegatorPools;
    /// @notice Stake of an orchestrator's delegators that migrated before it did.
    mapping(address => uint256) public claimedDelegatedStake;
    /// @notice (L1 address, lock id) pairs that migrated.
    mapping(address => mapping(uint256 => bool)) public migratedUnbondingLocks;
    /// @notice Broadcasters whose deposit and reserve migrated.
    mapping(address => bool) public migratedSenders;
    bool private initialized;

    event MigrateDelegatorFinalized(MigrateDelegatorParams params);
    event MigrateUnbondingLocksFinalized(MigrateUnbondingLocksParamsL2 params);
    event MigrateSenderFinalized(MigrateSenderParams params);
    event DelegatorPoolCreated(address indexed l1Addr, address delegatorPool);
    event StakeClaimed(address indexed delegator, address delegate, uint256 stake, uint256 fees);
    event TxToL1(address indexed _from, address indexed _to, uint256 indexed _id, bytes _data);
    event FeesPaid(address indexed to, uint256 amount);

    error AlreadyInitialized();
    error NotL1Migrator(address caller);
    error DelegatorAlreadyMigrated(address l1Addr);
    error UnbondingLockAlreadyMigrated(address l1Addr, uint256 id);
    error SenderAlreadyMigrated(address l1Addr);
    error ClaimStakeNotEnabled();
    error InvalidProof(address delegator);
    error OrchestratorsMigrateByMessage(address delegator);
    error EthTransferFailed(address to, uint256 amount);

    modifier onlyL1Migrator() {
        if (msg.sender != AddressAliasHelper.applyL1ToL2Alias(l1Migrator)) revert NotL1Migrator(msg.sender);
        _;
    }

    /// @notice Sets the proxy's state up; the caller becomes its admin and governor. Once.
    function initialize(address _l1Migrator, address _delegatorPoolImpl) external {
        if (initialized) revert AlreadyInitialized();
        initialized = true;
        l1Migrator = _l1Migrator;
        delegatorPoolImpl = _delegatorPoolImpl;
        _grant(DEFAULT_ADMIN_ROLE, msg.sender);
        _grant(GOVERNOR_ROLE, msg.sender);
    }

    /// @notice Takes the ETH `migrateETH` bridges, from which fees and deposits are paid.
    receive() external payable {}

    /// @notice Reads the BondingManager, TicketBroker, MerkleSnapshot and LivepeerToken
    ///         from the Controller, and lets the BondingManager take this contract's LPT.
    function syncControllerContracts() external {
        bondingManagerAddr = controller.getContract(keccak256("BondingManager"));
        ticketBrokerAddr = controller.getContract(keccak256("TicketBroker"));
        merkleSnapshotAddr = controller.getContract(keccak256("MerkleSnapshot"));
        tokenAddr = controller.getContract(keccak256("LivepeerToken"));
        ILivepeerToken(tokenAddr).approve(bondingManagerAddr, type(uint256).max);
    }

    /// @notice Names the L1 Migrator. Governance only.
    function setL1Migrator(address _l1Migrator) external onlyRole(GOVERNOR_ROLE) {
        l1Migrator = _l1Migrator;
    }

    /// @notice Names the pool implementation for pools created from now on. Governance only.
    function setDelegatorPoolImpl(address _delegatorPoolImpl) external onlyRole(GOVERNOR_ROLE) {
        delegatorPoolImpl = _delegatorPoolImpl;
    }

    /// @notice Opens or closes `claimStake`. Governance only.
    function setClaimStakeEnabled(bool _enabled) external onlyRole(GOVERNOR_ROLE) {
        claimStakeEnabled = _enabled;
    }

    /// @notice Credits a delegator migrated by the L1 Migrator. Its alias only.
    function finalizeMigrateDelegator(MigrateDelegatorParams calldata _params) external onlyL1Migrator {
        _migrateDelegator(
            _params.l1Addr, _params.l2Addr, _params.stake, _params.delegatedStake, _params.fees, _params.delegate
        );
        emit MigrateDelegatorFinalized(_params);
    }

    /// @notice Stakes the total of migrated unbonding locks with the delegate they were
    ///         made under. The L1 Migrator's alias only.
    function finalizeMigrateUnbondingLocks(MigrateUnbondingLocksParamsL2 calldata _params) external onlyL1Migrator {
        for (uint256 i = 0; i < _params.unbondingLockIds.length; i++) {
            uint256 id = _params.unbondingLockIds[i];
            if (migratedUnbondingLocks[_params.l1Addr][id]) revert UnbondingLockAlreadyMigrated(_params.l1Addr, id);
            migratedUnbondingLocks[_params.l1Addr][id] = true;
        }
        _bond(_params.total, _params.l2Addr, _params.delegate);
        emit MigrateUnbondingLocksFinalized(_params);
    }

    /// @notice Funds a migrated broadcaster's deposit and reserve in the TicketBroker. The
    ///         L1 Migrator's alias only.
    function finalizeMigrateSender(MigrateSenderParams calldata _params) external onlyL1Migrator {
        if (migratedSenders[_params.l1Addr]) revert SenderAlreadyMigrated(_params.l1Addr);
        migratedSenders[_params.l1Addr] = true;
        ITicketBroker(ticketBrokerAddr).fundDepositAndReserveFor{value: _params.deposit + _params.reserve}(
            _params.l2Addr, _params.deposit, _params.reserve
        );
        emit MigrateSenderFinalized(_params);
    }

    /// @notice Migrates the caller's frozen L1 delegation without a message: `_proof` shows
    ///         (caller, `_delegate`, `_stake`, `_fees`) in the snapshot. The stake is claimed
    ///         from `_delegate`'s pool if it has one, and is otherwise bonded to
    ///         `_newDelegate` (or, if that is zero, to `_delegate`); the fees are paid in ETH.
    function claimStake(
        address _delegate,
        uint256 _stake,
        uint256 _fees,
        bytes32[] calldata _proof,
        address _newDelegate
    ) external {
        if (!claimStakeEnabled) revert ClaimStakeNotEnabled();
        address delegator = msg.sender;
        if (delegator == _delegate) revert OrchestratorsMigrateByMessage(delegator);
        bytes32 leaf = keccak256(abi.encodePacked(delegator, _delegate, _stake, _fees));
        if (!IMerkleSnapshot(merkleSnapshotAddr).verify(SNAPSHOT_ID, _proof, leaf)) revert InvalidProof(delegator);
        if (delegatorPools[_delegate] == address(0) && _newDelegate != address(0)) {
            // No pool to claim from: the stake is bonded directly, to the delegate the
            // delegator chose.
            _markMigrated(delegator);
            claimedDelegatedStake[_delegate] += _stake;
            _bond(_stake, delegator, _newDelegate);
            _pay(delegator, _fees);
        } else {
            // A pool share stays with the pool's orchestrator; the delegator may move it
            // itself afterwards.
            _migrateDelegator(delegator, delegator, _stake, 0, _fees, _delegate);
        }
        emit StakeClaimed(delegator, _delegate, _stake, _fees);
    }

    /// @dev Credits `l1Addr`'s frozen delegation to `l2Addr` (see the contract's notes).
    function _migrateDelegator(
        address l1Addr,
        address l2Addr,
        uint256 stake,
        uint256 delegatedStake,
        uint256 fees,
        address delegate
    ) internal {
        _markMigrated(l1Addr);
        if (l1Addr == delegate) {
            _bond(stake, l2Addr, l2Addr);
            uint256 poolStake = delegatedStake - stake - claimedDelegatedStake[l1Addr];
            DelegatorPool pool = DelegatorPool(payable(_clone(delegatorPoolImpl)));
            pool.initialize(IBondingManager(bondingManagerAddr), poolStake);
            delegatorPools[l1Addr] = address(pool);
            _bond(poolStake, address(pool), l2Addr);
            emit DelegatorPoolCreated(l1Addr, address(pool));
        } else {
            address pool = delegatorPools[delegate];
            if (pool != address(0)) {
                DelegatorPool(payable(pool)).claim(l2Addr, stake);
            } else {
                claimedDelegatedStake[delegate] += stake;
                _bond(stake, l2Addr, delegate);
            }
        }
        _pay(l2Addr, fees);
    }

    function _markMigrated(address l1Addr) internal {
        if (migratedDelegators[l1Addr]) revert DelegatorAlreadyMigrated(l1Addr);
        migratedDelegators[l1Addr] = true;
    }

    /// @dev Bonds `amount` of this contract's LPT for `owner` to `to` (nothing if zero and
    ///      `owner` has no bond to move).
    function _bond(uint256 amount, address owner, address to) internal {
        if (amount == 0) return;
        IBondingManager(bondingManagerAddr).bondForWithHint(
            amount, owner, to, address(0), address(0), address(0), address(0)
        );
    }

    function _pay(address to, uint256 amount) internal {
        if (amount == 0) return;
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert EthTransferFailed(to, amount);
        emit FeesPaid(to, amount);
    }

    /// @dev An EIP-1167 minimal proxy of `impl`.
    function _clone(address impl) internal returns (address instance) {
        assembly {
            let ptr := mload(0x40)
            mstore(ptr, 0x3d602d80600a3d3981f3363d3d373d3d3d363d73000000000000000000000000)
            mstore(add(ptr, 0x14), shl(0x60, impl))
            mstore(add(ptr, 0x28), 0x5af43d82803e903d91602b57fd5bf30000000000000000000000000000000000)
            instance := create(0, ptr, 0x37)
        }
        require(instance != address(0), "clone failed");
    }
}
