//! `dtcalc report --by area`: stream the data into per-area figures, assess
//! every area, rank, select, render.

use anyhow::{Result, bail};

use super::{emit, lang, width};
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
    let read = read::read(data, &mut agg, args.input.delimiter)?;
    for w in &read.warnings {
        eprintln!("dtcalc: warning: {w}");
    }
    if !read.problems.is_empty() || read.more_problems > 0 {
        for p in &read.problems {
            eprintln!("{p}");
        }
        if read.more_problems > 0 {
            eprintln!("... and {} more problems", read.more_problems);
        }
        let n = read.problems.len() + read.more_problems;
        bail!(
            "{n} problem{} in the data; nothing was computed",
            if n == 1 { "" } else { "s" }
        );
    }
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
