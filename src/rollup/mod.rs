//! Roll-up: the figures of an area computed from the rows of the areas it
//! holds (an areas file says which), then assessed like any area's.
//!
//! Reading fills the store as always (every area's own figures, checked
//! for duplicates) and, alongside, per parent, indicator, member and year,
//! the sums each rule needs (`cells.rs`): memory grows with parents, not
//! rows. [`finish`] turns the sums into a store of the parents' figures,
//! each with its coverage, which the kernel assesses like any store.
//!
//! The rules (`aggregate` in the targets file): `ratio` is the sum of the
//! numerators over the sum of the denominators (never a mean of shares);
//! `weighted` the mean of the values weighted by the denominator, the
//! `weight` column or another indicator's figure; `sum` the sum; `none`
//! (ranks) and an indicator without a rule are not rolled up.

mod cells;
mod plan;

pub use cells::{Cell, Cells, Given, Sum};
pub use plan::{Parents, Plan};

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use crate::hierarchy::{Hierarchy, UnitId};
use crate::msg::{Failure, Notice};
use crate::store::{AreaId, AreaSeries, Coverage, Rolled, Store};
use crate::targets::{Aggregate, Resolution, Weight};

/// The decimals of a figure computed as a ratio or a weighted mean.
const COMPUTED_DECIMALS: u8 = 2;

/// The parents' figures, and what the roll-up has to say.
#[derive(Debug)]
pub struct RolledUp {
    /// One area per parent shown, in the areas file's order.
    pub store: Store,
    /// Indicators not rolled up, and shares given without their parts.
    pub notices: Vec<Notice>,
}

/// The parents' figures from `cells`, the sums read into `raw` (every
/// area's own figures, which a weight that is another indicator's figure
/// needs). The parents shown are those asked for: for a level, the areas
/// of that level in force at the end of `year` (the report's as-of year).
pub fn finish(
    raw: &Store,
    mut cells: Cells,
    resolution: &Resolution,
    year: i32,
) -> Result<RolledUp, Failure> {
    weigh_by_indicators(raw, &mut cells, resolution);
    let plan = cells.plan();
    let h = &plan.hierarchy;
    let shown: Vec<UnitId> = match plan.parents {
        Parents::Area(a) => vec![a],
        Parents::Level(l) => (0..h.units.len() as UnitId)
            .filter(|&u| {
                h.unit(u)
                    .is_some_and(|x| x.level == Some(l) && x.in_force(year))
            })
            .collect(),
    };
    let mut store = Store::for_roll_up(raw.first_year());
    let mut area_of: FxHashMap<UnitId, AreaId> = FxHashMap::default();
    for &p in &shown {
        let code = h.unit(p).map_or("", |u| u.code.as_str());
        if let Some(a) = store.named_area(code, &h.label(p)) {
            area_of.insert(p, a);
        }
    }
    let expected = expected(plan, &cells, &area_of);
    let mut keys: Vec<_> = cells.keys().collect();
    keys.sort_unstable();
    let mut unruled = BTreeSet::new();
    let mut never = BTreeSet::new();
    let mut without_parts: FxHashMap<usize, u32> = FxHashMap::default();
    for key @ (parent, indicator, code, y) in keys {
        let Some(&area) = area_of.get(&parent) else {
            continue;
        };
        let (Some(cell), Some(ind)) = (
            cells.get(&key),
            resolution.indicators.get(indicator as usize),
        ) else {
            continue;
        };
        let level = cell.first.and_then(|u| h.unit(u)).and_then(|u| u.level);
        let of = expected.get(&(parent, level, y)).copied().unwrap_or(0);
        let member = match code {
            0 => None,
            c => store.member(raw.member_name(c - 1)),
        };
        let key = (area, indicator as usize, member, y);
        if of <= 1 && cell.areas == 1 && cell.known == 0 && cell.first == Some(parent) {
            // the parent's own figure, and no other area to come from:
            // used as given, whatever the rule
            let coverage = Coverage {
                areas: 1,
                of: 1,
                denominator_share: None,
                complete: true,
            };
            let parts =
                (cell.with_parts == 1).then(|| (cell.numerator.get(), cell.denominator.get()));
            let value = Some((cell.sum.get(), cell.decimals));
            let _ = store.add_rolled(key, value, Rolled { coverage, parts });
            continue;
        }
        let rule = match ind.aggregate {
            None => {
                unruled.insert(ind.id.clone());
                continue;
            }
            Some(Aggregate::None) => {
                never.insert(ind.id.clone());
                continue;
            }
            Some(rule) => rule,
        };
        if let (Some(first), Some(other)) = (cell.first, cell.other_level) {
            let level = |u: UnitId| {
                let name = h
                    .unit(u)
                    .and_then(|x| x.level)
                    .and_then(|l| h.levels.get(l as usize));
                format!(
                    "{} ({})",
                    h.label(u),
                    name.map_or("no level", |s| s.as_str())
                )
            };
            return Err(Failure::LevelsMixed {
                parent: h.label(parent),
                indicator: ind.id.clone(),
                year: y,
                first: level(first),
                second: level(other),
            });
        }
        let (given, value, parts) = figure(rule, cell, ind);
        if rule == Aggregate::Ratio && cell.areas > cell.with_parts {
            *without_parts.entry(indicator as usize).or_default() += cell.areas - cell.with_parts;
        }
        let of = of.max(given);
        let share = match rule {
            Aggregate::Ratio | Aggregate::Weighted(Weight::Denominator)
                if cell.with_parts + cell.known == of && cell.with_parts > 0 =>
            {
                let given = cell.denominator.get();
                Some(given / (given + cell.known_denominator.get()))
            }
            _ => None,
        };
        let complete = given > 0
            && value.is_some()
            && f64::from(given) >= plan.min_coverage * f64::from(of) - 1e-9;
        let coverage = Coverage {
            areas: given,
            of,
            denominator_share: share,
            complete,
        };
        let decimals = match rule {
            Aggregate::Sum => cell.decimals,
            _ => COMPUTED_DECIMALS,
        };
        let value = value.filter(|_| complete).map(|v| (v, decimals));
        let rolled = Rolled { coverage, parts };
        // keys are unique per cell: the store refuses nothing here
        let _ = store.add_rolled(key, value, rolled);
    }
    let mut notices = Vec::new();
    if !unruled.is_empty() {
        notices.push(Notice::NoAggregateRule {
            indicators: unruled.into_iter().collect(),
        });
    }
    if !never.is_empty() {
        notices.push(Notice::NeverRolledUp {
            indicators: never.into_iter().collect(),
        });
    }
    let mut shares: Vec<_> = without_parts.into_iter().collect();
    shares.sort_unstable();
    for (i, figures) in shares {
        let indicator = resolution
            .indicators
            .get(i)
            .map_or(String::new(), |x| x.id.clone());
        notices.push(Notice::ShareWithoutParts { indicator, figures });
    }
    Ok(RolledUp { store, notices })
}

/// The areas that gave a cell's figure, the figure and its parts.
fn figure(
    rule: Aggregate,
    cell: &Cell,
    ind: &crate::targets::Indicator,
) -> (u32, Option<f64>, Option<(f64, f64)>) {
    let mean = |n: u32, total: Sum, weights: Sum| {
        let w = weights.get();
        let value = (n > 0 && w > 0.0).then(|| crate::number::clean(total.get() / w));
        (n, value, None)
    };
    match rule {
        Aggregate::Ratio => {
            let (n, d) = (cell.numerator.get(), cell.denominator.get());
            let value = (cell.with_parts > 0 && d > 0.0).then(|| ind.from_parts(n, d));
            (cell.with_parts, value, value.map(|_| (n, d)))
        }
        Aggregate::Sum => (cell.areas, (cell.areas > 0).then(|| cell.sum.get()), None),
        Aggregate::Weighted(Weight::Denominator) => {
            mean(cell.with_parts, cell.by_denominator, cell.denominator)
        }
        Aggregate::Weighted(_) => mean(cell.with_weight, cell.weighted, cell.weights),
        Aggregate::None => (0, None, None),
    }
}

/// Per (parent, level, year): the areas of that level in force that year
/// whose figures count for the parent — the areas a figure should come
/// from. Only for the parents shown and the years and levels the cells
/// have.
fn expected(
    plan: &Plan,
    cells: &Cells,
    shown: &FxHashMap<UnitId, AreaId>,
) -> FxHashMap<(UnitId, Option<u16>, i32), u32> {
    let h: &Hierarchy = &plan.hierarchy;
    let mut years: Vec<i32> = cells.keys().map(|k| k.3).collect();
    years.sort_unstable();
    years.dedup();
    let mut counts = FxHashMap::default();
    for u in 0..h.units.len() as UnitId {
        let Some(unit) = h.unit(u) else { continue };
        let parents: Vec<UnitId> = plan
            .parents_of(u)
            .iter()
            .copied()
            .filter(|p| shown.contains_key(p))
            .collect();
        if parents.is_empty() {
            continue;
        }
        for &y in &years {
            if !unit.in_force(y) {
                continue;
            }
            for &p in &parents {
                *counts.entry((p, unit.level, y)).or_insert(0) += 1;
            }
        }
    }
    counts
}

/// Adds to `cells` the figures of indicators weighted by another
/// indicator's figure (same area, same year), from the areas' own figures.
fn weigh_by_indicators(raw: &Store, cells: &mut Cells, resolution: &Resolution) {
    let weighted: Vec<(usize, usize)> = resolution
        .indicators
        .iter()
        .enumerate()
        .filter_map(|(i, ind)| match ind.aggregate {
            Some(Aggregate::Weighted(Weight::Indicator(w))) => Some((i, w)),
            _ => None,
        })
        .collect();
    if weighted.is_empty() {
        return;
    }
    // the weight is the other indicator's figure, not a `weight` column
    for &(i, _) in &weighted {
        cells.forget_weights(i);
    }
    let h = std::sync::Arc::clone(&cells.plan().hierarchy);
    let mut series = AreaSeries::default();
    for area in 0..raw.area_count() as AreaId {
        let Some(unit) = h.find(raw.area_name(area)) else {
            continue;
        };
        raw.series_of(area, &mut series);
        for &(i, w) in &weighted {
            let weights: Vec<(i32, f64)> = series
                .of(w)
                .find(|(m, _)| m.is_none())
                .map(|(_, p)| p.to_vec())
                .unwrap_or_default();
            for (member, points) in series.of(i) {
                for &(y, v) in points {
                    if let Some(&(_, weight)) = weights.iter().find(|p| p.0 == y) {
                        cells.weighted(unit, (i, member, y), (v, weight));
                    }
                }
            }
        }
    }
}
