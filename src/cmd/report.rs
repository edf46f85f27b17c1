//! `dtcalc report`: load targets and data, assess, render.

use std::io::IsTerminal;

use anyhow::{Result, bail};

use super::{emit, lang, load_targets, read_options, width};
use crate::actuals::Actuals;
use crate::calc::{self, Options};
use crate::cli::{By, Format, ReportArgs};
use crate::exit::Outcome;
use crate::report::{self, Context};
use crate::targets::Resolution;

pub fn run(args: ReportArgs) -> Result<Outcome> {
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
    if args.by == Some(By::Area) {
        return super::report_by_area::run(&args, &resolution, &horizons, &data);
    }
    let actuals = Actuals::load(&data, &resolution, read_options(&args.input)?)?;
    for w in &actuals.warnings {
        eprintln!("dtcalc: warning: {w}");
    }
    refuse_invalid(&actuals, args.skip_invalid)?;
    if let Some(msg) = actuals.mixed_areas() {
        bail!(msg);
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
    let mut out = Vec::new();
    match args.format {
        Format::Table => report::table::render_report(&mut out, &ctx, lang(&args.common), width())?,
        Format::Json => report::json::render_report(&mut out, &ctx)?,
        Format::Csv => bail!("--format csv is available with --by area; use table or json"),
    }
    emit(&out)?;
    Ok(Outcome::Success)
}

/// Lists the problems on stderr and refuses to compute from invalid data;
/// with `skip_invalid`, leaves the invalid rows out (never whole files).
fn refuse_invalid(actuals: &Actuals, skip_invalid: bool) -> Result<()> {
    if actuals.problems.is_empty() {
        return Ok(());
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let file_problems = actuals.file_problems().count();
    if !skip_invalid || file_problems > 0 {
        for p in &actuals.problems {
            eprintln!("{p}");
        }
        let n = actuals.problems.len();
        if skip_invalid {
            bail!(
                "{file_problems} problem{} with whole files; --skip-invalid skips rows, not files; nothing was computed",
                plural(file_problems)
            );
        }
        bail!(
            "{n} problem{} in the data; nothing was computed (--skip-invalid computes from the valid rows)",
            plural(n)
        );
    }
    for p in &actuals.problems {
        eprintln!("dtcalc: skipped: {p}");
    }
    let n = actuals.rejected_rows;
    eprintln!("dtcalc: warning: skipped {n} invalid row{}", plural(n));
    Ok(())
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
