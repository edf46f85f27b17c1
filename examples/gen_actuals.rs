//! Synthetic actuals for benchmarks: every indicator of a resolution for
//! every area and year, with one row per member for "each" indicators.
//!
//! cargo run --release --example gen_actuals -- --areas 10600 --years 5 [--targets FILE] [--seed N] [--sectors N] > big.csv
//!
//! Deterministic for a given seed. Figures are random walks around a
//! per-area level, in each unit's natural range; about 1 % of figures are
//! left out, so some areas have gaps (and incomplete indicators).

use std::io::{BufWriter, Write};

use dtcalc::targets::{self, Resolution, Unit};

/// Sectors used for "each sector" indicators without declared members.
const SECTORS: [&str; 12] = [
    "agriculture",
    "industry",
    "construction",
    "trade",
    "tourism",
    "transport",
    "education",
    "health",
    "finance",
    "energy",
    "environment",
    "culture",
];

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

struct Args {
    areas: usize,
    years: i32,
    targets: Option<String>,
    seed: u64,
    sectors: usize,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        areas: 10_600,
        years: 5,
        targets: None,
        seed: 749,
        sectors: 10,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let bad = |_| format!("{flag}: \"{value}\" is not a number");
        match flag.as_str() {
            "--areas" => a.areas = value.parse().map_err(bad)?,
            "--years" => a.years = value.parse().map_err(bad)?,
            "--seed" => a.seed = value.parse().map_err(bad)?,
            "--sectors" => a.sectors = value.parse().map_err(bad)?,
            "--targets" => a.targets = Some(value),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    a.sectors = a.sectors.clamp(1, SECTORS.len());
    Ok(a)
}

/// A figure near `level` in the unit's natural range.
fn figure(unit: Unit, level: f64, rng: &mut Rng) -> f64 {
    let v = level + rng.range(-3.0, 3.0);
    match unit {
        Unit::Percent => (v.clamp(0.0, 100.0) * 10.0).round() / 10.0,
        Unit::Rank => v.round().max(1.0),
        Unit::PercentPerYear | Unit::Number => (v * 10.0).round() / 10.0,
    }
}

/// A per-area starting level for an indicator.
fn level(unit: Unit, rng: &mut Rng) -> f64 {
    match unit {
        Unit::Percent => rng.range(20.0, 95.0),
        Unit::Rank => rng.range(5.0, 120.0),
        Unit::PercentPerYear => rng.range(-2.0, 12.0),
        Unit::Number => rng.range(0.0, 1000.0),
    }
}

fn run() -> Result<(), String> {
    let a = args()?;
    let resolution: Resolution = match &a.targets {
        Some(p) => targets::load(std::path::Path::new(p)).map_err(|e| format!("{e:#}"))?,
        None => targets::parse(targets::BUILTIN, "targets.toml").map_err(|e| format!("{e:#}"))?,
    };
    let mut rng = Rng(a.seed);
    let out = std::io::stdout().lock();
    let mut w = BufWriter::with_capacity(1 << 16, out);
    let io = |e: std::io::Error| e.to_string();
    writeln!(w, "area,indicator,year,breakdown,value").map_err(io)?;
    let first = 2025 - a.years;
    for area in 1..=a.areas {
        for ind in &resolution.indicators {
            let members: Vec<&str> = match (&ind.each, ind.members.is_empty()) {
                (None, _) => vec![""],
                (Some(_), false) => ind.members.iter().map(String::as_str).collect(),
                (Some(_), true) => SECTORS.iter().take(a.sectors).copied().collect(),
            };
            for m in members {
                let mut lvl = level(ind.unit, &mut rng);
                let step = if ind.unit == Unit::Rank { -1.5 } else { 2.5 };
                for year in first..2025 {
                    lvl += step * rng.range(0.0, 1.0);
                    if rng.range(0.0, 1.0) < 0.01 {
                        continue; // a gap in the data
                    }
                    let v = figure(ind.unit, lvl, &mut rng);
                    writeln!(w, "{area:05},{},{year},{m},{v}", ind.id).map_err(io)?;
                }
            }
        }
    }
    w.flush().map_err(io)
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) if e.contains("Broken pipe") => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_actuals: error: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
