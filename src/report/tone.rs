//! The colour of a result: met (green), close (yellow), far (red), no data
//! (dim). A reading of `calc`'s status and attainment, not a new figure.
//!
//! Thresholds (documented in README.md, "Reading the terminal report"):
//! met when the status is met; close when not met (or incomplete) with an
//! attainment of at least [`CLOSE_FROM_PCT`]; far below that; no data when
//! there is no figure or no target. Progress classes take the tone of
//! their meaning ([`Tone::of_class`]).

use crate::calc::{IndicatorResult, Status};
use crate::progress::Class;

/// Attainment (in %) from which a result that is not met counts as close.
pub const CLOSE_FROM_PCT: f64 = 90.0;

/// How a result reads at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// The target is met: green.
    Met,
    /// Not met, attainment at least [`CLOSE_FROM_PCT`]: yellow.
    Close,
    /// Not met, attainment below [`CLOSE_FROM_PCT`] or undefined: red.
    Far,
    /// No figure or no target: dim.
    NoData,
}

impl Tone {
    /// The tone of one result.
    pub fn of(r: &IndicatorResult) -> Tone {
        match r.status {
            Status::Met => Tone::Met,
            Status::NoData | Status::NoTarget => Tone::NoData,
            Status::NotMet | Status::Incomplete => match r.attainment_pct {
                Some(a) if a >= CLOSE_FROM_PCT => Tone::Close,
                _ => Tone::Far,
            },
        }
    }

    /// The tone of a mean attainment: met at 100 %, then as for one result.
    pub fn of_mean(mean: Option<f64>) -> Tone {
        match mean {
            None => Tone::NoData,
            Some(m) if m >= 100.0 => Tone::Met,
            Some(m) if m >= CLOSE_FROM_PCT => Tone::Close,
            Some(_) => Tone::Far,
        }
    }

    /// The tone of a progress class: achieved or on track green, moderate
    /// progress yellow, limited progress or deterioration red, no judgement
    /// dim.
    pub fn of_class(class: Class) -> Tone {
        match class {
            Class::TargetAchieved | Class::SubstantialProgress => Tone::Met,
            Class::ModerateProgress => Tone::Close,
            Class::LimitedProgress | Class::Deterioration => Tone::Far,
            Class::NotAvailable | Class::NoData | Class::NoTarget => Tone::NoData,
        }
    }

    /// The CSS class (and id) of the tone.
    pub fn id(self) -> &'static str {
        match self {
            Tone::Met => "met",
            Tone::Close => "close",
            Tone::Far => "far",
            Tone::NoData => "nodata",
        }
    }

    /// The terminal colour of the tone.
    pub fn cell(self, cell: comfy_table::Cell) -> comfy_table::Cell {
        use comfy_table::{Attribute, Color};
        match self {
            Tone::Met => cell.fg(Color::Green),
            Tone::Close => cell.fg(Color::Yellow),
            Tone::Far => cell.fg(Color::Red),
            Tone::NoData => cell.add_attribute(Attribute::Dim),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(status: Status, attainment: Option<f64>) -> IndicatorResult {
        IndicatorResult::bare(status, attainment)
    }

    #[test]
    fn tones_follow_status_and_the_close_threshold() {
        let cases = [
            (Status::Met, Some(104.0), Tone::Met),
            (Status::NotMet, Some(98.2), Tone::Close),
            (Status::NotMet, Some(90.0), Tone::Close), // the threshold itself is close
            (Status::NotMet, Some(89.99), Tone::Far),
            (Status::NotMet, None, Tone::Far), // undefined attainment
            (Status::Incomplete, Some(95.0), Tone::Close),
            (Status::NoData, None, Tone::NoData),
            (Status::NoTarget, None, Tone::NoData),
            // a strict target reached but not passed: 100 % is still not met
            (Status::NotMet, Some(100.0), Tone::Close),
        ];
        for (status, attainment, tone) in cases {
            assert_eq!(
                Tone::of(&result(status, attainment)),
                tone,
                "{status:?} {attainment:?}"
            );
        }
    }

    #[test]
    fn class_tones() {
        let cases = [
            (Class::TargetAchieved, Tone::Met),
            (Class::SubstantialProgress, Tone::Met),
            (Class::ModerateProgress, Tone::Close),
            (Class::LimitedProgress, Tone::Far),
            (Class::Deterioration, Tone::Far),
            (Class::NotAvailable, Tone::NoData),
            (Class::NoData, Tone::NoData),
            (Class::NoTarget, Tone::NoData),
        ];
        for (class, tone) in cases {
            assert_eq!(Tone::of_class(class), tone, "{class:?}");
        }
    }

    #[test]
    fn mean_tones() {
        assert_eq!(Tone::of_mean(Some(100.0)), Tone::Met);
        assert_eq!(Tone::of_mean(Some(93.4)), Tone::Close);
        assert_eq!(Tone::of_mean(Some(69.6)), Tone::Far);
        assert_eq!(Tone::of_mean(None), Tone::NoData);
    }
}
