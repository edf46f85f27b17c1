//! CSV reader: header, delimiter detection and physical line numbers.
//!
//! The csv crate's `Position::line` is wrong on CRLF files and after blank
//! lines, so lines are counted here from the record's byte offset.

use ::csv::{ByteRecord, ReaderBuilder};

use super::row::{Columns, RowContext};
use super::{Actuals, ReadOptions};
use crate::diagnostic::Diagnostic;
use crate::targets::Resolution;

/// Reads one CSV file's bytes into `out`.
pub(super) fn read(
    bytes: &[u8],
    file: usize,
    resolution: &Resolution,
    options: ReadOptions,
    out: &mut Actuals,
) {
    let name = out.files[file].clone();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(bytes));
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut lines = LineCounter::default();
    let mut record = ByteRecord::new();
    let mut columns: Option<Columns> = None;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                out.problems.push(Diagnostic::file(
                    &name,
                    "unreadable",
                    format!("cannot read CSV: {e}"),
                ));
                return;
            }
        }
        let offset = record.position().map_or(0, |p| p.byte() as usize);
        let line = lines.line_at(bytes, offset);
        if is_blank(&record) {
            continue;
        }
        match &columns {
            None => match Columns::from_header(&record, &name, line) {
                Ok((c, ignored)) => {
                    if !ignored.is_empty() {
                        out.warnings.push(format!(
                            "{name}: ignoring unknown columns: {}",
                            ignored.join(", ")
                        ));
                    }
                    columns = Some(c);
                }
                Err(problem) => {
                    out.problems.push(problem);
                    return;
                }
            },
            Some(cols) => {
                let ctx = RowContext {
                    file,
                    name: &name,
                    line,
                    resolution,
                    decimal_comma: delimiter != b',',
                };
                cols.read_row(&record, &ctx, out);
            }
        }
    }
    if columns.is_none() {
        let msg =
            "the file is empty; expected a header row with the columns indicator, year, value";
        out.problems
            .push(Diagnostic::file(&name, "empty-file", msg));
    }
}

/// True for a row whose fields are all empty (Excel's trailing `;;;` rows).
fn is_blank(record: &ByteRecord) -> bool {
    record
        .iter()
        .all(|f| f.iter().all(|b| b.is_ascii_whitespace()))
}

/// Picks `,`, `;` or tab: whichever occurs most often, outside quotes, in the
/// header line. Ties and a header with none of them give `,`.
pub fn detect_delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in bytes {
        match b {
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

/// Counts newlines up to a byte offset, moving forward only.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: u64,
}

impl LineCounter {
    /// The 1-based physical line of the record starting at `offset`;
    /// offsets must not decrease. The csv crate reports a record's start
    /// before any blank lines it skipped, so line ends are skipped first.
    fn line_at(&mut self, bytes: &[u8], offset: usize) -> u64 {
        let skipped = bytes
            .get(offset..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count();
        let end = (offset + skipped).min(bytes.len()).max(self.offset);
        let chunk = bytes.get(self.offset..end).unwrap_or_default();
        self.line += chunk.iter().filter(|&&b| b == b'\n').count() as u64;
        self.offset = end;
        self.line + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_is_detected_from_the_header() {
        assert_eq!(detect_delimiter(b"indicator,year,value\n1;2;3"), b',');
        assert_eq!(detect_delimiter(b"indicator;year;value\r\n"), b';');
        assert_eq!(detect_delimiter(b"indicator\tyear\tvalue"), b'\t');
        assert_eq!(detect_delimiter(b"\"a;b\",year,value"), b',');
        assert_eq!(detect_delimiter(b"indicator"), b',');
    }

    #[test]
    fn line_counter_counts_physical_lines() {
        let bytes = b"a\r\n\r\nb\nc";
        let mut lines = LineCounter::default();
        assert_eq!(lines.line_at(bytes, 0), 1);
        assert_eq!(lines.line_at(bytes, 5), 3); // "b" after a CRLF line and a blank one
        assert_eq!(lines.line_at(bytes, 7), 4);
        // a record reported at the start of the blank line before it
        let mut lines = LineCounter::default();
        assert_eq!(lines.line_at(bytes, 3), 3);
    }
}
