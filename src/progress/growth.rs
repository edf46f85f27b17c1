//! Required vs actual growth, as Statistics Canada documents it and Open SDG
//! 2.4 implements it (`sdg/ProgressMeasure.py` in open-sdg/sdg-build).
//! Pure arithmetic; no I/O.
//!
//! CAGR_i = (y_i / y_0)^(1/(t_i - t_0)) - 1, CAGR_T = (y_T / y_0)^(1/(t_T - t_0)) - 1,
//! R = s x d x CAGR_i / |CAGR_T| (d = +1 higher is better, -1 lower is better;
//! s = -1 when the base is negative). "Target achieved" is tested first.

use super::{Evaluation, Note};
use crate::progress::class::Class;
use crate::progress::linear::at_least;

/// Open SDG's replacement for a zero base or target value.
pub const ZERO_REPLACEMENT: f64 = 0.001;

/// Open SDG's thresholds on R: substantial, moderate, limited.
pub const THRESHOLDS: (f64, f64, f64) = (0.95, 0.6, 0.0);

/// Everything the method needs for one series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Input {
    /// Base year t_0 and value y_0.
    pub base_year: i32,
    /// y_0, in the indicator's unit.
    pub base: f64,
    /// Latest year with data t_i.
    pub current_year: i32,
    /// y_i.
    pub current: f64,
    /// Target year t_T.
    pub target_year: i32,
    /// y_T.
    pub target: f64,
    /// d = +1 when true, -1 when false.
    pub higher_is_better: bool,
    /// Whether the latest value meets the target (decided by the caller, so
    /// that strict targets are honoured).
    pub achieved: bool,
}

/// Applies the method to one series.
pub fn assess(i: &Input) -> Evaluation {
    let mut e = Evaluation::new(Class::NotAvailable);
    // The sign is taken before a zero base is replaced, as Open SDG does.
    let sign = if i.base < 0.0 { -1.0 } else { 1.0 };
    let d = if i.higher_is_better { 1.0 } else { -1.0 };
    let target = replace_zero(i.target, Note::TargetZeroReplaced, &mut e.notes);
    let base = replace_zero(i.base, Note::BaseZeroReplaced, &mut e.notes);
    let opposite = (base > 0.0 && i.current < 0.0) || (base < 0.0 && i.current > 0.0);
    if opposite {
        e.notes.push(Note::OppositeSigns);
    } else if i.current_year <= i.base_year {
        e.notes.push(Note::OneObservation);
    } else if i.target_year <= i.base_year {
        e.notes.push(Note::TargetYearNotAfterBase);
    } else {
        let cagr_i = cagr(base, i.current, i.current_year - i.base_year);
        let cagr_t = cagr(base, target, i.target_year - i.base_year);
        e.actual_rate = cagr_i;
        e.required_rate = cagr_t;
        match (cagr_i, cagr_t) {
            (Some(_), Some(0.0)) => e.notes.push(Note::TargetEqualsBase),
            (Some(o), Some(t)) => e.ratio = Some(sign * d * o / t.abs()).filter(|r| r.is_finite()),
            _ => e.notes.push(Note::CompoundRateUndefined),
        }
    }
    e.class = if i.achieved {
        Class::TargetAchieved
    } else if let Some(r) = e.ratio {
        class_of(r)
    } else if e.notes.contains(&Note::TargetEqualsBase) {
        super::moved_class(i.higher_is_better, base, i.current)
    } else {
        Class::NotAvailable
    };
    e.score = if i.achieved {
        Some(5.0)
    } else {
        e.ratio.map(score)
    };
    e
}

/// The compound annual growth rate from `from` to `to` over `years` years;
/// `None` when undefined (e.g. a negative ratio).
pub fn cagr(from: f64, to: f64, years: i32) -> Option<f64> {
    let rate = (to / from).powf(1.0 / f64::from(years)) - 1.0;
    (years > 0 && rate.is_finite()).then_some(rate)
}

/// The class for a ratio R, with Open SDG's thresholds; an R within the
/// shared tolerance ([`at_least`]) below a threshold counts as at it.
pub fn class_of(r: f64) -> Class {
    let (high, med, low) = THRESHOLDS;
    if at_least(r, high) {
        Class::SubstantialProgress
    } else if at_least(r, med) {
        Class::ModerateProgress
    } else if at_least(r, low) {
        Class::LimitedProgress
    } else {
        Class::Deterioration
    }
}

/// The score on -5..5: linear through R = -0.6 -> -5, 0.6 -> 0, 1.3 -> 5,
/// capped. The coefficients are Open SDG's own rounded ones (5/0.7 written
/// 7.1429, 3/0.7 written 4.2857, 5/1.2 written 4.1667) so that published
/// scores are reproduced to the last digit. The line changes where the
/// class does ([`at_least`] the moderate threshold).
pub fn score(r: f64) -> f64 {
    if at_least(r, THRESHOLDS.1) {
        (7.1429 * r - 4.2857).min(5.0)
    } else {
        (4.1667 * r - 2.5).max(-5.0)
    }
}

fn replace_zero(v: f64, note: Note, notes: &mut Vec<Note>) -> f64 {
    if v == 0.0 {
        notes.push(note);
        ZERO_REPLACEMENT
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(base: f64, current: f64, target: f64) -> Input {
        // Base 2022, latest 2024, target 2030 unless a test says otherwise.
        Input {
            base_year: 2022,
            base,
            current_year: 2024,
            current,
            target_year: 2030,
            target,
            higher_is_better: true,
            achieved: current >= target,
        }
    }

    /// The base that makes R exactly `r` for y_0 = 1, target 2 over 8 years
    /// and latest 2 years later: CAGR_T = 2^(1/8) - 1; y_i = (1 + r CAGR_T)^2.
    fn current_for_ratio(r: f64) -> f64 {
        let t = 2f64.powf(1.0 / 8.0) - 1.0;
        (1.0 + r * t).powi(2)
    }

    #[test]
    fn class_boundaries_are_inclusive_from_below() {
        assert_eq!(class_of(0.95), Class::SubstantialProgress); // R = 0.95 -> on track
        assert_eq!(class_of(0.949_999), Class::ModerateProgress);
        assert_eq!(class_of(0.60), Class::ModerateProgress); // R = 0.60 -> moderate
        assert_eq!(class_of(0.599_999), Class::LimitedProgress);
        assert_eq!(class_of(0.0), Class::LimitedProgress); // R = 0 -> limited
        assert_eq!(class_of(-0.0), Class::LimitedProgress); // -0.0 >= 0 as in Python
        assert_eq!(class_of(-1e-12), Class::Deterioration);
    }

    #[test]
    fn ratio_near_boundaries_from_values() {
        // y_0 = 1, t_0 = 2022, y_T = 2 in 2030: CAGR_T = 2^(1/8) - 1 = 0.0905077...
        // y_i = (1 + 0.95 x 0.0905077)^2 in 2024 gives CAGR_i = 0.95 x CAGR_T.
        let mut i = input(1.0, current_for_ratio(0.95), 2.0);
        let e = assess(&i);
        assert!((e.ratio.unwrap() - 0.95).abs() < 1e-12);
        i.current = current_for_ratio(0.6);
        assert!((assess(&i).ratio.unwrap() - 0.6).abs() < 1e-12);
        i.current = 1.0; // no movement: CAGR_i = 0, R = 0 -> limited progress
        let e = assess(&i);
        assert_eq!((e.ratio, e.class), (Some(0.0), Class::LimitedProgress));
        assert_eq!(e.score, Some(-2.5)); // 4.1667 x 0 - 2.5
    }

    #[test]
    fn score_is_linear_and_capped() {
        assert_eq!(score(-0.6), (4.1667f64 * -0.6 - 2.5).max(-5.0)); // -5.00002 capped to -5
        assert_eq!(score(-0.6), -5.0);
        assert!((score(0.6) - 0.00004).abs() < 1e-9); // 7.1429 x 0.6 - 4.2857 = 0.00004
        assert!((score(1.3) - 5.0).abs() < 1e-3); // 7.1429 x 1.3 - 4.2857 = 5.00007 -> capped 5
        assert_eq!(score(2.0), 5.0);
        assert_eq!(score(-3.0), -5.0);
    }

    #[test]
    fn zero_base_is_replaced_with_a_note() {
        // y_0 = 0 -> 0.001; y_i = 25 in 2024: CAGR_i = 25000^(1/2) - 1 = 157.11;
        // y_T = 100 in 2030: CAGR_T = 100000^(1/8) - 1 = 3.2170; R = 48.8.
        let e = assess(&input(0.0, 25.0, 100.0));
        assert!(e.notes.contains(&Note::BaseZeroReplaced));
        assert!((e.ratio.unwrap() - 48.838).abs() < 1e-2);
        assert_eq!(e.class, Class::SubstantialProgress);
    }

    #[test]
    fn opposite_signs_and_single_year_are_not_available() {
        let e = assess(&input(2.0, -1.0, 5.0));
        assert_eq!(e.class, Class::NotAvailable);
        assert!(e.notes.contains(&Note::OppositeSigns));
        let mut i = input(2.0, 2.0, 5.0);
        i.current_year = 2022; // one observation
        assert_eq!(assess(&i).class, Class::NotAvailable);
        assert_eq!(assess(&i).score, None);
    }

    #[test]
    fn negative_series_flip_the_sign() {
        // y_0 = -4, y_i = -2 (2024), y_T = -1 (2030), higher is better, s = -1:
        // CAGR_i = 0.5^(1/2) - 1 = -0.2928932; CAGR_T = 0.25^(1/8) - 1 = -0.1591036;
        // R = -1 x 1 x -0.2928932 / 0.1591036 = 1.840896 -> on track.
        let e = assess(&input(-4.0, -2.0, -1.0));
        assert!((e.ratio.unwrap() - 1.840896).abs() < 1e-6, "{:?}", e.ratio);
        assert_eq!(e.class, Class::SubstantialProgress);
    }

    #[test]
    fn target_equal_to_base_has_no_ratio() {
        // y_0 = y_T = 80: CAGR_T = 0, R undefined.
        let e = assess(&input(80.0, 85.0, 80.0));
        assert_eq!(
            (e.ratio, e.class, e.score),
            (None, Class::TargetAchieved, Some(5.0))
        );
        let e = assess(&input(80.0, 75.0, 80.0)); // fell below: deterioration
        assert_eq!(
            (e.ratio, e.class, e.score),
            (None, Class::Deterioration, None)
        );
    }

    #[test]
    fn r_one_step_below_a_threshold_counts_as_at_it() {
        // R = 0.95 or 0.6 less one unit in the last place is binary noise.
        assert_eq!(class_of(0.95f64.next_down()), Class::SubstantialProgress);
        assert_eq!(class_of(0.6f64.next_down()), Class::ModerateProgress);
        // The score takes the same side as the class: 7.1429 x 0.6 - 4.2857.
        assert!((score(0.6f64.next_down()) - 0.00004).abs() < 1e-9);
        // A real shortfall is not noise; at 0 the sign decides, as in Open SDG.
        assert_eq!(class_of(0.95 - 1e-6), Class::ModerateProgress);
        assert_eq!(class_of(-1e-12), Class::Deterioration);
    }
}
