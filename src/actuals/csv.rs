//! CSV text into records, with the physical line of every field and the
//! quoting mistakes that spreadsheet users make.
//!
//! Not the csv crate: its `Position::line` is wrong on CRLF files and after
//! blank lines, an unclosed quote silently swallows the rest of the file and
//! a stray quote is silently dropped. This reader counts lines itself (`\n`,
//! `\r\n` and a lone `\r` each end one line) and reports both quoting
//! mistakes at the line where the quote opened. Pure: text in, records out.

use super::quote::{self, Unclosed};
use super::record::{Field, Record};
use crate::diagnostic::Diagnostic;

/// Records and the quoting problems found while splitting them.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Every record, blank ones included, in file order.
    pub records: Vec<Record>,
    /// Rows whose quoting is malformed (the row is left out of `records`
    /// when its quote was never closed, marked `bad` otherwise).
    pub problems: Vec<Diagnostic>,
}

/// Splits `text` (decoded, no byte-order mark) into records.
pub fn parse(text: &str, delimiter: char, file: &str) -> Parsed {
    let mut cur = Cursor {
        text,
        pos: 0,
        line: 1,
    };
    let mut out = Parsed::default();
    while cur.peek().is_some() {
        match read_record(&mut cur, delimiter, file) {
            Ok((record, problem)) => {
                out.problems.extend(problem);
                out.records.push(record);
            }
            Err(unclosed) => {
                out.problems.push(unclosed.diagnostic(file));
                // Go on after the line the quote opened on, so that the rest
                // of the file is still checked.
                cur.pos = unclosed.resume;
                cur.line = unclosed.line + 1;
            }
        }
    }
    out
}

/// Picks `,`, `;` or tab: whichever occurs most often, outside quotes, in
/// the first non-blank line. Ties and a line with none of them give `,`.
pub fn detect_delimiter(text: &str) -> char {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.trim_start_matches(['\r', '\n']).chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [comma, semicolon, tab] = counts;
    if tab > comma && tab > semicolon {
        '\t'
    } else if semicolon > comma {
        ';'
    } else {
        ','
    }
}

/// How a field ended.
enum End {
    Delimiter,
    LineOrFile,
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    line: u64,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// Takes one character, counting a line at `\n` and at a `\r` that is
    /// not followed by `\n`.
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' || (c == '\r' && self.peek() != Some('\n')) {
            self.line += 1;
        }
        Some(c)
    }

    /// After a field: a delimiter, a line end (consumed) or the end.
    fn end_of_field(&mut self, delimiter: char) -> Option<End> {
        match self.peek() {
            None => Some(End::LineOrFile),
            Some(c) if c == delimiter => {
                self.bump();
                Some(End::Delimiter)
            }
            Some('\r') => {
                self.bump();
                if self.peek() == Some('\n') {
                    self.bump();
                }
                Some(End::LineOrFile)
            }
            Some('\n') => {
                self.bump();
                Some(End::LineOrFile)
            }
            Some(_) => None,
        }
    }
}

fn read_record(
    cur: &mut Cursor,
    delimiter: char,
    file: &str,
) -> Result<(Record, Option<Diagnostic>), Unclosed> {
    let line = cur.line;
    let mut fields = Vec::new();
    let mut problem = None;
    loop {
        let column = fields.len() as u64 + 1;
        let (field, end, p) = read_field(cur, delimiter, column, file)?;
        fields.push(field);
        problem = problem.or(p);
        if let End::LineOrFile = end {
            break;
        }
    }
    let record = Record {
        line,
        fields,
        sheet: None,
        bad: problem.is_some(),
    };
    Ok((record, problem))
}

/// Reads one field; a quoting mistake is returned with the field.
fn read_field(
    cur: &mut Cursor,
    delimiter: char,
    column: u64,
    file: &str,
) -> Result<(Field, End, Option<Diagnostic>), Unclosed> {
    let line = cur.line;
    let mut text = String::new();
    let mut problem = None;
    if cur.peek() == Some('"') {
        let quote_at = cur.pos;
        cur.bump();
        loop {
            match cur.bump() {
                None => return Err(Unclosed::at(cur.text, quote_at, line, column)),
                Some('"') if cur.peek() == Some('"') => {
                    cur.bump();
                    text.push('"');
                }
                Some('"') => break,
                Some(c) => text.push(c),
            }
        }
        if let Some(end) = cur.end_of_field(delimiter) {
            return Ok((Field { text, line, column }, end, None));
        }
        let quoted = text.clone();
        let (after, end) = read_unquoted(cur, delimiter);
        text.push_str(&after);
        let raw = format!("\"{}\"{after}", quoted.replace('"', "\"\""));
        problem = Some(quote::after_closing(file, line, column, raw));
        return Ok((Field { text, line, column }, end, problem));
    }
    let (raw, end) = read_unquoted(cur, delimiter);
    if raw.contains('"') {
        problem = Some(quote::stray(file, line, column, raw.clone()));
    }
    text.push_str(&raw);
    Ok((Field { text, line, column }, end, problem))
}

/// Reads up to the next delimiter or line end (consumed) or the end.
fn read_unquoted(cur: &mut Cursor, delimiter: char) -> (String, End) {
    let mut text = String::new();
    loop {
        if let Some(end) = cur.end_of_field(delimiter) {
            return (text, end);
        }
        if let Some(c) = cur.bump() {
            text.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_and_texts(p: &Parsed) -> Vec<(u64, Vec<&str>)> {
        p.records
            .iter()
            .map(|r| (r.line, r.fields.iter().map(|f| f.text.as_str()).collect()))
            .collect()
    }

    #[test]
    fn delimiter_is_detected_from_the_first_line() {
        assert_eq!(detect_delimiter("indicator,year,value\n1;2;3"), ',');
        assert_eq!(detect_delimiter("indicator;year;value\r\n"), ';');
        assert_eq!(detect_delimiter("indicator\tyear\tvalue"), '\t');
        assert_eq!(detect_delimiter("\"a;b\",year,value"), ',');
        assert_eq!(detect_delimiter("\r\n\r\na;b"), ';');
        assert_eq!(detect_delimiter("indicator"), ',');
    }

    #[test]
    fn physical_lines_with_crlf_blank_lines_and_multiline_fields() {
        let text = "a,b\r\n\r\nc,\"x\r\ny\"\r\nd,e";
        let p = parse(text, ',', "f");
        assert!(p.problems.is_empty());
        assert_eq!(
            lines_and_texts(&p),
            vec![
                (1, vec!["a", "b"]),
                (2, vec![""]),            // the blank line
                (3, vec!["c", "x\r\ny"]), // a field over lines 3-4
                (5, vec!["d", "e"]),
            ]
        );
        // the second field of line 3 starts on line 3; a lone CR ends a line too
        let p = parse("a\rb\n\nc", ',', "f");
        let lines: Vec<u64> = p.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 3, 4]);
    }

    #[test]
    fn doubled_quotes_and_delimiters_inside_quotes_are_text() {
        let p = parse("\"a \"\"b\"\", c\";d", ';', "f");
        assert_eq!(lines_and_texts(&p), vec![(1, vec!["a \"b\", c", "d"])]);
    }

    #[test]
    fn unclosed_quote_is_reported_where_it_opened_and_reading_goes_on() {
        let p = parse("a,b\n\"x,1\nc,2\nd,3\n", ',', "f.csv");
        assert_eq!(p.problems.len(), 1);
        let d = &p.problems[0];
        assert_eq!(
            (d.line, d.column, d.rule),
            (Some(2), Some(1), "malformed-quote")
        );
        assert_eq!(d.value.as_deref(), Some("\"x,1"));
        assert_eq!(
            lines_and_texts(&p),
            vec![
                (1, vec!["a", "b"]),
                (3, vec!["c", "2"]),
                (4, vec!["d", "3"])
            ]
        );
    }

    #[test]
    fn stray_quote_and_text_after_a_closing_quote_are_reported() {
        let p = parse("a,b\n5\",x\n\"ab\"c,y\n", ',', "f.csv");
        let found: Vec<(Option<u64>, Option<u64>)> =
            p.problems.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(found, vec![(Some(2), Some(1)), (Some(3), Some(1))]);
        assert!(p.records[1].bad && p.records[2].bad && !p.records[0].bad);
        assert_eq!(p.records[2].fields[0].text, "abc");
    }
}
