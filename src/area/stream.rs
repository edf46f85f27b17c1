//! Streaming one CSV file into [`Rows`]: header, then one row at a time
//! through one reused `ByteRecord`, physical line numbers from a
//! [`LineTap`]; a large file is handed to `split.rs` for two threads. No
//! file is held in memory, and no decision about restarting is taken here:
//! the outcome says what `read.rs` must do.

use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};

use ::csv::{ByteRecord, ReaderBuilder};
use anyhow::{Context, Result};

use super::columns::Columns;
use super::lines::LineTap;
use super::read::{AreaRead, BUFFER, Found, Streamed};
use super::row::{NotUtf8, Rows, is_blank, to_record};
use super::split;
use crate::actuals::row::{self as general_row, RowContext};
use crate::actuals::{self, ReadOptions, Span};
use crate::diagnostic::Diagnostic;

/// A data file being streamed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Source<'p> {
    /// As the user named it.
    pub path: &'p str,
    /// Its index among the files.
    pub file: usize,
}

/// Streams a CSV file: header, then one row at a time (on two threads
/// when it has at least `split_min` bytes and its start allows).
#[allow(clippy::too_many_arguments)]
pub(super) fn stream(
    head: Vec<u8>,
    input: Box<dyn Read + '_>,
    source: Source,
    split_min: u64,
    options: &ReadOptions,
    rows: &mut Rows,
    found: &mut Found,
    out: &mut AreaRead,
) -> Result<Streamed> {
    let bom: usize = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let delimiter = options.delimiter.unwrap_or_else(|| {
        let text = String::from_utf8_lossy(head.get(bom..).unwrap_or_default());
        // the detected delimiter is one of `,` `;` tab: one byte
        actuals::csv::detect_delimiter(&text) as u8
    });
    let layout = split::Layout { delimiter, bom };
    if let Some(parts) = split::plan(&head, layout, source.path, split_min) {
        drop(input);
        return split::stream(&parts, layout, source, options, rows, found, out);
    }
    let mut head = io::Cursor::new(head);
    head.set_position(bom as u64);
    let line = LineTap::new(head.chain(input), delimiter);
    let part = Part {
        source,
        delimiter,
        header: None,
        raise_on_quote: None,
        stop_when: None,
    };
    match stream_part(line, &part, options, rows, found, out)? {
        Ended::Read { .. } => Ok(Streamed::Done),
        Ended::General | Ended::Stopped => Ok(Streamed::Whole),
    }
}

/// A stretch of a CSV file read by one thread.
pub(super) struct Part<'p, 'c> {
    pub source: Source<'p>,
    pub delimiter: u8,
    /// The file's header when the stretch starts after it.
    pub header: Option<&'c Columns>,
    /// Set once a `"` has passed (the first part of a split file: the cut
    /// may then be inside a quoted field).
    pub raise_on_quote: Option<&'c AtomicBool>,
    /// Stop reading once this is set (the second part of a split file).
    pub stop_when: Option<&'c AtomicBool>,
}

/// How a stretch of a file ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ended {
    /// Every record was read: the line ends passed (as [`LineTap`] counts
    /// them) and whether a `"` was among the bytes.
    Read { line_ends: u64, quoted: bool },
    /// The file needs the general reader.
    General,
    /// `stop_when` was set before the end.
    Stopped,
}

/// Streams the records of `input` (from its header unless `part` gives
/// it) into `rows`.
pub(super) fn stream_part<R: Read>(
    input: LineTap<R>,
    part: &Part,
    options: &ReadOptions,
    rows: &mut Rows,
    found: &mut Found,
    out: &mut AreaRead,
) -> Result<Ended> {
    let Source { path, file } = part.source;
    let mut reader = ReaderBuilder::new()
        .delimiter(part.delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(BUFFER)
        .from_reader(input);
    let resolution = rows.resolution();
    let ctx = RowContext {
        file,
        name: path,
        resolution,
        decimal_comma: part.delimiter != b',',
        span: Span::of(resolution, options.lookback),
    };
    let mut record = ByteRecord::new();
    let mut own: Option<Columns> = None;
    // A header problem ends the file's checks, but the rest must still be
    // UTF-8 and quoted properly, as the general reader decodes and splits
    // the whole file first.
    let mut header_problem: Option<Diagnostic> = None;
    // records read, to look at `stop_when` only now and then (a flag read
    // on every record slows both threads down if its cache line is shared)
    let mut records: u32 = 0;
    loop {
        records = records.wrapping_add(1);
        let more = reader
            .read_byte_record(&mut record)
            .with_context(|| format!("cannot read data file {path}"))?;
        let tap = reader.get_ref();
        if tap.malformed_quotes() {
            return Ok(Ended::General);
        }
        if let Some(flag) = part.raise_on_quote
            && tap.quoted()
            && !flag.load(Ordering::Relaxed)
        {
            flag.store(true, Ordering::Relaxed);
        }
        if records.is_multiple_of(1024) && part.stop_when.is_some_and(|f| f.load(Ordering::Relaxed))
        {
            return Ok(Ended::Stopped);
        }
        if !more {
            break;
        }
        let start = record.position().map_or(0, |p| p.byte());
        let line = reader.get_mut().line_at(start);
        if header_problem.is_some() {
            if record.iter().any(|f| std::str::from_utf8(f).is_err()) {
                return Ok(Ended::General);
            }
            continue;
        }
        let header = part.header.or(own.as_ref());
        // data rows: `Rows::row` skips blank ones after its fast path (a
        // row it takes is not blank), saving a pass over every row
        if header.is_none() && is_blank(&record) {
            continue;
        }
        match header {
            Some(c) => {
                if let Err(NotUtf8) = rows.row(&record, line, c, &ctx, found) {
                    return Ok(Ended::General);
                }
            }
            None => {
                let Some(header) = to_record(&record, line) else {
                    return Ok(Ended::General);
                };
                match general_row::Columns::from_header(&header, path) {
                    Ok((c, ignored)) => {
                        out.warnings
                            .extend(actuals::ignored_warning(path, &ignored));
                        own = Some(Columns::new(c));
                    }
                    Err(problem) => header_problem = Some(*problem),
                }
            }
        }
    }
    match header_problem {
        Some(problem) => found.problem(file, problem),
        None if part.header.is_none() && own.is_none() => {
            found.problem(file, actuals::empty_file(path))
        }
        None => {}
    }
    let tap = reader.get_mut();
    Ok(Ended::Read {
        line_ends: tap.line_ends(),
        quoted: tap.quoted(),
    })
}
