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

/// Selectors of every function of `abi`.
fn selectors_of(abi: &JsonAbi) -> BTreeSet<[u8; 4]> {
    abi.functions().map(|f| f.selector().0).collect()
}

/// The selector of a function signature such as `"claim(address,uint256)"`.
fn selector(signature: &str) -> [u8; 4] {
    alloy_primitives::keccak256(signature)[..4]
        .try_into()
        .unwrap()
}

/// What the harness may call on each of design D's migration contracts, by its name in the
/// book: the ABIs `@livepeer/core` publishes, what `shared/brief/design-d.md` lists of the
/// deployed contracts, and the standard Arbitrum gateway and OpenZeppelin `Pausable`
/// interfaces. Anything else would tie D's checks to our implementation.
fn deployed_interface() -> Vec<(&'static str, BTreeSet<[u8; 4]>)> {
    let with = |mut base: BTreeSet<[u8; 4]>, more: &[&str]| {
        base.extend(more.iter().map(|s| selector(s)));
        base
    };
    let pausable = ["paused()", "pause()", "unpause()"];
    vec![
        (
            "L1Migrator",
            // design-d.md: the bulk transfers, which the published (wallet) ABI leaves out.
            with(
                selectors_of(&published("L1MigratorABI")),
                &[
                    "migrateLPT(uint256,uint256,uint256)",
                    "migrateETH(uint256,uint256,uint256)",
                ],
            ),
        ),
        ("L2Migrator", selectors_of(&published("L2MigratorABI"))),
        ("L2Gateway", selectors_of(&published("L2LPTGatewayABI"))),
        (
            "L1Gateway",
            // Arbitrum's L1 gateway interface, and pausing (design-d.md).
            with(
                BTreeSet::new(),
                &[
                    &[
                        "outboundTransfer(address,address,uint256,uint256,uint256,bytes)",
                        "finalizeInboundTransfer(address,address,address,uint256,bytes)",
                    ][..],
                    &pausable[..],
                ]
                .concat(),
            ),
        ),
        (
            "BridgeMinter",
            with(
                BTreeSet::new(),
                &[
                    "withdrawLPTToL1Migrator()",
                    "withdrawETHToL1Migrator()",
                    "bridgeMint(address,uint256)",
                    "migrateToNewMinter(address)",
                ],
            ),
        ),
        (
            "L1Escrow",
            with(BTreeSet::new(), &["approve(address,address,uint256)"]),
        ),
        (
            "L1LPTDataCache",
            // LIP-73's L1 data cache: the call that sends L1's supply to L2 in a ticket.
            with(
                BTreeSet::new(),
                &["cacheTotalSupply(uint256,uint256,uint256)"],
            ),
        ),
        (
            "L2LPTDataCache",
            // What Livepeer's shipped Minter reads of it.
            with(BTreeSet::new(), &["l1CirculatingSupply()"]),
        ),
    ]
}

/// design-d.md's DelegatorPool: the migrator's claim, and the two figures its check reads.
fn pool_interface() -> BTreeSet<[u8; 4]> {
    [
        "claim(address,uint256)",
        "initialStake()",
        "claimedInitialStake()",
    ]
    .iter()
    .map(|s| selector(s))
    .collect()
}

/// The calls in `calls` that the harness itself made of a migration contract outside what
/// `allowed` (and `pools`) permit: a transaction's or a read's own call (depth 0, unless it
/// is a ticket the relayer executes, whose call data a contract wrote), or one the lens
/// makes. Each as `name.selector`.
fn outside_interface(
    world: &harness::world::World,
    calls: &[harness::call_log::RecordedCall],
    allowed: &[(&str, BTreeSet<[u8; 4]>)],
    pools: &BTreeSet<alloy_primitives::Address>,
) -> BTreeSet<String> {
    use harness::chain::ChainId;
    let lenses = [
        world.addr(ChainId::L1, "L1Lens"),
        world.addr(ChainId::L2, "L2Lens"),
    ];
    let aliases: BTreeSet<_> = world
        .contracts
        .iter()
        .filter(|(c, _, _)| *c == ChainId::L1)
        .map(|(_, _, a)| harness::bridge::apply_alias(a))
        .collect();
    let mut out = BTreeSet::new();
    for c in calls {
        let by_harness = (c.depth == 0 && !aliases.contains(&c.caller))
            || (c.depth == 1 && lenses.contains(&c.caller));
        if !by_harness {
            continue;
        }
        let name = world.contracts.lookup(c.target).map(|(_, n)| n.to_string());
        let permitted = match name.as_deref() {
            Some(n) => match allowed.iter().find(|(m, _)| *m == n) {
                Some((_, set)) => set.contains(&c.selector),
                None => continue,
            },
            None if pools.contains(&c.target) => pool_interface().contains(&c.selector),
            None => continue,
        };
        if !permitted {
            out.insert(format!(
                "{}.{}",
                name.unwrap_or_else(|| "DelegatorPool".into()),
                hex::encode(c.selector)
            ));
        }
    }
    out
}

/// Design D's view, ghost ledger, exit and typed actions use only the deployed interface
/// of the migration contracts, so that D's checks run on any implementation of it. Every
/// call frame of a short blind campaign's sequences (their generic calls left out: those
/// call anything on purpose) and of D's regression scripts is logged, as are the checker's
/// reads, the drain and the exit.
#[test]
fn design_d_s_checks_call_only_the_deployed_interface() {
    use harness::action::Action;
    use harness::designs::DesignId;
    let summary = harness::campaign::run(
        harness::campaign::Config {
            design: DesignId::D,
            mutant: None,
            genesis: None,
            time: None,
            runs: Some(40),
            jobs: 1,
            seed: 3,
            corpus: std::env::temp_dir()
                .join(format!("crosscheck-interface-d-{}", std::process::id())),
            seed_corpora: Vec::new(),
            keep_going: true,
            max_len: 16,
            write_failures: false,
            record: true,
        },
        &|_| {},
    )
    .expect("campaign runs");
    let mut sequences: Vec<Vec<Action>> = summary.recorded;
    let corpus = harness::compile::contracts_dir().join("../corpus/design_d");
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        let script = harness::script::Script::load(&path).unwrap();
        if script.mutant.is_none() && script.genesis.is_none() {
            sequences.push(script.steps);
        }
    }
    for steps in &mut sequences {
        steps.retain(|a| !matches!(a, Action::Call { .. }));
    }
    let allowed = deployed_interface();
    let mut outside = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut calls = 0;
    for steps in &sequences {
        let mut world = harness::designs::fresh_world(DesignId::D).unwrap();
        let log = harness::call_log::CallLog::default();
        world.record_calls(log.clone());
        harness::run::run_steps(&mut world, steps, |_, _, _, _, _| {}).unwrap();
        let migrator = world.addr(harness::chain::ChainId::L2, "L2Migrator");
        let pools: BTreeSet<_> = harness::actors::Actor::ALL
            .iter()
            .filter_map(|a| {
                let call = pools_of(a.address());
                let out = world
                    .l2
                    .view_raw(migrator, call.into())
                    .expect("delegatorPools");
                let pool = alloy_primitives::Address::from_slice(&out[12..32]);
                (!pool.is_zero()).then_some(pool)
            })
            .collect();
        let recorded = log.calls();
        calls += recorded.len();
        for c in recorded.iter().filter(|c| c.depth == 0) {
            if let Some((_, name)) = world.contracts.lookup(c.target) {
                seen.insert((name.to_string(), c.selector));
            }
        }
        outside.extend(outside_interface(&world, &recorded, &allowed, &pools));
    }
    assert!(
        calls > 10_000 && sequences.len() > 40,
        "{calls} calls logged over {} sequences",
        sequences.len()
    );
    assert!(
        outside.is_empty(),
        "outside the deployed interface: {outside:#?}"
    );
}

fn pools_of(l1: alloy_primitives::Address) -> Vec<u8> {
    let mut data = selector("delegatorPools(address)").to_vec();
    data.extend_from_slice(&[0u8; 12]);
    data.extend_from_slice(l1.as_slice());
    data
}

/// The check above would notice a read of a function only our implementation has: the
/// L1 Migrator's `hashTypedData`, which the harness once called for EIP-712 digests.
#[test]
fn the_interface_check_notices_a_call_outside_the_deployed_interface() {
    use harness::chain::ChainId;
    let mut world = harness::designs::fresh_world(harness::designs::DesignId::D).unwrap();
    let log = harness::call_log::CallLog::default();
    world.record_calls(log.clone());
    let migrator = world.addr(ChainId::L1, "L1Migrator");
    let mut data = selector("hashTypedData(bytes32)").to_vec();
    data.extend_from_slice(&[0u8; 32]);
    world
        .l1
        .view_raw(migrator, data.into())
        .expect("our L1 Migrator has it");
    let outside = outside_interface(
        &world,
        &log.calls(),
        &deployed_interface(),
        &BTreeSet::new(),
    );
    assert_eq!(
        outside,
        BTreeSet::from([format!(
            "L1Migrator.{}",
            hex::encode(selector("hashTypedData(bytes32)"))
        )])
    );
}
