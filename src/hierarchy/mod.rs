//! The areas of an areas file (`--areas`): every area with the area it
//! lies within, its level (commune, province, ...) and the dates it
//! existed; the questions the row checks and the roll-up ask of them.
//! Reading the file is `read/areas.rs`.
//!
//! A unit that ceased names its successor as its parent: its figures for
//! the years it existed are carried onto the successor.

use std::fmt;
use std::sync::Arc;

use rustc_hash::FxHashMap;

/// An index into [`Hierarchy::units`].
pub type UnitId = u32;

/// A calendar date, as the areas file writes it (`YYYY-MM-DD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The last day of `year`.
    pub fn end_of(year: i32) -> Date {
        Date {
            year,
            month: 12,
            day: 31,
        }
    }

    /// Parses `YYYY-MM-DD` (a real day of a four-digit year).
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(Date {
            year: i32::try_from(year).ok()?,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// One area of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Its code, as data files name it (trimmed, NFC).
    pub code: String,
    /// Its name.
    pub name: String,
    /// The area it lies within (for a unit that ceased: its successor).
    pub parent: Option<UnitId>,
    /// Its level, an index into [`Hierarchy::levels`].
    pub level: Option<u16>,
    /// The first day it existed.
    pub from: Option<Date>,
    /// The last day it existed.
    pub to: Option<Date>,
}

impl Unit {
    /// Whether the unit existed on the last day of `year`: the year whose
    /// figures it gives.
    pub fn in_force(&self, year: i32) -> bool {
        let end = Date::end_of(year);
        self.from.is_none_or(|f| f <= end) && self.to.is_none_or(|t| t >= end)
    }
}

/// The areas of an areas file.
#[derive(Debug, Clone)]
pub struct Hierarchy {
    /// The file as the user named it.
    pub file: Arc<str>,
    /// Every unit, in file order.
    pub units: Vec<Unit>,
    /// The levels named, in order of first sight.
    pub levels: Vec<String>,
    by_code: FxHashMap<String, UnitId>,
}

impl Hierarchy {
    /// The hierarchy of `units` (codes unique, parents without cycles),
    /// whose levels are indices into `levels`.
    pub fn new(file: Arc<str>, units: Vec<Unit>, levels: Vec<String>) -> Self {
        let by_code = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.code.clone(), i as UnitId))
            .collect();
        Hierarchy {
            file,
            units,
            levels,
            by_code,
        }
    }

    /// The unit with this code (trimmed, NFC), if any.
    pub fn find(&self, code: &str) -> Option<UnitId> {
        self.by_code
            .get(crate::names::nfc(code.trim()).as_ref())
            .copied()
    }

    /// The unit of an id.
    pub fn unit(&self, id: UnitId) -> Option<&Unit> {
        self.units.get(id as usize)
    }

    /// The level with this name, if any unit has it.
    pub fn level(&self, name: &str) -> Option<u16> {
        let name = name.trim();
        self.levels
            .iter()
            .position(|l| l.eq_ignore_ascii_case(name) || l == name)
            .and_then(|i| u16::try_from(i).ok())
    }

    /// `id`, then the area it lies within, and so on up to a unit without
    /// a parent (the file has no cycle: `parse.rs` refuses one).
    pub fn walk(&self, id: UnitId) -> impl Iterator<Item = UnitId> + '_ {
        std::iter::successors(Some(id), |&u| self.unit(u).and_then(|u| u.parent))
            .take(self.units.len())
    }

    /// `code name` of a unit, as reports show it.
    pub fn label(&self, id: UnitId) -> String {
        match self.unit(id) {
            Some(u) if u.name.is_empty() => u.code.clone(),
            Some(u) => format!("{} {}", u.code, u.name),
            None => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_real_days() {
        let d = Date::parse("2025-06-30").expect("a date");
        assert_eq!((d.year, d.month, d.day), (2025, 6, 30));
        assert_eq!(d.to_string(), "2025-06-30");
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-06-31",
            "25-06-30",
            "2025/06/30",
            "",
            "2025-6-30",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2025-06-30") < Date::parse("2025-07-01"));
    }

    #[test]
    fn a_unit_is_in_force_for_the_years_it_exists_on_31_december() {
        let unit = |from: Option<&str>, to: Option<&str>| Unit {
            code: "60".into(),
            name: "Bình Thuận".into(),
            parent: None,
            level: None,
            from: from.and_then(Date::parse),
            to: to.and_then(Date::parse),
        };
        // ceased mid-2025: its last year is 2024
        let ceased = unit(None, Some("2025-06-30"));
        assert!(ceased.in_force(2024) && !ceased.in_force(2025));
        // created mid-2025: its first year is 2025
        let created = unit(Some("2025-07-01"), None);
        assert!(!created.in_force(2024) && created.in_force(2025) && created.in_force(2030));
        assert!(unit(None, Some("2025-12-31")).in_force(2025));
        assert!(unit(None, None).in_force(1900));
    }
}
