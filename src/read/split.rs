//! A large CSV file read on two cores, by the one reader: the file is cut
//! just after a line end near its middle; this thread reads up to the cut,
//! a second thread reads from it into a store of its own, with the same
//! row checks, and its store and problems are added after this thread's
//! (`Store::absorb`, lines moved down by the first half's).
//!
//! The result must be what one pass gives, so whenever it could differ the
//! file is read in one pass instead: a `"` before the cut (the cut may be
//! inside a quoted field: this thread then reads on past it), a key and
//! year given in both halves (a duplicate whose message names the first
//! place), more problems in the second half than are held for it. Only
//! plain UTF-8 files of a known decimal mark are cut; standard input,
//! workbooks, other encodings and one-core machines are read in one pass.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use super::csv::CsvReader;
use super::reader::{FileState, Reader};
use super::row::{Checker, FileMark};
use super::{Outcome, Sink};
use crate::diagnostic::Diagnostic;
use crate::msg::{FirstPlace, Notice, Problem};
use crate::rollup::Cells;
use crate::store::{MemberId, Store};

/// Files of at least this many bytes are cut in two.
pub const SPLIT_MIN: u64 = 8 << 20;

/// Problems held for the second half; past this, one pass.
const HELD_PROBLEMS: usize = 10_000;

/// The most bytes after the middle searched for a line end.
const SEARCH: usize = 1 << 20;

/// The cut of a file: the offset just after a line end near its middle,
/// or `None` when the file is not to be cut.
pub fn cut(path: &str, len: u64) -> Option<u64> {
    if !std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2) {
        return None;
    }
    let mut file = File::open(path).ok()?;
    let middle = len / 2;
    file.seek(SeekFrom::Start(middle)).ok()?;
    let mut buf = Vec::with_capacity(SEARCH);
    file.take(SEARCH as u64).read_to_end(&mut buf).ok()?;
    let at = memchr::memchr(b'\n', &buf)?;
    Some(middle + at as u64 + 1).filter(|&c| c < len)
}

/// How the first half ended.
/// Still before the cut.
pub const READING: u8 = 0;
/// Stopped at the cut.
pub const AT_CUT: u8 = 1;
/// Read on past the cut (a quote before it, or told to).
pub const READ_ON: u8 = 2;

/// The first half of a cut file: stops at the cut, unless a `"` came
/// before it (then it reads on to the end) or it is told to read on.
pub struct FirstHalf<R> {
    inner: R,
    left: u64,
    quote: bool,
    state: Arc<AtomicU8>,
}

impl<R: Read> FirstHalf<R> {
    /// `inner` read up to `left` more bytes; `state` tells how it ended.
    pub fn new(inner: R, left: u64, state: Arc<AtomicU8>) -> Self {
        FirstHalf {
            inner,
            left,
            quote: false,
            state,
        }
    }
}

impl<R: Read> Read for FirstHalf<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.state.load(Ordering::Relaxed) == READ_ON {
            return self.inner.read(buf);
        }
        if self.left == 0 {
            if self.quote {
                self.state.store(READ_ON, Ordering::Relaxed);
                return self.inner.read(buf);
            }
            self.state.store(AT_CUT, Ordering::Relaxed);
            return Ok(0);
        }
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(buf.get_mut(..want).unwrap_or_default())?;
        self.quote |= memchr::memchr(b'"', buf.get(..n).unwrap_or_default()).is_some();
        self.left -= n as u64;
        Ok(n)
    }
}

/// What the second half of a file found.
struct Half {
    store: Store,
    cells: Option<Cells>,
    outcome: Outcome,
    held: Held,
    fractions: Vec<(bool, bool, bool, f64)>,
    unfilled: u64,
}

/// Problems and notices held until the first half is done.
#[derive(Default)]
struct Held {
    problems: Vec<Diagnostic>,
    notices: Vec<Notice>,
    full: bool,
}

impl Sink for Held {
    fn problem(&mut self, d: Diagnostic) {
        if self.problems.len() < HELD_PROBLEMS {
            self.problems.push(d);
        } else {
            self.full = true;
        }
    }

    fn notice(&mut self, n: Notice) {
        self.notices.push(n);
    }
}

impl Reader<'_, '_> {
    /// Reads a file cut at `cut` on two threads (the header already read by
    /// `csv`, this thread's reader of the first half).
    pub(super) fn two_halves<R: Read>(
        &mut self,
        csv: &mut CsvReader<R>,
        state: &mut FileState,
        path: &str,
        cut: u64,
        first_half: &AtomicU8,
    ) -> io::Result<()> {
        let stop = AtomicBool::new(false);
        let files = self.outcome.files.clone();
        let first_year = self.store.first_year();
        let mut second_cells = self.cells.as_ref().map(|c| c.empty_like());
        let (resolution, options, span) = (self.resolution, self.options, self.checker.span());
        let delimiter = csv.delimiter()?;
        let mut second_state = state.for_second_half();
        let second = std::thread::scope(|scope| -> io::Result<Option<Half>> {
            let stop = &stop;
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                let mut store = Store::new(first_year);
                let mut held = Held::default();
                let mut reader = Reader {
                    resolution,
                    options,
                    checker: Checker::new(resolution, span, options.areas.clone()),
                    store: &mut store,
                    cells: second_cells.as_mut(),
                    sink: &mut held,
                    outcome: Outcome {
                        files,
                        ..Outcome::default()
                    },
                    problems: Vec::new(),
                };
                let read = second_half(&mut reader, &mut second_state, path, cut, delimiter, stop);
                let outcome = std::mem::take(&mut reader.outcome);
                let half = Half {
                    store,
                    cells: second_cells,
                    outcome,
                    held,
                    fractions: second_state.fractions,
                    unfilled: second_state.unfilled,
                };
                read.map(|complete| complete.then_some(half))
            });
            self.events(csv, state)?;
            if first_half.load(Ordering::Relaxed) != AT_CUT {
                stop.store(true, Ordering::Relaxed);
            }
            match spawned {
                Ok(handle) => match handle.join() {
                    Ok(read) => read,
                    Err(panic) => std::panic::resume_unwind(panic),
                },
                Err(_) => Ok(None),
            }
        })?;
        if first_half.load(Ordering::Relaxed) != AT_CUT {
            // a quote before the cut: this thread read the whole file
            return Ok(());
        }
        let shift = csv.line_ends();
        if let Some(half) = second.filter(|h| !h.held.full)
            && self.join(half, state, shift).is_ok()
        {
            return Ok(());
        }
        // the halves cannot be joined as one pass reads them: read the
        // second half again, here
        let mut file = File::open(path)?;
        file.seek(SeekFrom::Start(cut))?;
        let mut rest = CsvReader::new(file, Some(delimiter), Arc::clone(&state.name));
        rest.start_at_line(shift + 1);
        self.events(&mut rest, state)
    }

    /// Adds the second half's figures, counts and problems after this
    /// thread's; refused when a key and year are in both.
    fn join(&mut self, half: Half, state: &mut FileState, shift: u64) -> Result<(), ()> {
        let by = u32::try_from(shift).map_err(|_| ())?;
        // the second half's members in this side's ids (interning them here
        // is harmless if the halves cannot be joined)
        let members: Vec<Option<MemberId>> = (0..half.store.member_count() as MemberId)
            .map(|m| self.store.member(half.store.member_name(m)))
            .collect();
        self.store
            .absorb(half.store, state.index, by)
            .map_err(|_| ())?;
        if let (Some(mine), Some(later)) = (self.cells.as_deref_mut(), half.cells) {
            mine.absorb(later, |m| members.get(m as usize).copied().flatten());
        }
        let o = half.outcome;
        self.outcome.rows += o.rows;
        self.outcome.rejected += o.rejected;
        for mut d in half.held.problems {
            move_down(&mut d, shift);
            self.emit(d);
        }
        for n in half.held.notices {
            self.sink.notice(n);
        }
        state.absorb_fractions(&half.fractions);
        state.unfilled += half.unfilled;
        Ok(())
    }
}

/// Reads the second half into `reader`; `Ok(false)` when stopped early.
fn second_half(
    reader: &mut Reader,
    state: &mut FileState,
    path: &str,
    cut: u64,
    delimiter: u8,
    stop: &AtomicBool,
) -> io::Result<bool> {
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(cut))?;
    let mut csv = CsvReader::new(file, Some(delimiter), Arc::clone(&state.name));
    let mut events: u32 = 0;
    while let Some(event) = csv.next_event() {
        reader.event(event, state)?;
        events = events.wrapping_add(1);
        // the flag is looked at now and then (a shared cache line, read
        // on every row, slows both threads down)
        if events.is_multiple_of(1024) && stop.load(Ordering::Relaxed) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A problem of the second half, at its line in the whole file.
fn move_down(d: &mut Diagnostic, by: u64) {
    if let Some(line) = &mut d.line {
        *line += by;
    }
    match &mut d.problem {
        Problem::Duplicate {
            first: FirstPlace::Line(n),
            ..
        } => *n += by,
        Problem::MixedDecimal { line, .. } => *line += by,
        _ => {}
    }
}

impl FileState {
    /// The state the second half of this file starts with: its header and
    /// decimal mark.
    fn for_second_half(&self) -> FileState {
        FileState {
            index: self.index,
            name: Arc::clone(&self.name),
            columns: self.columns.clone(),
            broken: false,
            mark: match &self.mark {
                FileMark::Fixed(m) => FileMark::Fixed(*m),
                other => other.clone(),
            },
            file_problems_before: 0,
            unfilled: 0,
            fractions: Vec::new(),
        }
    }

    /// Adds what the second half saw of each indicator's figures.
    fn absorb_fractions(&mut self, later: &[(bool, bool, bool, f64)]) {
        if self.fractions.is_empty() {
            self.fractions = later.to_vec();
            return;
        }
        for (mine, l) in self.fractions.iter_mut().zip(later) {
            if l.0 {
                *mine = match mine.0 {
                    true => (true, mine.1 && l.1, mine.2 || l.2, mine.3.max(l.3)),
                    false => *l,
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Collect, ReadOptions, read, store_for};
    use crate::store::{AreaId, AreaSeries};
    use crate::targets::{BUILTIN, Resolution, parse};

    /// What a read gave: every problem as printed, the counts, and every
    /// area's series.
    fn read_with(path: &str, split_min: u64) -> (Vec<String>, (u64, u64, u64), Vec<String>) {
        let r: Resolution = parse(BUILTIN, "targets.toml").expect("built in");
        let options = ReadOptions {
            split_min,
            ..ReadOptions::default()
        };
        let mut store = store_for(&r, &options);
        let mut found = Collect::default();
        let into = crate::read::Into {
            store: &mut store,
            cells: None,
        };
        let o = read(&[path.to_string()], &r, &options, into, &mut found).expect("reads");
        let problems = found.problems.iter().map(|d| d.to_string()).collect();
        let mut series = AreaSeries::default();
        let mut figures = Vec::new();
        for a in 0..store.area_count() as AreaId {
            store.series_of(a, &mut series);
            for i in 0..r.indicators.len() {
                for (m, points) in series.of(i) {
                    let m = m.map(|m| store.member_name(m).to_string());
                    figures.push(format!("{} {i} {m:?} {points:?}", store.area_name(a)));
                }
            }
        }
        (problems, (o.rows, o.rejected, o.problems), figures)
    }

    /// Writes `rows` data rows after a header, `row(i)` each, and checks
    /// that two threads read it as one does.
    fn same_as_one_pass(rows: usize, row: impl Fn(usize) -> String) -> Vec<String> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.csv");
        let mut text = String::from("area,indicator,year,breakdown,value\n");
        for i in 0..rows {
            text.push_str(&row(i));
        }
        std::fs::write(&path, &text).expect("write");
        let path = path.display().to_string();
        let one = read_with(&path, u64::MAX);
        let two = read_with(&path, 0);
        assert_eq!(two, one);
        one.0
    }

    /// A valid row of area `i / 5`.
    fn valid(i: usize) -> String {
        format!(
            "A{:04},gov.online_services,{},,{}\n",
            i / 5,
            2020 + i % 5,
            i % 100
        )
    }

    #[test]
    fn a_clean_file_reads_as_one_pass() {
        let problems = same_as_one_pass(4000, valid);
        assert!(problems.is_empty());
    }

    #[test]
    fn problems_in_both_halves_keep_their_lines_and_order() {
        let problems = same_as_one_pass(4000, |i| match i % 700 {
            3 => format!("A{i},gov.online_services,2024,,x\n"),
            5 => "\r\n\n".to_string(),
            _ => valid(i),
        });
        assert_eq!(problems.len(), 6);
        // row 3503 is on line 3505, and five rows before it became two blank lines each
        assert!(problems[5].contains(":3510:5: value:"), "{problems:?}");
    }

    #[test]
    fn a_duplicate_across_the_halves_names_its_first_place() {
        let problems = same_as_one_pass(4000, |i| match i {
            3900 => valid(10),
            _ => valid(i),
        });
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].contains("already given at line 12"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_quote_before_the_cut_reads_the_file_in_one_pass() {
        same_as_one_pass(4000, |i| match i {
            7 => format!("\"A{:04}\",gov.online_services,2024,,1\n", i / 5),
            1900..=2100 if i % 2 == 0 => {
                format!("A{:04},\"gov.online_services\",2024,,\"1\n2\"\n", i)
            }
            _ => valid(i),
        });
    }

    /// The rolled-up figures of the parents of a file read with `split_min`:
    /// every (parent, indicator, member, year) with its figure and parts.
    fn rolled_with(path: &str, areas: &str, split_min: u64) -> Vec<String> {
        use crate::rollup::{self, Cells, Parents, Plan};
        let r: Resolution = parse(BUILTIN, "targets.toml").expect("built in");
        let h = std::sync::Arc::new(
            crate::read::areas::parse(areas.as_bytes(), "areas.csv", None).expect("areas"),
        );
        let level = h.level("province").expect("level");
        let plan = std::sync::Arc::new(Plan::new(h.clone(), Parents::Level(level), 1.0));
        let options = ReadOptions {
            split_min,
            areas: Some(h),
            ..ReadOptions::default()
        };
        let mut store = store_for(&r, &options);
        let mut cells = Cells::new(plan);
        let into = crate::read::Into {
            store: &mut store,
            cells: Some(&mut cells),
        };
        let mut found = Collect::default();
        read(&[path.to_string()], &r, &options, into, &mut found).expect("reads");
        assert!(found.problems.is_empty(), "{:?}", found.problems);
        let rolled = rollup::finish(&store, cells, &r, 2024).expect("rolls up");
        let mut series = AreaSeries::default();
        let mut out = Vec::new();
        for a in 0..rolled.store.area_count() as AreaId {
            rolled.store.series_of(a, &mut series);
            for i in 0..r.indicators.len() {
                for f in series.figures(i) {
                    for (p, t) in f.points.iter().zip(f.tags) {
                        let parts = rolled.store.rolled(*t).and_then(|x| x.parts);
                        out.push(format!("{a} {i} {:?} {p:?} {parts:?}", f.member));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn a_roll_up_read_on_two_threads_gives_the_same_figures_to_the_bit() {
        // 600 communes under 3 provinces; shares with decimals whose sums
        // in floating point would depend on the order they are added in
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.csv");
        let mut areas = String::from(
            "code,name,parent,level\nP0,p,,province\nP1,p,,province\nP2,p,,province\n",
        );
        let mut text = String::from("area,indicator,year,breakdown,value,numerator,denominator\n");
        for c in 0..600 {
            areas.push_str(&format!("C{c},c,P{},commune\n", c % 3));
            for y in 2020..2025 {
                let den = 100.0 + (c * 7 % 13) as f64 + 0.1 * (y - 2019) as f64;
                let num = den * (0.3 + 0.001 * c as f64);
                text.push_str(&format!("C{c},gov.online_services,{y},,,{num},{den}\n"));
            }
        }
        std::fs::write(&path, &text).expect("write");
        let path = path.display().to_string();
        let one = rolled_with(&path, &areas, u64::MAX);
        let two = rolled_with(&path, &areas, 0);
        assert_eq!(one.len(), 3 * 5, "{one:?}");
        assert_eq!(two, one);
    }

    #[test]
    fn more_problems_than_are_held_read_in_one_pass() {
        let problems = same_as_one_pass(2 * HELD_PROBLEMS + 100, |i| format!("A,x{i},2024,,1\n"));
        assert_eq!(problems.len(), 2 * HELD_PROBLEMS + 100);
    }
}
