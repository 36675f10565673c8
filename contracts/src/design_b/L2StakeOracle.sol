// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governed} from "../common/Governed.sol";
import {LivepeerToken} from "../common/LivepeerToken.sol";

/// @title L2StakeOracle (design B)
/// @notice Caches the L2 staked supply as reported by a governance-set list of reporters,
///         so that the L1 Minter can compute one bonding rate over both chains. L1 cannot
///         read L2 state until the challenge period has passed, so the thread proposes a
///         trusted reporter; this contract is where that trust is bounded.
/// @dev Two bounds, both choices of ours:
///      - **Escrow bound.** In design B no L2 LPT exists that was not escrowed on L1 first
///        (L2 mints only deposits), so L2 stake can never exceed the L1 gateway's escrow.
///        A report above it is refused: a wrong reporter cannot claim stake that does not
///        exist, nor push the bonding-rate arithmetic anywhere near overflow.
///      - **Freshness.** A report older than `maxAge` seconds is stale. `freshStake` says
///        so, and the L1 Minter then leaves the inflation rate where it was rather than
///        steer it by an old figure.
contract L2StakeOracle is Governed {
    /// @notice L1 LPT, whose balance in `escrow` bounds every report.
    LivepeerToken public immutable token;
    /// @notice The L1 gateway holding the escrow that backs all L2 LPT.
    address public immutable escrow;
    /// @notice Seconds a report stays fresh.
    uint256 public immutable maxAge;

    address[] private reporters;
    /// @notice Whether an address may report.
    mapping(address => bool) public isReporter;

    /// @notice The last accepted report of L2 staked LPT.
    uint256 public reportedStake;
    /// @notice When it was accepted (L1 time); zero before the first report.
    uint256 public reportedAt;

    event ReportersSet(address[] reporters);
    event StakeReported(address indexed reporter, uint256 stake);

    error NotReporter(address caller);
    error AboveEscrow(uint256 stake, uint256 escrow);

    /// @param _token L1 LPT.
    /// @param _escrow The L1 gateway.
    /// @param _maxAge Seconds a report stays fresh.
    /// @param _governor Governance, which sets the reporters.
    constructor(LivepeerToken _token, address _escrow, uint256 _maxAge, address _governor) Governed(_governor) {
        token = _token;
        escrow = _escrow;
        maxAge = _maxAge;
    }

    /// @notice Replaces the list of reporters. Governance only.
    function setReporters(address[] calldata list) external onlyGovernor {
        for (uint256 i = 0; i < reporters.length; i++) {
            isReporter[reporters[i]] = false;
        }
        delete reporters;
        for (uint256 i = 0; i < list.length; i++) {
            if (isReporter[list[i]]) continue;
            isReporter[list[i]] = true;
            reporters.push(list[i]);
        }
        emit ReportersSet(list);
    }

    /// @notice Every current reporter.
    function getReporters() external view returns (address[] memory) {
        return reporters;
    }

    /// @notice Reports `stake` LPT staked on L2. Reporters only; refused above the escrow.
    function report(uint256 stake) external {
        if (!isReporter[msg.sender]) revert NotReporter(msg.sender);
        uint256 escrowed = token.balanceOf(escrow);
        if (stake > escrowed) revert AboveEscrow(stake, escrowed);
        reportedStake = stake;
        reportedAt = block.timestamp;
        emit StakeReported(msg.sender, stake);
    }

    /// @notice The last report and whether it is fresh (accepted within `maxAge` seconds).
    function freshStake() external view returns (uint256 stake, bool fresh) {
        stake = reportedStake;
        fresh = reportedAt != 0 && block.timestamp - reportedAt <= maxAge;
    }
}
