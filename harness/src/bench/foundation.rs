//! The foundation's costs: compiling, cloning the deployed world, one migration cycle and
//! one invariant check, each as a ratio against one committed L1 LPT transfer measured in
//! the same run.

use std::time::{Duration, Instant};

use alloy_primitives::U256;
use anyhow::Result;
use serde::Serialize;

use crate::action::Action;
use crate::actors::Actor;
use crate::bindings::ILivepeerToken;
use crate::chain::ChainId;
use crate::designs::{genesis_snapshot, DesignId};
use crate::world::World;

/// The measured figures.
#[derive(Debug, Serialize)]
pub struct Figures {
    /// Cold compile of the whole tree, no cache, in milliseconds.
    pub cold_compile_ms: f64,
    /// Recompile of the unchanged tree with the cache, in milliseconds.
    pub cached_compile_ms: f64,
    /// One committed L1 LPT transfer, in microseconds (the baseline).
    pub transfer_us: f64,
    /// Cloning the deployed-world snapshot into a new world, in microseconds.
    pub snapshot_clone_us: f64,
    /// migrate (the design's own stake migration) → deliver → read both chains, from a
    /// fresh clone, in microseconds.
    pub migrate_cycle_us: f64,
    /// One full invariant check after a step (both chain reads, the view, every
    /// invariant), in microseconds.
    pub check_us: f64,
    /// Evaluating every invariant on a view already built, in microseconds.
    pub invariants_only_us: f64,
}

fn per_iteration(total: Duration, n: u32) -> f64 {
    total.as_secs_f64() * 1e6 / f64::from(n)
}

fn time_compiles() -> Result<(f64, f64)> {
    let tmp = std::env::temp_dir().join(format!("crosscheck-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    copy_dir(
        &crate::compile::contracts_dir().join("src"),
        &tmp.join("src"),
    )?;
    let t = Instant::now();
    crate::compile::compile_uncached(&tmp)?;
    let cold = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    crate::compile::compile_uncached(&tmp)?;
    let cached = t.elapsed().as_secs_f64() * 1e3;
    let _ = std::fs::remove_dir_all(&tmp);
    Ok((cold, cached))
}

/// Copies a directory tree.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Measures everything on `design`.
pub fn measure(design: DesignId) -> Result<Figures> {
    let (cold_compile_ms, cached_compile_ms) = time_compiles()?;
    let snapshot = genesis_snapshot(design, &crate::compile::contracts_dir())?;

    let mut world = World::from_snapshot(&snapshot);
    let token = world.addr(ChainId::L1, "L1Token");
    let from = Actor::Orchestrator3.address();
    let to = Actor::Attacker.address();
    let n = 20_000;
    let t = Instant::now();
    for _ in 0..n {
        let call = ILivepeerToken::transferCall {
            to,
            amount: U256::from(1),
        };
        world.send(ChainId::L1, from, token, &call, U256::ZERO)?;
    }
    let transfer_us = per_iteration(t.elapsed(), n);

    let n = 5_000;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(World::from_snapshot(&snapshot));
    }
    let snapshot_clone_us = per_iteration(t.elapsed(), n);

    let n = 2_000;
    // Design D migrates a delegator to its own address on L2 (the fixed L2 Migrator
    // refuses any other); the others move the stake to an orchestrator there.
    let migrate = Action::Migrate {
        actor: Actor::Delegator2,
        dest: match design {
            DesignId::D => Actor::Delegator2,
            _ => Actor::Orchestrator1,
        },
    };
    let t = Instant::now();
    for _ in 0..n {
        let mut w = World::from_snapshot(&snapshot);
        let status = w.apply(&migrate)?;
        if !status.is_ok() {
            anyhow::bail!("benchmark migration: {status}");
        }
        let ticket = *w.effects.tickets_created.last().expect("ticket");
        w.auto_redeem(ticket, None)?
            .map_err(|r| anyhow::anyhow!("{r}"))?;
        std::hint::black_box(w.read_chain(ChainId::L1)?);
        std::hint::black_box(w.read_chain(ChainId::L2)?);
    }
    let migrate_cycle_us = per_iteration(t.elapsed(), n);

    let mut world = World::from_snapshot(&snapshot);
    let (mut checker, _) = crate::checker::Checker::new(&mut world)?;
    let idle = crate::action::Action::Advance {
        clock: crate::action::Clock::Both,
        seconds: 0,
    };
    let n = 5_000;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(checker.step(&mut world, &idle)?);
    }
    let check_us = per_iteration(t.elapsed(), n);
    let view = checker.view_now(&mut world)?;
    let n = 100_000;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(invariants::check_all(
            checker.invariants(),
            std::hint::black_box(&view),
        ));
    }
    let invariants_only_us = per_iteration(t.elapsed(), n);

    Ok(Figures {
        check_us,
        invariants_only_us,
        cold_compile_ms,
        cached_compile_ms,
        transfer_us,
        snapshot_clone_us,
        migrate_cycle_us,
    })
}

/// Prints the figures, one per line.
pub fn print(f: &Figures) {
    println!(
        "compile, cold (no cache)         {:>10.1} ms",
        f.cold_compile_ms
    );
    println!(
        "compile, cached (unchanged tree) {:>10.1} ms",
        f.cached_compile_ms
    );
    println!(
        "baseline: one L1 LPT transfer    {:>10.2} µs",
        f.transfer_us
    );
    println!(
        "snapshot clone                   {:>10.2} µs  ({:.2}× a transfer)",
        f.snapshot_clone_us,
        f.snapshot_clone_us / f.transfer_us
    );
    println!(
        "migrate → deliver → read cycle   {:>10.2} µs  ({:.2}× a transfer)",
        f.migrate_cycle_us,
        f.migrate_cycle_us / f.transfer_us
    );
    println!(
        "one full invariant check          {:>10.2} µs  ({:.2}× a transfer)",
        f.check_us,
        f.check_us / f.transfer_us
    );
    println!(
        "  of which the invariants alone   {:>10.2} µs  ({:.2}× a transfer)",
        f.invariants_only_us,
        f.invariants_only_us / f.transfer_us
    );
}
