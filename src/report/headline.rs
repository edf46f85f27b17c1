//! The headline above the tables: per pillar (and over all pillars) and
//! target year, indicators met out of those with a target, the mean
//! attainment, and the three indicators furthest from their target.
//!
//! It picks and orders results; every figure comes from `calc`.

use super::{Context, Row, rows};
use crate::calc::{Scope, Status, Summary};

/// How many of the furthest indicators a headline names.
pub const WORST: usize = 3;

/// One line of the headline.
pub struct Headline<'a> {
    /// The pillar's (or the total's) counts and mean.
    pub summary: &'a Summary,
    /// True for the line over all pillars.
    pub total: bool,
    /// Up to [`WORST`] indicators not met, lowest attainment first (ties in
    /// resolution order); indicators without data are not ranked.
    pub worst: Vec<Row<'a>>,
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
                .filter(|x| x.res.target.is_some() && x.res.status != Status::Met)
                .filter(|x| x.res.attainment_pct.is_some())
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
