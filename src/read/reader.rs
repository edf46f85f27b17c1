//! The reader of one run and how it reads a file: the file opened,
//! CSV or workbook, its text decoded, large files cut in two, and rows
//! held back until a value tells the decimal mark. What it does with
//! each record is in `entry.rs`.

use std::io::{self, Read};
use std::sync::Arc;

use super::csv::{CsvReader, Event};
use super::header::Columns;
use super::record::{OwnedRecord, Record};
use super::row::{Checker, FileMark};
use super::value::{self, Evidence, Mark};
use super::{FileInfo, Outcome, ReadOptions, Sink, decode, split, workbook};
use crate::diagnostic::Diagnostic;
use crate::msg::{Failure, Problem, Reason};
use crate::rollup::Cells;
use crate::store::Store;
use crate::targets::Resolution;

/// Most records held back while a file's decimal mark is looked for.
const LOOKAHEAD_BYTES: usize = 1 << 20;

pub(super) struct Reader<'a, 'r> {
    pub(super) resolution: &'r Resolution,
    pub(super) options: &'a ReadOptions,
    pub(super) checker: Checker<'r>,
    pub(super) store: &'a mut Store,
    pub(super) cells: Option<&'a mut Cells>,
    pub(super) sink: &'a mut dyn Sink,
    pub(super) outcome: Outcome,
    pub(super) problems: Vec<Diagnostic>,
}

/// A file's state while its rows are read.
pub(super) struct FileState {
    pub(super) index: u16,
    pub(super) name: Arc<str>,
    pub(super) columns: Option<Columns>,
    /// A header problem: the rest of the file is only checked for what
    /// makes it unreadable.
    pub(super) broken: bool,
    pub(super) mark: FileMark,
    /// Whole-file problems of the run before this file.
    pub(super) file_problems_before: u64,
    /// Rows with no value yet.
    pub(super) unfilled: u64,
    /// Per indicator: figures seen, every one within 0-1, one not 0, the
    /// largest (for `%` indicators).
    pub(super) fractions: Vec<(bool, bool, bool, f64)>,
}

/// Something held back while the decimal mark is looked for.
enum Held {
    Record(OwnedRecord, Option<Box<Diagnostic>>),
    Lost(Box<Diagnostic>),
}

impl Reader<'_, '_> {
    pub(super) fn emit(&mut self, d: Diagnostic) {
        self.outcome.problems += 1;
        if d.rule().is_whole_file() {
            self.outcome.file_problems += 1;
        }
        self.sink.problem(d);
    }

    /// Reads one file from `input`; `len` is its size when it is a file on
    /// disk (a large one may be read on two threads).
    pub(super) fn file(
        &mut self,
        path: &str,
        mut input: Box<dyn Read + '_>,
        len: Option<u64>,
    ) -> Result<(), Failure> {
        let index = self.outcome.files.len() as u16;
        let name: Arc<str> = Arc::from(path);
        self.outcome.files.push(FileInfo {
            name: Arc::clone(&name),
            sheet: None,
            indicator_column: 1,
            has_area: None,
        });
        let cannot = |e: io::Error| match path {
            "-" => Failure::CannotReadStdin {
                reason: Reason::from(e),
            },
            _ => Failure::CannotReadData {
                path: path.to_string(),
                reason: Reason::from(e),
            },
        };
        let mut head = Vec::with_capacity(1 << 16);
        (&mut input)
            .take(1 << 16)
            .read_to_end(&mut head)
            .map_err(cannot)?;
        let mut state = FileState {
            index,
            name,
            columns: None,
            broken: false,
            mark: FileMark::Unknown,
            file_problems_before: self.outcome.file_problems,
            unfilled: 0,
            fractions: Vec::new(),
        };
        if workbook::has_workbook_extension(path) || workbook::looks_like_workbook(&head) {
            input.read_to_end(&mut head).map_err(cannot)?;
            self.workbook(head, &mut state);
        } else {
            let sniffed = decode::sniff(&head, self.options.encoding);
            let cut = match (sniffed.encoding, len) {
                (None, Some(len)) if len >= self.options.split_min => {
                    split::cut(path, len).filter(|&c| c > head.len() as u64)
                }
                _ => None,
            };
            let first_half = Arc::new(std::sync::atomic::AtomicU8::new(split::READING));
            let input: Box<dyn Read + '_> = match cut {
                Some(c) => Box::new(split::FirstHalf::new(
                    input,
                    c - head.len() as u64,
                    Arc::clone(&first_half),
                )),
                None => input,
            };
            let body = io::Cursor::new(head).chain(input);
            let mut body: Box<dyn Read + '_> = Box::new(body);
            io::copy(&mut (&mut body).take(sniffed.bom as u64), &mut io::sink()).map_err(cannot)?;
            let text: Box<dyn Read + '_> = match sniffed.encoding {
                Some(e) => Box::new(decode::Transcoder::new(body, e)),
                None => body,
            };
            let csv = CsvReader::new(text, self.options.delimiter, Arc::clone(&state.name));
            let split = cut.map(|c| (c, first_half));
            self.csv(csv, &mut state, path, split).map_err(cannot)?;
        }
        self.finish_file(&state);
        Ok(())
    }

    fn workbook(&mut self, bytes: Vec<u8>, state: &mut FileState) {
        state.mark = FileMark::Fixed(Mark::Point);
        let mut sheet =
            match workbook::Sheet::open(bytes, &state.name, self.options.sheet.as_deref()) {
                Ok(sheet) => sheet,
                Err(d) => return self.emit(*d),
            };
        while let Some(record) = sheet.next_row() {
            if let Some(s) = record.sheet
                && let Some(f) = self.outcome.files.last_mut()
            {
                f.sheet.get_or_insert_with(|| s.to_string());
            }
            self.record(&record, None, state);
        }
    }

    fn csv<R: Read>(
        &mut self,
        mut csv: CsvReader<R>,
        state: &mut FileState,
        path: &str,
        split: Option<(u64, Arc<std::sync::atomic::AtomicU8>)>,
    ) -> io::Result<()> {
        let delimiter = match csv.delimiter() {
            Ok(d) => d,
            Err(e) => return self.io_or_stop(&e, state),
        };
        state.mark = match (self.options.decimal, delimiter) {
            (Some(m), _) => FileMark::Fixed(m),
            (None, b',') => FileMark::Fixed(Mark::Point),
            (None, _) => FileMark::Unknown,
        };
        if let Some((cut, first_half)) = split {
            match state.mark {
                FileMark::Fixed(_) => {
                    return self.cut_file(&mut csv, state, path, cut, &first_half);
                }
                _ => first_half.store(split::READ_ON, std::sync::atomic::Ordering::Relaxed),
            }
        }
        let mut held: Vec<Held> = Vec::new();
        let mut held_bytes = 0;
        let mut looking = state.mark == FileMark::Unknown;
        while let Some(event) = csv.next_event() {
            if !(looking && state.columns.is_some() && !state.broken) {
                self.event(event, state)?;
                continue;
            }
            // hold rows back until a value tells the decimal mark
            match event {
                Event::Record(record, problem) => {
                    if let Some(m) = self.settles(&record, state) {
                        state.mark = m;
                        looking = false;
                        self.release(&mut held, state);
                        self.record(&record, problem, state);
                    } else {
                        held_bytes += record.text.len() + 64;
                        held.push(Held::Record(record.to_owned(), problem));
                        if held_bytes > LOOKAHEAD_BYTES {
                            looking = false;
                            self.release(&mut held, state);
                        }
                    }
                }
                Event::Lost(d) => held.push(Held::Lost(d)),
                Event::Stop(d) => {
                    self.release(&mut held, state);
                    self.emit(*d);
                }
                Event::Io(e) => return Err(e),
            }
        }
        self.release(&mut held, state);
        Ok(())
    }

    /// A file cut in two: its header read here, then its halves read on
    /// two threads (`split.rs`).
    fn cut_file<R: Read>(
        &mut self,
        csv: &mut CsvReader<R>,
        state: &mut FileState,
        path: &str,
        cut: u64,
        first_half: &std::sync::atomic::AtomicU8,
    ) -> io::Result<()> {
        while state.columns.is_none() && !state.broken {
            match csv.next_event() {
                Some(event) => self.event(event, state)?,
                None => return Ok(()),
            }
        }
        if state.broken {
            first_half.store(split::READ_ON, std::sync::atomic::Ordering::Relaxed);
            return self.events(csv, state);
        }
        self.two_halves(csv, state, path, cut, first_half)
    }

    /// Every event of `csv`, the decimal mark known.
    pub(super) fn events<R: Read>(
        &mut self,
        csv: &mut CsvReader<R>,
        state: &mut FileState,
    ) -> io::Result<()> {
        while let Some(event) = csv.next_event() {
            self.event(event, state)?;
        }
        Ok(())
    }

    /// One event: a record, a row lost, the end of what can be read.
    pub(super) fn event(&mut self, event: Event, state: &mut FileState) -> io::Result<()> {
        match event {
            Event::Record(record, problem) => self.record(&record, problem, state),
            Event::Lost(d) => self.lost(*d, state),
            Event::Stop(d) => self.emit(*d),
            Event::Io(e) => return Err(e),
        }
        Ok(())
    }

    fn io_or_stop(&mut self, e: &io::Error, state: &FileState) -> io::Result<()> {
        match e
            .get_ref()
            .and_then(|x| x.downcast_ref::<decode::Malformed>())
        {
            Some(m) => {
                let problem = Problem::NotValidIn {
                    line: m.line,
                    encoding: m.encoding.clone(),
                    utf16: m.utf16,
                };
                self.emit(Diagnostic::at(&state.name, m.line, 1, problem));
                Ok(())
            }
            None => Err(io::Error::new(e.kind(), e.to_string())),
        }
    }

    /// The mark a data record's value settles, if it does.
    fn settles(&self, record: &Record, state: &FileState) -> Option<FileMark> {
        let col = state.columns.as_ref()?.value;
        let raw = record.text(col);
        match value::evidence(raw) {
            Evidence::Settles(m) => Some(FileMark::Settled(m, record.line, raw.to_string())),
            _ => None,
        }
    }

    /// Reads the rows held back, in order.
    fn release(&mut self, held: &mut Vec<Held>, state: &mut FileState) {
        for h in std::mem::take(held) {
            match h {
                Held::Record(r, problem) => self.record(&r.as_record(), problem, state),
                Held::Lost(d) => self.lost(*d, state),
            }
        }
    }

    /// A row that could not be read: rejected; before the header, a row
    /// too long leaves the file without one.
    fn lost(&mut self, mut d: Diagnostic, state: &mut FileState) {
        if state.columns.is_none()
            && !state.broken
            && let Problem::RowTooLong { limit } = d.problem
        {
            d.problem = Problem::HeaderTooLong { limit };
            state.broken = true;
        } else if state.columns.is_some() {
            self.outcome.rejected += 1;
        }
        self.emit(d);
    }
}
