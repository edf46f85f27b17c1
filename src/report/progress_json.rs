//! Progress fields of the JSON report: flattened into each indicator object
//! (the primary method) plus a `progress` array with every method asked for,
//! and class counts for summaries. The CSV takes its progress columns from
//! the same fields ([`COLUMNS`], [`csv_fields`]). Numbers are rounded to 9
//! decimal places as the rest of the JSON, and a zero is always +0 ([`num`]).
//! Field meanings are in README.md.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Context, clean};
use crate::calc::Summary;
use crate::progress::{self, Class, Progress};

/// One method's result for one indicator and target year.
#[derive(Serialize)]
pub struct MethodJson<'a> {
    method: &'static str,
    baseline: Option<f64>,
    baseline_year: Option<i32>,
    baseline_source: Option<&'static str>,
    progress_latest: Option<f64>,
    progress_latest_year: Option<i32>,
    progress_member: Option<&'a str>,
    actual_rate: Option<f64>,
    required_rate: Option<f64>,
    observed_pace: Option<f64>,
    required_pace: Option<f64>,
    ratio: Option<f64>,
    score: Option<f64>,
    projected: Option<f64>,
    progress_class: &'static str,
    shortfall_years: &'a [i32],
    progress_notes: Vec<&'static str>,
}

/// The progress fields of one indicator object.
#[derive(Serialize)]
pub struct ProgressJson<'a> {
    #[serde(flatten)]
    primary: MethodJson<'a>,
    progress: Vec<MethodJson<'a>>,
}

fn method_json(p: &Progress) -> MethodJson<'_> {
    let e = &p.eval;
    MethodJson {
        method: p.method.id(),
        baseline: clean(p.baseline.map(|b| b.value)),
        baseline_year: p.baseline.map(|b| b.year),
        baseline_source: p.baseline.map(|b| b.source.id()),
        progress_latest: clean(p.latest.map(|l| l.1)),
        progress_latest_year: p.latest.map(|l| l.0),
        progress_member: p.member.as_deref(),
        actual_rate: clean(e.actual_rate),
        required_rate: clean(e.required_rate),
        observed_pace: clean(e.observed_pace),
        required_pace: clean(e.required_pace),
        ratio: clean(e.ratio),
        score: clean(e.score),
        projected: clean(e.projected),
        progress_class: e.class.id(),
        shortfall_years: &e.shortfall_years,
        progress_notes: e.notes.iter().map(|n| n.id()).collect(),
    }
}

fn empty(class: Class) -> MethodJson<'static> {
    MethodJson {
        method: "none",
        baseline: None,
        baseline_year: None,
        baseline_source: None,
        progress_latest: None,
        progress_latest_year: None,
        progress_member: None,
        actual_rate: None,
        required_rate: None,
        observed_pace: None,
        required_pace: None,
        ratio: None,
        score: None,
        projected: None,
        progress_class: class.id(),
        shortfall_years: &[],
        progress_notes: Vec::new(),
    }
}

/// The progress fields for one indicator and target year.
pub fn fields<'a>(ctx: &Context<'a>, indicator: usize, year: i32) -> ProgressJson<'a> {
    let report = ctx.progress;
    ProgressJson {
        primary: report
            .primary(indicator, year)
            .map_or_else(|| empty(Class::NoData), method_json),
        progress: report.rows_for(indicator, year).map(method_json).collect(),
    }
}

/// The progress columns of the CSV, in order: the primary method's fields
/// of the JSON indicator object (the `progress` array of every method is
/// JSON only).
pub const COLUMNS: [&str; 17] = [
    "method",
    "baseline",
    "baseline_year",
    "baseline_source",
    "progress_latest",
    "progress_latest_year",
    "progress_member",
    "actual_rate",
    "required_rate",
    "observed_pace",
    "required_pace",
    "ratio",
    "score",
    "projected",
    "progress_class",
    "shortfall_years",
    "progress_notes",
];

/// The primary method's fields for one indicator and target year as CSV
/// fields, in the order of [`COLUMNS`]: empty for "not available", lists
/// joined with `;`.
pub fn csv_fields(ctx: &Context, indicator: usize, year: i32) -> [String; 17] {
    fn opt<T: ToString>(v: Option<T>) -> String {
        v.map(|v| v.to_string()).unwrap_or_default()
    }
    let fields = fields(ctx, indicator, year);
    let m = fields.primary;
    let years: Vec<String> = m.shortfall_years.iter().map(i32::to_string).collect();
    [
        m.method.to_string(),
        opt(m.baseline),
        opt(m.baseline_year),
        opt(m.baseline_source),
        opt(m.progress_latest),
        opt(m.progress_latest_year),
        opt(m.progress_member),
        opt(m.actual_rate),
        opt(m.required_rate),
        opt(m.observed_pace),
        opt(m.required_pace),
        opt(m.ratio),
        opt(m.score),
        opt(m.projected),
        m.progress_class.to_string(),
        years.join(";"),
        m.progress_notes.join(";"),
    ]
}

/// Indicators per progress class (primary method) for a summary row.
pub fn class_counts(ctx: &Context, s: &Summary) -> BTreeMap<&'static str, usize> {
    progress::counts(ctx.progress, ctx.resolution, s.target_year, s.scope)
        .into_iter()
        .map(|(c, n)| (c.id(), n))
        .collect()
}
