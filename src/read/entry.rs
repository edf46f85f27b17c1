//! What the reader does with each record: the header read, a data row
//! checked and added to the store (and the roll-up's sums), the problem
//! of a duplicate with where its key was first given, and the notices at
//! the end of a file (rows unfilled, `%` figures that look like fractions).

use super::header::Columns;
use super::reader::{FileState, Reader};
use super::record::{Record, cell_name};
use super::row::{Checked, FileRows, Row};
use crate::diagnostic::Diagnostic;
use crate::msg::{FirstPlace, Notice, Problem};
use crate::rollup::Given;
use crate::store::{Place, Refused};
use crate::targets::Unit;

impl Reader<'_, '_> {
    /// One record: the header, or a data row.
    pub(super) fn record(
        &mut self,
        record: &Record,
        quote: Option<Box<Diagnostic>>,
        state: &mut FileState,
    ) {
        if state.columns.is_none() && !state.broken {
            if record.is_blank() {
                return;
            }
            if let Some(d) = quote {
                self.emit(*d);
            }
            return self.header(record, state);
        }
        if state.broken {
            if let Some(d) = quote {
                self.emit(*d);
            }
            return;
        }
        if record.is_blank() {
            return;
        }
        if let Some(d) = quote {
            self.outcome.rejected += 1;
            return self.emit(*d);
        }
        let Some(columns) = state.columns.as_ref() else {
            return;
        };
        let file = FileRows {
            name: &state.name,
            columns,
            mark: &state.mark,
        };
        let row = match self
            .checker
            .check(record, &file, self.store, &mut self.problems)
        {
            Checked::Row(row) => row,
            Checked::Known(k) => {
                match (self.cells.as_deref_mut(), k.unit) {
                    (Some(cells), Some(unit)) => {
                        cells.known(unit, (k.indicator, k.member, k.year), k.denominator);
                    }
                    _ => state.unfilled += 1,
                }
                return;
            }
            Checked::Unfilled => {
                state.unfilled += 1;
                return;
            }
            Checked::Invalid => {
                self.outcome.rejected += 1;
                for d in std::mem::take(&mut self.problems) {
                    self.emit(d);
                }
                return;
            }
        };
        let place = Place {
            file: state.index,
            line: u32::try_from(record.line).unwrap_or(u32::MAX),
        };
        match self.store.add(
            row.area,
            row.indicator,
            row.member,
            row.year,
            (row.value, row.decimals),
            place,
        ) {
            Ok(()) => {
                self.outcome.rows += 1;
                self.track_fraction(&row, state);
                if let (Some(cells), Some(unit)) = (self.cells.as_deref_mut(), row.unit) {
                    let given = Given {
                        value: row.value,
                        decimals: row.decimals,
                        fraction: row.parts.fraction,
                        weight: row.parts.weight,
                    };
                    cells.figure(unit, (row.indicator, row.member, row.year), given);
                }
            }
            Err(refused) => {
                self.outcome.rejected += 1;
                let d = self.duplicate(record, &row, refused, state);
                self.emit(d);
            }
        }
    }

    fn header(&mut self, record: &Record, state: &mut FileState) {
        match Columns::from_header(record, &state.name) {
            Ok((columns, _)) if columns.area.is_none() && self.options.areas.is_some() => {
                state.broken = true;
                let header = (0..record.len())
                    .map(|i| record.text(i).to_string())
                    .collect();
                let problem = Problem::MissingColumns {
                    missing: vec!["area"],
                    header,
                };
                self.emit(Diagnostic::at(&state.name, record.line, 1, problem));
            }
            Ok((columns, ignored)) => {
                if !ignored.is_empty() {
                    self.sink.notice(Notice::IgnoredColumns {
                        file: state.name.to_string(),
                        names: ignored,
                    });
                }
                if let Some(f) = self.outcome.files.last_mut() {
                    f.has_area = Some(columns.area.is_some());
                    f.indicator_column = record.place(columns.indicator).1;
                }
                state.columns = Some(columns);
            }
            Err(d) => {
                state.broken = true;
                self.emit(*d);
            }
        }
    }

    /// The problem of a row whose key was given before.
    fn duplicate(
        &self,
        record: &Record,
        row: &Row,
        refused: Refused,
        state: &FileState,
    ) -> Diagnostic {
        let columns = state.columns.as_ref();
        let col = columns.map_or(0, |c| c.indicator);
        let (line, column) = record.place(col);
        let area = columns
            .and_then(|c| c.area)
            .map(|_| self.store.area_name(row.area).to_string());
        let member = row.member.map(|m| self.store.member_name(m).to_string());
        let first = match refused {
            Refused::Duplicate(p) => self.first_place(p, state.index),
            Refused::Full => FirstPlace::Line(0),
        };
        let id = self
            .resolution
            .indicators
            .get(row.indicator)
            .map_or("", |i| i.id.as_str());
        let value = format!(
            "{id}{}, {}{}",
            area.as_deref()
                .map(|a| format!(", area {a}"))
                .unwrap_or_default(),
            row.year,
            member
                .as_deref()
                .map(|m| format!(", breakdown {m}"))
                .unwrap_or_default(),
        );
        let problem = Problem::Duplicate {
            area,
            year: row.year,
            member,
            first,
        };
        let d = Diagnostic::at(&state.name, line, column, problem)
            .in_field(columns.and_then(|c| c.name(col)))
            .with_value(value);
        match record.cell(col) {
            Some(cell) => d.in_cell(cell),
            None => d,
        }
    }

    /// Where a figure was first given, as said from file `here`.
    fn first_place(&self, p: Place, here: u16) -> FirstPlace {
        let Some(f) = self.outcome.files.get(usize::from(p.file)) else {
            return FirstPlace::Line(u64::from(p.line));
        };
        let cell = f
            .sheet
            .as_deref()
            .map(|s| cell_name(s, u64::from(p.line), f.indicator_column));
        match (p.file == here, cell) {
            (true, Some(cell)) => FirstPlace::Cell(cell),
            (true, None) => FirstPlace::Line(u64::from(p.line)),
            (false, Some(cell)) => FirstPlace::Elsewhere(format!("{}:{cell}", f.name)),
            (false, None) => FirstPlace::Elsewhere(format!("{}:{}", f.name, p.line)),
        }
    }

    fn track_fraction(&self, row: &Row, state: &mut FileState) {
        if state.fractions.is_empty() {
            let n = self.resolution.indicators.len();
            state.fractions = vec![(false, true, false, 0.0); n];
        }
        if let Some(e) = state.fractions.get_mut(row.indicator) {
            e.0 = true;
            e.1 &= (0.0..=1.0).contains(&row.value);
            e.2 |= row.value != 0.0;
            e.3 = e.3.max(row.value);
        }
    }

    pub(super) fn finish_file(&mut self, state: &FileState) {
        if state.unfilled > 0 {
            self.sink.notice(Notice::Unfilled {
                file: state.name.to_string(),
                rows: state.unfilled,
            });
        }
        let unreadable = self.outcome.file_problems > state.file_problems_before;
        if state.columns.is_none() && !state.broken && !unreadable {
            let d = Diagnostic::file(&state.name, Problem::EmptyFile);
            self.emit(d);
        }
        for (i, &(seen, all, nonzero, example)) in state.fractions.iter().enumerate() {
            let Some(ind) = self.resolution.indicators.get(i) else {
                continue;
            };
            if seen && all && nonzero && ind.unit == Unit::Percent {
                let indicator = ind.id.clone();
                self.sink.notice(Notice::LooksLikeFractions {
                    file: state.name.to_string(),
                    indicator,
                    example: example.to_string(),
                });
            }
        }
    }
}
