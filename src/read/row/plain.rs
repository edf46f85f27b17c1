//! The fast path of a row check: [`Checker::plain`] takes the common
//! valid row with no allocation and no problem reporting, its numbers
//! read without `str::parse`; anything else goes to the full check.

use super::{COMPUTED_DECIMALS, Checker, FileMark, FileRows, Parts, Row};
use crate::read::field;
use crate::read::header::Columns;
use crate::read::record::Record;
use crate::read::value::{self, Mark};
use crate::store::Store;
use crate::targets::Unit;

impl Checker<'_> {
    /// The common valid row, taken with the same rules as
    /// [`Checker::every_check`] but no problem reporting: `None` for any
    /// row that is not plainly valid, which the full check then looks at.
    pub(super) fn plain(
        &mut self,
        record: &Record,
        file: &FileRows,
        store: &mut Store,
    ) -> Option<Row> {
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
