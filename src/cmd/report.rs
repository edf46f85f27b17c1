//! `dtcalc report`: load targets and data, assess, render.

use std::io::IsTerminal;

use anyhow::{Result, bail};

use super::{deliver, format, load_targets, look};
use crate::actuals::{Actuals, ReadOptions};
use crate::calc::{self, Options};
use crate::cli::ReportArgs;
use crate::exit::Outcome;
use crate::report::{self, Context};
use crate::targets::Resolution;

pub fn run(args: ReportArgs) -> Result<Outcome> {
    let format = format(&args.output)?;
    let resolution = load_targets(&args.common)?;
    let horizons = horizons(&resolution, &args.horizon)?;
    for p in &args.pillar {
        if resolution.pillar(p).is_none() {
            let known: Vec<&str> = resolution.pillars.iter().map(|p| p.id.as_str()).collect();
            bail!(
                "unknown pillar \"{p}\"; known pillars: {}",
                known.join(", ")
            );
        }
    }
    let mut data = args.data.clone();
    if data.is_empty() {
        if std::io::stdin().is_terminal() {
            bail!("no data file given; usage: dtcalc report DATA.csv (or `-` for standard input)");
        }
        data.push("-".to_string());
    }
    let actuals = Actuals::load(
        &data,
        &resolution,
        ReadOptions {
            delimiter: args.delimiter,
        },
    )?;
    for w in &actuals.warnings {
        eprintln!("dtcalc: warning: {w}");
    }
    if !actuals.problems.is_empty() {
        for p in &actuals.problems {
            eprintln!("{p}");
        }
        let n = actuals.problems.len();
        bail!(
            "{n} problem{} in the data; nothing was computed",
            if n == 1 { "" } else { "s" }
        );
    }
    let options = Options {
        as_of: args.as_of,
        horizons,
        pillars: args.pillar.clone(),
    };
    let assessment = calc::assess(&resolution, &actuals.observations, &options);
    let ctx = Context {
        resolution: &resolution,
        assessment: &assessment,
        files: &actuals.files,
    };
    // Rendered in full before anything is written: a failure leaves no
    // partial report on stdout or in the --output file.
    let mut out = Vec::new();
    report::render_report(&mut out, &ctx, format, look(&args.common, &args.output))?;
    deliver(&args.output, &out)?;
    Ok(Outcome::Success)
}

/// `all` gives every target year; otherwise one that the resolution has.
fn horizons(resolution: &Resolution, horizon: &str) -> Result<Vec<i32>> {
    let years = resolution.target_years();
    if horizon.eq_ignore_ascii_case("all") {
        return Ok(years);
    }
    let list = years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    match horizon.parse::<i32>() {
        Ok(y) if years.contains(&y) => Ok(vec![y]),
        _ => bail!(
            "--horizon {horizon}: not a target year of this resolution; expected one of {list} or all"
        ),
    }
}
