//! Linear pace: the least-squares slope of the series (points per year)
//! against the pace still required, and the straight-line projection to the
//! target year, clamped to the indicator's natural range. Pure arithmetic.
//! Also home of the one tolerance every method compares with ([`TOLERANCE`]).

use super::{Bounds, Evaluation, Note, Point};
use crate::progress::class::Class;
use crate::targets::Target;

/// Below this share of the required pace the class is `limited_progress`
/// (the same 0.60 as the growth method; dtcalc's choice, not a standard).
pub const MODERATE: f64 = 0.60;

/// Everything the method needs for one series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Input<'a> {
    /// The series from the baseline to the latest figure, ascending years.
    pub points: &'a [Point],
    /// The target.
    pub target: Target,
    /// The indicator's natural range.
    pub bounds: Bounds,
}

/// The relative tolerance of every progress comparison (dtcalc's choice):
/// binary arithmetic on figures published to a few decimals errs by about
/// 1e-16 of their size, so a difference below 1e-9 of it is noise, not a
/// change in the data. The one rule behind [`slope`] and [`at_least`],
/// which the growth, anticipated, linear and annual-rate methods share.
pub const TOLERANCE: f64 = 1e-9;

/// `x >= threshold`, where an `x` within [`TOLERANCE`] x |threshold| below
/// the threshold counts as at it: a ratio of 0.6 computed as
/// 0.59999999999999998 is 0.6. At a zero threshold only the sign counts,
/// as in Open SDG: a ratio there is exactly 0 when the data do not move
/// (a slope is made exactly 0 by [`slope`]).
pub fn at_least(x: f64, threshold: f64) -> bool {
    x >= threshold - TOLERANCE * threshold.abs()
}

/// The ordinary least-squares slope of value on year, in the value's unit
/// per year; `None` with fewer than two distinct years.
///
/// A slope no larger than [`TOLERANCE`] x the mean absolute value of the
/// series (per year) is exactly +0: 5.7, 7.2, 6.3, 6.0 is flat, though
/// summed in binary it comes out as -8.9e-17 and would read as falling.
pub fn slope(points: &[Point]) -> Option<f64> {
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| f64::from(p.0)).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let scale = points.iter().map(|p| p.1.abs()).sum::<f64>() / n;
    let sxx: f64 = points
        .iter()
        .map(|p| (f64::from(p.0) - mean_x).powi(2))
        .sum();
    let sxy: f64 = points
        .iter()
        .map(|p| (f64::from(p.0) - mean_x) * (p.1 - mean_y))
        .sum();
    let b = sxy / sxx;
    let b = if b.abs() <= TOLERANCE * scale { 0.0 } else { b };
    (sxx > 0.0 && b.is_finite()).then_some(b)
}

/// Applies the method to one series.
pub fn assess(i: &Input) -> Evaluation {
    let mut e = Evaluation::new(Class::NotAvailable);
    let Some(&(year, latest)) = i.points.last() else {
        return e;
    };
    let t = i.target;
    let achieved = t.comparison.holds(latest, t.value);
    let d = if t.comparison.higher_is_better() {
        1.0
    } else {
        -1.0
    };
    e.observed_pace = slope(i.points);
    let Some(pace) = e.observed_pace else {
        e.notes.push(Note::OneObservation);
        e.class = if achieved {
            Class::TargetAchieved
        } else {
            Class::NotAvailable
        };
        return e;
    };
    let years = t.year - year;
    if years <= 0 {
        e.notes.push(Note::TargetYearReached);
        e.projected = Some(latest);
    } else {
        let required = (t.value - latest) / f64::from(years);
        e.required_pace = Some(required);
        let raw = latest + pace * f64::from(years);
        e.projected = i.bounds.clamp(raw, &mut e.notes);
        if d * required > 0.0 {
            e.ratio = Some(pace / required).filter(|r| r.is_finite());
        }
    }
    let on_track = e.projected.is_some_and(|p| t.comparison.holds(p, t.value));
    e.class = if achieved {
        Class::TargetAchieved
    } else if on_track && years > 0 {
        Class::SubstantialProgress
    } else if let Some(r) = e.ratio {
        if at_least(r, MODERATE) {
            Class::ModerateProgress
        } else if at_least(r, 0.0) {
            Class::LimitedProgress
        } else {
            Class::Deterioration
        }
    } else if d * pace < 0.0 {
        Class::Deterioration
    } else {
        Class::LimitedProgress
    };
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::Comparison;

    fn target(comparison: Comparison, value: f64) -> Target {
        Target {
            year: 2030,
            comparison,
            value,
        }
    }

    #[test]
    fn slope_is_least_squares_and_handles_gaps() {
        // (2022, 10), (2023, 12), (2024, 14): slope 2.
        assert_eq!(
            slope(&[(2022, 10.0), (2023, 12.0), (2024, 14.0)]),
            Some(2.0)
        );
        // Gap: (2020, 10), (2024, 18): slope 8 / 4 = 2.
        assert_eq!(slope(&[(2020, 10.0), (2024, 18.0)]), Some(2.0));
        assert_eq!(slope(&[(2024, 18.0)]), None);
    }

    #[test]
    fn strict_target_projection_landing_on_it_is_not_on_track() {
        // 56 (2022), 62 (2024): slope 3/yr; projection 62 + 3 x 6 = 80 exactly.
        // Target "> 80": 80 is not above 80 -> not on track. Required pace
        // (80 - 62) / 6 = 3; ratio 3 / 3 = 1 -> moderate progress.
        let pts = [(2022, 56.0), (2024, 62.0)];
        let e = assess(&Input {
            points: &pts,
            target: target(Comparison::Above, 80.0),
            bounds: Bounds::PERCENT,
        });
        assert_eq!(e.projected, Some(80.0));
        assert_eq!(e.ratio, Some(1.0));
        assert_eq!(e.class, Class::ModerateProgress);
        // The same series against ">= 80" is on track.
        let e = assess(&Input {
            points: &pts,
            target: target(Comparison::AtLeast, 80.0),
            bounds: Bounds::PERCENT,
        });
        assert_eq!(e.class, Class::SubstantialProgress);
    }

    #[test]
    fn strict_target_at_equality_is_not_achieved() {
        // Latest exactly 80 against "> 80": not achieved; flat pace -> limited.
        let pts = [(2022, 80.0), (2024, 80.0)];
        let e = assess(&Input {
            points: &pts,
            target: target(Comparison::Above, 80.0),
            bounds: Bounds::PERCENT,
        });
        assert_eq!(
            (e.required_pace, e.class),
            (Some(0.0), Class::LimitedProgress)
        );
    }

    #[test]
    fn rank_projection_is_clamped_at_one() {
        // Rank 38 (2022), 27 (2024): slope -5.5/yr; 2030: 27 - 5.5 x 6 = -6 -> 1.
        let pts = [(2022, 38.0), (2024, 27.0)];
        let e = assess(&Input {
            points: &pts,
            target: target(Comparison::AtMost, 20.0),
            bounds: Bounds::RANK,
        });
        assert_eq!(e.observed_pace, Some(-5.5));
        assert_eq!(e.projected, Some(1.0));
        assert!(e.notes.contains(&Note::Clamped));
        assert_eq!(e.class, Class::SubstantialProgress);
        // Required pace (20 - 27) / 6 = -1.1667; ratio -5.5 / -1.1667 = 4.714.
        assert!((e.ratio.unwrap() - 33.0 / 7.0).abs() < 1e-12);
    }

    #[test]
    fn one_point_is_not_available_and_moving_away_is_deterioration() {
        let e = assess(&Input {
            points: &[(2024, 50.0)],
            target: target(Comparison::AtLeast, 80.0),
            bounds: Bounds::PERCENT,
        });
        assert_eq!(e.class, Class::NotAvailable);
        // 60 -> 58: pace -1; required (80 - 58) / 6 = 3.667; ratio < 0.
        let e = assess(&Input {
            points: &[(2022, 60.0), (2024, 58.0)],
            target: target(Comparison::AtLeast, 80.0),
            bounds: Bounds::PERCENT,
        });
        assert_eq!(e.class, Class::Deterioration);
    }

    #[test]
    fn latest_in_target_year_is_judged_on_the_figure() {
        // 50 (2028), 60 (2030) against >= 80 in 2030: missed, rising -> limited.
        let e = assess(&Input {
            points: &[(2028, 50.0), (2030, 60.0)],
            target: target(Comparison::AtLeast, 80.0),
            bounds: Bounds::PERCENT,
        });
        assert!(e.notes.contains(&Note::TargetYearReached));
        assert_eq!((e.projected, e.class), (Some(60.0), Class::LimitedProgress));
    }

    #[test]
    fn flat_series_has_a_slope_of_exactly_plus_zero() {
        // 5.7, 7.2, 6.3, 6.0 (2022-2025): x - mean = -1.5, -0.5, 0.5, 1.5;
        // Sxy = -8.55 - 3.6 + 3.15 + 9.0 = 0 -> slope 0 (binary gives -8.9e-17).
        let b = slope(&[(2022, 5.7), (2023, 7.2), (2024, 6.3), (2025, 6.0)]).unwrap();
        assert!(b == 0.0 && b.is_sign_positive(), "slope {b:e}");
        // A small real slope stays: 1 -> 1.000001 is 1e-6/yr, above 1e-9 x 1.
        let b = slope(&[(2022, 1.0), (2023, 1.000_001)]).unwrap();
        assert!((b - 1e-6).abs() < 1e-15, "slope {b:e}");
    }

    #[test]
    fn flat_series_below_target_is_limited_not_deterioration() {
        // 64.7, 63.3, 67.5, 63.3 (2022-2025): Sxy = -97.05 - 31.65 + 33.75
        // + 94.95 = 0 -> pace 0; required (90 - 63.3) / 5 = 5.34; P = 0 -> limited.
        let e = assess(&Input {
            points: &[(2022, 64.7), (2023, 63.3), (2024, 67.5), (2025, 63.3)],
            target: target(Comparison::AtLeast, 90.0),
            bounds: Bounds::PERCENT,
        });
        assert_eq!(e.observed_pace.map(f64::to_bits), Some(0f64.to_bits()));
        assert_eq!((e.projected, e.class), (Some(63.3), Class::LimitedProgress));
    }

    #[test]
    fn ratio_at_the_moderate_threshold_is_moderate_despite_binary_noise() {
        // 10.0 (2022), 10.6 (2024): pace 0.3; required (13.6 - 10.6) / 6 = 0.5;
        // P = 0.3 / 0.5 = 0.6 -> moderate (binary: 0.59999999999999...).
        let e = assess(&Input {
            points: &[(2022, 10.0), (2024, 10.6)],
            target: target(Comparison::AtLeast, 13.6),
            bounds: Bounds::NONE,
        });
        assert!((e.ratio.unwrap() - 0.6).abs() < 1e-12);
        assert_eq!(e.class, Class::ModerateProgress);
    }

    #[test]
    fn at_least_allows_a_relative_tolerance_below_the_threshold() {
        assert!(at_least(0.6f64.next_down(), 0.6)); // 0.6 - 1 ulp counts as 0.6
        assert!(!at_least(0.6 - 1e-6, 0.6)); // a real shortfall does not
        assert!(at_least(-0.0, 0.0));
        assert!(!at_least(-1e-300, 0.0)); // at 0 only the sign counts
    }
}
