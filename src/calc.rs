//! The calculation: attainment, gap, status per indicator and target year,
//! and summaries per pillar. Pure arithmetic: no I/O, no clock, no clap.

use std::collections::{BTreeMap, BTreeSet};

use crate::actuals::Observation;
use crate::targets::{Comparison, Indicator, Resolution, Target};

/// The state of one indicator against one target year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The comparison holds (for every member, where the target is per member).
    Met,
    /// The comparison fails (for the worst member).
    NotMet,
    /// Declared members are missing from the data; never counted as met.
    Incomplete,
    /// No figure at or before the as-of year.
    NoData,
    /// The resolution states no target for this year.
    NoTarget,
}

impl Status {
    /// The name used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::NotMet => "not_met",
            Status::Incomplete => "incomplete",
            Status::NoData => "no_data",
            Status::NoTarget => "no_target",
        }
    }
}

/// What to assess.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Use figures up to this year; `None` means the latest year in the data.
    pub as_of: Option<i32>,
    /// Target years to assess, ascending.
    pub horizons: Vec<i32>,
    /// Restrict to these pillars; empty means all.
    pub pillars: Vec<String>,
}

/// One indicator assessed against one target year.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorResult {
    /// Index into [`Resolution::indicators`].
    pub indicator: usize,
    /// The target year.
    pub target_year: i32,
    /// The target for that year, if the resolution states one.
    pub target: Option<Target>,
    /// The figure used: the latest at or before the as-of year (the worst
    /// member's for per-member targets).
    pub actual: Option<f64>,
    /// The year of that figure.
    pub actual_year: Option<i32>,
    /// Attainment in %: actual/target x 100 (higher is better) or
    /// target/actual x 100 (lower is better); `None` when undefined.
    pub attainment_pct: Option<f64>,
    /// Signed gap in the indicator's unit: positive = still to go.
    pub gap: Option<f64>,
    /// Whether the comparison holds; `None` when unknown.
    pub met: Option<bool>,
    /// The status.
    pub status: Status,
    /// For per-member targets: the member with the worst figure.
    pub worst_member: Option<String>,
    /// Declared members with no figure.
    pub missing_members: Vec<String>,
}

/// Counts for one pillar (or all of them) and one target year.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Pillar id, or `total` for all selected pillars.
    pub pillar: String,
    /// The target year.
    pub target_year: i32,
    /// Indicators with a target for that year.
    pub indicators: usize,
    /// Of those, indicators with data (incomplete ones included).
    pub with_data: usize,
    /// Of those, indicators met.
    pub met: usize,
    /// Mean attainment of indicators with data, each clamped to 0-100 %.
    pub mean_attainment_pct: Option<f64>,
    /// Resolution items with a target (indicators may share an item).
    pub items: usize,
    /// Items all of whose indicators are met.
    pub items_met: usize,
}

/// The whole assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The as-of year used; `None` when there is no data at all.
    pub as_of: Option<i32>,
    /// Target years assessed.
    pub horizons: Vec<i32>,
    /// One result per selected indicator and target year (year-major order).
    pub results: Vec<IndicatorResult>,
    /// One summary per selected pillar and target year.
    pub pillars: Vec<Summary>,
    /// One summary over all selected pillars per target year.
    pub totals: Vec<Summary>,
}

/// Attainment in %, or `None` when the denominator is zero.
///
/// Higher is better: actual / target x 100. Lower is better: target /
/// actual x 100.
pub fn attainment(comparison: Comparison, actual: f64, target: f64) -> Option<f64> {
    let (num, den) = if comparison.higher_is_better() {
        (actual, target)
    } else {
        (target, actual)
    };
    let pct = num / den * 100.0;
    (den != 0.0 && pct.is_finite()).then_some(pct)
}

/// Signed gap, positive = still to go: target - actual (higher is better)
/// or actual - target (lower is better).
pub fn gap(comparison: Comparison, actual: f64, target: f64) -> f64 {
    if comparison.higher_is_better() {
        target - actual
    } else {
        actual - target
    }
}

/// Assesses every selected indicator against every horizon.
pub fn assess(
    resolution: &Resolution,
    observations: &[Observation],
    options: &Options,
) -> Assessment {
    let as_of = options
        .as_of
        .or_else(|| observations.iter().map(|o| o.year).max());
    let latest = latest_figures(observations, as_of);
    let selected: Vec<usize> = (0..resolution.indicators.len())
        .filter(|&i| {
            options.pillars.is_empty() || options.pillars.contains(&resolution.indicators[i].pillar)
        })
        .collect();
    let mut results = Vec::new();
    for &year in &options.horizons {
        for &i in &selected {
            let figures = latest.get(&i).cloned().unwrap_or_default();
            results.push(assess_one(i, &resolution.indicators[i], year, &figures));
        }
    }
    let mut pillars = Vec::new();
    let mut totals = Vec::new();
    for &year in &options.horizons {
        for p in &resolution.pillars {
            if options.pillars.is_empty() || options.pillars.contains(&p.id) {
                pillars.push(summarise(resolution, &results, year, Some(&p.id)));
            }
        }
        totals.push(summarise(resolution, &results, year, None));
    }
    Assessment {
        as_of,
        horizons: options.horizons.clone(),
        results,
        pillars,
        totals,
    }
}

/// A figure used for an indicator: (member, year, value).
type Figure = (Option<String>, i32, f64);

/// Per indicator, the latest figure of each member at or before `as_of`,
/// sorted by member.
fn latest_figures(
    observations: &[Observation],
    as_of: Option<i32>,
) -> BTreeMap<usize, Vec<Figure>> {
    let mut best: BTreeMap<(usize, Option<String>), (i32, f64)> = BTreeMap::new();
    let Some(as_of) = as_of else {
        return BTreeMap::new();
    };
    for o in observations.iter().filter(|o| o.year <= as_of) {
        let entry = best
            .entry((o.indicator, o.member.clone()))
            .or_insert((o.year, o.value));
        if o.year > entry.0 {
            *entry = (o.year, o.value);
        }
    }
    let mut out: BTreeMap<usize, Vec<Figure>> = BTreeMap::new();
    for ((ind, member), (year, value)) in best {
        out.entry(ind).or_default().push((member, year, value));
    }
    out
}

fn assess_one(index: usize, ind: &Indicator, year: i32, figures: &[Figure]) -> IndicatorResult {
    let target = ind.target_for(year).copied();
    let reported: BTreeSet<&str> = figures.iter().filter_map(|f| f.0.as_deref()).collect();
    let missing_members: Vec<String> = ind
        .members
        .iter()
        .filter(|m| !reported.contains(m.as_str()))
        .cloned()
        .collect();
    let mut result = IndicatorResult {
        indicator: index,
        target_year: year,
        target,
        actual: None,
        actual_year: None,
        attainment_pct: None,
        gap: None,
        met: None,
        status: Status::NoTarget,
        worst_member: None,
        missing_members,
    };
    let Some(t) = target else { return result };
    // The worst member decides: the lowest figure when higher is better,
    // the highest when lower is better; ties go to the first member by name.
    let worst = figures
        .iter()
        .fold(None::<&Figure>, |worst, f| match worst {
            Some(w) if goodness(t.comparison, w.2) <= goodness(t.comparison, f.2) => Some(w),
            _ => Some(f),
        });
    let Some((member, actual_year, actual)) = worst.cloned() else {
        result.status = Status::NoData;
        return result;
    };
    let holds = t.comparison.holds(actual, t.value);
    result.actual = Some(actual);
    result.actual_year = Some(actual_year);
    result.attainment_pct = attainment(t.comparison, actual, t.value);
    result.gap = Some(gap(t.comparison, actual, t.value));
    result.worst_member = if ind.is_each() { member } else { None };
    (result.met, result.status) = match (holds, result.missing_members.is_empty()) {
        (true, true) => (Some(true), Status::Met),
        (false, true) => (Some(false), Status::NotMet),
        (true, false) => (None, Status::Incomplete),
        (false, false) => (Some(false), Status::Incomplete),
    };
    result
}

/// Larger is better, whatever the comparison.
fn goodness(comparison: Comparison, value: f64) -> f64 {
    if comparison.higher_is_better() {
        value
    } else {
        -value
    }
}

fn summarise(
    resolution: &Resolution,
    results: &[IndicatorResult],
    year: i32,
    pillar: Option<&str>,
) -> Summary {
    let rows: Vec<&IndicatorResult> = results
        .iter()
        .filter(|r| r.target_year == year && r.target.is_some())
        .filter(|r| pillar.is_none_or(|p| resolution.indicators[r.indicator].pillar == p))
        .collect();
    let with_data: Vec<&&IndicatorResult> = rows.iter().filter(|r| r.actual.is_some()).collect();
    let capped: Vec<f64> = with_data
        .iter()
        .filter_map(|r| r.attainment_pct)
        .map(|a| a.clamp(0.0, 100.0))
        .collect();
    let mean = (!capped.is_empty()).then(|| capped.iter().sum::<f64>() / capped.len() as f64);
    let mut items: BTreeMap<&str, bool> = BTreeMap::new();
    for r in &rows {
        let met = items
            .entry(&resolution.indicators[r.indicator].item)
            .or_insert(true);
        *met &= r.status == Status::Met;
    }
    Summary {
        pillar: pillar.unwrap_or("total").to_string(),
        target_year: year,
        indicators: rows.len(),
        with_data: with_data.len(),
        met: rows.iter().filter(|r| r.status == Status::Met).count(),
        mean_attainment_pct: mean,
        items: items.len(),
        items_met: items.values().filter(|&&m| m).count(),
    }
}
