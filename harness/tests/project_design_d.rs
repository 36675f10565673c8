//! Design D written as a project file (`examples/design-d.toml`): Livepeer's prebuilt
//! protocol and crosscheck's migration contracts, deployed by the file's steps and story,
//! give the built-in design D's genesis state exactly, and design D's mutants are found
//! through the file as through the built-in design.

use std::path::Path;

use harness::designs::{fresh_world, DesignId};
use harness::world::World;

fn design_d_file() -> DesignId {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/design-d.toml");
    format!("project:{}", path.display()).parse().unwrap()
}

/// What two geneses must agree on: each chain's state, block and time, every deployment's
/// address, and the bridge's tickets.
fn fingerprint(w: &World) -> Vec<String> {
    let mut out = Vec::new();
    for chain in [&w.l1, &w.l2] {
        out.push(format!(
            "{}: state {} block {} time {}",
            chain.id(),
            chain.state_digest(),
            chain.block_number(),
            chain.timestamp()
        ));
    }
    let mut book: Vec<String> = w
        .contracts
        .iter()
        .map(|(c, n, a)| format!("{c} {n} {a}"))
        .collect();
    book.sort();
    out.extend(book);
    for t in &w.relayer.tickets {
        out.push(format!("ticket {} {:?} {}", t.id, t.state, t.to));
    }
    out
}

#[test]
fn design_d_project_file_has_the_built_in_genesis() {
    let builtin = fresh_world(DesignId::D).unwrap();
    let from_file = fresh_world(design_d_file()).unwrap();
    let (a, b) = (fingerprint(&builtin), fingerprint(&from_file));
    assert_eq!(a, b);
    // Not equal by emptiness: both froze L1 and delivered the two bulk transfers, the supply
    // report, orchestrator1's migration and delegator1's deposit.
    assert!(
        a.iter().any(|l| l.starts_with("L1 FrozenRoundsManager ")),
        "{a:#?}"
    );
    let delivered = a.iter().filter(|l| l.contains(" Redeemed ")).count();
    assert_eq!(delivered, 5, "{a:#?}");
}

#[test]
fn design_d_mutants_are_found_through_the_project_file_as_through_the_built_in_design() {
    use harness::mutants::{load_all, run_mutant};
    let file = design_d_file();
    let all = load_all(file).unwrap();
    assert_eq!(
        all.iter().map(|m| &m.name).collect::<Vec<_>>(),
        load_all(DesignId::D)
            .unwrap()
            .iter()
            .map(|m| &m.name)
            .collect::<Vec<_>>(),
        "the file's mutants are design D's"
    );
    // Every other mutant, in name order: 12 of 23, across the gateways, the migrators, the
    // caches, the pool and the outbox (the issue asks for at least 10); `crosscheck mutants
    // --config examples/design-d.toml` runs all of them.
    let chosen: Vec<_> = all.iter().step_by(2).collect();
    // The correct designs first, so that the two workers do not race to compile them.
    fresh_world(file).unwrap();
    fresh_world(DesignId::D).unwrap();
    let halves: Vec<Vec<_>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|half| {
                let chosen = &chosen;
                scope.spawn(move || {
                    chosen
                        .iter()
                        .skip(half)
                        .step_by(2)
                        .map(|m| {
                            (
                                run_mutant(file, m).unwrap(),
                                run_mutant(DesignId::D, m).unwrap(),
                            )
                        })
                        .collect()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let mut found = 0;
    for (p, b) in halves.iter().flatten() {
        // The same invariants fire at the same step, and the correct design stays clean.
        assert_eq!(
            (p.passed(), p.step(), p.fired()),
            (b.passed(), b.step(), b.fired()),
            "mutant {}",
            p.mutant.name
        );
        found += usize::from(p.passed());
    }
    assert_eq!(halves.iter().map(Vec::len).sum::<usize>(), chosen.len());
    assert!(found >= 10, "only {found} of design D's mutants found");
}

#[test]
fn a_campaign_through_the_project_file_is_the_built_in_design_s_campaign() {
    use harness::campaign::{self, Config};
    let run = |design: DesignId| {
        let corpus = std::env::temp_dir().join(format!(
            "crosscheck-design-d-file-{}-{}",
            std::process::id(),
            design.folder_name()
        ));
        let _ = std::fs::remove_dir_all(&corpus);
        let config = Config {
            design,
            mutant: None,
            time: None,
            runs: Some(60),
            jobs: 1,
            seed: 5,
            corpus: corpus.clone(),
            // Blind, so that neither campaign starts from what the other stored.
            seed_corpora: Vec::new(),
            keep_going: true,
            max_len: campaign::MAX_LEN,
            write_failures: false,
            record: false,
        };
        let summary = campaign::run(config, &|_| {}).expect("the campaign runs");
        let _ = std::fs::remove_dir_all(&corpus);
        summary
    };
    let (file, built_in) = (run(design_d_file()), run(DesignId::D));
    let figures = |s: &campaign::Summary| {
        (
            s.progress.steps,
            s.progress.edges,
            s.progress.corpus,
            s.failures.len(),
        )
    };
    // Same genesis, same catalogue, same generation: the same campaign, step for step.
    assert_eq!(figures(&file), figures(&built_in));
    assert!(built_in.progress.steps > 200, "{:?}", figures(&built_in));
}
