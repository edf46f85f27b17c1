//! Areas compared: each area's score (the mean of its pillar means, from
//! the kernel's summaries), standard competition ranks per target year,
//! and the selection `--area`, `--top` and `--bottom` make. Pure.

use std::cmp::Ordering;

use super::{Options, Summary};
use crate::store::{AreaId, AreaSeries, Store};
use crate::targets::Resolution;

/// One area against one target year.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaRow {
    /// The area.
    pub area: AreaId,
    /// Its name, as written in the data (`all` without an `area` column).
    pub name: String,
    /// The target year.
    pub target_year: i32,
    /// One summary per selected pillar, in the resolution's order.
    pub pillars: Vec<Summary>,
    /// The summary over all selected pillars.
    pub total: Summary,
    /// Mean of the pillar means, over pillars that have a mean; `None` when
    /// no pillar has one.
    pub score: Option<f64>,
    /// Standard competition rank by score (1, 2, 2, 4) among all areas in
    /// the data for this target year; `None` without a score.
    pub rank: Option<usize>,
}

/// Which areas to show.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only these areas (empty: all).
    pub areas: Vec<AreaId>,
    /// Only areas ranked this or better.
    pub top: Option<usize>,
    /// Only areas with fewer than this many ranked areas scoring lower.
    pub bottom: Option<usize>,
}

/// Every area of the store assessed by the kernel ([`super::assess`]): per
/// target year, one row per area, ranked by score.
/// The areas are assessed on every core ([`crate::spread`]).
pub fn rows(resolution: &Resolution, store: &Store, options: &Options) -> Vec<AreaRow> {
    let per_area = crate::spread::runs(store.area_count(), |run| {
        let mut series = AreaSeries::default();
        let kernel = super::Kernel::new(resolution, store, options);
        run.map(|area| {
            let area = area as AreaId;
            store.series_of(area, &mut series);
            let a = kernel.assess(&series);
            let mut pillars = a.pillars.into_iter().peekable();
            let mut rows = Vec::with_capacity(a.totals.len());
            for total in a.totals {
                let year = total.target_year;
                let mut of_year = Vec::new();
                while let Some(s) = pillars.next_if(|s| s.target_year == year) {
                    of_year.push(s);
                }
                rows.push(AreaRow {
                    area,
                    name: store.area_name(area).to_string(),
                    target_year: year,
                    score: score(&of_year),
                    pillars: of_year,
                    total,
                    rank: None,
                });
            }
            rows
        })
        .collect()
    });
    let mut by_year: Vec<Vec<AreaRow>> = vec![Vec::new(); options.horizons.len()];
    for area_rows in per_area {
        for (k, row) in area_rows.into_iter().enumerate() {
            if let Some(rows) = by_year.get_mut(k) {
                rows.push(row);
            }
        }
    }
    let mut rows = Vec::new();
    for mut year_rows in by_year {
        rank(&mut year_rows);
        rows.append(&mut year_rows);
    }
    rows
}

/// Mean of the pillar means that exist.
pub fn score(pillars: &[Summary]) -> Option<f64> {
    let means: Vec<f64> = pillars
        .iter()
        .filter_map(|c| c.mean_attainment_pct)
        .collect();
    (!means.is_empty()).then(|| means.iter().sum::<f64>() / means.len() as f64)
}

/// Scores equal to 9 decimal places tie (binary noise must not split a tie).
fn tie_key(score: f64) -> f64 {
    (score * 1e9).round() / 1e9
}

/// Sorts one target year's rows and gives competition ranks (1, 2, 2, 4):
/// higher score first, equal scores by area name, no score last by name.
pub fn rank(rows: &mut [AreaRow]) {
    rows.sort_by(|a, b| match (a.score, b.score) {
        (Some(x), Some(y)) => tie_key(y)
            .total_cmp(&tie_key(x))
            .then_with(|| a.name.cmp(&b.name)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.name.cmp(&b.name),
    });
    let mut previous: Option<(f64, usize)> = None;
    for (i, row) in rows.iter_mut().enumerate() {
        let Some(s) = row.score.map(tie_key) else {
            break;
        };
        let rank = match previous {
            Some((p, r)) if p == s => r,
            _ => i + 1,
        };
        row.rank = Some(rank);
        previous = Some((s, rank));
    }
}

/// Keeps the selected rows (grouped by target year, in rank order).
pub fn select(rows: &mut Vec<AreaRow>, selection: &Selection) {
    let bottom_ok = selection.bottom.map(|n| bottom_ranks(rows, n));
    let keep: Vec<bool> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (selection.areas.is_empty() || selection.areas.contains(&r.area))
                && selection.top.is_none_or(|n| r.rank.is_some_and(|k| k <= n))
                && bottom_ok
                    .as_ref()
                    .is_none_or(|b| b.get(i).copied().unwrap_or(false))
        })
        .collect();
    let mut flags = keep.iter();
    rows.retain(|_| flags.next().copied().unwrap_or(false));
}

/// Per row: true when fewer than `n` ranked areas of its target year
/// score strictly lower (the laggards, ties kept together).
fn bottom_ranks(rows: &[AreaRow], n: usize) -> Vec<bool> {
    let mut out = Vec::with_capacity(rows.len());
    for group in rows.chunk_by(|a, b| a.target_year == b.target_year) {
        // ranked rows come first, in rank order
        let ranks: Vec<usize> = group.iter().filter_map(|r| r.rank).collect();
        out.extend(group.iter().map(|r| {
            r.rank
                .is_some_and(|k| ranks.len() - ranks.partition_point(|&x| x <= k) < n)
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::Scope;

    fn row(area: &str, score: Option<f64>) -> AreaRow {
        let total = Summary {
            scope: Scope::Total,
            target_year: 2025,
            indicators: 0,
            with_data: 0,
            met: 0,
            mean_attainment_pct: None,
            items: 0,
            items_met: 0,
        };
        AreaRow {
            area: 0,
            name: area.to_string(),
            target_year: 2025,
            pillars: vec![],
            total,
            score,
            rank: None,
        }
    }

    #[test]
    fn ranks_are_standard_competition_ranks() {
        let mut rows = vec![
            row("d", Some(70.0)),
            row("none", None),
            row("c", Some(80.0)),
            row("b", Some(80.0)),
            row("a", Some(90.0)),
            row("e", Some(80.000_000_000_1)), // equal to 9 decimals: tied with b and c
        ];
        rank(&mut rows);
        let got: Vec<(&str, Option<usize>)> =
            rows.iter().map(|r| (r.name.as_str(), r.rank)).collect();
        // 90 -> 1; three at 80 share 2 (by name); 70 -> 5; no score last, unranked
        assert_eq!(
            got,
            [
                ("a", Some(1)),
                ("b", Some(2)),
                ("c", Some(2)),
                ("e", Some(2)),
                ("d", Some(5)),
                ("none", None)
            ]
        );
    }

    #[test]
    fn top_and_bottom_keep_ties() {
        let mut rows = vec![
            row("a", Some(90.0)),
            row("b", Some(80.0)),
            row("c", Some(80.0)),
            row("d", Some(70.0)),
        ];
        rank(&mut rows);
        let mut top = rows.clone();
        select(
            &mut top,
            &Selection {
                top: Some(2),
                ..Selection::default()
            },
        );
        assert_eq!(top.len(), 3); // a, and b and c tied at 2
        let mut bottom = rows.clone();
        select(
            &mut bottom,
            &Selection {
                bottom: Some(2),
                ..Selection::default()
            },
        );
        // d has none lower; b and c have one (d) lower
        assert_eq!(
            bottom.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
            ["b", "c", "d"]
        );
    }

    #[test]
    fn score_is_the_mean_of_pillar_means_that_exist() {
        let mut a = row("a", None).total;
        a.mean_attainment_pct = Some(90.0);
        let mut b = a.clone();
        b.mean_attainment_pct = Some(60.0);
        let mut c = a.clone();
        c.mean_attainment_pct = None;
        // (90 + 60) / 2 = 75; the pillar without data is left out
        assert_eq!(score(&[a, b, c]), Some(75.0));
        assert_eq!(score(&[]), None);
    }
}
