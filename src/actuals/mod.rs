//! Actual figures: the observations read from data files.
//!
//! Readers turn files into [`Observation`]s and collect every problem as a
//! [`Diagnostic`]; they never compute anything.

pub mod check;
pub mod csv;
mod encoding;
mod quote;
pub mod record;
pub mod row;
pub mod value;
pub mod workbook;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};
use encoding_rs::Encoding;

pub use check::Span;
pub use encoding::by_label as encoding_by_label;
pub use encoding::{decode, nfc};

use crate::diagnostic::{Diagnostic, list, shown_bare};
use crate::lang::{Lang, Text};
use crate::targets::Resolution;
use record::Record;
use row::{Columns, RowContext};

/// Years before the adoption year that data may be for, unless `--lookback`
/// says otherwise (baselines of a five-year plan).
pub const DEFAULT_LOOKBACK: u16 = 5;

/// Rules of problems that make a whole file unusable; `--skip-invalid`
/// skips rows, never these.
pub const FILE_RULES: [&str; 5] = [
    "unreadable",
    "encoding",
    "empty-file",
    "missing-column",
    "duplicate-column",
];

/// One actual figure: an indicator's value in a year, for a member when the
/// indicator's target applies to each member.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The area (`area` column), trimmed and NFC; `None` in a file without
    /// that column.
    pub area: Option<String>,
    /// Index into [`Resolution::indicators`].
    pub indicator: usize,
    /// Year the figure is for.
    pub year: i32,
    /// The member (sector, households, ...) for "each" indicators.
    pub member: Option<String>,
    /// The figure, finite, in the indicator's unit.
    pub value: f64,
    /// Index into [`Actuals::files`].
    pub file: usize,
    /// Physical line in that file.
    pub line: u64,
}

/// Everything read from the data files.
#[derive(Debug, Default)]
pub struct Actuals {
    /// The files as the user named them (`-` is standard input).
    pub files: Vec<String>,
    /// Every valid observation, in file order.
    pub observations: Vec<Observation>,
    /// Problems that make a row unusable.
    pub problems: Vec<Diagnostic>,
    /// Notices that do not stop a report (e.g. ignored columns).
    pub warnings: Vec<Text>,
    /// Data rows rejected because of a problem.
    pub rejected_rows: usize,
    /// (area, indicator, year, member) -> where it was first seen, for duplicates.
    seen: HashMap<Key, FirstSeen>,
}

/// What may be given only once: (area, indicator, year, member).
type Key = (Option<String>, usize, i32, Option<String>);

/// Where an observation was first given: as said within its file and as
/// said from another file.
#[derive(Debug)]
struct FirstSeen {
    file: usize,
    local: String,
    global: String,
}

/// Options for reading data files.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Field delimiter; detected from the header line when `None`.
    pub delimiter: Option<u8>,
    /// Text encoding for files without a byte-order mark; UTF-8 when `None`.
    pub encoding: Option<&'static Encoding>,
    /// Workbook sheet to read; the first when `None`.
    pub sheet: Option<String>,
    /// Years before the adoption year accepted in the `year` column.
    pub lookback: u16,
    /// Language of the messages about opening files (diagnostics carry both).
    pub lang: Lang,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            delimiter: None,
            encoding: None,
            sheet: None,
            lookback: DEFAULT_LOOKBACK,
            lang: Lang::En,
        }
    }
}

impl Actuals {
    /// Reads every file (`-` for standard input) against the resolution.
    ///
    /// Fails only when a file cannot be opened; problems inside files
    /// (including a workbook that is not one) are collected in
    /// [`Actuals::problems`].
    pub fn load(
        paths: &[String],
        resolution: &Resolution,
        options: ReadOptions,
    ) -> Result<Actuals> {
        let mut actuals = Actuals::default();
        for path in paths {
            let bytes = read_input(path, options.lang)?;
            actuals.add_bytes(bytes, path, resolution, &options);
        }
        Ok(actuals)
    }

    /// Reads one file's bytes, a workbook or CSV; `name` names it in messages.
    pub fn add_bytes(
        &mut self,
        bytes: Vec<u8>,
        name: &str,
        resolution: &Resolution,
        options: &ReadOptions,
    ) {
        let file = self.files.len();
        self.files.push(name.to_string());
        let start = self.problems.len();
        let found = read_file(bytes, name, file, resolution, options, self);
        self.problems.extend(found.problems);
        self.warnings.extend(found.notices);
        self.rejected_rows += found.rejected;
        sort_by_line(self.problems.get_mut(start..).unwrap_or_default());
    }

    /// Records an observation, or a duplicate problem naming both places;
    /// `place` is a diagnostic at the row's indicator cell.
    fn push(&mut self, obs: Observation, place: Diagnostic) -> bool {
        let key = (
            obs.area.clone(),
            obs.indicator,
            obs.year,
            obs.member.clone(),
        );
        if let Some(first) = self.seen.get(&key) {
            let where_ = if first.file == obs.file {
                &first.local
            } else {
                &first.global
            };
            self.problems.push(duplicate(
                place,
                obs.area.as_deref(),
                obs.year,
                obs.member.as_deref(),
                where_,
            ));
            false
        } else {
            let file_name = self.files.get(obs.file).map_or("", String::as_str);
            let (local, global) = first_place(file_name, obs.line, place.cell.as_deref());
            self.seen.insert(
                key,
                FirstSeen {
                    file: obs.file,
                    local,
                    global,
                },
            );
            self.observations.push(obs);
            true
        }
    }

    /// Problems that make a whole file unusable (see [`FILE_RULES`]).
    pub fn file_problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.problems
            .iter()
            .filter(|d| FILE_RULES.contains(&d.rule))
    }

    /// The distinct areas of the observations, in order of first sight
    /// (empty when no file has an `area` column).
    pub fn areas(&self) -> Vec<&str> {
        let mut areas: Vec<&str> = Vec::new();
        for a in self.observations.iter().filter_map(|o| o.area.as_deref()) {
            if !areas.contains(&a) {
                areas.push(a);
            }
        }
        areas
    }

    /// An error message when the observations are for more than one area:
    /// the single-area report would silently mix them.
    pub fn mixed_areas(&self) -> Option<Text> {
        let areas = self.areas();
        if areas.len() < 2 {
            return None;
        }
        let names: Vec<String> = areas.iter().map(|a| a.to_string()).collect();
        let n = areas.len();
        Some(Text::new(
            format!(
                "the data is for {n} areas ({}); a report without --by area is for one area: \
                 use --by area to compare them, or --area CODE for the full report of one",
                list(&names, 3, Lang::En)
            ),
            format!(
                "dữ liệu thuộc {n} địa bàn ({}); báo cáo không có --by area chỉ dành cho một địa bàn: \
                 dùng --by area để so sánh các địa bàn, hoặc --area MÃ để có báo cáo đầy đủ của một địa bàn",
                list(&names, 3, Lang::Vi)
            ),
        ))
    }

    /// The latest year of any observation.
    pub fn latest_year(&self) -> Option<i32> {
        self.observations.iter().map(|o| o.year).max()
    }
}

/// Where the valid rows of a file go: the general reader's merge of all
/// files, or the per-area aggregation of `report --by area`.
pub trait Sink {
    /// Takes a valid row; `place` is a diagnostic at its indicator cell, for
    /// a duplicate message. Returns false when the row was rejected (having
    /// recorded why).
    fn row(&mut self, obs: Observation, place: Diagnostic) -> bool;
}

impl Sink for Actuals {
    fn row(&mut self, obs: Observation, place: Diagnostic) -> bool {
        self.push(obs, place)
    }
}

/// What reading one file found besides its valid rows.
#[derive(Debug, Default)]
pub struct FileFindings {
    /// Problems in the file, in reading order (quoting problems first).
    pub problems: Vec<Diagnostic>,
    /// Notices that do not stop a report, in English (what `--by area`
    /// prints).
    pub warnings: Vec<String>,
    /// The same notices in both languages.
    pub notices: Vec<Text>,
    /// Data rows rejected (by a problem here or by the sink).
    pub rejected: usize,
}

/// Reads one file's bytes, a workbook or CSV, into `sink`; `file` is its
/// index for [`Observation::file`], `name` names it in messages.
pub fn read_file(
    bytes: Vec<u8>,
    name: &str,
    file: usize,
    resolution: &Resolution,
    options: &ReadOptions,
    sink: &mut dyn Sink,
) -> FileFindings {
    let mut found = FileFindings::default();
    let file_ctx = FileContext {
        file,
        name,
        resolution,
        options,
    };
    if workbook::has_workbook_extension(name) || workbook::looks_like_workbook(&bytes) {
        match workbook::read(bytes, name, options.sheet.as_deref()) {
            Ok(records) => file_ctx.records(&records, false, sink, &mut found),
            Err(d) => found.problems.push(*d),
        }
        return found;
    }
    let text = match encoding::decode(&bytes, name, options.encoding) {
        Ok(text) => text,
        Err(d) => {
            found.problems.push(*d);
            return found;
        }
    };
    drop(bytes);
    let delimiter = options
        .delimiter
        .map_or_else(|| csv::detect_delimiter(&text), char::from);
    let parsed = csv::parse(&text, delimiter, name);
    found.problems.extend(parsed.problems);
    file_ctx.records(&parsed.records, delimiter != ',', sink, &mut found);
    found
}

/// One file being read.
struct FileContext<'a> {
    file: usize,
    name: &'a str,
    resolution: &'a Resolution,
    options: &'a ReadOptions,
}

impl FileContext<'_> {
    /// Takes the first non-blank record as the header and checks the rest.
    fn records(
        &self,
        records: &[Record],
        decimal_comma: bool,
        sink: &mut dyn Sink,
        found: &mut FileFindings,
    ) {
        let name = self.name;
        let mut rows = records.iter().filter(|r| !r.is_blank());
        let Some(header) = rows.next() else {
            found.problems.push(empty_file(name));
            return;
        };
        let columns = match Columns::from_header(header, name) {
            Ok((columns, ignored)) => {
                if let Some(w) = ignored_notice(name, &ignored) {
                    found.warnings.push(w.en.clone());
                    found.notices.push(w);
                }
                columns
            }
            Err(problem) => {
                found.problems.push(*problem);
                return;
            }
        };
        let ctx = RowContext {
            file: self.file,
            name,
            resolution: self.resolution,
            decimal_comma,
            span: Span::of(self.resolution, self.options.lookback),
        };
        for record in rows {
            let ok = !record.bad
                && match columns.check_row(record, &ctx) {
                    Ok((obs, place)) => sink.row(obs, place),
                    Err(problems) => {
                        found.problems.extend(problems);
                        false
                    }
                };
            if !ok {
                found.rejected += 1;
            }
        }
    }
}

/// The problem of a row given before at `first` (`line 2`, `Sheet1!A2` or
/// `other.csv:2`); `place` is a diagnostic at the row's indicator cell
/// whose value is the indicator id.
pub fn duplicate(
    place: Diagnostic,
    area: Option<&str>,
    year: i32,
    member: Option<&str>,
    first: &str,
) -> Diagnostic {
    let member_in = |lang: Lang| {
        member
            .map(|m| {
                format!(
                    ", {} {}",
                    lang.pick("phân tổ", "breakdown"),
                    shown_bare(m, lang)
                )
            })
            .unwrap_or_default()
    };
    let area_in = |lang: Lang| {
        area.map(|a| format!(", {} {}", lang.pick("địa bàn", "area"), shown_bare(a, lang)))
            .unwrap_or_default()
    };
    let first_vi = first
        .strip_prefix("line ")
        .map_or_else(|| first.to_string(), |n| format!("dòng {n}"));
    let msg = Text::new(
        format!(
            "duplicate row for this indicator{}, year {year}{}: already given at {first}",
            area_in(Lang::En),
            member_in(Lang::En)
        ),
        format!(
            "dòng trùng lặp cho chỉ tiêu này{}, năm {year}{}: đã có ở {first_vi}",
            area_in(Lang::Vi),
            member_in(Lang::Vi)
        ),
    );
    let (area, member) = (area_in(Lang::En), member_in(Lang::En));
    let id = place.value.clone().unwrap_or_default();
    let value = format!("{id}{area}, {year}{member}");
    Diagnostic {
        message: msg.en,
        message_vi: Some(msg.vi),
        ..place
    }
    .with_value(value)
    .with_expected("one row per area, indicator, year and breakdown across all files")
}

/// Where a row was first given, as said from a row of the same file
/// (`line 2`, `Sheet1!A2`) and from another file (`a.csv:2`, `a.xlsx:Sheet1!A2`).
pub fn first_place(file_name: &str, line: u64, cell: Option<&str>) -> (String, String) {
    match cell {
        Some(cell) => (cell.to_string(), format!("{file_name}:{cell}")),
        None => (format!("line {line}"), format!("{file_name}:{line}")),
    }
}

/// The problem of a file without a header row.
pub fn empty_file(name: &str) -> Diagnostic {
    let msg = Text::new(
        "the file is empty; expected a header row with the columns indicator, year, value",
        "tệp trống; cần một dòng tiêu đề với các cột indicator, year, value",
    );
    Diagnostic::file(name, "empty-file", msg).with_expected("a header row: indicator, year, value")
}

/// The warning about columns no reader knows, if there are any, in English.
pub fn ignored_warning(name: &str, ignored: &[String]) -> Option<String> {
    ignored_notice(name, ignored).map(|t| t.en)
}

/// The warning about columns no reader knows, in both languages.
pub fn ignored_notice(name: &str, ignored: &[String]) -> Option<Text> {
    (!ignored.is_empty()).then(|| {
        let (en, vi) = (
            list(ignored, row::MAX_NAMES_SHOWN, Lang::En),
            list(ignored, row::MAX_NAMES_SHOWN, Lang::Vi),
        );
        Text::new(
            format!("{name}: ignoring unknown columns: {en}"),
            format!("{name}: bỏ qua các cột không xác định: {vi}"),
        )
    })
}

/// Orders one file's problems by line (stable; problems without a line,
/// about the whole file, last), so that quoting problems found while
/// splitting the file stand among the row problems at their lines.
pub fn sort_by_line(problems: &mut [Diagnostic]) {
    problems.sort_by_key(|d| d.line.unwrap_or(u64::MAX));
}

/// The bytes of a file, or of standard input for `-`.
/// (The system's reason after the message stays in the system's words.)
pub fn read_input(path: &str, lang: Lang) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context(lang.pick("không đọc được đầu vào chuẩn", "cannot read standard input"))?;
    } else {
        let p = Path::new(path);
        let cannot = match lang {
            Lang::Vi => format!("không đọc được tệp dữ liệu {path}"),
            Lang::En => format!("cannot read data file {path}"),
        };
        if p.is_dir() {
            let why = lang.pick("đó là một thư mục", "it is a directory");
            anyhow::bail!("{cannot}: {why}");
        }
        bytes = std::fs::read(p).context(cannot)?;
    }
    Ok(bytes)
}
