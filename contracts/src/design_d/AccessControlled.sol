// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title AccessControlled
/// @notice Role-based access as Livepeer's migration contracts expose it (the published ABIs
///         of the L2 Migrator and the L2 gateway carry `DEFAULT_ADMIN_ROLE`, `GOVERNOR_ROLE`,
///         `hasRole`, `grantRole` and the rest, with OpenZeppelin's names and events). Written
///         here from that interface: each role has an admin role, `DEFAULT_ADMIN_ROLE` by
///         default, whose holders grant and revoke it.
abstract contract AccessControlled {
    /// @notice The default admin role: zero.
    bytes32 public constant DEFAULT_ADMIN_ROLE = 0x00;
    /// @notice Governance: may configure and pause.
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");

    mapping(bytes32 => mapping(address => bool)) private members;
    mapping(bytes32 => bytes32) private admins;

    event RoleAdminChanged(bytes32 indexed role, bytes32 indexed previousAdminRole, bytes32 indexed newAdminRole);
    event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender);
    event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender);

    error MissingRole(bytes32 role, address account);
    error OnlySelf(address account);

    modifier onlyRole(bytes32 role) {
        if (!members[role][msg.sender]) revert MissingRole(role, msg.sender);
        _;
    }

    /// @notice Whether `account` holds `role`.
    function hasRole(bytes32 role, address account) public view returns (bool) {
        return members[role][account];
    }

    /// @notice The role whose holders administer `role`.
    function getRoleAdmin(bytes32 role) public view returns (bytes32) {
        return admins[role];
    }

    /// @notice Grants `role` to `account`. Holders of the role's admin role only.
    function grantRole(bytes32 role, address account) external onlyRole(getRoleAdmin(role)) {
        _grant(role, account);
    }

    /// @notice Revokes `role` from `account`. Holders of the role's admin role only.
    function revokeRole(bytes32 role, address account) external onlyRole(getRoleAdmin(role)) {
        _revoke(role, account);
    }

    /// @notice Gives up `role`; `account` must be the caller.
    function renounceRole(bytes32 role, address account) external {
        if (account != msg.sender) revert OnlySelf(account);
        _revoke(role, account);
    }

    /// @notice ERC-165: this contract supports ERC-165 and the access-control interface.
    function supportsInterface(bytes4 interfaceId) public view virtual returns (bool) {
        // IAccessControl's interface id, as OpenZeppelin computes it.
        return interfaceId == 0x7965db0b || interfaceId == 0x01ffc9a7;
    }

    function _grant(bytes32 role, address account) internal {
        if (members[role][account]) return;
        members[role][account] = true;
        emit RoleGranted(role, account, msg.sender);
    }

    function _revoke(bytes32 role, address account) internal {
        if (!members[role][account]) return;
        members[role][account] = false;
        emit RoleRevoked(role, account, msg.sender);
    }

    function _setRoleAdmin(bytes32 role, bytes32 admin) internal {
        emit RoleAdminChanged(role, admins[role], admin);
        admins[role] = admin;
    }
}
