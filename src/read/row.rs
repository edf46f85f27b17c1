//! One data row: the checks that turn a record into a figure or into
//! diagnostics (every problem of the row, not just the first), the same
//! for CSV and workbooks.
//!
//! A valid row costs no allocation: ids are found through small caches
//! (the last indicator, area and member seen; rows come grouped), numbers
//! are read without `str::parse` when plain.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::field::{self, Member, Span};
use super::header::Columns;
use super::record::Record;
use super::value::{self, Evidence, Mark};
use crate::diagnostic::Diagnostic;
use crate::hierarchy::{Hierarchy, UnitId};
use crate::msg::Problem;
use crate::store::{AreaId, MemberId, Store};
use crate::targets::{Resolution, Unit};

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

    /// The unit of area `name` in the areas file, checked to be in force in
    /// `year`; `Ok(None)` without an areas file.
    fn unit(&mut self, name: &str, year: i32) -> Result<Option<UnitId>, Problem> {
        let Some(h) = &self.areas else {
            return Ok(None);
        };
        let unit = match &self.last_unit {
            Some((last, unit)) if last == name => *unit,
            _ => {
                let unit = h.find(name);
                self.last_unit = Some((name.to_string(), unit));
                unit
            }
        };
        let Some(id) = unit else {
            return Err(Problem::AreaNotListed {
                area: name.to_string(),
                areas_file: h.file.to_string(),
            });
        };
        match h.unit(id) {
            Some(u) if !u.in_force(year) => Err(Problem::AreaNotInForce {
                area: h.label(id),
                year,
                from: u.from.filter(|f| f.year > year).map(|f| f.to_string()),
                to: u
                    .to
                    .filter(|t| t.year <= year)
                    .map(|t| (t.to_string(), u.parent.map(|p| h.label(p)))),
            }),
            _ => Ok(Some(id)),
        }
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

    /// The common valid row, taken with the same rules as
    /// [`Checker::every_check`] but no problem reporting: `None` for any
    /// row that is not plainly valid, which the full check then looks at.
    fn plain(&mut self, record: &Record, file: &FileRows, store: &mut Store) -> Option<Row> {
        let cols = file.columns;
        if record.len() != cols.width() {
            return None;
        }
        let id = record.plain(cols.indicator)?;
        let indicator = match self.last_indicator {
            Some(i)
                if self
                    .resolution
                    .indicators
                    .get(i)
                    .is_some_and(|x| x.id.as_bytes() == id) =>
            {
                i
            }
            _ => self.indicator(std::str::from_utf8(id).ok()?).ok()?,
        };
        let ind = self.resolution.indicators.get(indicator)?;
        let year = value::plain_year(record.plain(cols.year)?)?;
        self.span.check(year).ok()?;
        let mark = match file.mark {
            FileMark::Fixed(m) | FileMark::Settled(m, ..) => *m,
            FileMark::Unknown => return None,
        };
        let raw_value = record.plain(cols.value)?;
        let parts = plain_parts(record, cols, mark)?;
        let (value, decimals) = match (raw_value.is_empty(), parts.fraction) {
            (true, None) => return None,
            (false, fraction) => {
                let value = value::plain_number(raw_value, mark)?;
                let decimals = value::decimals(raw_value, mark);
                if let Some((n, d)) = fraction
                    && (ind.unit == Unit::Rank
                        || !field::agrees(value, decimals, ind.from_parts(n, d)))
                {
                    return None;
                }
                (value, decimals)
            }
            (true, Some((n, d))) if ind.unit != Unit::Rank => {
                (ind.from_parts(n, d), COMPUTED_DECIMALS)
            }
            (true, Some(_)) => return None,
        };
        if !field::in_range(ind, value) {
            return None;
        }
        if let Some(c) = cols.unit
            && record.plain(c) != Some(b"")
        {
            return None;
        }
        let breakdown = match cols.breakdown {
            Some(c) => record.plain(c)?,
            None => b"",
        };
        let member = match (breakdown.is_empty(), ind.is_each()) {
            (true, false) => None,
            (false, true) => match &self.last_member {
                Some((i, b, id)) if *i == indicator && b.as_bytes() == breakdown => Some(*id),
                _ => {
                    let breakdown = std::str::from_utf8(breakdown).ok()?;
                    Some(self.member(indicator, breakdown, store).ok()??)
                }
            },
            _ => return None,
        };
        let (area, unit) = match cols.area {
            Some(c) => {
                let name = record.plain(c)?;
                let area = match &self.last_area {
                    Some((last, id)) if last.as_bytes() == name && !name.is_empty() => *id,
                    _ if name.is_empty() => return None,
                    _ => self.area(std::str::from_utf8(name).ok()?, store)?,
                };
                let unit = match self.areas {
                    Some(_) => self.unit(std::str::from_utf8(name).ok()?, year).ok()?,
                    None => None,
                };
                (area, unit)
            }
            None if self.areas.is_some() => return None,
            None => (store.implicit_area()?, None),
        };
        Some(Row {
            area,
            indicator,
            member,
            year,
            value,
            decimals,
            parts,
            unit,
        })
    }

    /// Every check of a row, every problem reported.
    fn every_check(
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

    /// The index of the indicator with this id, or the problem with the
    /// nearest known id as a hint.
    fn indicator(&mut self, id: &str) -> Result<usize, Problem> {
        if let Some(i) = self.last_indicator
            && self
                .resolution
                .indicators
                .get(i)
                .is_some_and(|ind| ind.id == id)
        {
            return Ok(i);
        }
        if let Some(i) = self.resolution.indicator(id) {
            self.last_indicator = Some(i);
            return Ok(i);
        }
        let near = match self.hints.get(id) {
            Some(near) => near.clone(),
            None => {
                let near = field::nearest_indicator(id, self.resolution);
                if self.hints.len() < 10_000 {
                    self.hints.insert(id.into(), near.clone());
                }
                near
            }
        };
        Err(Problem::UnknownIndicator {
            id: id.to_string(),
            near,
        })
    }

    /// The member a breakdown names, checked once per (indicator, spelling).
    fn member(
        &mut self,
        indicator: usize,
        breakdown: &str,
        store: &mut Store,
    ) -> Result<Option<MemberId>, Problem> {
        if let Some((i, b, id)) = &self.last_member
            && *i == indicator
            && b == breakdown
        {
            return Ok(Some(*id));
        }
        if let Some(&id) = self.members.get(indicator).and_then(|m| m.get(breakdown)) {
            remember(&mut self.last_member, (indicator, breakdown, id));
            return Ok(Some(id));
        }
        let Some(ind) = self.resolution.indicators.get(indicator) else {
            return Ok(None);
        };
        let id = match field::member(ind, breakdown)? {
            Member::None => return Ok(None),
            Member::Declared(k) => ind.members.get(k).and_then(|m| store.member(m)),
            Member::Free(name) => store.member(name),
        };
        let Some(id) = id else { return Ok(None) };
        if let Some(m) = self.members.get_mut(indicator) {
            m.insert(breakdown.into(), id);
        }
        remember(&mut self.last_member, (indicator, breakdown, id));
        Ok(Some(id))
    }

    /// The id of an area, remembering the last one.
    fn area(&mut self, name: &str, store: &mut Store) -> Option<AreaId> {
        if let Some((last, id)) = &self.last_area
            && last == name
        {
            return Some(*id);
        }
        let id = store.area(name)?;
        match &mut self.last_area {
            Some((last, last_id)) => {
                last.clear();
                last.push_str(name);
                *last_id = id;
            }
            None => self.last_area = Some((name.to_string(), id)),
        }
        Some(id)
    }
}

/// A row's numerator, denominator and weight on the fast path: `None` for
/// anything but plain numbers (a denominator above 0, a weight of 0 or
/// more, both parts or neither), which the full check then looks at.
fn plain_parts(record: &Record, cols: &Columns, mark: Mark) -> Option<Parts> {
    let number = |c: usize| -> Option<Option<f64>> {
        match record.plain(c)? {
            b"" => Some(None),
            raw => value::plain_number(raw, mark).map(Some),
        }
    };
    let fraction = match cols.parts {
        None => None,
        Some((n, d)) => match (number(n)?, number(d)?) {
            (None, None) => None,
            (Some(n), Some(d)) if d > 0.0 => Some((n, d)),
            _ => return None,
        },
    };
    let weight = match cols.weight {
        None => None,
        Some(w) => match number(w)? {
            None => None,
            Some(w) if w >= 0.0 => Some(w),
            Some(_) => return None,
        },
    };
    Some(Parts { fraction, weight })
}

/// Keeps the last member looked up, reusing its buffer.
fn remember(
    last: &mut Option<(usize, String, MemberId)>,
    (indicator, breakdown, id): (usize, &str, MemberId),
) {
    match last {
        Some((i, b, m)) => {
            *i = indicator;
            b.clear();
            b.push_str(breakdown);
            *m = id;
        }
        None => *last = Some((indicator, breakdown.to_string(), id)),
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
