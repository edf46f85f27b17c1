//! Reads a targets TOML file into a [`Resolution`] and checks it.
//!
//! Every semantic problem (duplicate id, unknown pillar, bad comparison, bad
//! target year, ...) is reported with the file, line, column and key; all
//! problems are collected before the load fails. Ids are kept in NFC, the
//! form the data reader gives, so an id matches its rows however its
//! accents were typed. Doubtful but possible values (a share's target above
//! 100 %) become warnings on the [`Resolution`], not problems.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use std::sync::Arc;

use anyhow::Result;
use serde::Deserialize;
use toml::Spanned;

use super::{Baseline, Comparison, Indicator, Meta, Pillar, Resolution, Target, Unit};
use crate::diagnostic::{Diagnostic, Diagnostics, line_col};
use crate::msg::{Failure, Notice, Problem};
use crate::read::nfc;

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
        adoption: None,
        problems: Vec::new(),
        warnings: Vec::new(),
    };
    let mut resolution = checker.build(raw);
    if checker.problems.is_empty() {
        resolution.warnings = checker.warnings;
        Ok(resolution)
    } else {
        Err(Diagnostics(checker.problems).into())
    }
}

struct Checker<'a> {
    text: &'a str,
    file: Arc<str>,
    /// The adoption year, once `adopted` is read (none when it is no date).
    adoption: Option<i32>,
    problems: Vec<Diagnostic>,
    warnings: Vec<Notice>,
}

impl Checker<'_> {
    fn problem<T>(&mut self, at: &Spanned<T>, key: &str, problem: Problem) {
        let (line, col) = line_col(self.text, at.span().start);
        let d = Diagnostic::at(&self.file, line, col, problem).in_field(Some(&Arc::from(key)));
        self.problems.push(d);
    }

    /// `file:line:column` of a value, for a warning.
    fn place<T>(&self, at: &Spanned<T>) -> String {
        let (line, col) = line_col(self.text, at.span().start);
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

    fn build(&mut self, raw: RawFile) -> Resolution {
        let meta = self.meta(raw.resolution);
        let pillars = self.pillars(raw.pillar);
        let indicators = self.indicators(raw.indicator, &pillars);
        Resolution::new(meta, pillars, indicators)
    }

    fn pillars(&mut self, raw: Vec<RawPillar>) -> Vec<Pillar> {
        let mut seen = HashSet::new();
        let mut pillars = Vec::new();
        for p in raw {
            let id = self.check_id(&p.id);
            if let Some(id) = &id
                && !seen.insert(id.clone())
            {
                let problem = Problem::DuplicatePillar { id: id.clone() };
                self.problem(&p.id, "id", problem);
            }
            pillars.push(Pillar {
                id: id.unwrap_or_else(|| p.id.into_inner()),
                name_vi: p.name_vi,
                name_en: p.name_en,
            });
        }
        pillars
    }

    fn indicators(&mut self, raw: Vec<RawIndicator>, pillars: &[Pillar]) -> Vec<Indicator> {
        let mut pillar_ids = HashSet::new();
        let known: Vec<&str> = pillars
            .iter()
            .map(|p| p.id.as_str())
            .filter(|id| !id.is_empty() && pillar_ids.insert(*id))
            .collect();
        let known = known.join(", ");
        let mut seen = SeenIds::default();
        let mut indicators = Vec::new();
        for raw in raw {
            let id = self.check_id(&raw.id);
            if let Some(problem) = id
                .as_ref()
                .and_then(|id| seen.duplicate(raw.id.get_ref(), id))
            {
                self.problem(&raw.id, "id", problem);
            }
            let pillar = nfc(raw.pillar.get_ref()).into_owned();
            if !pillar_ids.contains(pillar.as_str()) {
                let problem = Problem::UnknownPillar {
                    pillar: raw.pillar.get_ref().clone(),
                    known: known.clone(),
                };
                self.problem(&raw.pillar, "pillar", problem);
            }
            let id = id.unwrap_or_else(|| raw.id.get_ref().clone());
            indicators.push(self.indicator(raw, id, pillar));
        }
        indicators
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
        let mut members = Vec::new();
        for m in &raw.members {
            let member = self.check_len(m, "members");
            if !seen.insert(member.clone()) {
                let problem = Problem::DuplicateMember {
                    member: member.clone(),
                };
                self.problem(m, "members", problem);
            }
            members.push(member);
        }
        let targets = self.targets(&raw.targets, unit, &id);
        let baseline = raw.baseline.as_ref().and_then(|b| self.baseline(b));
        Indicator {
            id,
            pillar,
            item: raw.item.unwrap_or_default(),
            name_vi: raw.name_vi.into_inner(),
            name_en: raw.name_en.into_inner(),
            unit,
            note_vi: raw.note_vi,
            note_en: raw.note_en,
            each,
            members,
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
        let key = format!("targets.{y}");
        if let Some(adoption) = self.adoption.filter(|&a| y < a) {
            let problem = Problem::TargetBeforeAdoption { year: y, adoption };
            self.problem(year, &key, problem);
        }
        let (comparison, value) = match parse_target(spec.get_ref()) {
            Ok(target) => target,
            Err(problem) => {
                self.problem(spec, &key, problem);
                return None;
            }
        };
        match unit {
            Unit::Rank if !is_rank(value) => {
                let spec_text = spec.get_ref().trim().to_string();
                self.problem(spec, &key, Problem::RankTarget { spec: spec_text });
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
    written: HashSet<String>,
    nfc: HashSet<String>,
}

impl SeenIds {
    /// The problem when indicator `id` (NFC; written `raw`) was seen before.
    fn duplicate(&mut self, raw: &str, id: &str) -> Option<Problem> {
        let again = !self.written.insert(raw.to_string());
        let id = id.to_string();
        if self.nfc.insert(id.clone()) {
            None
        } else if again {
            Some(Problem::DuplicateIndicator { id })
        } else {
            Some(Problem::DuplicateIndicatorForm { id })
        }
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
    use crate::lang::Lang;

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

    /// `base.toml` with `from` replaced by `to`, then `more` appended (a
    /// second indicator starts at line 22, its id at 23:6).
    fn edited(from: &str, to: &str, more: &str) -> String {
        let base = include_str!("../../tests/fixtures/targets/base.toml");
        assert!(base.contains(from), "{from}");
        format!("{}{more}", base.replace(from, to))
    }

    /// An indicator appended to `base.toml` with this id and pillar.
    fn second(id: &str, pillar: &str) -> String {
        format!(
            "\n[[indicator]]\nid = \"{id}\"\npillar = \"{pillar}\"\nname_vi = \"B\"\nname_en = \"B\"\n\
             unit = \"%\"\ntargets = {{ 2025 = \">= 50\" }}\n"
        )
    }

    /// Every problem of a targets text, `line:col: key: message`.
    fn problems(text: &str) -> Vec<String> {
        match parse(text, "t.toml") {
            Ok(_) => Vec::new(),
            Err(e) => e
                .downcast_ref::<Diagnostics>()
                .expect("located problems")
                .0
                .iter()
                .map(|d| d.to_string().replacen("t.toml:", "", 1))
                .collect(),
        }
    }

    const RANK: &str = "a rank is a whole number of 1 or more";
    const TARGET: &str = "unit = \"%\"\ntargets = { 2025 = \">= 80\" }";

    #[test]
    fn nonsense_in_targets_is_a_problem_at_its_toml_place() {
        let rank = |spec: &str| format!("unit = \"rank\"\ntargets = {{ 2025 = \"{spec}\" }}");
        let rank_problem =
            |spec: &str| format!("20:20: targets.2025: \"{spec}\" is not a rank target; {RANK}");
        let nfd_pillar = "\n[[pillar]]\nid = \"chi\u{301}nh\"\nname_vi = \"x\"\nname_en = \"x\"\n";
        let nfd_member =
            "each_vi = \"x\"\neach_en = \"x\"\nmembers = [\"h\u{f4}\", \"ho\u{302}\"]\nunit";
        // (edit of base.toml: from, to, appended text; every problem)
        let cases: [(&str, String, String, Vec<String>); 20] = [
            // ranks: whole numbers from 1
            (TARGET, rank("<= 1"), String::new(), vec![]),
            (TARGET, rank("< 20"), String::new(), vec![]),
            (TARGET, rank("<= 0"), String::new(), vec![rank_problem("<= 0")]),
            (TARGET, rank("<= 0.5"), String::new(), vec![rank_problem("<= 0.5")]),
            (TARGET, rank("<= 2.5"), String::new(), vec![rank_problem("<= 2.5")]),
            (TARGET, rank("<= -3"), String::new(), vec![rank_problem("<= -3")]),
            // ids: not empty, no blanks around them
            ("\"gov.a\"", "\"\"".into(), String::new(), vec!["15:6: id: the id is empty".into()]),
            ("\"gov.a\"", "\"  \"".into(), String::new(), vec!["15:6: id: the id is empty".into()]),
            ("\"gov.a\"", "\" gov.a\"".into(), String::new(), vec!["15:6: id: id \" gov.a\" has blanks around it; write it without them".into()]),
            // a no-break space is a blank too
            ("\"gov.a\"", "\"gov.a\u{a0}\"".into(), String::new(), vec!["15:6: id: id \"gov.a\u{a0}\" has blanks around it; write it without them".into()]),
            ("id = \"government\"", "id = \"\"".into(), String::new(), vec!["10:6: id: the id is empty".into(), "16:10: pillar: unknown pillar \"government\" (known: )".into()]),
            // target years from the adoption year (2022-03-18) on
            ("2025 =", "2021 =".into(), String::new(), vec!["20:13: targets.2021: target year 2021 is before the resolution's adoption in 2022".into()]),
            ("2025 =", "2022 =".into(), String::new(), vec![]),
            ("\"2022-03-18\"", "\"2022\"".into(), String::new(), vec!["7:11: adopted: \"2022\" is not a date; expected YYYY-MM-DD".into()]),
            // ids equal in NFC: "x.á" composed, then decomposed
            ("\"gov.a\"", "\"x.\u{e1}\"".into(), second("x.a\u{301}", "government"), vec!["23:6: id: duplicate indicator id \"x.\u{e1}\": the same id is written earlier with its accents in another Unicode form".into()]),
            ("\"gov.a\"", "\"x.a\u{301}\"".into(), second("x.a\u{301}", "government"), vec!["23:6: id: duplicate indicator id \"x.\u{e1}\"".into()]),
            ("\"gov.a\"", "\"x.\u{e1}\"".into(), second("x.a\u{301}", "government") + &second("x.a\u{301}", "government"), vec!["23:6: id: duplicate indicator id \"x.\u{e1}\": the same id is written earlier with its accents in another Unicode form".into(), "31:6: id: duplicate indicator id \"x.\u{e1}\"".into()]),
            // a pillar referred to in another form is found; one declared twice is not
            ("id = \"government\"", "id = \"ch\u{ed}nh\"".into(), second("gov.b", "chi\u{301}nh"), vec!["16:10: pillar: unknown pillar \"government\" (known: ch\u{ed}nh)".into()]),
            ("id = \"government\"", "id = \"ch\u{ed}nh\"".into(), nfd_pillar.into(), vec!["23:6: id: duplicate pillar id \"ch\u{ed}nh\"".into(), "16:10: pillar: unknown pillar \"government\" (known: ch\u{ed}nh)".into()]),
            ("unit", nfd_member.into(), String::new(), vec!["21:18: members: duplicate member \"h\u{f4}\"".into()]),
        ];
        for (from, to, more, expected) in cases {
            let text = edited(from, &to, &more);
            assert_eq!(problems(&text), expected, "{to} {more}");
        }
    }

    #[test]
    fn ids_pillars_and_members_are_kept_in_nfc() {
        let text = edited("id = \"government\"", "id = \"ch\u{ed}nh\"", "")
            .replace("pillar = \"government\"", "pillar = \"chi\u{301}nh\"")
            .replace("\"gov.a\"", "\"x.a\u{301}\"")
            .replace(
                "unit",
                "each_vi = \"x\"\neach_en = \"x\"\nmembers = [\"ho\u{302}\"]\nunit",
            );
        let r = parse(&text, "t.toml").expect("loads");
        let ind = &r.indicators[0];
        assert_eq!(
            (ind.id.as_str(), ind.pillar.as_str()),
            ("x.\u{e1}", "ch\u{ed}nh")
        );
        assert_eq!(ind.members, vec!["h\u{f4}".to_string()]);
        assert_eq!(r.indicator("x.\u{e1}"), Some(0));
        assert_eq!(r.pillar_of(0), Some(0));
        // `--pillar` typed in either form finds it
        assert_eq!(r.pillar_index("chi\u{301}nh"), Some(0));
        assert_eq!(r.pillar_index("ch\u{ed}nh"), Some(0));
    }

    #[test]
    fn a_share_target_above_100_is_a_warning_at_the_target_value() {
        let above = ": the target 120 % of gov.a is above 100 %, which no share can reach";
        // (unit, target; every warning)
        let cases: [(&str, &str, Vec<String>); 5] = [
            ("%", ">= 120", vec![format!("t.toml:20:20{above}")]),
            ("%", "<= 100.5", vec!["t.toml:20:20: the target 100.5 % of gov.a is above 100 %, which no share can reach".into()]),
            ("%", ">= 100", vec![]),
            ("%/year", ">= 120", vec![]),
            ("number", ">= 120", vec![]),
        ];
        for (unit, spec, expected) in cases {
            let to = format!("unit = \"{unit}\"\ntargets = {{ 2025 = \"{spec}\" }}");
            let r = parse(&edited(TARGET, &to, ""), "t.toml").expect("a warning is no problem");
            let said: Vec<String> = r.warnings.iter().map(|w| w.say(Lang::En)).collect();
            assert_eq!(said, expected, "{unit} {spec}");
        }
        // the built-in resolution has none
        assert!(
            parse(BUILTIN, "targets.toml")
                .expect("loads")
                .warnings
                .is_empty()
        );
    }

    #[test]
    fn every_problem_is_collected_before_the_load_fails() {
        let text = edited("\"gov.a\"", "\" gov.a\"", "").replace(
            "unit = \"%\"\ntargets = { 2025 = \">= 80\" }",
            "unit = \"rank\"\ntargets = { 2020 = \"<= 0\" }",
        );
        assert_eq!(
            problems(&text),
            vec![
                "15:6: id: id \" gov.a\" has blanks around it; write it without them".to_string(),
                "20:13: targets.2020: target year 2020 is before the resolution's adoption in 2022"
                    .into(),
                format!("20:20: targets.2020: \"<= 0\" is not a rank target; {RANK}"),
            ]
        );
    }
}
