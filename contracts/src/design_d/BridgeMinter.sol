// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IController, ILivepeerToken} from "./ILivepeer.sol";

/// @title BridgeMinter (design D, L1)
/// @notice What the frozen L1 protocol's Minter hands everything to at the migration
///         round: the LPT that backed L1 stake, the ETH that backed L1 fees, and the right
///         to mint L1 LPT. From then on L1 LPT is minted only to cover a withdrawal the L1
///         escrow cannot pay, and only at the L1 gateway's request.
/// @dev Livepeer's `Minter.migrateToNewMinter` checks that the new minter shares its
///      Controller (`getController`) and pays the ETH in through `depositETH`; the token's
///      minter role is granted by governance (the token is role-gated), which the genesis
///      does. Governance here is the Controller's owner, as for the protocol's managers.
contract BridgeMinter {
    /// @notice The L1 Controller, whose owner governs this contract.
    IController public immutable controller;
    /// @notice L1 LPT.
    ILivepeerToken public immutable token;
    /// @notice The L1 Migrator, the only taker of the LPT and ETH held here.
    address public l1Migrator;
    /// @notice The L1 gateway, the only caller of `bridgeMint`.
    address public l1LPTGateway;

    event BridgeMint(address indexed to, uint256 amount);
    event LPTWithdrawn(address indexed to, uint256 amount);
    event ETHWithdrawn(address indexed to, uint256 amount);

    error NotControllerOwner(address caller);
    error NotL1Migrator(address caller);
    error NotL1Gateway(address caller);
    error EthTransferFailed();

    /// @param _controller The L1 Controller.
    /// @param _token L1 LPT.
    constructor(IController _controller, ILivepeerToken _token) {
        controller = _controller;
        token = _token;
    }

    modifier onlyControllerOwner() {
        if (msg.sender != controller.owner()) revert NotControllerOwner(msg.sender);
        _;
    }

    /// @notice Names the L1 Migrator and the L1 gateway. Controller owner only.
    function setAddresses(address _l1Migrator, address _l1LPTGateway) external onlyControllerOwner {
        l1Migrator = _l1Migrator;
        l1LPTGateway = _l1LPTGateway;
    }

    /// @notice The Controller this minter serves (Livepeer's Minter checks it on migration).
    function getController() external view returns (IController) {
        return controller;
    }

    /// @notice Takes ETH (the old Minter's fee custody) in.
    /// @return Always true, as the Minter interface expects.
    function depositETH() external payable returns (bool) {
        return true;
    }

    /// @notice Mints `amount` L1 LPT to `to`: the shortfall of a withdrawal the L1 escrow
    ///         could not cover. L1 gateway only.
    function bridgeMint(address to, uint256 amount) external {
        if (msg.sender != l1LPTGateway) revert NotL1Gateway(msg.sender);
        token.mint(to, amount);
        emit BridgeMint(to, amount);
    }

    /// @notice Sends all LPT held here to the L1 Migrator, which bridges it to L2 once.
    ///         L1 Migrator only.
    /// @return amount The LPT sent.
    function withdrawLPTToL1Migrator() external returns (uint256 amount) {
        if (msg.sender != l1Migrator) revert NotL1Migrator(msg.sender);
        amount = token.balanceOf(address(this));
        token.transfer(l1Migrator, amount);
        emit LPTWithdrawn(l1Migrator, amount);
    }

    /// @notice Sends all ETH held here to the L1 Migrator. L1 Migrator only.
    /// @return amount The ETH sent.
    function withdrawETHToL1Migrator() external returns (uint256 amount) {
        if (msg.sender != l1Migrator) revert NotL1Migrator(msg.sender);
        amount = address(this).balance;
        (bool ok,) = l1Migrator.call{value: amount}("");
        if (!ok) revert EthTransferFailed();
        emit ETHWithdrawn(l1Migrator, amount);
    }

    /// @notice Hands this contract's LPT and ETH to a successor minter. Controller owner
    ///         only; the successor's minting right is governance's to grant.
    function migrateToNewMinter(address newMinter) external onlyControllerOwner {
        token.transfer(newMinter, token.balanceOf(address(this)));
        (bool ok,) = newMinter.call{value: address(this).balance}("");
        if (!ok) revert EthTransferFailed();
    }
}
