//! `dtcalc check`: judge the selected indicators (of one area, or of every
//! area with `--by area`) against a requirement and answer with an exit
//! code (0 all pass, 1 any fails, 2 could not run).

use anyhow::Result;

use super::data::{self, Data, data_paths};
use super::report::list;
use super::{areas, lang, load_targets, methods, pillars};
use crate::assess::Assessor;
use crate::calc::Options;
use crate::cli::{By, CheckArgs, CheckFormat, RequireArg};
use crate::exit::Outcome;
use crate::msg::Failure;
use crate::progress::Method;
use crate::progress::gate::{self, Require, Rule, Verdict};
use crate::read::field::nearest_indicator;
use crate::report::check::{
    AreaVerdict, CheckContext, render_areas_json, render_areas_text, render_json, render_text,
};
use crate::report::output;
use crate::store::AreaId;
use crate::targets::Resolution;

pub fn run(args: CheckArgs) -> Result<Outcome> {
    let lang = lang(&args.common);
    let resolution = load_targets(&args.common)?;
    let year = horizon(&resolution, args.horizon)?;
    let pillars = pillars(&resolution, &args.pillar)?;
    let selected = indicators(&resolution, &args.indicator, year)?;
    let paths = data_paths(&args.data, "check")?;
    let areas = data::areas(
        &args.input,
        &args.roll,
        (&args.area, args.by == Some(By::Area)),
    )?;
    let data = data::load(
        &paths,
        &resolution,
        &args.input,
        (false, lang),
        &areas,
        args.as_of,
    )?;
    let options = Options {
        as_of: args.as_of.or(data.store.max_year()),
        horizons: vec![year],
        pillars,
    };
    let rule = rule(&args);
    // progress is computed only when the requirement needs it
    let asked = methods(args.method);
    let method = asked.first().copied().unwrap_or(Method::Growth);
    // across areas, progress is computed only when the requirement needs it
    // a roll-up checks every parent, unless --area names one
    let by_area =
        args.by == Some(By::Area) || (args.roll.roll_up.is_some() && args.area.is_empty());
    let methods: Vec<Method> = match (by_area, rule.require.and_then(Require::floor)) {
        (true, None) => Vec::new(),
        _ => asked,
    };
    let keep = |i: usize| selected.is_empty() || selected.contains(&i);
    let judge = Judge {
        resolution: &resolution,
        data: &data,
        options: &options,
        methods: &methods,
        rule,
    };
    let ctx = |verdicts| CheckContext {
        resolution: &resolution,
        year,
        as_of: options.as_of,
        rule,
        method,
        verdicts,
    };
    let pass = if by_area {
        let wanted = areas::named(&data, &args.area)?;
        let ids: Vec<AreaId> = match wanted.is_empty() {
            true => (0..data.store.area_count() as AreaId).collect(),
            false => wanted,
        };
        let verdicts = crate::spread::runs(ids.len(), |run| {
            let mut assessor = judge.assessor();
            run.filter_map(|i| ids.get(i))
                .map(|&area| judge.area(&mut assessor, Some(area), &keep, year))
                .collect()
        })
        .into_iter()
        .collect::<Result<Vec<_>>>()?;
        let c = ctx(&[]);
        output::write_with(None, |out| match args.format {
            CheckFormat::Text => render_areas_text(out, &c, &verdicts, lang),
            CheckFormat::Json => render_areas_json(out, &c, &verdicts),
        })?;
        verdicts.iter().all(|v| v.failing.is_empty())
    } else {
        let area = areas::one(&data, &args.area)?;
        let (assessment, progress) = judge.assessor().area(area);
        let verdicts = gate::judge(&assessment, &progress, &rule, keep);
        if verdicts.is_empty() {
            return Err(Failure::NothingToCheck { year }.into());
        }
        let c = ctx(&verdicts);
        output::write_with(None, |out| match args.format {
            CheckFormat::Text => render_text(out, &c, lang),
            CheckFormat::Json => render_json(out, &c),
        })?;
        verdicts.iter().all(Verdict::passes)
    };
    Ok(if pass {
        Outcome::Success
    } else {
        Outcome::CheckFailed
    })
}

/// What every area is judged with.
struct Judge<'a> {
    resolution: &'a Resolution,
    data: &'a Data,
    options: &'a Options,
    methods: &'a [Method],
    rule: Rule,
}

impl Judge<'_> {
    /// What assesses areas one after another.
    fn assessor(&self) -> Assessor<'_> {
        Assessor::new(
            self.resolution,
            &self.data.store,
            self.options,
            self.methods,
        )
    }

    /// One area's verdict, assessed by `assessor`: the ids of its failing
    /// indicators.
    fn area(
        &self,
        assessor: &mut Assessor,
        area: Option<AreaId>,
        keep: &(dyn Fn(usize) -> bool + Sync),
        year: i32,
    ) -> Result<AreaVerdict> {
        let (assessment, progress) = assessor.area(area);
        let verdicts = gate::judge(&assessment, &progress, &self.rule, keep);
        if verdicts.is_empty() {
            return Err(Failure::NothingToCheck { year }.into());
        }
        let failing = verdicts
            .iter()
            .filter(|v| !v.passes())
            .filter_map(|v| self.resolution.indicators.get(v.result.indicator))
            .map(|i| i.id.clone())
            .collect();
        Ok(AreaVerdict {
            area: area.map_or_else(String::new, |a| self.data.store.area_name(a).to_string()),
            checked: verdicts.len(),
            failing,
        })
    }
}

/// The requirement the flags ask for.
fn rule(args: &CheckArgs) -> Rule {
    Rule {
        require: match args.require {
            Some(RequireArg::Met) => Some(Require::Met),
            Some(RequireArg::Substantial) => Some(Require::Substantial),
            Some(RequireArg::Moderate) => Some(Require::Moderate),
            None if args.min_attainment.is_none() => Some(Require::Met),
            None => None,
        },
        min_attainment: args.min_attainment,
        allow_missing: args.allow_missing,
    }
}

/// The target year asked for, or the earliest one.
fn horizon(resolution: &Resolution, asked: Option<i32>) -> Result<i32> {
    let years = resolution.target_years();
    match asked {
        Some(y) if years.contains(&y) => Ok(y),
        Some(y) => Err(Failure::NotATargetYear {
            given: y.to_string(),
            years: list(&years),
            all: false,
        }
        .into()),
        None => years
            .first()
            .copied()
            .ok_or_else(|| Failure::NoTargetYears.into()),
    }
}

/// Indices of the indicators named with `--indicator`; each must exist and
/// have a target in `year`.
fn indicators(resolution: &Resolution, ids: &[String], year: i32) -> Result<Vec<usize>> {
    let mut out = Vec::new();
    for id in ids {
        let Some(i) = resolution.indicator(id) else {
            return Err(Failure::UnknownIndicator {
                id: id.clone(),
                near: nearest_indicator(id, resolution),
            }
            .into());
        };
        let ind = &resolution.indicators[i];
        if ind.target_for(year).is_none() {
            let has: Vec<String> = ind.targets.iter().map(|t| t.year.to_string()).collect();
            return Err(Failure::NoTargetInYear {
                id: id.clone(),
                year,
                has: has.join(", "),
            }
            .into());
        }
        out.push(i);
    }
    Ok(out)
}
