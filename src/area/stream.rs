//! Streaming one CSV file into [`Rows`]: header, then one row at a time
//! through one reused `ByteRecord`, physical line numbers from a
//! [`LineTap`]; a large file is handed to `split.rs` for two threads. No
//! file is held in memory, and no decision about restarting is taken here:
//! the outcome says what `read.rs` must do.

use std::io::{self, Read};

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
    };
    match stream_part(line, &part, options, rows, found, out)? {
        true => Ok(Streamed::Done),
        false => Ok(Streamed::Whole),
    }
}

/// A stretch of a CSV file read by one thread.
pub(super) struct Part<'p, 'c> {
    pub source: Source<'p>,
    pub delimiter: u8,
    /// The file's header when the stretch starts after it.
    pub header: Option<&'c Columns>,
}

/// Streams the records of `input` (from its header unless `part` gives
/// it) into `rows`; false when the file turned out to need the general
/// reader.
pub(super) fn stream_part<R: Read>(
    input: LineTap<R>,
    part: &Part,
    options: &ReadOptions,
    rows: &mut Rows,
    found: &mut Found,
    out: &mut AreaRead,
) -> Result<bool> {
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
    loop {
        let more = reader
            .read_byte_record(&mut record)
            .with_context(|| format!("cannot read data file {path}"))?;
        if reader.get_ref().malformed_quotes() {
            return Ok(false);
        }
        if !more {
            break;
        }
        let start = record.position().map_or(0, |p| p.byte());
        let line = reader.get_mut().line_at(start);
        if header_problem.is_some() {
            if record.iter().any(|f| std::str::from_utf8(f).is_err()) {
                return Ok(false);
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
                    return Ok(false);
                }
            }
            None => {
                let Some(header) = to_record(&record, line) else {
                    return Ok(false);
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
    Ok(true)
}
