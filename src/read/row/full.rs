//! The full check of a row: [`Checker::every_check`] reports every
//! problem of the row, not just the first; values are read with the
//! file's decimal mark.

use super::{COMPUTED_DECIMALS, Checked, Checker, FileMark, FileRows, Known, Parts, Row};
use crate::diagnostic::Diagnostic;
use crate::msg::Problem;
use crate::read::field;
use crate::read::record::Record;
use crate::read::value::{self, Evidence};
use crate::store::Store;
use crate::targets::Unit;

impl Checker<'_> {
    /// Every check of a row, every problem reported.
    pub(super) fn every_check(
        &mut self,
        record: &Record,
        file: &FileRows,
        store: &mut Store,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Checked> {
        let cols = file.columns;
        let at = |col: usize, problem: Problem| {
            let (line, column) = record.place(col);
            let d = Diagnostic::at(file.name, line, column, problem).in_field(cols.name(col));
            match record.cell(col) {
                Some(cell) => d.in_cell(cell),
                None => d,
            }
        };
        // the shape first: a ragged or partly empty row is one problem
        let (got, want) = (record.len(), cols.width());
        if got != want {
            let d = at(got.min(want), Problem::Ragged { got, want })
                .in_field(None)
                .with_value(format!("{got} field{}", if got == 1 { "" } else { "s" }));
            problems.push(d);
            return None;
        }
        let (raw_num, raw_den) = cols
            .parts
            .map_or(("", ""), |(n, d)| (record.text(n), record.text(d)));
        let has_parts = !raw_num.is_empty() || !raw_den.is_empty();
        let required = [
            Some(cols.indicator),
            Some(cols.year),
            (!has_parts).then_some(cols.value),
            cols.area,
        ];
        let is_empty = |c: &Option<usize>| c.is_some_and(|c| record.text(c).is_empty());
        if let Some(c) = required
            .iter()
            .flatten()
            .find(|&&c| record.unsaved(c) && record.text(c).is_empty())
        {
            problems.push(at(*c, Problem::FormulaNotSaved).with_value(""));
            return None;
        }
        if required.iter().any(is_empty) {
            let empty: Vec<usize> = required
                .iter()
                .filter(|c| is_empty(c))
                .flatten()
                .copied()
                .collect();
            let first = empty.first().copied().unwrap_or_default();
            let names = empty
                .iter()
                .filter_map(|&c| cols.name(c).map(|n| n.to_string()))
                .collect();
            let problem = Problem::PartlyEmpty {
                names,
                has_area: cols.area.is_some(),
            };
            problems.push(at(first, problem).with_value(""));
            return None;
        }
        let before = problems.len();
        let mut report = |col: usize, p: Problem| {
            problems.push(at(col, p).with_value(record.text(col)));
        };
        let indicator = self.indicator(record.text(cols.indicator));
        let indicator = indicator.map_err(|p| report(cols.indicator, p)).ok();
        let year = value::parse_year(record.text(cols.year))
            .and_then(|y| self.span.check(y).map(|()| y))
            .map_err(|p| report(cols.year, p))
            .ok();
        let raw_value = record.text(cols.value);
        let value = match raw_value.is_empty() {
            true => None,
            false => number(raw_value, file.mark, record.line)
                .map_err(|p| report(cols.value, p))
                .ok(),
        };
        let mut part = |raw: &str, col: Option<usize>| match (raw.is_empty(), col) {
            (false, Some(c)) => number(raw, file.mark, record.line)
                .map_err(|p| report(c, p))
                .ok(),
            _ => None,
        };
        let numerator = part(raw_num, cols.parts.map(|p| p.0));
        let denominator = part(raw_den, cols.parts.map(|p| p.1));
        let raw_weight = cols.weight.map_or("", |c| record.text(c));
        let weight = part(raw_weight, cols.weight);
        let mut member = None;
        let mut figure = None;
        let mut known = None;
        if let Some(ind) = indicator.and_then(|i| self.resolution.indicators.get(i)) {
            let (num_col, den_col) = cols.parts.unwrap_or((cols.value, cols.value));
            if let Some(d) = denominator
                && d <= 0.0
            {
                report(
                    den_col,
                    Problem::BadDenominator {
                        raw: raw_den.to_string(),
                    },
                );
            }
            if let Some(w) = weight
                && w < 0.0
            {
                let raw = raw_weight.to_string();
                report(
                    cols.weight.unwrap_or(cols.value),
                    Problem::BadWeight { raw },
                );
            }
            let decimals = value::decimals(raw_value.as_bytes(), file.mark.mark());
            match (raw_num.is_empty(), raw_den.is_empty()) {
                (true, true) => figure = value.map(|v| (v, decimals, cols.value)),
                _ if ind.unit == Unit::Rank => report(num_col, Problem::PartsOnRank),
                (false, true) => report(
                    den_col,
                    Problem::LonePart {
                        given: "numerator",
                        lacking: "denominator",
                    },
                ),
                (true, false) if raw_value.is_empty() => {
                    known = denominator.filter(|&d| d > 0.0);
                }
                (true, false) => report(
                    num_col,
                    Problem::LonePart {
                        given: "denominator",
                        lacking: "numerator",
                    },
                ),
                (false, false) => {
                    if let (Some(n), Some(d)) = (numerator, denominator.filter(|&d| d > 0.0)) {
                        let computed = ind.from_parts(n, d);
                        match value {
                            Some(v) if !field::agrees(v, decimals, computed) => {
                                let problem = Problem::PartsDisagree {
                                    value: raw_value.to_string(),
                                    computed: format!("{computed:.*}", usize::from(decimals) + 2),
                                };
                                report(cols.value, problem);
                            }
                            Some(v) => figure = Some((v, decimals, cols.value)),
                            None if raw_value.is_empty() => {
                                figure = Some((computed, COMPUTED_DECIMALS, num_col));
                            }
                            None => {}
                        }
                    }
                }
            }
            if let Some((v, _, col)) = figure
                && let Err(p) = field::range(ind, v, record.text(col))
            {
                report(col, p);
            }
            if let Some(col) = cols.unit
                && !record.text(col).is_empty()
                && let Err(p) = field::unit(ind, record.text(col), value)
            {
                report(col, p);
            }
            let col = cols.breakdown;
            let breakdown = col.map(|c| record.text(c)).unwrap_or_default();
            match self.member(indicator.unwrap_or_default(), breakdown, store) {
                Ok(m) => member = m,
                Err(p) => report(col.unwrap_or(cols.indicator), p),
            }
        }
        let mut unit = None;
        if let (Some(c), Some(y)) = (cols.area, year) {
            match self.unit(record.text(c), y) {
                Ok(u) => unit = u,
                Err(p) => report(c, p),
            }
        }
        if problems.len() > before {
            return None;
        }
        let area = match cols.area {
            Some(c) => self.area(record.text(c), store)?,
            None => store.implicit_area()?,
        };
        if let Some(denominator) = known {
            return Some(Checked::Known(Known {
                area,
                indicator: indicator?,
                member,
                year: year?,
                denominator,
                unit,
            }));
        }
        let (value, decimals, _) = figure?;
        let fraction = numerator.zip(denominator);
        Some(Checked::Row(Row {
            area,
            indicator: indicator?,
            member,
            year: year?,
            value,
            decimals,
            parts: Parts { fraction, weight },
            unit,
        }))
    }
}

/// A value read with the file's decimal mark: a value whose mark the
/// file cannot tell, or whose mark is not the file's, is a problem.
fn number(raw: &str, mark: &FileMark, _line: u64) -> Result<f64, Problem> {
    if let FileMark::Fixed(m) = mark {
        return value::parse_number(raw, *m);
    }
    match (mark, value::evidence(raw)) {
        (FileMark::Unknown, Evidence::Ambiguous(_)) => {
            return Err(Problem::AmbiguousDecimal {
                raw: raw.to_string(),
            });
        }
        (FileMark::Settled(m, line, other), Evidence::Settles(e)) if *m != e => {
            return Err(Problem::MixedDecimal {
                raw: raw.to_string(),
                mark: e.char(),
                line: *line,
                other: other.clone(),
            });
        }
        _ => {}
    }
    value::parse_number(raw, mark.mark())
}
