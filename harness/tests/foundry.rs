//! Foundry reproducers, verified by forge itself: one mutant's counterexample per design is
//! exported and `forge test` (installed from npm, compiling with our solc-js shim, offline)
//! must pass on each; a reproducer whose expected figure is tampered with must fail, so a
//! pass means the figures were checked. Where forge cannot be installed the test fails
//! with the reason.

use std::path::{Path, PathBuf};

use harness::chain::ChainId;
use harness::designs::DesignId;
use harness::script::Script;

fn corpus_file(design: &str, name: &str) -> PathBuf {
    harness::compile::contracts_dir()
        .join("..")
        .join("corpus")
        .join(format!("design_{design}"))
        .join(name)
}

fn export(file: &Path, dir: &Path) -> (String, harness::foundry::Reproduction) {
    let script = Script::load(file).unwrap();
    let r = harness::foundry::reproduce(&script)
        .unwrap_or_else(|e| panic!("{}: {e:#}", file.display()));
    let name = harness::foundry::contract_name(&file.file_stem().unwrap().to_string_lossy());
    let text = harness::foundry::render(&r, &name, &file.display().to_string());
    harness::foundry::project::write_test(dir, &name, &text).unwrap();
    (name, r)
}

#[test]
fn every_design_s_reproducer_passes_under_forge_and_a_tampered_one_fails() {
    let dir = std::env::temp_dir().join(format!("crosscheck-foundry-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let cases = [
        // an outbox message on L2, the figures broken at once
        ("a", "mutant-l2-gateway-skips-burn.json"),
        // tickets delivered by the drain, broken at the quiescent check
        ("b", "mutant-l2-gateway-pause-blocks-inbound.json"),
        ("c", "mutant-l2-bridge-pause-blocks-inbound.json"),
        // Livepeer's prebuilt bytecode beside our migrators
        ("d", "mutant-l1-migrator-skips-signature.json"),
    ];
    let mut names = Vec::new();
    for (design, file) in cases {
        let (name, r) = export(&corpus_file(design, file), &dir);
        assert!(
            r.entries
                .iter()
                .any(|e| matches!(e, harness::transcript::Entry::Tx(_))),
            "{file}: a reproducer with no transaction proves nothing"
        );
        assert!(!r.watched.is_empty(), "{file}: no figure to assert");
        names.push(name);
    }
    // The same reproducer as A's, with one expected figure off by one wei.
    let script = Script::load(&corpus_file("a", "mutant-l2-gateway-skips-burn.json")).unwrap();
    let mut tampered = harness::foundry::reproduce(&script).unwrap();
    let w = tampered
        .watched
        .iter_mut()
        .find(|w| w.chain == ChainId::L2 && w.holder.is_none())
        .expect("L2's supply is watched");
    w.value += alloy_primitives::U256::from(1);
    let text = harness::foundry::render(&tampered, "Repro_tampered", "a tampered copy");
    harness::foundry::project::write_test(&dir, "Repro_tampered", &text).unwrap();

    let run = harness::foundry::project::forge_test(&dir, None)
        .unwrap_or_else(|e| panic!("forge could not run: {e:#}"));
    // forge prints one block per suite: `Ran 1 test for test/NAME.t.sol:NAME`, then the
    // test's [PASS] or [FAIL: reason] line.
    let verdict = |name: &str| {
        let header = format!("Ran 1 test for test/{name}.t.sol:{name}");
        let block = run.output.split(&header).nth(1)?;
        let line = block
            .lines()
            .find(|l| l.starts_with("[PASS]") || l.starts_with("[FAIL"))?;
        Some(line.starts_with("[PASS]"))
    };
    for name in &names {
        assert_eq!(verdict(name), Some(true), "{name} passes:\n{}", run.output);
    }
    assert_eq!(
        verdict("Repro_tampered"),
        Some(false),
        "the tampered reproducer fails:\n{}",
        run.output
    );
    // (Names are per process, and another design named that address too: match the read.)
    assert!(
        run.output.lines().any(|l| l.starts_with("[FAIL: L2 ")
            && l.contains(".totalSupply(): not what crosscheck read")),
        "the tampered figure is the one that fails:\n{}",
        run.output
    );
    assert!(!run.passed, "forge reports the tampered failure");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_design_s_genesis_puts_a_contract_at_an_address_of_the_other_chain() {
    for design in DesignId::ALL {
        let world = harness::designs::fresh_world(design).unwrap();
        assert!(
            world.shared_contracts().is_empty(),
            "design {design}: {:?}",
            world.shared_contracts()
        );
    }
}

#[test]
fn a_contract_at_an_address_the_other_chain_uses_is_refused() {
    let mut world = harness::designs::fresh_world(DesignId::A).unwrap();
    let token = world.addr(ChainId::L1, "L1Token");
    assert!(world.require_separate_chains().is_ok());
    world.l2.set_code(token, vec![0x00].into());
    assert_eq!(world.shared_contracts(), vec![token]);
    let err = world.require_separate_chains().unwrap_err().to_string();
    assert!(err.contains("L1Token"), "{err}");
}

#[test]
fn a_script_that_expects_nothing_to_break_has_no_reproducer() {
    let mut script = Script::load(&corpus_file("a", "mutant-l2-gateway-skips-burn.json")).unwrap();
    script.mutant = None;
    script.expect = None;
    let err = harness::foundry::reproduce(&script)
        .unwrap_err()
        .to_string();
    assert!(err.contains("nothing to reproduce"), "{err}");
    // On the correct contracts the same steps break nothing, so there is nothing to cut at.
    script.expect = Some(harness::script::Expected::Violates {
        invariant: "conservation".into(),
    });
    let err = harness::foundry::reproduce(&script)
        .unwrap_err()
        .to_string();
    assert!(err.contains("no longer breaks `conservation`"), "{err}");
}
