//! Per-area results from the aggregated figures: the rules of
//! [`crate::calc::assess`] applied area by area, then scores and ranks.
//! Pure arithmetic: no I/O.

use std::cmp::Ordering;

use super::{AreaAggregator, NO_YEAR};
use crate::calc;
use crate::targets::Resolution;

/// One pillar's counts for one area and target year (as [`calc::Summary`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PillarCounts {
    /// Index into [`Resolution::pillars`].
    pub pillar: usize,
    /// Indicators with a target for that year.
    pub indicators: usize,
    /// Of those, indicators with data (incomplete ones included).
    pub with_data: usize,
    /// Of those, indicators met.
    pub met: usize,
    /// Mean attainment of indicators with data, each clamped to 0-100 %.
    pub mean_attainment_pct: Option<f64>,
}

/// One area against one target year.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaRow {
    /// The area as written in the data.
    pub area: String,
    /// The target year.
    pub target_year: i32,
    /// One entry per selected pillar, in the resolution's order.
    pub pillars: Vec<PillarCounts>,
    /// Mean of the pillar means, over pillars that have a mean; `None` when
    /// no pillar has one.
    pub score: Option<f64>,
    /// Standard competition rank by score (1, 2, 2, 4) among all areas in
    /// the data for this target year; `None` without a score.
    pub rank: Option<usize>,
}

/// Every area assessed.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaAssessment {
    /// The as-of year used; `None` when there is no data at all.
    pub as_of: Option<i32>,
    /// Target years assessed, ascending.
    pub horizons: Vec<i32>,
    /// Selected pillars: indices into [`Resolution::pillars`].
    pub pillars: Vec<usize>,
    /// Rows by target year, then rank (equal scores by area name), then
    /// areas without a score by name.
    pub rows: Vec<AreaRow>,
}

/// Which areas to show.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only these areas (empty: all).
    pub areas: Vec<String>,
    /// Only areas ranked N or better.
    pub top: Option<usize>,
    /// Only areas with fewer than N ranked areas scoring strictly lower.
    pub bottom: Option<usize>,
}

/// Figures kept for one area: per indicator, (member code, value).
type Figures = Vec<Vec<(u32, f64)>>;

impl AreaAggregator<'_> {
    /// Assesses every area against `horizons`, for `pillars` (empty: all).
    pub fn finish(self, horizons: &[i32], pillars: &[String]) -> AreaAssessment {
        self.finish_with(horizons, pillars, crate::parallel::two_cores())
    }

    /// [`Self::finish`], on two threads when `parallel` and there are many
    /// areas.
    fn finish_with(self, horizons: &[i32], pillars: &[String], parallel: bool) -> AreaAssessment {
        let r = self.resolution;
        let as_of = self.as_of.or(self.max_year);
        let selected: Vec<usize> = (0..r.pillars.len())
            .filter(|&p| {
                pillars.is_empty() || r.pillars.get(p).is_some_and(|x| pillars.contains(&x.id))
            })
            .collect();
        let declared: Vec<Vec<u32>> = r
            .indicators
            .iter()
            .map(|i| {
                i.members
                    .iter()
                    .filter_map(|m| self.members.get(m))
                    .map(|m| m + 1)
                    .collect()
            })
            .collect();
        // per indicator: its pillar's position among the selected ones
        let pillar_of: Vec<Option<usize>> = r
            .indicators
            .iter()
            .map(|i| {
                selected
                    .iter()
                    .position(|&p| r.pillars.get(p).is_some_and(|x| x.id == i.pillar))
            })
            .collect();
        let plan = Plan {
            horizons,
            as_of,
            selected: &selected,
            pillar_of: &pillar_of,
            declared: &declared,
        };
        // the areas' rows are independent: two halves on two threads for a
        // national file, then in area order as one pass gives them
        let n = self.blocks.len();
        let by_year = if n >= PARALLEL_MIN && parallel {
            let (first, second) = crate::parallel::join(
                || self.assess_areas(&plan, 0..n / 2),
                || self.assess_areas(&plan, n / 2..n),
            );
            first
                .into_iter()
                .zip(second)
                .map(|(mut a, mut b)| {
                    a.append(&mut b);
                    a
                })
                .collect()
        } else {
            self.assess_areas(&plan, 0..n)
        };
        let mut rows = Vec::new();
        for mut year_rows in by_year {
            rank(&mut year_rows);
            rows.append(&mut year_rows);
        }
        AreaAssessment {
            as_of,
            horizons: horizons.to_vec(),
            pillars: selected,
            rows,
        }
    }
}

/// What every area is assessed with.
struct Plan<'a> {
    horizons: &'a [i32],
    as_of: Option<i32>,
    selected: &'a [usize],
    pillar_of: &'a [Option<usize>],
    declared: &'a [Vec<u32>],
}

/// Areas from which [`AreaAggregator::finish`] uses two threads.
const PARALLEL_MIN: usize = 2048;

impl AreaAggregator<'_> {
    /// The unranked rows of the areas in `range`, by target year.
    fn assess_areas(&self, plan: &Plan, range: std::ops::Range<usize>) -> Vec<Vec<AreaRow>> {
        let r = self.resolution;
        let mut by_year: Vec<Vec<AreaRow>> = vec![Vec::new(); plan.horizons.len()];
        let mut figures: Figures = vec![Vec::new(); r.indicators.len()];
        let blocks = self.blocks.get(range.clone()).unwrap_or_default();
        for (area, block) in range.zip(blocks) {
            figures.iter_mut().for_each(Vec::clear);
            for (s, &(ind, code)) in block.iter().zip(&self.column_keys) {
                if s.year == NO_YEAR || plan.as_of.is_none_or(|a| s.year > a) {
                    continue;
                }
                if let Some(f) = figures.get_mut(ind) {
                    f.push((code, s.value));
                }
            }
            for (h, &year) in plan.horizons.iter().enumerate() {
                let counts = pillar_counts(
                    r,
                    plan.selected,
                    plan.pillar_of,
                    plan.declared,
                    &figures,
                    year,
                );
                let score = score(&counts);
                if let Some(rows) = by_year.get_mut(h) {
                    rows.push(AreaRow {
                        area: self.areas.name(area as u32).to_string(),
                        target_year: year,
                        pillars: counts,
                        score,
                        rank: None,
                    });
                }
            }
        }
        by_year
    }
}

/// Counts per selected pillar for one area and target year, with the rules
/// of `calc::assess`: worst member decides, a missing declared member makes
/// the indicator incomplete (with data, never met), capped means.
fn pillar_counts(
    r: &Resolution,
    selected: &[usize],
    pillar_of: &[Option<usize>],
    declared: &[Vec<u32>],
    figures: &Figures,
    year: i32,
) -> Vec<PillarCounts> {
    let mut out: Vec<(PillarCounts, f64, usize)> = selected
        .iter()
        .map(|&pillar| {
            let c = PillarCounts {
                pillar,
                indicators: 0,
                with_data: 0,
                met: 0,
                mean_attainment_pct: None,
            };
            (c, 0.0, 0)
        })
        .collect();
    for (i, ind) in r.indicators.iter().enumerate() {
        let Some(t) = ind.target_for(year) else {
            continue;
        };
        let Some(&Some(p)) = pillar_of.get(i) else {
            continue;
        };
        let Some((c, sum, n)) = out.get_mut(p) else {
            continue;
        };
        c.indicators += 1;
        let figs = figures.get(i).map_or(&[][..], Vec::as_slice);
        let higher = t.comparison.higher_is_better();
        let worst = figs
            .iter()
            .map(|f| f.1)
            .reduce(|a, b| if higher { a.min(b) } else { a.max(b) });
        let Some(actual) = worst else { continue };
        c.with_data += 1;
        let complete = declared
            .get(i)
            .is_none_or(|d| d.iter().all(|m| figs.iter().any(|f| f.0 == *m)));
        if complete && t.comparison.holds(actual, t.value) {
            c.met += 1;
        }
        if let Some(a) = calc::attainment(t.comparison, actual, t.value) {
            *sum += a.clamp(0.0, 100.0);
            *n += 1;
        }
    }
    out.into_iter()
        .map(|(mut c, sum, n)| {
            c.mean_attainment_pct = (n > 0).then(|| sum / n as f64);
            c
        })
        .collect()
}

/// Mean of the pillar means that exist.
fn score(counts: &[PillarCounts]) -> Option<f64> {
    let means: Vec<f64> = counts
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
fn rank(rows: &mut [AreaRow]) {
    rows.sort_by(|a, b| match (a.score, b.score) {
        (Some(x), Some(y)) => tie_key(y)
            .total_cmp(&tie_key(x))
            .then_with(|| a.area.cmp(&b.area)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.area.cmp(&b.area),
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

impl AreaAssessment {
    /// Keeps the selected areas; fails naming an `--area` not in the data.
    pub fn select(&mut self, selection: &Selection) -> Result<(), String> {
        for a in &selection.areas {
            if !self.rows.iter().any(|r| &r.area == a) {
                return Err(format!("area \"{a}\" is not in the data"));
            }
        }
        let bottom_ok = selection.bottom.map(|n| self.bottom_ranks(n));
        let keep: Vec<bool> = self
            .rows
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
        self.rows.retain(|_| flags.next().copied().unwrap_or(false));
        Ok(())
    }

    /// Per row: true when fewer than `n` ranked areas of its target year
    /// score strictly lower (the laggards, ties kept together).
    fn bottom_ranks(&self, n: usize) -> Vec<bool> {
        let mut out = Vec::with_capacity(self.rows.len());
        for group in self.rows.chunk_by(|a, b| a.target_year == b.target_year) {
            // ranked rows come first, in rank order
            let ranks: Vec<usize> = group.iter().filter_map(|r| r.rank).collect();
            out.extend(group.iter().map(|r| {
                r.rank
                    .is_some_and(|k| ranks.len() - ranks.partition_point(|&x| x <= k) < n)
            }));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actuals::Observation;
    use crate::area::AreaAggregator;
    use crate::calc::{Options, assess};
    use crate::targets;

    fn row(area: &str, score: Option<f64>) -> AreaRow {
        AreaRow {
            area: area.to_string(),
            target_year: 2025,
            pillars: vec![],
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
            rows.iter().map(|r| (r.area.as_str(), r.rank)).collect();
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
    fn two_threads_assess_as_one() {
        let r = targets::parse(targets::BUILTIN, "targets.toml").expect("built-in targets");
        let build = || {
            let mut agg = AreaAggregator::new(&r, None).expect("fits");
            // 3,000 areas (more than PARALLEL_MIN), scores spread so that
            // ranks and ties cross the halves
            for a in 0..3000u32 {
                for (i, ind) in r.indicators.iter().enumerate().take(6) {
                    let member = ind.members.first().map(String::as_str);
                    let value = f64::from((a * 7 + i as u32 * 13) % 90 + 1);
                    agg.push(&format!("area {a:04}"), i, 2024, member, value, 1)
                        .expect("no duplicates");
                }
            }
            agg
        };
        let horizons = r.target_years();
        let one = build().finish_with(&horizons, &[], false);
        let two = build().finish_with(&horizons, &[], true);
        assert_eq!(one.rows.len(), 3000 * horizons.len());
        assert_eq!(one, two);
        // ties cross the halves: rank 1 is shared by areas from both
        let firsts: Vec<&str> = one
            .rows
            .iter()
            .filter(|x| x.rank == Some(1) && x.target_year == horizons[0])
            .map(|x| x.area.as_str())
            .collect();
        assert!(
            firsts.len() > 1 && firsts.iter().any(|a| *a >= "area 1500"),
            "{firsts:?}"
        );
        assert!(firsts.iter().any(|a| *a < "area 1500"), "{firsts:?}");
    }

    #[test]
    fn one_area_equals_calc_assess() {
        let r = targets::parse(targets::BUILTIN, "targets.toml").expect("built-in targets");
        let id = |s: &str| r.indicator(s).expect("known");
        let data = [
            ("gov.online_services", 2023, None, 78.5),
            ("gov.online_services", 2024, None, 91.2),
            ("gov.digital_data", 2024, Some("health"), 72.5),
            ("gov.digital_data", 2024, Some("agriculture"), 55.0),
            ("econ.labour_productivity_growth", 2024, None, -2.0),
            ("soc.fibre_coverage", 2024, Some("households"), 85.4),
            ("soc.fibre_coverage", 2023, Some("schools"), 97.0),
            ("overall.dt_rank", 2024, None, 27.0),
        ];
        let obs: Vec<Observation> = data
            .iter()
            .map(|&(i, year, m, value)| Observation {
                area: None,
                indicator: id(i),
                year,
                member: m.map(str::to_string),
                value,
                file: 0,
                line: 1,
            })
            .collect();
        for as_of in [None, Some(2023)] {
            let horizons = r.target_years();
            let single = assess(
                &r,
                &obs,
                &Options {
                    as_of,
                    horizons: horizons.clone(),
                    pillars: vec![],
                },
            );
            let mut agg = AreaAggregator::new(&r, as_of).expect("fits");
            for (n, o) in obs.iter().enumerate() {
                agg.push(
                    "x",
                    o.indicator,
                    o.year,
                    o.member.as_deref(),
                    o.value,
                    n as u64,
                )
                .expect("no duplicates");
            }
            let areas = agg.finish(&horizons, &[]);
            assert_eq!(areas.as_of, single.as_of);
            for s in &single.pillars {
                let row = areas
                    .rows
                    .iter()
                    .find(|x| x.target_year == s.target_year)
                    .expect("row");
                let c = row
                    .pillars
                    .iter()
                    .find(|c| r.pillars[c.pillar].id == s.pillar)
                    .expect("pillar");
                assert_eq!(
                    (c.indicators, c.with_data, c.met, c.mean_attainment_pct),
                    (s.indicators, s.with_data, s.met, s.mean_attainment_pct),
                    "{} {} as of {as_of:?}",
                    s.pillar,
                    s.target_year
                );
            }
        }
    }

    #[test]
    fn duplicates_are_found_without_keeping_rows() {
        let r = targets::parse(targets::BUILTIN, "targets.toml").expect("built-in targets");
        let i = r.indicator("gov.online_services").expect("known");
        let mut agg = AreaAggregator::new(&r, None).expect("fits");
        assert!(agg.push("a", i, 2024, None, 1.0, 2).is_ok());
        assert!(agg.push("b", i, 2024, None, 1.0, 3).is_ok()); // another area
        assert!(agg.push("a", i, 1900, None, 1.0, 4).is_ok()); // outside the mask
        assert!(matches!(
            agg.push("a", i, 2024, None, 2.0, 5),
            Err(crate::area::PushError::Duplicate(d)) if d.line == 5 && d.key.year == 2024
        ));
        assert!(agg.push("a", i, 1900, None, 1.0, 6).is_err());
    }
}
