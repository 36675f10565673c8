//! Bindings for design D: Livepeer's deployed protocol (written from its published ABI) and
//! our migration contracts.
#![allow(missing_docs, clippy::too_many_arguments)]

use alloy_sol_types::sol;

sol! {
    interface IController {
        function setContractInfo(bytes32 id, address contractAddress, bytes20 gitCommitHash) external;
        function getContract(bytes32 id) external view returns (address);
        function pause() external;
        function unpause() external;
    }

    interface IRoles {
        function grantRole(bytes32 role, address account) external;
        function revokeRole(bytes32 role, address account) external;
        function hasRole(bytes32 role, address account) external view returns (bool);
    }

    interface ILivepeerBonding {
        function setUnbondingPeriod(uint64 unbondingPeriod) external;
        function setNumActiveTranscoders(uint256 numActiveTranscoders) external;
        function transcoder(uint256 rewardCut, uint256 feeShare) external;
        function reward() external;
        function withdrawFees(address recipient, uint256 amount) external;
        function transferBond(address delegator, uint256 amount, address oldDelegateNewPosPrev, address oldDelegateNewPosNext, address newDelegateNewPosPrev, address newDelegateNewPosNext) external;
        function pendingStake(address delegator, uint256 endRound) external view returns (uint256);
        function pendingFees(address delegator, uint256 endRound) external view returns (uint256);
        function getTotalBonded() external view returns (uint256);
        function getDelegator(address delegator) external view returns (uint256 bondedAmount, uint256 fees, address delegateAddress, uint256 delegatedAmount, uint256 startRound, uint256 lastClaimRound, uint256 nextUnbondingLockId);
        function getDelegatorUnbondingLock(address delegator, uint256 unbondingLockId) external view returns (uint256 amount, uint256 withdrawRound);
        function isActiveTranscoder(address transcoder) external view returns (bool);
        event Unbond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound);
        event Rebond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount);
        event WithdrawStake(address indexed delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound);
        event WithdrawFees(address indexed delegator, address recipient, uint256 amount);
        event TransferBond(address indexed oldDelegator, address indexed newDelegator, uint256 oldUnbondingLockId, uint256 newUnbondingLockId, uint256 amount);
        event Reward(address indexed transcoder, uint256 amount);
    }

    interface ILivepeerRounds {
        function setRoundLength(uint256 roundLength) external;
        function setRoundLockAmount(uint256 roundLockAmount) external;
        function setLIPUpgradeRound(uint256 lip, uint256 round) external;
        function initializeRound() external;
        function currentRound() external view returns (uint256);
        function currentRoundInitialized() external view returns (bool);
        function lastInitializedRound() external view returns (uint256);
        function blockHashForRound(uint256 round) external view returns (bytes32);
    }

    interface ILivepeerMinter {
        function migrateToNewMinter(address newMinter) external;
        function inflation() external view returns (uint256);
        function getGlobalTotalSupply() external view returns (uint256);
        function currentMintableTokens() external view returns (uint256);
        function currentMintedTokens() external view returns (uint256);
        event SetCurrentRewardTokens(uint256 currentMintableTokens, uint256 currentInflation);
    }

    interface ITicketBroker {
        struct Ticket {
            address recipient;
            address sender;
            uint256 faceValue;
            uint256 winProb;
            uint256 senderNonce;
            bytes32 recipientRandHash;
            bytes auxData;
        }
        function setUnlockPeriod(uint256 unlockPeriod) external;
        function setTicketValidityPeriod(uint256 ticketValidityPeriod) external;
        function fundDepositAndReserve(uint256 depositAmount, uint256 reserveAmount) external payable;
        function fundDeposit() external payable;
        struct Sender {
            uint256 deposit;
            uint256 withdrawRound;
        }
        struct ReserveInfo {
            uint256 fundsRemaining;
            uint256 claimedInCurrentRound;
        }
        function getSenderInfo(address account) external view returns (Sender info, ReserveInfo reserve);
        function getTicketHash(Ticket ticket) external pure returns (bytes32);
        function redeemWinningTicket(Ticket ticket, bytes sig, uint256 recipientRand) external;
        event DepositFunded(address indexed sender, uint256 amount);
        event ReserveFunded(address indexed reserveHolder, uint256 amount);
    }

    interface IMerkleSnapshot {
        function setSnapshot(bytes32 id, bytes32 root) external;
    }

    interface IBridgeMinter {
        function setAddresses(address l1Migrator, address l1LPTGateway) external;
        function bridgeMint(address to, uint256 amount) external;
    }

    interface IL1Escrow {
        function approve(address token, address spender, uint256 value) external;
    }

    interface IL1LPTGateway {
        function setCounterpart(address l2Counterpart) external;
        function setMinter(address minter) external;
        function pause() external;
        function unpause() external;
        function outboundTransfer(address l1Token, address to, uint256 amount, uint256 maxGas, uint256 gasPriceBid, bytes data) external payable returns (bytes);
        function finalizeInboundTransfer(address l1Token, address from, address to, uint256 amount, bytes data) external;
        event DepositInitiated(address l1Token, address indexed from, address indexed to, uint256 indexed sequenceNumber, uint256 amount);
    }

    interface IL2LPTGateway {
        function setCounterpart(address l1Counterpart) external;
        function setL2LPTDataCache(address l2LPTDataCache) external;
        function pause() external;
        function unpause() external;
        function outboundTransfer(address l1Token, address to, uint256 amount, bytes data) external returns (bytes);
        function finalizeInboundTransfer(address l1Token, address from, address to, uint256 amount, bytes data) external;
    }

    interface IL1LPTDataCache {
        function setL2LPTDataCache(address l2LPTDataCache) external;
        function cacheTotalSupply(uint256 maxGas, uint256 gasPriceBid, uint256 maxSubmissionCost) external payable;
    }

    interface IL2LPTDataCache {
        function setAddresses(address l1LPTDataCache, address l2LPTGateway) external;
        function finalizeCacheTotalSupply(uint256 totalSupply, uint256 seqNo) external;
        function l1TotalSupply() external view returns (uint256);
        function lastSeqNo() external view returns (uint256);
        function l2SupplyFromL1() external view returns (uint256);
        function l1CirculatingSupply() external view returns (uint256);
    }

    interface IL1Migrator {
        struct MigrateDelegatorParams {
            address l1Addr;
            address l2Addr;
            uint256 stake;
            uint256 delegatedStake;
            uint256 fees;
            address delegate;
        }
        struct MigrateUnbondingLocksParams {
            address l1Addr;
            address l2Addr;
            uint256 total;
            uint256[] unbondingLockIds;
        }
        struct MigrateSenderParams {
            address l1Addr;
            address l2Addr;
            uint256 deposit;
            uint256 reserve;
        }
        event MigrateDelegatorInitiated(uint256 indexed seqNo, MigrateDelegatorParams params);
        event MigrateUnbondingLocksInitiated(uint256 indexed seqNo, MigrateUnbondingLocksParams params);
        event MigrateSenderInitiated(uint256 indexed seqNo, MigrateSenderParams params);
        function setBridgeMinter(address bridgeMinter) external;
        function unpause() external;
        function migrateDelegator(address l1Addr, address l2Addr, bytes sig, uint256 maxGas, uint256 gasPriceBid, uint256 maxSubmissionCost) external payable;
        function migrateUnbondingLocks(address l1Addr, address l2Addr, uint256[] unbondingLockIds, bytes sig, uint256 maxGas, uint256 gasPriceBid, uint256 maxSubmissionCost) external payable;
        function migrateSender(address l1Addr, address l2Addr, bytes sig, uint256 maxGas, uint256 gasPriceBid, uint256 maxSubmissionCost) external payable;
        function migrateLPT(uint256 maxGas, uint256 gasPriceBid, uint256 maxSubmissionCost) external payable;
        function migrateETH(uint256 maxGas, uint256 gasPriceBid, uint256 maxSubmissionCost) external payable;
    }

    interface IL2Migrator {
        struct MigrateDelegatorParams {
            address l1Addr;
            address l2Addr;
            uint256 stake;
            uint256 delegatedStake;
            uint256 fees;
            address delegate;
        }
        struct MigrateUnbondingLocksParams {
            address l1Addr;
            address l2Addr;
            uint256 total;
            uint256[] unbondingLockIds;
            address delegate;
        }
        struct MigrateSenderParams {
            address l1Addr;
            address l2Addr;
            uint256 deposit;
            uint256 reserve;
        }
        function initialize(address l1Migrator, address delegatorPoolImpl) external;
        function syncControllerContracts() external;
        function setClaimStakeEnabled(bool enabled) external;
        function claimStake(address delegate, uint256 stake, uint256 fees, bytes32[] proof, address newDelegate) external;
        function finalizeMigrateDelegator(MigrateDelegatorParams params) external;
        function finalizeMigrateUnbondingLocks(MigrateUnbondingLocksParams params) external;
        function finalizeMigrateSender(MigrateSenderParams params) external;
        function delegatorPools(address l1Addr) external view returns (address);
        function migratedDelegators(address l1Addr) external view returns (bool);
        function migratedUnbondingLocks(address l1Addr, uint256 id) external view returns (bool);
        function migratedSenders(address l1Addr) external view returns (bool);
        event MigrateDelegatorFinalized(MigrateDelegatorParams params);
        event MigrateUnbondingLocksFinalized(MigrateUnbondingLocksParams params);
        event MigrateSenderFinalized(MigrateSenderParams params);
        event DelegatorPoolCreated(address indexed l1Addr, address delegatorPool);
        event StakeClaimed(address indexed delegator, address delegate, uint256 stake, uint256 fees);
        event FeesPaid(address indexed to, uint256 amount);
    }

    interface IDelegatorPool {
        function initialStake() external view returns (uint256);
        function claimedInitialStake() external view returns (uint256);
        event Claimed(address indexed delegator, uint256 stake, uint256 fees);
    }

    interface ILivepeerLens {
        function setCandidates(address[] list) external;
    }
}
