//! `dtcalc report`: load targets and data, assess one area, render.

use anyhow::Result;

use super::data::{self, data_paths};
use super::{areas, deliver, format, lang, load_targets, look, methods, pillars};
use crate::calc::Options;
use crate::cli::{By, ReportArgs};
use crate::exit::Outcome;
use crate::msg::Failure;
use crate::report::{self, Context, Format};
use crate::targets::Resolution;

pub fn run(args: ReportArgs) -> Result<Outcome> {
    super::refuse_inputs(args.output.output.as_deref(), &args.data, &args.common)?;
    let lang = lang(&args.common);
    let format = format(&args.output)?;
    let resolution = load_targets(&args.common)?;
    let horizons = horizons(&resolution, &args.horizon)?;
    let pillars = pillars(&resolution, &args.pillar)?;
    // a roll-up shows every parent, unless --area names one
    let by_area =
        args.by == Some(By::Area) || (args.roll.roll_up.is_some() && args.area.is_empty());
    if by_area && matches!(format, Format::Markdown | Format::Html) {
        // Said before the data is read: an area file may be large.
        return Err(Failure::ByAreaFormat.into());
    }
    let paths = data_paths(&args.data, "report")?;
    let areas = data::areas(
        &args.input,
        &args.roll,
        (&args.area, args.by == Some(By::Area)),
    )?;
    let how = (args.skip_invalid, lang);
    let data = data::load(&paths, &resolution, &args.input, how, &areas, args.as_of)?;
    let options = Options {
        as_of: args.as_of.or(data.store.max_year()),
        horizons,
        pillars,
    };
    if by_area {
        return super::report_by_area::run(&args, &resolution, &data, &options, format);
    }
    let area = areas::one(&data, &args.area)?;
    let methods = methods(args.method);
    let (assessment, progress) =
        crate::assess::area(&resolution, &data.store, area, &options, &methods);
    let files = data.outcome.names();
    let ctx = Context {
        resolution: &resolution,
        assessment: &assessment,
        files: &files,
        progress: &progress,
    };
    let look = look(&args.common, &args.output);
    deliver(&args.output, |out| {
        report::render_report(out, &ctx, format, look)
    })?;
    Ok(Outcome::Success)
}

/// `all` gives every target year; otherwise one that the resolution has.
fn horizons(resolution: &Resolution, horizon: &str) -> Result<Vec<i32>> {
    let years = resolution.target_years();
    if horizon.eq_ignore_ascii_case("all") {
        return Ok(years);
    }
    match horizon.trim().parse::<i32>() {
        Ok(y) if years.contains(&y) => Ok(vec![y]),
        _ => Err(Failure::NotATargetYear {
            given: horizon.to_string(),
            years: list(&years),
            all: true,
        }
        .into()),
    }
}

/// Years as `2025, 2030`.
pub(super) fn list(years: &[i32]) -> String {
    years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
