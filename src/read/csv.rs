//! CSV text into records, streamed: csv-core splits the records; this
//! module counts physical lines itself (`\n`, `\r\n` and a lone `\r` each
//! end one line, inside quoted fields too, as an editor shows them), checks
//! that each record is UTF-8 and NFC-normalises it, caps a row's length, and
//! reports the quoting mistakes csv-core accepts silently (`quoting.rs`).
//!
//! A record is kept in the read buffer from its first byte until it ends,
//! so a quote found never closed can be read again from the line after it;
//! the buffer holds at most one row of [`MAX_ROW`] bytes plus a read, so
//! memory does not grow with the file.

use std::io::{self, Read};
use std::sync::Arc;

use csv_core::{ReadRecordResult, Reader as Core, ReaderBuilder};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::decode::Malformed;
use super::quoting::{self, Issue};
use super::record::Record;
use crate::diagnostic::Diagnostic;
use crate::msg::Problem;

/// The longest row read, in bytes; a longer one is reported and skipped.
pub const MAX_ROW: usize = 1 << 20;

/// Bytes read from the file at a time.
const CHUNK: usize = 1 << 16;

/// What the reader found next.
#[derive(Debug)]
pub enum Event<'a> {
    /// A record, and the quoting mistake that makes it unusable, if any.
    Record(Record<'a>, Option<Box<Diagnostic>>),
    /// A row that could not be read at all (a quote never closed, a row
    /// too long); reading goes on after it.
    Lost(Box<Diagnostic>),
    /// The rest of the file cannot be read (bytes that are not text in its
    /// encoding); reading stops.
    Stop(Box<Diagnostic>),
    /// Reading failed (the system's error); reading stops.
    Io(io::Error),
}

/// Records of one CSV file.
pub struct CsvReader<R> {
    input: R,
    file: Arc<str>,
    delimiter: Option<u8>,
    core: Core,
    buf: Vec<u8>,
    /// Where the current record's bytes start in `buf`.
    start: usize,
    /// How far csv-core has read.
    pos: usize,
    /// The end of the bytes in `buf`.
    end: usize,
    eof: bool,
    stopped: bool,
    out: Vec<u8>,
    ends: Vec<usize>,
    nout: usize,
    nend: usize,
    /// Where the first `"` at or after `start` is in `buf` (`usize::MAX`:
    /// none in the bytes read), so a record without one is known at once.
    next_quote: usize,
    /// Where the first byte that is not ASCII at or after `start` is in
    /// `buf`, likewise (an ASCII record needs no UTF-8 or NFC check).
    next_non_ascii: usize,
    /// Line ends before `start`.
    line_ends: u64,
    /// The byte before `start` is a `\r` (a `\n` right after it is part of
    /// the same line end).
    after_cr: bool,
    /// NFC text and field ends, when a record needed normalising.
    nfc_text: String,
    nfc_ends: Vec<usize>,
    lines: Vec<u64>,
}

impl<R: Read> CsvReader<R> {
    /// Reads UTF-8 text from `input` (its byte-order mark skipped);
    /// `delimiter` is detected from the first line when `None`. `file`
    /// names the file in diagnostics.
    pub fn new(input: R, delimiter: Option<u8>, file: Arc<str>) -> Self {
        CsvReader {
            input,
            file,
            delimiter,
            core: Core::new(),
            buf: vec![0; CHUNK],
            start: 0,
            pos: 0,
            end: 0,
            eof: false,
            stopped: false,
            out: vec![0; 1024],
            ends: vec![0; 64],
            nout: 0,
            nend: 0,
            next_quote: usize::MAX,
            next_non_ascii: usize::MAX,
            line_ends: 0,
            after_cr: false,
            nfc_text: String::new(),
            nfc_ends: Vec::new(),
            lines: Vec::new(),
        }
    }

    /// Counts lines from `line` on: the reader starts in the middle of a
    /// file whose earlier lines were read elsewhere.
    pub fn start_at_line(&mut self, line: u64) {
        self.line_ends = line.saturating_sub(1);
    }

    /// Line ends among the bytes read and done with.
    pub fn line_ends(&self) -> u64 {
        self.line_ends
    }

    /// The delimiter in use: given, or detected from the first line (read
    /// for it when nothing has been read yet).
    pub fn delimiter(&mut self) -> io::Result<u8> {
        if let Some(d) = self.delimiter {
            return Ok(d);
        }
        while !self.eof
            && self.end - self.start <= MAX_ROW
            && memchr::memchr2(b'\n', b'\r', self.trimmed_head()).is_none()
        {
            if self.fill()? == 0 {
                break;
            }
        }
        let d = detect_delimiter(self.trimmed_head());
        self.delimiter = Some(d);
        self.core = core(d);
        Ok(d)
    }

    /// The bytes read so far after any leading blank lines.
    fn trimmed_head(&self) -> &[u8] {
        let head = self.buf.get(self.start..self.end).unwrap_or_default();
        let skip = head
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        head.get(skip..).unwrap_or_default()
    }

    /// The next record or problem; `None` at the end of the file.
    pub fn next_event(&mut self) -> Option<Event<'_>> {
        if self.stopped {
            return None;
        }
        if let Err(e) = self.delimiter() {
            return Some(self.stop_on(&e));
        }
        loop {
            // csv-core is never given more than a row's worth of bytes
            let limit = self.start + MAX_ROW + 1;
            if self.pos >= limit {
                return Some(self.too_long());
            }
            // csv-core takes empty input as the end of the file
            if self.pos == self.end && !self.eof {
                if let Err(e) = self.fill() {
                    return Some(self.stop_on(&e));
                }
                continue;
            }
            let input = self
                .buf
                .get(self.pos..self.end.min(limit))
                .unwrap_or_default();
            let (res, nin, nout, nend) = self.core.read_record(
                input,
                self.out.get_mut(self.nout..).unwrap_or_default(),
                self.ends.get_mut(self.nend..).unwrap_or_default(),
            );
            self.pos += nin;
            self.nout += nout;
            self.nend += nend;
            match res {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let n = self.out.len() * 2;
                    self.out.resize(n, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                ReadRecordResult::Record => return Some(self.record()),
                ReadRecordResult::End => return None,
            }
        }
    }

    /// Reads more bytes, keeping the current record's; the number read.
    fn fill(&mut self) -> io::Result<usize> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.pos -= self.start;
            self.end -= self.start;
            if self.next_quote != usize::MAX {
                self.next_quote -= self.start;
            }
            if self.next_non_ascii != usize::MAX {
                self.next_non_ascii -= self.start;
            }
            self.start = 0;
        }
        if self.buf.len() - self.end < CHUNK / 2 {
            let n = self.buf.len() + CHUNK;
            self.buf.resize(n, 0);
        }
        let n = loop {
            match self
                .input
                .read(self.buf.get_mut(self.end..).unwrap_or_default())
            {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => break other?,
            }
        };
        let old_end = self.end;
        self.end += n;
        self.eof = n == 0;
        if self.next_quote == usize::MAX {
            self.seek_quote(old_end);
        }
        if self.next_non_ascii == usize::MAX {
            self.seek_non_ascii(old_end);
        }
        Ok(n)
    }

    /// Finds the first byte that is not ASCII at or after `from`.
    fn seek_non_ascii(&mut self, from: usize) {
        let rest = self.buf.get(from..self.end).unwrap_or_default();
        self.next_non_ascii = match rest.is_ascii() {
            true => usize::MAX,
            false => rest
                .iter()
                .position(|b| !b.is_ascii())
                .map_or(usize::MAX, |i| from + i),
        };
    }

    /// Finds the first `"` at or after `from` in the bytes read.
    fn seek_quote(&mut self, from: usize) {
        let rest = self.buf.get(from..self.end).unwrap_or_default();
        self.next_quote = memchr::memchr(b'"', rest).map_or(usize::MAX, |i| from + i);
    }

    /// The raw bytes of the current record, its leading blank lines left
    /// out, and their offset in `buf`.
    fn content(&self) -> (usize, &[u8]) {
        let raw = self.buf.get(self.start..self.pos).unwrap_or_default();
        let skip = raw
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        (self.start + skip, raw.get(skip..).unwrap_or_default())
    }

    /// The 1-based line of byte `at` of `buf` (at or after `start`).
    fn line_at(&self, at: usize) -> u64 {
        let between = self.buf.get(self.start..at).unwrap_or_default();
        1 + self.line_ends + line_ends(between, self.after_cr)
    }

    /// Moves past a record read, ending at `to`; `quoted` when it holds a
    /// `"` (so it may span lines).
    fn advance_record(&mut self, to: usize, quoted: bool) {
        if quoted {
            return self.advance(to);
        }
        // Without a quote, the record's only line ends are the blank lines
        // before it and the one that ends it.
        let done = self.buf.get(self.start..to).unwrap_or_default();
        let lead = done
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        if lead > 0 {
            self.line_ends += line_ends(done.get(..lead).unwrap_or_default(), self.after_cr);
        }
        let last = done.last().copied();
        if lead < done.len() {
            self.line_ends += u64::from(matches!(last, Some(b'\n' | b'\r')));
        }
        if last.is_some() {
            self.after_cr = last == Some(b'\r');
        }
        if self.next_non_ascii < to {
            self.seek_non_ascii(to);
        }
        self.start = to;
        self.pos = to;
        self.nout = 0;
        self.nend = 0;
    }

    /// Moves past the current record: its bytes are done with.
    fn advance(&mut self, to: usize) {
        let done = self.buf.get(self.start..to).unwrap_or_default();
        self.line_ends += line_ends(done, self.after_cr);
        if let Some(&last) = done.last() {
            self.after_cr = last == b'\r';
        }
        self.start = to;
        self.pos = to;
        self.nout = 0;
        self.nend = 0;
        if self.next_quote < to {
            self.seek_quote(to);
        }
        if self.next_non_ascii < to {
            self.seek_non_ascii(to);
        }
    }

    /// Starts csv-core afresh at `to` (after a row that could not be read).
    fn restart(&mut self, to: usize) {
        self.advance(to);
        self.core = core(self.delimiter.unwrap_or(b','));
    }

    /// A record csv-core has ended.
    fn record(&mut self) -> Event<'_> {
        let (content_at, content) = self.content();
        // without a quote a record is one line: csv-core ends it at a line end
        let quoted = self.next_quote < self.pos;
        let line = match content_at == self.start {
            true => 1 + self.line_ends,
            false => self.line_at(content_at),
        };
        if quoted {
            let delimiter = self.delimiter.unwrap_or(b',');
            match quoting::check(content, delimiter) {
                Some(Issue::Unclosed { field, quote }) => {
                    return self.unclosed(content_at, field, quote);
                }
                Some(issue) => {
                    let problem = self.quote_problem(content_at, issue);
                    return self.finish_record(line, quoted, Some(Box::new(problem)));
                }
                None => {}
            }
        }
        self.finish_record(line, quoted, None)
    }

    /// A record with no quote that makes it unreadable: checked as UTF-8,
    /// its fields' lines found when it spans lines, NFC-normalised.
    fn finish_record(
        &mut self,
        line: u64,
        quoted: bool,
        problem: Option<Box<Diagnostic>>,
    ) -> Event<'_> {
        let (nout, nend) = (self.nout, self.nend);
        // the fields hold no byte the record's bytes do not
        let ascii = self.next_non_ascii >= self.pos;
        let bytes = self.out.get(..nout).unwrap_or_default();
        if !ascii && std::str::from_utf8(bytes).is_err() {
            return self.not_utf8();
        }
        // the record's bytes are done with once it is returned
        let pos = self.pos;
        self.advance_record(pos, quoted);
        let bytes = self.out.get(..nout).unwrap_or_default();
        let ends = self.ends.get(..nend).unwrap_or_default();
        self.lines.clear();
        if quoted && memchr::memchr2(b'\n', b'\r', bytes).is_some() {
            let mut at = line;
            let mut from = 0;
            for &end in ends {
                self.lines.push(at);
                at += line_ends(bytes.get(from..end).unwrap_or_default(), false);
                from = end;
            }
        }
        let text = match ascii {
            true => "",
            false => std::str::from_utf8(bytes).unwrap_or_default(),
        };
        let (text, ends) = if ascii || is_nfc_quick(text.chars()) == IsNormalized::Yes {
            (bytes, ends)
        } else {
            self.nfc_text.clear();
            self.nfc_ends.clear();
            let mut from = 0;
            for &end in ends {
                let field = text.get(from..end).unwrap_or_default();
                self.nfc_text.extend(field.nfc());
                self.nfc_ends.push(self.nfc_text.len());
                from = end;
            }
            (self.nfc_text.as_bytes(), self.nfc_ends.as_slice())
        };
        let record = Record {
            line,
            text,
            ends,
            lines: &self.lines,
            unsaved: &[],
            first_column: 1,
            sheet: None,
        };
        Event::Record(record, problem)
    }

    /// The diagnostic of a stray quote or text after a closing quote.
    fn quote_problem(&self, content_at: usize, issue: Issue) -> Diagnostic {
        let (field, start, end, stray) = match issue {
            Issue::Stray { field, start, end } => (field, start, end, true),
            Issue::After { field, start, end } => (field, start, end, false),
            Issue::Unclosed { field, quote } => (field, quote, quote, true),
        };
        let raw = self
            .buf
            .get(content_at + start..content_at + end)
            .unwrap_or_default();
        let raw = String::from_utf8_lossy(raw).into_owned();
        let line = self.line_at(content_at + start);
        let problem = if stray {
            Problem::StrayQuote { raw: raw.clone() }
        } else {
            Problem::TextAfterQuote { raw: raw.clone() }
        };
        Diagnostic::at(&self.file, line, field as u64 + 1, problem).with_value(raw)
    }

    /// A quote never closed: reported where it opened; reading goes on at
    /// the line after it.
    fn unclosed(&mut self, content_at: usize, field: usize, quote: usize) -> Event<'_> {
        let at = content_at + quote;
        let line = self.line_at(at);
        let raw = self.buf.get(..self.pos).unwrap_or_default();
        let (line_end, next) = quoting::line_after(raw, at);
        let excerpt =
            String::from_utf8_lossy(raw.get(at..line_end).unwrap_or_default()).into_owned();
        let d = Diagnostic::at(
            &self.file,
            line,
            field as u64 + 1,
            Problem::UnclosedQuote {
                excerpt: excerpt.clone(),
            },
        )
        .with_value(excerpt);
        self.restart(next);
        Event::Lost(Box::new(d))
    }

    /// A row longer than [`MAX_ROW`]: a quote never closed, or a file that
    /// is not a data file. Reported; reading goes on after it.
    fn too_long(&mut self) -> Event<'_> {
        let (content_at, content) = self.content();
        let delimiter = self.delimiter.unwrap_or(b',');
        if let Some(Issue::Unclosed { field, quote }) = quoting::check(content, delimiter) {
            let raw = self.buf.get(..self.pos).unwrap_or_default();
            let (_, next) = quoting::line_after(raw, content_at + quote);
            if next < self.pos {
                return self.unclosed(content_at, field, quote);
            }
        }
        let line = self.line_at(content_at);
        let d = Diagnostic::at(&self.file, line, 1, Problem::RowTooLong { limit: MAX_ROW });
        // skip to the end of the line the row has reached
        loop {
            let rest = self.buf.get(self.pos..self.end).unwrap_or_default();
            if let Some(n) = memchr::memchr2(b'\n', b'\r', rest) {
                let mut to = self.pos + n + 1;
                if self.buf.get(to - 1) == Some(&b'\r') && self.buf.get(to) == Some(&b'\n') {
                    to += 1;
                }
                self.restart(to);
                return Event::Lost(Box::new(d));
            }
            // keep only the bytes not yet looked at, counting the lines passed
            let end = self.end;
            self.advance(end);
            match self.fill() {
                Ok(0) => {
                    self.restart(self.end);
                    return Event::Lost(Box::new(d));
                }
                Ok(_) => {}
                Err(e) => return self.stop_on(&e),
            }
        }
    }

    /// Bytes that are not UTF-8: reported at the first bad byte; the file
    /// stops there.
    fn not_utf8(&mut self) -> Event<'_> {
        let (content_at, content) = self.content();
        let bad = std::str::from_utf8(content)
            .err()
            .map_or(0, |e| e.valid_up_to());
        let at = content_at + bad;
        let line = self.line_at(at);
        let before = self.buf.get(self.start..at).unwrap_or_default();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n' || b == b'\r')
            .map_or(self.start, |i| self.start + i + 1);
        let column = String::from_utf8_lossy(self.buf.get(line_start..at).unwrap_or_default())
            .chars()
            .count() as u64
            + 1;
        let byte = self.buf.get(at).copied().unwrap_or_default();
        self.stopped = true;
        let d = Diagnostic::at(&self.file, line, column, Problem::NotUtf8 { byte, column })
            .with_value(format!("0x{byte:02x}"));
        Event::Stop(Box::new(d))
    }

    /// An I/O error: bytes not valid in the file's encoding become a
    /// problem at their line; any other error is the system's.
    fn stop_on(&mut self, e: &io::Error) -> Event<'_> {
        self.stopped = true;
        match e.get_ref().and_then(|x| x.downcast_ref::<Malformed>()) {
            Some(m) => {
                let problem = Problem::NotValidIn {
                    line: m.line,
                    encoding: m.encoding.clone(),
                    utf16: m.utf16,
                };
                Event::Stop(Box::new(Diagnostic::at(&self.file, m.line, 1, problem)))
            }
            None => Event::Io(io::Error::new(e.kind(), e.to_string())),
        }
    }
}

/// A csv-core reader for `delimiter`: double quotes, any line end.
fn core(delimiter: u8) -> Core {
    ReaderBuilder::new().delimiter(delimiter).build()
}

/// Line ends in `bytes`: `\n`, `\r\n` and a lone `\r` each count once;
/// `after_cr` says the byte before `bytes` was a `\r`.
pub fn line_ends(bytes: &[u8], after_cr: bool) -> u64 {
    let mut n = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        let crlf_tail = bytes.get(i) == Some(&b'\n')
            && match i {
                0 => after_cr,
                _ => bytes.get(i - 1) == Some(&b'\r'),
            };
        n += u64::from(!crlf_tail);
    }
    n
}

/// Picks `,`, `;` or tab: whichever occurs most often, outside quotes, in
/// the first line. Ties and a line with none of them give `,`.
pub fn detect_delimiter(first: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &c in first {
        match c {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [comma, semicolon, tab] = counts;
    if tab > comma && tab > semicolon {
        b'\t'
    } else if semicolon > comma {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, fields, problem rule) of every event.
    fn read(text: &[u8]) -> Vec<(u64, Vec<String>, Option<&'static str>)> {
        let mut r = CsvReader::new(text, None, Arc::from("f.csv"));
        let mut out = Vec::new();
        while let Some(e) = r.next_event() {
            out.push(match e {
                Event::Record(rec, p) => (rec.line, fields(&rec), p.map(|d| d.rule().id())),
                Event::Lost(d) | Event::Stop(d) => {
                    (d.line.unwrap_or(0), vec![], Some(d.rule().id()))
                }
                Event::Io(e) => panic!("{e}"),
            });
        }
        out
    }

    fn fields(r: &Record) -> Vec<String> {
        (0..r.len()).map(|i| r.raw(i).to_string()).collect()
    }

    fn lines(text: &[u8]) -> Vec<u64> {
        read(text).into_iter().map(|x| x.0).collect()
    }

    #[test]
    fn delimiter_is_detected_from_the_first_line() {
        assert_eq!(detect_delimiter(b"indicator,year,value\n1;2;3"), b',');
        assert_eq!(detect_delimiter(b"indicator;year;value\r\n"), b';');
        assert_eq!(detect_delimiter(b"indicator\tyear\tvalue"), b'\t');
        assert_eq!(detect_delimiter(b"\"a;b\",year,value"), b',');
        assert_eq!(detect_delimiter(b"indicator"), b',');
        let mut r = CsvReader::new(&b"\r\n\r\na;b\n"[..], None, Arc::from("f"));
        assert_eq!(r.delimiter().unwrap(), b';');
    }

    #[test]
    fn physical_lines_with_lf_crlf_lone_cr_and_blank_lines() {
        assert_eq!(lines(b"a\nb\nc\n"), vec![1, 2, 3]);
        assert_eq!(lines(b"a\r\nb\r\nc"), vec![1, 2, 3]);
        assert_eq!(lines(b"a\n\n\nb\r\n\r\nc\n"), vec![1, 4, 6]);
        assert_eq!(lines(b"\"x\ny\",1\nz,2\n"), vec![1, 3]);
        assert_eq!(lines(b"a\rb\r\rc\r\nd"), vec![1, 2, 4, 5]);
        assert_eq!(lines(b"\"x\ry\",1\rz\r\n\r\nw"), vec![1, 3, 5]);
    }

    #[test]
    fn a_crlf_across_reads_is_one_line_end() {
        let mut text = vec![b'x'; CHUNK - 1];
        text.extend_from_slice(b"\r\ny\nz\n");
        assert_eq!(lines(&text), vec![1, 2, 3]);
    }

    #[test]
    fn fields_of_a_multiline_record_know_their_lines() {
        let text = b"a,b\r\n\r\nc,\"x\r\ny\",d\n";
        let mut r = CsvReader::new(&text[..], None, Arc::from("f"));
        let _header = r.next_event();
        let Some(Event::Record(rec, None)) = r.next_event() else {
            panic!("a record")
        };
        assert_eq!(rec.line, 3);
        assert_eq!(
            (rec.place(0), rec.place(1), rec.place(2)),
            ((3, 1), (3, 2), (4, 3))
        );
        assert_eq!(fields(&rec)[1], "x\r\ny");
    }

    #[test]
    fn doubled_quotes_and_delimiters_inside_quotes_are_text() {
        let got = read(b"\"a \"\"b\"\", c\";d\n");
        assert_eq!(
            got,
            vec![(1, vec!["a \"b\", c".to_string(), "d".to_string()], None)]
        );
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opened_and_reading_goes_on() {
        let got = read(b"a,b\n\"x,1\nc,2\nd,3\n");
        assert_eq!(got[1], (2, vec![], Some("malformed-quote")));
        assert_eq!(got[2].0, 3);
        assert_eq!(got[3], (4, vec!["d".to_string(), "3".to_string()], None));
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn stray_quotes_and_text_after_a_closing_quote_mark_the_record() {
        let got = read(b"a,b\n5\",x\n\"ab\"c,y\n");
        assert_eq!(got[1].2, Some("malformed-quote"));
        assert_eq!(got[2].2, Some("malformed-quote"));
        assert_eq!(got[2].1[0], "abc");
    }

    #[test]
    fn bytes_that_are_not_utf8_stop_the_file_at_their_line_and_character() {
        let mut r = CsvReader::new(&b"a,b\nx,\xF4\ny,z\n"[..], None, Arc::from("f.csv"));
        let _ = r.next_event();
        let Some(Event::Stop(d)) = r.next_event() else {
            panic!("stop")
        };
        assert_eq!(
            (d.line, d.column, d.rule().id()),
            (Some(2), Some(3), "encoding")
        );
        assert!(r.next_event().is_none());
    }

    #[test]
    fn decomposed_accents_are_composed() {
        let got = read("ho\u{302}\u{323},1\n".as_bytes());
        assert_eq!(got[0].1[0], "h\u{1ed9}");
    }

    #[test]
    fn an_endless_row_is_reported_and_skipped_in_bounded_memory() {
        let mut text = b"a,b\n".to_vec();
        text.extend(std::iter::repeat_n(0u8, 3 * MAX_ROW));
        text.extend_from_slice(b"\nc,d\n");
        let mut r = CsvReader::new(&text[..], None, Arc::from("f"));
        let mut seen = Vec::new();
        while let Some(e) = r.next_event() {
            seen.push(match e {
                Event::Record(rec, _) => (rec.line, fields(&rec)[0].clone()),
                Event::Lost(d) => (d.line.unwrap_or(0), d.rule().id().to_string()),
                Event::Stop(_) | Event::Io(_) => panic!("no stop"),
            });
        }
        assert_eq!(
            seen,
            vec![(1, "a".into()), (2, "row-too-long".into()), (3, "c".into())]
        );
    }
}
