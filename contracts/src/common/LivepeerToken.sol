// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governed} from "./Governed.sol";

/// @title LivepeerToken (LPT)
/// @notice A plain ERC-20 whose mint and burn are gated by two roles. The token never
///         mints on its own initiative: only role holders, which the design declares,
///         may create or destroy supply. Role holders are kept enumerable so that the
///         harness can compare them with the declared set after every step.
contract LivepeerToken is Governed {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    bytes32 public constant BURNER_ROLE = keccak256("BURNER_ROLE");

    string public name;
    string public constant symbol = "LPT";
    uint8 public constant decimals = 18;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    mapping(bytes32 => address[]) private roleMembers;
    mapping(bytes32 => mapping(address => bool)) public hasRole;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event RoleGranted(bytes32 indexed role, address indexed account);
    event RoleRevoked(bytes32 indexed role, address indexed account);

    error MissingRole(bytes32 role, address account);
    error InsufficientBalance(address account, uint256 balance, uint256 needed);
    error InsufficientAllowance(address owner, address spender, uint256 allowance, uint256 needed);

    modifier onlyRole(bytes32 role) {
        if (!hasRole[role][msg.sender]) revert MissingRole(role, msg.sender);
        _;
    }

    /// @param _name Display name, so the two chains' tokens are told apart in traces.
    /// @param _governor The address that may grant and revoke roles.
    constructor(string memory _name, address _governor) Governed(_governor) {
        name = _name;
    }

    /// @notice Grants `role` to `account`. Governance only.
    function grantRole(bytes32 role, address account) external onlyGovernor {
        if (hasRole[role][account]) return;
        hasRole[role][account] = true;
        roleMembers[role].push(account);
        emit RoleGranted(role, account);
    }

    /// @notice Revokes `role` from `account`. Governance only.
    function revokeRole(bytes32 role, address account) external onlyGovernor {
        if (!hasRole[role][account]) return;
        hasRole[role][account] = false;
        address[] storage members = roleMembers[role];
        for (uint256 i = 0; i < members.length; i++) {
            if (members[i] == account) {
                members[i] = members[members.length - 1];
                members.pop();
                break;
            }
        }
        emit RoleRevoked(role, account);
    }

    /// @notice Every current holder of `role`, in no particular order.
    function getRoleMembers(bytes32 role) external view returns (address[] memory) {
        return roleMembers[role];
    }

    /// @notice Creates `amount` new LPT for `to`. Minter role only.
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    /// @notice Destroys `amount` LPT held by `from`. Burner role only: a gateway burns a
    ///         user's tokens as the first half of a withdrawal, without an allowance.
    function burn(address from, uint256 amount) external onlyRole(BURNER_ROLE) {
        _debit(from, amount);
        totalSupply -= amount;
        emit Transfer(from, address(0), amount);
    }

    /// @notice ERC-20 transfer.
    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    /// @notice ERC-20 transferFrom; an allowance of type(uint256).max is never spent.
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < amount) revert InsufficientAllowance(from, msg.sender, allowed, amount);
            allowance[from][msg.sender] = allowed - amount;
        }
        _move(from, to, amount);
        return true;
    }

    /// @notice ERC-20 approve.
    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) private {
        _debit(from, amount);
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }

    function _debit(address from, uint256 amount) private {
        uint256 balance = balanceOf[from];
        if (balance < amount) revert InsufficientBalance(from, balance, amount);
        balanceOf[from] = balance - amount;
    }
}
