//! The checks of one field against the resolution: indicator id, year span,
//! unit range, `unit` column and breakdown member. Pure: no I/O.

use crate::msg::Problem;
use crate::names::fold;
use crate::targets::{Indicator, Resolution, Unit};

/// The years a data row may be for: from the adoption year minus a
/// look-back to the last target year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First year accepted.
    pub first: i32,
    /// Last year accepted (the last target year).
    pub last: i32,
    /// The resolution's adoption year.
    pub adoption: i32,
    /// Years before adoption that are accepted (baselines).
    pub lookback: i32,
}

impl Span {
    /// The span of a resolution with a look-back of `lookback` years.
    pub fn of(resolution: &Resolution, lookback: u16) -> Span {
        let adoption = resolution.meta.adoption_year;
        let lookback = i32::from(lookback);
        let last = resolution
            .target_years()
            .last()
            .copied()
            .unwrap_or(adoption)
            .max(adoption);
        Span {
            first: adoption - lookback,
            last,
            adoption,
            lookback,
        }
    }

    /// Whether `year` is in the span.
    pub fn check(&self, year: i32) -> Result<(), Problem> {
        if (self.first..=self.last).contains(&year) {
            return Ok(());
        }
        Err(Problem::YearOutOfSpan {
            year,
            first: self.first,
            last: self.last,
            adoption: self.adoption,
            lookback: self.lookback,
        })
    }

    /// Number of years in the span.
    pub fn len(&self) -> usize {
        (self.last - self.first + 1).max(0) as usize
    }

    /// True when the span holds no year.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The nearest known indicator id to an unknown one, as a hint.
pub fn nearest_indicator(id: &str, resolution: &Resolution) -> Option<String> {
    // An id cut short ("soc.digital_id") is completed before distances count.
    let mut completions = resolution
        .indicators
        .iter()
        .map(|i| &i.id)
        .filter(|known| known.starts_with(id));
    if let (Some(only), None) = (completions.next(), completions.next()) {
        return Some(only.clone());
    }
    // A hint needs a distance of at most half the known id's length, and the
    // distance is at least the difference in lengths: an id half as long
    // again as every known one has no hint, and is not compared (a 10 MB
    // field would take seconds).
    let longest = resolution.indicators.iter().map(|i| i.id.len()).max()?;
    if id.len() > longest + longest / 2 {
        return None;
    }
    let (d, near) = resolution
        .indicators
        .iter()
        .map(|i| (strsim::levenshtein(id, &i.id), &i.id))
        .min()?;
    (d <= near.len() / 2).then(|| near.clone())
}

/// Whether `v` lies in the natural range of the indicator's unit: shares
/// 0-100, ranks whole and >= 1; rates per year (growth) may be negative.
pub fn in_range(ind: &Indicator, v: f64) -> bool {
    match ind.unit {
        Unit::Percent => (0.0..=100.0).contains(&v),
        Unit::Rank => v >= 1.0 && v.fract() == 0.0,
        Unit::PercentPerYear | Unit::Number => true,
    }
}

/// The problem of a value out of its unit's range, quoted as the file has
/// it (`"1e308"`, not 309 digits).
pub fn range(ind: &Indicator, v: f64, raw: &str) -> Result<(), Problem> {
    if in_range(ind, v) {
        return Ok(());
    }
    let raw = raw.to_string();
    Err(match ind.unit {
        Unit::Rank => Problem::NotARank { raw },
        _ => Problem::OutsidePercent { raw },
    })
}

/// A `unit` cell must agree with the indicator's unit (empty is fine).
pub fn unit(ind: &Indicator, unit: &str, value: Option<f64>) -> Result<(), Problem> {
    let u = unit.to_lowercase();
    let ok = match ind.unit {
        _ if u.is_empty() => true,
        Unit::Percent => matches!(u.as_str(), "%" | "percent" | "pct" | "phần trăm"),
        Unit::PercentPerYear => {
            matches!(u.as_str(), "%/year" | "%/năm" | "%" | "percent per year")
        }
        Unit::Rank => matches!(u.as_str(), "rank" | "hạng" | "thứ hạng"),
        Unit::Number => true,
    };
    if ok {
        return Ok(());
    }
    let fraction = matches!(u.as_str(), "fraction" | "ratio" | "share" | "tỷ lệ" | "0-1")
        || value.is_some_and(|v| (0.0..=1.0).contains(&v) && v != 0.0);
    Err(Problem::UnitMismatch {
        unit: unit.to_string(),
        symbol: ind.unit.symbol(),
        fraction: fraction && ind.unit == Unit::Percent,
    })
}

/// What a row's breakdown names, checked against the indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Member<'a> {
    /// The indicator has no members; no breakdown.
    None,
    /// A declared member: its index in `Indicator::members`.
    Declared(usize),
    /// A member of an open group (a sector), as written.
    Free(&'a str),
}

/// The member a row is about, checked against the indicator's declaration.
/// Members are matched without regard to case (the text is NFC already),
/// by their id or by their Vietnamese label (`members_vi`).
pub fn member<'a>(ind: &Indicator, breakdown: &'a str) -> Result<Member<'a>, Problem> {
    match (&ind.each, breakdown.is_empty()) {
        (None, true) => Ok(Member::None),
        (None, false) => Err(Problem::BreakdownNotAllowed {
            breakdown: breakdown.to_string(),
            id: ind.id.clone(),
        }),
        (Some(_), true) if !ind.members.is_empty() => Err(Problem::BreakdownMissing {
            id: ind.id.clone(),
            members: ind.members.clone(),
        }),
        (Some((each_vi, each_en)), true) => Err(Problem::BreakdownMissingEach {
            id: ind.id.clone(),
            each_en: each_en.clone(),
            each_vi: each_vi.clone(),
        }),
        (Some(_), false) if ind.members.is_empty() => Ok(Member::Free(breakdown)),
        (Some(_), false) => {
            let wanted = fold(breakdown);
            ind.members
                .iter()
                .position(|m| fold(m) == wanted)
                .or_else(|| ind.members_vi.iter().position(|m| fold(m) == wanted))
                .map(Member::Declared)
                .ok_or_else(|| Problem::UnknownMember {
                    breakdown: breakdown.to_string(),
                    id: ind.id.clone(),
                    members: ind.members.clone(),
                })
        }
    }
}

/// Whether a value written with `decimals` decimals is `computed` rounded:
/// within half a unit of its last decimal (and a relative 1e-9 for the
/// binary noise of the division).
pub fn agrees(value: f64, decimals: u8, computed: f64) -> bool {
    let half = 0.5 / crate::read::value::pow10(decimals);
    (value - computed).abs() <= half * (1.0 + 1e-9) + 1e-9 * computed.abs()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::{BUILTIN, parse};

    fn builtin() -> Resolution {
        parse(BUILTIN, "targets.toml").expect("built-in targets load")
    }

    #[test]
    fn span_runs_from_adoption_minus_lookback_to_the_last_target_year() {
        // adopted 2022, look-back 5 -> 2017; last target year 2030
        let span = Span::of(&builtin(), 5);
        assert_eq!((span.first, span.last, span.len()), (2017, 2030, 14));
        assert!(span.check(2017).is_ok() && span.check(2030).is_ok());
        assert_eq!(
            span.check(2016).unwrap_err().rule().id(),
            "year-out-of-span"
        );
        assert_eq!(
            span.check(2031).unwrap_err().rule().id(),
            "year-out-of-span"
        );
        assert_eq!(Span::of(&builtin(), 0).first, 2022);
    }

    #[test]
    fn ranges_follow_the_unit() {
        let r = builtin();
        let pct = &r.indicators[0];
        assert!(range(pct, 0.0, "0").is_ok() && range(pct, 100.0, "100").is_ok());
        assert!(range(pct, -0.1, "").is_err() && range(pct, 100.5, "").is_err());
        let growth = &r.indicators[r.indicator("econ.labour_productivity_growth").unwrap()];
        assert!(range(growth, -2.5, "").is_ok()); // growth may be negative
        let rank = &r.indicators[r.indicator("overall.dt_rank").unwrap()];
        assert!(range(rank, 1.0, "").is_ok());
        assert!(range(rank, 0.0, "").is_err() && range(rank, 20.5, "").is_err());
    }

    #[test]
    fn members_match_without_case() {
        let r = builtin();
        let fibre = &r.indicators[r.indicator("soc.fibre_coverage").unwrap()];
        assert_eq!(member(fibre, "Households"), Ok(Member::Declared(0)));
        assert_eq!(
            member(fibre, "farms").unwrap_err().rule().id(),
            "unknown-member"
        );
        assert_eq!(
            member(fibre, "").unwrap_err().rule().id(),
            "breakdown-missing"
        );
        let online = &r.indicators[0];
        assert_eq!(
            member(online, "x").unwrap_err().rule().id(),
            "breakdown-not-allowed"
        );
        assert_eq!(fold("Y Tế"), fold("y tế"));
    }

    #[test]
    fn fraction_where_percent_is_expected_is_named() {
        let r = builtin();
        let pct = &r.indicators[0];
        let p = unit(pct, "ratio", Some(0.875)).unwrap_err();
        assert!(
            p.say(crate::lang::Lang::En)
                .contains("must be written as the percentage 87.5")
        );
        assert!(unit(pct, "%", Some(87.5)).is_ok());
        assert!(unit(pct, "", Some(0.5)).is_ok());
    }

    #[test]
    fn nearest_indicator_is_suggested() {
        let r = builtin();
        assert_eq!(
            nearest_indicator("gov.online_service", &r).as_deref(),
            Some("gov.online_services")
        );
        // a cut-short id is completed: soc.digital_identity, not soc.digital_skills
        assert_eq!(
            nearest_indicator("soc.digital_id", &r).as_deref(),
            Some("soc.digital_identity")
        );
        assert_eq!(nearest_indicator(&"x".repeat(1000), &r), None);
    }
}
