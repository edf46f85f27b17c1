//! One data row: columns of the header, and the checks that turn a row into
//! an [`Observation`] or into diagnostics (every problem of the row, not
//! just the first).

use super::check::{self, Problem, Span};
use super::record::{Record, column_letters};
use super::value::{parse_number, parse_year};
use super::{Actuals, Observation};
use crate::diagnostic::Diagnostic;
use crate::targets::Resolution;

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
    pub resolution: &'a Resolution,
    pub decimal_comma: bool,
    pub span: Span,
}

const REQUIRED: [&str; 3] = ["indicator", "year", "value"];

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
        record: &Record,
        file: &str,
    ) -> Result<(Columns, Vec<String>), Box<Diagnostic>> {
        let names: Vec<String> = record
            .fields
            .iter()
            .map(|f| f.text.trim().trim_start_matches('\u{feff}').to_lowercase())
            .collect();
        let find = |n: &str| names.iter().position(|h| h == n);
        let missing: Vec<&str> = REQUIRED.into_iter().filter(|n| find(n).is_none()).collect();
        if !missing.is_empty() {
            let msg = format!(
                "missing required column{} {}; the header has: {}",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", "),
                names.join(", ")
            );
            return Err(Box::new(
                record
                    .problem(file, 0, None, "missing-column", msg)
                    .with_value(names.join(", "))
                    .with_expected("columns indicator, year, value"),
            ));
        }
        for (i, n) in names.iter().enumerate() {
            if KNOWN.contains(&n.as_str()) && names.iter().take(i).any(|m| m == n) {
                let msg = format!("column {n} appears twice in the header");
                return Err(Box::new(
                    record
                        .problem(file, i, Some(n), "duplicate-column", msg)
                        .with_value(n.clone())
                        .with_expected("each column once"),
                ));
            }
        }
        let ignored = names
            .iter()
            .enumerate()
            .filter(|(_, n)| !KNOWN.contains(&n.as_str()))
            .map(|(i, n)| match n.is_empty() {
                true => format!("(unnamed column {})", column_letters(i as u64 + 1)),
                false => n.clone(),
            })
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
    /// Returns false when the row was rejected.
    pub fn read_row(&self, record: &Record, ctx: &RowContext, out: &mut Actuals) -> bool {
        let at = |col: usize, p: Problem, value: &str| {
            record
                .problem(
                    ctx.name,
                    col,
                    self.names.get(col).map(String::as_str),
                    p.rule,
                    p.message,
                )
                .with_value(value)
                .with_expected(p.expected)
        };
        if record.fields.len() != self.names.len() {
            let (got, want) = (record.fields.len(), self.names.len());
            let msg = format!("the row has {got} fields; the header has {want}");
            let col = got.min(want);
            let d = record
                .problem(ctx.name, col, None, "ragged-row", msg)
                .with_value(format!("{got} fields"))
                .with_expected(format!("{want} fields, like the header"));
            out.problems.push(d);
            return false;
        }
        let empty: Vec<usize> = [self.indicator, self.year, self.value]
            .into_iter()
            .filter(|&c| record.text(c).is_empty())
            .collect();
        if let Some(&first) = empty.first() {
            let names: Vec<&str> = empty
                .iter()
                .filter_map(|&c| self.names.get(c).map(String::as_str))
                .collect();
            let msg = format!(
                "the row has no {}; fill {} in or delete the row",
                names.join(", "),
                if names.len() == 1 { "it" } else { "them" }
            );
            let d = record
                .problem(
                    ctx.name,
                    first,
                    self.names.get(first).map(String::as_str),
                    "partly-empty-row",
                    msg,
                )
                .with_value("")
                .with_expected("indicator, year and value all filled in");
            out.problems.push(d);
            return false;
        }
        let mut problems = Vec::new();
        let id = record.text(self.indicator);
        let indicator = check::indicator(id, ctx.resolution)
            .map_err(|p| problems.push(at(self.indicator, p, id)));
        let raw_year = record.text(self.year);
        let year = parse_year(raw_year).map_err(|m| {
            let p = Problem {
                rule: "bad-year",
                message: m,
                expected: "a four-digit year such as 2024".into(),
            };
            problems.push(at(self.year, p, raw_year));
        });
        if let Ok(y) = year
            && let Err(p) = ctx.span.check(y)
        {
            problems.push(at(self.year, p, raw_year));
        }
        let raw_value = record.text(self.value);
        let value = parse_number(raw_value, ctx.decimal_comma).map_err(|e| {
            let expected = if ctx.decimal_comma {
                "a number such as 87,5 or 87,5%"
            } else {
                "a number such as 87.5 or 87.5%"
            };
            let p = Problem {
                rule: e.rule,
                message: e.message,
                expected: expected.into(),
            };
            problems.push(at(self.value, p, raw_value));
        });
        let mut member = None;
        if let Ok(idx) = indicator
            && let Some(ind) = ctx.resolution.indicators.get(idx)
        {
            if let Ok(v) = value
                && let Err(p) = check::range(ind, v)
            {
                problems.push(at(self.value, p, raw_value));
            }
            if let Some(col) = self.unit
                && let Err(p) = check::unit(ind, record.text(col), value.ok())
            {
                problems.push(at(col, p, record.text(col)));
            }
            let breakdown = self.breakdown.map(|c| record.text(c)).unwrap_or_default();
            match check::member(ind, breakdown) {
                Ok(m) => member = m,
                Err(p) => problems.push(at(self.breakdown.unwrap_or(self.indicator), p, breakdown)),
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
                    line: record.line,
                };
                let place = record
                    .problem(ctx.name, self.indicator, Some("indicator"), "duplicate", "")
                    .with_value(id);
                out.push(obs, place)
            }
            _ => {
                out.problems.extend(problems);
                false
            }
        }
    }
}
