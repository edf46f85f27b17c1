//! Output of `dtcalc check`: one line per failing indicator and a summary
//! (text, in English for scripts and logs), or one JSON object. Renders only.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::calc::Status;
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

fn suffix(unit: Unit) -> &'static str {
    match unit {
        Unit::Percent => "%",
        Unit::PercentPerYear => "%/year",
        Unit::Rank | Unit::Number => "",
    }
}

fn value(unit: Unit, v: f64) -> String {
    match unit {
        Unit::Rank => format!("{v:.0}"),
        Unit::Number => format!("{v}"),
        _ => format!("{v:.1}{}", suffix(unit)),
    }
}

/// A target such as `>= 100%` or `> 80%`.
fn target(unit: Unit, t: &Target) -> String {
    let decimals = if t.value.fract() == 0.0 { 0 } else { 1 };
    let op = t.comparison.symbol();
    format!("{op} {:.*}{}", decimals, t.value, suffix(unit))
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Met => "met",
        Status::NotMet => "not met",
        Status::Incomplete => "incomplete",
        Status::NoData => "no data",
        Status::NoTarget => "no target",
    }
}

fn class_name(c: Class) -> &'static str {
    c.id()
}

/// "required X, is Y" for one reason.
fn reason_text(c: &CheckContext, v: &Verdict, reason: Reason) -> String {
    let r = v.result;
    let unit = c
        .resolution
        .indicators
        .get(r.indicator)
        .map_or(Unit::Number, |i| i.unit);
    let actual = match (r.actual, r.actual_year) {
        (Some(a), Some(y)) => format!("{} in {y}", value(unit, a)),
        _ => "no figure".to_string(),
    };
    match reason {
        Reason::NoData => format!("required data for {}, is no figure", c.year),
        Reason::NotMet(status) => {
            let t = r.target.map_or_else(String::new, |t| target(unit, &t));
            let mut is = format!("{actual} ({})", status_name(status));
            if !r.missing_members.is_empty() {
                is.push_str(&format!(", missing: {}", r.missing_members.join(", ")));
            } else if let Some(m) = &r.worst_member {
                is.push_str(&format!(", worst: {m}"));
            }
            format!("required {t} (met), is {is}")
        }
        Reason::ClassBelow(class, floor) => {
            let method = v.progress.map_or(c.method, |p| p.method);
            let mut why = Vec::new();
            if let Some(p) = v.progress {
                let name = match p.method {
                    Method::Growth => "R",
                    Method::Anticipated => "Q",
                    Method::Linear => "P",
                    Method::AnnualRate => "",
                };
                why.extend(p.eval.ratio.map(|r| format!("{name} {r:.2}")));
                if !p.eval.shortfall_years.is_empty() {
                    let years: Vec<String> =
                        p.eval.shortfall_years.iter().map(i32::to_string).collect();
                    why.push(format!("short in {}", years.join(", ")));
                }
                why.extend(p.member.as_ref().map(|m| format!("worst: {m}")));
            }
            let why = if why.is_empty() {
                String::new()
            } else {
                format!(" ({})", why.join(", "))
            };
            format!(
                "required {} or better by {} ({}), is {}{why}",
                class_name(floor),
                c.year,
                method.id(),
                class_name(class)
            )
        }
        Reason::AttainmentBelow(a, min) => {
            let is = a.map_or_else(|| "undefined".to_string(), |a| format!("{a:.1}%"));
            format!("required attainment >= {min}%, is {is}")
        }
    }
}

fn line(c: &CheckContext, v: &Verdict) -> String {
    let id = c
        .resolution
        .indicators
        .get(v.result.indicator)
        .map_or("?", |i| i.id.as_str());
    let parts: Vec<String> = v.reasons.iter().map(|&r| reason_text(c, v, r)).collect();
    format!("FAIL {id}: {}", parts.join("; "))
}

fn requirement(c: &CheckContext) -> String {
    let mut parts = vec![format!("target year {}", c.year)];
    if let Some(r) = c.rule.require {
        parts.push(format!("require {}", r.id()));
    }
    if let Some(m) = c.rule.min_attainment {
        parts.push(format!("min attainment {m}%"));
    }
    parts.join(", ")
}

/// Writes the text output.
pub fn render_text(out: &mut dyn Write, c: &CheckContext) -> Result<()> {
    for v in c.verdicts.iter().filter(|v| !v.passes()) {
        writeln!(out, "{}", line(c, v))?;
    }
    let n = c.verdicts.len();
    let failed = c.verdicts.iter().filter(|v| !v.passes()).count();
    let excused = c.verdicts.iter().filter(|v| v.excused).count();
    let plural = |k: usize| if k == 1 { "indicator" } else { "indicators" };
    let mut summary = if failed == 0 {
        format!("check: all {n} {} pass ({})", plural(n), requirement(c))
    } else {
        format!(
            "check: {failed} of {n} {} fail ({})",
            plural(n),
            requirement(c)
        )
    };
    if excused > 0 {
        summary.push_str(&format!("; {excused} without data allowed"));
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
                attainment_pct: r.attainment_pct,
                progress_class: v.class.id(),
                reasons: v.reasons.iter().map(|r| r.id()).collect(),
                message: (!v.passes()).then(|| line(c, v)),
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
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(())
}
