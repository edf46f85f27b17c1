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

/// Names interned to small ids, in order of first sight.
#[derive(Debug, Default)]
struct Names {
    ids: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Names {
    fn intern(&mut self, key: &str, display: &str) -> Option<u32> {
        if let Some(&id) = self.ids.get(key) {
            return Some(id);
        }
        let id = u32::try_from(self.names.len()).ok().filter(|&i| i < NONE)?;
        self.ids.insert(key.into(), id);
        self.names.push(display.into());
        Some(id)
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

    /// Adds every figure of `later`, the store of rows read after this
    /// store's (the second half of file `file`, whose lines there count from
    /// 1 after `line_shift` lines). Refused, and this store unchanged but
    /// for names, when a key and year are in both: one pass over the file
    /// must then say where the duplicate was first given.
    ///
    /// No figure is copied: `later`'s arena chunks are appended after a
    /// chunk boundary and its lists linked in.
    pub fn absorb(&mut self, later: Store, file: u16, line_shift: u32) -> Result<(), Conflict> {
        let members: Vec<u32> = (0..later.members.names.len())
            .map(|m| {
                let name = later.members.names.get(m).map_or("", |n| n);
                self.member(name).ok_or(Conflict)
            })
            .collect::<Result<_, _>>()?;
        let code = |c: u32| match c {
            0 => Some(0),
            c => members.get(c as usize - 1).map(|m| m + 1),
        };
        // the columns of `later` in this store's numbering
        let mut columns = Vec::with_capacity(later.column_keys.len());
        for &(indicator, c) in &later.column_keys {
            columns.push(self.column(indicator, code(c).ok_or(Conflict)?));
        }
        self.last_column = None;
        let areas: Vec<Option<AreaId>> = (0..later.blocks.len())
            .map(|a| match later.area_key(a as AreaId) {
                Some(k) => self.areas.ids.get(k).copied(),
                None => self.implicit,
            })
            .collect();
        // first every shared key, for a year given in both
        for (block, area) in later.blocks.iter().zip(&areas) {
            let Some(mine) = area.and_then(|a| self.blocks.get(a as usize)) else {
                continue;
            };
            for (slot, &col) in block.iter().zip(&columns) {
                let Some(own) = mine.get(col as usize) else {
                    continue;
                };
                if slot.head == NONE || own.head == NONE {
                    continue;
                }
                if own.seen & slot.seen != 0 {
                    return Err(Conflict);
                }
                let mut i = slot.head;
                while let Some(m) = later.meta(i) {
                    if self.find(own.head, i32::from(m.year)).is_some() {
                        return Err(Conflict);
                    }
                    i = m.next;
                }
            }
        }
        // then the figures: `later`'s chunks after this store's last one
        let base = (self.values.len() * CHUNK) as u32;
        let shift = |i: u32| if i == NONE { NONE } else { i + base };
        let Store {
            values,
            mut meta,
            blocks,
            len,
            max_year,
            implicit,
            areas: names,
            ..
        } = later;
        for chunk in &mut meta {
            for m in chunk.iter_mut() {
                m.next = shift(m.next);
                if m.file() == file {
                    m.line = m.line.saturating_add(line_shift);
                }
            }
        }
        self.values.extend(values);
        self.meta.extend(meta);
        self.len = base + len;
        let width = self.column_keys.len();
        for (a, block) in blocks.into_iter().enumerate() {
            let id = match areas.get(a).copied().flatten() {
                Some(id) => id,
                None if implicit == Some(a as AreaId) => self.implicit_area().ok_or(Conflict)?,
                None => {
                    let name = names.names.get(a).map_or("", |n| n);
                    self.area(name).ok_or(Conflict)?
                }
            };
            for (slot, &col) in block.iter().zip(&columns) {
                if slot.head == NONE {
                    continue;
                }
                let Some(mine) = self.blocks.get_mut(id as usize) else {
                    return Err(Conflict);
                };
                if mine.len() < width {
                    mine.resize(width, EMPTY);
                }
                let head = shift(slot.head);
                let Some(own) = mine.get_mut(col as usize) else {
                    continue;
                };
                let old = own.head;
                own.head = head;
                own.seen |= slot.seen;
                if old != NONE {
                    // link the later list's tail to this store's list
                    let mut tail = head;
                    while let Some(next) = self.meta(tail).map(|m| m.next).filter(|&n| n != NONE) {
                        tail = next;
                    }
                    if let Some(m) = self.meta_mut(tail) {
                        m.next = old;
                    }
                }
            }
        }
        self.max_year = match (self.max_year, max_year) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        Ok(())
    }

    /// The interning key of an area (the implicit area's is not a name).
    fn area_key(&self, id: AreaId) -> Option<&str> {
        if self.implicit == Some(id) {
            return None;
        }
        self.areas.names.get(id as usize).map(|n| &**n)
    }

    fn meta_mut(&mut self, i: u32) -> Option<&mut Meta> {
        let i = i as usize;
        self.meta.get_mut(i / CHUNK)?.get_mut(i % CHUNK)
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

    /// Fills `out` with the series of `area`: per indicator, per member,
    /// the points in ascending years.
    pub fn series_of(&self, area: AreaId, out: &mut AreaSeries) {
        out.clear();
        let Some(block) = self.blocks.get(area as usize) else {
            return;
        };
        for (slot, &(indicator, code)) in block.iter().zip(&self.column_keys) {
            if slot.head == NONE {
                continue;
            }
            let from = out.points.len();
            let rolled = self.rolled_up;
            let mut i = slot.head;
            while let Some(m) = self.meta(i) {
                let year = i32::from(m.year);
                match self.rolled.get(i as usize) {
                    Some(r) if !r.coverage.complete => out.withheld.push(Withheld {
                        indicator: indicator as usize,
                        member: code.checked_sub(1),
                        year,
                        rolled: *r,
                    }),
                    _ => {
                        out.points.push((year, self.value(i)));
                        out.decimals.push(m.decimals());
                        if rolled {
                            out.tags.push(i);
                        }
                    }
                }
                i = m.next;
            }
            // lists run from the latest figure added: usually descending years
            let points = out.points.get_mut(from..).unwrap_or_default();
            let decimals = out.decimals.get_mut(from..).unwrap_or_default();
            let tags = out.tags.get_mut(from..).unwrap_or_default();
            if points.is_sorted_by(|a, b| a.0 > b.0) {
                points.reverse();
                decimals.reverse();
                tags.reverse();
            } else {
                let mut all: Vec<(Point, u8, u32)> = points
                    .iter()
                    .zip(decimals.iter())
                    .enumerate()
                    .map(|(k, (&p, &d))| (p, d, tags.get(k).copied().unwrap_or(NONE)))
                    .collect();
                all.sort_unstable_by_key(|p| p.0.0);
                for (k, (p, d, t)) in all.into_iter().enumerate() {
                    if let Some(to) = points.get_mut(k) {
                        *to = p;
                    }
                    if let Some(to) = decimals.get_mut(k) {
                        *to = d;
                    }
                    if let Some(to) = tags.get_mut(k) {
                        *to = t;
                    }
                }
            }
            out.series.push(Series {
                indicator: indicator as usize,
                member: code.checked_sub(1),
                from,
                to: out.points.len(),
            });
        }
        let key = |s: &Series| (s.indicator, s.member.map_or(0, |m| u64::from(m) + 1));
        if !out.series.is_sorted_by_key(key) {
            out.series.sort_unstable_by_key(key);
        }
    }
}

/// One key's series, as ranges into the points of an [`AreaSeries`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Series {
    /// Index into `Resolution::indicators`.
    pub indicator: usize,
    /// The member, for per-member indicators.
    pub member: Option<MemberId>,
    from: usize,
    to: usize,
}

/// The series of one area, in reused buffers: what the calculation reads.
#[derive(Debug, Default, Clone)]
pub struct AreaSeries {
    series: Vec<Series>,
    points: Vec<Point>,
    /// Per point: the decimals its value was written with (0 to 3).
    decimals: Vec<u8>,
    /// Per point of a store of rolled-up figures: the figure's index in
    /// the store; else empty.
    tags: Vec<u32>,
    /// Rolled-up figures withheld as incomplete: in no series.
    withheld: Vec<Withheld>,
}

/// A rolled-up figure withheld because too few areas gave it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Withheld {
    /// Index into `Resolution::indicators`.
    pub indicator: usize,
    /// The member, for per-member indicators.
    pub member: Option<MemberId>,
    /// Its year.
    pub year: i32,
    /// Its coverage.
    pub rolled: Rolled,
}

/// One series as the kernel reads it.
#[derive(Debug, Clone, Copy)]
pub struct Figures<'a> {
    /// The member, for per-member indicators.
    pub member: Option<MemberId>,
    /// The points in ascending years.
    pub points: &'a [Point],
    /// Per point, the decimals its value was written with.
    pub decimals: &'a [u8],
    /// Per point of a rolled-up store, its index in the store.
    pub tags: &'a [u32],
}

impl AreaSeries {
    /// Empties the series, keeping the buffers.
    pub fn clear(&mut self) {
        self.series.clear();
        self.points.clear();
        self.decimals.clear();
        self.tags.clear();
        self.withheld.clear();
    }

    /// The withheld figures of one indicator.
    pub fn withheld(&self, indicator: usize) -> impl Iterator<Item = &Withheld> {
        self.withheld
            .iter()
            .filter(move |w| w.indicator == indicator)
    }

    /// The series of one indicator, by member (ascending member id; the
    /// series without a member first).
    pub fn of(&self, indicator: usize) -> impl Iterator<Item = (Option<MemberId>, &[Point])> {
        self.of_indicator(indicator)
            .map(|s| (s.member, self.points.get(s.from..s.to).unwrap_or_default()))
    }

    /// [`AreaSeries::of`] with each point's decimals as written and, for
    /// rolled-up figures, its index in the store.
    pub fn figures(&self, indicator: usize) -> impl Iterator<Item = Figures<'_>> {
        self.of_indicator(indicator).map(|s| Figures {
            member: s.member,
            points: self.points.get(s.from..s.to).unwrap_or_default(),
            decimals: self.decimals.get(s.from..s.to).unwrap_or_default(),
            tags: self.tags.get(s.from..s.to).unwrap_or_default(),
        })
    }

    fn of_indicator(&self, indicator: usize) -> impl Iterator<Item = &Series> {
        let start = self.series.partition_point(|s| s.indicator < indicator);
        self.series
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(move |s| s.indicator == indicator)
    }

    /// Builds a series by hand (tests, and figures computed elsewhere):
    /// `points` must be in ascending years.
    pub fn push(&mut self, indicator: usize, member: Option<MemberId>, points: &[Point]) {
        let from = self.points.len();
        self.points.extend_from_slice(points);
        self.decimals.resize(self.points.len(), 1);
        self.series.push(Series {
            indicator,
            member,
            from,
            to: self.points.len(),
        });
        self.series
            .sort_by_key(|s| (s.indicator, s.member.map_or(0, |m| u64::from(m) + 1)));
    }

    /// The latest year of any point.
    pub fn max_year(&self) -> Option<i32> {
        self.points.iter().map(|p| p.0).max()
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

    #[test]
    fn series_come_back_per_indicator_and_member_in_year_order() {
        let mut s = Store::new(2017);
        let a = s.area("A").unwrap();
        let m = s.member("x").unwrap();
        s.add(a, 2, None, 2024, (3.0, 0), at(2)).unwrap();
        s.add(a, 1, Some(m), 2023, (5.0, 0), at(3)).unwrap();
        s.add(a, 2, None, 2022, (1.0, 0), at(4)).unwrap();
        let mut out = AreaSeries::default();
        s.series_of(a, &mut out);
        let two: Vec<_> = out.of(2).collect();
        assert_eq!(two, vec![(None, &[(2022, 1.0), (2024, 3.0)][..])]);
        let one: Vec<_> = out.of(1).collect();
        assert_eq!(one, vec![(Some(m), &[(2023, 5.0)][..])]);
        assert_eq!(out.of(0).count(), 0);
    }
}
