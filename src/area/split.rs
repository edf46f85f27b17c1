//! One large CSV file read on two threads: the first half streamed into
//! the caller's aggregation, the second half into an aggregation of its
//! own, merged by name afterwards (`AreaAggregator::merge`).
//!
//! The file is cut just after a `\n` near its middle. That is a record
//! boundary only when no `"` comes before it: the first half's reader
//! notes any `"` (and the second half then stops early). The second half
//! counts lines from 1; once the first half has told how many lines it
//! holds, the second half's problems are moved down by that many. The
//! result must equal one pass, so every case that could differ falls back
//! to one pass ([`Streamed::Again`]): a `"` in the first half, a key given
//! in both halves (a duplicate whose message names the first place), more
//! problems than are kept. No messages are worded here.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::sync::atomic::AtomicBool;

use ::csv::{ByteRecord, ReaderBuilder};
use anyhow::{Context, Result};

use super::columns::Columns;
use super::lines::LineTap;
use super::read::{AreaRead, Found, MAX_PROBLEMS, Streamed};
use super::row::{Rows, is_blank, to_record};
use super::stream::{Ended, Part, Source, stream_part};
use crate::actuals::ReadOptions;
use crate::actuals::row as general_row;

/// The most bytes after the middle searched for a line end.
const SEARCH: usize = 1 << 20;

/// Where a file is cut, and what the second half needs from the first.
pub(super) struct Parts {
    /// The file's header.
    header: Columns,
    /// Byte offset in the file where the second half starts (after a `\n`).
    at: u64,
}

/// How the file's bytes are laid out.
#[derive(Debug, Clone, Copy)]
pub(super) struct Layout {
    pub delimiter: u8,
    /// Length of the UTF-8 byte order mark (0 or 3).
    pub bom: usize,
}

/// Where to cut `path` (whose first bytes are `head`), or `None` when it
/// is read in one pass: fewer than `split_min` bytes, a header that is not
/// plainly in `head` or has a problem, no `\n` near the middle.
pub(super) fn plan(head: &[u8], layout: Layout, path: &str, split_min: u64) -> Option<Parts> {
    if split_min == u64::MAX {
        return None;
    }
    let len = std::fs::metadata(path).ok()?.len();
    if len < split_min.max(2) {
        return None;
    }
    let body = head.get(layout.bom..)?;
    let mut reader = ReaderBuilder::new()
        .delimiter(layout.delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut record = ByteRecord::new();
    loop {
        if !reader.read_byte_record(&mut record).ok()? {
            return None;
        }
        if !is_blank(&record) {
            break;
        }
    }
    let header_end = layout.bom as u64 + reader.position().byte();
    // the header must end before the buffer does, else it may be cut short
    if header_end >= head.len() as u64 {
        return None;
    }
    let (columns, _) = general_row::Columns::from_header(&to_record(&record, 1)?, path).ok()?;
    let mid = len / 2;
    if mid <= header_end {
        return None;
    }
    let mut file = File::open(path).ok()?;
    file.seek(SeekFrom::Start(mid)).ok()?;
    let mut near = Vec::with_capacity(SEARCH);
    file.take(SEARCH as u64).read_to_end(&mut near).ok()?;
    let at = mid + memchr::memchr(b'\n', &near)? as u64 + 1;
    (at < len).then(|| Parts {
        header: Columns::new(columns),
        at,
    })
}

/// Reads the file cut as `parts` says, the first half into `rows`.
pub(super) fn stream(
    parts: &Parts,
    layout: Layout,
    source: Source,
    options: &ReadOptions,
    rows: &mut Rows,
    found: &mut Found,
    out: &mut AreaRead,
) -> Result<Streamed> {
    let mut agg = rows.fresh_aggregator().map_err(anyhow::Error::msg)?;
    let mut later = Rows::new(&mut agg, None);
    let (mut found2, mut out2) = (Found::default(), AreaRead::default());
    let quoted = AtomicBool::new(false);
    let first_part = Part {
        source,
        delimiter: layout.delimiter,
        header: None,
        raise_on_quote: Some(&quoted),
        stop_when: None,
    };
    let second_part = Part {
        header: Some(&parts.header),
        raise_on_quote: None,
        stop_when: Some(&quoted),
        ..first_part
    };
    let halves = std::thread::scope(|s| {
        let spawned = std::thread::Builder::new().spawn_scoped(s, || {
            let rest = parts.at..u64::MAX;
            read_part(
                rest,
                &second_part,
                options,
                &mut later,
                &mut found2,
                &mut out2,
            )
        });
        // no thread to be had: nothing was read, one pass it is
        let second = spawned.ok()?;
        // the first half from just after the byte order mark, header included
        let first = read_part(
            layout.bom as u64..parts.at,
            &first_part,
            options,
            rows,
            found,
            out,
        );
        let second = second
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Some((first, second))
    });
    let Some((first, second)) = halves else {
        return Ok(Streamed::Again);
    };
    // the first half decides first: after a `"` there, the second half's
    // reading means nothing
    let lines_before = match first? {
        Ended::General => return Ok(Streamed::Whole),
        Ended::Read { quoted: true, .. } | Ended::Stopped => return Ok(Streamed::Again),
        Ended::Read { line_ends, .. } => line_ends,
    };
    match second? {
        Ended::General => return Ok(Streamed::Whole),
        Ended::Stopped => return Ok(Streamed::Again),
        Ended::Read { .. } => {}
    }
    let kept = found.problems.len() + found.dups.len();
    let kept2 = found2.problems.len() + found2.dups.len();
    if found.more + found2.more > 0 || kept + kept2 >= MAX_PROBLEMS {
        return Ok(Streamed::Again);
    }
    if rows.absorb(later).is_err() {
        return Ok(Streamed::Again);
    }
    let moved = |d: &mut crate::diagnostic::Diagnostic| {
        d.line = d.line.map(|l| l + lines_before);
    };
    found2.problems.iter_mut().for_each(|(_, d)| moved(d));
    found2.dups.iter_mut().for_each(|d| moved(&mut d.place));
    found.problems.append(&mut found2.problems);
    found.dups.append(&mut found2.dups);
    out.warnings.append(&mut out2.warnings);
    #[cfg(test)]
    tests::SPLITS.with(|n| n.set(n.get() + 1));
    Ok(Streamed::Done)
}

/// Reads the bytes `range` of the file (its lines counted from 1) as
/// `part` says.
fn read_part(
    range: std::ops::Range<u64>,
    part: &Part,
    options: &ReadOptions,
    rows: &mut Rows,
    found: &mut Found,
    out: &mut AreaRead,
) -> Result<Ended> {
    let path = part.source.path;
    let mut file = File::open(path).with_context(|| format!("cannot read data file {path}"))?;
    file.seek(SeekFrom::Start(range.start))
        .with_context(|| format!("cannot read data file {path}"))?;
    let input = file.take(range.end.saturating_sub(range.start));
    let tap = LineTap::new(input, part.delimiter);
    stream_part(tap, part, options, rows, found, out)
}

#[cfg(test)]
pub(super) mod tests {
    use std::cell::Cell;
    use std::io::Write;

    use crate::actuals::ReadOptions;
    use crate::area::AreaAggregator;
    use crate::area::read::read_with;
    use crate::targets;

    thread_local! {
        /// Files read on two threads by this thread's calls.
        pub static SPLITS: Cell<usize> = const { Cell::new(0) };
    }

    /// `areas` areas of 5 years of 4 rows each, grouped by area, lines
    /// ended by `eol`; `edit` may change the rows (index, text).
    fn data(areas: usize, eol: &str, edit: impl Fn(usize, String) -> String) -> String {
        let mut text = format!("area,indicator,year,breakdown,value{eol}");
        let mut n = 0;
        for a in 0..areas {
            for year in 2020..=2024 {
                let v = (a * 7 + year as usize * 3) % 97;
                for (ind, member) in [
                    ("gov.online_services", ""),
                    ("gov.digital_data", "health"),
                    ("gov.digital_data", "agriculture"),
                    ("soc.fibre_coverage", "households"),
                ] {
                    let row = format!("area {a:03},{ind},{year},{member},{v}.5{eol}");
                    text.push_str(&edit(n, row));
                    n += 1;
                }
            }
        }
        text
    }

    /// The problems, counts and assessment of `text` read in one pass and
    /// on two threads (as Debug text), and whether the second was split.
    fn both(text: &str, as_of: Option<i32>) -> (String, String, bool) {
        let r = targets::parse(targets::BUILTIN, "targets.toml").expect("built-in targets");
        let mut file = tempfile::NamedTempFile::new().expect("temp file");
        file.write_all(text.as_bytes()).expect("write");
        let path = file.path().to_string_lossy().to_string();
        let run = |split_min: u64| {
            let mut agg = AreaAggregator::new(&r, as_of).expect("fits");
            let before = SPLITS.with(Cell::get);
            let read = read_with(
                std::slice::from_ref(&path),
                &mut agg,
                &ReadOptions::default(),
                split_min,
            )
            .expect("readable");
            let split = SPLITS.with(Cell::get) > before;
            let assessed = agg.finish(&r.target_years(), &[]);
            let text = format!(
                "{:#?}\n{:?} {} {} {}\n{:#?}",
                read.problems,
                read.warnings,
                read.rows,
                read.rejected_rows,
                read.more_problems,
                assessed
            );
            (text, split)
        };
        let (one, split_one) = run(u64::MAX);
        let (two, split) = run(0);
        assert!(!split_one);
        (one, two, split)
    }

    #[test]
    fn blank_data_rows_are_skipped_on_both_paths() {
        let plain = data(41, "\n", |_, row| row);
        let blanks = data(41, "\n", |n, row| match n % 200 {
            // Excel's trailing `,,,,` rows, and spaces only
            0 => format!(",,,,\n{row}"),
            1 => format!(" , ,\t,,\n{row}"),
            _ => row,
        });
        let (one, two, split) = both(&blanks, None);
        assert!(split);
        assert_eq!(one, two);
        // the same figures as without the blank rows, and no problems
        assert_eq!(one, both(&plain, None).0);
        assert!(one.starts_with("[]"), "{one}");
    }

    /// A row index in the middle of an area's rows, in the second half.
    const LATE: usize = 20 * 30 + 7;

    #[test]
    fn a_split_inside_an_areas_rows_equals_one_pass() {
        for eol in ["\n", "\r\n"] {
            let text = data(41, eol, |_, row| row);
            // 41 areas of 20 rows: the middle falls inside area 20's rows
            let (one, two, split) = both(&text, None);
            assert!(split, "{eol:?}");
            assert_eq!(one, two, "{eol:?}");
            let (one, two, _) = both(&text, Some(2022));
            assert_eq!(one, two, "{eol:?} as of 2022");
        }
    }

    #[test]
    fn problems_in_both_halves_come_in_file_order() {
        for eol in ["\n", "\r\n"] {
            let text = data(41, eol, |n, row| match n {
                3 | LATE => row.replace(".5", "x"),
                // a duplicate inside the second half, blank lines in both
                600 | 700 => format!("{eol}{row}"),
                701 => data(41, eol, |_, r| r)
                    .lines()
                    .nth(701)
                    .map(|l| format!("{}{eol}", l.trim_end()))
                    .unwrap_or(row),
                _ => row,
            });
            let (one, two, split) = both(&text, None);
            assert!(split, "{eol:?}");
            assert_eq!(one, two, "{eol:?}");
            // row 700 is on line 704: the header, two blank lines
            assert!(one.contains("already given at line 704"), "{one}");
            let first = one.find("\"46x\"").expect("row 3's problem");
            assert!(first < one.find("\"65x\"").expect("row 607's problem"));
        }
    }

    #[test]
    fn a_duplicate_across_the_halves_falls_back_to_one_pass() {
        let first = data(41, "\n", |_, r| r).lines().nth(2).map(str::to_string);
        let first = first.expect("a row");
        let text = data(41, "\n", |n, row| match n {
            LATE => format!("{first}\n"),
            _ => row,
        });
        let (one, two, split) = both(&text, None);
        assert!(!split);
        assert_eq!(one, two);
        assert!(one.contains("duplicate"), "{one}");
    }

    #[test]
    fn quotes_before_the_cut_fall_back_and_after_it_are_split() {
        let quote = |row: String| row.replacen("area ", "\"area ", 1).replacen(',', "\",", 1);
        let early = data(41, "\r\n", |n, row| if n == 5 { quote(row) } else { row });
        let (one, two, split) = both(&early, None);
        assert!(!split);
        assert_eq!(one, two);
        let late = data(41, "\r\n", |n, row| match n {
            // a quoted field spanning two lines, then a problem after it
            LATE => quote(row).replacen("area", "ar\r\nea", 1),
            n if n == LATE + 1 => row.replace(".5", "%%"),
            _ => row,
        });
        let (one, two, split) = both(&late, None);
        assert!(split);
        assert_eq!(one, two);
        // malformed quoting after the cut: the general reader, as in one pass
        let bad = data(41, "\n", |n, row| match n {
            LATE => row.replacen(",", ",x\"y", 1),
            _ => row,
        });
        let (one, two, split) = both(&bad, None);
        assert!(!split);
        assert_eq!(one, two);
    }
}
