//! One data row: the checks that turn a record into a figure or into
//! diagnostics (every problem of the row, not just the first), the same
//! for CSV and workbooks.
//!
//! A valid row costs no allocation: ids are found through small caches
//! (the last indicator, area and member seen; rows come grouped), numbers
//! are read without `str::parse` when plain.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::field::Span;
use super::header::Columns;
use super::record::Record;
use super::value::{self, Mark};
use crate::diagnostic::Diagnostic;
use crate::hierarchy::{Hierarchy, UnitId};
use crate::store::{AreaId, MemberId, Store};
use crate::targets::Resolution;

mod full;
mod lookup;
mod plain;

/// A valid row, as the store takes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    /// The area.
    pub area: AreaId,
    /// Index into `Resolution::indicators`.
    pub indicator: usize,
    /// The member, for per-member indicators.
    pub member: Option<MemberId>,
    /// The year of the figure.
    pub year: i32,
    /// The figure, finite, in the indicator's unit.
    pub value: f64,
    /// The decimals the figure was written with.
    pub decimals: u8,
    /// Its numerator, denominator and weight, when given.
    pub parts: Parts,
    /// The area in the areas file (`--areas`), when there is one.
    pub unit: Option<UnitId>,
}

/// What a row gives besides its value, for a roll-up.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Parts {
    /// Numerator and denominator (above 0), when given.
    pub fraction: Option<(f64, f64)>,
    /// The `weight` column (0 or more), when given.
    pub weight: Option<f64>,
}

/// A row that gives only a denominator (the households of a commune whose
/// fibre count is not in yet): no figure, but a roll-up can say which
/// share of the denominator the figures it has cover.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Known {
    /// The area.
    pub area: AreaId,
    /// Index into `Resolution::indicators`.
    pub indicator: usize,
    /// The member, for per-member indicators.
    pub member: Option<MemberId>,
    /// The year.
    pub year: i32,
    /// The denominator, above 0.
    pub denominator: f64,
    /// The area in the areas file (`--areas`), when there is one.
    pub unit: Option<UnitId>,
}

/// The decimals of a value computed from its numerator and denominator.
pub const COMPUTED_DECIMALS: u8 = 2;

/// What a row turned out to be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Checked {
    /// A valid figure.
    Row(Row),
    /// Only a denominator, no figure yet: not a problem.
    Known(Known),
    /// Indicator and year filled in, no value yet (a template row): left
    /// out and counted, not a problem.
    Unfilled,
    /// Its problems were reported.
    Invalid,
}

/// True for a row that names its indicator and year (and area, in a file
/// with an `area` column) but has no value yet: a row of the data-entry
/// template not filled in.
fn unfilled(record: &Record, cols: &Columns) -> bool {
    record.len() == cols.width()
        && record.text(cols.value).is_empty()
        && cols
            .parts
            .is_none_or(|(n, d)| record.text(n).is_empty() && record.text(d).is_empty())
        && !record.unsaved(cols.value)
        && !record.text(cols.indicator).is_empty()
        && !record.text(cols.year).is_empty()
        && cols.area.is_none_or(|c| !record.text(c).is_empty())
}

/// The decimal mark of a file's values, as far as it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileMark {
    /// Fixed: by `--decimal`, or `.` in `,`-delimited files and workbooks.
    Fixed(Mark),
    /// Settled by a value: the mark, its line and the value.
    Settled(Mark, u64, String),
    /// Nothing in the file tells.
    Unknown,
}

impl FileMark {
    /// The mark to read values with.
    pub fn mark(&self) -> Mark {
        match self {
            FileMark::Fixed(m) | FileMark::Settled(m, ..) => *m,
            FileMark::Unknown => Mark::Point,
        }
    }
}

/// What a row needs to know about its file.
pub struct FileRows<'a> {
    /// The file as named.
    pub name: &'a Arc<str>,
    /// Its header.
    pub columns: &'a Columns,
    /// Its decimal mark.
    pub mark: &'a FileMark,
}

/// Checks rows against a resolution, with caches shared by every file.
pub struct Checker<'r> {
    resolution: &'r Resolution,
    span: Span,
    last_indicator: Option<usize>,
    hints: FxHashMap<Box<str>, Option<String>>,
    /// Per indicator: breakdown as written -> member id.
    members: Vec<FxHashMap<Box<str>, MemberId>>,
    /// The last (indicator, breakdown as written, member).
    last_member: Option<(usize, String, MemberId)>,
    /// The last area as written and its id.
    last_area: Option<(String, AreaId)>,
    /// The areas file: every area must be in it, in force in its year.
    areas: Option<Arc<Hierarchy>>,
    /// The last area looked up there.
    last_unit: Option<(String, Option<UnitId>)>,
}

impl<'r> Checker<'r> {
    /// Rows for `resolution`, years in `span`, areas in `areas` when given.
    pub fn new(resolution: &'r Resolution, span: Span, areas: Option<Arc<Hierarchy>>) -> Self {
        Checker {
            resolution,
            span,
            last_indicator: None,
            hints: FxHashMap::default(),
            members: vec![FxHashMap::default(); resolution.indicators.len()],
            last_member: None,
            last_area: None,
            areas,
            last_unit: None,
        }
    }

    /// The areas file rows are checked against, if any.
    pub fn areas(&self) -> Option<&Arc<Hierarchy>> {
        self.areas.as_ref()
    }

    /// The years rows may be for.
    pub fn span(&self) -> Span {
        self.span
    }

    /// Checks one data row. Its problems are pushed to `problems`.
    pub fn check(
        &mut self,
        record: &Record,
        file: &FileRows,
        store: &mut Store,
        problems: &mut Vec<Diagnostic>,
    ) -> Checked {
        if let Some(row) = self.plain(record, file, store) {
            return Checked::Row(row);
        }
        if unfilled(record, file.columns)
            && self
                .resolution
                .indicator(record.text(file.columns.indicator))
                .is_some()
            && value::parse_year(record.text(file.columns.year))
                .is_ok_and(|y| self.span.check(y).is_ok())
        {
            return Checked::Unfilled;
        }
        self.every_check(record, file, store, problems)
            .unwrap_or(Checked::Invalid)
    }
}
