//! The bounded explorer: canonical state keys, deduplication, the soundness of sleep sets,
//! shortest counterexamples, and deterministic certificates.

use alloy_primitives::U256;
use harness::action::Action;
use harness::actors::Actor;
use harness::amount::{Amount, Base};
use harness::chain::ChainId;
use harness::checker::Checker;
use harness::designs::{fresh_world, DesignId};
use harness::explore::{self, alphabet::Choice, state_key, Config, Progress};

fn unbond(actor: Actor, chain: ChainId, wei: u64) -> Action {
    Action::Unbond {
        actor,
        chain,
        amount: Amount::Wei(U256::from(wei)),
    }
}

fn config(design: DesignId, depth: usize, alphabet: Choice) -> Config {
    Config {
        design,
        mutant: None,
        depth,
        alphabet,
        jobs: 2,
        time: None,
        max_states: 1_000_000,
        reduction: true,
        exit: false,
        out: None,
        keep_going: false,
    }
}

fn letters(actions: Vec<Action>, bridge: bool, times: bool) -> Choice {
    Choice::Letters {
        actions,
        bridge,
        times,
    }
}

fn key_after(steps: &[Action]) -> state_key::StateKey {
    let mut world = fresh_world(DesignId::A).unwrap();
    let (mut checker, _) = Checker::new(&mut world).unwrap();
    for s in steps {
        checker.step(&mut world, s).unwrap();
    }
    state_key::of(&world, &checker)
}

#[test]
fn one_state_reached_in_two_orders_has_one_key_and_a_different_state_another() {
    let a = unbond(Actor::Delegator1, ChainId::L1, 1);
    let b = unbond(Actor::Orchestrator1, ChainId::L2, 1);
    let ab = key_after(&[a.clone(), b.clone()]);
    let ba = key_after(&[b.clone(), a.clone()]);
    assert_eq!(
        ab, ba,
        "the same chains, bridge and history in either order"
    );
    assert_ne!(ab, key_after(std::slice::from_ref(&a)));
    assert_ne!(ab, key_after(&[a.clone(), a.clone()]));
    // A step every contract refuses changes nothing the key reads (only the signer's
    // nonce, which it leaves out).
    let refused = unbond(Actor::Attacker, ChainId::L1, 1_000_000);
    assert_eq!(key_after(&[a.clone(), refused]), key_after(&[a]));
    // Keys are stable across runs and builds: a fresh genesis has the same key.
    assert_eq!(key_after(&[]), key_after(&[]));
}

#[test]
fn each_distinct_state_is_expanded_once() {
    // Two commuting letters, no bridge or time letters, no reduction: depth 2 runs
    // 2 + 2·2 transitions and reaches genesis, a, b, aa, bb and ab = ba.
    let a = unbond(Actor::Delegator1, ChainId::L1, 1);
    let b = unbond(Actor::Orchestrator1, ChainId::L2, 1);
    let mut c = config(DesignId::A, 2, letters(vec![a, b], false, false));
    c.reduction = false;
    let out = explore::explore(&c, &Progress::default()).unwrap();
    let cert = &out.certificate;
    assert_eq!(cert.transitions, 6);
    assert_eq!(cert.distinct_states, 6);
    assert_eq!(cert.revisits, 1, "ab and ba are one state");
    assert_eq!(cert.depth_completed, 2);
    // Sequences of at most 2 letters: 1 + 2 + 4, all run or stood for.
    assert_eq!(cert.sequences_represented, "7");
    assert_eq!(cert.verdict, "no violation");
}

/// An alphabet where the reduction has work: local steps on both chains that commute,
/// steps that send messages (which never commute), bridge letters and a clock.
fn mixed() -> Choice {
    letters(
        vec![
            unbond(Actor::Delegator1, ChainId::L1, 1),
            unbond(Actor::Delegator1, ChainId::L2, 1),
            Action::Unbond {
                actor: Actor::Orchestrator1,
                chain: ChainId::L2,
                amount: Amount::Relative(Base::Stake, 0),
            },
            Action::Transfer {
                actor: Actor::Delegator1,
                chain: ChainId::L1,
                to: "attacker".into(),
                amount: Amount::Wei(U256::from(1)),
            },
            Action::Reward {
                actor: Actor::Orchestrator1,
                chain: ChainId::L2,
            },
            Action::Deposit {
                actor: Actor::Delegator1,
                to: Actor::Delegator1,
                amount: Amount::Wei(U256::from(1)),
            },
            Action::Withdraw {
                actor: Actor::Delegator1,
                to: Actor::Delegator1,
                amount: Amount::Wei(U256::from(1)),
            },
        ],
        true,
        true,
    )
}

#[test]
fn sleep_sets_reach_every_state_and_violation_that_the_full_search_reaches() {
    let with = explore::explore(&config(DesignId::A, 3, mixed()), &Progress::default()).unwrap();
    let mut c = config(DesignId::A, 3, mixed());
    c.reduction = false;
    let without = explore::explore(&c, &Progress::default()).unwrap();
    assert!(with.certificate.pruned > 0, "the reduction skipped nothing");
    assert!(with.certificate.transitions < without.certificate.transitions);
    let sorted = |mut v: Vec<_>| {
        v.sort_unstable();
        v
    };
    assert_eq!(sorted(with.states), sorted(without.states));

    // And on a mutant, the same shortest counterexamples.
    let on_mutant = |reduction| {
        let mut c = config(DesignId::A, 3, mixed());
        c.mutant = Some("outbox-executes-early".into());
        c.reduction = reduction;
        c.keep_going = true;
        let cert = explore::explore(&c, &Progress::default())
            .unwrap()
            .certificate;
        let mut found: Vec<(String, usize)> = cert
            .counterexamples
            .iter()
            .map(|c| (c.invariant.clone(), c.length))
            .collect();
        found.sort();
        found
    };
    let found = on_mutant(true);
    assert!(
        found.contains(&("messages-wait-challenge-period".into(), 3)),
        "{found:?}"
    );
    assert_eq!(found, on_mutant(false));
}

#[test]
fn a_mutant_is_found_at_its_minimal_depth_and_not_before() {
    let alphabet = || Choice::Small;
    let mut shallow = config(DesignId::A, 2, alphabet());
    shallow.mutant = Some("withdraw-stake-early".into());
    let cert = explore::explore(&shallow, &Progress::default())
        .unwrap()
        .certificate;
    assert!(
        !cert
            .counterexamples
            .iter()
            .any(|c| c.invariant == "unbonding-period-respected"),
        "no sequence of two letters withdraws a lock early"
    );
    let dir = std::env::temp_dir().join(format!("crosscheck-explore-{}", std::process::id()));
    let mut deep = config(DesignId::A, 4, alphabet());
    deep.mutant = Some("withdraw-stake-early".into());
    deep.out = Some(dir.clone());
    let cert = explore::explore(&deep, &Progress::default())
        .unwrap()
        .certificate;
    let c = cert
        .counterexamples
        .iter()
        .find(|c| c.invariant == "unbonding-period-respected")
        .expect("found at depth 3");
    assert_eq!(c.length, 3);
    assert_eq!(
        cert.depth_completed, 3,
        "the search stops once the depth of the first is done"
    );
    // The failure file replays to the same violation.
    let script = harness::script::Script::load(c.file.as_ref().unwrap()).unwrap();
    let replay = harness::campaign::replay::replay(&script, false).unwrap();
    assert!(replay.matches(), "fired {:?}", replay.fired);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_certificate_is_the_same_byte_for_byte_on_any_number_of_jobs() {
    let run = |jobs| {
        let mut c = config(DesignId::A, 2, mixed());
        c.jobs = jobs;
        explore::explore(&c, &Progress::default())
            .unwrap()
            .certificate
            .to_json()
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(2));
    assert!(one.contains("\"verdict\": \"no violation\""));
}

#[test]
fn a_step_into_a_state_already_known_is_still_checked() {
    // A third party's migration of delegator2 with its signature and without one end in
    // the same state; only the second may not be taken, and it is the second to run.
    let migrate = |signed| Action::MigrateDelegator {
        actor: Actor::Attacker,
        owner: Actor::Delegator2,
        l2: Actor::Delegator2,
        signed,
    };
    let mut c = config(
        DesignId::D,
        1,
        letters(vec![migrate(true), migrate(false)], false, false),
    );
    c.mutant = Some("l1-migrator-skips-signature".into());
    let cert = explore::explore(&c, &Progress::default())
        .unwrap()
        .certificate;
    assert_eq!(cert.revisits, 1, "both steps reach one state");
    let found = cert
        .counterexamples
        .iter()
        .find(|c| c.invariant == "migration-authorised")
        .expect("the unsigned step is checked though its state is known");
    assert_eq!(found.steps, vec![migrate(false)]);
}
