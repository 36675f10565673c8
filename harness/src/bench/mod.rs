//! `crosscheck bench`: what crosscheck costs and how fast it finds bugs, measured in one
//! run. Figures are reported as ratios against baselines from the same run (a committed
//! L1 transfer; raw replay of the campaign's own sequences; one job), because these
//! machines are noisy and absolute numbers from different runs do not compare.

pub mod campaign;
pub mod foundation;

use anyhow::Result;
use serde::Serialize;

use crate::designs::DesignId;
pub use campaign::Budget;

/// Everything one `bench` run measured; with `--json` it is the last line of output.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The design measured.
    pub design: String,
    /// Compile, snapshot and check costs.
    #[serde(flatten)]
    pub foundation: foundation::Figures,
    /// Campaign throughput, scaling and time to violation.
    #[serde(flatten)]
    pub campaign: campaign::CampaignFigures,
}

/// Runs every measurement and prints it; with `json`, the last line is the whole report
/// as one JSON object.
pub fn run(design: DesignId, budget: &Budget, json: bool) -> Result<Report> {
    println!("crosscheck bench: design {design}");
    let foundation = foundation::measure(design)?;
    foundation::print(&foundation);
    println!();
    let mut campaign = campaign::measure_throughput(design, budget)?;
    campaign::print_throughput(&campaign);
    println!();
    let how = match (budget.blind, budget.seeded) {
        (true, true) => "blind, then seeded with the regression corpus",
        (true, false) => "blind",
        _ => "seeded with the regression corpus (not a measure of finding power)",
    };
    println!(
        "time to violation, 2 jobs, {} seeds, {:.0} s budget each, {how}:",
        budget.seeds,
        budget.per_mutant.as_secs_f64()
    );
    println!(
        "  {:<36} {:<28} {:>6} {:>8} {:>8}{}",
        "mutant",
        "invariant",
        "found",
        "median s",
        "max s",
        if budget.blind && budget.seeded {
            "   seeded: found median s"
        } else {
            ""
        }
    );
    campaign.mutants = campaign::time_mutants(design, budget, &|m| {
        let seeded = m
            .seeded
            .as_ref()
            .map(|s| {
                format!(
                    "   {:>3}/{:<2} {:>8.2}",
                    s.seeds_found, budget.seeds, s.median_s
                )
            })
            .unwrap_or_default();
        println!(
            "  {:<36} {:<28} {:>3}/{:<2} {:>8.2} {:>8.2}{seeded}",
            m.name,
            m.invariant,
            m.timing.seeds_found,
            budget.seeds,
            m.timing.median_s,
            m.timing.max_s
        );
    })?;
    let found = campaign.mutants.iter().filter(|m| m.timing.found).count();
    let mut medians: Vec<f64> = campaign.mutants.iter().map(|m| m.timing.median_s).collect();
    medians.sort_by(f64::total_cmp);
    println!(
        "  {}: {found}/{} found by every seed; median of medians {:.2} s, slowest {:.2} s",
        if budget.blind { "blind" } else { "seeded" },
        campaign.mutants.len(),
        medians.get(medians.len() / 2).copied().unwrap_or(0.0),
        campaign
            .mutants
            .iter()
            .map(|m| m.timing.max_s)
            .fold(0.0, f64::max)
    );
    let report = Report {
        design: design.name().to_string(),
        foundation,
        campaign,
    };
    if json {
        println!("{}", serde_json::to_string(&report)?);
    }
    Ok(report)
}
