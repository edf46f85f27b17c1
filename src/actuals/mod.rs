//! Actual figures: the observations read from data files.
//!
//! Readers turn files into [`Observation`]s and collect every problem as a
//! [`Diagnostic`]; they never compute anything.

mod check;
mod csv;
mod encoding;
mod quote;
mod record;
mod row;
pub mod value;
mod workbook;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};
use encoding_rs::Encoding;

pub use check::Span;
pub use encoding::by_label as encoding_by_label;

use crate::diagnostic::Diagnostic;
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
    pub warnings: Vec<String>,
    /// Data rows rejected because of a problem.
    pub rejected_rows: usize,
    /// (indicator, year, member) -> where it was first seen, for duplicates.
    seen: HashMap<(usize, i32, Option<String>), FirstSeen>,
}

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
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            delimiter: None,
            encoding: None,
            sheet: None,
            lookback: DEFAULT_LOOKBACK,
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
            let bytes = read_input(path)?;
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
        if workbook::has_workbook_extension(name) || workbook::looks_like_workbook(&bytes) {
            let file = self.files.len();
            self.files.push(name.to_string());
            match workbook::read(bytes, name, options.sheet.as_deref()) {
                Ok(records) => self.add_records(file, &records, resolution, options, false),
                Err(d) => self.problems.push(*d),
            }
        } else {
            self.add_csv(&bytes, name, resolution, options.clone());
        }
    }

    /// Reads CSV bytes; `name` names the file in messages.
    pub fn add_csv(
        &mut self,
        bytes: &[u8],
        name: &str,
        resolution: &Resolution,
        options: ReadOptions,
    ) {
        let file = self.files.len();
        self.files.push(name.to_string());
        let text = match encoding::decode(bytes, name, options.encoding) {
            Ok(text) => text,
            Err(d) => {
                self.problems.push(*d);
                return;
            }
        };
        let delimiter = options
            .delimiter
            .map_or_else(|| csv::detect_delimiter(&text), char::from);
        let parsed = csv::parse(&text, delimiter, name);
        self.problems.extend(parsed.problems);
        self.add_records(
            file,
            &parsed.records,
            resolution,
            &options,
            delimiter != ',',
        );
    }

    /// Takes the first non-blank record as the header and checks the rest.
    fn add_records(
        &mut self,
        file: usize,
        records: &[Record],
        resolution: &Resolution,
        options: &ReadOptions,
        decimal_comma: bool,
    ) {
        let name = self.files.get(file).cloned().unwrap_or_default();
        let mut rows = records.iter().filter(|r| !r.is_blank());
        let Some(header) = rows.next() else {
            let msg =
                "the file is empty; expected a header row with the columns indicator, year, value";
            self.problems.push(
                Diagnostic::file(&name, "empty-file", msg)
                    .with_expected("a header row: indicator, year, value"),
            );
            return;
        };
        let columns = match Columns::from_header(header, &name) {
            Ok((columns, ignored)) => {
                if !ignored.is_empty() {
                    self.warnings.push(format!(
                        "{name}: ignoring unknown columns: {}",
                        ignored.join(", ")
                    ));
                }
                columns
            }
            Err(problem) => {
                self.problems.push(*problem);
                return;
            }
        };
        let ctx = RowContext {
            file,
            name: &name,
            resolution,
            decimal_comma,
            span: Span::of(resolution, options.lookback),
        };
        for record in rows {
            if record.bad || !columns.read_row(record, &ctx, self) {
                self.rejected_rows += 1;
            }
        }
    }

    /// Records an observation, or a duplicate problem naming both places;
    /// `place` is a diagnostic at the row's indicator cell.
    fn push(&mut self, obs: Observation, place: Diagnostic) -> bool {
        let key = (obs.indicator, obs.year, obs.member.clone());
        let local = match &place.cell {
            Some(cell) => cell.clone(),
            None => format!("line {}", obs.line),
        };
        if let Some(first) = self.seen.get(&key) {
            let where_ = if first.file == obs.file {
                &first.local
            } else {
                &first.global
            };
            let member = obs
                .member
                .as_deref()
                .map(|m| format!(", breakdown {m}"))
                .unwrap_or_default();
            let msg = format!(
                "duplicate row for this indicator, year {}{member}: already given at {where_}",
                obs.year
            );
            let id = place.value.clone().unwrap_or_default();
            let value = format!("{id}, {}{member}", obs.year);
            self.problems.push(
                Diagnostic {
                    message: msg,
                    ..place
                }
                .with_value(value)
                .with_expected("one row per indicator, year and breakdown across all files"),
            );
            false
        } else {
            let file_name = self.files.get(obs.file).cloned().unwrap_or_default();
            let global = match &place.cell {
                Some(cell) => format!("{file_name}:{cell}"),
                None => format!("{file_name}:{}", obs.line),
            };
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

    /// The latest year of any observation.
    pub fn latest_year(&self) -> Option<i32> {
        self.observations.iter().map(|o| o.year).max()
    }
}

/// The bytes of a file, or of standard input for `-`.
fn read_input(path: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
    } else {
        let p = Path::new(path);
        if p.is_dir() {
            anyhow::bail!("cannot read data file {path}: it is a directory");
        }
        bytes = std::fs::read(p).with_context(|| format!("cannot read data file {path}"))?;
    }
    Ok(bytes)
}
