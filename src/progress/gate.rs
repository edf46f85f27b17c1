//! The decision behind `dtcalc check`: does each selected indicator pass
//! the requirement? Pure; rendering lives in `report/check.rs`.

use super::{Class, Progress, ProgressReport};
use crate::calc::{Assessment, IndicatorResult, Status};

/// What each indicator must show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Require {
    /// The latest figure meets the target.
    Met,
    /// `target_achieved` or `substantial_progress`.
    Substantial,
    /// At least `moderate_progress`.
    Moderate,
}

impl Require {
    /// The name used on the command line and in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Require::Met => "met",
            Require::Substantial => "substantial",
            Require::Moderate => "moderate",
        }
    }

    /// The weakest progress class that passes, for the progress requirements.
    pub fn floor(self) -> Option<Class> {
        match self {
            Require::Met => None,
            Require::Substantial => Some(Class::SubstantialProgress),
            Require::Moderate => Some(Class::ModerateProgress),
        }
    }
}

/// The requirement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// A status or progress requirement, if any.
    pub require: Option<Require>,
    /// A minimum attainment in %, if any.
    pub min_attainment: Option<f64>,
    /// Whether indicators without data pass.
    pub allow_missing: bool,
}

/// Why an indicator failed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reason {
    /// No figure at all.
    NoData,
    /// `--require met` and the status is not `met`.
    NotMet(Status),
    /// The progress class is below the floor.
    ClassBelow(Class, Class),
    /// Attainment below the minimum (`None`: attainment undefined).
    AttainmentBelow(Option<f64>, f64),
    /// Some of the figures are missing (a declared member, or too few
    /// areas of a roll-up): an attainment on the rest cannot pass.
    Incomplete,
}

impl Reason {
    /// The name used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Reason::NoData => "no_data",
            Reason::NotMet(_) => "not_met",
            Reason::ClassBelow(..) => "progress_below",
            Reason::AttainmentBelow(..) => "attainment_below",
            Reason::Incomplete => "incomplete",
        }
    }
}

/// One indicator's verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict<'a> {
    /// The calc result it is based on.
    pub result: &'a IndicatorResult,
    /// The primary progress class.
    pub class: Class,
    /// The primary progress row the class comes from, if any.
    pub progress: Option<&'a Progress>,
    /// Empty when it passes.
    pub reasons: Vec<Reason>,
    /// True when it passes only because `--allow-missing` excused missing data.
    pub excused: bool,
}

impl Verdict<'_> {
    /// Whether the indicator passes.
    pub fn passes(&self) -> bool {
        self.reasons.is_empty()
    }
}

/// Judges every result of `assessment` that has a target and is selected
/// by `keep` (an indicator index filter).
pub fn judge<'a>(
    assessment: &'a Assessment,
    progress: &'a ProgressReport,
    rule: &Rule,
    keep: impl Fn(usize) -> bool,
) -> Vec<Verdict<'a>> {
    assessment
        .results
        .iter()
        .filter(|r| r.target.is_some() && keep(r.indicator))
        .map(|r| {
            let row = progress.primary(r.indicator, r.target_year);
            let class = row.map_or(Class::NoData, |p| p.eval.class);
            Verdict {
                progress: row,
                ..verdict(r, class, rule)
            }
        })
        .collect()
}

fn verdict<'a>(r: &'a IndicatorResult, class: Class, rule: &Rule) -> Verdict<'a> {
    let mut v = Verdict {
        result: r,
        class,
        progress: None,
        reasons: Vec::new(),
        excused: false,
    };
    if r.status == Status::NoData {
        if rule.allow_missing {
            v.excused = true;
        } else {
            v.reasons.push(Reason::NoData);
        }
        return v;
    }
    match rule.require {
        Some(Require::Met) if r.status != Status::Met => v.reasons.push(Reason::NotMet(r.status)),
        Some(req) => {
            if let Some(floor) = req.floor().filter(|f| !class.at_least(*f)) {
                v.reasons.push(Reason::ClassBelow(class, floor));
            }
        }
        None => {}
    }
    if let Some(min) = rule.min_attainment {
        let incomplete = r.status == Status::Incomplete;
        match r.attainment_pct {
            Some(a) if a < min => v.reasons.push(Reason::AttainmentBelow(Some(a), min)),
            None if !incomplete => v.reasons.push(Reason::AttainmentBelow(None, min)),
            // the attainment of the figures there are is no pass, and a
            // figure withheld (a roll-up short of areas) has none
            _ if incomplete && v.reasons.is_empty() => match rule.allow_missing {
                true => v.excused = true,
                false => v.reasons.push(Reason::Incomplete),
            },
            _ => {}
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::{Comparison, Target};

    fn result(status: Status, attainment: Option<f64>) -> IndicatorResult {
        IndicatorResult {
            target: Some(Target {
                year: 2025,
                comparison: Comparison::AtLeast,
                value: 80.0,
            }),
            actual: attainment.map(|a| a * 0.8),
            actual_year: Some(2024),
            met: Some(status == Status::Met),
            ..IndicatorResult::bare(status, attainment)
        }
    }

    fn rule(require: Option<Require>, min: Option<f64>) -> Rule {
        Rule {
            require,
            min_attainment: min,
            allow_missing: false,
        }
    }

    #[test]
    fn requirements() {
        let r = result(Status::NotMet, Some(95.0));
        let met = rule(Some(Require::Met), None);
        assert_eq!(
            verdict(&r, Class::SubstantialProgress, &met).reasons,
            vec![Reason::NotMet(Status::NotMet)]
        );
        let sub = rule(Some(Require::Substantial), None);
        assert!(verdict(&r, Class::SubstantialProgress, &sub).passes());
        assert!(!verdict(&r, Class::ModerateProgress, &sub).passes());
        let modr = rule(Some(Require::Moderate), None);
        assert!(verdict(&r, Class::ModerateProgress, &modr).passes());
        assert!(!verdict(&r, Class::NotAvailable, &modr).passes());
        // Attainment exactly at the minimum passes: 95 >= 95.
        assert!(verdict(&r, Class::Deterioration, &rule(None, Some(95.0))).passes());
        assert!(!verdict(&r, Class::Deterioration, &rule(None, Some(95.1))).passes());
    }

    #[test]
    fn missing_data_fails_unless_allowed() {
        let r = result(Status::NoData, None);
        let mut ru = rule(Some(Require::Met), None);
        assert_eq!(
            verdict(&r, Class::NoData, &ru).reasons,
            vec![Reason::NoData]
        );
        ru.allow_missing = true;
        let v = verdict(&r, Class::NoData, &ru);
        assert!(v.passes() && v.excused);
    }

    #[test]
    fn an_incomplete_indicator_never_passes_on_the_figures_it_has() {
        // members with figures attain 95 %, one declared member has none
        let r = result(Status::Incomplete, Some(95.0));
        let mut ru = rule(None, Some(90.0));
        assert_eq!(
            verdict(&r, Class::ModerateProgress, &ru).reasons,
            vec![Reason::Incomplete]
        );
        // below the minimum anyway: that is the reason given
        assert_eq!(
            verdict(&r, Class::ModerateProgress, &rule(None, Some(96.0))).reasons,
            vec![Reason::AttainmentBelow(Some(95.0), 96.0)]
        );
        ru.allow_missing = true;
        let v = verdict(&r, Class::ModerateProgress, &ru);
        assert!(v.passes() && v.excused);
    }

    #[test]
    fn a_withheld_figure_is_incomplete_not_below_the_minimum() {
        // a roll-up from too few areas: status incomplete, no attainment
        let r = result(Status::Incomplete, None);
        let mut ru = rule(None, Some(90.0));
        assert_eq!(
            verdict(&r, Class::NotAvailable, &ru).reasons,
            vec![Reason::Incomplete]
        );
        ru.allow_missing = true;
        let v = verdict(&r, Class::NotAvailable, &ru);
        assert!(v.passes() && v.excused);
        // a figure without attainment that is not incomplete stays below
        let r = result(Status::NotMet, None);
        assert_eq!(
            verdict(&r, Class::NotAvailable, &rule(None, Some(90.0))).reasons,
            vec![Reason::AttainmentBelow(None, 90.0)]
        );
    }
}
