//! `dtcalc report --by area`: stream the data into per-area figures, assess
//! every area, rank, select, render.

use anyhow::{Result, bail};

use super::{deliver, look};
use crate::area::{AreaAggregator, Selection, read};
use crate::cli::ReportArgs;
use crate::exit::Outcome;
use crate::report::{self, AreaContext, Format};
use crate::targets::Resolution;

pub fn run(
    args: &ReportArgs,
    resolution: &Resolution,
    horizons: &[i32],
    data: &[String],
    format: Format,
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
    report::render_areas(&mut out, &ctx, format, look(&args.common, &args.output))?;
    deliver(&args.output, &out)?;
    Ok(Outcome::Success)
}
