//! One data row: columns of the header, and the checks that turn a row into
//! an [`Observation`] or into diagnostics (every problem of the row, not
//! just the first).

use super::Observation;
use super::check::{self, Problem, Span};
use super::record::{Record, column_letters};
use super::value::{parse_number, parse_year};
use crate::diagnostic::{Diagnostic, list};
use crate::lang::{Lang, Text};
use crate::targets::Resolution;

/// Where the known columns are in a file's header (field indices).
#[derive(Debug)]
pub struct Columns {
    /// Header names, trimmed and lower case.
    pub names: Vec<String>,
    /// The `indicator` column.
    pub indicator: usize,
    /// The `year` column.
    pub year: usize,
    /// The `value` column.
    pub value: usize,
    /// The `breakdown` column, if any.
    pub breakdown: Option<usize>,
    /// The `unit` column, if any.
    pub unit: Option<usize>,
    /// The `area` column, if any (see `report --by area`).
    pub area: Option<usize>,
}

/// What a row needs to know about its place.
pub struct RowContext<'a> {
    /// Index of the file in the list being read.
    pub file: usize,
    /// The file as the user named it.
    pub name: &'a str,
    /// The resolution rows are checked against.
    pub resolution: &'a Resolution,
    /// Whether `87,5` is a number (`;`- and tab-delimited files, workbooks never).
    pub decimal_comma: bool,
    /// The years rows may be for.
    pub span: Span,
}

/// Header names listed in a message before "and N more".
pub const MAX_NAMES_SHOWN: usize = 20;

const REQUIRED: [&str; 3] = ["indicator", "year", "value"];

const KNOWN: [&str; 8] = [
    "area",
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
            let msg = Text::new(
                format!(
                    "missing required column{} {}; the header has: {}",
                    if missing.len() > 1 { "s" } else { "" },
                    missing.join(", "),
                    list(&names, MAX_NAMES_SHOWN, Lang::En)
                ),
                format!(
                    "thiếu cột bắt buộc {}; dòng tiêu đề có: {}",
                    missing.join(", "),
                    list(&names, MAX_NAMES_SHOWN, Lang::Vi)
                ),
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
                let msg = Text::new(
                    format!("column {n} appears twice in the header"),
                    format!("cột {n} xuất hiện hai lần trong dòng tiêu đề"),
                );
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
            area: find("area"),
            names,
        };
        Ok((columns, ignored))
    }

    /// Checks one data row: the observation and its place (a diagnostic at
    /// the indicator cell, for a later duplicate message), or every problem
    /// of the row.
    pub fn check_row(
        &self,
        record: &Record,
        ctx: &RowContext,
    ) -> Result<(Observation, Diagnostic), Vec<Diagnostic>> {
        if let Some(problem) = self.shape(record, ctx) {
            return Err(vec![problem]);
        }
        let obs = self.fields(record, ctx)?;
        let place = record
            .problem(ctx.name, self.indicator, Some("indicator"), "duplicate", "")
            .with_value(record.text(self.indicator));
        Ok((obs, place))
    }

    /// A ragged or partly empty row: one problem for the whole row.
    fn shape(&self, record: &Record, ctx: &RowContext) -> Option<Diagnostic> {
        let (got, want) = (record.fields.len(), self.names.len());
        if got != want {
            let msg = Text::new(
                format!("the row has {got} fields; the header has {want}"),
                format!("dòng có {got} trường; dòng tiêu đề có {want}"),
            );
            let d = record
                .problem(ctx.name, got.min(want), None, "ragged-row", msg)
                .with_value(format!("{got} fields"))
                .with_expected(format!("{want} fields, like the header"));
            return Some(d);
        }
        let empty: Vec<usize> = [Some(self.indicator), Some(self.year), Some(self.value)]
            .into_iter()
            .chain([self.area])
            .flatten()
            .filter(|&c| record.text(c).is_empty())
            .collect();
        let first = *empty.first()?;
        let names: Vec<&str> = empty.iter().filter_map(|&c| self.name(c)).collect();
        let msg = Text::new(
            format!(
                "the row has no {}; fill {} in or delete the row",
                names.join(", "),
                if names.len() == 1 { "it" } else { "them" }
            ),
            format!(
                "dòng không có {}; hãy điền vào hoặc xoá dòng",
                names.join(", ")
            ),
        );
        let d = record
            .problem(ctx.name, first, self.name(first), "partly-empty-row", msg)
            .with_value("")
            .with_expected(match self.area {
                Some(_) => "area, indicator, year and value all filled in",
                None => "indicator, year and value all filled in",
            });
        Some(d)
    }

    /// Parses indicator, year and value and checks them against the
    /// resolution; every problem of the row, or the observation.
    fn fields(&self, record: &Record, ctx: &RowContext) -> Result<Observation, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut report = |col: usize, p: Problem| {
            let d = record
                .problem(ctx.name, col, self.name(col), p.rule, p.message)
                .with_value(record.text(col))
                .with_expected(p.expected);
            problems.push(d);
        };
        let indicator = check::indicator(record.text(self.indicator), ctx.resolution)
            .map_err(|p| report(self.indicator, p));
        let year = parse_year(record.text(self.year))
            .map_err(|message| Problem {
                rule: "bad-year",
                message,
                expected: "a four-digit year such as 2024".into(),
            })
            .and_then(|y| ctx.span.check(y).map(|()| y))
            .map_err(|p| report(self.year, p));
        let value = parse_number(record.text(self.value), ctx.decimal_comma).map_err(|e| {
            let example = if ctx.decimal_comma { "87,5" } else { "87.5" };
            let expected = format!("a number such as {example} or {example}%");
            report(
                self.value,
                Problem {
                    rule: e.rule,
                    message: e.message,
                    expected,
                },
            );
        });
        let mut member = None;
        if let Ok(ind) = indicator.and_then(|i| ctx.resolution.indicators.get(i).ok_or(())) {
            if let Ok(v) = value
                && let Err(p) = check::range_as_written(ind, v, record.text(self.value))
            {
                report(self.value, p);
            }
            if let Some(col) = self.unit
                && let Err(p) = check::unit(ind, record.text(col), value.ok())
            {
                report(col, p);
            }
            let breakdown = self.breakdown.map(|c| record.text(c)).unwrap_or_default();
            match check::member(ind, breakdown) {
                Ok(m) => member = m,
                Err(p) => report(self.breakdown.unwrap_or(self.indicator), p),
            }
        }
        match (indicator, year, value) {
            (Ok(indicator), Ok(year), Ok(value)) if problems.is_empty() => Ok(Observation {
                area: self.area.map(|c| record.text(c).to_string()),
                indicator,
                year,
                member,
                value,
                file: ctx.file,
                line: record.line,
            }),
            _ => Err(problems),
        }
    }

    /// The header name of column `col`.
    pub fn name(&self, col: usize) -> Option<&str> {
        self.names.get(col).map(String::as_str)
    }
}
