//! The read cache must never change an answer: after every step of the regression corpus
//! and of generated sequences, what the checker saw through the cache equals a fresh read
//! of the same state with the cache off.

use harness::action::Action;
use harness::campaign::generate::{self, Ctx, Dictionary};
use harness::campaign::rng::Rng;
use harness::checker::Checker;
use harness::designs::{fresh_world, DesignId};
use harness::world::World;
use harness::world_view::read_chains;

fn fresh_read(world: &World) -> String {
    let mut copy = World::from_snapshot(&world.snapshot());
    copy.set_read_cache(false);
    let chains = read_chains(&mut copy).expect("uncached read");
    serde_json::to_string(&chains).unwrap()
}

/// Runs `steps`, comparing after every step and after the drain; returns the steps run.
fn compare(
    label: &str,
    mut world: World,
    steps: &mut dyn FnMut(&World, usize) -> Option<Action>,
) -> usize {
    let (mut checker, _) = Checker::new(&mut world).expect("genesis");
    let mut i = 0;
    while let Some(action) = steps(&world, i) {
        i += 1;
        match checker.step(&mut world, &action) {
            Ok(_) => {}
            Err(e) if e.downcast_ref::<harness::step::UnknownName>().is_some() => continue,
            Err(e) => panic!("{label} step {i}: {e:#}"),
        }
        let cached = serde_json::to_string(checker.last_read()).unwrap();
        assert_eq!(
            cached,
            fresh_read(&world),
            "{label}: the cached read differs after step {i} ({action:?})"
        );
    }
    checker.finish(&mut world).expect("drain");
    let cached = serde_json::to_string(checker.last_read()).unwrap();
    assert_eq!(
        cached,
        fresh_read(&world),
        "{label}: the cached read differs after the drain"
    );
    i
}

fn compare_corpus(design: DesignId) -> usize {
    let dir = harness::campaign::regression_corpus(design);
    let files = harness::campaign::corpus_files(&dir).unwrap();
    let mut total = 0;
    for path in files {
        let script = harness::script::Script::load(&path).unwrap();
        let world = match &script.mutant {
            Some(m) => harness::mutants::find(script.design, m)
                .unwrap()
                .world(script.design),
            None => fresh_world(script.design),
        };
        // A mutant that breaks the genesis has no world to read.
        let Ok(world) = harness::genesis::outcome(world).unwrap() else {
            continue;
        };
        let steps = script.steps.clone();
        total += compare(&path.display().to_string(), world, &mut |_, i| {
            steps.get(i).cloned()
        });
    }
    total
}

fn compare_generated(design: DesignId) -> usize {
    let world = fresh_world(design).unwrap();
    let artifacts = harness::compile::compile(&harness::compile::contracts_dir()).unwrap();
    let calls = generate::callables(&world, &artifacts);
    let dict = Dictionary::default();
    let mut total = 0;
    for seed in 0..60u64 {
        let mut rng = Rng::new(Rng::derive(0xcac4e, seed));
        let world = fresh_world(design).unwrap();
        total += compare(
            &format!("design {design}, generated sequence {seed}"),
            world,
            &mut |w, i| {
                (i < 24).then(|| generate::action(&mut rng, Ctx::of(w, None), &dict, &calls))
            },
        );
    }
    total
}

macro_rules! read_cache_tests {
    ($module:ident, $design:expr) => {
        mod $module {
            use super::*;

            #[test]
            fn cached_reads_equal_fresh_reads_over_the_corpus() {
                let total = compare_corpus($design);
                assert!(total > 100, "only {total} steps compared");
            }

            #[test]
            fn cached_reads_equal_fresh_reads_over_generated_sequences() {
                let total = compare_generated($design);
                assert!(total >= 60 * 24, "only {total} steps compared");
            }
        }
    };
}

read_cache_tests!(design_a, DesignId::A);
read_cache_tests!(design_b, DesignId::B);
read_cache_tests!(design_c, DesignId::C);
