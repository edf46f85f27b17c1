//! Physical line numbers for a streamed file.
//!
//! The csv crate's `Position::line` is wrong on CRLF files and after blank
//! lines. [`LineTap`] sits between the file and the csv reader and notes
//! the offset of every line-end byte as the bytes pass; a record's byte
//! offset is then turned into the line an editor shows. Offsets are
//! dropped once a record past them was asked about, so memory stays
//! bounded by the csv reader's buffer (plus the longest record). The tap
//! also checks the quoting as the bytes pass ([`QuoteCheck`]).

use std::collections::VecDeque;
use std::io::{self, Read};

use super::quoting::QuoteCheck;

/// A reader that remembers where lines end.
#[derive(Debug)]
pub struct LineTap<R> {
    inner: R,
    /// Bytes passed so far.
    offset: u64,
    /// Line-end bytes not yet passed by a record: `offset << 1 | is_newline`.
    ends: VecDeque<u64>,
    /// Line ends (`\n`, `\r\n`, a lone `\r`) before the last record asked about.
    newlines: u64,
    /// The quoting of the bytes passed so far.
    quotes: QuoteCheck,
    /// A `"` has passed.
    quoted: bool,
}

impl<R: Read> LineTap<R> {
    /// Wraps `inner`, a stream of fields separated by `delimiter`; offsets
    /// count from its first byte.
    pub fn new(inner: R, delimiter: u8) -> Self {
        LineTap {
            inner,
            offset: 0,
            ends: VecDeque::new(),
            newlines: 0,
            quotes: QuoteCheck::new(delimiter),
            quoted: false,
        }
    }

    /// True once the bytes passed break a quoting rule of the general reader.
    pub fn malformed_quotes(&self) -> bool {
        self.quotes.malformed()
    }

    /// True once a `"` has passed.
    pub fn quoted(&self) -> bool {
        self.quoted
    }

    /// The line ends among all the bytes passed (the stream's end: no
    /// record follows). A stream of `n` lines, each ended, has `n`.
    pub fn line_ends(&mut self) -> u64 {
        self.line_at(self.offset) - 1
    }

    /// The 1-based physical line of the record the csv reader says starts
    /// at byte `start`. Calls must come in record order. The csv crate puts
    /// a record's start before the line ends it skipped (blank lines, the
    /// `\n` of a CRLF), so line-end bytes at the start are stepped over. As
    /// in the general reader, `\n`, `\r\n` and a lone `\r` each end a line.
    pub fn line_at(&mut self, start: u64) -> u64 {
        let mut start = start;
        while let Some(&end) = self.ends.front() {
            let at = end >> 1;
            if at > start {
                break;
            }
            if at == start {
                start += 1;
            }
            self.ends.pop_front();
            // A CR is a line end of its own unless a LF follows it. That LF
            // has passed already: the record read needed the byte after the CR.
            let crlf = end & 1 == 0 && self.ends.front() == Some(&(((at + 1) << 1) | 1));
            self.newlines += u64::from(!crlf);
        }
        self.newlines + 1
    }
}

impl<R: Read> Read for LineTap<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let chunk = buf.get(..n).unwrap_or(buf);
        if n == 0 {
            self.quotes.end();
        }
        self.quotes.start_chunk(chunk, self.offset);
        for i in memchr::memchr3_iter(b'\n', b'\r', b'"', chunk) {
            let byte = chunk.get(i).copied();
            if byte == Some(b'"') {
                self.quoted = true;
                self.quotes.quote(chunk, i, self.offset);
                continue;
            }
            let at = self.offset + i as u64;
            self.ends
                .push_back((at << 1) | u64::from(byte == Some(b'\n')));
        }
        self.quotes.end_chunk(chunk);
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &[u8]) -> Vec<u64> {
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(LineTap::new(text, b','));
        let mut record = ::csv::ByteRecord::new();
        let mut out = Vec::new();
        while reader.read_byte_record(&mut record).unwrap_or(false) {
            let start = record.position().map_or(0, |p| p.byte());
            out.push(reader.get_mut().line_at(start));
        }
        out
    }

    #[test]
    fn lf_crlf_and_blank_lines_give_editor_lines() {
        assert_eq!(lines_of(b"a\nb\nc\n"), vec![1, 2, 3]);
        assert_eq!(lines_of(b"a\r\nb\r\nc"), vec![1, 2, 3]);
        // blank lines (LF and CRLF) are skipped but counted
        assert_eq!(lines_of(b"a\n\n\nb\r\n\r\nc\n"), vec![1, 4, 6]);
        // a quoted field spanning two lines: the next record is on line 3
        assert_eq!(lines_of(b"\"x\ny\",1\nz,2\n"), vec![1, 3]);
        // a lone CR ends a line, as in the general reader
        assert_eq!(lines_of(b"a\rb\r\rc\r\nd"), vec![1, 2, 4, 5]);
        assert_eq!(lines_of(b"\"x\ry\",1\rz\r\n\r\nw"), vec![1, 3, 5]);
    }

    /// The tap's line ends after reading all of `text`, and whether a
    /// `"` passed.
    fn ends_of(text: &[u8]) -> (u64, bool) {
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(LineTap::new(text, b','));
        let mut record = ::csv::ByteRecord::new();
        while reader.read_byte_record(&mut record).unwrap_or(false) {
            let start = record.position().map_or(0, |p| p.byte());
            reader.get_mut().line_at(start);
        }
        let tap = reader.get_mut();
        (tap.line_ends(), tap.quoted())
    }

    #[test]
    fn line_ends_at_the_end_are_counted_as_lines_are() {
        // LF, CRLF, lone CR, and a CR at the end: four line ends
        assert_eq!(ends_of(b"a\nb\r\nc\rd\r"), (4, false));
        assert_eq!(ends_of(b""), (0, false));
        assert_eq!(ends_of(b"a\n\n\r\n"), (3, false));
        // a line ending in a quoted field counts, and the quote is seen
        assert_eq!(ends_of(b"a,\"b\nc\"\n"), (2, true));
        // a CRLF across the csv reader's buffer (8 KiB) is one line end
        let mut text = vec![b'x'; (1 << 13) - 1];
        text.extend_from_slice(b"\r\ny\n");
        assert_eq!(ends_of(&text), (2, false));
        // the count follows the lines records are given
        assert_eq!(lines_of(b"a\n\nb\r\n"), vec![1, 3]);
    }

    #[test]
    fn long_files_keep_memory_bounded() {
        let text = b"ab,c\r\n".repeat(100_000);
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(LineTap::new(&text[..], b','));
        let mut record = ::csv::ByteRecord::new();
        let mut last = 0;
        while reader.read_byte_record(&mut record).unwrap_or(false) {
            let start = record.position().map_or(0, |p| p.byte());
            last = reader.get_mut().line_at(start);
            assert!(reader.get_ref().ends.len() < 20_000);
        }
        assert_eq!(last, 100_000);
    }
}
