//! `dtcalc report --by area`: stream the data into per-area figures, assess
//! every area, rank, select, render.

use anyhow::Result;

use super::data::{Found, refuse_invalid};
use super::{deliver, lang, look, read_options, warning};
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
    let lang = lang(&args.common);
    let read = read::read(data, &mut agg, &read_options(&args.input, lang)?)?;
    // The per-area reader's warnings are in English (src/area keeps strings).
    for w in &read.warnings {
        eprintln!("{}{w}", warning(lang));
    }
    let found = Found {
        problems: &read.problems,
        more: read.more_problems,
        rejected_rows: read.rejected_rows,
    };
    refuse_invalid(&found, args.skip_invalid, lang)?;
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
    deliver(&args.output, &out, super::lang(&args.common))?;
    Ok(Outcome::Success)
}
