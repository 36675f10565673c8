// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlled} from "./AccessControlled.sol";
import {ILivepeerToken} from "./ILivepeer.sol";
import {Inbox} from "../common/arbitrum/Inbox.sol";
import {Outbox} from "../common/arbitrum/Outbox.sol";
import {Bridge} from "../common/arbitrum/Bridge.sol";

/// @notice What the L1 gateway asks of the BridgeMinter.
interface IBridgeMinter {
    function bridgeMint(address to, uint256 amount) external;
}

/// @notice The L2 gateway's inbound entry point.
interface IL2LPTGatewayInbound {
    function finalizeInboundTransfer(address l1Token, address from, address to, uint256 amount, bytes calldata data)
        external;
}

/// @title L1LPTGateway (design D, L1)
/// @notice Livepeer's L1 side of the LPT bridge, with Arbitrum's gateway interface. A
///         deposit moves L1 LPT into the `L1Escrow` and sends one retryable ticket that has
///         the L2 gateway mint as much on L2. A withdrawal, an outbox message from the L2
///         gateway, is paid out of the escrow; when the escrow cannot cover it (L2 inflation
///         has made more LPT than was ever escrowed), the shortfall is minted through the
///         `BridgeMinter`.
/// @dev Pausing blocks deposits only: a withdrawal already burned on L2 must always be
///      paid. The sender of a deposit receives the ticket's refunds and is the one who may
///      cancel it.
contract L1LPTGateway is AccessControlled {
    /// @notice Arbitrum's gateway router (kept for the interface; deposits are direct).
    address public immutable l1Router;
    /// @notice The escrow of bridged L1 LPT.
    address public immutable l1LPTEscrow;
    /// @notice L1 LPT.
    address public immutable l1Lpt;
    /// @notice L2 LPT.
    address public immutable l2Lpt;
    /// @notice Arbitrum's inbox.
    Inbox public immutable inbox;
    /// @notice The L2 gateway; the only L2 sender whose messages are honoured.
    address public l2Counterpart;
    /// @notice The BridgeMinter, which mints a withdrawal's shortfall.
    address public minter;
    /// @notice Whether deposits are paused.
    bool public paused = true;

    event DepositInitiated(
        address l1Token, address indexed from, address indexed to, uint256 indexed sequenceNumber, uint256 amount
    );
    event WithdrawalFinalized(
        address l1Token, address indexed from, address indexed to, uint256 indexed exitNum, uint256 amount
    );
    event TxToL2(address indexed from, address indexed to, uint256 indexed seqNum, bytes data);
    event Paused(address account);
    event Unpaused(address account);

    error TokenNotLPT(address token);
    error IsPaused();
    error ExtraDataNotAllowed();
    error NoSubmissionCost();
    error WrongValue(uint256 needed, uint256 sent);
    error NotCounterpart(address caller, address l2Sender);

    /// @param _l1Router Arbitrum's L1 gateway router.
    /// @param _l1LPTEscrow The escrow of bridged LPT.
    /// @param _l1Lpt L1 LPT.
    /// @param _l2Lpt L2 LPT.
    /// @param _inbox Arbitrum's inbox.
    constructor(address _l1Router, address _l1LPTEscrow, address _l1Lpt, address _l2Lpt, Inbox _inbox) {
        l1Router = _l1Router;
        l1LPTEscrow = _l1LPTEscrow;
        l1Lpt = _l1Lpt;
        l2Lpt = _l2Lpt;
        inbox = _inbox;
        _grant(DEFAULT_ADMIN_ROLE, msg.sender);
        _grant(GOVERNOR_ROLE, msg.sender);
    }

    /// @notice Names the L2 gateway. Governance only.
    function setCounterpart(address _l2Counterpart) external onlyRole(GOVERNOR_ROLE) {
        l2Counterpart = _l2Counterpart;
    }

    /// @notice Names the BridgeMinter. Governance only.
    function setMinter(address _minter) external onlyRole(GOVERNOR_ROLE) {
        minter = _minter;
    }

    /// @notice Pauses deposits. Governance only.
    function pause() external onlyRole(GOVERNOR_ROLE) {
        paused = true;
        emit Paused(msg.sender);
    }

    /// @notice Resumes deposits. Governance only.
    function unpause() external onlyRole(GOVERNOR_ROLE) {
        paused = false;
        emit Unpaused(msg.sender);
    }

    /// @notice Deposits `_amount` of the caller's L1 LPT to `_to` on L2. `_data` is
    ///         `abi.encode(maxSubmissionCost, extraData)` with empty `extraData`;
    ///         `msg.value` pays for the ticket.
    /// @return The ticket's sequence number, ABI-encoded.
    function outboundTransfer(
        address _l1Token,
        address _to,
        uint256 _amount,
        uint256 _maxGas,
        uint256 _gasPriceBid,
        bytes calldata _data
    ) external payable returns (bytes memory) {
        if (paused) revert IsPaused();
        if (_l1Token != l1Lpt) revert TokenNotLPT(_l1Token);
        (uint256 maxSubmissionCost, bytes memory extraData) = abi.decode(_data, (uint256, bytes));
        if (extraData.length > 0) revert ExtraDataNotAllowed();
        ILivepeerToken(l1Lpt).transferFrom(msg.sender, l1LPTEscrow, _amount);
        bytes memory call = abi.encodeCall(
            IL2LPTGatewayInbound.finalizeInboundTransfer, (l1Lpt, msg.sender, _to, _amount, bytes(""))
        );
        uint256 seqNum = _sendTxToL2(msg.sender, maxSubmissionCost, _maxGas, _gasPriceBid, call);
        emit DepositInitiated(l1Lpt, msg.sender, _to, seqNum, _amount);
        return abi.encode(seqNum);
    }

    /// @notice Pays out a withdrawal of `_amount` LPT to `_to`: from the escrow, and what the
    ///         escrow cannot cover is minted. Only through the outbox, for a message the L2
    ///         gateway sent; paused or not.
    function finalizeInboundTransfer(address _l1Token, address _from, address _to, uint256 _amount, bytes calldata)
        external
    {
        Bridge bridge = inbox.bridge();
        address l2Sender = Outbox(bridge.activeOutbox()).l2ToL1Sender();
        if (msg.sender != address(bridge) || l2Sender != l2Counterpart) {
            revert NotCounterpart(msg.sender, l2Sender);
        }
        if (_l1Token != l1Lpt) revert TokenNotLPT(_l1Token);
        uint256 escrow = ILivepeerToken(l1Lpt).balanceOf(l1LPTEscrow);
        if (escrow >= _amount) {
            ILivepeerToken(l1Lpt).transferFrom(l1LPTEscrow, _to, _amount);
        } else {
            if (escrow > 0) ILivepeerToken(l1Lpt).transferFrom(l1LPTEscrow, _to, escrow);
            IBridgeMinter(minter).bridgeMint(_to, _amount - escrow);
        }
        emit WithdrawalFinalized(l1Lpt, _from, _to, 0, _amount);
    }

    /// @dev Sends a retryable ticket to the L2 gateway; `refundTo` gets its refunds and may
    ///      cancel it. As Livepeer's deployed gateway does since its audit (Code4rena
    ///      2022-01, M-03), a ticket must pay some submission cost and `msg.value` must be
    ///      exactly what the ticket costs, so that no ETH is left behind in the gateway.
    function _sendTxToL2(
        address refundTo,
        uint256 maxSubmissionCost,
        uint256 maxGas,
        uint256 gasPriceBid,
        bytes memory data
    ) internal returns (uint256 seqNum) {
        if (maxSubmissionCost == 0) revert NoSubmissionCost();
        uint256 needed = maxSubmissionCost + maxGas * gasPriceBid;
        if (msg.value != needed) revert WrongValue(needed, msg.value);
        seqNum = inbox.createRetryableTicket{value: msg.value}(
            l2Counterpart, 0, maxSubmissionCost, refundTo, refundTo, maxGas, gasPriceBid, data
        );
        emit TxToL2(refundTo, l2Counterpart, seqNum, data);
    }
}
