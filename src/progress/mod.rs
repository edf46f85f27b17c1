//! Progress over time: from each indicator's series, a baseline, an
//! observed trend, a projection to the target year and a progress class,
//! by one or more published methods. Pure: no I/O, no clock, no clap.
//!
//! `baseline.rs` picks the base figure; `growth.rs`, `anticipated.rs`,
//! `linear.rs` and `annual.rs` are the methods; `class.rs` names the
//! outcomes; `series.rs` groups observations and lets the worst member decide.

pub mod annual;
pub mod anticipated;
pub mod baseline;
pub mod class;
pub mod gate;
pub mod growth;
pub mod linear;
mod series;
#[cfg(test)]
mod statcan;

pub use baseline::Baseline;
pub use class::{Class, Method};
pub use series::{assess, counts};

use crate::targets::Unit;

/// A figure: (year, value).
pub type Point = (i32, f64);

/// What a method found for one series, one target year.
///
/// Rates are fractions per year (0.05 = 5 %/year); paces are in the
/// indicator's unit per year. `None` wherever a number is undefined, so
/// every number that reaches output is finite.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The class.
    pub class: Class,
    /// Observed compound annual growth rate CAGR_i (growth, anticipated).
    pub actual_rate: Option<f64>,
    /// Compound rate required from the baseline, CAGR_T (growth).
    pub required_rate: Option<f64>,
    /// Least-squares slope (linear; annual: of the recent years).
    pub observed_pace: Option<f64>,
    /// Pace still required from the latest figure (linear).
    pub required_pace: Option<f64>,
    /// R (growth), Q (anticipated) or observed / required pace (linear).
    pub ratio: Option<f64>,
    /// Score on -5..5 (growth only).
    pub score: Option<f64>,
    /// The projected value in the target year, clamped to natural bounds.
    pub projected: Option<f64>,
    /// Years since adoption whose figure fell short (annual targets).
    pub shortfall_years: Vec<i32>,
    /// Edge cases met on the way.
    pub notes: Vec<Note>,
}

impl Evaluation {
    /// An evaluation with only a class.
    pub fn new(class: Class) -> Self {
        Evaluation {
            class,
            actual_rate: None,
            required_rate: None,
            observed_pace: None,
            required_pace: None,
            ratio: None,
            score: None,
            projected: None,
            shortfall_years: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// An edge case a method met; listed in JSON as `notes` and in tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// A zero base value was replaced by 0.001 (Open SDG's rule).
    BaseZeroReplaced,
    /// A zero target was replaced by 0.001 (Open SDG's rule).
    TargetZeroReplaced,
    /// Base and latest values have opposite signs: no compound rate.
    OppositeSigns,
    /// A zero or negative value: no compound rate.
    CompoundRateUndefined,
    /// Only one year of data since the baseline: no trend.
    OneObservation,
    /// The target equals the base value: R is undefined.
    TargetEqualsBase,
    /// The target is not ahead of the baseline in the desired direction.
    TargetNotAheadOfBase,
    /// The target year is not after the base year.
    TargetYearNotAfterBase,
    /// The latest figure is for the target year: no projection needed.
    TargetYearReached,
    /// The projection was clamped to the indicator's natural range.
    Clamped,
}

impl Note {
    /// The name used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Note::BaseZeroReplaced => "base_zero_replaced",
            Note::TargetZeroReplaced => "target_zero_replaced",
            Note::OppositeSigns => "opposite_signs",
            Note::CompoundRateUndefined => "compound_rate_undefined",
            Note::OneObservation => "one_observation",
            Note::TargetEqualsBase => "target_equals_base",
            Note::TargetNotAheadOfBase => "target_not_ahead_of_base",
            Note::TargetYearNotAfterBase => "target_year_not_after_base",
            Note::TargetYearReached => "target_year_reached",
            Note::Clamped => "clamped",
        }
    }
}

/// An indicator's natural range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Lowest possible value.
    pub min: Option<f64>,
    /// Highest possible value.
    pub max: Option<f64>,
}

impl Bounds {
    /// A share: 0 to 100.
    pub const PERCENT: Bounds = Bounds {
        min: Some(0.0),
        max: Some(100.0),
    };
    /// A rank: 1 or more.
    pub const RANK: Bounds = Bounds {
        min: Some(1.0),
        max: None,
    };
    /// No bounds.
    pub const NONE: Bounds = Bounds {
        min: None,
        max: None,
    };

    /// The natural range of a unit.
    pub fn of(unit: Unit) -> Bounds {
        match unit {
            Unit::Percent => Bounds::PERCENT,
            Unit::Rank => Bounds::RANK,
            Unit::PercentPerYear | Unit::Number => Bounds::NONE,
        }
    }

    /// `v` clamped to the range (noting it when clamped); `None` if `v` is
    /// not finite.
    pub fn clamp(self, v: f64, notes: &mut Vec<Note>) -> Option<f64> {
        if !v.is_finite() {
            return None;
        }
        let lo = self.min.map_or(v, |m| v.max(m));
        let c = self.max.map_or(lo, |m| lo.min(m));
        if c != v {
            notes.push(Note::Clamped);
        }
        Some(c)
    }
}

/// The class when a ratio is undefined because the target is not ahead of
/// the baseline (and not met): moving the wrong way is `deterioration`,
/// otherwise `limited_progress`.
fn moved_class(higher_is_better: bool, base: f64, current: f64) -> Class {
    let d = if higher_is_better { 1.0 } else { -1.0 };
    if d * (current - base) < 0.0 {
        Class::Deterioration
    } else {
        Class::LimitedProgress
    }
}

/// One indicator, one target year, one method.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Index into `Resolution::indicators`.
    pub indicator: usize,
    /// The target year.
    pub target_year: i32,
    /// The method used.
    pub method: Method,
    /// The baseline of the deciding series.
    pub baseline: Option<Baseline>,
    /// The latest figure of the deciding series (at or before the target
    /// year and the as-of year).
    pub latest: Option<Point>,
    /// For per-member targets: the member whose evaluation decides (the worst).
    pub member: Option<String>,
    /// The numbers and the class.
    pub eval: Evaluation,
}

/// Progress for every assessed indicator and target year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProgressReport {
    /// Methods asked for, the primary first.
    pub methods: Vec<Method>,
    /// Per indicator and target year, one row per method (primary first);
    /// `%/year` indicators have one `annual_rate` row.
    pub rows: Vec<Progress>,
    /// Per assessed result: (indicator, target year, rows start, end).
    index: Vec<(usize, i32, usize, usize)>,
    /// (indicator, target year) -> position in `index`.
    lookup: rustc_hash::FxHashMap<(usize, i32), usize>,
}

impl ProgressReport {
    /// A report of `rows`, `index` telling which rows belong to which
    /// (indicator, target year).
    fn new(
        methods: Vec<Method>,
        rows: Vec<Progress>,
        index: Vec<(usize, i32, usize, usize)>,
    ) -> Self {
        let lookup = index
            .iter()
            .enumerate()
            .map(|(k, &(i, y, ..))| ((i, y), k))
            .collect();
        ProgressReport {
            methods,
            rows,
            index,
            lookup,
        }
    }

    /// Every row for an indicator and target year, the primary first.
    pub fn rows_for(&self, indicator: usize, year: i32) -> impl Iterator<Item = &Progress> {
        let range = self
            .lookup
            .get(&(indicator, year))
            .and_then(|&k| self.index.get(k))
            .map_or(0..0, |&(.., start, end)| start..end);
        self.rows.get(range).unwrap_or_default().iter()
    }

    /// The primary method's row for an indicator and target year.
    pub fn primary(&self, indicator: usize, year: i32) -> Option<&Progress> {
        self.rows_for(indicator, year).next()
    }
}
