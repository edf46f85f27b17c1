//! The figures read, keyed by (area, indicator, member): for each key its
//! series of (year, value), with where each figure was given.
//!
//! Memory grows with keys x years, never with rows read and rejected:
//! every distinct (indicator, member) pair is a column, every area a block
//! of slots, one per column; a slot heads a list of its points in a chunked
//! arena (no vector is ever doubled, so no peak of twice the figures).
//! A figure costs 20 bytes. A key's years are checked for duplicates in a
//! bit mask when the span of years allows (64 years), else on its list.

use rustc_hash::FxHashMap;

use crate::names::fold;

mod absorb;
mod names;
mod series;

use names::Names;
pub use series::{AreaSeries, Figures, Series, Withheld};

/// An area: an index into the store's areas.
pub type AreaId = u32;

/// A member (sector, households, ...): an index into the store's members.
pub type MemberId = u32;

/// Where a figure was given: the file's index and the line (or sheet row)
/// of its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Index of the file in the run.
    pub file: u16,
    /// Line of the row, 1-based.
    pub line: u32,
}

/// One figure: the year and the value.
pub type Point = (i32, f64);

/// How a rolled-up figure was made: from how many of the areas it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coverage {
    /// Areas that gave the figure.
    pub areas: u32,
    /// Areas that should have (of the level that gave it, in force that
    /// year, under the parent).
    pub of: u32,
    /// The share (0 to 1) of the denominator that the areas which gave the
    /// figure hold, when every area's denominator is known.
    pub denominator_share: Option<f64>,
    /// Whether enough areas gave it (`--min-coverage`); an incomplete
    /// figure is withheld, never computed from a few.
    pub complete: bool,
}

/// What a store of rolled-up figures keeps about each figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rolled {
    /// The areas that gave it.
    pub coverage: Coverage,
    /// The sums of numerators and denominators of a ratio.
    pub parts: Option<(f64, f64)>,
}

const NONE: u32 = u32::MAX;

/// Points per arena chunk.
const CHUNK: usize = 1 << 16;

#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The latest point added, or [`NONE`].
    head: u32,
    /// Bit `year - first year` is set once that year was given.
    seen: u64,
}

const EMPTY: Slot = Slot {
    head: NONE,
    seen: 0,
};

#[derive(Debug, Clone, Copy)]
struct Meta {
    next: u32,
    line: u32,
    year: i16,
    /// The file's index (low 14 bits) and the figure's decimals as written,
    /// 0 to 3 (high 2 bits; 3 means 3 or more).
    file: u16,
}

/// The most files a store tells apart.
pub const MAX_FILES: usize = (1 << 14) - 1;

impl Meta {
    fn file(&self) -> u16 {
        self.file & 0x3fff
    }

    fn decimals(&self) -> u8 {
        (self.file >> 14) as u8
    }
}

/// Every figure of a run.
#[derive(Debug)]
pub struct Store {
    first_year: i32,
    areas: Names,
    /// The area of rows from files without an `area` column.
    implicit: Option<AreaId>,
    members: Names,
    /// (indicator, member code) -> column; code 0 is "no member".
    columns: FxHashMap<(u32, u32), u32>,
    column_keys: Vec<(u32, u32)>,
    last_column: Option<((u32, u32), u32)>,
    blocks: Vec<Vec<Slot>>,
    values: Vec<Vec<f64>>,
    meta: Vec<Vec<Meta>>,
    len: u32,
    max_year: Option<i32>,
    /// Whether the figures are rolled up from an areas file.
    rolled_up: bool,
    /// Per figure, for a store of rolled-up figures; else empty.
    rolled: Vec<Rolled>,
}

/// A key and year in both stores of [`Store::absorb`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflict;

/// Why a figure was not added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The key and year were given before, here.
    Duplicate(Place),
    /// More figures, areas or members than ids allow.
    Full,
}

impl Store {
    /// An empty store for figures from `first_year` on.
    pub fn new(first_year: i32) -> Store {
        Store {
            first_year,
            areas: Names::default(),
            implicit: None,
            members: Names::default(),
            columns: FxHashMap::default(),
            column_keys: Vec::new(),
            last_column: None,
            blocks: Vec::new(),
            values: Vec::new(),
            meta: Vec::new(),
            len: 0,
            max_year: None,
            rolled_up: false,
            rolled: Vec::new(),
        }
    }

    /// An empty store for rolled-up figures ([`Store::add_rolled`]).
    pub fn for_roll_up(first_year: i32) -> Store {
        Store {
            rolled_up: true,
            ..Store::new(first_year)
        }
    }

    /// The id of an area known by `key` (a code) and shown as `display`.
    pub fn named_area(&mut self, key: &str, display: &str) -> Option<AreaId> {
        let id = self.areas.intern(key, display)?;
        self.grow_blocks(id);
        Some(id)
    }

    /// Adds a rolled-up figure: `value` is `None` when the figure is
    /// withheld (too few areas gave it). The year is unique per key.
    pub fn add_rolled(
        &mut self,
        (area, indicator, member, year): (AreaId, usize, Option<MemberId>, i32),
        value: Option<(f64, u8)>,
        rolled: Rolled,
    ) -> Result<(), Refused> {
        let place = Place { file: 0, line: 0 };
        let (value, decimals) = value.unwrap_or((f64::NAN, 0));
        self.add(area, indicator, member, year, (value, decimals), place)?;
        self.rolled.push(rolled);
        Ok(())
    }

    /// The id of a named area (NFC, trimmed), adding it when new.
    pub fn area(&mut self, name: &str) -> Option<AreaId> {
        let id = self.areas.intern(name, name)?;
        self.grow_blocks(id);
        Some(id)
    }

    /// The area of rows from files without an `area` column.
    pub fn implicit_area(&mut self) -> Option<AreaId> {
        if let Some(id) = self.implicit {
            return Some(id);
        }
        // a name no row can give: trimmed names never start with a blank
        let id = self.areas.intern(" implicit", "all")?;
        self.grow_blocks(id);
        self.implicit = Some(id);
        Some(id)
    }

    fn grow_blocks(&mut self, id: AreaId) {
        if id as usize >= self.blocks.len() {
            self.blocks.push(Vec::new());
        }
    }

    /// The id of a member: spellings that differ only in case (and NFC
    /// form) are one member, shown as first spelled.
    pub fn member(&mut self, name: &str) -> Option<MemberId> {
        let key = fold(name);
        self.members.intern(&key, name)
    }

    /// Adds a figure, written with `decimals` decimals; refused when its key
    /// and year were given before.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        area: AreaId,
        indicator: usize,
        member: Option<MemberId>,
        year: i32,
        (value, decimals): (f64, u8),
        place: Place,
    ) -> Result<(), Refused> {
        let code = member.map_or(0, |m| m + 1);
        let col = self.column(indicator as u32, code) as usize;
        let width = self.column_keys.len();
        let Some(block) = self.blocks.get_mut(area as usize) else {
            return Err(Refused::Full);
        };
        if block.len() <= col {
            block.resize(width, EMPTY);
        }
        let Some(slot) = block.get(col).copied() else {
            return Err(Refused::Full);
        };
        let offset = i64::from(year) - i64::from(self.first_year);
        let bit = (0..64).contains(&offset).then(|| 1u64 << offset);
        let given = match bit {
            Some(b) => slot.seen & b != 0,
            None => self.find(slot.head, year).is_some(),
        };
        if given {
            let first = self.find(slot.head, year).unwrap_or(place);
            return Err(Refused::Duplicate(first));
        }
        let index = self.push((value, decimals), year, place, slot.head)?;
        if let Some(s) = self
            .blocks
            .get_mut(area as usize)
            .and_then(|b| b.get_mut(col))
        {
            s.head = index;
            s.seen |= bit.unwrap_or(0);
        }
        self.max_year = Some(self.max_year.map_or(year, |m| m.max(year)));
        Ok(())
    }

    fn column(&mut self, indicator: u32, code: u32) -> u32 {
        if let Some((key, col)) = self.last_column
            && key == (indicator, code)
        {
            return col;
        }
        let next = self.column_keys.len() as u32;
        let col = *self.columns.entry((indicator, code)).or_insert(next);
        if col == next {
            self.column_keys.push((indicator, code));
        }
        self.last_column = Some(((indicator, code), col));
        col
    }

    fn push(
        &mut self,
        (value, decimals): (f64, u8),
        year: i32,
        place: Place,
        next: u32,
    ) -> Result<u32, Refused> {
        let index = self.len;
        if index == NONE {
            return Err(Refused::Full);
        }
        if (index as usize).is_multiple_of(CHUNK) {
            self.values.push(Vec::with_capacity(CHUNK));
            self.meta.push(Vec::with_capacity(CHUNK));
        }
        let (Some(values), Some(meta)) = (self.values.last_mut(), self.meta.last_mut()) else {
            return Err(Refused::Full);
        };
        values.push(value);
        meta.push(Meta {
            next,
            line: place.line,
            year: year as i16,
            file: (place.file & 0x3fff) | (u16::from(decimals.min(3)) << 14),
        });
        self.len += 1;
        Ok(index)
    }

    fn meta(&self, i: u32) -> Option<&Meta> {
        let i = i as usize;
        self.meta.get(i / CHUNK)?.get(i % CHUNK)
    }

    fn value(&self, i: u32) -> f64 {
        let i = i as usize;
        self.values
            .get(i / CHUNK)
            .and_then(|c| c.get(i % CHUNK))
            .copied()
            .unwrap_or(f64::NAN)
    }

    /// Where `year` was given in the list from `head`.
    fn find(&self, head: u32, year: i32) -> Option<Place> {
        let mut i = head;
        while let Some(m) = self.meta(i) {
            if i32::from(m.year) == year {
                return Some(Place {
                    file: m.file(),
                    line: m.line,
                });
            }
            i = m.next;
        }
        None
    }

    /// The first year of the span figures are for.
    pub fn first_year(&self) -> i32 {
        self.first_year
    }

    /// Number of areas.
    pub fn area_count(&self) -> usize {
        self.blocks.len()
    }

    /// The name of an area (`all` for rows without an `area` column).
    pub fn area_name(&self, id: AreaId) -> &str {
        self.areas.names.get(id as usize).map_or("", |n| n)
    }

    /// True for the area of rows from files without an `area` column.
    pub fn is_implicit(&self, id: AreaId) -> bool {
        self.implicit == Some(id)
    }

    /// The id of a named area, if the data has it.
    pub fn find_area(&self, name: &str) -> Option<AreaId> {
        self.areas.ids.get(name).copied()
    }

    /// Number of members.
    pub fn member_count(&self) -> usize {
        self.members.names.len()
    }

    /// The display name of a member.
    pub fn member_name(&self, id: MemberId) -> &str {
        self.members.names.get(id as usize).map_or("", |n| n)
    }

    /// The id of a member by name, if the data has it.
    pub fn find_member(&self, name: &str) -> Option<MemberId> {
        self.members.ids.get(fold(name).as_str()).copied()
    }

    /// The latest year of any figure.
    pub fn max_year(&self) -> Option<i32> {
        self.max_year
    }

    /// What a rolled-up store keeps about figure `tag` (see
    /// [`Figures::tags`]).
    pub fn rolled(&self, tag: u32) -> Option<&Rolled> {
        self.rolled.get(tag as usize)
    }

    /// Whether the figures are rolled up from an areas file.
    pub fn is_rolled_up(&self) -> bool {
        self.rolled_up
    }

    /// Number of figures.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// True when no figure was added.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32) -> Place {
        Place { file: 0, line }
    }

    #[test]
    fn duplicates_name_the_first_place_in_and_out_of_the_mask() {
        let mut s = Store::new(2017);
        let a = s.area("A").unwrap();
        let b = s.area("B").unwrap();
        assert_eq!(s.add(a, 0, None, 2024, (1.0, 1), at(2)), Ok(()));
        assert_eq!(s.add(b, 0, None, 2024, (1.0, 1), at(3)), Ok(())); // another area
        assert_eq!(s.add(a, 0, None, 1900, (1.0, 1), at(4)), Ok(())); // outside the mask
        assert_eq!(
            s.add(a, 0, None, 2024, (2.0, 1), at(5)),
            Err(Refused::Duplicate(at(2)))
        );
        assert_eq!(
            s.add(a, 0, None, 1900, (2.0, 1), at(6)),
            Err(Refused::Duplicate(at(4)))
        );
        assert_eq!((s.len(), s.max_year()), (3, Some(2024)));
    }

    #[test]
    fn members_are_one_whatever_their_case() {
        let mut s = Store::new(2017);
        let h = s.member("Health").unwrap();
        assert_eq!(s.member("health"), Some(h));
        assert_eq!(s.member_name(h), "Health"); // the first spelling
        let a = s.area("A").unwrap();
        s.add(a, 3, Some(h), 2023, (50.0, 0), at(2)).unwrap();
        let m = s.member("HEALTH");
        assert_eq!(
            s.add(a, 3, m, 2023, (80.0, 0), at(3)),
            Err(Refused::Duplicate(at(2)))
        );
    }
}
