//! The one reader every command uses: data files (CSV in every dialect,
//! workbooks, standard input) into the [`Store`], every problem handed to
//! a [`Sink`] as it is found, in file and line order.
//!
//! bytes -> text (`decode.rs`) -> records with the line of every field and
//! the quoting mistakes (`csv.rs`, `quoting.rs`; workbooks: `workbook.rs`)
//! -> header (`header.rs`) -> checked rows (`row.rs`, `field.rs`,
//! `value.rs`) -> the store. A CSV file is streamed: memory does not grow
//! with its rows.

pub mod areas;
pub mod csv;
pub mod decode;
pub mod field;
pub mod header;
mod ods;
mod quoting;
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
use crate::msg::{Failure, FirstPlace, Notice, Problem, Reason};
use crate::rollup::{Cells, Given};
use crate::store::{Place, Refused, Store};
use crate::targets::{Resolution, Unit};
use csv::{CsvReader, Event};
use field::Span;
use header::Columns;
use record::{OwnedRecord, Record, cell_name};
use row::{Checked, Checker, FileMark, FileRows, Row};
use value::{Evidence, Mark};

/// Years before the adoption year that data may be for, unless `--lookback`
/// says otherwise (baselines of a five-year plan).
pub const DEFAULT_LOOKBACK: u16 = 5;

/// Most records held back while a file's decimal mark is looked for.
const LOOKAHEAD_BYTES: usize = 1 << 20;

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

struct Reader<'a, 'r> {
    resolution: &'r Resolution,
    options: &'a ReadOptions,
    checker: Checker<'r>,
    store: &'a mut Store,
    cells: Option<&'a mut Cells>,
    sink: &'a mut dyn Sink,
    outcome: Outcome,
    problems: Vec<Diagnostic>,
}

/// A file's state while its rows are read.
struct FileState {
    index: u16,
    name: Arc<str>,
    columns: Option<Columns>,
    /// A header problem: the rest of the file is only checked for what
    /// makes it unreadable.
    broken: bool,
    mark: FileMark,
    /// Whole-file problems of the run before this file.
    file_problems_before: u64,
    /// Rows with no value yet.
    unfilled: u64,
    /// Per indicator: figures seen, every one within 0-1, one not 0, the
    /// largest (for `%` indicators).
    fractions: Vec<(bool, bool, bool, f64)>,
}

/// Something held back while the decimal mark is looked for.
enum Held {
    Record(OwnedRecord, Option<Box<Diagnostic>>),
    Lost(Box<Diagnostic>),
}

impl Reader<'_, '_> {
    fn emit(&mut self, d: Diagnostic) {
        self.outcome.problems += 1;
        if d.rule().is_whole_file() {
            self.outcome.file_problems += 1;
        }
        self.sink.problem(d);
    }

    /// Reads one file from `input`; `len` is its size when it is a file on
    /// disk (a large one may be read on two threads).
    fn file(
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
    fn events<R: Read>(&mut self, csv: &mut CsvReader<R>, state: &mut FileState) -> io::Result<()> {
        while let Some(event) = csv.next_event() {
            self.event(event, state)?;
        }
        Ok(())
    }

    /// One event: a record, a row lost, the end of what can be read.
    fn event(&mut self, event: Event, state: &mut FileState) -> io::Result<()> {
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

    /// One record: the header, or a data row.
    fn record(&mut self, record: &Record, quote: Option<Box<Diagnostic>>, state: &mut FileState) {
        if state.columns.is_none() && !state.broken {
            if record.is_blank() {
                return;
            }
            if let Some(d) = quote {
                self.emit(*d);
            }
            return self.header(record, state);
        }
        if state.broken {
            if let Some(d) = quote {
                self.emit(*d);
            }
            return;
        }
        if record.is_blank() {
            return;
        }
        if let Some(d) = quote {
            self.outcome.rejected += 1;
            return self.emit(*d);
        }
        let Some(columns) = state.columns.as_ref() else {
            return;
        };
        let file = FileRows {
            name: &state.name,
            columns,
            mark: &state.mark,
        };
        let row = match self
            .checker
            .check(record, &file, self.store, &mut self.problems)
        {
            Checked::Row(row) => row,
            Checked::Known(k) => {
                match (self.cells.as_deref_mut(), k.unit) {
                    (Some(cells), Some(unit)) => {
                        cells.known(unit, (k.indicator, k.member, k.year), k.denominator);
                    }
                    _ => state.unfilled += 1,
                }
                return;
            }
            Checked::Unfilled => {
                state.unfilled += 1;
                return;
            }
            Checked::Invalid => {
                self.outcome.rejected += 1;
                for d in std::mem::take(&mut self.problems) {
                    self.emit(d);
                }
                return;
            }
        };
        let place = Place {
            file: state.index,
            line: u32::try_from(record.line).unwrap_or(u32::MAX),
        };
        match self.store.add(
            row.area,
            row.indicator,
            row.member,
            row.year,
            (row.value, row.decimals),
            place,
        ) {
            Ok(()) => {
                self.outcome.rows += 1;
                self.track_fraction(&row, state);
                if let (Some(cells), Some(unit)) = (self.cells.as_deref_mut(), row.unit) {
                    let given = Given {
                        value: row.value,
                        decimals: row.decimals,
                        fraction: row.parts.fraction,
                        weight: row.parts.weight,
                    };
                    cells.figure(unit, (row.indicator, row.member, row.year), given);
                }
            }
            Err(refused) => {
                self.outcome.rejected += 1;
                let d = self.duplicate(record, &row, refused, state);
                self.emit(d);
            }
        }
    }

    fn header(&mut self, record: &Record, state: &mut FileState) {
        match Columns::from_header(record, &state.name) {
            Ok((columns, _)) if columns.area.is_none() && self.options.areas.is_some() => {
                state.broken = true;
                let header = (0..record.len())
                    .map(|i| record.text(i).to_string())
                    .collect();
                let problem = Problem::MissingColumns {
                    missing: vec!["area"],
                    header,
                };
                self.emit(Diagnostic::at(&state.name, record.line, 1, problem));
            }
            Ok((columns, ignored)) => {
                if !ignored.is_empty() {
                    self.sink.notice(Notice::IgnoredColumns {
                        file: state.name.to_string(),
                        names: ignored,
                    });
                }
                if let Some(f) = self.outcome.files.last_mut() {
                    f.has_area = Some(columns.area.is_some());
                    f.indicator_column = record.place(columns.indicator).1;
                }
                state.columns = Some(columns);
            }
            Err(d) => {
                state.broken = true;
                self.emit(*d);
            }
        }
    }

    /// The problem of a row whose key was given before.
    fn duplicate(
        &self,
        record: &Record,
        row: &Row,
        refused: Refused,
        state: &FileState,
    ) -> Diagnostic {
        let columns = state.columns.as_ref();
        let col = columns.map_or(0, |c| c.indicator);
        let (line, column) = record.place(col);
        let area = columns
            .and_then(|c| c.area)
            .map(|_| self.store.area_name(row.area).to_string());
        let member = row.member.map(|m| self.store.member_name(m).to_string());
        let first = match refused {
            Refused::Duplicate(p) => self.first_place(p, state.index),
            Refused::Full => FirstPlace::Line(0),
        };
        let id = self
            .resolution
            .indicators
            .get(row.indicator)
            .map_or("", |i| i.id.as_str());
        let value = format!(
            "{id}{}, {}{}",
            area.as_deref()
                .map(|a| format!(", area {a}"))
                .unwrap_or_default(),
            row.year,
            member
                .as_deref()
                .map(|m| format!(", breakdown {m}"))
                .unwrap_or_default(),
        );
        let problem = Problem::Duplicate {
            area,
            year: row.year,
            member,
            first,
        };
        let d = Diagnostic::at(&state.name, line, column, problem)
            .in_field(columns.and_then(|c| c.name(col)))
            .with_value(value);
        match record.cell(col) {
            Some(cell) => d.in_cell(cell),
            None => d,
        }
    }

    /// Where a figure was first given, as said from file `here`.
    fn first_place(&self, p: Place, here: u16) -> FirstPlace {
        let Some(f) = self.outcome.files.get(usize::from(p.file)) else {
            return FirstPlace::Line(u64::from(p.line));
        };
        let cell = f
            .sheet
            .as_deref()
            .map(|s| cell_name(s, u64::from(p.line), f.indicator_column));
        match (p.file == here, cell) {
            (true, Some(cell)) => FirstPlace::Cell(cell),
            (true, None) => FirstPlace::Line(u64::from(p.line)),
            (false, Some(cell)) => FirstPlace::Elsewhere(format!("{}:{cell}", f.name)),
            (false, None) => FirstPlace::Elsewhere(format!("{}:{}", f.name, p.line)),
        }
    }

    fn track_fraction(&self, row: &Row, state: &mut FileState) {
        if state.fractions.is_empty() {
            let n = self.resolution.indicators.len();
            state.fractions = vec![(false, true, false, 0.0); n];
        }
        if let Some(e) = state.fractions.get_mut(row.indicator) {
            e.0 = true;
            e.1 &= (0.0..=1.0).contains(&row.value);
            e.2 |= row.value != 0.0;
            e.3 = e.3.max(row.value);
        }
    }

    fn finish_file(&mut self, state: &FileState) {
        if state.unfilled > 0 {
            self.sink.notice(Notice::Unfilled {
                file: state.name.to_string(),
                rows: state.unfilled,
            });
        }
        let unreadable = self.outcome.file_problems > state.file_problems_before;
        if state.columns.is_none() && !state.broken && !unreadable {
            let d = Diagnostic::file(&state.name, Problem::EmptyFile);
            self.emit(d);
        }
        for (i, &(seen, all, nonzero, example)) in state.fractions.iter().enumerate() {
            let Some(ind) = self.resolution.indicators.get(i) else {
                continue;
            };
            if seen && all && nonzero && ind.unit == Unit::Percent {
                let indicator = ind.id.clone();
                self.sink.notice(Notice::LooksLikeFractions {
                    file: state.name.to_string(),
                    indicator,
                    example: example.to_string(),
                });
            }
        }
    }
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
