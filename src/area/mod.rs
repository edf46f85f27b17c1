//! Many areas at once: a streaming per-area aggregation for `report --by area`.
//!
//! Rows are pushed one at a time and never stored. Area, indicator and member
//! strings are interned into small integer ids; per (area, indicator, member)
//! only the latest (year, value) at or before the as-of year is kept, plus a
//! bitmask of the years seen (to detect duplicates without keeping rows):
//! 24 bytes per key.
//! Memory therefore grows with the number of distinct keys, not with rows.
//! The rules are those of [`crate::calc::assess`]; `assess.rs` applies them
//! per area. No I/O here: `read.rs` is the front end.

mod assess;
mod columns;
mod hash;
mod intern;
mod lines;
mod number;
mod quoting;
pub mod read;
mod row;
mod split;
mod stream;

pub use assess::{AreaAssessment, AreaRow, PillarCounts, Selection};

use hash::{FxMap, FxSet};
use intern::Interner;

use crate::targets::Resolution;

/// Most indicators a resolution may have on this path.
pub const MAX_INDICATORS: usize = 1 << 12;
/// Most distinct breakdown members.
pub const MAX_MEMBERS: usize = (1 << 20) - 2;
/// The first year of every key's bitmask; years from `BASE_YEAR` to
/// `BASE_YEAR + 63` are checked for duplicates in the mask, others in a
/// small side set. Fixed, so that aggregations can be merged.
const BASE_YEAR: i64 = 1980;
/// The years a key's bitmask covers.
const YEAR_SPAN: i64 = 64;
/// No figure yet.
const NO_YEAR: i32 = i32::MIN;

/// What is kept per (area, indicator, member).
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// Bit `y - BASE_YEAR` is set once year `y` was seen.
    seen: u64,
    /// Year of the latest figure at or before the as-of year, or [`NO_YEAR`].
    year: i32,
    /// That figure.
    value: f64,
}

const EMPTY: Slot = Slot {
    seen: 0,
    year: NO_YEAR,
    value: 0.0,
};

/// The identity of a row: what may appear only once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RowKey {
    /// Interned area id ([`AreaAggregator::area_name`]).
    pub area: u32,
    /// Index into [`Resolution::indicators`].
    pub indicator: usize,
    /// The year of the figure.
    pub year: i32,
    /// Interned member id ([`AreaAggregator::member_name`]), if any.
    pub member: Option<u32>,
}

/// A row whose key was already pushed; the first place is not kept (the
/// reader finds it with a second pass when it needs it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DuplicateInfo {
    /// The repeated key.
    pub key: RowKey,
    /// The line given with the second row.
    pub line: u64,
}

/// Streaming per-area aggregation of observations.
///
/// Storage: every distinct (indicator, member) pair seen is a *column*;
/// each area has a dense block of slots, one per column, so a row costs one
/// look-up in a small table of columns and one indexed write.
#[derive(Debug)]
pub struct AreaAggregator<'r> {
    resolution: &'r Resolution,
    as_of: Option<i32>,
    areas: Interner,
    members: Interner,
    /// (indicator, member code) packed -> column.
    columns: FxMap<u64, u32>,
    /// Column -> (indicator, member code; 0 = no member).
    column_keys: Vec<(usize, u32)>,
    /// The last (indicator, member code) and its column.
    last_column: Option<(usize, u32, u32)>,
    /// Per area: one slot per column (shorter when later columns are unseen).
    blocks: Vec<Vec<Slot>>,
    /// (area, column, year) seen for years outside the mask's span.
    far_years: FxSet<(u32, u32, i32)>,
    /// The latest year of any row.
    max_year: Option<i32>,
}

impl<'r> AreaAggregator<'r> {
    /// An empty aggregation; `as_of` = `None` means the latest year in the data.
    ///
    /// Fails when the resolution has more than [`MAX_INDICATORS`] indicators.
    pub fn new(resolution: &'r Resolution, as_of: Option<i32>) -> Result<Self, String> {
        if resolution.indicators.len() > MAX_INDICATORS {
            return Err(format!(
                "the resolution has {} indicators; --by area handles at most {MAX_INDICATORS}",
                resolution.indicators.len()
            ));
        }
        let mut members = Interner::default();
        // declared members first, so the calculation can find them by id
        for ind in &resolution.indicators {
            for m in &ind.members {
                members.intern(m);
            }
        }
        Ok(AreaAggregator {
            resolution,
            as_of,
            areas: Interner::default(),
            members,
            columns: FxMap::default(),
            column_keys: Vec::new(),
            last_column: None,
            blocks: Vec::new(),
            far_years: FxSet::default(),
            max_year: None,
        })
    }

    /// Forgets every figure (the reader starts again).
    pub fn reset(&mut self) {
        if let Ok(fresh) = AreaAggregator::new(self.resolution, self.as_of) {
            *self = fresh;
        }
    }

    /// The resolution rows are checked against.
    pub fn resolution(&self) -> &'r Resolution {
        self.resolution
    }

    /// The id of an area name, interning it; `None` past `u32::MAX` areas.
    pub fn area_id(&mut self, area: &str) -> Option<u32> {
        let id = self.areas.intern(area)?;
        if id as usize == self.blocks.len() {
            self.blocks.push(Vec::new());
        }
        Some(id)
    }

    /// The id of a member name, interning it; `None` past [`MAX_MEMBERS`].
    pub fn member_id(&mut self, member: &str) -> Option<u32> {
        if let Some(id) = self.members.get(member) {
            return Some(id);
        }
        if self.members.len() >= MAX_MEMBERS {
            return None;
        }
        self.members.intern(member)
    }

    /// The name of an interned area.
    pub fn area_name(&self, id: u32) -> &str {
        self.areas.name(id)
    }

    /// The name of an interned member.
    pub fn member_name(&self, id: u32) -> &str {
        self.members.name(id)
    }

    /// Adds one figure by names.
    pub fn push(
        &mut self,
        area: &str,
        indicator: usize,
        year: i32,
        member: Option<&str>,
        value: f64,
        line: u64,
    ) -> Result<(), PushError> {
        let area = self.area_id(area).ok_or(PushError::TooMany("areas"))?;
        let member = match member {
            Some(m) => Some(
                self.member_id(m)
                    .ok_or(PushError::TooMany("breakdown values"))?,
            ),
            None => None,
        };
        self.push_ids(area, indicator, year, member, value, line)
            .map_err(PushError::Duplicate)
    }

    /// Adds one figure by interned ids (the reader's fast path). `area`
    /// must come from [`AreaAggregator::area_id`].
    pub fn push_ids(
        &mut self,
        area: u32,
        indicator: usize,
        year: i32,
        member: Option<u32>,
        value: f64,
        line: u64,
    ) -> Result<(), DuplicateInfo> {
        let code = member.map_or(0, |m| m + 1);
        let col = self.column(indicator, code);
        let (as_of, width) = (self.as_of, self.column_keys.len());
        let offset = i64::from(year) - BASE_YEAR;
        let dup = match self.blocks.get_mut(area as usize) {
            Some(block) => {
                if block.len() <= col as usize {
                    block.reserve_exact(width - block.len());
                    block.resize(width, EMPTY);
                }
                match block.get_mut(col as usize) {
                    Some(s) => {
                        let dup = if (0..YEAR_SPAN).contains(&offset) {
                            let bit = 1u64 << offset;
                            let dup = s.seen & bit != 0;
                            s.seen |= bit;
                            dup
                        } else {
                            !self.far_years.insert((area, col, year))
                        };
                        if !dup && as_of.is_none_or(|a| year <= a) && year > s.year {
                            s.year = year;
                            s.value = value;
                        }
                        dup
                    }
                    None => false,
                }
            }
            None => false,
        };
        if dup {
            let key = RowKey {
                area,
                indicator,
                year,
                member,
            };
            return Err(DuplicateInfo { key, line });
        }
        self.max_year = Some(self.max_year.map_or(year, |m| m.max(year)));
        Ok(())
    }

    /// The column of (indicator, member code), adding it when new.
    fn column(&mut self, indicator: usize, code: u32) -> u32 {
        if let Some((i, c, col)) = self.last_column
            && i == indicator
            && c == code
        {
            return col;
        }
        let packed = ((indicator as u64) << 32) | u64::from(code);
        let next = self.column_keys.len() as u32;
        let col = *self.columns.entry(packed).or_insert(next);
        if col == next {
            self.column_keys.push((indicator, code));
        }
        self.last_column = Some((indicator, code, col));
        col
    }

    /// Number of areas seen so far.
    pub fn areas(&self) -> usize {
        self.areas.len()
    }

    /// An empty aggregation with the same resolution and as-of year.
    pub fn fresh(&self) -> Result<Self, String> {
        AreaAggregator::new(self.resolution, self.as_of)
    }

    /// Adds `later`, the aggregation of the rows that follow this one's in
    /// the file, as if its rows had been pushed here: names are interned in
    /// `later`'s order (so ids come out as one pass gives them), slots are
    /// joined by their year masks. `Err(Overlap)` when a key and year occur
    /// in both (a duplicate across the parts), or when the ids run out:
    /// `self` is then half-merged and must be reset; one pass over the
    /// file gives the exact problems. `later`'s blocks may be moved out.
    pub fn merge(&mut self, later: &mut AreaAggregator) -> Result<(), Overlap> {
        let areas: Vec<u32> = (0..later.areas.len() as u32)
            .map(|id| self.area_id(later.areas.name(id)))
            .collect::<Option<_>>()
            .ok_or(Overlap)?;
        let members: Vec<u32> = (0..later.members.len() as u32)
            .map(|id| self.member_id(later.members.name(id)))
            .collect::<Option<_>>()
            .ok_or(Overlap)?;
        let columns: Vec<u32> = later
            .column_keys
            .iter()
            .map(|&(indicator, code)| {
                let code = match code.checked_sub(1) {
                    Some(m) => members.get(m as usize).map(|&id| id + 1).ok_or(Overlap)?,
                    None => 0,
                };
                Ok(self.column(indicator, code))
            })
            .collect::<Result<_, Overlap>>()?;
        self.last_column = None;
        let width = self.column_keys.len();
        // an area only the later part has (the usual case) takes its block,
        // its slots moved to this side's columns in place: no new memory
        let mut scratch: Vec<Slot> = Vec::new();
        for (block, &area) in later.blocks.iter_mut().zip(&areas) {
            let mine = self.blocks.get_mut(area as usize).ok_or(Overlap)?;
            if mine.is_empty() {
                scratch.clear();
                scratch.append(block);
                block.resize(width, EMPTY);
                for (slot, &col) in scratch.iter().zip(&columns) {
                    *block.get_mut(col as usize).ok_or(Overlap)? = *slot;
                }
                *mine = std::mem::take(block);
                continue;
            }
            for (slot, &col) in block.iter().zip(&columns) {
                if slot.seen == 0 && slot.year == NO_YEAR {
                    continue;
                }
                if mine.len() <= col as usize {
                    mine.reserve_exact(width - mine.len());
                    mine.resize(width, EMPTY);
                }
                let s = mine.get_mut(col as usize).ok_or(Overlap)?;
                if s.seen & slot.seen != 0 {
                    return Err(Overlap);
                }
                s.seen |= slot.seen;
                if slot.year > s.year {
                    s.year = slot.year;
                    s.value = slot.value;
                }
            }
        }
        for &(area, col, year) in &later.far_years {
            let area = areas.get(area as usize).ok_or(Overlap)?;
            let col = columns.get(col as usize).ok_or(Overlap)?;
            if !self.far_years.insert((*area, *col, year)) {
                return Err(Overlap);
            }
        }
        self.max_year = match (self.max_year, later.max_year) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        Ok(())
    }
}

/// A key and year given in both parts of a split file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlap;

/// Why a row could not be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushError {
    /// The key was already given.
    Duplicate(DuplicateInfo),
    /// More distinct values of this kind than ids allow.
    TooMany(&'static str),
}
