//! `dtcalc check`: judge the selected indicators against a requirement and
//! answer with an exit code (0 all pass, 1 any fails, 2 could not run).

use anyhow::{Result, bail};

use super::data::{data_paths, load_actuals};
use super::{emit, lang, load_targets};
use crate::actuals::Actuals;
use crate::calc::{self, Options};
use crate::cli::{CheckArgs, CheckFormat, RequireArg};
use crate::exit::Outcome;
use crate::lang::{Lang, Text};
use crate::progress::{
    self,
    gate::{self, Require, Rule},
};
use crate::report::check::{CheckContext, render_json, render_text};
use crate::targets::Resolution;

pub fn run(args: CheckArgs) -> Result<Outcome> {
    let lang = lang(&args.common);
    let resolution = load_targets(&args.common)?;
    let year = horizon(&resolution, args.horizon, lang)?;
    check_pillars(&resolution, &args.pillar, lang)?;
    let selected = indicators(&resolution, &args.indicator, year, lang)?;
    let actuals = load_data(&args, &resolution)?;
    let options = Options {
        as_of: args.as_of,
        horizons: vec![year],
        pillars: args.pillar.clone(),
    };
    let assessment = calc::assess(&resolution, &actuals.observations, &options);
    let methods = super::report::methods(args.method);
    let progress = progress::assess(&resolution, &actuals.observations, &assessment, &methods);
    let rule = Rule {
        require: match args.require {
            Some(RequireArg::Met) => Some(Require::Met),
            Some(RequireArg::Substantial) => Some(Require::Substantial),
            Some(RequireArg::Moderate) => Some(Require::Moderate),
            None if args.min_attainment.is_none() => Some(Require::Met),
            None => None,
        },
        min_attainment: args.min_attainment,
        allow_missing: args.allow_missing,
    };
    let keep = |i: usize| selected.is_empty() || selected.contains(&i);
    let verdicts = gate::judge(&assessment, &progress, &rule, keep);
    if verdicts.is_empty() {
        bail!(
"{}",
Text::new(format!("nothing to check: no selected indicator has a target for {year}"), format!("không có gì để kiểm tra: không chỉ tiêu nào được chọn có mục tiêu cho năm {year}")).get(lang)
);
    }
    let ctx = CheckContext {
        resolution: &resolution,
        year,
        as_of: assessment.as_of,
        rule,
        method: methods.first().copied().unwrap_or(progress::Method::Growth),
        verdicts: &verdicts,
    };
    let mut out = Vec::new();
    match args.format {
        CheckFormat::Text => render_text(&mut out, &ctx, lang)?,
        CheckFormat::Json => render_json(&mut out, &ctx)?,
    }
    emit(&out)?;
    Ok(if verdicts.iter().all(|v| v.passes()) {
        Outcome::Success
    } else {
        Outcome::CheckFailed
    })
}

/// The target year asked for, or the earliest one.
fn horizon(resolution: &Resolution, asked: Option<i32>, lang: Lang) -> Result<i32> {
    let years = resolution.target_years();
    let list = years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    match asked {
        Some(y) if years.contains(&y) => Ok(y),
        Some(y) => match lang {
            Lang::Vi => bail!(
                "--horizon {y}: không phải năm mục tiêu của nghị quyết này; cần một trong {list}"
            ),
            Lang::En => {
                bail!("--horizon {y}: not a target year of this resolution; expected one of {list}")
            }
        },
        None => match years.first() {
            Some(&y) => Ok(y),
            None => bail!(lang.pick(
                "tệp mục tiêu không có năm mục tiêu nào",
                "the targets file has no target years"
            )),
        },
    }
}

fn check_pillars(resolution: &Resolution, pillars: &[String], lang: Lang) -> Result<()> {
    for p in pillars {
        if resolution.pillar(p).is_none() {
            let known: Vec<&str> = resolution.pillars.iter().map(|p| p.id.as_str()).collect();
            let known = known.join(", ");
            bail!(
                "{}",
                Text::new(
                    format!("unknown pillar \"{p}\"; known pillars: {known}"),
                    format!("không có trụ cột \"{p}\"; các trụ cột: {known}")
                )
                .get(lang)
            );
        }
    }
    Ok(())
}

/// Indices of the indicators named with `--indicator`; each must exist and
/// have a target in `year`.
fn indicators(
    resolution: &Resolution,
    ids: &[String],
    year: i32,
    lang: Lang,
) -> Result<Vec<usize>> {
    let mut out = Vec::new();
    for id in ids {
        let found = resolution
            .indicators
            .iter()
            .enumerate()
            .find(|(_, i)| &i.id == id);
        let Some((i, ind)) = found else {
            let near = resolution
                .indicators
                .iter()
                .map(|i| (strsim::jaro_winkler(id, &i.id), i.id.as_str()))
                .filter(|(s, _)| *s > 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let hint = near.map_or_else(String::new, |(_, n)| match lang {
                Lang::Vi => format!("; có phải là \"{n}\" không?"),
                Lang::En => format!("; did you mean \"{n}\"?"),
            });
            bail!(
                "{}",
                Text::new(
                    format!("unknown indicator \"{id}\"{hint}"),
                    format!("không có chỉ tiêu \"{id}\"{hint}")
                )
                .get(lang)
            );
        };
        if ind.target_for(year).is_none() {
            let has: Vec<String> = ind.targets.iter().map(|t| t.year.to_string()).collect();
            let has = has.join(", ");
            bail!(
                "{}",
                Text::new(
                    format!("indicator \"{id}\" has no target for {year} (it has: {has})"),
                    format!("chỉ tiêu \"{id}\" không có mục tiêu cho năm {year} (chỉ có: {has})")
                )
                .get(lang)
            );
        }
        out.push(i);
    }
    Ok(out)
}

fn load_data(args: &CheckArgs, resolution: &Resolution) -> Result<Actuals> {
    let lang = lang(&args.common);
    let data = data_paths(&args.data, "check", lang)?;
    load_actuals(&data, resolution, &args.input, false, lang)
}
