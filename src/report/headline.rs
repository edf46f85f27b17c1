//! The headline above the tables: per pillar (and over all pillars) and
//! target year, indicators met out of those with a target, the mean
//! attainment, and the three indicators furthest from their target.
//!
//! It picks and orders results; every figure comes from `calc`.

use super::{Context, Row, rows};
use crate::calc::{IndicatorResult, Scope, Status, Summary};

/// How many of the furthest indicators a headline names.
pub const WORST: usize = 3;

/// One line of the headline.
pub struct Headline<'a> {
    /// The pillar's (or the total's) counts and mean.
    pub summary: &'a Summary,
    /// True for the line over all pillars.
    pub total: bool,
    /// Up to [`WORST`] indicators short of their target, lowest attainment
    /// first (ties in resolution order): not met, or incomplete with an
    /// attainment under 100 %. Indicators without data, and incomplete ones
    /// already past their target, are not ranked.
    pub worst: Vec<Row<'a>>,
}

/// Whether a result counts among the furthest from target: not met, or
/// incomplete and under 100 %; with an attainment to rank it by.
fn short_of_target(r: &IndicatorResult) -> bool {
    let Some(a) = r.attainment_pct else {
        return false;
    };
    match r.status {
        Status::NotMet => true,
        Status::Incomplete => a < 100.0,
        Status::Met | Status::NoData | Status::NoTarget => false,
    }
}

/// The headline of one target year: one line per pillar with a target that
/// year, then the total.
pub fn headlines<'a>(ctx: &Context<'a>, year: i32) -> Vec<Headline<'a>> {
    let a = ctx.assessment;
    a.pillars
        .iter()
        .map(|s| (s, false))
        .chain(a.totals.iter().map(|s| (s, true)))
        .filter(|(s, _)| s.target_year == year && s.indicators > 0)
        .map(|(summary, total)| {
            let mut worst: Vec<Row> = rows(ctx, year)
                .filter(|x| match summary.scope {
                    Scope::Total => true,
                    Scope::Pillar(p) => ctx.resolution.pillar_of(x.res.indicator) == Some(p),
                })
                .filter(|x| short_of_target(x.res))
                .collect();
            // Stable sort: ties keep resolution order.
            worst.sort_by(|x, y| {
                let key = |r: &Row| r.res.attainment_pct.unwrap_or(f64::INFINITY);
                key(x).total_cmp(&key(y))
            });
            worst.truncate(WORST);
            Headline {
                summary,
                total,
                worst,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(status: Status, attainment: Option<f64>) -> IndicatorResult {
        IndicatorResult::bare(status, attainment)
    }

    #[test]
    fn only_results_short_of_their_target_are_furthest() {
        let cases = [
            (Status::NotMet, Some(31.0), true),
            // a strict target reached but not passed is still not met
            (Status::NotMet, Some(100.0), true),
            (Status::Incomplete, Some(85.6), true),
            // over-achieving but incomplete: not far from its target
            (Status::Incomplete, Some(121.2), false),
            (Status::Incomplete, Some(100.0), false),
            (Status::Met, Some(104.0), false),
            (Status::NotMet, None, false), // nothing to rank it by
            (Status::NoData, None, false),
        ];
        for (status, attainment, want) in cases {
            let got = short_of_target(&result(status, attainment));
            assert_eq!(got, want, "{status:?} {attainment:?}");
        }
    }
}
