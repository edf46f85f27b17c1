//! The `--by area` CSV front end: streams each file through one reused
//! `ByteRecord` into an [`AreaAggregator`]; a file is never held in memory.
//!
//! Rows are checked with the general reader's rules and messages
//! (`check.rs`), numbers and years with [`crate::actuals::value`]. Duplicate
//! rows are found by the aggregator's year masks; their first places are
//! found by a second pass over the files, only when there are duplicates.
//! This front end is meant to be merged with the general reader.

use std::fs::File;
use std::io::{self, Read};

use ::csv::{ByteRecord, ReaderBuilder};
use anyhow::{Context, Result, bail};

use super::AreaAggregator;
use super::columns::{self, Columns};
use super::lines::LineTap;
use super::row::{NameKey, Place, Rows};
use crate::diagnostic::Diagnostic;

/// The area of every row in a file without an `area` column.
pub const IMPLICIT_AREA: &str = "all";
/// Problems kept for printing; the rest are only counted.
const MAX_PROBLEMS: usize = 10_000;
/// Read buffer of the csv reader, and the most bytes looked at to detect
/// the delimiter.
const BUFFER: usize = 1 << 16;

/// What reading found besides the figures.
#[derive(Debug, Default)]
pub struct AreaRead {
    /// The files as the user named them (`-` is standard input).
    pub files: Vec<String>,
    /// Problems that make rows unusable, in file and line order (at most
    /// 10,000 are kept).
    pub problems: Vec<Diagnostic>,
    /// Problems found beyond those kept.
    pub more_problems: usize,
    /// Notices that do not stop a report (e.g. ignored columns).
    pub warnings: Vec<String>,
    /// Valid rows read.
    pub rows: u64,
}

/// A duplicate row waiting for its first place.
pub(super) struct Dup {
    pub file: usize,
    pub line: u64,
    pub column: u64,
    pub has_area: bool,
    pub key: NameKey,
}

/// Problems and duplicates collected while reading.
#[derive(Default)]
pub(super) struct Found {
    problems: Vec<(usize, Diagnostic)>,
    more: usize,
    dups: Vec<Dup>,
}

impl Found {
    /// Keeps a problem (or only counts it past the limit).
    pub fn problem(&mut self, file: usize, d: Diagnostic) {
        if self.problems.len() + self.dups.len() < MAX_PROBLEMS {
            self.problems.push((file, d));
        } else {
            self.more += 1;
        }
    }

    /// Keeps a duplicate until its first place is known.
    pub fn duplicate(&mut self, dup: Dup) {
        if self.problems.len() + self.dups.len() < MAX_PROBLEMS {
            self.dups.push(dup);
        } else {
            self.more += 1;
        }
    }
}

/// Reads every file (`-` for standard input) into `agg`.
///
/// Fails only when a file cannot be opened; problems inside files are
/// collected in [`AreaRead::problems`].
pub fn read(paths: &[String], agg: &mut AreaAggregator, delimiter: Option<u8>) -> Result<AreaRead> {
    let mut out = AreaRead {
        files: paths.to_vec(),
        ..AreaRead::default()
    };
    let mut found = Found::default();
    let mut rows = Rows::new(agg, None);
    for (file, path) in paths.iter().enumerate() {
        read_file(path, file, delimiter, &mut rows, &mut found, &mut out)?;
    }
    if !found.dups.is_empty() {
        let resolution = agg.resolution();
        let mut fresh = AreaAggregator::new(resolution, None).map_err(anyhow::Error::msg)?;
        let wanted = found.dups.iter().map(|d| (d.key.clone(), None)).collect();
        let mut again = Rows::new(&mut fresh, Some(wanted));
        let mut ignored = (Found::default(), AreaRead::default());
        for (file, path) in paths.iter().enumerate().filter(|(_, p)| *p != "-") {
            read_file(
                path,
                file,
                delimiter,
                &mut again,
                &mut ignored.0,
                &mut ignored.1,
            )?;
        }
        let firsts = again.locate.unwrap_or_default();
        for d in std::mem::take(&mut found.dups) {
            let place = match firsts.get(&d.key).copied().flatten() {
                Some((f, line)) if f == d.file => format!("line {line}"),
                Some((f, line)) => format!("{}:{line}", paths.get(f).map_or("?", |p| p.as_str())),
                None => "an earlier row of standard input".to_string(),
            };
            let (area, _, year, member) = &d.key;
            let area = if d.has_area {
                format!(", area {area}")
            } else {
                String::new()
            };
            let member = member
                .as_ref()
                .map(|m| format!(", breakdown {m}"))
                .unwrap_or_default();
            let msg = format!(
                "duplicate row for this indicator{area}, year {year}{member}: already given at {place}"
            );
            let name = paths.get(d.file).map_or("?", |p| p.as_str());
            let diag = Diagnostic::at(name, d.line, d.column, Some("indicator"), "duplicate", msg);
            found.problems.push((d.file, diag));
        }
    }
    found.problems.sort_by_key(|(file, d)| (*file, d.line));
    out.problems = found.problems.into_iter().map(|(_, d)| d).collect();
    out.more_problems = found.more;
    Ok(out)
}

fn open(path: &str) -> Result<Box<dyn Read>> {
    if path == "-" {
        return Ok(Box::new(io::stdin().lock()));
    }
    if std::path::Path::new(path).is_dir() {
        bail!("cannot read data file {path}: it is a directory");
    }
    let file = File::open(path).with_context(|| format!("cannot read data file {path}"))?;
    Ok(Box::new(file))
}

/// Reads one file: header, then one row at a time.
fn read_file(
    path: &str,
    file: usize,
    delimiter: Option<u8>,
    rows: &mut Rows,
    found: &mut Found,
    out: &mut AreaRead,
) -> Result<()> {
    let mut input = open(path)?;
    let mut head = Vec::with_capacity(BUFFER);
    (&mut input)
        .take(BUFFER as u64)
        .read_to_end(&mut head)
        .with_context(|| format!("cannot read data file {path}"))?;
    let bom: usize = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let delimiter =
        delimiter.unwrap_or_else(|| columns::detect_delimiter(head.get(bom..).unwrap_or_default()));
    let mut head = io::Cursor::new(head);
    head.set_position(bom as u64);
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(BUFFER)
        .from_reader(LineTap::new(head.chain(input)));
    let mut record = ByteRecord::new();
    let mut cols: Option<Columns> = None;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let msg = format!("cannot read CSV: {e}");
                found.problem(file, Diagnostic::file(path, "unreadable", msg));
                return Ok(());
            }
        }
        let start = record.position().map_or(0, |p| p.byte());
        let line = reader.get_mut().line_at(start);
        if is_blank(&record) {
            continue;
        }
        match &cols {
            Some(c) => {
                let at = Place {
                    name: path,
                    file,
                    line,
                    decimal_comma: delimiter != b',',
                };
                if rows.row(&record, c, &at, found) {
                    out.rows += 1;
                }
            }
            None => match Columns::from_header(&record, path, line) {
                Ok((c, ignored)) => {
                    if !ignored.is_empty() {
                        let list = ignored.join(", ");
                        out.warnings
                            .push(format!("{path}: ignoring unknown columns: {list}"));
                    }
                    cols = Some(c);
                }
                Err(problem) => {
                    found.problem(file, problem);
                    return Ok(());
                }
            },
        }
    }
    if cols.is_none() {
        let msg =
            "the file is empty; expected a header row with the columns indicator, year, value";
        found.problem(file, Diagnostic::file(path, "empty-file", msg));
    }
    Ok(())
}

/// True for a row whose fields are all empty (Excel's trailing `;;;` rows).
fn is_blank(record: &ByteRecord) -> bool {
    record
        .iter()
        .all(|f| f.iter().all(|b| b.is_ascii_whitespace()))
}
