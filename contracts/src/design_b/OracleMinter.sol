// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Minter} from "../common/Minter.sol";
import {LivepeerToken} from "../common/LivepeerToken.sol";
import {StakingCore} from "../common/StakingCore.sol";
import {IL1TokenGateway} from "../common/gateway/IGateways.sol";
import {L2StakeOracle} from "./L2StakeOracle.sol";

/// @title OracleMinter (design B's L1 Minter)
/// @notice In design B only L1 mints inflation. Each L1 round, `startRound` sets the
///         inflation rate from the bonding rate over both chains (L1 bonded plus the L2
///         stake the oracle reports, over the L1 supply, which counts every L2 LPT because
///         all of it sits in the L1 escrow), mints the whole round's rewards, and bridges
///         them through the L1 gateway to the L2 reward pool, where L2 `reward()` pays them
///         out over the round's L2 rounds.
/// @dev Choices made here:
///      - It is the common `Minter` (custody of L1 bonded LPT, and the pre-upgrade reward
///        path that produced the genesis history) plus `startRound`. The upgrade empties
///        the delegate list, so L1 `reward()` no longer mints: L1 stake counts toward the
///        bonding rate but earns only once migrated.
///      - Anyone may start a round, as anyone may initialise a Livepeer round; the caller
///        pays the reward ticket. The ticket's beneficiary is this contract, which never
///        cancels: a caller who could cancel it could destroy a round's rewards.
///      - With a stale report the rate does not move: the round mints at the last rate
///        rather than steering by an old figure. L1 bonded alone would understate the
///        bonding rate and push inflation up.
contract OracleMinter is Minter {
    /// @notice The L2 stake oracle.
    L2StakeOracle public oracle;
    /// @notice The L1 gateway the rewards are bridged through.
    IL1TokenGateway public gateway;
    /// @notice The L2 reward pool (design B's L2 Minter).
    address public l2RewardPool;
    /// @notice L2 gas limit of a reward ticket.
    uint256 public immutable maxGas;
    /// @notice L2 gas price bid of a reward ticket.
    uint256 public immutable gasPriceBid;

    event RewardsBridged(uint256 indexed round, uint256 amount, uint256 ticketId);

    error AlreadyConnected();
    error NotConnected();
    error RoundAlreadyStarted(uint256 round);

    /// @param _maxGas L2 gas limit of reward tickets.
    /// @param _gasPriceBid L2 gas price bid of reward tickets.
    constructor(
        LivepeerToken _token,
        address _governor,
        uint256 _inflation,
        uint256 _inflationChange,
        uint256 _targetBondingRate,
        uint256 _maxInflation,
        uint256 _maxGas,
        uint256 _gasPriceBid
    ) Minter(_token, _governor, _inflation, _inflationChange, _targetBondingRate, _maxInflation) {
        maxGas = _maxGas;
        gasPriceBid = _gasPriceBid;
    }

    /// @notice Names the oracle, the gateway and the L2 reward pool, once. Governance only
    ///         (it is part of the upgrade).
    function connect(L2StakeOracle _oracle, IL1TokenGateway _gateway, address _l2RewardPool) external onlyGovernor {
        if (address(gateway) != address(0)) revert AlreadyConnected();
        oracle = _oracle;
        gateway = _gateway;
        l2RewardPool = _l2RewardPool;
    }

    /// @notice Starts the current L1 round (design B's round initialisation): steps the
    ///         inflation rate by the bonding rate over L1 and L2 if the oracle's report is
    ///         fresh, mints `supply * inflation` as the round's rewards, and bridges them to
    ///         the L2 reward pool. Once per round; `msg.value` pays for the reward ticket.
    /// @return ticketId The reward ticket (zero if the round has nothing to mint).
    function startRound() external payable returns (uint256 ticketId) {
        if (address(gateway) == address(0)) revert NotConnected();
        uint256 round = StakingCore(staking).currentRound();
        if (round <= currentRound) revert RoundAlreadyStarted(round);
        currentRound = round;
        uint256 supply = token.totalSupply();
        (uint256 l2Stake, bool fresh) = oracle.freshStake();
        if (fresh) _stepInflation(StakingCore(staking).totalBonded() + l2Stake, supply);
        uint256 mintable = (supply * inflation) / PERC_DIVISOR;
        // The whole round is minted now; nothing is left for the legacy reward path.
        currentMintableTokens = mintable;
        currentMintedTokens = mintable;
        emit RoundInitialized(round, supply, inflation, mintable);
        if (mintable == 0) return 0;
        token.mint(address(this), mintable);
        token.approve(address(gateway), mintable);
        ticketId = gateway.outboundTransferCustomRefund{value: msg.value}(address(this), l2RewardPool, mintable, maxGas, gasPriceBid, abi.encode(round));
        emit RewardsBridged(round, mintable, ticketId);
    }

    /// @notice Accepts the refunds of reward tickets.
    receive() external payable {}
}
