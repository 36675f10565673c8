//! Typed Rust bindings for the contract functions and events the harness uses.
//! They mirror the Solidity in `contracts/src`; a mismatch shows up as a revert or a
//! decode error in the scenario tests.
#![allow(missing_docs, clippy::too_many_arguments)]

use alloy_sol_types::sol;

sol! {
    interface ILivepeerToken {
        function mint(address to, uint256 amount) external;
        function burn(address from, uint256 amount) external;
        function transfer(address to, uint256 amount) external returns (bool);
        function transferFrom(address from, address to, uint256 amount) external returns (bool);
        function approve(address spender, uint256 amount) external returns (bool);
        function balanceOf(address) external view returns (uint256);
        function totalSupply() external view returns (uint256);
        function grantRole(bytes32 role, address account) external;
        function revokeRole(bytes32 role, address account) external;
        function MINTER_ROLE() external view returns (bytes32);
        function BURNER_ROLE() external view returns (bytes32);
        event Transfer(address indexed from, address indexed to, uint256 value);
        event Approval(address indexed owner, address indexed spender, uint256 value);
    }

    interface IMinter {
        function setStaking(address staking) external;
        function setDelegates(address[] list) external;
        function getDelegates() external view returns (address[]);
        function mint(address to, uint256 amount) external;
        function createReward(uint256 fracNum, uint256 fracDenom) external returns (uint256);
        function inflation() external view returns (uint256);
        function maxInflation() external view returns (uint256);
        function currentRound() external view returns (uint256);
        event RoundInitialized(uint256 indexed round, uint256 supply, uint256 inflation, uint256 mintable);
    }

    interface IStaking {
        function bond(uint256 amount, address to) external;
        function registerOrchestrator(uint256 rewardCut, uint256 feeShare) external;
        function unbond(uint256 amount) external;
        function rebond(uint256 lockId) external;
        function rebondFromUnbonded(address to, uint256 lockId) external;
        function withdrawStake(uint256 lockId) external;
        function claimEarnings() external;
        function reward() external;
        function payFees(address orchestrator) external payable;
        function withdrawFees() external;
        function pendingStake(address delegator) external view returns (uint256);
        function pendingFees(address delegator) external view returns (uint256);
        function currentRound() external view returns (uint256);
        function totalBonded() external view returns (uint256);
        function isRegistered(address orchestrator) external view returns (bool);
        function getDelegator(address delegator) external view returns (uint256 bondedAmount, uint256 fees, address delegate, uint256 nextLockId, uint256 unbondingTotal);
        function getOrchestrator(address orchestrator) external view returns (bool registered, uint256 rewardCut, uint256 feeShare, uint256 lastRewardRound, uint256 delegatedAmount);
        function getUnbondingLock(address delegator, uint256 lockId) external view returns (uint256 amount, uint256 withdrawRound);
        function setMigrator(address migrator) external;
        function migrateStake(address delegator) external returns (uint256);
        function stakeFor(address delegator, address orchestrator, uint256 amount) external;
        event StakeMigrated(address indexed delegator, address indexed delegate, uint256 amount, bool wasOrchestrator);
        event StakedFor(address indexed delegator, address indexed orchestrator, uint256 amount, bool bonded);
        event Reward(address indexed orchestrator, uint256 amount);
        event Unbond(address indexed delegator, uint256 lockId, uint256 amount, uint256 withdrawRound);
        event Rebond(address indexed delegator, address indexed delegate, uint256 lockId, uint256 amount);
        event WithdrawStake(address indexed delegator, uint256 lockId, uint256 amount);
    }

    interface IL1Gateway {
        function setCounterpart(address counterpart) external;
        function setPaused(bool paused) external;
        function outboundTransfer(address to, uint256 amount, uint256 maxGas, uint256 gasPriceBid) external payable returns (uint256);
        function finalizeInboundTransfer(address from, address to, uint256 amount) external;
        event DepositInitiated(address indexed from, address indexed to, uint256 indexed ticketId, uint256 amount, bytes data);
        event WithdrawalFinalized(address indexed from, address indexed to, uint256 amount, uint256 fromEscrow, uint256 minted);
    }

    interface IL2Gateway {
        function setCounterpart(address counterpart) external;
        function setPaused(bool paused) external;
        function outboundTransfer(address to, uint256 amount) external returns (uint256);
        function finalizeInboundTransfer(address from, address to, uint256 amount, bytes data) external;
        event WithdrawalInitiated(address indexed from, address indexed to, uint256 indexed position, uint256 amount);
    }

    interface IL1Migrator {
        function migrate(address destOrchestrator) external payable returns (uint256);
        event MigrationInitiated(address indexed delegator, address indexed destOrchestrator, uint256 amount, uint256 ticketId);
    }

    interface IL2Migrator {
        function onTokenTransfer(address from, uint256 amount, bytes data) external;
        event MigrationFinalized(address indexed delegator, address indexed orchestrator, uint256 amount);
    }

    interface IOracleMinter {
        function connect(address oracle, address gateway, address l2RewardPool) external;
        function startRound() external payable returns (uint256);
        function inflation() external view returns (uint256);
        function currentRound() external view returns (uint256);
    }

    interface IL2StakeOracle {
        function setReporters(address[] list) external;
        function getReporters() external view returns (address[]);
        function report(uint256 stake) external;
        function reportedStake() external view returns (uint256);
        function reportedAt() external view returns (uint256);
    }

    interface IRewardPool {
        function connect(address staking, address gateway, address l1Minter) external;
        function received() external view returns (uint256);
        function distributed() external view returns (uint256);
        function undistributed() external view returns (uint256);
        function roundAllowance() external view returns (uint256);
    }

    interface ILegacyMigrator {
        function migrateStake(address destOrchestrator) external payable returns (uint256);
        function migrateLiquid(address to, uint256 amount) external payable returns (uint256);
    }

    interface ILegacyInbound {
        function finalizeLegacyStake(address delegator, address orchestrator, uint256 amount) external;
        function finalizeLegacyTransfer(address from, address to, uint256 amount) external;
    }

    interface IBridgeInbound {
        function finalizeInboundTransfer(address from, address to, uint256 amount) external;
        event OutboundTransferInitiated(address indexed from, address indexed to, uint256 indexed position, uint256 amount);
    }

    interface IInbox {
        function calculateRetryableSubmissionFee(uint256 dataLength, uint256 baseFee) external view returns (uint256);
        event TicketCreated(uint256 indexed ticketId, address indexed from, address indexed to, uint256 l2CallValue, uint256 maxSubmissionCost, address excessFeeRefundAddress, address callValueRefundAddress, uint256 gasLimit, uint256 maxFeePerGas, bytes data);
    }

    interface IBridge {
        function setInboxAndOutbox(address inbox, address outbox) external;
        function inbox() external view returns (address);
        function activeOutbox() external view returns (address);
    }

    interface IOutbox {
        function postMessage(uint256 index, address l2Sender, address to, uint256 value, bytes data, uint256 executableAt) external;
        function executeTransaction(uint256 index, address l2Sender, address to, uint256 value, bytes data) external;
        event OutBoxTransactionExecuted(address indexed to, address indexed l2Sender, uint256 indexed index);
    }

    interface IArbSys {
        function sendTxToL1(address destination, bytes data) external payable returns (uint256);
        event L2ToL1Tx(address caller, address indexed destination, uint256 indexed position, uint256 ethBlockNum, uint256 timestamp, uint256 callvalue, bytes data);
    }

    interface IWorldLens {
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
        struct Figures {
            uint256 totalSupply;
            uint256 totalBonded;
            uint256[] watchedBalances;
        }
        struct Authorities {
            bool[] paused;
            address[] minterRole;
            address[] burnerRole;
            address[] minterDelegates;
        }
        function figures(address token, address staking, address[] watched) external view returns (Figures memory f);
        function authorities(address token, address minter, address[] pausables) external view returns (Authorities memory a);
        function round(address staking) external view returns (uint256);
        function stake(address staking, address a) external view returns (Stake memory s);
    }
}
