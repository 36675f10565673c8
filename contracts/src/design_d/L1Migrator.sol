// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlled} from "./AccessControlled.sol";
import {IBondingManager, ITicketBroker, ILivepeerToken} from "./ILivepeer.sol";
import {
    MigrateDelegatorParams,
    MigrateUnbondingLocksParams,
    MigrateUnbondingLocksParamsL2,
    MigrateSenderParams,
    IL2MigratorInbound
} from "./IMigrator.sol";
import {Inbox} from "../common/arbitrum/Inbox.sol";

/// @notice What the L1 Migrator asks of the BridgeMinter.
interface IBridgeMinterCustody {
    function withdrawLPTToL1Migrator() external returns (uint256);
    function withdrawETHToL1Migrator() external returns (uint256);
}

/// @notice The L1 gateway's deposit entry point.
interface IL1LPTGatewayOutbound {
    function outboundTransfer(
        address l1Token,
        address to,
        uint256 amount,
        uint256 maxGas,
        uint256 gasPriceBid,
        bytes calldata data
    ) external payable returns (bytes memory);
}

/// @title LivepeerL1Migrator (design D, L1)
/// @notice LIP-73's L1 Migrator: per-user migration carries data, not tokens. Each entry
///         point reads the frozen L1 protocol (a delegator's pending stake and fees and its
///         delegate; unbonding locks; a broadcaster's deposit and reserve) and sends it to
///         the L2 Migrator in one retryable ticket. The LPT and ETH that back all of it
///         cross once, in bulk: `migrateLPT` (governance) bridges the BridgeMinter's LPT to
///         the L2 Migrator, and `migrateETH` (anyone) its ETH.
/// @dev Who may migrate an address: the address itself, or anyone holding its EIP-712
///      signature (domain "Livepeer L1Migrator", version "1"). Design choices, with the
///      fixes Livepeer made after launch:
///      - the L2 address must be the L1 address. The launch code let the caller name any
///        L2 address, and the L2 protocol lets the L2 Migrator redelegate any position, so
///        anyone could move anyone's L2 delegate (`as-built-unbound-l2-address`);
///      - a lock migration needs at least one lock id, and no id twice
///        (`as-built-empty-lock-list`);
///      - the owner (the L1 address) gets a ticket's refunds and is the one who may cancel
///        it; the bulk tickets' refunds go to this contract, which never cancels.
///      The contract starts paused; governance unpauses it once the L2 side is ready.
contract LivepeerL1Migrator is AccessControlled {
    bytes32 private constant DOMAIN_TYPE_HASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant MIGRATE_DELEGATOR_TYPE_HASH = keccak256("MigrateDelegator(address l1Addr,address l2Addr)");
    bytes32 private constant MIGRATE_UNBONDING_LOCKS_TYPE_HASH =
        keccak256("MigrateUnbondingLocks(address l1Addr,address l2Addr,uint256[] unbondingLockIds)");
    bytes32 private constant MIGRATE_SENDER_TYPE_HASH = keccak256("MigrateSender(address l1Addr,address l2Addr)");
    /// @dev Half the secp256k1 group order: a signature's `s` must not exceed it.
    uint256 private constant HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    /// @notice Arbitrum's inbox.
    address public immutable inbox;
    /// @notice The frozen L1 BondingManager (its proxy).
    address public immutable bondingManagerAddr;
    /// @notice The frozen L1 TicketBroker (its proxy).
    address public immutable ticketBrokerAddr;
    /// @notice L1 LPT.
    address public immutable tokenAddr;
    /// @notice The L1 gateway, through which `migrateLPT` bridges.
    address public immutable l1LPTGatewayAddr;
    /// @notice The L2 Migrator.
    address public immutable l2MigratorAddr;
    /// @notice The BridgeMinter, whose LPT and ETH this contract bridges.
    address public bridgeMinterAddr;
    /// @notice Whether the per-user entry points are paused.
    bool public paused = true;
    /// @notice Whether `migrateLPT` has run (it runs once).
    bool public lptMigrated;

    event MigrateDelegatorInitiated(uint256 indexed seqNo, MigrateDelegatorParams params);
    event MigrateUnbondingLocksInitiated(uint256 indexed seqNo, MigrateUnbondingLocksParams params);
    event MigrateSenderInitiated(uint256 indexed seqNo, MigrateSenderParams params);
    event TxToL2(address indexed from, address indexed to, uint256 indexed seqNum, bytes data);
    event Paused(address account);
    event Unpaused(address account);

    error IsPaused();
    error InvalidSignature(address l1Addr);
    error L2AddrNotL1Addr(address l1Addr, address l2Addr);
    error EmptyUnbondingLockIds();
    error DuplicateUnbondingLockId(uint256 id);
    error AlreadyMigratedLPT();
    error InsufficientValue(uint256 needed, uint256 sent);

    /// @param _inbox Arbitrum's inbox.
    /// @param _bondingManagerAddr The frozen L1 BondingManager.
    /// @param _ticketBrokerAddr The frozen L1 TicketBroker.
    /// @param _tokenAddr L1 LPT.
    /// @param _l1LPTGatewayAddr The L1 gateway.
    /// @param _l2MigratorAddr The L2 Migrator.
    constructor(
        address _inbox,
        address _bondingManagerAddr,
        address _ticketBrokerAddr,
        address _tokenAddr,
        address _l1LPTGatewayAddr,
        address _l2MigratorAddr
    ) {
        inbox = _inbox;
        bondingManagerAddr = _bondingManagerAddr;
        ticketBrokerAddr = _ticketBrokerAddr;
        tokenAddr = _tokenAddr;
        l1LPTGatewayAddr = _l1LPTGatewayAddr;
        l2MigratorAddr = _l2MigratorAddr;
        _grant(DEFAULT_ADMIN_ROLE, msg.sender);
        _grant(GOVERNOR_ROLE, msg.sender);
    }

    /// @notice Takes the ETH the BridgeMinter sends for `migrateETH`.
    receive() external payable {}

    /// @notice Names the BridgeMinter. Governance only.
    function setBridgeMinter(address _bridgeMinterAddr) external onlyRole(GOVERNOR_ROLE) {
        bridgeMinterAddr = _bridgeMinterAddr;
    }

    /// @notice Pauses the per-user entry points. Governance only.
    function pause() external onlyRole(GOVERNOR_ROLE) {
        paused = true;
        emit Paused(msg.sender);
    }

    /// @notice Resumes the per-user entry points. Governance only.
    function unpause() external onlyRole(GOVERNOR_ROLE) {
        paused = false;
        emit Unpaused(msg.sender);
    }

    /// @notice Migrates `_l1Addr`'s delegation: its pending stake and fees, its delegate, and
    ///         (for an orchestrator) the stake delegated to it. The caller must be `_l1Addr`,
    ///         or `_sig` its EIP-712 signature. `msg.value` pays for the ticket.
    function migrateDelegator(
        address _l1Addr,
        address _l2Addr,
        bytes calldata _sig,
        uint256 _maxGas,
        uint256 _gasPriceBid,
        uint256 _maxSubmissionCost
    ) external payable {
        _authorise(_l1Addr, _l2Addr, keccak256(abi.encode(MIGRATE_DELEGATOR_TYPE_HASH, _l1Addr, _l2Addr)), _sig);
        (bytes memory data, MigrateDelegatorParams memory params) = getMigrateDelegatorParams(_l1Addr, _l2Addr);
        uint256 seqNo = _sendTxToL2(_l1Addr, 0, _maxSubmissionCost, _maxGas, _gasPriceBid, data);
        emit MigrateDelegatorInitiated(seqNo, params);
    }

    /// @notice Migrates the unbonding locks `_unbondingLockIds` of `_l1Addr`: their total is
    ///         staked with its delegate on L2. The list must be non-empty and hold no id
    ///         twice. Authorised and paid for as `migrateDelegator`.
    function migrateUnbondingLocks(
        address _l1Addr,
        address _l2Addr,
        uint256[] calldata _unbondingLockIds,
        bytes calldata _sig,
        uint256 _maxGas,
        uint256 _gasPriceBid,
        uint256 _maxSubmissionCost
    ) external payable {
        bytes32 structHash = keccak256(
            abi.encode(
                MIGRATE_UNBONDING_LOCKS_TYPE_HASH, _l1Addr, _l2Addr, keccak256(abi.encodePacked(_unbondingLockIds))
            )
        );
        _authorise(_l1Addr, _l2Addr, structHash, _sig);
        if (_unbondingLockIds.length == 0) revert EmptyUnbondingLockIds();
        for (uint256 i = 0; i < _unbondingLockIds.length; i++) {
            for (uint256 j = 0; j < i; j++) {
                if (_unbondingLockIds[i] == _unbondingLockIds[j]) {
                    revert DuplicateUnbondingLockId(_unbondingLockIds[i]);
                }
            }
        }
        (bytes memory data, MigrateUnbondingLocksParams memory params) =
            getMigrateUnbondingLocksParams(_l1Addr, _l2Addr, _unbondingLockIds);
        uint256 seqNo = _sendTxToL2(_l1Addr, 0, _maxSubmissionCost, _maxGas, _gasPriceBid, data);
        emit MigrateUnbondingLocksInitiated(seqNo, params);
    }

    /// @notice Migrates broadcaster `_l1Addr`'s TicketBroker deposit and reserve.
    ///         Authorised and paid for as `migrateDelegator`.
    function migrateSender(
        address _l1Addr,
        address _l2Addr,
        bytes calldata _sig,
        uint256 _maxGas,
        uint256 _gasPriceBid,
        uint256 _maxSubmissionCost
    ) external payable {
        _authorise(_l1Addr, _l2Addr, keccak256(abi.encode(MIGRATE_SENDER_TYPE_HASH, _l1Addr, _l2Addr)), _sig);
        (bytes memory data, MigrateSenderParams memory params) = getMigrateSenderParams(_l1Addr, _l2Addr);
        uint256 seqNo = _sendTxToL2(_l1Addr, 0, _maxSubmissionCost, _maxGas, _gasPriceBid, data);
        emit MigrateSenderInitiated(seqNo, params);
    }

    /// @notice Bridges all the BridgeMinter's LPT to the L2 Migrator, once: the LPT that
    ///         backs every frozen stake and lock. Governance only.
    function migrateLPT(uint256 _maxGas, uint256 _gasPriceBid, uint256 _maxSubmissionCost)
        external
        payable
        onlyRole(GOVERNOR_ROLE)
    {
        if (lptMigrated) revert AlreadyMigratedLPT();
        lptMigrated = true;
        uint256 amount = IBridgeMinterCustody(bridgeMinterAddr).withdrawLPTToL1Migrator();
        ILivepeerToken(tokenAddr).approve(l1LPTGatewayAddr, amount);
        IL1LPTGatewayOutbound(l1LPTGatewayAddr).outboundTransfer{value: msg.value}(
            tokenAddr, l2MigratorAddr, amount, _maxGas, _gasPriceBid, abi.encode(_maxSubmissionCost, bytes(""))
        );
    }

    /// @notice Bridges all the BridgeMinter's ETH to the L2 Migrator, which pays migrated
    ///         fees and deposits from it. Anyone may call it; `msg.value` pays for the
    ///         ticket, whose refunds go to this contract.
    function migrateETH(uint256 _maxGas, uint256 _gasPriceBid, uint256 _maxSubmissionCost) external payable {
        uint256 amount = IBridgeMinterCustody(bridgeMinterAddr).withdrawETHToL1Migrator();
        uint256 needed = _maxSubmissionCost + _maxGas * _gasPriceBid;
        if (msg.value < needed) revert InsufficientValue(needed, msg.value);
        uint256 seqNo = Inbox(inbox).createRetryableTicket{value: msg.value + amount}(
            l2MigratorAddr, amount, _maxSubmissionCost, address(this), address(this), _maxGas, _gasPriceBid, ""
        );
        emit TxToL2(address(this), l2MigratorAddr, seqNo, "");
    }

    /// @notice The message `migrateDelegator` would send for `_l1Addr`, and its contents.
    function getMigrateDelegatorParams(address _l1Addr, address _l2Addr)
        public
        view
        returns (bytes memory data, MigrateDelegatorParams memory params)
    {
        IBondingManager bm = IBondingManager(bondingManagerAddr);
        (,, address delegate, uint256 delegatedAmount,,,) = bm.getDelegator(_l1Addr);
        params = MigrateDelegatorParams({
            l1Addr: _l1Addr,
            l2Addr: _l2Addr,
            stake: bm.pendingStake(_l1Addr, type(uint256).max),
            delegatedStake: delegatedAmount,
            fees: bm.pendingFees(_l1Addr, type(uint256).max),
            delegate: delegate
        });
        data = abi.encodeCall(IL2MigratorInbound.finalizeMigrateDelegator, (params));
    }

    /// @notice The message `migrateUnbondingLocks` would send, and its contents: the total
    ///         of the named locks.
    function getMigrateUnbondingLocksParams(address _l1Addr, address _l2Addr, uint256[] calldata _unbondingLockIds)
        public
        view
        returns (bytes memory data, MigrateUnbondingLocksParams memory params)
    {
        IBondingManager bm = IBondingManager(bondingManagerAddr);
        uint256 total = 0;
        for (uint256 i = 0; i < _unbondingLockIds.length; i++) {
            (uint256 amount,) = bm.getDelegatorUnbondingLock(_l1Addr, _unbondingLockIds[i]);
            total += amount;
        }
        (,, address delegate,,,,) = bm.getDelegator(_l1Addr);
        params = MigrateUnbondingLocksParams({
            l1Addr: _l1Addr,
            l2Addr: _l2Addr,
            total: total,
            unbondingLockIds: _unbondingLockIds
        });
        MigrateUnbondingLocksParamsL2 memory onL2 = MigrateUnbondingLocksParamsL2({
            l1Addr: _l1Addr,
            l2Addr: _l2Addr,
            total: total,
            unbondingLockIds: _unbondingLockIds,
            delegate: delegate
        });
        data = abi.encodeCall(IL2MigratorInbound.finalizeMigrateUnbondingLocks, (onL2));
    }

    /// @notice The message `migrateSender` would send, and its contents.
    function getMigrateSenderParams(address _l1Addr, address _l2Addr)
        public
        view
        returns (bytes memory data, MigrateSenderParams memory params)
    {
        (ITicketBroker.Sender memory sender, ITicketBroker.ReserveInfo memory reserve) =
            ITicketBroker(ticketBrokerAddr).getSenderInfo(_l1Addr);
        params = MigrateSenderParams({
            l1Addr: _l1Addr,
            l2Addr: _l2Addr,
            deposit: sender.deposit,
            reserve: reserve.fundsRemaining
        });
        data = abi.encodeCall(IL2MigratorInbound.finalizeMigrateSender, (params));
    }

    /// @notice The EIP-712 digest a signature for `structHash` signs.
    function hashTypedData(bytes32 structHash) public view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(
                DOMAIN_TYPE_HASH, keccak256("Livepeer L1Migrator"), keccak256("1"), block.chainid, address(this)
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    /// @dev Refuses the call unless the migrator is unpaused, `_l2Addr` is `_l1Addr`, and
    ///      the caller is `_l1Addr` or `_sig` is its signature of `structHash`.
    function _authorise(address _l1Addr, address _l2Addr, bytes32 structHash, bytes calldata _sig) internal view {
        if (paused) revert IsPaused();
        if (_l2Addr != _l1Addr) revert L2AddrNotL1Addr(_l1Addr, _l2Addr);
        if (msg.sender == _l1Addr) return;
        if (_recover(hashTypedData(structHash), _sig) != _l1Addr) revert InvalidSignature(_l1Addr);
    }

    /// @dev The signer of `digest` by a 65-byte (r, s, v) signature, or zero if it is
    ///      malformed or malleable.
    function _recover(bytes32 digest, bytes calldata sig) internal pure returns (address) {
        if (sig.length != 65) return address(0);
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        if (v < 27) v += 27;
        if ((v != 27 && v != 28) || uint256(s) > HALF_ORDER) return address(0);
        return ecrecover(digest, v, r, s);
    }

    /// @dev Sends a retryable ticket to the L2 Migrator carrying `data` and `l2CallValue`;
    ///      `owner` gets its refunds and may cancel it.
    function _sendTxToL2(
        address owner,
        uint256 l2CallValue,
        uint256 maxSubmissionCost,
        uint256 maxGas,
        uint256 gasPriceBid,
        bytes memory data
    ) internal returns (uint256 seqNo) {
        uint256 needed = maxSubmissionCost + maxGas * gasPriceBid + l2CallValue;
        if (msg.value < needed) revert InsufficientValue(needed, msg.value);
        seqNo = Inbox(inbox).createRetryableTicket{value: msg.value}(
            l2MigratorAddr, l2CallValue, maxSubmissionCost, owner, owner, maxGas, gasPriceBid, data
        );
        emit TxToL2(owner, l2MigratorAddr, seqNo, data);
    }
}
