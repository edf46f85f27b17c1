//! The checks of one field against the resolution: indicator id, year span,
//! unit range, `unit` column and breakdown member. Pure: no I/O.

use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::shown;
use crate::lang::{Lang, Text};
use crate::targets::{Indicator, Resolution, Unit};

/// A failed check: its rule, the message and what was expected.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Stable rule name (README "Validating data").
    pub rule: &'static str,
    /// What is wrong, for a data clerk, in both languages.
    pub message: Text,
    /// What was expected, in a few words.
    pub expected: String,
}

fn problem(rule: &'static str, message: Text, expected: impl Into<String>) -> Problem {
    Problem {
        rule,
        message,
        expected: expected.into(),
    }
}

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
        let Span {
            first,
            last,
            adoption,
            lookback,
        } = *self;
        let msg = Text::new(
            format!(
                "{year} is outside the resolution's years {first}-{last} (adopted {adoption}, with a {lookback}-year look-back, to the last target year {last}); \
                 a typing mistake? (--lookback widens the span)"
            ),
            format!(
                "{year} nằm ngoài các năm của nghị quyết {first}-{last} (ban hành năm {adoption}, tính lùi {lookback} năm, đến năm mục tiêu cuối cùng {last}); \
                 có gõ nhầm không? (--lookback mở rộng khoảng năm)"
            ),
        );
        Err(problem(
            "year-out-of-span",
            msg,
            format!("a year from {} to {}", self.first, self.last),
        ))
    }
}

/// The index of the indicator with id `id` (NFC-compared), or the nearest
/// known id as a hint.
pub fn indicator(id: &str, resolution: &Resolution) -> Result<usize, Problem> {
    if let Some(i) = resolution.indicator(id) {
        return Ok(i);
    }
    if let Some(i) = resolution
        .indicators
        .iter()
        .position(|ind| ind.id.nfc().eq(id.chars()))
    {
        return Ok(i);
    }
    // An id cut short ("soc.digital_id") is completed before distances count.
    let completions: Vec<&String> = resolution
        .indicators
        .iter()
        .map(|i| &i.id)
        .filter(|known| known.starts_with(id))
        .collect();
    // A hint needs a distance of at most half the known id's length, and the
    // distance is at least the difference in lengths: an id half as long
    // again as every known one has no hint, and is not compared (a 10 MB
    // field would take seconds).
    let longest = resolution.indicators.iter().map(|i| i.id.len()).max();
    let hopeless = longest.is_none_or(|n| id.len() > n + n / 2);
    let nearest = match completions.as_slice() {
        [only] => Some((0, *only)),
        _ if hopeless => None,
        _ => resolution
            .indicators
            .iter()
            .map(|i| (strsim::levenshtein(id, &i.id), &i.id))
            .min(),
    };
    let (en, vi) = (shown(id, Lang::En), shown(id, Lang::Vi));
    let msg = match nearest {
        Some((d, near)) if d <= near.len() / 2 => Text::new(
            format!("unknown indicator {en}; did you mean \"{near}\"?"),
            format!("không có chỉ tiêu {vi}; có phải là \"{near}\" không?"),
        ),
        _ => Text::new(
            format!("unknown indicator {en}; `dtcalc targets` lists the known ids"),
            format!("không có chỉ tiêu {vi}; `dtcalc targets` liệt kê các mã chỉ tiêu đã biết"),
        ),
    };
    Err(problem(
        "unknown-indicator",
        msg,
        "an indicator id from the targets file",
    ))
}

/// The natural range of a unit: shares 0-100, ranks whole and >= 1; rates
/// per year (growth) may be negative.
pub fn range(ind: &Indicator, v: f64) -> Result<(), Problem> {
    if in_range(ind, v) {
        return Ok(());
    }
    range_as_written(ind, v, &v.to_string())
}

/// Whether `v` lies in the natural range of the indicator's unit; the
/// cheap test behind [`range`], run on every row.
fn in_range(ind: &Indicator, v: f64) -> bool {
    match ind.unit {
        Unit::Percent => (0.0..=100.0).contains(&v),
        Unit::Rank => v >= 1.0 && v.fract() == 0.0,
        Unit::PercentPerYear | Unit::Number => true,
    }
}

/// [`range`], with the value quoted in the message as the file has it
/// (`"1e308"`, not 309 digits). The message is only built for a value out
/// of range.
pub fn range_as_written(ind: &Indicator, v: f64, raw: &str) -> Result<(), Problem> {
    if in_range(ind, v) {
        return Ok(());
    }
    let (en, vi) = (shown(raw, Lang::En), shown(raw, Lang::Vi));
    if ind.unit == Unit::Rank {
        return Err(problem(
            "out-of-range",
            Text::new(
                format!("{en} is not a rank; expected a whole number of 1 or more"),
                format!("{vi} không phải là thứ hạng; cần một số nguyên từ 1 trở lên"),
            ),
            "a whole number of 1 or more",
        ));
    }
    Err(problem(
        "out-of-range",
        Text::new(
            format!("{en} is outside 0-100, the range of a percentage"),
            format!("{vi} nằm ngoài 0-100, khoảng giá trị của một tỷ lệ phần trăm"),
        ),
        "a percentage from 0 to 100",
    ))
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
    let hint = fraction && ind.unit == Unit::Percent;
    let symbol = ind.unit.symbol();
    Err(problem(
        "unit-mismatch",
        Text::new(
            format!(
                "unit {} contradicts the indicator's unit \"{symbol}\"{}",
                shown(unit, Lang::En),
                if hint {
                    "; a fraction such as 0.875 must be written as the percentage 87.5"
                } else {
                    ""
                }
            ),
            format!(
                "đơn vị {} mâu thuẫn với đơn vị \"{symbol}\" của chỉ tiêu{}",
                shown(unit, Lang::Vi),
                if hint {
                    "; một tỷ lệ như 0.875 phải được viết thành phần trăm 87.5"
                } else {
                    ""
                }
            ),
        ),
        format!("\"{}\" or empty", ind.unit.symbol()),
    ))
}

/// The member a row is about, checked against the indicator's declaration.
pub fn member(ind: &Indicator, breakdown: &str) -> Result<Option<String>, Problem> {
    match (&ind.each, breakdown.is_empty()) {
        (None, true) => Ok(None),
        (None, false) => Err(problem(
            "breakdown-not-allowed",
            Text::new(
                format!(
                    "breakdown {} given, but {} has no breakdown; leave it empty",
                    shown(breakdown, Lang::En),
                    ind.id
                ),
                format!(
                    "có phân tổ {}, nhưng {} không có phân tổ; hãy để trống",
                    shown(breakdown, Lang::Vi),
                    ind.id
                ),
            ),
            "an empty breakdown",
        )),
        (Some(_), true) if !ind.members.is_empty() => Err(problem(
            "breakdown-missing",
            Text::new(
                format!(
                    "{} has a target for each of {}; breakdown must name one of them",
                    ind.id,
                    ind.members.join(", ")
                ),
                format!(
                    "{} có mục tiêu riêng cho từng đối tượng {}; cột breakdown phải ghi một trong số đó",
                    ind.id,
                    ind.members.join(", ")
                ),
            ),
            format!("one of: {}", ind.members.join(", ")),
        )),
        (Some((each_vi, each_en)), true) => Err(problem(
            "breakdown-missing",
            Text::new(
                format!(
                    "{} has a target for each {each_en}; breakdown must name it",
                    ind.id
                ),
                format!(
                    "{} có mục tiêu cho từng {each_vi}; cột breakdown phải ghi rõ",
                    ind.id
                ),
            ),
            format!("the {each_en} the figure is for"),
        )),
        (Some(_), false) if ind.members.is_empty() => Ok(Some(breakdown.to_string())),
        (Some(_), false) => {
            let wanted = breakdown.to_lowercase();
            ind.members
                .iter()
                .find(|m| m.nfc().collect::<String>().to_lowercase() == wanted)
                .map(|m| Some(m.clone()))
                .ok_or_else(|| {
                    problem(
                        "unknown-member",
                        Text::new(
                            format!(
                                "{} is not a member of {}; expected one of: {}",
                                shown(breakdown, Lang::En),
                                ind.id,
                                ind.members.join(", ")
                            ),
                            format!(
                                "{} không thuộc {}; cần một trong: {}",
                                shown(breakdown, Lang::Vi),
                                ind.id,
                                ind.members.join(", ")
                            ),
                        ),
                        format!("one of: {}", ind.members.join(", ")),
                    )
                })
        }
    }
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
        assert_eq!((span.first, span.last), (2017, 2030));
        assert!(span.check(2017).is_ok() && span.check(2030).is_ok());
        assert_eq!(span.check(2016).unwrap_err().rule, "year-out-of-span");
        assert_eq!(span.check(2031).unwrap_err().rule, "year-out-of-span");
        assert_eq!(Span::of(&builtin(), 0).first, 2022);
    }

    #[test]
    fn ranges_follow_the_unit() {
        let r = builtin();
        let pct = &r.indicators[0];
        assert!(range(pct, 0.0).is_ok() && range(pct, 100.0).is_ok());
        assert!(range(pct, -0.1).is_err() && range(pct, 100.5).is_err());
        let growth = &r.indicators[r.indicator("econ.labour_productivity_growth").unwrap()];
        assert!(range(growth, -2.5).is_ok()); // growth may be negative
        let rank = &r.indicators[r.indicator("overall.dt_rank").unwrap()];
        assert!(range(rank, 1.0).is_ok());
        assert!(range(rank, 0.0).is_err() && range(rank, 20.5).is_err());
    }

    #[test]
    fn members_match_without_case_and_in_nfc() {
        let r = builtin();
        let fibre = &r.indicators[r.indicator("soc.fibre_coverage").unwrap()];
        assert_eq!(
            member(fibre, "Households"),
            Ok(Some("households".to_string()))
        );
        assert_eq!(member(fibre, "farms").unwrap_err().rule, "unknown-member");
        assert_eq!(member(fibre, "").unwrap_err().rule, "breakdown-missing");
        let online = &r.indicators[0];
        assert_eq!(
            member(online, "x").unwrap_err().rule,
            "breakdown-not-allowed"
        );
    }

    #[test]
    fn fraction_where_percent_is_expected_is_named() {
        let r = builtin();
        let pct = &r.indicators[0];
        let p = unit(pct, "ratio", Some(0.875)).unwrap_err();
        assert!(
            p.message
                .en
                .contains("must be written as the percentage 87.5")
        );
        assert!(unit(pct, "%", Some(87.5)).is_ok());
        assert!(unit(pct, "", Some(0.5)).is_ok());
    }

    #[test]
    fn nearest_indicator_is_suggested() {
        let p = indicator("gov.online_service", &builtin()).unwrap_err();
        assert!(
            p.message
                .en
                .contains("did you mean \"gov.online_services\"")
        );
        // a cut-short id is completed: soc.digital_identity, not soc.digital_skills
        let p = indicator("soc.digital_id", &builtin()).unwrap_err();
        assert!(
            p.message
                .en
                .contains("did you mean \"soc.digital_identity\"")
        );
    }
}
