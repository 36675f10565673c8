//! A project file (`crosscheck.toml`) for contracts that are not ours: the lock-and-mint
//! example compiles, deploys beside the Arbitrum stand-ins and wires up, and each mistake
//! a user can make in the file is reported at its line with the key that made it.

use std::path::{Path, PathBuf};

use alloy_primitives::{Address, Bytes, U256};
use alloy_sol_types::{sol, SolCall};
use harness::actors::Actor;
use harness::bridge::apply_alias;
use harness::chain::ChainId::{L1, L2};
use harness::project::Project;

#[path = "fixtures/two_trees.rs"]
mod two_trees;
use two_trees::{project_folder, TWO_TREES, TWO_TREES_TOML};

sol! {
    function balanceOf(address account) external view returns (uint256);
    function totalSupply() external view returns (uint256);
    function approve(address spender, uint256 amount) external returns (bool);
    function outboundTransfer(address to, uint256 amount, uint256 maxGas, uint256 gasPriceBid, uint256 maxSubmissionCost) external payable returns (uint256);
    function finalizeInboundTransfer(address from, address to, uint256 amount) external;
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/lock-and-mint")
}

fn ether(n: u64) -> U256 {
    U256::from(n) * U256::from(10).pow(U256::from(18))
}

/// The example's file with `edit` applied, written where it reads the example's sources
/// (so the compile is the example's, cached), in a folder of its own; its path.
fn edited(name: &str, edit: impl Fn(String) -> String) -> PathBuf {
    edited_from("crosscheck.toml", name, edit)
}

/// [`edited`], from another of the example's files.
fn edited_from(file: &str, name: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let text = std::fs::read_to_string(example().join(file)).unwrap();
    let root = example().canonicalize().unwrap();
    let text = text.replace(
        "src = \"src\"",
        &format!("root = {:?}\nsrc = \"src\"", root.display().to_string()),
    );
    let edited = edit(text.clone());
    assert_ne!(edited, text, "{name}: the edit must change the file");
    let dir = std::env::temp_dir().join(format!("crosscheck-project-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("crosscheck.toml");
    std::fs::write(&path, edited).unwrap();
    path
}

/// The one-line error that loading the example with `edit` applied gives.
fn mistake(name: &str, edit: impl Fn(String) -> String) -> String {
    let path = edited(name, edit);
    let err = match Project::load(&path) {
        Ok(_) => panic!("{name}: the mistaken file loaded"),
        Err(e) => format!("{e:#}"),
    };
    std::fs::remove_dir_all(path.parent().unwrap()).ok();
    assert!(!err.contains('\n'), "{name}: one line, not {err}");
    err
}

fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap_or_else(|| panic!("no {needle:?}"));
    text[..at].matches('\n').count() + 1
}

#[test]
fn the_lock_and_mint_example_deploys_wires_and_runs_a_deposit() {
    let mut p = Project::load(&example().join("crosscheck.toml")).unwrap();
    let book = &p.deployed.book;
    let l1_token = book.get(L1, "L1Token").unwrap();
    let l1_gateway = book.get(L1, "L1LockGateway").unwrap();
    let l2_gateway = book.get(L2, "L2MintGateway").unwrap();
    let l2_token = book.get(L2, "L2Token").unwrap();
    assert_eq!(p.l1.escrow, vec![l1_gateway]);
    assert_eq!(p.l2.tokens, vec![l2_token]);
    assert_eq!(
        p.l2.mint,
        vec![vec![(l2_gateway, "finalizeInboundTransfer".to_string())]]
    );

    // The project's own property suite is found and holds at genesis.
    let names: Vec<String> = p.properties.iter().map(|q| q.name()).collect();
    assert_eq!(names, vec!["L1Properties.invariant_l1SupplyIsFixed"]);
    let property = p.properties[0].clone();
    assert_eq!(property.check(&mut p.deployed.l1), None);

    let delegator = Actor::Delegator1.address();
    let l1 = &mut p.deployed.l1;
    let held = l1
        .view(l1_token, &balanceOfCall { account: delegator })
        .unwrap();
    assert_eq!(held, ether(1000));

    // A deposit locks on L1 and asks the Inbox for a ticket to the L2 gateway.
    l1.send_ok(
        delegator,
        l1_token,
        &approveCall {
            spender: l1_gateway,
            amount: ether(100),
        },
    )
    .unwrap();
    let deposit = outboundTransferCall {
        to: delegator,
        amount: ether(100),
        maxGas: U256::from(1_000_000),
        gasPriceBid: U256::from(1_000_000_000u64),
        maxSubmissionCost: U256::ZERO,
    };
    let outcome = l1
        .call(
            delegator,
            l1_gateway,
            deposit.abi_encode().into(),
            ether(1) / U256::from(1000),
            5_000_000,
        )
        .unwrap();
    outcome.require_ok("deposit").unwrap();
    assert_eq!(
        l1.view(
            l1_token,
            &balanceOfCall {
                account: l1_gateway
            }
        )
        .unwrap(),
        ether(100)
    );
    let inbox = p.deployed.arbitrum.inbox;
    assert!(
        outcome.logs.iter().any(|l| l.address == inbox),
        "the deposit created no ticket"
    );

    // On L2, only the L1 gateway's alias may finalize it: the attacker cannot mint.
    let l2 = &mut p.deployed.l2;
    let finalize: Bytes = finalizeInboundTransferCall {
        from: delegator,
        to: delegator,
        amount: ether(100),
    }
    .abi_encode()
    .into();
    let forged = l2
        .call(
            Actor::Attacker.address(),
            l2_gateway,
            finalize.clone(),
            U256::ZERO,
            1_000_000,
        )
        .unwrap();
    assert!(!forged.ok(), "the attacker minted on L2");
    let alias: Address = apply_alias(l1_gateway);
    l2.set_balance(alias, ether(1));
    l2.call(alias, l2_gateway, finalize, U256::ZERO, 1_000_000)
        .unwrap()
        .require_ok("finalize")
        .unwrap();
    assert_eq!(l2.view(l2_token, &totalSupplyCall {}).unwrap(), ether(100));
}

#[test]
fn a_property_breaks_when_its_figure_moves() {
    // A variant whose L1 token the governor may mint, and does, after the property
    // recorded the supply: the property must say so.
    let path = edited("property", |t| {
        t.replace(
            "args = [\"Lock-and-mint token\", \"0x0000000000000000000000000000000000000000\"",
            "args = [\"Lock-and-mint token\", \"@governor\"",
        )
        .replace(
            "[roles.l1]",
            "[[step]]\nchain = \"l1\"\ncall = \"L1Token.mint\"\nargs = [\"@attacker\", 1]\n\n[roles.l1]",
        )
    });
    let mut p = Project::load(&path).unwrap();
    std::fs::remove_dir_all(path.parent().unwrap()).ok();
    let property = p.properties[0].clone();
    assert_eq!(
        property.check(&mut p.deployed.l1).as_deref(),
        Some("returned false")
    );
}

#[test]
fn an_unknown_contract_is_named_at_its_line() {
    let text = std::fs::read_to_string(example().join("crosscheck.toml")).unwrap();
    let e = mistake("unknown", |t| {
        t.replace("deploy = \"L1LockGateway\"", "deploy = \"L1LockGatway\"")
    });
    let line = line_of(&text, "deploy = \"L1LockGateway\"") + 1; // one line added above
    assert!(
        e.contains(&format!(
            ":{line}: step.deploy: unknown contract \"L1LockGatway\""
        )),
        "{e}"
    );
    assert!(
        e.contains("L1LockGateway"),
        "the error lists what exists: {e}"
    );
}

#[test]
fn a_constructor_arity_mismatch_is_named_at_its_line() {
    let e = mistake("arity", |t| {
        t.replace(
            "args = [\"$L1Token\", \"$Inbox\", \"$Bridge\"]",
            "args = [\"$L1Token\", \"$Inbox\"]",
        )
    });
    assert!(
        e.contains("step.args: L1LockGateway's constructor takes 3 argument(s)"),
        "{e}"
    );
    assert!(e.contains("2 given"), "{e}");
}

#[test]
fn a_reference_before_its_deployment_is_named_at_its_line() {
    let e = mistake("order", |t| {
        t.replace(
            "args = [\"$L1Token\", \"$Inbox\", \"$Bridge\"]",
            "args = [\"$L1Token\", \"$Inbox\", \"$L2MintGateway\"]",
        )
    });
    assert!(
        e.contains("$L2MintGateway is used before its deployment"),
        "{e}"
    );
    assert!(e.contains("step.args[2]"), "{e}");
}

#[test]
fn a_role_naming_no_deployment_is_named_at_its_line() {
    let e = mistake("role", |t| {
        t.replace("gateway = \"L2MintGateway\"", "gateway = \"L2Gateway\"")
    });
    assert!(
        e.contains("roles.l2.gateway: no step deploys a contract as \"L2Gateway\""),
        "{e}"
    );
    let e = mistake("role-chain", |t| {
        t.replace(
            "escrow = [\"L1LockGateway\"]",
            "escrow = [\"L2MintGateway\"]",
        )
    });
    assert!(
        e.contains("roles.l1.escrow: L2MintGateway is deployed on L2, not L1"),
        "{e}"
    );
    let e = mistake("role-inflation", |t| {
        t.replace(
            "burn = [\"L2MintGateway.outboundTransfer\"]",
            "burn = [\"L2MintGateway.outboundTransfer\"]\ninflation = [\"L2MintGateway.mintReward\"]",
        )
    });
    assert!(
        e.contains("roles.l2.inflation: L2MintGateway has no function \"mintReward\""),
        "{e}"
    );
}

#[test]
fn a_bad_key_or_a_reverting_wiring_call_is_named_at_its_line() {
    let e = mistake("key", |t| {
        t.replace("solc = \"0.8.28\"", "solc = \"0.8.28\"\ncompiler = \"x\"")
    });
    assert!(e.contains("unknown field `compiler`"), "{e}");
    // Wiring twice: the second call reverts, and the revert is decoded.
    let e = mistake("revert", |t| {
        t.replace(
            "[roles.l1]",
            "[[step]]\nchain = \"l1\"\ncall = \"L1LockGateway.setCounterpart\"\nargs = [\"$L2MintGateway\"]\n\n[roles.l1]",
        )
    });
    assert!(
        e.contains("step.call: L1LockGateway.setCounterpart reverted: AlreadyWired"),
        "{e}"
    );
}

#[test]
fn a_compile_error_is_shown_as_file_line_message() {
    let dir = std::env::temp_dir().join("crosscheck-project-compile");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("src/Broken.sol"),
        "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n\ncontract Broken {\n    function f() external { undefinedThing(); }\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("crosscheck.toml"),
        "[sources]\n[roles.l1]\n[roles.l2]\n",
    )
    .unwrap();
    let e = match Project::load(&dir.join("crosscheck.toml")) {
        Ok(_) => panic!("a broken source compiled"),
        Err(e) => format!("{e:#}"),
    };
    std::fs::remove_dir_all(&dir).ok();
    assert!(e.contains("src/Broken.sol:5: "), "{e}");
    assert!(e.contains("Undeclared identifier"), "{e}");
}

/// The solc version a contract's code was compiled with, from the CBOR metadata solc
/// appends (`…solc` 0x43 major minor patch, then the metadata's two-byte length).
fn compiled_with(code: &[u8]) -> [u8; 3] {
    let n = code.len();
    assert_eq!(
        &code[n - 8..n - 5],
        &[0x6c, 0x63, 0x43],
        "no solc version in the metadata"
    );
    [code[n - 5], code[n - 4], code[n - 3]]
}

#[test]
fn two_solc_versions_in_one_project_each_compile_the_files_their_pragma_allows() {
    let dir = std::env::temp_dir().join("crosscheck-project-versions");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("src/Old.sol"),
        "// SPDX-License-Identifier: MIT\npragma solidity 0.8.9;\n\n/// @notice Needs exactly 0.8.9.\ncontract Old {\n    /// @notice One.\n    function one() external pure returns (uint256) { return 1; }\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src/New.sol"),
        "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n\n/// @notice Needs 0.8.20 or later.\ncontract New {\n    /// @notice Two.\n    function two() external pure returns (uint256) { return 2; }\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("crosscheck.toml"),
        "[sources]\nsolc = [\"0.8.9\", \"0.8.28\"]\n\n[[step]]\nchain = \"l1\"\ndeploy = \"Old\"\n\n[[step]]\nchain = \"l2\"\ndeploy = \"New\"\n\n[roles.l1]\n[roles.l2]\n",
    )
    .unwrap();
    let p = Project::load(&dir.join("crosscheck.toml"));
    std::fs::remove_dir_all(&dir).ok();
    let p = p.unwrap();
    let old = &p.artifacts.get("Old").unwrap().deployed_bytecode;
    let new = &p.artifacts.get("New").unwrap().deployed_bytecode;
    assert_eq!(compiled_with(old), [0, 8, 9]);
    assert_eq!(compiled_with(new), [0, 8, 28]);
    assert!(p.deployed.book.get(L1, "Old").is_ok() && p.deployed.book.get(L2, "New").is_ok());
}

#[test]
fn a_pragma_no_named_version_allows_is_refused() {
    let e = mistake("pragma", |t| {
        t.replace("solc = \"0.8.28\"", "solc = [\"0.8.9\", \"0.8.10\"]")
    });
    assert!(
        e.contains("pragma solidity ^0.8.20 allows none of the versions named (0.8.9, 0.8.10)"),
        "{e}"
    );
}

/// A project of its own in a fresh folder: `sources` (name, text) under `src/`, and the
/// project file `toml`; loaded, the folder removed.
fn own_project(name: &str, sources: &[(&str, &str)], toml: &str) -> anyhow::Result<Project> {
    let dir = std::env::temp_dir().join(format!("crosscheck-project-{name}"));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    for (file, text) in sources {
        let path = dir.join("src").join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::write(dir.join("crosscheck.toml"), toml).unwrap();
    let p = Project::load(&dir.join("crosscheck.toml"));
    std::fs::remove_dir_all(&dir).ok();
    p
}

const LINKED_SOURCES: [(&str, &str); 4] = [
    (
        "MathLib.sol",
        "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n\n/// @notice An external library, so users link it.\nlibrary MathLib {\n    /// @notice Twice x.\n    function twice(uint256 x) external pure returns (uint256) { return 2 * x; }\n}\n",
    ),
    (
        "UsesLib.sol",
        "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n\nimport {MathLib} from \"./MathLib.sol\";\n\n/// @notice Calls the linked library.\ncontract UsesLib {\n    /// @notice Twice x, by the library.\n    function twiceOf(uint256 x) external pure returns (uint256) { return MathLib.twice(x); }\n}\n",
    ),
    (
        "Counter.sol",
        "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n\n/// @notice An implementation behind a proxy, set up by an initializer.\ncontract Counter {\n    uint256 public value;\n    bool public initialized;\n\n    /// @notice Sets the first value, once.\n    function initialize(uint256 start) external {\n        require(!initialized, \"initialized\");\n        initialized = true;\n        value = start;\n    }\n}\n",
    ),
    (
        "Proxy.sol",
        "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n\n/// @notice A minimal EIP-1967 proxy.\ncontract Proxy {\n    bytes32 internal constant SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;\n\n    constructor(address implementation) {\n        assembly { sstore(SLOT, implementation) }\n    }\n\n    fallback() external payable {\n        assembly {\n            let impl := sload(SLOT)\n            calldatacopy(0, 0, calldatasize())\n            let ok := delegatecall(gas(), impl, 0, calldatasize(), 0, 0)\n            returndatacopy(0, 0, returndatasize())\n            if iszero(ok) { revert(0, returndatasize()) }\n            return(0, returndatasize())\n        }\n    }\n}\n",
    ),
];

fn livepeer_artifact(path: &str) -> String {
    harness::prebuilt::livepeer_abis_dir()
        .unwrap()
        .join(path)
        .display()
        .to_string()
}

fn linked_toml(bonding_libraries: &str) -> String {
    format!(
        r#"[sources]
artifacts = [{:?}, {:?}, {:?}]

[[step]]
chain = "l1"
deploy = "MathLib"

[[step]]
chain = "l1"
deploy = "UsesLib"
libraries = {{ MathLib = "$MathLib" }}

[[step]]
chain = "l2"
deploy = "Counter"
as = "CounterImplementation"

[[step]]
chain = "l2"
deploy = "Proxy"
as = "Counter"
abi = "Counter"
args = ["$CounterImplementation"]
initialize = "initialize"
init_args = [41]

[[step]]
chain = "l1"
deploy = "Controller"

[[step]]
chain = "l1"
deploy = "SortedDoublyLL"

[[step]]
chain = "l1"
deploy = "BondingManager"
args = ["$Controller"]
{bonding_libraries}

[roles.l1]
[roles.l2]
"#,
        livepeer_artifact("Controller.sol/Controller.json"),
        livepeer_artifact("libraries/SortedDoublyLL.sol/SortedDoublyLL.json"),
        livepeer_artifact("bonding/BondingManager.sol/BondingManager.json"),
    )
}

sol! {
    function twiceOf(uint256 x) external pure returns (uint256);
    function value() external view returns (uint256);
    function controller() external view returns (address);
}

#[test]
fn libraries_link_proxies_initialize_and_prebuilt_artifacts_deploy_as_shipped() {
    let mut p = own_project(
        "linked",
        &LINKED_SOURCES,
        &linked_toml("libraries = { SortedDoublyLL = \"$SortedDoublyLL\" }"),
    )
    .unwrap();
    let book = p.deployed.book.clone();
    let uses = book.get(L1, "UsesLib").unwrap();
    let l1 = &mut p.deployed.l1;
    assert_eq!(
        l1.view(uses, &twiceOfCall { x: U256::from(21) }).unwrap(),
        U256::from(42)
    );
    // Livepeer's own BondingManager, linked to its SortedDoublyLL, knows its controller.
    let bonding = book.get(L1, "BondingManager").unwrap();
    assert_eq!(
        l1.view(bonding, &controllerCall {}).unwrap(),
        book.get(L1, "Controller").unwrap()
    );
    // The proxy answers in its implementation's ABI, initialized.
    let counter = book.get(L2, "Counter").unwrap();
    assert_eq!(book.kind(L2, "Counter"), Some("Counter"));
    assert_eq!(
        p.deployed.l2.view(counter, &valueCall {}).unwrap(),
        U256::from(41)
    );
    assert_ne!(counter, book.get(L2, "CounterImplementation").unwrap());
}

#[test]
fn a_missing_or_stray_library_link_is_named_at_its_line() {
    let e = match own_project("unlinked", &LINKED_SOURCES, &linked_toml("")) {
        Ok(_) => panic!("BondingManager deployed without its library"),
        Err(e) => format!("{e:#}"),
    };
    assert!(
        e.contains("step.deploy: BondingManager needs library SortedDoublyLL linked"),
        "{e}"
    );
    let stray =
        linked_toml("libraries = { SortedDoublyLL = \"$SortedDoublyLL\", MathLib = \"$MathLib\" }");
    let e = match own_project("stray", &LINKED_SOURCES, &stray) {
        Ok(_) => panic!("a stray library was accepted"),
        Err(e) => format!("{e:#}"),
    };
    assert!(
        e.contains("step.libraries: BondingManager links no library MathLib"),
        "{e}"
    );
}

#[test]
fn remappings_reach_a_library_folder_and_the_optimizer_setting_is_the_project_s() {
    let sources = [
        (
            "../vendor/helpers/Helper.sol",
            "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n\n/// @notice A vendored helper.\nlibrary Helper {\n    /// @notice x plus one.\n    function inc(uint256 x) internal pure returns (uint256) { return x + 1; }\n}\n",
        ),
        (
            "User.sol",
            "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n\nimport {Helper} from \"@helpers/Helper.sol\";\n\n/// @notice Imports through a remapping.\ncontract User {\n    uint256 public total;\n    /// @notice Adds x plus one, a few times.\n    function add(uint256 x) external { for (uint256 i = 0; i < 3; i++) { total += Helper.inc(x); } }\n}\n",
        ),
    ];
    let toml = |optimizer: &str| {
        format!(
            "[sources]\nlibs = [\"vendor\"]\nremappings = [\"@helpers/=vendor/helpers/\"]\n{optimizer}\n\n[[step]]\nchain = \"l1\"\ndeploy = \"User\"\n\n[roles.l1]\n[roles.l2]\n"
        )
    };
    let on = own_project("optimized", &sources, &toml("")).unwrap();
    let off = own_project("unoptimized", &sources, &toml("optimizer = false")).unwrap();
    let code = |p: &Project| p.artifacts.get("User").unwrap().deployed_bytecode.clone();
    assert_ne!(
        code(&on),
        code(&off),
        "the optimizer setting changed nothing"
    );
    assert!(
        code(&off).len() > code(&on).len(),
        "unoptimized code should be larger"
    );
    let e = match own_project(
        "runs",
        &sources,
        &toml("optimizer = false\noptimizer_runs = 10"),
    ) {
        Ok(_) => panic!("runs without an optimizer were accepted"),
        Err(e) => format!("{e:#}"),
    };
    assert!(
        e.contains("sources.optimizer_runs: the optimizer is off"),
        "{e}"
    );
}

#[test]
fn a_genesis_story_runs_after_the_steps_with_the_bridge_watching() {
    let p = Project::load(&example().join("crosscheck.toml")).unwrap();
    let book = &p.deployed.book;
    let (l1_gateway, l2_token) = (
        book.get(L1, "L1LockGateway").unwrap(),
        book.get(L2, "L2Token").unwrap(),
    );
    let delegator = Actor::Delegator1.address();
    let call = |contract: &str, data: Vec<u8>| {
        serde_json::json!({"action": "call", "actor": "delegator1", "chain": "l1",
            "contract": contract, "data": Bytes::from(data), "value": "0x0"})
    };
    let story = serde_json::json!([
        call("L1Token", approveCall { spender: l1_gateway, amount: ether(100) }.abi_encode()),
        call(
            "L1LockGateway",
            outboundTransferCall {
                to: delegator,
                amount: ether(100),
                maxGas: U256::from(1_000_000),
                gasPriceBid: U256::ZERO,
                maxSubmissionCost: U256::ZERO,
            }
            .abi_encode()
        ),
        {"action": "deliver_ticket", "ticket": 0},
    ]);
    let with_story = |name: &str, story: &serde_json::Value| {
        let path = edited(name, |t| {
            t.replace("[sources]", "story = \"story.json\"\n\n[sources]")
        });
        std::fs::write(path.parent().unwrap().join("story.json"), story.to_string()).unwrap();
        path
    };

    let path = with_story("story", &story);
    let design = harness::project::design::register(&path).unwrap();
    let mut world = harness::designs::fresh_world(design).unwrap();
    let minted = world
        .view(L2, l2_token, &balanceOfCall { account: delegator })
        .unwrap();
    assert_eq!(
        minted,
        ether(100),
        "the story's deposit was delivered on L2"
    );
    assert_eq!(world.relayer.tickets.len(), 1);

    // An action that does not succeed is the genesis's error, at the story's line.
    let bad = serde_json::json!([{"action": "deliver_ticket", "ticket": 5}]);
    let path = with_story("story-bad", &bad);
    let design = harness::project::design::register(&path).unwrap();
    let e = format!("{:#}", harness::designs::fresh_world(design).unwrap_err());
    let line = line_of(&std::fs::read_to_string(&path).unwrap(), "story =");
    let expected = format!(
        "crosscheck.toml:{line}: story: action 1 (relayer → auto-redeem ticket #5) did not \
         succeed: refused: unknown ticket #5"
    );
    assert!(e.contains(&expected), "{e}");
    assert!(!e.contains('\n'), "{e}");
}

#[test]
fn new_step_kinds_and_a_design_s_shape_are_checked_at_their_line() {
    let first_step =
        |t: String, with: &str| t.replacen("[[step]]", &format!("{with}\n\n[[step]]"), 1);
    // Stand-ins the file places but never wires would refuse every ticket.
    let e = mistake("unwired", |t| first_step(t, "[[step]]\nstand_ins = true"));
    assert!(
        e.contains("step.stand_ins: the stand-ins are placed here but never wired"),
        "{e}"
    );
    // A deployment named as a stand-in, before the step that places the stand-ins, would
    // be silently rebound to ours.
    let e = mistake("stand-in-name", |t| {
        let gateway = "[[step]]\nchain = \"l1\"\ndeploy = \"L1LockGateway\"";
        t.replacen("as = \"L1Token\"", "as = \"Bridge\"", 1)
            .replacen(
                gateway,
                &format!("[[step]]\nstand_ins = true\n\n{gateway}"),
                1,
            )
    });
    assert!(
        e.contains("step.as: \"Bridge\" is the name of crosscheck's Arbitrum stand-in"),
        "{e}"
    );
    let e = mistake("advance", |t| {
        first_step(t, "[[step]]\nadvance = 60\nfrom = \"@attacker\"")
    });
    assert!(
        e.contains("step.from: an advance step moves both clocks and takes no other key"),
        "{e}"
    );
    let e = mistake("create", |t| {
        t.replace(
            "args = [\"$L1Token\", \"$Inbox\", \"$Bridge\"]",
            "args = [\"$L1Token\", \"$Inbox\", \"create(@governor)\"]",
        )
    });
    assert!(
        e.contains("\"create(@governor)\" is not create(@actor, nonce)"),
        "{e}"
    );
    let e = mistake("design", |t| format!("design = \"z\"\n{t}"));
    assert!(
        e.contains(":1: design: \"z\" is not a built-in design"),
        "{e}"
    );
    let e = mistake("shape-roles", |t| format!("design = \"a\"\n{t}"));
    assert!(e.contains("a file with a design has no [roles]"), "{e}");
    let e = mistake("shape-parts", |t| {
        let cut = t.find("[roles.l1]").unwrap();
        format!("design = \"a\"\n{}", &t[..cut])
    });
    assert!(
        // The example names its token L1Token, as design A does; its first missing part
        // is the L1 Minter.
        e.contains(":1: design: design a needs its Minter deployed as L1Minter on L1"),
        "{e}"
    );
}

/// A short blind campaign on `design` (40 sequences, one job, `seed`, keeping going), in
/// a corpus folder of its own named after `name`, removed after.
fn blind_campaign(
    design: harness::designs::DesignId,
    name: &str,
    seed: u64,
) -> harness::campaign::Summary {
    let corpus = std::env::temp_dir().join(format!("crosscheck-{name}-{}", std::process::id()));
    let summary = harness::campaign::run(
        harness::campaign::Config {
            design,
            mutant: None,
            genesis: None,
            time: None,
            runs: Some(40),
            jobs: 1,
            seed,
            corpus: corpus.clone(),
            seed_corpora: Vec::new(),
            keep_going: true,
            max_len: harness::campaign::MAX_LEN,
            write_failures: false,
            record: false,
        },
        &|_| {},
    )
    .unwrap();
    std::fs::remove_dir_all(&corpus).ok();
    summary
}

/// The first well-known development key (account 0 of Anvil and Hardhat) and its address.
const DEV_KEY: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const DEV_ADDRESS: Address = alloy_primitives::address!("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
/// A multisig's address, with no key.
const SAFE: Address = alloy_primitives::address!("00000000000000000000000000000000005aFE00");

#[test]
fn actors_take_the_project_s_keys_and_addresses_in_the_genesis_and_the_campaign() {
    let path = edited("actors", |t| {
        format!(
            "{t}\n[actors]\ndelegator1 = {{ key = \"{DEV_KEY}\" }}\ngovernor = {{ address = \"{SAFE}\" }}\n"
        )
    });
    let mut p = Project::load(&path).unwrap();
    // The governor deploys everything, the stand-ins first, so the bridge is its first
    // creation; and it was minted the supply it handed out.
    assert_eq!(p.deployed.arbitrum.bridge, SAFE.create(0));
    let l1_token = p.deployed.book.get(L1, "L1Token").unwrap();
    let l1 = &mut p.deployed.l1;
    let balance = |l1: &mut harness::chain::Chain, account| {
        l1.view(l1_token, &balanceOfCall { account }).unwrap()
    };
    assert_eq!(balance(l1, SAFE), ether(1_000_000 - 2_000));
    assert_eq!(balance(l1, DEV_ADDRESS), ether(1000));
    assert_eq!(balance(l1, Actor::Delegator1.address()), U256::ZERO);

    // In a campaign's world, @delegator1's calls come from the key's address.
    let design: harness::designs::DesignId = format!("project:{}", path.display()).parse().unwrap();
    let mut world = harness::designs::fresh_world(design).unwrap();
    assert_eq!(world.address_of(Actor::Delegator1), DEV_ADDRESS);
    sol! { function transfer(address to, uint256 amount) external returns (bool); }
    let status = world
        .apply(&harness::action::Action::Call {
            actor: Actor::Delegator1,
            chain: L1,
            contract: "L1Token".into(),
            data: transferCall {
                to: world.address_of(Actor::Attacker),
                amount: ether(5),
            }
            .abi_encode()
            .into(),
            value: U256::ZERO,
        })
        .unwrap();
    assert!(status.is_ok(), "{status:?}");
    assert_eq!(balance(&mut world.l1, DEV_ADDRESS), ether(995));

    // And a blind campaign on it finds nothing: the invariants read the same accounts.
    let summary = blind_campaign(design, "actors", 3);
    std::fs::remove_dir_all(path.parent().unwrap()).ok();
    assert!(summary.failures.is_empty(), "{:#?}", summary.failures);
    assert!(summary.progress.steps > 100, "{:?}", summary.progress.steps);
}

#[test]
fn a_mistake_in_actors_is_named_at_its_line() {
    let with = |actors: String| move |t: String| format!("{t}\n[actors]\n{actors}\n");
    let stranger = "treasurer = { address = \"0x00000000000000000000000000000000000000aa\" }";
    let e = mistake("actor-unknown", with(stranger.into()));
    assert!(
        e.contains("actors.treasurer: unknown actor \"treasurer\"; actors: governor"),
        "{e}"
    );
    let both = format!("attacker = {{ key = \"{DEV_KEY}\", address = \"{SAFE}\" }}");
    let e = mistake("actor-both", with(both));
    assert!(
        e.contains("actors.attacker: give exactly one of key"),
        "{e}"
    );
    let e = mistake("actor-key", with("attacker = { key = \"0x1234\" }".into()));
    assert!(
        e.contains("actors.attacker.key: \"0x1234\" is not 0x and 64 hex digits"),
        "{e}"
    );
    let zero = format!("attacker = {{ key = \"0x{}\" }}", "0".repeat(64));
    let e = mistake("actor-zero-key", with(zero));
    assert!(
        e.contains("actors: @attacker's key is not a secp256k1 secret"),
        "{e}"
    );
    let twice =
        format!("attacker = {{ address = \"{SAFE}\" }}\nreporter = {{ address = \"{SAFE}\" }}");
    let e = mistake("actor-twice", with(twice));
    assert!(
        e.contains("@attacker and @reporter would be one account"),
        "{e}"
    );
    // An entry's mistake is at the entry's line.
    let path = edited("actor-line", with(stranger.into()));
    let text = std::fs::read_to_string(&path).unwrap();
    let e = format!("{:#}", Project::load(&path).err().unwrap());
    std::fs::remove_dir_all(path.parent().unwrap()).ok();
    assert!(
        e.contains(&format!("crosscheck.toml:{}:", line_of(&text, "treasurer"))),
        "{e}"
    );
}

#[test]
fn calls_leaves_functions_out_and_weights_others() {
    let path = edited("calls", |t| {
        format!(
            "{t}\n[calls]\nexclude = [\"L2MintGateway.*\", \"L1Token.approve\"]\nweight = {{ \"L1LockGateway.outboundTransfer\" = 4 }}\n"
        )
    });
    let design: harness::designs::DesignId = format!("project:{}", path.display()).parse().unwrap();
    let world = harness::designs::fresh_world(design).unwrap();
    let artifacts = harness::designs::artifacts(design, &design.root()).unwrap();
    let calls = harness::campaign::generate::callables(&world, &artifacts);
    let count = |contract: &str, function: &str| {
        calls
            .iter()
            .filter(|c| c.contract == contract && c.function.name == function)
            .count()
    };
    assert_eq!(count("L1LockGateway", "outboundTransfer"), 4);
    assert_eq!(count("L1LockGateway", "finalizeInboundTransfer"), 1);
    assert_eq!(count("L1Token", "approve"), 0);
    assert_eq!(count("L1Token", "transfer"), 1);
    // Both tokens are Token, but only L1's approve was named.
    assert_eq!(count("L2Token", "approve"), 1);
    assert!(calls.iter().all(|c| c.contract != "L2MintGateway"));
    std::fs::remove_dir_all(path.parent().unwrap()).ok();
}

#[test]
fn a_mistake_in_calls_is_named_at_its_line() {
    let with = |calls: &'static str| move |t: String| format!("{t}\n[calls]\n{calls}\n");
    let e = mistake("calls-deployment", with("exclude = [\"L3Gateway.*\"]"));
    assert!(
        e.contains("calls.exclude: no deployment \"L3Gateway\"; deployments: "),
        "{e}"
    );
    let e = mistake("calls-function", with("exclude = [\"L1Token.rug\"]"));
    assert!(
        e.contains("calls.exclude: L1Token has no function \"rug\""),
        "{e}"
    );
    let e = mistake("calls-form", with("exclude = [\"L1Token\"]"));
    assert!(
        e.contains("\"L1Token\" is not Contract.function or Contract.*"),
        "{e}"
    );
    let e = mistake(
        "calls-weight",
        with("weight = { \"L1Token.transfer\" = 0 }"),
    );
    assert!(
        e.contains("calls.weight.L1Token.transfer: 0 is not a weight from 1 to 100"),
        "{e}"
    );
    // At the entry's line.
    let path = edited("calls-line", with("\nexclude = [\n  \"L1Token.rug\",\n]"));
    let text = std::fs::read_to_string(&path).unwrap();
    let e = format!("{:#}", Project::load(&path).err().unwrap());
    std::fs::remove_dir_all(path.parent().unwrap()).ok();
    assert!(
        e.contains(&format!(
            "crosscheck.toml:{}:",
            line_of(&text, "L1Token.rug")
        )),
        "{e}"
    );
}

#[test]
fn several_tokens_are_conserved_pair_by_pair() {
    let p = Project::load(&example().join("two-tokens.toml")).unwrap();
    let book = &p.deployed.book;
    let at = |chain, name| book.get(chain, name).unwrap();
    assert_eq!(p.l1.tokens, vec![at(L1, "L1Token"), at(L1, "L1TokenB")]);
    assert_eq!(p.l2.tokens, vec![at(L2, "L2Token"), at(L2, "L2TokenB")]);
    assert_eq!(
        p.l1.gateways,
        vec![at(L1, "L1LockGateway"), at(L1, "L1GatewayB")]
    );

    // A variant whose second L2 token the governor may mint as well as its gateway.
    let path = edited_from("two-tokens.toml", "two-tokens-minter", |t| {
        t.replace(
            "args = [\"Second token (Arbitrum)\", \"$L2GatewayB\"",
            "args = [\"Second token (Arbitrum)\", \"@governor\"",
        )
    });
    let design = harness::project::design::register(&path).unwrap();
    let mut world = harness::designs::fresh_world(design).unwrap();
    let (l1_gateway, l2_token_b) = (at(L1, "L1LockGateway"), at(L2, "L2TokenB"));
    let (mut checker, at_genesis) = harness::checker::Checker::new(&mut world).unwrap();
    assert!(at_genesis.is_empty(), "{at_genesis:?}");
    let call = |actor, chain, contract: &str, data: Vec<u8>| harness::action::Action::Call {
        actor,
        chain,
        contract: contract.into(),
        data: data.into(),
        value: U256::ZERO,
    };
    sol! { function mint(address to, uint256 amount) external; }
    let delegator = Actor::Delegator1;
    let steps = [
        // 100 of the first token escrowed, its ticket not yet delivered: 100 back nothing.
        call(
            delegator,
            L1,
            "L1Token",
            approveCall {
                spender: l1_gateway,
                amount: ether(100),
            }
            .abi_encode(),
        ),
        call(
            delegator,
            L1,
            "L1LockGateway",
            outboundTransferCall {
                to: world.address_of(delegator),
                amount: ether(100),
                maxGas: U256::from(1_000_000),
                gasPriceBid: U256::ZERO,
                maxSubmissionCost: U256::ZERO,
            }
            .abi_encode(),
        ),
    ];
    for step in &steps {
        let (status, violations) = checker.step(&mut world, step).unwrap();
        assert!(status.is_ok(), "{step}: {status:?}");
        assert!(violations.is_empty(), "{step}: {violations:?}");
    }
    // Then 5 of the second token minted on L2 with none of it escrowed: in total the
    // escrow (100) still covers L2 (5), but the second pair is unbacked.
    let forged = call(
        Actor::Governor,
        L2,
        "L2TokenB",
        mintCall {
            to: world.address_of(Actor::Attacker),
            amount: U256::from(5),
        }
        .abi_encode(),
    );
    let (status, violations) = checker.step(&mut world, &forged).unwrap();
    assert!(status.is_ok(), "{status:?}");
    let names: Vec<&str> = violations.iter().map(|v| v.invariant.as_str()).collect();
    assert!(names.contains(&"bridged-supply-backed"), "{names:?}");
    assert!(names.contains(&"mints-take-declared-paths"), "{names:?}");
    let backed = violations
        .iter()
        .find(|v| v.invariant == "bridged-supply-backed")
        .unwrap();
    assert!(
        backed.detail.contains(&l2_token_b.to_string()),
        "{}",
        backed.detail
    );
    assert_eq!((backed.lhs, backed.rhs), (U256::from(5), U256::ZERO));

    // A deposit through the second L1 gateway to its own counterpart is, like the first
    // gateway's, a ticket the project promises completes.
    let gateway_b = at(L1, "L1GatewayB");
    let deposit_b = [
        call(
            delegator,
            L1,
            "L1TokenB",
            approveCall {
                spender: gateway_b,
                amount: ether(10),
            }
            .abi_encode(),
        ),
        call(
            delegator,
            L1,
            "L1GatewayB",
            outboundTransferCall {
                to: world.address_of(delegator),
                amount: ether(10),
                maxGas: U256::from(1_000_000),
                gasPriceBid: U256::ZERO,
                maxSubmissionCost: U256::ZERO,
            }
            .abi_encode(),
        ),
    ];
    for step in &deposit_b {
        let (status, _) = checker.step(&mut world, step).unwrap();
        assert!(status.is_ok(), "{step}: {status:?}");
    }
    let view = checker.view_now(&mut world).unwrap();
    assert_eq!(view.tickets.len(), 2);
    assert!(view.tickets.iter().all(|t| t.valid), "{:?}", view.tickets);
    std::fs::remove_dir_all(path.parent().unwrap()).ok();

    // The two pairs as shipped survive a short blind campaign.
    let design: harness::designs::DesignId =
        format!("project:{}", example().join("two-tokens.toml").display())
            .parse()
            .unwrap();
    let summary = blind_campaign(design, "two", 4);
    assert!(summary.failures.is_empty(), "{:#?}", summary.failures);
}

#[test]
fn token_or_gateway_lists_that_do_not_pair_up_are_named_at_their_line() {
    let text = std::fs::read_to_string(example().join("crosscheck.toml")).unwrap();
    let second_l2 = |t: String| {
        t.replace(
            "token = \"L2Token\"",
            "token = [\"L2Token\", \"L2MintGateway\"]",
        )
    };
    let e = mistake("token-pairs", second_l2);
    let line = line_of(&text, "token = \"L2Token\"") + 1; // one line added above
    assert!(
        e.contains(&format!(
            ":{line}: roles.l2.token: names 2 tokens and roles.l1.token 1; the i-th of each chain are a pair"
        )),
        "{e}"
    );
    let e = mistake("gateway-pairs", |t| {
        t.replace(
            "gateway = \"L2MintGateway\"",
            "gateway = [\"L2MintGateway\", \"L2Token\"]",
        )
    });
    assert!(
        e.contains("roles.l2.gateway: names 2 gateways and roles.l1.gateway 1; the i-th of each chain are a pair"),
        "{e}"
    );
    let e = mistake("token-twice", |t| {
        second_l2(t).replace("token = \"L1Token\"", "token = [\"L1Token\", \"L1Token\"]")
    });
    let line = line_of(&text, "token = \"L1Token\"") + 1;
    assert!(
        e.contains(&format!(
            ":{line}: roles.l1.token: L1Token is named twice; each token is one pair's"
        )),
        "{e}"
    );
}

#[test]
fn several_source_trees_compile_each_with_its_own_settings_and_mutants_reach_them() {
    let dir = project_folder("trees", &TWO_TREES, TWO_TREES_TOML);
    let path = dir.join("crosscheck.toml");
    let p = Project::load(&path).unwrap();
    let code = |name: &str| p.artifacts.get(name).unwrap().deployed_bytecode.clone();
    assert_eq!(compiled_with(&code("Vault")), [0, 8, 9]);
    assert_eq!(compiled_with(&code("Counter")), [0, 8, 28]);
    let counter = p.deployed.book.get(L2, "Counter").unwrap();

    // A mutant of the second tree's file, named from the sources root, is built from a
    // copy of the root that holds both trees.
    sol! { function two() external pure returns (uint256); }
    let design = harness::project::design::register(&path).unwrap();
    let mutant = harness::mutants::Mutant {
        name: "counter-off-by-one".into(),
        description: "Counter counts one too many.".into(),
        file: "l2/src/Counter.sol".into(),
        find: "return Helper.twice(1);".into(),
        replace: "return Helper.twice(1) + 1;".into(),
        invariant: "messages-final".into(),
        steps: Vec::new(),
    };
    let mut correct = harness::designs::fresh_world(design).unwrap();
    let mut mutated = mutant.world(design).unwrap();
    assert_eq!(
        correct.view(L2, counter, &twoCall {}).unwrap(),
        U256::from(2)
    );
    assert_eq!(
        mutated.view(L2, counter, &twoCall {}).unwrap(),
        U256::from(3)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_mistake_in_a_source_tree_is_named_at_its_line() {
    let load = |name: &str, files: &[(&str, &str)], toml: &str| {
        let dir = project_folder(name, files, toml);
        let e = match Project::load(&dir.join("crosscheck.toml")) {
            Ok(_) => panic!("{name}: the mistaken project loaded"),
            Err(e) => format!("{e:#}"),
        };
        std::fs::remove_dir_all(&dir).ok();
        assert!(!e.contains('\n'), "{name}: one line, not {e}");
        e
    };
    // Each: a name, the file's edit (from, to), and what the one line must say.
    let cases: [(&str, (&str, &str), &[&str]); 5] = [
        (
            "tree-outside",
            ("root = \"l2\"", "root = \"..\""),
            &[":6: sources.tree.root: ", "is outside the sources root"],
        ),
        (
            "tree-no-src",
            ("src = \"src\"", "src = \"source\""),
            &[":7: sources.tree.src: no folder "],
        ),
        (
            "tree-same",
            ("root = \"l2\"\nsrc = \"src\"", "src = \"l1/contracts\""),
            &[
                "sources.tree: compiles ",
                "as an earlier tree (sources) does",
            ],
        ),
        (
            "tree-nested",
            (
                "solc = \"0.8.28\"\n",
                "solc = \"0.8.28\"\n\n[[sources.tree.tree]]\nsrc = \"x\"\n",
            ),
            &["sources.tree.tree: a tree has no trees of its own"],
        ),
        (
            "tree-solc",
            ("\"0.8.28\"", "\"latest\""),
            &[":10: sources.tree.solc: \"latest\" is not a solc version"],
        ),
    ];
    for (name, (from, to), says) in cases {
        let toml = TWO_TREES_TOML.replace(from, to);
        assert_ne!(
            toml, TWO_TREES_TOML,
            "{name}: the edit must change the file"
        );
        let e = load(name, &TWO_TREES, &toml);
        assert!(says.iter().all(|s| e.contains(s)), "{name}: {e}");
    }
    // One name in two trees would make one contract silently stand for the other.
    let mut clash = TWO_TREES.to_vec();
    clash.push((
        "l2/src/Vault.sol",
        "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n\n/// @notice Another Vault.\ncontract Vault {}\n",
    ));
    let e = load("tree-clash", &clash, TWO_TREES_TOML);
    assert!(
        e.contains("two contracts named Vault, in ") && e.contains("l2/src/Vault.sol"),
        "{e}"
    );
}

#[test]
fn a_script_names_its_project_from_its_own_folder_and_travels_with_it() {
    let base = std::env::temp_dir().join(format!("crosscheck-travel-{}", std::process::id()));
    let (here, there) = (base.join("here"), base.join("there"));
    std::fs::create_dir_all(here.join("src")).unwrap();
    std::fs::write(
        here.join("crosscheck.toml"),
        "[sources]\n[roles.l1]\n[roles.l2]\n",
    )
    .unwrap();
    let design = harness::project::design::register(&here.join("crosscheck.toml")).unwrap();
    let script = harness::script::Script {
        design,
        mutant: None,
        genesis: None,
        description: "a failure found here".into(),
        steps: vec![harness::action::Action::Advance {
            clock: harness::action::Clock::Both,
            seconds: 12,
        }],
        expect: None,
        origin: None,
    };
    let failure = here.join("corpus/failures/x.json");
    script.save(&failure).unwrap();
    let text = std::fs::read_to_string(&failure).unwrap();
    assert!(
        text.contains("\"design\": \"project:../../crosscheck.toml\""),
        "{text}"
    );
    // The project moves (a fresh clone elsewhere); its failure still names it.
    std::fs::rename(&here, &there).unwrap();
    let moved = harness::script::Script::load(&there.join("corpus/failures/x.json")).unwrap();
    let harness::designs::DesignId::Project(key) = moved.design else {
        panic!("{:?}", moved.design)
    };
    assert_eq!(
        key.design().path(),
        there.join("crosscheck.toml").canonicalize().unwrap()
    );
    assert_ne!(moved.design, design);
    std::fs::remove_dir_all(&base).ok();
}

const SIGNED_SOURCES: [(&str, &str); 1] = [(
    "Notary.sol",
    r#"// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @notice Accepts a note only with its author's signature over a digest it computes
///         from the current block, as a ticket broker or a permit does.
contract Notary {
    struct Note {
        address author;
        uint256 serial;
        bytes aux;
    }

    /// @notice Whether a note was accepted, by author.
    mapping(address => bool) public accepted;
    /// @notice The last accepted note's aux data.
    bytes public lastAux;

    /// @notice The digest an author signs: the note, bound to this block.
    function digest(Note calldata note) public view returns (bytes32) {
        return keccak256(abi.encode(note.author, note.serial, note.aux, block.number));
    }

    /// @notice Accepts `note` if `sig` is its author's personal_sign of its digest.
    function accept(Note calldata note, bytes calldata sig) external {
        bytes32 signed = keccak256(abi.encodePacked("\x19Ethereum Signed Message:\n32", digest(note)));
        require(recover(signed, sig) == note.author, "not the author's signature");
        accepted[note.author] = true;
        lastAux = note.aux;
    }

    /// @notice Accepts `note` if `sig` is its author's signature of the digest as it is.
    function acceptRaw(Note calldata note, bytes calldata sig) external {
        require(recover(digest(note), sig) == note.author, "not the author's signature");
        accepted[note.author] = true;
    }

    function recover(bytes32 hash, bytes calldata sig) internal pure returns (address) {
        require(sig.length == 65, "65 bytes");
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        return ecrecover(hash, uint8(sig[64]), r, s);
    }
}
"#,
)];

const SIGNED_TOML: &str = r#"[sources]

[[step]]
chain = "l1"
deploy = "Notary"

[[step]]
chain = "l1"
view = "Notary.digest"
args = [["@delegator1", 7, "concat(keccak256(seed), keccak256(keccak256(seed)))"]]
as = "noteDigest"

[[step]]
chain = "l1"
call = "Notary.accept"
from = "@attacker"
args = [["@delegator1", 7, "concat(keccak256(seed), keccak256(keccak256(seed)))"], "personal_sign(@delegator1, %noteDigest)"]

[[step]]
chain = "l1"
view = "Notary.digest"
args = [["@delegator2", "%noteDigest", "0x"]]
as = "rawDigest"

[[step]]
chain = "l1"
call = "Notary.acceptRaw"
args = [["@delegator2", "%noteDigest", "0x"], "sign(@delegator2, %rawDigest)"]

[roles.l1]
[roles.l2]
"#;

sol! {
    function accepted(address author) external view returns (bool);
    function lastAux() external view returns (bytes);
}

#[test]
fn view_steps_read_what_signatures_and_hashes_are_computed_from() {
    let mut p = own_project("signed", &SIGNED_SOURCES, SIGNED_TOML).unwrap();
    let notary = p.deployed.book.get(L1, "Notary").unwrap();
    let l1 = &mut p.deployed.l1;
    // Each note was accepted only because its signature recovered to its author.
    for who in [Actor::Delegator1, Actor::Delegator2] {
        let author = who.address();
        assert!(l1.view(notary, &acceptedCall { author }).unwrap(), "{who}");
    }
    // concat() joined the packed words; keccak256() of a form hashed the form's value.
    let seed = alloy_primitives::keccak256("seed");
    let expected = [seed.to_vec(), alloy_primitives::keccak256(seed).to_vec()].concat();
    assert_eq!(l1.view(notary, &lastAuxCall {}).unwrap().to_vec(), expected);
    // A value read once is kept by name (a word filled the uint256 serial above).
    assert!(p.deployed.values.contains_key("noteDigest"));
}

#[test]
fn a_mistake_in_a_view_step_or_a_computed_argument_is_named_at_its_line() {
    let cases: [(&str, &str, &str, &str); 6] = [
        (
            "unread",
            "\"personal_sign(@delegator1, %noteDigest)\"",
            "\"personal_sign(@delegator1, %digest)\"",
            "%digest is not read by an earlier step",
        ),
        (
            "unnamed",
            "as = \"noteDigest\"\n",
            "",
            "step.as: missing: a view step names the value it reads",
        ),
        (
            "named-call",
            "from = \"@attacker\"",
            "from = \"@attacker\"\nas = \"accepted\"",
            "step.as: only a deploy step (the deployment's name) and a view step (the value's) take it",
        ),
        (
            "twice",
            "as = \"rawDigest\"",
            "as = \"noteDigest\"",
            "step.as: %noteDigest is already read by an earlier step",
        ),
        (
            "sign-literal",
            "\"sign(@delegator2, %rawDigest)\"",
            "\"sign(@delegator2, rawDigest)\"",
            "sign() signs a 32-byte form",
        ),
        (
            "wrong-signature",
            "\"sign(@delegator2, %rawDigest)\"",
            "\"sign(@delegator1, %rawDigest)\"",
            "step.call: Notary.acceptRaw",
        ),
    ];
    for (name, from, to, expected) in cases {
        let toml = SIGNED_TOML.replacen(from, to, 1);
        assert_ne!(toml, SIGNED_TOML, "{name}: the edit must change the file");
        let e = match own_project(&format!("signed-{name}"), &SIGNED_SOURCES, &toml) {
            Ok(_) => panic!("{name}: the mistaken file loaded"),
            Err(e) => format!("{e:#}"),
        };
        assert!(!e.contains('\n'), "{name}: one line, not {e}");
        assert!(e.contains(expected), "{name}: {e}");
        let line = e.split(':').nth(1).unwrap_or_default();
        assert!(
            line.parse::<usize>().is_ok(),
            "{name}: a line number in {e}"
        );
    }
}
