//! `crosscheck explore`: bounded exhaustive exploration, with a certificate.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use harness::designs::DesignId;
use harness::explore::{self, alphabet::Choice, Progress};

use super::{parse_duration, Failure, Outcome};

/// Arguments of `explore`.
#[derive(clap::Args)]
pub struct Args {
    /// The design (`--design`) or project file (`--config`).
    #[command(flatten)]
    target: super::target::Target,
    /// A mutant of the design to explore instead of the correct contracts.
    #[arg(long)]
    mutant: Option<String>,
    /// The longest sequence explored.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(0..=12))]
    depth: u64,
    /// The alphabet: small, full, or a JSON file ({"actions": [...], "bridge": true,
    /// "times": true}, actions in the script format).
    #[arg(long, default_value = "small")]
    alphabet: String,
    /// Worker threads, 1 to 256 (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=super::MAX_JOBS))]
    jobs: Option<u64>,
    /// Stop after this long (e.g. 10m); the certificate says how deep it got.
    #[arg(long, value_parser = parse_duration)]
    time: Option<Duration>,
    /// Stop once this many distinct states are known (memory grows with them).
    #[arg(long, default_value_t = 5_000_000, value_parser = clap::value_parser!(u64).range(1..))]
    max_states: u64,
    /// Explore every order of independent steps too (no sleep sets).
    #[arg(long)]
    no_reduction: bool,
    /// Skip the exit probe (every actor takes its value home, checked step by step) at each
    /// quiescent check: about three times faster, but the invariants of the exit are then
    /// not checked.
    #[arg(long)]
    no_exit: bool,
    /// Explore to the full depth after a violation, for every invariant's shortest
    /// counterexample (by default the search stops once the depth of the first is done).
    #[arg(long)]
    keep_going: bool,
    /// Where the certificate and failure files go (default
    /// target/crosscheck/explore/design_<d>/).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print the certificate and the timing as one JSON object, as the last line.
    #[arg(long)]
    json: bool,
}

/// Runs `explore`.
pub fn run(args: Args) -> Outcome {
    let design: DesignId = args.target.resolve()?;
    let alphabet: Choice = args.alphabet.parse()?;
    let jobs = super::jobs(args.jobs);
    let out = args.out.unwrap_or_else(|| {
        harness::files::default_output_dir(&format!("explore/{}", design.folder_name()))
    });
    harness::files::check_writable(&out)?;
    let config = explore::Config {
        design,
        mutant: args.mutant.clone(),
        depth: args.depth as usize,
        alphabet,
        jobs,
        time: args.time,
        max_states: args.max_states as usize,
        reduction: !args.no_reduction,
        exit: !args.no_exit,
        out: Some(out.clone()),
        keep_going: args.keep_going,
    };
    println!(
        "crosscheck explore: design {design}{}, depth {}, {} alphabet, {jobs} jobs, reduction {}",
        args.mutant
            .as_deref()
            .map(|m| format!(", mutant {m}"))
            .unwrap_or_default(),
        args.depth,
        args.alphabet,
        if args.no_reduction {
            "off"
        } else {
            "on (sleep sets)"
        },
    );
    super::stop_campaigns_on_signal();
    let progress = Arc::new(Progress::default());
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let ticker = {
        let (progress, done) = (progress.clone(), done.clone());
        std::thread::spawn(move || {
            let began = Instant::now();
            let mut printed = false;
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                if let (false, Some((name, lines))) = (printed, progress.alphabet.get()) {
                    print_alphabet(name, lines);
                    printed = true;
                }
                // Nothing until the search has started: an alphabet or genesis that fails
                // is one line on stderr, and nothing else.
                if !printed
                    || began.elapsed().as_millis() % 1000 >= 100
                    || done.load(Ordering::Relaxed)
                {
                    continue;
                }
                let secs = began.elapsed().as_secs_f64().max(1e-9);
                let transitions = progress.transitions.load(Ordering::Relaxed);
                let states = progress.states.load(Ordering::Relaxed);
                eprintln!(
                    "[{:>5.0}s] depth {} | frontier {} | states {} (as of the last depth), {:.0}/s | {} transitions, {:.0}/s | {} MiB",
                    secs,
                    progress.depth.load(Ordering::Relaxed),
                    progress.frontier.load(Ordering::Relaxed),
                    states,
                    states as f64 / secs,
                    transitions,
                    transitions as f64 / secs,
                    explore::resident_mib()
                );
            }
            printed
        })
    };
    let outcome = explore::explore(&config, &progress);
    done.store(true, Ordering::Relaxed);
    let printed = ticker.join().unwrap_or(true);
    let outcome = outcome?;
    let cert = &outcome.certificate;
    if !printed {
        print_alphabet(&cert.alphabet, &cert.letters);
    }
    let path = out.join("certificate.json");
    harness::files::write_atomic(&path, cert.to_json())?;
    println!(
        "\ndepth {} of {} completed{}{}: {} distinct states, {} transitions run, {} skipped by \
         the reduction, {} revisits; {} sequences represented; dedup ratio {}",
        cert.depth_completed,
        cert.depth,
        if cert.exhausted {
            " (no new state was left to expand)"
        } else {
            ""
        },
        cert.stopped
            .as_deref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default(),
        cert.distinct_states,
        cert.transitions,
        cert.pruned,
        cert.revisits,
        cert.sequences_represented,
        cert.dedup_ratio
    );
    println!(
        "{:.1} s, {:.0} states/s, {:.0} transitions/s, {} MiB; {} invariants checked at every state",
        outcome.timing.seconds,
        outcome.timing.states_per_sec,
        outcome.timing.transitions_per_sec,
        outcome.timing.resident_mib,
        cert.invariants.len()
    );
    for c in &cert.counterexamples {
        println!(
            "\nVIOLATION {} ({}) in {} steps, none shorter{}",
            c.invariant,
            c.kind,
            c.length,
            c.file
                .as_ref()
                .map(|p| format!(": {}", p.display()))
                .unwrap_or_default()
        );
        println!("  {}", c.detail);
        for (i, step) in c.steps.iter().enumerate() {
            println!("  {}. {}", i + 1, explore::alphabet::line(step, design));
        }
    }
    println!(
        "\nverdict: {}; certificate in {}",
        cert.verdict,
        path.display()
    );
    if args.json {
        println!(
            "{}",
            serde_json::json!({"certificate": cert, "timing": outcome.timing})
        );
    }
    if !cert.counterexamples.is_empty() {
        return Err(Failure::Violation);
    }
    if cert
        .stopped
        .as_deref()
        .is_some_and(|s| s.starts_with("interrupted"))
    {
        return Err(Failure::Interrupted);
    }
    Ok(())
}

fn print_alphabet(name: &str, lines: &[String]) {
    println!("alphabet ({name}):");
    for line in lines {
        println!("  {line}");
    }
}
