//! Row checks of the `--by area` reader. They mirror the general reader's
//! (`src/actuals/row.rs`) word for word so both paths accept and reject the
//! same rows with the same messages; merge them when the readers merge.

use crate::targets::{Indicator, Resolution, Unit};

/// Message for an empty or unknown indicator id, with the nearest known id.
pub fn unknown_indicator(id: &str, resolution: &Resolution) -> String {
    if id.is_empty() {
        return "indicator is empty; expected an indicator id".to_string();
    }
    let nearest = resolution
        .indicators
        .iter()
        .map(|i| (strsim::levenshtein(id, &i.id), &i.id))
        .min();
    match nearest {
        Some((d, near)) if d <= near.len() / 2 => {
            format!("unknown indicator \"{id}\"; did you mean \"{near}\"?")
        }
        _ => format!("unknown indicator \"{id}\"; `dtcalc targets` lists the known ids"),
    }
}

/// The natural range of a unit: shares 0-100, ranks whole and >= 1.
pub fn check_range(ind: &Indicator, v: f64) -> Result<(), String> {
    match ind.unit {
        Unit::Percent if !(0.0..=100.0).contains(&v) => {
            Err(format!("{v} is outside 0-100, the range of a percentage"))
        }
        Unit::Rank if v < 1.0 || v.fract() != 0.0 => Err(format!(
            "{v} is not a rank; expected a whole number of 1 or more"
        )),
        _ => Ok(()),
    }
}

/// A `unit` cell must agree with the indicator's unit (empty is fine).
pub fn check_unit(ind: &Indicator, unit: &str, value: Option<f64>) -> Result<(), String> {
    if unit.is_empty() {
        return Ok(());
    }
    let u = unit.to_lowercase();
    let ok = match ind.unit {
        Unit::Percent => matches!(u.as_str(), "%" | "percent" | "pct" | "phần trăm"),
        Unit::PercentPerYear => matches!(u.as_str(), "%/year" | "%/năm" | "%" | "percent per year"),
        Unit::Rank => matches!(u.as_str(), "rank" | "hạng" | "thứ hạng"),
        Unit::Number => true,
    };
    if ok {
        return Ok(());
    }
    let fraction = matches!(u.as_str(), "fraction" | "ratio" | "share" | "tỷ lệ" | "0-1")
        || value.is_some_and(|v| (0.0..=1.0).contains(&v) && v != 0.0);
    let hint = if fraction && ind.unit == Unit::Percent {
        "; a fraction such as 0.875 must be written as the percentage 87.5"
    } else {
        ""
    };
    Err(format!(
        "unit \"{unit}\" contradicts the indicator's unit \"{}\"{hint}",
        ind.unit.symbol()
    ))
}

/// The member a row is about (the declared spelling when members are
/// declared), checked against the indicator's declaration.
pub fn check_member<'a>(ind: &'a Indicator, breakdown: &'a str) -> Result<Option<&'a str>, String> {
    match (&ind.each, breakdown.is_empty()) {
        (None, true) => Ok(None),
        (None, false) => Err(format!(
            "breakdown \"{breakdown}\" given, but {} has no breakdown; leave it empty",
            ind.id
        )),
        (Some((_, each_en)), true) => Err(format!(
            "{} applies to each {each_en}; breakdown must name the member",
            ind.id
        )),
        (Some(_), false) if ind.members.is_empty() => Ok(Some(breakdown)),
        (Some(_), false) => ind
            .members
            .iter()
            .find(|m| {
                m.eq_ignore_ascii_case(breakdown) || m.to_lowercase() == breakdown.to_lowercase()
            })
            .map(|m| Some(m.as_str()))
            .ok_or_else(|| {
                format!(
                    "\"{breakdown}\" is not a member of {}; expected one of: {}",
                    ind.id,
                    ind.members.join(", ")
                )
            }),
    }
}
