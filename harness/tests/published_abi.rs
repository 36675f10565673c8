//! Design D's migration contracts have the interface Livepeer deployed. `@livepeer/core`
//! publishes the deployed ABIs (read here through node, as its `contracts` entry exports
//! them): every function and event there must exist in ours with the same name, inputs,
//! outputs and mutability (ours may have more where the published ABI is partial), and the
//! L1 Migrator may call only what the frozen L1 BondingManager offered.

use std::collections::BTreeSet;
use std::process::Command;

use alloy_json_abi::JsonAbi;
use alloy_primitives::hex;

/// The ABI `@livepeer/core/contracts` exports as `name`.
fn published(name: &str) -> JsonAbi {
    harness::compile::ensure_solc_installed().expect("npm packages installed");
    let script = format!(
        "process.stdout.write(JSON.stringify(require('@livepeer/core/contracts')['{name}']))"
    );
    let out = Command::new("node")
        .args(["-e", &script])
        .current_dir(harness::compile::contracts_dir())
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "node could not read {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{name} is not an ABI: {e}"))
}

/// Every function and event of `abi`, each as its full signature: name, typed and named
/// inputs, outputs, mutability, and for events which inputs are indexed.
fn signatures(abi: &JsonAbi) -> BTreeSet<String> {
    let functions = abi.functions().map(|f| f.full_signature());
    let events = abi.events().map(|e| e.full_signature());
    functions.chain(events).collect()
}

fn ours(contract: &str) -> JsonAbi {
    let artifacts = harness::compile::compile_contracts().expect("contracts compile");
    artifacts.get(contract).expect("compiled").abi.clone()
}

/// The published entries `ours` lacks or declares differently.
fn missing(published: &JsonAbi, ours: &JsonAbi) -> Vec<String> {
    let have = signatures(ours);
    signatures(published)
        .into_iter()
        .filter(|s| !have.contains(s))
        .collect()
}

#[test]
fn our_migration_contracts_have_the_deployed_interface() {
    let mut wrong = Vec::new();
    for (published_name, contract, functions, events) in [
        ("L1MigratorABI", "LivepeerL1Migrator", 10, 4),
        ("L2MigratorABI", "LivepeerL2Migrator", 27, 9),
        ("L2LPTGatewayABI", "L2LPTGateway", 21, 8),
    ] {
        let abi = published(published_name);
        // The package is what we think it is: a different release would move these.
        assert_eq!(
            (abi.functions().count(), abi.events().count()),
            (functions, events),
            "{published_name} changed shape"
        );
        for entry in missing(&abi, &ours(contract)) {
            wrong.push(format!("{contract} lacks `{entry}` of {published_name}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_comparison_notices_a_missing_or_changed_entry() {
    let abi = published("L2MigratorABI");
    let mut changed = ours("LivepeerL2Migrator");
    let name = "claimStake";
    let f = &mut changed.functions.get_mut(name).expect("claimStake")[0];
    f.inputs.pop();
    let gone = missing(&abi, &changed);
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert!(gone[0].contains(name), "{gone:?}");
    changed.functions.remove(name);
    assert_eq!(missing(&abi, &changed).len(), 1);
}

#[test]
fn the_l1_migrator_calls_only_what_the_frozen_l1_bonding_manager_offered() {
    let offered: BTreeSet<[u8; 4]> = published("L1BondingManagerABI")
        .functions()
        .map(|f| f.selector().0)
        .collect();
    let artifacts = harness::compile::compile_contracts().expect("contracts compile");
    let interface = &artifacts.get("IBondingManager").expect("compiled").abi;
    let code = &artifacts
        .get("LivepeerL1Migrator")
        .expect("compiled")
        .deployed_bytecode;
    // An external call's selector is pushed as a 4-byte constant (PUSH4); every selector of
    // our BondingManager interface that the L1 Migrator's code pushes is one it may call.
    let called: Vec<_> = interface
        .functions()
        .filter(|f| {
            let mut push = vec![0x63];
            push.extend_from_slice(&f.selector().0);
            code.windows(5).any(|w| w == push.as_slice())
        })
        .collect();
    assert!(
        called.iter().any(|f| f.name == "getDelegator"),
        "the L1 Migrator reads delegations through getDelegator"
    );
    let unoffered: Vec<String> = called
        .iter()
        .filter(|f| !offered.contains(&f.selector().0))
        .map(|f| format!("{} ({})", f.signature(), hex::encode(f.selector())))
        .collect();
    assert!(unoffered.is_empty(), "{unoffered:#?}");
}
