//! The `--by area` front end: decides how each file is read (streamed by
//! `stream.rs`, or whole by the general reader) into an [`AreaAggregator`],
//! restarts when a file needs another way, and words duplicates.
//!
//! Rows are checked by the general reader's rules (`row.rs`). A file the
//! stream cannot take as the general reader would (a workbook, UTF-16, an
//! `--encoding`, bytes that are not UTF-8, malformed quoting) is read by the
//! general reader itself ([`actuals::read_file`]) and its rows go into the
//! same aggregation; such a file found mid-stream restarts the reading, so
//! nothing of its half-streamed rows remains. Duplicate rows are found by
//! the aggregator's year masks; their first places by a second pass, only
//! when there are duplicates. Standard input is copied to a temporary file
//! first, so it can be read again.
//!
//! A large CSV file is read on two threads (`split.rs`): its first half on
//! this one, its second half into an aggregation of its own that is merged
//! afterwards. Whenever that could differ from one pass in any way (a `"`
//! in the first half, a duplicate across the halves, many problems), the
//! file is read again in one pass.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};

use anyhow::{Context, Result, bail};

use super::AreaAggregator;
use super::row::{NameKey, Rows};
use super::stream::{self, Source};
use crate::actuals::{self, Observation, ReadOptions, Sink};
use crate::diagnostic::Diagnostic;

/// The area of every row in a file without an `area` column.
pub const IMPLICIT_AREA: &str = "all";
/// Problems kept for printing; the rest are only counted.
pub(super) const MAX_PROBLEMS: usize = 10_000;
/// Files of at least this many bytes are read on two threads.
const SPLIT_MIN: u64 = 4 << 20;
/// Read buffer of the csv reader, and the most bytes looked at to detect
/// the delimiter.
pub(super) const BUFFER: usize = 1 << 16;

/// What reading found besides the figures.
#[derive(Debug, Default)]
pub struct AreaRead {
    /// The files as the user named them (`-` is standard input).
    pub files: Vec<String>,
    /// Problems that make rows or files unusable, by file, then line (at
    /// most 10,000 are kept).
    pub problems: Vec<Diagnostic>,
    /// Problems found beyond those kept.
    pub more_problems: usize,
    /// Notices that do not stop a report (e.g. ignored columns).
    pub warnings: Vec<String>,
    /// Valid rows read.
    pub rows: u64,
    /// Data rows rejected because of a problem.
    pub rejected_rows: usize,
}

/// A duplicate row waiting for its first place.
pub(super) struct Dup {
    pub file: usize,
    /// The row's file has an `area` column.
    pub has_area: bool,
    pub key: NameKey,
    /// A diagnostic at the row's indicator cell.
    pub place: Diagnostic,
}

/// Problems and duplicates collected while reading.
#[derive(Default)]
pub(super) struct Found {
    pub problems: Vec<(usize, Diagnostic)>,
    pub more: usize,
    pub dups: Vec<Dup>,
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

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    /// Streamed on two threads when it is large enough.
    Split,
    /// Streamed in one pass.
    Stream,
    /// Read whole by the general reader.
    Whole,
}

/// How a pass over the files ended.
enum Pass {
    Done,
    /// File `n` must be read this way; start again.
    Restart(usize, How),
}

/// How reading one file ended.
pub(super) enum Streamed {
    Done,
    /// The file must be read by the general reader.
    Whole,
    /// The file must be read again in one pass (its split could differ).
    Again,
}

/// The data files, standard input copied to a temporary file.
struct Inputs<'p> {
    paths: &'p [String],
    stdin: Option<File>,
    /// Files of at least this many bytes are read on two threads.
    split_min: u64,
}

impl Inputs<'_> {
    fn open(&self, path: &str) -> Result<Box<dyn Read + '_>> {
        if path == "-" {
            let mut f = self
                .stdin
                .as_ref()
                .context("cannot read standard input")?
                .try_clone()
                .context("cannot read standard input")?;
            f.seek(SeekFrom::Start(0))
                .context("cannot read standard input")?;
            return Ok(Box::new(f));
        }
        if std::path::Path::new(path).is_dir() {
            bail!("cannot read data file {path}: it is a directory");
        }
        let file = File::open(path).with_context(|| format!("cannot read data file {path}"))?;
        Ok(Box::new(file))
    }

    fn bytes(&self, path: &str) -> Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.open(path)?
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read data file {path}"))?;
        Ok(bytes)
    }
}

/// Reads every file (`-` for standard input) into `agg`.
///
/// Fails only when a file cannot be opened; problems inside files are
/// collected in [`AreaRead::problems`].
pub fn read(paths: &[String], agg: &mut AreaAggregator, options: &ReadOptions) -> Result<AreaRead> {
    let split_min = match crate::parallel::two_cores() {
        true => SPLIT_MIN,
        false => u64::MAX,
    };
    read_with(paths, agg, options, split_min)
}

/// [`read`], splitting files of at least `split_min` bytes.
pub(super) fn read_with(
    paths: &[String],
    agg: &mut AreaAggregator,
    options: &ReadOptions,
    split_min: u64,
) -> Result<AreaRead> {
    let stdin = match paths.iter().any(|p| p == "-") {
        true => {
            let mut spool = tempfile::tempfile().context("cannot buffer standard input")?;
            io::copy(&mut io::stdin().lock(), &mut spool).context("cannot read standard input")?;
            Some(spool)
        }
        false => None,
    };
    let inputs = Inputs {
        paths,
        stdin,
        split_min,
    };
    let mut how = vec![How::Split; paths.len()];
    let (mut found, mut out) = loop {
        let mut found = Found::default();
        let mut out = AreaRead {
            files: paths.to_vec(),
            ..AreaRead::default()
        };
        let mut rows = Rows::new(agg, None);
        let pass = read_all(&inputs, &how, options, &mut rows, &mut found, &mut out)?;
        out.rows = rows.accepted;
        out.rejected_rows = rows.rejected;
        match pass {
            Pass::Done => break (found, out),
            Pass::Restart(n, again) => {
                if let Some(h) = how.get_mut(n) {
                    *h = again;
                }
                agg.reset();
            }
        }
    };
    if !found.dups.is_empty() {
        locate_firsts(&inputs, &how, agg, options, &mut found)?;
    }
    found
        .problems
        .sort_by_key(|(file, d)| (*file, d.line.unwrap_or(u64::MAX)));
    out.problems = found.problems.into_iter().map(|(_, d)| d).collect();
    out.more_problems = found.more;
    Ok(out)
}

/// One pass over every file.
fn read_all(
    inputs: &Inputs,
    how: &[How],
    options: &ReadOptions,
    rows: &mut Rows,
    found: &mut Found,
    out: &mut AreaRead,
) -> Result<Pass> {
    for (file, path) in inputs.paths.iter().enumerate() {
        let how = how.get(file).copied().unwrap_or(How::Stream);
        match read_file(inputs, path, file, how, options, rows, found, out)? {
            Streamed::Done => {}
            Streamed::Whole => return Ok(Pass::Restart(file, How::Whole)),
            Streamed::Again => return Ok(Pass::Restart(file, How::Stream)),
        }
    }
    Ok(Pass::Done)
}

/// Second pass: finds the first place of every duplicated key and words
/// the duplicate problems as the general reader does.
fn locate_firsts(
    inputs: &Inputs,
    how: &[How],
    agg: &AreaAggregator,
    options: &ReadOptions,
    found: &mut Found,
) -> Result<()> {
    let mut fresh = AreaAggregator::new(agg.resolution(), None).map_err(anyhow::Error::msg)?;
    let wanted = found.dups.iter().map(|d| (d.key.clone(), None)).collect();
    let mut again = Rows::new(&mut fresh, Some(wanted));
    let (mut ignored, mut ignored_out) = (Found::default(), AreaRead::default());
    // first places are found in file order: one pass per file
    let how: Vec<How> = how
        .iter()
        .map(|&h| if h == How::Split { How::Stream } else { h })
        .collect();
    read_all(
        inputs,
        &how,
        options,
        &mut again,
        &mut ignored,
        &mut ignored_out,
    )?;
    let firsts = again.locate.unwrap_or_default();
    for d in std::mem::take(&mut found.dups) {
        let first = match firsts.get(&d.key).cloned().flatten() {
            Some((f, line, cell)) => {
                let name = inputs.paths.get(f).map_or("", String::as_str);
                let (local, global) = actuals::first_place(name, line, cell.as_deref());
                if f == d.file { local } else { global }
            }
            None => "an earlier row".to_string(),
        };
        let (area, _, year, member) = &d.key;
        let area = d.has_area.then_some(area.as_str());
        let problem = actuals::duplicate(d.place, area, *year, member.as_deref(), &first);
        found.problems.push((d.file, problem));
    }
    Ok(())
}

/// Reads one file as `how` says (streamed only when its start allows).
#[allow(clippy::too_many_arguments)]
fn read_file(
    inputs: &Inputs,
    path: &str,
    file: usize,
    how: How,
    options: &ReadOptions,
    rows: &mut Rows,
    found: &mut Found,
    out: &mut AreaRead,
) -> Result<Streamed> {
    if how == How::Whole {
        general(inputs.bytes(path)?, path, file, options, rows, found, out);
        return Ok(Streamed::Done);
    }
    let mut input = inputs.open(path)?;
    let mut head = Vec::with_capacity(BUFFER);
    (&mut input)
        .take(BUFFER as u64)
        .read_to_end(&mut head)
        .with_context(|| format!("cannot read data file {path}"))?;
    let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    if options.encoding.is_some()
        || utf16
        || actuals::workbook::has_workbook_extension(path)
        || actuals::workbook::looks_like_workbook(&head)
    {
        input
            .read_to_end(&mut head)
            .with_context(|| format!("cannot read data file {path}"))?;
        general(head, path, file, options, rows, found, out);
        return Ok(Streamed::Done);
    }
    let split_min = match how == How::Split && path != "-" {
        true => inputs.split_min,
        false => u64::MAX,
    };
    let file = Source { path, file };
    stream::stream(head, input, file, split_min, options, rows, found, out)
}

/// Reads a whole file with the general reader into `rows`.
fn general(
    bytes: Vec<u8>,
    path: &str,
    file: usize,
    options: &ReadOptions,
    rows: &mut Rows,
    found: &mut Found,
    out: &mut AreaRead,
) {
    struct Into<'x, 'a, 'r> {
        rows: &'x mut Rows<'a, 'r>,
        found: &'x mut Found,
    }
    impl Sink for Into<'_, '_, '_> {
        fn row(&mut self, obs: Observation, place: Diagnostic) -> bool {
            let before = self.rows.rejected;
            self.rows.observation(obs, place, self.found);
            self.rows.rejected == before
        }
    }
    let before = rows.rejected;
    let resolution = rows.resolution();
    let mut sink = Into { rows, found };
    let findings = actuals::read_file(bytes, path, file, resolution, options, &mut sink);
    let Into { rows, found } = sink;
    rows.rejected = before + findings.rejected;
    for p in findings.problems {
        found.problem(file, p);
    }
    out.warnings.extend(findings.warnings);
}
