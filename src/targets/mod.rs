//! The resolution model: pillars, indicators and their targets per year.
//!
//! Loading and checking a targets file lives in `parse.rs`; this file holds only
//! the data types and the small questions one can ask of them.

mod check;
mod parse;
mod raw;

pub use parse::{BUILTIN, load, parse};

use rustc_hash::FxHashMap;

use crate::lang::Lang;
use crate::msg::Notice;
use crate::names::nfc;
use crate::say;

/// A resolution: its metadata, its pillars and every indicator with targets.
#[derive(Debug, Clone)]
pub struct Resolution {
    /// Title, issuer, adoption date and source.
    pub meta: Meta,
    /// Pillars in file order (e.g. government, economy, society, overall).
    pub pillars: Vec<Pillar>,
    /// Indicators in file order.
    pub indicators: Vec<Indicator>,
    /// Warnings about the targets file that do not stop a run (a share's
    /// target above 100 %), in file order; the command prints them on
    /// stderr. Empty from [`Resolution::new`]; `parse` fills it.
    pub warnings: Vec<Notice>,
    index: Index,
}

/// Look-ups by id, built once: a report's time is linear in the number of
/// indicators.
#[derive(Debug, Clone, Default)]
struct Index {
    by_id: FxHashMap<String, usize>,
    /// Per indicator: its pillar's index.
    pillar_of: Vec<Option<usize>>,
    /// Per indicator: its item's index (items in order of first sight).
    item_of: Vec<usize>,
    items: usize,
}

/// Resolution metadata.
#[derive(Debug, Clone)]
pub struct Meta {
    /// Short machine id, e.g. `binh-thuan-dt-2022`.
    pub id: String,
    /// Title in Vietnamese.
    pub title_vi: String,
    /// Title in English.
    pub title_en: String,
    /// Issuing body in Vietnamese.
    pub issuer_vi: String,
    /// Issuing body in English.
    pub issuer_en: String,
    /// Adoption date as written (`YYYY-MM-DD`).
    pub adopted: String,
    /// The year part of `adopted`.
    pub adoption_year: i32,
    /// Where the text was taken from.
    pub source: String,
}

/// A pillar (group of indicators).
#[derive(Debug, Clone)]
pub struct Pillar {
    /// Id used by indicators and `--pillar`, in NFC.
    pub id: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
}

/// The unit an indicator is measured in; it fixes the natural range of values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A share, 0 to 100.
    Percent,
    /// A rate per year in %, any sign (e.g. productivity growth).
    PercentPerYear,
    /// A rank, a whole number >= 1; lower is better.
    Rank,
    /// Any finite number.
    Number,
}

/// How the actual must compare with the target value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// `>=`: reach at least ("đạt", "tối thiểu").
    AtLeast,
    /// `>`: strictly above ("trên").
    Above,
    /// `<=`: at most (ranks: "nhóm N dẫn đầu").
    AtMost,
    /// `<`: strictly below.
    Below,
}

/// One target: a comparison and a value for one target year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    /// The year the target is due.
    pub year: i32,
    /// How the actual is compared with `value`.
    pub comparison: Comparison,
    /// The target value in the indicator's unit.
    pub value: f64,
}

/// An indicator of the resolution.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// Id used in data files, e.g. `gov.dossiers_online.province`, in NFC
    /// (the form the data reader gives).
    pub id: String,
    /// Id of the pillar it belongs to, in NFC.
    pub pillar: String,
    /// The resolution item it belongs to (several indicators may share one);
    /// defaults to the indicator id.
    pub item: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Unit of values and targets.
    pub unit: Unit,
    /// Vietnamese note (e.g. "trừ hồ sơ mật").
    pub note_vi: Option<String>,
    /// English note.
    pub note_en: Option<String>,
    /// When the target applies to each member of a group: the group's name
    /// in Vietnamese and English (e.g. "sector/field").
    pub each: Option<(String, String)>,
    /// Members the target applies to each of, when the resolution lists
    /// them; in NFC.
    pub members: Vec<String>,
    /// The members' Vietnamese labels, one per member in the same order
    /// (`members_vi`), or empty; data files may name a member either way.
    pub members_vi: Vec<String>,
    /// How figures of several areas combine into one (`aggregate`); `None`
    /// when the file does not say, and then the indicator is not rolled up.
    pub aggregate: Option<Aggregate>,
    /// Targets sorted by year.
    pub targets: Vec<Target>,
    /// The baseline the resolution states, if any (`baseline = { year, value }`);
    /// otherwise progress takes it from the data (see `progress::baseline`).
    pub baseline: Option<Baseline>,
}

/// How an indicator's figures for several areas combine into the figure of
/// the area that holds them (a roll-up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// The sum of the numerators over the sum of the denominators.
    Ratio,
    /// The mean of the values, each weighted as [`Weight`] says.
    Weighted(Weight),
    /// The sum of the values.
    Sum,
    /// Never combined (ranks, and anything else that cannot be).
    None,
}

/// What weighs each area's value in a weighted mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// The row's `denominator`.
    Denominator,
    /// The row's `weight` column.
    Column,
    /// This indicator's figure for the same area and year.
    Indicator(usize),
}

impl Aggregate {
    /// The rule as written in targets files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Aggregate::Ratio => "ratio",
            Aggregate::Weighted(_) => "weighted",
            Aggregate::Sum => "sum",
            Aggregate::None => "none",
        }
    }
}

/// A baseline stated in the targets file: the value in a year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Baseline {
    /// The baseline year.
    pub year: i32,
    /// The value in that year, in the indicator's unit.
    pub value: f64,
}

impl Comparison {
    /// The operator as written in targets files and JSON.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => ">=",
            Comparison::Above => ">",
            Comparison::AtMost => "<=",
            Comparison::Below => "<",
        }
    }

    /// Parses `>=`, `>`, `<=` or `<`.
    pub fn from_symbol(s: &str) -> Option<Self> {
        match s {
            ">=" => Some(Comparison::AtLeast),
            ">" => Some(Comparison::Above),
            "<=" => Some(Comparison::AtMost),
            "<" => Some(Comparison::Below),
            _ => None,
        }
    }

    /// True when a larger actual is better.
    pub fn higher_is_better(self) -> bool {
        matches!(self, Comparison::AtLeast | Comparison::Above)
    }

    /// True when the comparison is strict (`>` or `<`).
    pub fn is_strict(self) -> bool {
        matches!(self, Comparison::Above | Comparison::Below)
    }

    /// Whether `actual` satisfies the comparison against `target`.
    pub fn holds(self, actual: f64, target: f64) -> bool {
        match self {
            Comparison::AtLeast => actual >= target,
            Comparison::Above => actual > target,
            Comparison::AtMost => actual <= target,
            Comparison::Below => actual < target,
        }
    }
}

impl Unit {
    /// The unit as written in targets files and JSON.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Percent => "%",
            Unit::PercentPerYear => "%/year",
            Unit::Rank => "rank",
            Unit::Number => "number",
        }
    }

    /// Parses a unit as written in a targets file.
    pub fn from_symbol(s: &str) -> Option<Self> {
        match s {
            "%" => Some(Unit::Percent),
            "%/year" => Some(Unit::PercentPerYear),
            "rank" => Some(Unit::Rank),
            "number" => Some(Unit::Number),
            _ => None,
        }
    }
}

impl Resolution {
    /// A resolution of these pillars and indicators, with its look-ups.
    pub fn new(meta: Meta, pillars: Vec<Pillar>, indicators: Vec<Indicator>) -> Resolution {
        let mut by_id = FxHashMap::default();
        for (i, ind) in indicators.iter().enumerate() {
            by_id.entry(ind.id.clone()).or_insert(i);
        }
        let pillar_ids: FxHashMap<&str, usize> = pillars
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let pillar_of = indicators
            .iter()
            .map(|ind| pillar_ids.get(ind.pillar.as_str()).copied())
            .collect();
        let mut items: FxHashMap<&str, usize> = FxHashMap::default();
        let item_of = indicators
            .iter()
            .map(|ind| {
                let next = items.len();
                *items.entry(ind.item.as_str()).or_insert(next)
            })
            .collect();
        let index = Index {
            by_id,
            pillar_of,
            item_of,
            items: items.len(),
        };
        Resolution {
            meta,
            pillars,
            indicators,
            warnings: Vec::new(),
            index,
        }
    }

    /// The indicator with this id, if any.
    pub fn indicator(&self, id: &str) -> Option<usize> {
        self.index.by_id.get(id).copied()
    }

    /// The pillar with this id (in any Unicode form), if any.
    pub fn pillar(&self, id: &str) -> Option<&Pillar> {
        self.pillar_index(id).and_then(|i| self.pillars.get(i))
    }

    /// The index of the pillar with this id (in any Unicode form), if any.
    pub fn pillar_index(&self, id: &str) -> Option<usize> {
        let id = nfc(id);
        self.pillars.iter().position(|p| p.id == id)
    }

    /// The index of an indicator's pillar.
    pub fn pillar_of(&self, indicator: usize) -> Option<usize> {
        self.index.pillar_of.get(indicator).copied().flatten()
    }

    /// The index of an indicator's resolution item (indicators may share one).
    pub fn item_of(&self, indicator: usize) -> usize {
        self.index
            .item_of
            .get(indicator)
            .copied()
            .unwrap_or_default()
    }

    /// Number of resolution items.
    pub fn item_count(&self) -> usize {
        self.index.items
    }

    /// Every target year any indicator has, ascending.
    pub fn target_years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .indicators
            .iter()
            .flat_map(|i| i.targets.iter().map(|t| t.year))
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// Title in the given language.
    pub fn title(&self, lang: Lang) -> &str {
        say!(lang, en: &self.meta.title_en, vi: &self.meta.title_vi)
    }
}

impl Pillar {
    /// Name in the given language.
    pub fn name(&self, lang: Lang) -> &str {
        say!(lang, en: &self.name_en, vi: &self.name_vi)
    }
}

impl Indicator {
    /// The value a numerator and denominator give in this indicator's
    /// unit: 100 x numerator / denominator for a share or a rate in %, the
    /// plain ratio otherwise, to 9 decimals. The denominator is above 0.
    pub fn from_parts(&self, numerator: f64, denominator: f64) -> f64 {
        let scale = match self.unit {
            Unit::Percent | Unit::PercentPerYear => 100.0,
            Unit::Rank | Unit::Number => 1.0,
        };
        crate::number::clean(scale * numerator / denominator)
    }

    /// Name in the given language.
    pub fn name(&self, lang: Lang) -> &str {
        say!(lang, en: &self.name_en, vi: &self.name_vi)
    }

    /// Note in the given language, if any.
    pub fn note(&self, lang: Lang) -> Option<&str> {
        say!(lang,
            en: self.note_en.as_deref().or(self.note_vi.as_deref()),
            vi: self.note_vi.as_deref().or(self.note_en.as_deref()),
        )
    }

    /// The target due in `year`, if the resolution states one.
    pub fn target_for(&self, year: i32) -> Option<&Target> {
        self.targets.iter().find(|t| t.year == year)
    }

    /// True when the target applies to each member of a group (rows carry a
    /// `breakdown`).
    pub fn is_each(&self) -> bool {
        self.each.is_some()
    }
}
