//! Reads a targets TOML file into a [`Resolution`] and checks it.
//!
//! Every semantic problem (duplicate id, unknown pillar, bad comparison, bad
//! target year, ...) is reported with the file, line, column and key; all
//! problems are collected before the load fails.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use std::sync::Arc;

use anyhow::Result;
use serde::Deserialize;
use toml::Spanned;

use super::{Baseline, Comparison, Indicator, Meta, Pillar, Resolution, Target, Unit};
use crate::diagnostic::{Diagnostic, Diagnostics, line_col};
use crate::msg::{Failure, Problem};

/// The longest pillar id, indicator id or member name accepted, in characters.
pub const MAX_ID_CHARS: usize = 200;

/// The Bình Thuận resolution, compiled in as the default targets file.
pub const BUILTIN: &str = include_str!("../../targets.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    resolution: RawMeta,
    pillar: Vec<RawPillar>,
    indicator: Vec<RawIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: String,
    title_vi: String,
    title_en: String,
    issuer_vi: String,
    issuer_en: String,
    adopted: Spanned<String>,
    #[serde(default)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPillar {
    id: Spanned<String>,
    name_vi: String,
    name_en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: Spanned<String>,
    pillar: Spanned<String>,
    item: Option<String>,
    name_vi: Spanned<String>,
    name_en: Spanned<String>,
    unit: Spanned<String>,
    note_vi: Option<String>,
    note_en: Option<String>,
    each_vi: Option<String>,
    each_en: Option<String>,
    #[serde(default)]
    members: Vec<Spanned<String>>,
    targets: Spanned<BTreeMap<Spanned<String>, Spanned<String>>>,
    baseline: Option<Spanned<RawBaseline>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBaseline {
    year: i64,
    value: f64,
}

/// Loads and checks a targets file from disk.
///
/// A file that cannot be read fails with a [`Failure`]; a file with
/// problems with [`Diagnostics`].
pub fn load(path: &Path) -> Result<Resolution> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(Failure::TargetsIsDirectory { path: name }.into());
    }
    let bytes = std::fs::read(path).map_err(|e| Failure::CannotReadTargets {
        path: name.clone(),
        reason: e.to_string(),
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|e| not_utf8(&bytes, &name, &e))?;
    parse(text, &name)
}

/// Where a targets file stops being UTF-8, as a located diagnostic.
fn not_utf8(bytes: &[u8], file: &str, e: &std::str::Utf8Error) -> anyhow::Error {
    let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
    // the prefix up to `valid_up_to` is UTF-8 by definition
    let (line, col) = line_col(std::str::from_utf8(valid).unwrap_or_default(), valid.len());
    let file: Arc<str> = Arc::from(file);
    Diagnostics(vec![Diagnostic::at(
        &file,
        line,
        col,
        Problem::TargetsNotUtf8,
    )])
    .into()
}

/// Parses and checks targets TOML; `file` names it in messages.
pub fn parse(text: &str, file: &str) -> Result<Resolution> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        let problem = Problem::TargetsSyntax {
            text: e.message().trim_end().to_string(),
        };
        Diagnostics(vec![Diagnostic::at(&Arc::from(file), line, col, problem)])
    })?;
    let mut checker = Checker {
        text,
        file: Arc::from(file),
        problems: Vec::new(),
    };
    let resolution = checker.build(raw);
    if checker.problems.is_empty() {
        Ok(resolution)
    } else {
        Err(Diagnostics(checker.problems).into())
    }
}

struct Checker<'a> {
    text: &'a str,
    file: Arc<str>,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn problem<T>(&mut self, at: &Spanned<T>, key: &str, problem: Problem) {
        let (line, col) = line_col(self.text, at.span().start);
        let d = Diagnostic::at(&self.file, line, col, problem).in_field(Some(&Arc::from(key)));
        self.problems.push(d);
    }

    /// Ids are typed into data files and shown whole in table columns, so
    /// they are kept short (a 65 535-character id once overflowed a column
    /// width in the table renderer).
    fn check_id(&mut self, id: &Spanned<String>, key: &str) {
        let n = id.get_ref().chars().count();
        if n > MAX_ID_CHARS {
            let problem = Problem::IdTooLong {
                chars: n,
                max: MAX_ID_CHARS,
            };
            self.problem(id, key, problem);
        }
    }

    fn build(&mut self, raw: RawFile) -> Resolution {
        let meta = self.meta(raw.resolution);
        let mut pillar_ids = HashSet::new();
        let mut pillars = Vec::new();
        for p in raw.pillar {
            self.check_id(&p.id, "id");
            if !pillar_ids.insert(p.id.get_ref().clone()) {
                let id = p.id.get_ref().clone();
                self.problem(&p.id, "id", Problem::DuplicatePillar { id });
            }
            pillars.push(Pillar {
                id: p.id.into_inner(),
                name_vi: p.name_vi,
                name_en: p.name_en,
            });
        }
        let known: Vec<&str> = pillars.iter().map(|p| p.id.as_str()).collect();
        let known = known.join(", ");
        let mut ids = HashSet::new();
        let mut indicators = Vec::new();
        for raw in raw.indicator {
            self.check_id(&raw.id, "id");
            if !ids.insert(raw.id.get_ref().clone()) {
                let id = raw.id.get_ref().clone();
                self.problem(&raw.id, "id", Problem::DuplicateIndicator { id });
            }
            if !pillar_ids.contains(raw.pillar.get_ref()) {
                let problem = Problem::UnknownPillar {
                    pillar: raw.pillar.get_ref().clone(),
                    known: known.clone(),
                };
                self.problem(&raw.pillar, "pillar", problem);
            }
            indicators.push(self.indicator(raw));
        }
        Resolution::new(meta, pillars, indicators)
    }

    fn meta(&mut self, raw: RawMeta) -> Meta {
        let adoption_year = parse_date_year(raw.adopted.get_ref());
        if adoption_year.is_none() {
            let adopted = raw.adopted.get_ref().clone();
            self.problem(&raw.adopted, "adopted", Problem::NotADate { adopted });
        }
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

    fn indicator(&mut self, raw: RawIndicator) -> Indicator {
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
        let mut seen = HashSet::new();
        for m in &raw.members {
            self.check_id(m, "members");
            if !seen.insert(m.get_ref().clone()) {
                let member = m.get_ref().clone();
                self.problem(m, "members", Problem::DuplicateMember { member });
            }
        }
        let targets = self.targets(&raw.targets);
        let baseline = raw.baseline.as_ref().and_then(|b| self.baseline(b));
        Indicator {
            id: raw.id.into_inner(),
            pillar: raw.pillar.into_inner(),
            item: raw.item.unwrap_or_default(),
            name_vi: raw.name_vi.into_inner(),
            name_en: raw.name_en.into_inner(),
            unit,
            note_vi: raw.note_vi,
            note_en: raw.note_en,
            each,
            members: raw.members.into_iter().map(Spanned::into_inner).collect(),
            targets,
            baseline,
        }
        .with_default_item()
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
    ) -> Vec<Target> {
        if raw.get_ref().is_empty() {
            self.problem(raw, "targets", Problem::NoTargets);
        }
        let mut targets = Vec::new();
        for (year, spec) in raw.get_ref() {
            let Some(y) = parse_year(year.get_ref()) else {
                let raw = year.get_ref().clone();
                self.problem(year, "targets", Problem::TargetYear { raw });
                continue;
            };
            match parse_target(spec.get_ref()) {
                Ok((comparison, value)) => targets.push(Target {
                    year: y,
                    comparison,
                    value,
                }),
                Err(problem) => self.problem(spec, &format!("targets.{y}"), problem),
            }
        }
        targets.sort_by_key(|t| t.year);
        targets
    }
}

impl Indicator {
    fn with_default_item(mut self) -> Self {
        if self.item.is_empty() {
            self.item = self.id.clone();
        }
        self
    }
}

fn parse_year(s: &str) -> Option<i32> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn parse_date_year(s: &str) -> Option<i32> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let month: u32 = m.parse().ok().filter(|_| m.len() == 2)?;
    let day: u32 = d.parse().ok().filter(|_| d.len() == 2)?;
    let ok = parts.next().is_none() && (1..=12).contains(&month) && (1..=31).contains(&day);
    ok.then(|| parse_year(y)).flatten()
}

/// Parses a target such as `>= 80` or `> 80` or `<= 20`.
fn parse_target(spec: &str) -> std::result::Result<(Comparison, f64), Problem> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_targets_load() {
        let r = parse(BUILTIN, "targets.toml").expect("built-in targets must load");
        assert_eq!(r.meta.adoption_year, 2022);
        assert_eq!(r.indicators.len(), 18);
        assert_eq!(r.target_years(), vec![2025, 2030]);
    }

    #[test]
    fn target_specs_parse() {
        assert_eq!(parse_target(">= 80"), Ok((Comparison::AtLeast, 80.0)));
        assert_eq!(parse_target("> 80"), Ok((Comparison::Above, 80.0)));
        assert_eq!(parse_target("<=20"), Ok((Comparison::AtMost, 20.0)));
        assert_eq!(parse_target("< 2.5"), Ok((Comparison::Below, 2.5)));
        assert!(parse_target("=> 80").is_err());
        assert!(parse_target("80").is_err());
        assert!(parse_target(">= inf").is_err());
        assert!(parse_target(">= NaN").is_err());
    }

    #[test]
    fn overlong_ids_are_rejected_with_their_place() {
        let base = include_str!("../../tests/fixtures/targets/base.toml");
        let text = base.replace(
            "id = \"gov.a\"",
            &format!("id = \"{}\"", "x".repeat(65_535)),
        );
        let err = format!("{:#}", parse(&text, "t.toml").expect_err("rejected"));
        assert!(
            err.contains(": id: id is 65535 characters long; at most 200 are allowed"),
            "{err}"
        );
        // exactly the limit is fine
        let text = base.replace("id = \"gov.a\"", &format!("id = \"{}\"", "x".repeat(200)));
        assert!(parse(&text, "t.toml").is_ok());
    }

    #[test]
    fn dates_and_years_parse() {
        assert_eq!(parse_date_year("2022-03-18"), Some(2022));
        assert_eq!(parse_date_year("18/03/2022"), None);
        assert_eq!(parse_date_year("2022-13-01"), None);
        assert_eq!(parse_year("2025"), Some(2025));
        assert_eq!(parse_year("20x5"), None);
        assert_eq!(parse_year("225"), None);
    }
}
