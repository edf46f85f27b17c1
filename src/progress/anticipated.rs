//! Anticipated progress, the UN Statistics Division's method in the
//! Sustainable Development Goals Progress Chart 2023: will the target be
//! reached at the observed compound rate? Pure arithmetic; no I/O.
//!
//! v_e = v_t x (1 + CAGR_i)^(T - t); Q = (v_e - v_0) / (v_T - v_0).

use super::{Bounds, Evaluation, Note};
use crate::progress::class::Class;
use crate::progress::growth::cagr;
use crate::progress::linear::at_least;

/// UNSD's thresholds on Q: on track, fair progress.
pub const THRESHOLDS: (f64, f64) = (0.95, 0.10);

/// Everything the method needs for one series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Input {
    /// Base year t_0.
    pub base_year: i32,
    /// Base value v_0.
    pub base: f64,
    /// Latest year t.
    pub current_year: i32,
    /// Latest value v_t.
    pub current: f64,
    /// Target year T.
    pub target_year: i32,
    /// Target value v_T.
    pub target: f64,
    /// Direction of the target.
    pub higher_is_better: bool,
    /// Whether the latest value meets the target.
    pub achieved: bool,
    /// The indicator's natural range; the projection is clamped to it.
    pub bounds: Bounds,
}

/// Applies the method to one series.
pub fn assess(i: &Input) -> Evaluation {
    let mut e = Evaluation::new(Class::NotAvailable);
    if i.current_year <= i.base_year {
        e.notes.push(Note::OneObservation);
    } else if i.base <= 0.0 || i.current <= 0.0 {
        e.notes.push(Note::CompoundRateUndefined);
    } else if let Some(rate) = cagr(i.base, i.current, i.current_year - i.base_year) {
        e.actual_rate = Some(rate);
        let years = (i.target_year - i.current_year).max(0);
        let expected = i.current * (1.0 + rate).powi(years);
        e.projected = i.bounds.clamp(expected, &mut e.notes);
        let d = if i.higher_is_better { 1.0 } else { -1.0 };
        let distance = i.target - i.base;
        if d * distance > 0.0 {
            e.ratio = e
                .projected
                .map(|v| (v - i.base) / distance)
                .filter(|q| q.is_finite());
        } else {
            e.notes.push(Note::TargetNotAheadOfBase);
        }
    }
    e.class = if i.achieved {
        Class::TargetAchieved
    } else if let Some(q) = e.ratio {
        class_of(q)
    } else if e.notes.contains(&Note::TargetNotAheadOfBase) {
        super::moved_class(i.higher_is_better, i.base, i.current)
    } else {
        Class::NotAvailable
    };
    e
}

/// The class for Q. UNSD's "stagnation or regression" band (Q < 0.10) is
/// split at 0: `limited_progress` from 0, `deterioration` below it (the
/// projection ends worse than the baseline). A Q within the shared
/// tolerance ([`at_least`]) below a threshold counts as at it.
pub fn class_of(q: f64) -> Class {
    let (on_track, fair) = THRESHOLDS;
    if at_least(q, on_track) {
        Class::SubstantialProgress
    } else if at_least(q, fair) {
        Class::ModerateProgress
    } else if at_least(q, 0.0) {
        Class::LimitedProgress
    } else {
        Class::Deterioration
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(base: f64, current: f64, target: f64) -> Input {
        Input {
            base_year: 2022,
            base,
            current_year: 2024,
            current,
            target_year: 2030,
            target,
            higher_is_better: true,
            achieved: current >= target,
            bounds: Bounds::PERCENT,
        }
    }

    #[test]
    fn q_boundaries() {
        assert_eq!(class_of(0.95), Class::SubstantialProgress); // Q = 0.95 -> on track
        assert_eq!(class_of(0.9499), Class::ModerateProgress);
        assert_eq!(class_of(0.10), Class::ModerateProgress); // Q = 0.10 -> fair progress
        assert_eq!(class_of(0.0999), Class::LimitedProgress);
        assert_eq!(class_of(-0.01), Class::Deterioration);
    }

    #[test]
    fn q_exactly_at_thresholds_from_values() {
        // v_0 = 40 (2022), v_t = 40 (2024): CAGR = 0, v_e = 40 in 2030.
        // Q = (40 - 40) / (60 - 40) = 0 -> limited progress.
        let e = assess(&input(40.0, 40.0, 60.0));
        assert_eq!((e.ratio, e.class), (Some(0.0), Class::LimitedProgress));
        // Latest year = target year: v_e = v_t. v_0 = 40, v_T = 60.
        // v_t = 59 -> Q = 19/20 = 0.95 -> on track; v_t = 42 -> Q = 2/20 = 0.10 -> fair.
        let mut i = input(40.0, 59.0, 60.0);
        i.current_year = 2030;
        assert_eq!(assess(&i).ratio, Some(0.95));
        assert_eq!(assess(&i).class, Class::SubstantialProgress);
        i.current = 42.0;
        assert_eq!(assess(&i).ratio, Some(0.1));
        assert_eq!(assess(&i).class, Class::ModerateProgress);
    }

    #[test]
    fn projection_compounds_and_is_clamped() {
        // 50 -> 60 over 2 years: CAGR = sqrt(1.2) - 1 = 0.095445;
        // v_e = 60 x 1.2^3 = 103.68 -> clamped to 100; Q = (100-50)/(90-50) = 1.25.
        let e = assess(&input(50.0, 60.0, 90.0));
        assert_eq!(e.projected, Some(100.0));
        assert!(e.notes.contains(&Note::Clamped));
        assert_eq!(e.ratio, Some(1.25));
        assert_eq!(e.class, Class::SubstantialProgress);
    }

    #[test]
    fn zero_base_and_single_year_are_not_available() {
        let e = assess(&input(0.0, 25.0, 100.0));
        assert_eq!(e.class, Class::NotAvailable);
        assert!(e.notes.contains(&Note::CompoundRateUndefined));
        let mut i = input(40.0, 40.0, 60.0);
        i.current_year = 2022;
        assert_eq!(assess(&i).class, Class::NotAvailable);
    }

    #[test]
    fn baseline_already_at_target_then_falling_is_deterioration() {
        // v_0 = 85 already meets >= 80; v_t = 78: fell back below the target.
        let e = assess(&input(85.0, 78.0, 80.0));
        assert_eq!((e.ratio, e.class), (None, Class::Deterioration));
    }

    #[test]
    fn q_at_a_threshold_is_at_it_despite_binary_noise() {
        // Latest year = target year: v_e = v_t = 11.6; v_0 = 10, v_T = 26:
        // Q = 1.6 / 16 = 0.10 -> fair progress (binary: 0.09999999999999998).
        let mut i = input(10.0, 11.6, 26.0);
        i.current_year = 2030;
        let e = assess(&i);
        assert!((e.ratio.unwrap() - 0.1).abs() < 1e-12);
        assert_eq!(e.class, Class::ModerateProgress);
        assert_eq!(class_of(0.95f64.next_down()), Class::SubstantialProgress);
    }
}
