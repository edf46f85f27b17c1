//! Targets held every year ("hàng năm", unit `%/year`), judged as Germany's
//! statistics office judges a constant annual target: first on the latest
//! year, then on whether the recent trend is worsening. No compound trend of
//! a rate is computed. Pure arithmetic; no I/O.

use super::{Evaluation, Point};
use crate::progress::class::Class;
use crate::progress::linear::slope;
use crate::targets::Target;

/// How many of the latest observations make the "recent trend".
pub const RECENT: usize = 5;

/// Everything the rule needs for one series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Input<'a> {
    /// Every observation up to the target year, ascending years.
    pub points: &'a [Point],
    /// The target that applies to each year.
    pub target: Target,
    /// The resolution's adoption year: shortfalls are listed from it on.
    pub adoption_year: i32,
}

/// Applies the rule to one series.
///
/// | latest year | recent trend     | class                  |
/// |-------------|------------------|------------------------|
/// | met         | not worsening    | `target_achieved`      |
/// | met         | worsening        | `substantial_progress` |
/// | missed      | improving        | `moderate_progress`    |
/// | missed      | flat             | `limited_progress`     |
/// | missed      | worsening        | `deterioration`        |
/// | missed      | one observation  | `not_available`        |
pub fn assess(i: &Input) -> Evaluation {
    let mut e = Evaluation::new(Class::NotAvailable);
    let t = i.target;
    e.shortfall_years = i
        .points
        .iter()
        .filter(|p| p.0 >= i.adoption_year && !t.comparison.holds(p.1, t.value))
        .map(|p| p.0)
        .collect();
    let Some(&(_, latest)) = i.points.last() else {
        return e;
    };
    let recent = i
        .points
        .get(i.points.len().saturating_sub(RECENT)..)
        .unwrap_or(&[]);
    e.observed_pace = slope(recent);
    let d = if t.comparison.higher_is_better() {
        1.0
    } else {
        -1.0
    };
    // `slope` is exactly 0 for a flat trend (the shared tolerance), so the
    // sign alone decides here; the pattern `0.0` also matches -0.
    let trend = e.observed_pace.map(|s| d * s);
    e.class = match (t.comparison.holds(latest, t.value), trend) {
        (true, Some(s)) if s < 0.0 => Class::SubstantialProgress,
        (true, _) => Class::TargetAchieved,
        (false, None) => Class::NotAvailable,
        (false, Some(s)) if s > 0.0 => Class::ModerateProgress,
        (false, Some(0.0)) => Class::LimitedProgress,
        (false, Some(_)) => Class::Deterioration,
    };
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::Comparison;

    fn at_least_7() -> Target {
        Target {
            year: 2025,
            comparison: Comparison::AtLeast,
            value: 7.0,
        }
    }

    fn run(points: &[Point]) -> Evaluation {
        assess(&Input {
            points,
            target: at_least_7(),
            adoption_year: 2022,
        })
    }

    #[test]
    fn one_bad_year_is_listed_and_latest_decides() {
        // 7.5 (2022), 6.2 (2023), 7.3 (2024) against >= 7 every year:
        // 2023 fell short; 2024 meets; slope (7.3 - 7.5)/2 = -0.1 -> worsening.
        let e = run(&[(2022, 7.5), (2023, 6.2), (2024, 7.3)]);
        assert_eq!(e.shortfall_years, vec![2023]);
        assert_eq!(e.class, Class::SubstantialProgress);
        assert!((e.observed_pace.unwrap() + 0.1).abs() < 1e-12);
    }

    #[test]
    fn met_and_rising_is_achieved_missed_and_rising_is_moderate() {
        // 6.1, 5.4, 7.3: latest meets; slope (7.3 - 6.1)/2 = 0.6 > 0.
        let e = run(&[(2022, 6.1), (2023, 5.4), (2024, 7.3)]);
        assert_eq!(e.class, Class::TargetAchieved);
        assert_eq!(e.shortfall_years, vec![2022, 2023]);
        // 5.0, 6.0: missed, slope +1 -> moderate; 6.0, 6.0 -> limited; 6, 5 -> deterioration.
        assert_eq!(
            run(&[(2022, 5.0), (2023, 6.0)]).class,
            Class::ModerateProgress
        );
        assert_eq!(
            run(&[(2022, 6.0), (2023, 6.0)]).class,
            Class::LimitedProgress
        );
        assert_eq!(run(&[(2022, 6.0), (2023, 5.0)]).class, Class::Deterioration);
    }

    #[test]
    fn years_before_adoption_are_not_listed_and_one_miss_is_not_available() {
        let e = run(&[(2021, 3.0), (2022, 8.0)]);
        assert!(e.shortfall_years.is_empty()); // 2021 precedes adoption
        let e = run(&[(2024, 6.0)]);
        assert_eq!(
            (e.class, e.shortfall_years.clone()),
            (Class::NotAvailable, vec![2024])
        );
        assert_eq!(run(&[(2024, 8.0)]).class, Class::TargetAchieved);
    }

    #[test]
    fn a_flat_trend_is_flat_despite_binary_noise() {
        // 5.7, 7.2, 6.3, 6.0 (2022-2025): x - mean = -1.5, -0.5, 0.5, 1.5;
        // Sxy = -8.55 - 3.6 + 3.15 + 9.0 = 0 -> flat; 6.0 < 7 missed -> limited.
        let e = run(&[(2022, 5.7), (2023, 7.2), (2024, 6.3), (2025, 6.0)]);
        assert_eq!(e.observed_pace.map(f64::to_bits), Some(0f64.to_bits()));
        assert_eq!(e.class, Class::LimitedProgress);
        // 8.9, 6.2, 7.5, 9.2, 7.4 (2021-2025): x - mean = -2..2;
        // Sxy = -17.8 - 6.2 + 0 + 9.2 + 14.8 = 0 -> flat; 7.4 >= 7 met -> achieved.
        let e = run(&[
            (2021, 8.9),
            (2022, 6.2),
            (2023, 7.5),
            (2024, 9.2),
            (2025, 7.4),
        ]);
        assert_eq!(e.observed_pace.map(f64::to_bits), Some(0f64.to_bits()));
        assert_eq!(e.class, Class::TargetAchieved);
    }
}
