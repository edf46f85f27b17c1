//! One data row: columns of the header, and the checks that turn a row into
//! an [`Observation`] or into diagnostics (every problem of the row, not
//! just the first).

use ::csv::ByteRecord;

use super::value::{parse_number, parse_year};
use super::{Actuals, Observation};
use crate::diagnostic::Diagnostic;
use crate::targets::{Indicator, Resolution, Unit};

/// Where the known columns are in a file's header.
pub(super) struct Columns {
    names: Vec<String>,
    indicator: usize,
    year: usize,
    value: usize,
    breakdown: Option<usize>,
    unit: Option<usize>,
}

/// What a row needs to know about its place.
pub(super) struct RowContext<'a> {
    pub file: usize,
    pub name: &'a str,
    pub line: u64,
    pub resolution: &'a Resolution,
    pub decimal_comma: bool,
}

const KNOWN: [&str; 7] = [
    "indicator",
    "year",
    "value",
    "breakdown",
    "unit",
    "source",
    "note",
];

impl Columns {
    /// Reads the header row; returns the columns and the ignored names.
    pub fn from_header(
        record: &ByteRecord,
        file: &str,
        line: u64,
    ) -> Result<(Columns, Vec<String>), Diagnostic> {
        let names: Vec<String> = record
            .iter()
            .map(|f| String::from_utf8_lossy(f).trim().to_lowercase())
            .collect();
        let find = |n: &str| names.iter().position(|h| h == n);
        let missing: Vec<&str> = ["indicator", "year", "value"]
            .into_iter()
            .filter(|n| find(n).is_none())
            .collect();
        if !missing.is_empty() {
            let msg = format!(
                "missing required column{} {}; the header has: {}",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", "),
                names.join(", ")
            );
            return Err(Diagnostic::at(file, line, 1, None, "missing-column", msg));
        }
        for (i, n) in names.iter().enumerate() {
            if KNOWN.contains(&n.as_str()) && names[..i].contains(n) {
                let msg = format!("column {n} appears twice in the header");
                return Err(Diagnostic::at(
                    file,
                    line,
                    i as u64 + 1,
                    Some(n),
                    "duplicate-column",
                    msg,
                ));
            }
        }
        let ignored = names
            .iter()
            .filter(|n| !KNOWN.contains(&n.as_str()))
            .cloned()
            .collect();
        let columns = Columns {
            indicator: find("indicator").unwrap_or_default(),
            year: find("year").unwrap_or_default(),
            value: find("value").unwrap_or_default(),
            breakdown: find("breakdown"),
            unit: find("unit"),
            names,
        };
        Ok((columns, ignored))
    }

    /// Checks one data row and records an observation or its problems.
    pub fn read_row(&self, record: &ByteRecord, ctx: &RowContext, out: &mut Actuals) {
        let mut problems = Vec::new();
        let problem = |col: usize, rule: &'static str, msg: String| {
            Diagnostic::at(
                ctx.name,
                ctx.line,
                col as u64 + 1,
                self.names.get(col).map(String::as_str),
                rule,
                msg,
            )
        };
        if record.len() != self.names.len() {
            let msg = format!(
                "the row has {} fields; the header has {}",
                record.len(),
                self.names.len()
            );
            let col = record.len().min(self.names.len());
            out.problems.push(Diagnostic::at(
                ctx.name,
                ctx.line,
                col as u64 + 1,
                None,
                "ragged-row",
                msg,
            ));
            return;
        }
        let mut fields = Vec::with_capacity(record.len());
        for (i, raw) in record.iter().enumerate() {
            match std::str::from_utf8(raw) {
                Ok(s) => fields.push(s.trim()),
                Err(e) => {
                    let msg = format!(
                        "not valid UTF-8 (byte {} of the field); save the file as UTF-8 (CSV UTF-8 in Excel)",
                        e.valid_up_to() + 1
                    );
                    out.problems.push(problem(i, "encoding", msg));
                    return;
                }
            }
        }
        let field = |i: usize| fields.get(i).copied().unwrap_or_default();

        let indicator = self.indicator(field(self.indicator), ctx.resolution);
        if let Err(msg) = &indicator {
            problems.push(problem(self.indicator, "unknown-indicator", msg.clone()));
        }
        let year = parse_year(field(self.year));
        if let Err(msg) = &year {
            problems.push(problem(self.year, "bad-year", msg.clone()));
        }
        let value = parse_number(field(self.value), ctx.decimal_comma).map_err(|m| {
            if m.starts_with("is empty") {
                format!("value {m}")
            } else {
                m
            }
        });
        if let Err(msg) = &value {
            problems.push(problem(self.value, "not-a-number", msg.clone()));
        }
        let mut member = None;
        if let Ok(idx) = indicator {
            let ind = &ctx.resolution.indicators[idx];
            if let Ok(v) = value
                && let Err(msg) = check_range(ind, v)
            {
                problems.push(problem(self.value, "out-of-range", msg));
            }
            if let Some(col) = self.unit
                && let Err(msg) = check_unit(ind, field(col), value.as_ref().ok().copied())
            {
                problems.push(problem(col, "unit-mismatch", msg));
            }
            match check_member(ind, self.breakdown.map(field).unwrap_or_default()) {
                Ok(m) => member = m,
                Err(msg) => problems.push(problem(
                    self.breakdown.unwrap_or(self.indicator),
                    "breakdown",
                    msg,
                )),
            }
        }
        match (indicator, year, value) {
            (Ok(indicator), Ok(year), Ok(value)) if problems.is_empty() => {
                let obs = Observation {
                    indicator,
                    year,
                    member,
                    value,
                    file: ctx.file,
                    line: ctx.line,
                };
                out.push(obs, self.indicator as u64 + 1);
            }
            _ => out.problems.extend(problems),
        }
    }

    fn indicator(&self, id: &str, resolution: &Resolution) -> Result<usize, String> {
        if id.is_empty() {
            return Err("indicator is empty; expected an indicator id".to_string());
        }
        resolution.indicator(id).ok_or_else(|| {
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
        })
    }
}

/// The natural range of a unit: shares 0-100, ranks whole and >= 1.
fn check_range(ind: &Indicator, v: f64) -> Result<(), String> {
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
fn check_unit(ind: &Indicator, unit: &str, value: Option<f64>) -> Result<(), String> {
    let u = unit.to_lowercase();
    let ok = match ind.unit {
        _ if u.is_empty() => true,
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

/// The member a row is about, checked against the indicator's declaration.
fn check_member(ind: &Indicator, breakdown: &str) -> Result<Option<String>, String> {
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
        (Some(_), false) if ind.members.is_empty() => Ok(Some(breakdown.to_string())),
        (Some(_), false) => ind
            .members
            .iter()
            .find(|m| {
                m.eq_ignore_ascii_case(breakdown) || m.to_lowercase() == breakdown.to_lowercase()
            })
            .map(|m| Some(m.clone()))
            .ok_or_else(|| {
                format!(
                    "\"{breakdown}\" is not a member of {}; expected one of: {}",
                    ind.id,
                    ind.members.join(", ")
                )
            }),
    }
}
