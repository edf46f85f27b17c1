//! Many areas at once: a streaming per-area aggregation for `report --by area`.
//!
//! Rows are pushed one at a time and never stored. Area, indicator and member
//! strings are interned into small integer ids; per (area, indicator, member)
//! only the latest (year, value) at or before the as-of year is kept, plus a
//! bitmask of the years seen (to detect duplicates without keeping rows).
//! Memory therefore grows with the number of distinct keys, not with rows.
//! The rules are those of [`crate::calc::assess`]; `assess.rs` applies them
//! per area. No I/O here: `read.rs` is the CSV front end.

mod assess;
mod check;
mod columns;
mod hash;
mod intern;
mod lines;
pub mod read;
mod row;

pub use assess::{AreaAssessment, AreaRow, PillarCounts, Selection};

use hash::{FxMap, FxSet};
use intern::Interner;

use crate::targets::Resolution;

/// Most indicators a resolution may have on this path (ids use 12 bits).
pub const MAX_INDICATORS: usize = 1 << 12;
/// Most distinct breakdown members (ids use 20 bits, 0 meaning "none").
pub const MAX_MEMBERS: usize = (1 << 20) - 2;
/// The years a key's bitmask covers; years outside go to a small side set.
const YEAR_SPAN: i64 = 64;
/// No figure yet.
const NO_YEAR: i32 = i32::MIN;

/// What is kept per (area, indicator, member).
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// Bit `y - base_year` is set once year `y` was seen.
    seen: u64,
    /// Year of the latest figure at or before the as-of year, or [`NO_YEAR`].
    year: i32,
    /// That figure.
    value: f64,
}

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
#[derive(Debug)]
pub struct AreaAggregator<'r> {
    resolution: &'r Resolution,
    as_of: Option<i32>,
    areas: Interner,
    members: Interner,
    /// Packed key (area, member, indicator) -> index into `slots`.
    index: FxMap<u64, u32>,
    slots: Vec<Slot>,
    /// Set by the first row: the year of bit 0 in every slot's mask.
    base_year: Option<i64>,
    /// (slot, year) seen for years outside the mask's span.
    far_years: FxSet<(u32, i32)>,
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
            index: FxMap::default(),
            slots: Vec::new(),
            base_year: None,
            far_years: FxSet::default(),
            max_year: None,
        })
    }

    /// The resolution rows are checked against.
    pub fn resolution(&self) -> &'r Resolution {
        self.resolution
    }

    /// The id of an area name, interning it; `None` past `u32::MAX` areas.
    pub fn area_id(&mut self, area: &str) -> Option<u32> {
        self.areas.intern(area)
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

    /// Adds one figure by names. Errors name a duplicate, or an area or
    /// member beyond the id space (as a duplicate-free message).
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

    /// Adds one figure by interned ids (the reader's fast path).
    pub fn push_ids(
        &mut self,
        area: u32,
        indicator: usize,
        year: i32,
        member: Option<u32>,
        value: f64,
        line: u64,
    ) -> Result<(), DuplicateInfo> {
        let key = RowKey {
            area,
            indicator,
            year,
            member,
        };
        let code = member.map_or(0, |m| u64::from(m) + 1);
        let packed = (u64::from(area) << 32) | (code << 12) | (indicator as u64 & 0xfff);
        let next = self.slots.len() as u32;
        let slot = *self.index.entry(packed).or_insert(next);
        if slot == next {
            self.slots.push(Slot {
                seen: 0,
                year: NO_YEAR,
                value: 0.0,
            });
        }
        if self.seen_before(slot, year) {
            return Err(DuplicateInfo { key, line });
        }
        self.max_year = Some(self.max_year.map_or(year, |m| m.max(year)));
        let as_of = self.as_of;
        if let Some(s) = self.slots.get_mut(slot as usize)
            && as_of.is_none_or(|a| year <= a)
            && year > s.year
        {
            s.year = year;
            s.value = value;
        }
        Ok(())
    }

    /// Marks `year` as seen for `slot`; true when it already was.
    fn seen_before(&mut self, slot: u32, year: i32) -> bool {
        let base = *self
            .base_year
            .get_or_insert(i64::from(year) - YEAR_SPAN / 2);
        let offset = i64::from(year) - base;
        match self.slots.get_mut(slot as usize) {
            Some(s) if (0..YEAR_SPAN).contains(&offset) => {
                let bit = 1u64 << offset;
                let dup = s.seen & bit != 0;
                s.seen |= bit;
                dup
            }
            _ => !self.far_years.insert((slot, year)),
        }
    }

    /// Number of areas seen so far.
    pub fn areas(&self) -> usize {
        self.areas.len()
    }
}

/// Why a row could not be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushError {
    /// The key was already given.
    Duplicate(DuplicateInfo),
    /// More distinct values of this kind than ids allow.
    TooMany(&'static str),
}
