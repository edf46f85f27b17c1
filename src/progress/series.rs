//! Runs the methods on each series of an indicator (one per member for
//! "each" indicators) and lets the worst member decide. Pure.

use std::collections::BTreeMap;

use super::{
    Bounds, Evaluation, Point, Progress, ProgressReport, annual, anticipated, baseline, growth,
    linear,
};
use crate::calc::{Assessment, IndicatorResult, Scope};
use crate::progress::class::{Class, Method};
use crate::store::{AreaSeries, Store};
use crate::targets::{Indicator, Resolution, Target, Unit};

/// Assesses progress for every row of `assessment` by each of `methods`
/// (the first is the primary one; empty means growth only), from the same
/// series the assessment was made from.
pub fn assess(
    resolution: &Resolution,
    series: &AreaSeries,
    store: &Store,
    assessment: &Assessment,
    methods: &[Method],
) -> ProgressReport {
    let methods = if methods.is_empty() {
        vec![Method::Growth]
    } else {
        methods.to_vec()
    };
    let mut rows = Vec::new();
    let mut index = Vec::with_capacity(assessment.results.len());
    let mut points: Vec<(Option<String>, Vec<Point>)> = Vec::new();
    for r in &assessment.results {
        let start = rows.len();
        if let Some(ind) = resolution.indicators.get(r.indicator) {
            let wanted: &[Method] = if ind.unit == Unit::PercentPerYear {
                &[Method::AnnualRate]
            } else {
                &methods
            };
            cut(series, store, r, assessment.as_of, &mut points);
            for &method in wanted {
                rows.push(one(resolution, ind, r, &points, method));
            }
        }
        index.push((r.indicator, r.target_year, start, rows.len()));
    }
    ProgressReport::new(methods, rows, index)
}

/// Per member (None for indicators without members), the points at or
/// before both the target year and the as-of year, ascending; a declared
/// member without any point has an empty series.
fn cut(
    series: &AreaSeries,
    store: &Store,
    r: &IndicatorResult,
    as_of: Option<i32>,
    out: &mut Vec<(Option<String>, Vec<Point>)>,
) {
    out.clear();
    let Some(as_of) = as_of else { return };
    let limit = as_of.min(r.target_year);
    for (member, points) in series.of(r.indicator) {
        let name = member.map(|m| store.member_name(m).to_string());
        let kept: Vec<Point> = points.iter().copied().filter(|p| p.0 <= limit).collect();
        out.push((name, kept));
    }
    for m in &r.missing_members {
        out.push((Some(m.clone()), Vec::new()));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
}

fn one(
    resolution: &Resolution,
    ind: &Indicator,
    r: &IndicatorResult,
    series: &[(Option<String>, Vec<Point>)],
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
    if series.iter().all(|(_, points)| points.is_empty()) {
        return p;
    }
    let adoption = resolution.meta.adoption_year;
    let candidates = series.iter().map(|(member, points)| {
        let member = if ind.is_each() { member.clone() } else { None };
        match evaluate(method, ind, target, adoption, points) {
            Some((baseline, latest, eval)) => Progress {
                baseline,
                latest: Some(latest),
                member,
                eval,
                ..p.clone()
            },
            // a member without a figure cannot be judged
            None => Progress {
                member,
                eval: Evaluation::new(Class::NotAvailable),
                ..p.clone()
            },
        }
    });
    // The worst member decides; ties keep member order.
    candidates
        .min_by(|a, b| worse_first(&a.eval, &b.eval))
        .unwrap_or(p)
}

/// How good a class is when members are compared: a member that cannot
/// be judged ranks above limited progress and deterioration (a member
/// already judged that low decides) and below every class that passes a
/// requirement, so an indicator with an unjudged member is never better
/// than `not_available` (Open SDG: achieved only when every member is).
fn standing(class: Class) -> u8 {
    match class {
        Class::Deterioration => 0,
        Class::LimitedProgress => 1,
        Class::NotAvailable | Class::NoData | Class::NoTarget => 2,
        Class::ModerateProgress => 3,
        Class::SubstantialProgress => 4,
        Class::TargetAchieved => 5,
    }
}

/// Orders evaluations worst first: by class standing, then by lower ratio,
/// then lower score.
fn worse_first(a: &Evaluation, b: &Evaluation) -> std::cmp::Ordering {
    let key = |e: &Evaluation| {
        (
            standing(e.class),
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
/// and one scope (a pillar or all selected pillars); only indicators with a
/// target.
pub fn counts(
    report: &ProgressReport,
    resolution: &Resolution,
    year: i32,
    scope: Scope,
) -> Vec<(Class, usize)> {
    let mut n: BTreeMap<Class, usize> = BTreeMap::new();
    for &(indicator, y, start, end) in &report.index {
        let in_scope = match scope {
            Scope::Total => true,
            Scope::Pillar(p) => resolution.pillar_of(indicator) == Some(p),
        };
        if y == year
            && in_scope
            && end > start
            && let Some(p) = report.rows.get(start)
        {
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
