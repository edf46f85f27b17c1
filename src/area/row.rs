//! One data row of the `--by area` reader: a byte-level fast path that
//! accepts a row only when it is provably valid under the general rules,
//! and the general reader's own row check ([`row::Columns::check_row`]) for
//! every other row, so both readers accept, reject and word problems alike.
//!
//! The fast path needs no allocation: an all-ASCII row needs no UTF-8
//! check, plain numbers and years are parsed from bytes (`number.rs`,
//! bit-identical to [`crate::actuals::value`]), the range, unit and span
//! checks are the general ones, and ids come from caches keyed by bytes.

use ::csv::ByteRecord;

use super::columns::{AREA, BREAKDOWN, Columns, INDICATOR, ROLES, UNIT, VALUE, YEAR};
use super::hash::{FxMap, FxSet};
use super::number::{fast_number, fast_year, trim};
use super::read::{Dup, Found, IMPLICIT_AREA};
use super::{AreaAggregator, MAX_MEMBERS, Overlap};
use crate::actuals::record::{Field, Record};
use crate::actuals::row::RowContext;
use crate::actuals::{Observation, check, nfc};
use crate::diagnostic::Diagnostic;
use crate::targets::Resolution;

/// (area, indicator, year, member) by name, to find a duplicate's first place.
pub type NameKey = (String, usize, i32, Option<String>);

/// Where a row was first given: file, line and (in workbooks) cell.
pub type First = (usize, u64, Option<String>);

/// A row the fast reader cannot take: its file must be read by the general
/// reader (bytes that are not UTF-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8;

/// A member cached for (indicator, breakdown as written).
#[derive(Debug, Clone, Copy)]
enum Member {
    /// The interned member.
    Id(u32),
    /// Not a member the general rules accept: the slow path says why.
    Invalid,
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
    /// Per indicator: breakdown as written -> member.
    members: Vec<FxMap<Box<[u8]>, Member>>,
    /// The last valid (indicator, breakdown as written) and its member id
    /// (rows come grouped by member).
    last_member: (usize, Vec<u8>, u32),
    /// Second pass only: the first place of each duplicated key.
    pub locate: Option<FxMap<NameKey, Option<First>>>,
    /// Second pass only: (indicator, year) of the duplicated keys.
    locate_pairs: FxSet<(usize, i32)>,
    /// Data rows rejected (a problem or a duplicate).
    pub rejected: usize,
    /// Valid rows taken.
    pub accepted: u64,
}

/// A valid row as ids.
#[derive(Debug, Clone, Copy)]
struct Ids {
    area: u32,
    indicator: usize,
    year: i32,
    member: Option<u32>,
    value: f64,
}

impl<'a, 'r> Rows<'a, 'r> {
    /// Rows into `agg`; with `locate`, rows are not pushed, only the first
    /// places of those keys are noted.
    pub fn new(
        agg: &'a mut AreaAggregator<'r>,
        locate: Option<FxMap<NameKey, Option<First>>>,
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
            last_member: (usize::MAX, Vec::new(), 0),
            locate,
            locate_pairs,
            rejected: 0,
            accepted: 0,
        }
    }

    /// The resolution rows are checked against.
    pub fn resolution(&self) -> &'r Resolution {
        self.agg.resolution()
    }

    /// An empty aggregation like the one these rows go into.
    pub fn fresh_aggregator(&self) -> Result<AreaAggregator<'r>, String> {
        self.agg.fresh()
    }

    /// Adds the counts and figures of `later`, the rows that follow these
    /// in the file (the second part of a split file).
    pub fn absorb(&mut self, later: Rows) -> Result<(), Overlap> {
        self.agg.merge(later.agg)?;
        self.accepted += later.accepted;
        self.rejected += later.rejected;
        Ok(())
    }

    /// Checks one CSV row starting on physical line `line` and takes it
    /// (a blank row is skipped); problems go to `found`. `Err` when a
    /// field is not UTF-8.
    pub fn row(
        &mut self,
        record: &ByteRecord,
        line: u64,
        cols: &Columns,
        ctx: &RowContext,
        found: &mut Found,
    ) -> Result<(), NotUtf8> {
        let mut fields: [&[u8]; ROLES] = [b""; ROLES];
        if by_role(record, cols, &mut fields)?
            && let Some(ids) = self.fast(&fields, cols, ctx)
        {
            let place = || {
                let col = cols.general.indicator;
                let line = field_line(record, line, col);
                Diagnostic::at(
                    ctx.name,
                    line,
                    col as u64 + 1,
                    Some("indicator"),
                    "duplicate",
                    "",
                )
                .with_value(String::from_utf8_lossy(fields[INDICATOR]))
            };
            let area = cols.of(AREA).is_some();
            self.take(ids, area, ctx.file, line, &place, found);
            return Ok(());
        }
        // the fast path takes only rows with an indicator, a year and a
        // value: a blank row always gets here
        if is_blank(record) {
            return Ok(());
        }
        let record = to_record(record, line).ok_or(NotUtf8)?;
        match cols.general.check_row(&record, ctx) {
            Ok((obs, place)) => self.observation(obs, place, found),
            Err(problems) => {
                self.rejected += 1;
                for p in problems {
                    found.problem(ctx.file, p);
                }
            }
        }
        Ok(())
    }

    /// Takes a row the general reader checked (its slow path, or a whole
    /// file it read); `place` is at the row's indicator cell.
    pub fn observation(&mut self, obs: Observation, place: Diagnostic, found: &mut Found) {
        let area_name = obs.area.as_deref().unwrap_or(IMPLICIT_AREA);
        let member = match &obs.member {
            Some(m) => self.agg.member_id(m).ok_or("breakdown values"),
            None => Ok(u32::MAX),
        };
        let (Some(area), Ok(member)) = (self.area(area_name.as_bytes(), true), member) else {
            let what = if member.is_err() {
                format!("more than {MAX_MEMBERS} distinct breakdown values")
            } else {
                format!("more than {} distinct areas", u32::MAX)
            };
            found.problem(
                obs.file,
                Diagnostic {
                    message: what,
                    rule: "too-many",
                    ..place
                },
            );
            self.rejected += 1;
            return;
        };
        let ids = Ids {
            area,
            indicator: obs.indicator,
            year: obs.year,
            member: obs.member.is_some().then_some(member),
            value: obs.value,
        };
        let line = obs.line;
        self.take(
            ids,
            obs.area.is_some(),
            obs.file,
            line,
            &|| place.clone(),
            found,
        );
    }

    /// A valid row: pushed (first pass) or its place noted (second pass).
    fn take(
        &mut self,
        ids: Ids,
        has_area: bool,
        file: usize,
        line: u64,
        place: &dyn Fn() -> Diagnostic,
        found: &mut Found,
    ) {
        if self.locate.is_some() {
            self.note_first(ids, file, line, place);
            return;
        }
        let pushed = self.agg.push_ids(
            ids.area,
            ids.indicator,
            ids.year,
            ids.member,
            ids.value,
            line,
        );
        match pushed {
            Ok(()) => self.accepted += 1,
            Err(_) => {
                self.rejected += 1;
                let key = self.names(ids);
                found.duplicate(Dup {
                    file,
                    has_area,
                    key,
                    place: place(),
                });
            }
        }
    }

    /// The fast path: the row's ids when it is valid under the general
    /// rules, `None` when the general check must look at it.
    fn fast(&mut self, field: &[&[u8]; ROLES], cols: &Columns, ctx: &RowContext) -> Option<Ids> {
        if field[INDICATOR].is_empty() || field[YEAR].is_empty() || field[VALUE].is_empty() {
            return None;
        }
        let indicator = self.indicator(field[INDICATOR])?;
        let ind = ctx.resolution.indicators.get(indicator)?;
        let year = fast_year(field[YEAR])?;
        ctx.span.check(year).ok()?;
        let value = fast_number(field[VALUE], ctx.decimal_comma)?;
        check::range(ind, value).ok()?;
        if cols.of(UNIT).is_some() && !field[UNIT].is_empty() {
            check::unit(ind, text(field[UNIT]), Some(value)).ok()?;
        }
        let member = match (field[BREAKDOWN], &ind.each) {
            (b"", None) => None,
            (breakdown, _) => Some(self.member(indicator, breakdown)?),
        };
        let area = match cols.of(AREA) {
            Some(_) if field[AREA].is_empty() => return None,
            Some(_) => self.area(field[AREA], false)?,
            None => self.area(IMPLICIT_AREA.as_bytes(), true)?,
        };
        Some(Ids {
            area,
            indicator,
            year,
            member,
            value,
        })
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

    /// The id of an area as written (NFC-normalised unless `is_nfc`),
    /// remembering the last one (rows come grouped by area).
    fn area(&mut self, name: &[u8], is_nfc: bool) -> Option<u32> {
        if let Some((last, id)) = &self.last_area
            && last.as_slice() == name
        {
            return Some(*id);
        }
        let id = match self.areas.get(name) {
            Some(&id) => id,
            None => {
                let id = if is_nfc {
                    self.agg.area_id(text(name))?
                } else {
                    self.agg.area_id(&nfc(text(name).to_string()))?
                };
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

    /// The member id of a breakdown as written, checked by the general
    /// rule once per (indicator, spelling); `None` when it is not valid.
    fn member(&mut self, indicator: usize, breakdown: &[u8]) -> Option<u32> {
        if self.last_member.0 == indicator && self.last_member.1.as_slice() == breakdown {
            return Some(self.last_member.2);
        }
        let cached = self
            .members
            .get(indicator)
            .and_then(|m| m.get(breakdown).copied());
        let member = match cached {
            Some(m) => m,
            None => {
                let ind = self.agg.resolution().indicators.get(indicator)?;
                let spelled = nfc(text(breakdown).to_string());
                let m = match check::member(ind, &spelled) {
                    Ok(Some(name)) => self
                        .agg
                        .member_id(&name)
                        .map_or(Member::Invalid, Member::Id),
                    _ => Member::Invalid,
                };
                if let Some(cache) = self.members.get_mut(indicator) {
                    cache.insert(breakdown.into(), m);
                }
                m
            }
        };
        match member {
            Member::Id(id) => {
                self.last_member.0 = indicator;
                self.last_member.1.clear();
                self.last_member.1.extend_from_slice(breakdown);
                self.last_member.2 = id;
                Some(id)
            }
            Member::Invalid => None,
        }
    }

    /// The names of a row's ids.
    fn names(&self, ids: Ids) -> NameKey {
        (
            self.agg.area_name(ids.area).to_string(),
            ids.indicator,
            ids.year,
            ids.member.map(|m| self.agg.member_name(m).to_string()),
        )
    }

    /// Second pass: notes where a duplicated key first appears.
    fn note_first(&mut self, ids: Ids, file: usize, line: u64, place: &dyn Fn() -> Diagnostic) {
        if !self.locate_pairs.contains(&(ids.indicator, ids.year)) {
            return;
        }
        let key = self.names(ids);
        if let Some(first) = self.locate.as_mut().and_then(|m| m.get_mut(&key))
            && first.is_none()
        {
            *first = Some((file, line, place().cell));
        }
    }
}

/// Valid UTF-8 (checked) bytes as text.
fn text(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or_default()
}

/// Puts the trimmed fields the calculation reads in `field`, by role;
/// false for a ragged row (the general check words it); `Err` when a
/// field is not UTF-8. Filled in place: a row is the hot loop.
fn by_role<'b>(
    record: &'b ByteRecord,
    cols: &Columns,
    field: &mut [&'b [u8]; ROLES],
) -> Result<bool, NotUtf8> {
    let ascii = record.as_slice().is_ascii();
    if !ascii {
        for raw in record.iter() {
            std::str::from_utf8(raw).map_err(|_| NotUtf8)?;
        }
    }
    if record.len() != cols.width() {
        return Ok(false);
    }
    for (x, i) in field.iter_mut().zip(&cols.index) {
        if let Some(raw) = i.and_then(|i| record.get(i)) {
            // an ASCII row (the whole record checked at once) needs no
            // UTF-8 look at its fields
            *x = match ascii {
                true => trim(raw),
                false => std::str::from_utf8(raw).map_or(raw, |t| t.trim().as_bytes()),
            };
        }
    }
    Ok(true)
}

/// Line ends in a field's text, counted as the general reader counts them.
fn line_ends(raw: &[u8]) -> u64 {
    let mut n = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', raw) {
        if raw.get(i) == Some(&b'\n') || raw.get(i + 1) != Some(&b'\n') {
            n += 1;
        }
    }
    n
}

/// The physical line field `col` starts on, for a row starting on `line`.
fn field_line(record: &ByteRecord, line: u64, col: usize) -> u64 {
    line + record.iter().take(col).map(line_ends).sum::<u64>()
}

/// The row as the general reader's record (NFC text, the line of every
/// field); `None` when a field is not UTF-8.
pub fn to_record(record: &ByteRecord, line: u64) -> Option<Record> {
    let mut fields = Vec::with_capacity(record.len());
    let mut at = line;
    for (i, raw) in record.iter().enumerate() {
        let text = std::str::from_utf8(raw).ok()?;
        fields.push(Field {
            text: nfc(text.to_string()),
            line: at,
            column: i as u64 + 1,
        });
        at += line_ends(raw);
    }
    Some(Record {
        line,
        fields,
        sheet: None,
        bad: false,
    })
}

/// True for a row whose fields are all blank (Excel's trailing `;;;`
/// rows), as the general reader decides it; a field that is not UTF-8 is
/// not blank.
pub fn is_blank(record: &ByteRecord) -> bool {
    record.iter().all(|f| {
        if f.is_ascii() {
            return trim(f).is_empty();
        }
        std::str::from_utf8(f).is_ok_and(|s| s.trim().is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_start_on_the_lines_the_general_reader_gives() {
        // "a" on line 3; "x\r\ny" spans 3-4; "p\rq" spans 4-5; "z" on line 5
        let record = ByteRecord::from(vec!["a", "x\r\ny", "p\rq", "z"]);
        assert_eq!(
            (0..4)
                .map(|c| field_line(&record, 3, c))
                .collect::<Vec<_>>(),
            [3, 3, 4, 5]
        );
        let r = to_record(&record, 3).expect("utf-8");
        assert_eq!(
            r.fields.iter().map(|f| f.line).collect::<Vec<_>>(),
            [3, 3, 4, 5]
        );
    }

    #[test]
    fn blank_is_what_str_trim_says() {
        assert!(is_blank(&ByteRecord::from(vec![" ", "\u{a0}", "\x0b"])));
        assert!(!is_blank(&ByteRecord::from(vec![" ", "x"])));
        assert!(!is_blank(&ByteRecord::from(vec![&b"\xff"[..]])));
    }
}
