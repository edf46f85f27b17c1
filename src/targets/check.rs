//! The checks of a targets file, batch by batch (`raw.rs`): every problem
//! with its TOML line, column and key, all collected before the load
//! fails; ids, pillars and members kept in NFC; doubtful but possible
//! values (a share's target above 100 %) as warnings.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashSet;
use toml::Spanned;

use super::raw::{RawBaseline, RawFile, RawIndicator, RawMeta, RawMore, RawPillar};
use super::{
    Aggregate, Baseline, Comparison, Indicator, Meta, Pillar, Resolution, Target, Unit, Weight,
};
use crate::diagnostic::{Diagnostic, Lines};
use crate::msg::{Notice, Problem};
use crate::names::nfc;

/// The longest pillar id, indicator id or member name accepted, in characters.
pub const MAX_ID_CHARS: usize = 200;

/// A targets file being checked.
pub struct Checker<'a> {
    text: &'a str,
    /// Built at the first problem: most files have none.
    lines: OnceCell<Lines<'a>>,
    file: Arc<str>,
    /// Where the batch being checked starts in `text`.
    offset: usize,
    /// The adoption year, once `adopted` is read (none when it is no date).
    adoption: Option<i32>,
    meta: Option<Meta>,
    pillars: Vec<Pillar>,
    /// Pillar ids that indicators may name, and the list for messages.
    pillar_ids: FxHashSet<String>,
    known: String,
    seen: SeenIds,
    indicators: Vec<Indicator>,
    /// Weights naming an indicator: (indicator, the id, its place), resolved
    /// once every id is known.
    weights: Vec<(usize, String, usize)>,
    problems: Vec<Diagnostic>,
    warnings: Vec<Notice>,
}

impl<'a> Checker<'a> {
    /// A checker of `text`, named `file` in messages.
    pub fn new(text: &'a str, file: &str) -> Self {
        Checker {
            text,
            lines: OnceCell::new(),
            file: Arc::from(file),
            offset: 0,
            adoption: None,
            meta: None,
            pillars: Vec::new(),
            pillar_ids: FxHashSet::default(),
            known: String::new(),
            seen: SeenIds::default(),
            indicators: Vec::new(),
            weights: Vec::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Line and column of byte `offset` of the whole text.
    pub fn line_col(&self, offset: usize) -> (u64, u64) {
        self.lines
            .get_or_init(|| Lines::new(self.text))
            .place(offset)
    }

    /// The first batch, which starts the file.
    pub fn first(&mut self, raw: RawFile) {
        self.offset = 0;
        self.meta = Some(self.meta(raw.resolution));
        self.pillars(raw.pillar);
        self.indicators(raw.indicator);
    }

    /// A later batch, starting at byte `offset`.
    pub fn more(&mut self, raw: RawMore, offset: usize) {
        self.offset = offset;
        self.indicators(raw.indicator);
    }

    /// The resolution, or every problem found.
    pub fn finish(mut self) -> Result<Resolution, Vec<Diagnostic>> {
        for (i, id, at) in std::mem::take(&mut self.weights) {
            let found = self
                .indicators
                .iter()
                .position(|ind| ind.id == id)
                .filter(|&w| w != i);
            match (found, self.indicators.get_mut(i)) {
                (Some(w), Some(ind)) => {
                    ind.aggregate = Some(Aggregate::Weighted(Weight::Indicator(w)));
                }
                _ => self.problem_at(at, "weight", Problem::UnknownWeight { weight: id }),
            }
        }
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        let Some(meta) = self.meta else {
            return Err(self.problems);
        };
        let mut resolution = Resolution::new(meta, self.pillars, self.indicators);
        resolution.warnings = self.warnings;
        Ok(resolution)
    }

    fn problem<T>(&mut self, at: &Spanned<T>, key: &str, problem: Problem) {
        self.problem_at(self.offset + at.span().start, key, problem);
    }

    fn problem_at(&mut self, offset: usize, key: &str, problem: Problem) {
        let (line, col) = self.line_col(offset);
        let d = Diagnostic::at(&self.file, line, col, problem).in_field(Some(&Arc::from(key)));
        self.problems.push(d);
    }

    /// `file:line:column` of a value, for a warning.
    fn place<T>(&self, at: &Spanned<T>) -> String {
        let (line, col) = self.line_col(self.offset + at.span().start);
        format!("{}:{line}:{col}", self.file)
    }

    /// Ids are typed into data files and shown whole in table columns, so
    /// they are kept short (a 65 535-character id once overflowed a column
    /// width in the table renderer). Gives the NFC form.
    fn check_len(&mut self, id: &Spanned<String>, key: &str) -> String {
        let id_nfc = nfc(id.get_ref()).into_owned();
        let n = id_nfc.chars().count();
        if n > MAX_ID_CHARS {
            let problem = Problem::IdTooLong {
                chars: n,
                max: MAX_ID_CHARS,
            };
            self.problem(id, key, problem);
        }
        id_nfc
    }

    /// A pillar or indicator id must be written as it is typed in data
    /// files: not empty, no blanks around it. Gives the NFC form, or `None`
    /// for an empty id (which then takes part in no duplicate check).
    fn check_id(&mut self, id: &Spanned<String>) -> Option<String> {
        let raw = id.get_ref();
        if raw.trim().is_empty() {
            self.problem(id, "id", Problem::EmptyId);
            return None;
        }
        if raw.trim() != raw {
            self.problem(id, "id", Problem::IdBlanks { id: raw.clone() });
        }
        Some(self.check_len(id, "id"))
    }

    fn pillars(&mut self, raw: Vec<RawPillar>) {
        let mut seen = FxHashSet::default();
        for p in raw {
            let id = self.check_id(&p.id);
            if let Some(id) = &id
                && !seen.insert(id.clone())
            {
                let problem = Problem::DuplicatePillar { id: id.clone() };
                self.problem(&p.id, "id", problem);
            }
            self.pillars.push(Pillar {
                id: id.unwrap_or_else(|| p.id.into_inner()),
                name_vi: p.name_vi,
                name_en: p.name_en,
            });
        }
        let mut known = Vec::new();
        for p in &self.pillars {
            if !p.id.is_empty() && self.pillar_ids.insert(p.id.clone()) {
                known.push(p.id.as_str());
            }
        }
        self.known = known.join(", ");
    }

    fn indicators(&mut self, raw: Vec<RawIndicator>) {
        self.indicators.reserve(raw.len());
        for raw in raw {
            let id = self.check_id(&raw.id);
            if let Some(problem) = id
                .as_ref()
                .and_then(|id| self.seen.duplicate(raw.id.get_ref(), id))
            {
                self.problem(&raw.id, "id", problem);
            }
            let pillar = nfc(raw.pillar.get_ref()).into_owned();
            if !self.pillar_ids.contains(pillar.as_str()) {
                let problem = Problem::UnknownPillar {
                    pillar: raw.pillar.get_ref().clone(),
                    known: self.known.clone(),
                };
                self.problem(&raw.pillar, "pillar", problem);
            }
            let id = id.unwrap_or_else(|| raw.id.get_ref().clone());
            let indicator = self.indicator(raw, id, pillar);
            self.indicators.push(indicator);
        }
    }

    fn meta(&mut self, raw: RawMeta) -> Meta {
        let adoption_year = parse_date_year(raw.adopted.get_ref());
        if adoption_year.is_none() {
            let adopted = raw.adopted.get_ref().clone();
            self.problem(&raw.adopted, "adopted", Problem::NotADate { adopted });
        }
        self.adoption = adoption_year;
        Meta {
            id: raw.id,
            title_vi: raw.title_vi,
            title_en: raw.title_en,
            issuer_vi: raw.issuer_vi,
            issuer_en: raw.issuer_en,
            adopted: raw.adopted.into_inner(),
            adoption_year: adoption_year.unwrap_or(0),
            source: raw.source,
        }
    }

    /// The rest of an indicator; `id` and `pillar` are checked, in NFC.
    fn indicator(&mut self, raw: RawIndicator, id: String, pillar: String) -> Indicator {
        for name in [&raw.name_vi, &raw.name_en] {
            if name.get_ref().trim().is_empty() {
                self.problem(name, "name", Problem::EmptyName);
            }
        }
        let unit = Unit::from_symbol(raw.unit.get_ref()).unwrap_or_else(|| {
            let unit = raw.unit.get_ref().clone();
            self.problem(&raw.unit, "unit", Problem::UnknownUnit { unit });
            Unit::Number
        });
        let aggregate = self.aggregate(&raw, unit);
        let each = match (raw.each_vi, raw.each_en) {
            (None, None) => None,
            (vi, en) => {
                let vi = vi.or_else(|| en.clone()).unwrap_or_default();
                let en = en.unwrap_or_else(|| vi.clone());
                Some((vi, en))
            }
        };
        if let (None, Some(first)) = (&each, raw.members.first()) {
            self.problem(first, "members", Problem::MembersWithoutEach);
        }
        let members = self.members(&raw.members);
        let members_vi = match &raw.members_vi {
            None => Vec::new(),
            Some(labels) if labels.get_ref().len() == members.len() => labels
                .get_ref()
                .iter()
                .map(|l| nfc(l).into_owned())
                .collect(),
            Some(labels) => {
                let problem = Problem::MemberLabels {
                    labels: labels.get_ref().len(),
                    members: members.len(),
                };
                self.problem(labels, "members_vi", problem);
                Vec::new()
            }
        };
        let targets = self.targets(&raw.targets, unit, &id);
        let baseline = raw.baseline.as_ref().and_then(|b| self.baseline(b));
        let item = match raw.item {
            Some(item) if !item.is_empty() => item,
            _ => id.clone(),
        };
        Indicator {
            id,
            pillar,
            item,
            name_vi: raw.name_vi.into_inner(),
            name_en: raw.name_en.into_inner(),
            unit,
            note_vi: raw.note_vi,
            note_en: raw.note_en,
            each,
            members,
            members_vi,
            aggregate,
            targets,
            baseline,
        }
    }

    fn members(&mut self, raw: &[Spanned<String>]) -> Vec<String> {
        let mut seen = FxHashSet::default();
        let mut members = Vec::with_capacity(raw.len());
        for m in raw {
            let member = self.check_len(m, "members");
            // data files name members without regard to case
            if !seen.insert(crate::names::fold(&member)) {
                let problem = Problem::DuplicateMember {
                    member: member.clone(),
                };
                self.problem(m, "members", problem);
            }
            members.push(member);
        }
        members
    }

    /// `aggregate` and `weight`; a weight naming an indicator is resolved
    /// in [`Checker::finish`].
    fn aggregate(&mut self, raw: &RawIndicator, unit: Unit) -> Option<Aggregate> {
        let given = raw.aggregate.as_ref()?;
        let rule = match given.get_ref().as_str() {
            "ratio" => Aggregate::Ratio,
            "weighted" => Aggregate::Weighted(Weight::Column),
            "sum" => Aggregate::Sum,
            "none" => Aggregate::None,
            other => {
                let problem = Problem::UnknownAggregate {
                    given: other.to_string(),
                };
                self.problem(given, "aggregate", problem);
                return None;
            }
        };
        if unit == Unit::Rank && rule != Aggregate::None {
            let aggregate = given.get_ref().clone();
            self.problem(given, "aggregate", Problem::RankAggregate { aggregate });
        }
        match (rule, &raw.weight) {
            (Aggregate::Weighted(_), None) => {
                self.problem(given, "aggregate", Problem::WeightMissing);
                None
            }
            (Aggregate::Weighted(_), Some(w)) => match w.get_ref().as_str() {
                "denominator" => Some(Aggregate::Weighted(Weight::Denominator)),
                "weight" => Some(Aggregate::Weighted(Weight::Column)),
                id => {
                    let i = self.indicators.len();
                    let at = self.offset + w.span().start;
                    self.weights.push((i, nfc(id).into_owned(), at));
                    // the column until the indicator is found
                    Some(rule)
                }
            },
            (_, Some(w)) => {
                let aggregate = given.get_ref().clone();
                self.problem(w, "weight", Problem::WeightUnused { aggregate });
                Some(rule)
            }
            (_, None) => Some(rule),
        }
    }

    fn baseline(&mut self, raw: &Spanned<RawBaseline>) -> Option<Baseline> {
        let b = raw.get_ref();
        let year = i32::try_from(b.year)
            .ok()
            .filter(|y| (1000..=9999).contains(y));
        if year.is_none() {
            self.problem(raw, "baseline.year", Problem::BaselineYear { year: b.year });
        }
        if !b.value.is_finite() {
            self.problem(
                raw,
                "baseline.value",
                Problem::BaselineValue { value: b.value },
            );
        }
        Some(Baseline {
            year: year?,
            value: Some(b.value).filter(|v| v.is_finite())?,
        })
    }

    fn targets(
        &mut self,
        raw: &Spanned<BTreeMap<Spanned<String>, Spanned<String>>>,
        unit: Unit,
        id: &str,
    ) -> Vec<Target> {
        if raw.get_ref().is_empty() {
            self.problem(raw, "targets", Problem::NoTargets);
        }
        let mut targets: Vec<Target> = raw
            .get_ref()
            .iter()
            .filter_map(|(year, spec)| self.target(year, spec, unit, id))
            .collect();
        targets.sort_by_key(|t| t.year);
        targets
    }

    /// One `YEAR = "SPEC"` of indicator `id`, checked against the adoption
    /// year and the unit.
    fn target(
        &mut self,
        year: &Spanned<String>,
        spec: &Spanned<String>,
        unit: Unit,
        id: &str,
    ) -> Option<Target> {
        let Some(y) = parse_year(year.get_ref()) else {
            let raw = year.get_ref().clone();
            self.problem(year, "targets", Problem::TargetYear { raw });
            return None;
        };
        let key = || format!("targets.{y}");
        if let Some(adoption) = self.adoption.filter(|&a| y < a) {
            let problem = Problem::TargetBeforeAdoption { year: y, adoption };
            self.problem(year, &key(), problem);
        }
        let (comparison, value) = match parse_target(spec.get_ref()) {
            Ok(target) => target,
            Err(problem) => {
                self.problem(spec, &key(), problem);
                return None;
            }
        };
        match unit {
            Unit::Rank if !is_rank(value) => {
                let spec_text = spec.get_ref().trim().to_string();
                self.problem(spec, &key(), Problem::RankTarget { spec: spec_text });
                return None;
            }
            Unit::Percent if value > 100.0 => {
                let place = self.place(spec);
                let id = id.to_string();
                self.warnings
                    .push(Notice::TargetAbove100 { place, id, value });
            }
            _ => {}
        }
        Some(Target {
            year: y,
            comparison,
            value,
        })
    }
}

/// A rank is a whole number of 1 or more.
fn is_rank(value: f64) -> bool {
    value >= 1.0 && value.fract() == 0.0
}

/// Indicator ids seen so far, as written and in NFC: an id seen before only
/// in NFC was typed earlier with its accents in another Unicode form.
#[derive(Default)]
struct SeenIds {
    /// Ids written in another form than NFC, as written.
    written: FxHashSet<String>,
    /// Every id in NFC: whether it was written in NFC itself.
    nfc: rustc_hash::FxHashMap<String, bool>,
}

impl SeenIds {
    /// The problem when indicator `id` (NFC; written `raw`) was seen before.
    fn duplicate(&mut self, raw: &str, id: &str) -> Option<Problem> {
        let again = if raw == id {
            match self.nfc.get_mut(id) {
                Some(exact) => std::mem::replace(exact, true),
                None => {
                    self.nfc.insert(id.to_string(), true);
                    return None;
                }
            }
        } else {
            let again = !self.written.insert(raw.to_string());
            if !self.nfc.contains_key(id) {
                self.nfc.insert(id.to_string(), false);
                return None;
            }
            again
        };
        let id = id.to_string();
        Some(match again {
            true => Problem::DuplicateIndicator { id },
            false => Problem::DuplicateIndicatorForm { id },
        })
    }
}

pub(super) fn parse_year(s: &str) -> Option<i32> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

pub(super) fn parse_date_year(s: &str) -> Option<i32> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let month: u32 = m.parse().ok().filter(|_| m.len() == 2)?;
    let day: u32 = d.parse().ok().filter(|_| d.len() == 2)?;
    let ok = parts.next().is_none() && (1..=12).contains(&month) && (1..=31).contains(&day);
    ok.then(|| parse_year(y)).flatten()
}

/// Parses a target such as `>= 80` or `> 80` or `<= 20`.
pub(super) fn parse_target(spec: &str) -> Result<(Comparison, f64), Problem> {
    let spec = spec.trim();
    let split = spec
        .find(|c: char| !matches!(c, '<' | '>' | '='))
        .unwrap_or(spec.len());
    let (op, number) = spec.split_at(split);
    let comparison = Comparison::from_symbol(op).ok_or_else(|| Problem::BadComparison {
        spec: spec.to_string(),
    })?;
    let value: f64 = number
        .trim()
        .parse()
        .ok()
        .filter(|v: &f64| {
            v.is_finite()
                && number
                    .trim()
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        })
        .ok_or_else(|| Problem::BadTargetNumber {
            spec: spec.to_string(),
        })?;
    Ok((comparison, value))
}
