//! `dtcalc report --by area`: every area assessed by the kernel, ranked,
//! selected, rendered.

use anyhow::Result;

use super::areas;
use super::data::Data;
use super::{deliver, look, methods};
use crate::calc::Options;
use crate::calc::rank::{self, Selection};
use crate::cli::ReportArgs;
use crate::exit::Outcome;
use crate::report::{self, AreaContext, Format};
use crate::store::AreaId;
use crate::targets::Resolution;

pub fn run(
    args: &ReportArgs,
    resolution: &Resolution,
    data: &Data,
    options: &Options,
    format: Format,
) -> Result<Outcome> {
    let selection = Selection {
        areas: areas::named(data, &args.area)?,
        top: args.top,
        bottom: args.bottom,
    };
    let mut rows = rank::rows(resolution, &data.store, options);
    rank::select(&mut rows, &selection);
    let files = data.outcome.names();
    let methods = methods(args.method);
    let detail =
        |area: AreaId| crate::assess::area(resolution, &data.store, Some(area), options, &methods);
    let ctx = AreaContext {
        resolution,
        as_of: options.as_of,
        horizons: &options.horizons,
        pillars: &selected_pillars(resolution, options),
        rows: &rows,
        files: &files,
        detail: &detail,
    };
    let look = look(&args.common, &args.output);
    deliver(&args.output, |out| {
        report::render_areas(out, &ctx, format, look)
    })?;
    Ok(Outcome::Success)
}

/// The pillars assessed: those of `--pillar`, else all.
fn selected_pillars(resolution: &Resolution, options: &Options) -> Vec<usize> {
    match options.pillars.is_empty() {
        true => (0..resolution.pillars.len()).collect(),
        false => options.pillars.clone(),
    }
}
