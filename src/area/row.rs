//! One data row of the `--by area` reader: checks (every problem of the row,
//! as the general reader reports them), then a push into the aggregator.
//!
//! The hot path works on bytes: an all-ASCII row needs no UTF-8 checks,
//! plain numbers and years are parsed from bytes (`number.rs`), and ids
//! come from caches keyed by bytes. Anything unusual takes the slow path
//! through [`crate::actuals::value`], so results and messages are the same.

use ::csv::ByteRecord;

use super::columns::{AREA, BREAKDOWN, Columns, INDICATOR, ROLES, UNIT, VALUE, YEAR};
use super::hash::{FxMap, FxSet};
use super::number::{fast_number, fast_year, trim};
use super::read::{Dup, Found, IMPLICIT_AREA};
use super::{AreaAggregator, MAX_MEMBERS, check};
use crate::actuals::value::{parse_number, parse_year};
use crate::diagnostic::Diagnostic;

/// (area, indicator, year, member) by name, to find a duplicate's first place.
pub type NameKey = (String, usize, i32, Option<String>);

/// Where a row is.
pub struct Place<'a> {
    pub name: &'a str,
    pub file: usize,
    pub line: u64,
    pub decimal_comma: bool,
}

/// Turns rows into pushes, with caches so that a typical row costs a few
/// hash look-ups of short byte strings and no allocation.
pub struct Rows<'a, 'r> {
    agg: &'a mut AreaAggregator<'r>,
    indicators: FxMap<Box<[u8]>, usize>,
    /// The last indicator looked up (rows come grouped by indicator).
    last_indicator: (Vec<u8>, usize),
    /// Areas as written -> id.
    areas: FxMap<Box<[u8]>, u32>,
    last_area: Option<(Vec<u8>, u32)>,
    /// Per indicator: breakdown as written -> member id, `None` when invalid.
    members: Vec<FxMap<Box<[u8]>, Option<u32>>>,
    /// Second pass only: the first place of each duplicated key.
    pub locate: Option<FxMap<NameKey, Option<(usize, u64)>>>,
    /// Second pass only: (indicator, year) of the duplicated keys.
    locate_pairs: FxSet<(usize, i32)>,
}

/// Valid UTF-8 (checked) bytes as text.
fn text(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or_default()
}

impl<'a, 'r> Rows<'a, 'r> {
    /// Rows into `agg`; with `locate`, rows are not pushed, only the first
    /// places of those keys are noted.
    pub fn new(
        agg: &'a mut AreaAggregator<'r>,
        locate: Option<FxMap<NameKey, Option<(usize, u64)>>>,
    ) -> Self {
        let indicators = agg
            .resolution()
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| (ind.id.as_bytes().into(), i))
            .collect();
        let members = vec![FxMap::default(); agg.resolution().indicators.len()];
        let locate_pairs = locate
            .iter()
            .flat_map(|m| m.keys().map(|k| (k.1, k.2)))
            .collect();
        Rows {
            agg,
            indicators,
            last_indicator: (Vec::new(), 0),
            areas: FxMap::default(),
            last_area: None,
            members,
            locate,
            locate_pairs,
        }
    }

    /// The fields the calculation reads, trimmed; `Err` with the encoding
    /// problem when a field is not UTF-8.
    fn fields<'b>(
        record: &'b ByteRecord,
        cols: &Columns,
        at: &Place,
    ) -> Result<[&'b [u8]; ROLES], Diagnostic> {
        let mut field: [&[u8]; ROLES] = [b""; ROLES];
        let ascii = record.as_slice().is_ascii();
        for (i, raw) in record.iter().enumerate() {
            let role = cols.roles.get(i).copied().flatten();
            if ascii {
                if let Some(x) = role.and_then(|r| field.get_mut(r)) {
                    *x = trim(raw);
                }
                continue;
            }
            match std::str::from_utf8(raw) {
                Ok(s) => {
                    if let Some(x) = role.and_then(|r| field.get_mut(r)) {
                        *x = s.trim().as_bytes();
                    }
                }
                Err(e) => {
                    let msg = format!(
                        "not valid UTF-8 (byte {} of the field); save the file as UTF-8 (CSV UTF-8 in Excel)",
                        e.valid_up_to() + 1
                    );
                    let d = Diagnostic::at(
                        at.name,
                        at.line,
                        i as u64 + 1,
                        cols.name(i),
                        "encoding",
                        msg,
                    );
                    return Err(d);
                }
            }
        }
        Ok(field)
    }

    /// Checks one row and pushes it; true when it was valid and new.
    pub fn row(
        &mut self,
        record: &ByteRecord,
        cols: &Columns,
        at: &Place,
        found: &mut Found,
    ) -> bool {
        let problem = |col: usize, rule: &'static str, msg: String| {
            Diagnostic::at(at.name, at.line, col as u64 + 1, cols.name(col), rule, msg)
        };
        if record.len() != cols.names.len() {
            let msg = format!(
                "the row has {} fields; the header has {}",
                record.len(),
                cols.names.len()
            );
            let col = record.len().min(cols.names.len()) as u64 + 1;
            let d = Diagnostic::at(at.name, at.line, col, None, "ragged-row", msg);
            found.problem(at.file, d);
            return false;
        }
        let field = match Self::fields(record, cols, at) {
            Ok(f) => f,
            Err(d) => {
                found.problem(at.file, d);
                return false;
            }
        };
        let col = |role: usize| cols.of(role).unwrap_or_default();
        let resolution = self.agg.resolution();
        let mut problems = Vec::new();
        let indicator = self.indicator(field[INDICATOR]);
        if indicator.is_none() {
            let msg = check::unknown_indicator(text(field[INDICATOR]), resolution);
            problems.push(problem(col(INDICATOR), "unknown-indicator", msg));
        }
        let year = fast_year(field[YEAR])
            .ok_or(())
            .or_else(|()| parse_year(text(field[YEAR])));
        if let Err(msg) = &year {
            problems.push(problem(col(YEAR), "bad-year", msg.clone()));
        }
        let value = fast_number(field[VALUE], at.decimal_comma)
            .ok_or(())
            .or_else(|()| {
                parse_number(text(field[VALUE]), at.decimal_comma).map_err(|e| {
                    if e.message.starts_with("is empty") {
                        format!("value {}", e.message)
                    } else {
                        e.message
                    }
                })
            });
        if let Err(msg) = &value {
            problems.push(problem(col(VALUE), "not-a-number", msg.clone()));
        }
        let mut member = None;
        if let Some(idx) = indicator
            && let Some(ind) = resolution.indicators.get(idx)
        {
            if let Ok(v) = value
                && let Err(msg) = check::check_range(ind, v)
            {
                problems.push(problem(col(VALUE), "out-of-range", msg));
            }
            if let Some(c) = cols.of(UNIT)
                && let Err(msg) =
                    check::check_unit(ind, text(field[UNIT]), value.as_ref().ok().copied())
            {
                problems.push(problem(c, "unit-mismatch", msg));
            }
            let breakdown = field[BREAKDOWN];
            if !breakdown.is_empty() || ind.each.is_some() {
                match self.member(idx, breakdown) {
                    Ok(m) => member = Some(m),
                    Err(msg) => {
                        let c = cols.of(BREAKDOWN).unwrap_or(col(INDICATOR));
                        problems.push(problem(c, "breakdown", msg));
                    }
                }
            }
        }
        if let Some(c) = cols.of(AREA)
            && field[AREA].is_empty()
        {
            let msg = "area is empty; expected an area code or name".to_string();
            problems.push(problem(c, "empty-area", msg));
        }
        let (Some(indicator), Ok(year), Ok(value), true) =
            (indicator, year, value, problems.is_empty())
        else {
            for p in problems {
                found.problem(at.file, p);
            }
            return false;
        };
        let area_name = if cols.of(AREA).is_some() {
            field[AREA]
        } else {
            IMPLICIT_AREA.as_bytes()
        };
        let Some(area) = self.area(area_name) else {
            let msg = "more than 4294967295 distinct areas".to_string();
            found.problem(at.file, problem(col(AREA), "too-many-areas", msg));
            return false;
        };
        if self.locate.is_some() {
            self.note_first(area, indicator, year, member, at);
            return true;
        }
        match self
            .agg
            .push_ids(area, indicator, year, member, value, at.line)
        {
            Ok(()) => true,
            Err(dup) => {
                let key = (
                    self.agg.area_name(dup.key.area).to_string(),
                    indicator,
                    year,
                    member.map(|m| self.agg.member_name(m).to_string()),
                );
                found.duplicate(Dup {
                    file: at.file,
                    line: at.line,
                    column: col(INDICATOR) as u64 + 1,
                    has_area: cols.of(AREA).is_some(),
                    key,
                });
                false
            }
        }
    }

    /// The indicator with this id, remembering the last one.
    fn indicator(&mut self, id: &[u8]) -> Option<usize> {
        if !id.is_empty() && self.last_indicator.0.as_slice() == id {
            return Some(self.last_indicator.1);
        }
        let found = self.indicators.get(id).copied()?;
        self.last_indicator.0.clear();
        self.last_indicator.0.extend_from_slice(id);
        self.last_indicator.1 = found;
        Some(found)
    }

    /// The area's id, remembering the last one (rows come grouped by area).
    fn area(&mut self, name: &[u8]) -> Option<u32> {
        if let Some((last, id)) = &self.last_area
            && last.as_slice() == name
        {
            return Some(*id);
        }
        let id = match self.areas.get(name) {
            Some(&id) => id,
            None => {
                let id = self.agg.area_id(text(name))?;
                self.areas.insert(name.into(), id);
                id
            }
        };
        let last = self.last_area.get_or_insert_with(|| (Vec::new(), id));
        last.0.clear();
        last.0.extend_from_slice(name);
        last.1 = id;
        Some(id)
    }

    /// The member id of a breakdown for an indicator, checked once per
    /// (indicator, spelling).
    fn member(&mut self, indicator: usize, breakdown: &[u8]) -> Result<u32, String> {
        let ind = self.agg.resolution().indicators.get(indicator);
        let cached = self
            .members
            .get(indicator)
            .and_then(|m| m.get(breakdown).copied());
        let id = match cached {
            Some(id) => id,
            None => {
                let canonical =
                    ind.and_then(|i| check::check_member(i, text(breakdown)).ok().flatten());
                let id = canonical.and_then(|c| self.agg.member_id(c));
                if let Some(m) = self.members.get_mut(indicator) {
                    m.insert(breakdown.into(), id);
                }
                id
            }
        };
        match id {
            Some(id) => Ok(id),
            None => Err(ind
                .and_then(|i| check::check_member(i, text(breakdown)).err())
                .unwrap_or_else(|| format!("more than {MAX_MEMBERS} distinct breakdown values"))),
        }
    }

    /// Second pass: notes where a duplicated key first appears.
    fn note_first(
        &mut self,
        area: u32,
        indicator: usize,
        year: i32,
        member: Option<u32>,
        at: &Place,
    ) {
        if !self.locate_pairs.contains(&(indicator, year)) {
            return;
        }
        let key = (
            self.agg.area_name(area).to_string(),
            indicator,
            year,
            member.map(|m| self.agg.member_name(m).to_string()),
        );
        if let Some(first) = self.locate.as_mut().and_then(|m| m.get_mut(&key))
            && first.is_none()
        {
            *first = Some((at.file, at.line));
        }
    }
}
