//! `dtcalc report`: load targets and data, assess, render.

use anyhow::{Result, bail};

use super::data::{data_paths, load_actuals};
use super::{deliver, format, lang, load_targets, look};
use crate::actuals::{Actuals, nfc};
use crate::calc::{self, Options};
use crate::cli::{By, MethodArg, ReportArgs};
use crate::diagnostic::list;
use crate::exit::Outcome;
use crate::lang::Lang;
use crate::progress::{self, Method};
use crate::report::{self, Context, Format};
use crate::targets::Resolution;

pub fn run(args: ReportArgs) -> Result<Outcome> {
    let format = format(&args.output, super::lang(&args.common))?;
    let resolution = load_targets(&args.common)?;
    let lang = lang(&args.common);
    let horizons = horizons(&resolution, &args.horizon, lang)?;
    for p in &args.pillar {
        if resolution.pillar(p).is_none() {
            let known: Vec<&str> = resolution.pillars.iter().map(|p| p.id.as_str()).collect();
            match lang {
                Lang::Vi => bail!(
                    "không có trụ cột \"{p}\"; các trụ cột đã biết: {}",
                    known.join(", ")
                ),
                Lang::En => bail!(
                    "unknown pillar \"{p}\"; known pillars: {}",
                    known.join(", ")
                ),
            }
        }
    }
    let data = data_paths(&args.data, "report", lang)?;
    if args.by == Some(By::Area) {
        if matches!(format, Format::Markdown | Format::Html) {
            // Said before the data is read: an area file may be large.
            bail!(lang.pick(
                "--by area chỉ có ở dạng table, csv hoặc json",
                "--by area is available as table, csv or json"
            ));
        }
        return super::report_by_area::run(&args, &resolution, &horizons, &data, format);
    }
    let mut actuals = load_actuals(&data, &resolution, &args.input, args.skip_invalid, lang)?;
    if !args.area.is_empty() {
        keep_one_area(&mut actuals, &args.area, lang)?;
    } else if let Some(msg) = actuals.mixed_areas() {
        bail!("{}", msg.get(lang));
    }
    let options = Options {
        as_of: args.as_of,
        horizons,
        pillars: args.pillar.clone(),
    };
    let assessment = calc::assess(&resolution, &actuals.observations, &options);
    let progress = progress::assess(
        &resolution,
        &actuals.observations,
        &assessment,
        &methods(args.method),
    );
    let ctx = Context {
        resolution: &resolution,
        assessment: &assessment,
        files: &actuals.files,
        progress: &progress,
    };
    // Rendered in full before anything is written: a failure leaves no
    // partial report on stdout or in the --output file.
    let mut out = Vec::new();
    report::render_report(&mut out, &ctx, format, look(&args.common, &args.output))?;
    deliver(&args.output, &out, super::lang(&args.common))?;
    Ok(Outcome::Success)
}

/// `--area CODE` without `--by area`: keeps that area's rows only, so the
/// single-area report (and its progress series) is that area's.
fn keep_one_area(actuals: &mut Actuals, wanted: &[String], lang: Lang) -> Result<()> {
    let [code] = wanted else {
        bail!(lang.pick(
            "không có --by area thì --area chỉ nêu một địa bàn; để so sánh nhiều địa bàn, dùng --by area --area A --area B",
            "without --by area, --area names one area; to compare several, use --by area --area A --area B"
        ));
    };
    let code = nfc(code.trim().to_string());
    let known: Vec<String> = actuals.areas().iter().map(|a| a.to_string()).collect();
    if !known.contains(&code) {
        match lang {
            Lang::Vi => bail!(
                "không có địa bàn \"{code}\" trong dữ liệu; các địa bàn: {}",
                list(&known, 10, lang)
            ),
            Lang::En => bail!(
                "no area \"{code}\" in the data; its areas: {}",
                list(&known, 10, lang)
            ),
        }
    }
    actuals
        .observations
        .retain(|o| o.area.as_deref() == Some(code.as_str()));
    Ok(())
}

/// The progress methods for `--method`, the primary first.
pub(super) fn methods(arg: MethodArg) -> Vec<Method> {
    match arg {
        MethodArg::Growth => vec![Method::Growth],
        MethodArg::Anticipated => vec![Method::Anticipated],
        MethodArg::Linear => vec![Method::Linear],
        MethodArg::All => vec![Method::Growth, Method::Anticipated, Method::Linear],
    }
}

/// `all` gives every target year; otherwise one that the resolution has.
fn horizons(resolution: &Resolution, horizon: &str, lang: Lang) -> Result<Vec<i32>> {
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
        _ => match lang {
            Lang::Vi => bail!(
                "--horizon {horizon}: không phải năm mục tiêu của nghị quyết này; cần một trong {list} hoặc all"
            ),
            Lang::En => bail!(
                "--horizon {horizon}: not a target year of this resolution; expected one of {list} or all"
            ),
        },
    }
}
