//! Output of `dtcalc check`: one line per failing indicator and a summary
//! (text, in the language asked for), or one JSON object (always English).
//! Renders only.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::text;
use crate::calc::IndicatorResult;
use crate::lang::Lang;
use crate::msg::label::{self, CheckLine};
use crate::progress::gate::{Reason, Rule, Verdict};
use crate::progress::{Class, Method};
use crate::targets::{Resolution, Target, Unit};

/// Everything the check renderers need.
pub struct CheckContext<'a> {
    /// The resolution checked.
    pub resolution: &'a Resolution,
    /// The target year checked.
    pub year: i32,
    /// The as-of year of the figures.
    pub as_of: Option<i32>,
    /// The requirement.
    pub rule: Rule,
    /// The primary progress method.
    pub method: Method,
    /// One verdict per checked indicator.
    pub verdicts: &'a [Verdict<'a>],
}

/// One area's verdict under `check --by area`.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaVerdict {
    /// The area's name.
    pub area: String,
    /// Indicators checked.
    pub checked: usize,
    /// Ids of the indicators that fail.
    pub failing: Vec<String>,
}

/// Ids of failing indicators named on an area's line.
const IDS_NAMED: usize = 5;

/// Writes `check --by area` as text: one line per failing area, then a
/// summary, in `lang`.
pub fn render_areas_text(
    out: &mut dyn Write,
    c: &CheckContext,
    areas: &[AreaVerdict],
    lang: Lang,
) -> Result<()> {
    for a in areas.iter().filter(|a| !a.failing.is_empty()) {
        let ids = crate::msg::list(&a.failing, IDS_NAMED, lang);
        let line = CheckLine::AreaFails {
            area: &a.area,
            failed: a.failing.len(),
            checked: a.checked,
            ids: &ids,
        };
        writeln!(out, "{}", line.say(lang))?;
    }
    let n = areas.len();
    let failed = areas.iter().filter(|a| !a.failing.is_empty()).count();
    let req = &requirement(c, lang);
    let summary = match failed {
        0 => CheckLine::AreasPass { n, req },
        _ => CheckLine::AreasFail { failed, n, req },
    };
    writeln!(out, "{}", summary.say(lang))?;
    Ok(())
}

#[derive(Serialize)]
struct AreasCheckJson<'a> {
    target_year: i32,
    as_of: Option<i32>,
    require: Option<&'static str>,
    min_attainment_pct: Option<f64>,
    allow_missing: bool,
    method: &'static str,
    pass: bool,
    areas_checked: usize,
    areas_passed: usize,
    areas_failed: usize,
    areas: Vec<AreaJson<'a>>,
}

#[derive(Serialize)]
struct AreaJson<'a> {
    area: &'a str,
    pass: bool,
    checked: usize,
    failed: usize,
    failing: &'a [String],
}

/// Writes `check --by area` as one JSON object.
pub fn render_areas_json(
    out: &mut dyn Write,
    c: &CheckContext,
    areas: &[AreaVerdict],
) -> Result<()> {
    let failed = areas.iter().filter(|a| !a.failing.is_empty()).count();
    let doc = AreasCheckJson {
        target_year: c.year,
        as_of: c.as_of,
        require: c.rule.require.map(|r| r.id()),
        min_attainment_pct: c.rule.min_attainment,
        allow_missing: c.rule.allow_missing,
        method: c.method.id(),
        pass: failed == 0,
        areas_checked: areas.len(),
        areas_passed: areas.len() - failed,
        areas_failed: failed,
        areas: areas
            .iter()
            .map(|a| AreaJson {
                area: &a.area,
                pass: a.failing.is_empty(),
                checked: a.checked,
                failed: a.failing.len(),
                failing: &a.failing,
            })
            .collect(),
    };
    super::write_json(out, &doc)
}

fn suffix(unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::Percent => "%".to_string(),
        Unit::PercentPerYear => CheckLine::PerYear.say(lang),
        Unit::Rank | Unit::Number => String::new(),
    }
}

/// A number in `lang`'s style: the English text as scripts have always
/// seen it, the decimal comma in Vietnamese.
fn local(lang: Lang, s: String) -> String {
    crate::say!(lang, en: s, vi: s.replace('.', ","))
}

/// The figure of a result as the source published it (with its decimals,
/// up to 3), never rounded to a target it does not reach; a plain number
/// whose decimals are unknown as Rust writes it.
fn value(unit: Unit, r: &IndicatorResult, v: f64, lang: Lang) -> String {
    let n = match (unit, r.actual_decimals) {
        (Unit::Number, None) => format!("{v}"),
        (_, decimals) => {
            let (shown, d) = text::actual_shown(unit, r, v, decimals);
            format!("{shown:.d$}")
        }
    };
    format!("{}{}", local(lang, n), suffix(unit, lang))
}

/// A target such as `>= 100%` or `> 80%`.
fn target(unit: Unit, t: &Target, lang: Lang) -> String {
    let decimals = if t.value.fract() == 0.0 { 0 } else { 1 };
    let op = t.comparison.symbol();
    let n = local(lang, format!("{:.*}", decimals, t.value));
    format!("{op} {n}{}", suffix(unit, lang))
}

/// Progress classes are named by their ids in both languages: they are
/// the values `--require` takes.
fn class_name(c: Class) -> &'static str {
    c.id()
}

/// "required X, is Y" for one reason.
fn reason_text(c: &CheckContext, v: &Verdict, reason: Reason, lang: Lang) -> String {
    let r = v.result;
    let ind = c.resolution.indicators.get(r.indicator);
    let unit = ind.map_or(Unit::Number, |i| i.unit);
    let actual = match (r.actual, r.actual_year) {
        (Some(a), Some(year)) => CheckLine::FigureIn {
            value: &value(unit, r, a, lang),
            year,
        }
        .say(lang),
        _ => CheckLine::NoFigure.say(lang),
    };
    match reason {
        Reason::NoData => CheckLine::NeedData { year: c.year }.say(lang),
        Reason::NotMet(status) => {
            let t = r
                .target
                .map_or_else(String::new, |t| target(unit, &t, lang));
            let mut is = format!("{actual} ({})", label::status(lang, status));
            match ind {
                Some(ind) if !r.missing_members.is_empty() => {
                    let missing = text::members(lang, ind, &r.missing_members);
                    is.push_str(&CheckLine::Missing(&missing).say(lang));
                }
                Some(ind) => {
                    if let Some(m) = &r.worst_member {
                        let m = text::member(lang, ind, m);
                        is.push_str(&format!(", {}", CheckLine::Worst(m).say(lang)));
                    }
                }
                None => {}
            }
            if let Some(cov) = r.coverage.filter(|c| c.of > 1 || !c.complete) {
                is.push_str(&format!("; {}", text::coverage(lang, &cov)));
            }
            CheckLine::NeedMet {
                target: &t,
                is: &is,
            }
            .say(lang)
        }
        Reason::ClassBelow(class, floor) => {
            let method = v.progress.map_or(c.method, |p| p.method);
            CheckLine::NeedClass {
                floor: class_name(floor),
                year: c.year,
                method: method.id(),
                class: class_name(class),
                why: &class_why(v, lang),
            }
            .say(lang)
        }
        Reason::Incomplete => {
            let missing = match ind {
                Some(ind) if !r.missing_members.is_empty() => {
                    let members = text::members(lang, ind, &r.missing_members);
                    format!("{} {members}", label::Label::Missing.say(lang))
                }
                _ => r
                    .coverage
                    .map_or_else(String::new, |c| text::coverage(lang, &c)),
            };
            CheckLine::NeedComplete { missing: &missing }.say(lang)
        }
        Reason::AttainmentBelow(a, min) => {
            // below the minimum: rounded down, never up to it
            let down = |a: f64| text::round(a, 1, text::Round::Down);
            let is = a.map_or_else(
                || CheckLine::Undefined.say(lang),
                |a| format!("{}%", local(lang, format!("{:.1}", down(a)))),
            );
            let min = local(lang, min.to_string());
            CheckLine::NeedAttainment { min: &min, is: &is }.say(lang)
        }
    }
}

/// Why a progress class is what it is: ` (R 0.42, short in 2023, worst: x)`.
fn class_why(v: &Verdict, lang: Lang) -> String {
    let mut why = Vec::new();
    if let Some(p) = v.progress {
        let name = match p.method {
            Method::Growth => "R",
            Method::Anticipated => "Q",
            Method::Linear => "P",
            Method::AnnualRate => "",
        };
        why.extend(
            p.eval
                .ratio
                .map(|r| format!("{name} {}", local(lang, format!("{r:.2}")))),
        );
        if !p.eval.shortfall_years.is_empty() {
            let years: Vec<String> = p.eval.shortfall_years.iter().map(i32::to_string).collect();
            why.push(CheckLine::ShortIn(&years.join(", ")).say(lang));
        }
        why.extend(p.member.as_ref().map(|m| CheckLine::Worst(m).say(lang)));
    }
    if why.is_empty() {
        String::new()
    } else {
        format!(" ({})", why.join(", "))
    }
}

/// `FAIL id: reasons` (`KHÔNG ĐẠT` in Vietnamese); JSON takes the English.
fn line(c: &CheckContext, v: &Verdict, lang: Lang) -> String {
    let id = c
        .resolution
        .indicators
        .get(v.result.indicator)
        .map_or("?", |i| i.id.as_str());
    let parts: Vec<String> = v
        .reasons
        .iter()
        .map(|&r| reason_text(c, v, r, lang))
        .collect();
    let reasons = parts.join("; ");
    CheckLine::Fail {
        id,
        reasons: &reasons,
    }
    .say(lang)
}

fn requirement(c: &CheckContext, lang: Lang) -> String {
    let mut parts = vec![CheckLine::TargetYear(c.year).say(lang)];
    if let Some(r) = c.rule.require {
        parts.push(CheckLine::Require(r.id()).say(lang));
    }
    if let Some(m) = c.rule.min_attainment {
        let m = local(lang, m.to_string());
        parts.push(CheckLine::MinAttainment(&m).say(lang));
    }
    parts.join(", ")
}

/// Writes the text output in `lang`.
pub fn render_text(out: &mut dyn Write, c: &CheckContext, lang: Lang) -> Result<()> {
    for v in c.verdicts.iter().filter(|v| !v.passes()) {
        writeln!(out, "{}", line(c, v, lang))?;
    }
    let n = c.verdicts.len();
    let failed = c.verdicts.iter().filter(|v| !v.passes()).count();
    let excused = c.verdicts.iter().filter(|v| v.excused).count();
    let req = &requirement(c, lang);
    let mut summary = match failed {
        0 => CheckLine::AllPass { n, req },
        _ => CheckLine::SomeFail { failed, n, req },
    }
    .say(lang);
    if excused > 0 {
        summary.push_str(&CheckLine::Excused(excused).say(lang));
    }
    writeln!(out, "{summary}")?;
    Ok(())
}

#[derive(Serialize)]
struct CheckJson<'a> {
    target_year: i32,
    as_of: Option<i32>,
    require: Option<&'static str>,
    min_attainment_pct: Option<f64>,
    allow_missing: bool,
    method: &'static str,
    pass: bool,
    checked: usize,
    passed: usize,
    failed: usize,
    indicators: Vec<VerdictJson<'a>>,
}

#[derive(Serialize)]
struct VerdictJson<'a> {
    id: &'a str,
    pass: bool,
    excused: bool,
    status: &'static str,
    actual: Option<f64>,
    actual_year: Option<i32>,
    comparison: Option<&'static str>,
    target: Option<f64>,
    attainment_pct: Option<f64>,
    progress_class: &'static str,
    reasons: Vec<&'static str>,
    message: Option<String>,
}

/// Writes the JSON output.
pub fn render_json(out: &mut dyn Write, c: &CheckContext) -> Result<()> {
    let indicators: Vec<VerdictJson> = c
        .verdicts
        .iter()
        .map(|v| {
            let r = v.result;
            VerdictJson {
                id: c
                    .resolution
                    .indicators
                    .get(r.indicator)
                    .map_or("?", |i| i.id.as_str()),
                pass: v.passes(),
                excused: v.excused,
                status: r.status.id(),
                actual: r.actual,
                actual_year: r.actual_year,
                comparison: r.target.map(|t| t.comparison.symbol()),
                target: r.target.map(|t| t.value),
                attainment_pct: super::clean(r.attainment_pct),
                progress_class: v.class.id(),
                reasons: v.reasons.iter().map(|r| r.id()).collect(),
                message: (!v.passes()).then(|| line(c, v, Lang::En)),
            }
        })
        .collect();
    let failed = indicators.iter().filter(|i| !i.pass).count();
    let doc = CheckJson {
        target_year: c.year,
        as_of: c.as_of,
        require: c.rule.require.map(|r| r.id()),
        min_attainment_pct: c.rule.min_attainment,
        allow_missing: c.rule.allow_missing,
        method: c.method.id(),
        pass: failed == 0,
        checked: indicators.len(),
        passed: indicators.len() - failed,
        failed,
        indicators,
    };
    super::write_json(out, &doc)
}
