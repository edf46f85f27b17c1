//! Groups observations into series (one per member for "each" indicators),
//! runs the methods on each and lets the worst member decide. Pure.

use std::collections::BTreeMap;

use super::{
    Bounds, Evaluation, Point, Progress, ProgressReport, annual, anticipated, baseline, growth,
    linear,
};
use crate::actuals::Observation;
use crate::calc::{Assessment, IndicatorResult};
use crate::progress::class::{Class, Method};
use crate::targets::{Indicator, Resolution, Target, Unit};

/// Assesses progress for every row of `assessment` by each of `methods`
/// (the first is the primary one; empty means growth only).
pub fn assess(
    resolution: &Resolution,
    observations: &[Observation],
    assessment: &Assessment,
    methods: &[Method],
) -> ProgressReport {
    let methods = if methods.is_empty() {
        vec![Method::Growth]
    } else {
        methods.to_vec()
    };
    let mut rows = Vec::new();
    for r in &assessment.results {
        let Some(ind) = resolution.indicators.get(r.indicator) else {
            continue;
        };
        let wanted: &[Method] = if ind.unit == Unit::PercentPerYear {
            &[Method::AnnualRate]
        } else {
            &methods
        };
        let series = series(observations, r, assessment.as_of);
        for &method in wanted {
            rows.push(one(resolution, ind, r, &series, method));
        }
    }
    ProgressReport { methods, rows }
}

/// Per member (None for indicators without members), the points at or
/// before both the target year and the as-of year, ascending.
fn series(
    observations: &[Observation],
    r: &IndicatorResult,
    as_of: Option<i32>,
) -> BTreeMap<Option<String>, Vec<Point>> {
    let mut out: BTreeMap<Option<String>, Vec<Point>> = BTreeMap::new();
    let Some(as_of) = as_of else { return out };
    let cut = as_of.min(r.target_year);
    for o in observations
        .iter()
        .filter(|o| o.indicator == r.indicator && o.year <= cut)
    {
        out.entry(o.member.clone())
            .or_default()
            .push((o.year, o.value));
    }
    for points in out.values_mut() {
        points.sort_by_key(|p| p.0);
    }
    out
}

fn one(
    resolution: &Resolution,
    ind: &Indicator,
    r: &IndicatorResult,
    series: &BTreeMap<Option<String>, Vec<Point>>,
    method: Method,
) -> Progress {
    let mut p = Progress {
        indicator: r.indicator,
        target_year: r.target_year,
        method,
        baseline: None,
        latest: None,
        member: None,
        eval: Evaluation::new(Class::NoTarget),
    };
    let Some(target) = r.target else { return p };
    p.eval.class = Class::NoData;
    let adoption = resolution.meta.adoption_year;
    let mut candidates: Vec<Progress> = series
        .iter()
        .filter_map(|(member, points)| {
            let (baseline, latest, eval) = evaluate(method, ind, target, adoption, points)?;
            Some(Progress {
                baseline,
                latest: Some(latest),
                member: if ind.is_each() { member.clone() } else { None },
                eval,
                ..p.clone()
            })
        })
        .collect();
    // The most negative evaluation decides; members that cannot be judged
    // decide only when no member can.
    candidates.sort_by(|a, b| worse_first(&a.eval, &b.eval));
    candidates.into_iter().next().unwrap_or(p)
}

/// Orders evaluations worst first: judged before unjudged, then by class,
/// then by lower ratio, then lower score; ties keep member order.
fn worse_first(a: &Evaluation, b: &Evaluation) -> std::cmp::Ordering {
    let key = |e: &Evaluation| {
        (
            e.class.rank().map_or(u8::MAX, |r| r),
            e.ratio.unwrap_or(f64::INFINITY),
            e.score.unwrap_or(f64::INFINITY),
        )
    };
    let (ka, kb) = (key(a), key(b));
    ka.0.cmp(&kb.0)
        .then(ka.1.total_cmp(&kb.1))
        .then(ka.2.total_cmp(&kb.2))
}

/// Runs one method on one series; `None` when the series is empty.
fn evaluate(
    method: Method,
    ind: &Indicator,
    target: Target,
    adoption_year: i32,
    points: &[Point],
) -> Option<(Option<baseline::Baseline>, Point, Evaluation)> {
    let &latest = points.last()?;
    let base = baseline::choose(ind.baseline, adoption_year, points)?;
    let achieved = target.comparison.holds(latest.1, target.value);
    let higher_is_better = target.comparison.higher_is_better();
    let bounds = Bounds::of(ind.unit);
    let eval = match method {
        Method::Growth => {
            let mut e = growth::assess(&growth::Input {
                base_year: base.year,
                base: base.value,
                current_year: latest.0,
                current: latest.1,
                target_year: target.year,
                target: target.value,
                higher_is_better,
                achieved,
            });
            // Not part of the published method: the value the observed rate
            // leads to, for the report's projection column.
            if let Some(rate) = e.actual_rate {
                let years = (target.year - latest.0).max(0);
                e.projected = bounds.clamp(latest.1 * (1.0 + rate).powi(years), &mut e.notes);
            }
            e
        }
        Method::Anticipated => anticipated::assess(&anticipated::Input {
            base_year: base.year,
            base: base.value,
            current_year: latest.0,
            current: latest.1,
            target_year: target.year,
            target: target.value,
            higher_is_better,
            achieved,
            bounds,
        }),
        Method::Linear => linear::assess(&linear::Input {
            points: &baseline::trend(base, points),
            target,
            bounds,
        }),
        Method::AnnualRate => annual::assess(&annual::Input {
            points,
            target,
            adoption_year,
        }),
    };
    Some((Some(base), latest, eval))
}

/// Counts indicators per class for the primary method, for one target year
/// and one pillar (`None`: all pillars); only indicators with a target.
pub fn counts(
    report: &ProgressReport,
    resolution: &Resolution,
    year: i32,
    pillar: Option<&str>,
) -> Vec<(Class, usize)> {
    let mut seen = std::collections::BTreeSet::new();
    let mut n: BTreeMap<Class, usize> = BTreeMap::new();
    for p in &report.rows {
        let in_pillar = resolution
            .indicators
            .get(p.indicator)
            .is_some_and(|i| pillar.is_none_or(|id| i.pillar == id));
        if p.target_year == year && in_pillar && seen.insert(p.indicator) {
            *n.entry(p.eval.class).or_default() += 1;
        }
    }
    n.remove(&Class::NoTarget);
    super::class::ALL
        .into_iter()
        .filter(|c| *c != Class::NoTarget)
        .map(|c| (c, n.get(&c).copied().unwrap_or(0)))
        .collect()
}
