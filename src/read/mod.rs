//! The one reader every command uses: data files (CSV in every dialect,
//! workbooks, standard input) into the [`Store`], every problem handed to
//! a [`Sink`] as it is found, in file and line order.
//!
//! bytes -> text (`decode.rs`) -> records with the line of every field and
//! the quoting mistakes (`csv.rs`, `quoting.rs`; workbooks: `workbook.rs`)
//! -> header (`header.rs`) -> checked rows (`row/`, `field.rs`,
//! `value.rs`) -> the store. A CSV file is streamed: memory does not grow
//! with its rows.

pub mod areas;
pub mod csv;
pub mod decode;
mod entry;
pub mod field;
pub mod header;
mod ods;
mod quoting;
mod reader;
pub mod record;
pub mod row;
mod split;
pub mod value;
pub mod workbook;

use std::io::{self, Read};
use std::sync::Arc;

use encoding_rs::Encoding;

use crate::diagnostic::Diagnostic;
use crate::hierarchy::Hierarchy;
use crate::msg::{Failure, Notice, Reason};
use crate::rollup::Cells;
use crate::store::Store;
use crate::targets::Resolution;
use field::Span;
use reader::Reader;
use row::Checker;
use value::Mark;

/// Years before the adoption year that data may be for, unless `--lookback`
/// says otherwise (baselines of a five-year plan).
pub const DEFAULT_LOOKBACK: u16 = 5;

/// The most data files in one run.
pub const MAX_FILES: usize = crate::store::MAX_FILES;

/// How data files are read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Field delimiter; detected from the header line when `None`.
    pub delimiter: Option<u8>,
    /// Text encoding for files without a byte-order mark; UTF-8 when `None`.
    pub encoding: Option<&'static Encoding>,
    /// Workbook sheet to read; the first visible one when `None`.
    pub sheet: Option<String>,
    /// Years before the adoption year accepted in the `year` column.
    pub lookback: u16,
    /// The decimal mark of `;`- and tab-delimited files; decided from the
    /// values when `None`.
    pub decimal: Option<Mark>,
    /// Files of at least this many bytes are read on two threads.
    pub split_min: u64,
    /// The areas file (`--areas`): every row's area must be in it and in
    /// force in the row's year.
    pub areas: Option<Arc<Hierarchy>>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            delimiter: None,
            encoding: None,
            sheet: None,
            lookback: DEFAULT_LOOKBACK,
            decimal: None,
            split_min: split::SPLIT_MIN,
            areas: None,
        }
    }
}

/// Where problems and notices go as they are found.
pub trait Sink {
    /// A problem, in file and line order.
    fn problem(&mut self, d: Diagnostic);
    /// A notice that does not stop a run.
    fn notice(&mut self, n: Notice);
}

/// A file read.
#[derive(Debug, Clone)]
pub struct FileInfo {
    /// As the user named it (`-` is standard input).
    pub name: Arc<str>,
    /// For workbooks, the sheet read.
    pub sheet: Option<String>,
    /// The column of `indicator` (its cells name a workbook row).
    indicator_column: u64,
    /// Whether its header has an `area` column (`None`: no header).
    pub has_area: Option<bool>,
}

/// What reading found besides the figures.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every file read, in order.
    pub files: Vec<FileInfo>,
    /// Valid rows stored.
    pub rows: u64,
    /// Data rows left out because of a problem.
    pub rejected: u64,
    /// Problems found.
    pub problems: u64,
    /// Of those, problems with a whole file.
    pub file_problems: u64,
}

impl Outcome {
    /// The file names.
    pub fn names(&self) -> Vec<String> {
        self.files.iter().map(|f| f.name.to_string()).collect()
    }
}

/// Where valid rows go: the store, and the sums of a roll-up when there
/// is one.
pub struct Into<'a> {
    /// Every valid figure.
    pub store: &'a mut Store,
    /// The roll-up's sums (`--roll-up`, or `--area` with `--areas`).
    pub cells: Option<&'a mut Cells>,
}

/// Reads every file (`-` for standard input) into `into`, checking rows
/// against `resolution`.
///
/// Fails only when a file cannot be read at all; problems inside files go
/// to `sink`.
pub fn read(
    paths: &[String],
    resolution: &Resolution,
    options: &ReadOptions,
    into: Into,
    sink: &mut dyn Sink,
) -> Result<Outcome, Failure> {
    if paths.len() > MAX_FILES {
        return Err(Failure::TooManyFiles { max: MAX_FILES });
    }
    let span = Span::of(resolution, options.lookback);
    let mut reader = Reader {
        resolution,
        options,
        checker: Checker::new(resolution, span, options.areas.clone()),
        store: into.store,
        cells: into.cells,
        sink,
        outcome: Outcome::default(),
        problems: Vec::new(),
    };
    for path in paths {
        let (input, len) = open(path)?;
        reader.file(path, input, len)?;
    }
    Ok(reader.outcome)
}

/// [`read`] for files already in memory: (name, bytes).
pub fn read_bytes(
    files: &[(&str, &[u8])],
    resolution: &Resolution,
    options: &ReadOptions,
    store: &mut Store,
    sink: &mut dyn Sink,
) -> Result<Outcome, Failure> {
    let span = Span::of(resolution, options.lookback);
    let mut reader = Reader {
        resolution,
        options,
        checker: Checker::new(resolution, span, options.areas.clone()),
        store,
        cells: None,
        sink,
        outcome: Outcome::default(),
        problems: Vec::new(),
    };
    for &(name, bytes) in files {
        reader.file(name, Box::new(bytes), None)?;
    }
    Ok(reader.outcome)
}

/// A sink that keeps everything (tests, fuzzing, small files).
#[derive(Debug, Default)]
pub struct Collect {
    /// Every problem, in order.
    pub problems: Vec<Diagnostic>,
    /// Every notice, in order.
    pub notices: Vec<Notice>,
}

impl Sink for Collect {
    fn problem(&mut self, d: Diagnostic) {
        self.problems.push(d);
    }

    fn notice(&mut self, n: Notice) {
        self.notices.push(n);
    }
}

/// The first store for a resolution's span of years.
pub fn store_for(resolution: &Resolution, options: &ReadOptions) -> Store {
    Store::new(Span::of(resolution, options.lookback).first)
}

/// Opens a data file, or standard input for `-`.
fn open(path: &str) -> Result<(Box<dyn Read>, Option<u64>), Failure> {
    if path == "-" {
        return Ok((Box::new(io::stdin()), None));
    }
    let p = std::path::Path::new(path);
    if p.is_dir() {
        return Err(Failure::DataIsDirectory {
            path: path.to_string(),
        });
    }
    std::fs::File::open(p)
        .map(|f| {
            let len = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
            (Box::new(f) as Box<dyn Read>, len)
        })
        .map_err(|e| Failure::CannotReadData {
            path: path.to_string(),
            reason: Reason::from(e),
        })
}
