//! The baseline rule: which figure a series' progress is measured from.
//! Pure; no I/O.
//!
//! 1. `baseline = { year, value }` in the targets file, where the resolution
//!    states one;
//! 2. else the observation in the resolution's adoption year;
//! 3. else the latest observation before it;
//! 4. else the earliest observation after it.

use super::Point;
use crate::targets;

/// Where a baseline came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Stated in the targets file.
    TargetsFile,
    /// The observation in the adoption year.
    AdoptionYear,
    /// The latest observation before the adoption year.
    LatestBefore,
    /// The earliest observation after the adoption year.
    EarliestAfter,
}

impl Source {
    /// The name used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Source::TargetsFile => "targets_file",
            Source::AdoptionYear => "adoption_year",
            Source::LatestBefore => "latest_before_adoption",
            Source::EarliestAfter => "earliest_after_adoption",
        }
    }
}

/// The baseline used for a series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Baseline {
    /// Its year.
    pub year: i32,
    /// Its value, in the indicator's unit.
    pub value: f64,
    /// Which rule chose it.
    pub source: Source,
}

/// Chooses the baseline of a series (`points` ascending by year).
pub fn choose(
    stated: Option<targets::Baseline>,
    adoption_year: i32,
    points: &[Point],
) -> Option<Baseline> {
    let make = |(year, value): Point, source| Baseline {
        year,
        value,
        source,
    };
    if let Some(b) = stated {
        return Some(make((b.year, b.value), Source::TargetsFile));
    }
    if let Some(&p) = points.iter().find(|p| p.0 == adoption_year) {
        return Some(make(p, Source::AdoptionYear));
    }
    if let Some(&p) = points.iter().rev().find(|p| p.0 < adoption_year) {
        return Some(make(p, Source::LatestBefore));
    }
    points
        .iter()
        .find(|p| p.0 > adoption_year)
        .map(|&p| make(p, Source::EarliestAfter))
}

/// The series a trend is measured on: the baseline, then every observation
/// after the baseline year.
pub fn trend(baseline: Baseline, points: &[Point]) -> Vec<Point> {
    std::iter::once((baseline.year, baseline.value))
        .chain(points.iter().copied().filter(|p| p.0 > baseline.year))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PTS: [Point; 3] = [(2020, 1.0), (2022, 2.0), (2024, 3.0)];

    #[test]
    fn rule_order() {
        let stated = targets::Baseline {
            year: 2021,
            value: 9.0,
        };
        let b = choose(Some(stated), 2022, &PTS).unwrap();
        assert_eq!(
            (b.year, b.value, b.source),
            (2021, 9.0, Source::TargetsFile)
        );
        let b = choose(None, 2022, &PTS).unwrap();
        assert_eq!((b.year, b.source), (2022, Source::AdoptionYear));
        let b = choose(None, 2023, &PTS).unwrap();
        assert_eq!((b.year, b.source), (2022, Source::LatestBefore));
        let b = choose(None, 2019, &PTS).unwrap();
        assert_eq!((b.year, b.source), (2020, Source::EarliestAfter));
        assert_eq!(choose(None, 2022, &[]), None);
    }

    #[test]
    fn trend_starts_at_the_baseline() {
        let b = choose(None, 2022, &PTS).unwrap();
        assert_eq!(trend(b, &PTS), vec![(2022, 2.0), (2024, 3.0)]);
    }
}
