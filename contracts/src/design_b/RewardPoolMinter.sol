// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governed} from "../common/Governed.sol";
import {LivepeerToken} from "../common/LivepeerToken.sol";
import {IStakingMinter} from "../common/IStakingMinter.sol";
import {IGatewayMinter, IInboundCallHook} from "../common/gateway/IGateways.sol";

/// @title RewardPoolMinter (design B's L2 Minter)
/// @notice The L2 reward pool. It mints nothing of its own: the only L2 mints are deposits,
///         which the L2 gateway (its one delegate) mints against L1 escrow. The L1 Minter
///         bridges each L1 round's rewards here, and L2 `reward()` takes the calling
///         orchestrator's stake-proportional share of the current L2 round's allowance. Like
///         every Minter it also custodies the chain's bonded LPT, so its LPT balance is
///         custody plus `undistributed()`.
/// @dev **The allowance rule** (the thread leaves it open; this is our choice). One L1
///      round spans `l2RoundsPerL1Round` (N) L2 rounds, both counted in L1 blocks, so L2
///      round k is the (k mod N)-th of its L1 round. When L2 round k starts (on its first
///      `reward()`), its allowance is
///          undistributed / (N - k mod N),
///      the rewards not yet paid spread evenly over the L2 rounds left in the L1 round.
///      With every allowance claimed, an L1 round's R rewards pay R/N per L2 round, as in
///      the thread's example (700 over 7 rounds is 100 each). Allowance nobody claims stays
///      undistributed, so it rolls over into the following L2 rounds, and from the last
///      one into the next L1 round. Rewards that arrive late (a ticket redeemed after its
///      round) join the pool the same way. Nothing is returned to L1 or dropped, and
///      nothing is paid twice: `distributed` never exceeds `received`.
contract RewardPoolMinter is Governed, IStakingMinter, IGatewayMinter, IInboundCallHook {
    /// @notice L2 LPT.
    LivepeerToken public immutable token;
    /// @notice L2 rounds per L1 round (N).
    uint256 public immutable l2RoundsPerL1Round;
    /// @notice The L2 StakingManager.
    address public staking;
    /// @notice The L2 gateway: the one delegate, minting deposits backed by L1 escrow.
    address public gateway;
    /// @notice The L1 Minter: deposits whose L1 sender it is are rewards.
    address public l1Minter;

    /// @notice Rewards bridged in so far.
    uint256 public received;
    /// @notice Rewards paid to orchestrators so far.
    uint256 public distributed;
    /// @notice The current L2 round.
    uint256 public currentRound;
    /// @notice The current L2 round's allowance.
    uint256 public roundAllowance;
    /// @notice What the current L2 round has paid so far.
    uint256 public roundPaid;

    event RewardsReceived(uint256 amount, uint256 undistributed);
    event AllowanceSet(uint256 indexed round, uint256 allowance, uint256 undistributed);
    event RewardPaid(uint256 indexed round, uint256 amount);

    error AlreadyConnected();
    error NotDelegate(address caller);
    error NotStaking(address caller);
    error NotRewardSource(address from);

    modifier onlyStaking() {
        if (msg.sender != staking) revert NotStaking(msg.sender);
        _;
    }

    /// @param _token L2 LPT; this pool must hold its MINTER_ROLE (for the gateway's deposits).
    /// @param _governor Governance.
    /// @param _l2RoundsPerL1Round N, the L2 rounds one L1 round spans.
    constructor(LivepeerToken _token, address _governor, uint256 _l2RoundsPerL1Round) Governed(_governor) {
        token = _token;
        l2RoundsPerL1Round = _l2RoundsPerL1Round;
    }

    /// @notice Names the StakingManager, the L2 gateway and the L1 Minter, once. Governance only.
    function connect(address _staking, address _gateway, address _l1Minter) external onlyGovernor {
        if (staking != address(0)) revert AlreadyConnected();
        staking = _staking;
        gateway = _gateway;
        l1Minter = _l1Minter;
    }

    /// @notice The delegates that may mint through this pool: the L2 gateway alone.
    function getDelegates() external view returns (address[] memory list) {
        list = new address[](1);
        list[0] = gateway;
    }

    /// @notice Rewards received and not yet paid.
    function undistributed() public view returns (uint256) {
        return received - distributed;
    }

    /// @notice Mints a deposit's `amount` LPT to `to`. The L2 gateway only.
    function mint(address to, uint256 amount) external {
        if (msg.sender != gateway) revert NotDelegate(msg.sender);
        token.mint(to, amount);
    }

    /// @notice Books a reward deposit: the gateway has just minted `amount` to this pool in
    ///         a ticket from `from`, which must be the L1 Minter. A deposit from anyone else
    ///         with this hook fails (its ticket stays redeemable); a plain deposit to this
    ///         address is a donation that is never paid out.
    function onTokenTransfer(address from, uint256 amount, bytes calldata) external {
        if (msg.sender != gateway) revert NotDelegate(msg.sender);
        if (from != l1Minter) revert NotRewardSource(from);
        received += amount;
        emit RewardsReceived(amount, undistributed());
    }

    /// @notice Starts L2 round `round` if it is newer than the current one, fixing its
    ///         allowance by the rule in the contract's notes. Called by `reward()`.
    function initializeRound(uint256 round, uint256) external onlyStaking {
        if (round <= currentRound) return;
        currentRound = round;
        roundAllowance = undistributed() / (l2RoundsPerL1Round - round % l2RoundsPerL1Round);
        roundPaid = 0;
        emit AllowanceSet(round, roundAllowance, undistributed());
    }

    /// @notice Pays the calling StakingManager the orchestrator's `fracNum / fracDenom`
    ///         share of the round's allowance, never more than the allowance has left. The
    ///         LPT stays here, now as custody of the new stake.
    function createReward(uint256 fracNum, uint256 fracDenom) external onlyStaking returns (uint256 amount) {
        if (fracDenom == 0) return 0;
        amount = (roundAllowance * fracNum) / fracDenom;
        uint256 left = roundAllowance - roundPaid;
        if (amount > left) amount = left;
        roundPaid += amount;
        distributed += amount;
        emit RewardPaid(currentRound, amount);
    }

    /// @notice Pays custodied LPT out to `to`. StakingManager only.
    function trustedTransferTokens(address to, uint256 amount) external onlyStaking {
        token.transfer(to, amount);
    }
}
