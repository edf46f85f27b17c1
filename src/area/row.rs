//! One data row of the `--by area` reader: checks (every problem of the row,
//! as the general reader reports them), then a push into the aggregator.

use ::csv::ByteRecord;

use super::columns::{AREA, BREAKDOWN, Columns, INDICATOR, ROLES, UNIT, VALUE, YEAR};
use super::hash::{FxMap, FxSet};
use super::intern::Interner;
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
/// hash look-ups of short strings and no allocation.
pub struct Rows<'a, 'r> {
    agg: &'a mut AreaAggregator<'r>,
    indicators: FxMap<Box<str>, usize>,
    /// Breakdowns as written, interned.
    raw_members: Interner,
    /// (indicator, raw member) -> the member's id, `None` when invalid.
    members: FxMap<(usize, u32), Option<u32>>,
    last_area: Option<(String, u32)>,
    /// Second pass only: the first place of each duplicated key.
    pub locate: Option<FxMap<NameKey, Option<(usize, u64)>>>,
    /// Second pass only: (indicator, year) of the duplicated keys.
    locate_pairs: FxSet<(usize, i32)>,
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
            .map(|(i, ind)| (ind.id.as_str().into(), i))
            .collect();
        let locate_pairs = locate
            .iter()
            .flat_map(|m| m.keys().map(|k| (k.1, k.2)))
            .collect();
        Rows {
            agg,
            indicators,
            raw_members: Interner::default(),
            members: FxMap::default(),
            last_area: None,
            locate,
            locate_pairs,
        }
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
        let mut field = [""; ROLES];
        for (i, raw) in record.iter().enumerate() {
            match std::str::from_utf8(raw) {
                Ok(s) => {
                    if let Some(x) = cols
                        .roles
                        .get(i)
                        .copied()
                        .flatten()
                        .and_then(|r| field.get_mut(r))
                    {
                        *x = s.trim();
                    }
                }
                Err(e) => {
                    let msg = format!(
                        "not valid UTF-8 (byte {} of the field); save the file as UTF-8 (CSV UTF-8 in Excel)",
                        e.valid_up_to() + 1
                    );
                    found.problem(at.file, problem(i, "encoding", msg));
                    return false;
                }
            }
        }
        let col = |role: usize| cols.of(role).unwrap_or_default();
        let resolution = self.agg.resolution();
        let mut problems = Vec::new();
        let indicator = self.indicators.get(field[INDICATOR]).copied();
        if indicator.is_none() {
            let msg = check::unknown_indicator(field[INDICATOR], resolution);
            problems.push(problem(col(INDICATOR), "unknown-indicator", msg));
        }
        let year = parse_year(field[YEAR]);
        if let Err(msg) = &year {
            problems.push(problem(col(YEAR), "bad-year", msg.clone()));
        }
        let value = parse_number(field[VALUE], at.decimal_comma).map_err(|m| {
            if m.starts_with("is empty") {
                format!("value {m}")
            } else {
                m
            }
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
                && let Err(msg) = check::check_unit(ind, field[UNIT], value.as_ref().ok().copied())
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
            IMPLICIT_AREA
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

    /// The area's id, remembering the last one (rows come grouped by area).
    fn area(&mut self, name: &str) -> Option<u32> {
        if let Some((last, id)) = &self.last_area
            && last == name
        {
            return Some(*id);
        }
        let id = self.agg.area_id(name)?;
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

    /// The member id of a breakdown for an indicator, checked once per
    /// (indicator, spelling).
    fn member(&mut self, indicator: usize, breakdown: &str) -> Result<u32, String> {
        let resolution = self.agg.resolution();
        let ind = resolution.indicators.get(indicator);
        let check = |b: &str| -> Result<Option<u32>, String> {
            match ind.map(|i| check::check_member(i, b)) {
                Some(Err(msg)) => Err(msg),
                _ => Ok(None),
            }
        };
        let raw = self.raw_members.intern(breakdown);
        let cached = raw.and_then(|r| self.members.get(&(indicator, r)).copied());
        let id = match cached {
            Some(id) => id,
            None => {
                let canonical = ind.and_then(|i| check::check_member(i, breakdown).ok().flatten());
                let id = canonical.and_then(|c| self.agg.member_id(c));
                if let Some(r) = raw {
                    self.members.insert((indicator, r), id);
                }
                id
            }
        };
        match id {
            Some(id) => Ok(id),
            None => Err(check(breakdown)
                .err()
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
