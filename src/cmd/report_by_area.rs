//! `dtcalc report --by area`: stream the data into per-area figures, assess
//! every area, rank, select, render.

use anyhow::{Result, bail};

use super::{emit, lang, read_options, width};
use crate::actuals::FILE_RULES;
use crate::area::{AreaAggregator, Selection, read};
use crate::cli::{Format, ReportArgs};
use crate::exit::Outcome;
use crate::report::{self, AreaContext};
use crate::targets::Resolution;

pub fn run(
    args: &ReportArgs,
    resolution: &Resolution,
    horizons: &[i32],
    data: &[String],
) -> Result<Outcome> {
    let mut agg = AreaAggregator::new(resolution, args.as_of).map_err(anyhow::Error::msg)?;
    let read = read::read(data, &mut agg, &read_options(&args.input)?)?;
    for w in &read.warnings {
        eprintln!("dtcalc: warning: {w}");
    }
    refuse_invalid(&read, args.skip_invalid)?;
    let mut assessment = agg.finish(horizons, &args.pillar);
    let selection = Selection {
        areas: args.area.clone(),
        top: args.top,
        bottom: args.bottom,
    };
    assessment.select(&selection).map_err(anyhow::Error::msg)?;
    let ctx = AreaContext {
        resolution,
        assessment: &assessment,
        files: &read.files,
    };
    let mut out = Vec::new();
    match args.format {
        Format::Table => report::area_table::render(&mut out, &ctx, lang(&args.common), width())?,
        Format::Json => report::area_json::render(&mut out, &ctx)?,
        Format::Csv => report::area_csv::render(&mut out, &ctx)?,
    }
    emit(&out)?;
    Ok(Outcome::Success)
}

/// As the single-area report: lists the problems on stderr and refuses to
/// compute from invalid data; with `skip_invalid`, leaves the invalid rows
/// out (never whole files).
fn refuse_invalid(read: &read::AreaRead, skip_invalid: bool) -> Result<()> {
    let n = read.problems.len() + read.more_problems;
    if n == 0 {
        return Ok(());
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let more = || {
        if read.more_problems > 0 {
            eprintln!("... and {} more problems", read.more_problems);
        }
    };
    let file_problems = read
        .problems
        .iter()
        .filter(|d| FILE_RULES.contains(&d.rule))
        .count();
    if !skip_invalid || file_problems > 0 {
        for p in &read.problems {
            eprintln!("{p}");
        }
        more();
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
    for p in &read.problems {
        eprintln!("dtcalc: skipped: {p}");
    }
    more();
    let n = read.rejected_rows;
    eprintln!("dtcalc: warning: skipped {n} invalid row{}", plural(n));
    Ok(())
}
