//! A row as read from any file kind, with where each field is: the common
//! ground between the CSV and workbook readers and the row checks.

/// One row: its fields as text, and the line (or sheet row) and column of
/// each. Borrowed from the reader that made it; valid until its next row.
///
/// The text is kept as the bytes the reader checked to be UTF-8 (NFC): the
/// row checks read plain fields as bytes, and a field is made `str` only
/// when it is looked at as text.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    /// The line (or sheet row) the row starts on, 1-based.
    pub line: u64,
    /// Every field's text, one after the other (UTF-8).
    pub(super) text: &'a [u8],
    /// The end of each field in `text`.
    pub(super) ends: &'a [usize],
    /// The line each field starts on; empty when all are on `line`.
    pub(super) lines: &'a [u64],
    /// Per field, in workbooks: a formula whose result was never saved
    /// (its text is then empty); empty elsewhere.
    pub(super) unsaved: &'a [bool],
    /// The column of the first field: 1 in CSV, the sheet column in a
    /// workbook whose data does not start in column A.
    pub(super) first_column: u64,
    /// The sheet, for workbooks.
    pub sheet: Option<&'a str>,
}

impl<'a> Record<'a> {
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when the row has no field.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i`'s bytes as written, or none past the end.
    fn field(&self, i: usize) -> &'a [u8] {
        let start = match i {
            0 => 0,
            _ => self.ends.get(i - 1).copied().unwrap_or(usize::MAX),
        };
        let end = self.ends.get(i).copied().unwrap_or(0);
        self.text.get(start..end).unwrap_or_default()
    }

    /// Field `i` as written, or "" past the end.
    pub fn raw(&self, i: usize) -> &'a str {
        std::str::from_utf8(self.field(i)).unwrap_or_default()
    }

    /// Field `i` trimmed, or "" past the end.
    pub fn text(&self, i: usize) -> &'a str {
        let raw = self.field(i);
        // the usual field: nothing to trim
        match (raw.first(), raw.last()) {
            (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => {
                std::str::from_utf8(raw).unwrap_or_default()
            }
            (None, _) => "",
            _ => self.raw(i).trim(),
        }
    }

    /// Field `i`'s bytes when they need no trimming (the common field),
    /// else `None`: the row checks' fast path.
    pub fn plain(&self, i: usize) -> Option<&'a [u8]> {
        let raw = self.field(i);
        match (raw.first(), raw.last()) {
            (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => Some(raw),
            (None, _) => Some(raw),
            _ => None,
        }
    }

    /// True when every field is empty or blank (Excel's trailing `;;;` rows).
    pub fn is_blank(&self) -> bool {
        match self.text.first() {
            Some(b) if b.is_ascii_graphic() => false,
            _ => std::str::from_utf8(self.text).is_ok_and(|t| t.trim().is_empty()),
        }
    }

    /// The (line, column) of field `i`; past the last field, just after it.
    pub fn place(&self, i: usize) -> (u64, u64) {
        if i < self.len() {
            (self.field_line(i), self.first_column + i as u64)
        } else {
            let last = self.len().saturating_sub(1);
            let line = if self.is_empty() {
                self.line
            } else {
                self.field_line(last)
            };
            (line, self.first_column + self.len() as u64)
        }
    }

    /// The line field `i` starts on.
    fn field_line(&self, i: usize) -> u64 {
        self.lines.get(i).copied().unwrap_or(self.line)
    }

    /// True when field `i` is a workbook formula whose result was never
    /// saved.
    pub fn unsaved(&self, i: usize) -> bool {
        self.unsaved.get(i).copied().unwrap_or(false)
    }

    /// The cell of field `i` in a workbook (`Sheet1!C7`), `None` in CSV.
    pub fn cell(&self, i: usize) -> Option<String> {
        let (line, column) = self.place(i);
        self.sheet.map(|s| cell_name(s, line, column))
    }

    /// A copy that outlives the reader's buffers.
    pub fn to_owned(&self) -> OwnedRecord {
        OwnedRecord {
            line: self.line,
            text: self.text.to_vec(),
            ends: self.ends.to_vec(),
            lines: self.lines.to_vec(),
            unsaved: self.unsaved.to_vec(),
            first_column: self.first_column,
            sheet: self.sheet.map(str::to_string),
        }
    }
}

/// A [`Record`] that owns its text (held back while a file's decimal mark
/// is decided).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OwnedRecord {
    line: u64,
    text: Vec<u8>,
    ends: Vec<usize>,
    lines: Vec<u64>,
    unsaved: Vec<bool>,
    first_column: u64,
    sheet: Option<String>,
}

impl OwnedRecord {
    /// The record it holds.
    pub fn as_record(&self) -> Record<'_> {
        Record {
            line: self.line,
            text: &self.text,
            ends: &self.ends,
            lines: &self.lines,
            unsaved: &self.unsaved,
            first_column: self.first_column,
            sheet: self.sheet.as_deref(),
        }
    }
}

/// Builds records field by field in reused buffers (the workbook reader,
/// and tests).
#[derive(Debug, Default)]
pub struct RecordBuf {
    text: String,
    ends: Vec<usize>,
    lines: Vec<u64>,
    unsaved: Vec<bool>,
}

impl RecordBuf {
    /// Empties the buffer for the next row.
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.lines.clear();
        self.unsaved.clear();
    }

    /// Appends a field.
    pub fn push(&mut self, field: &str) {
        self.text.push_str(field);
        self.ends.push(self.text.len());
    }

    /// Appends an empty field that is a formula whose result was never saved.
    pub fn push_unsaved(&mut self) {
        self.unsaved.resize(self.ends.len(), false);
        self.unsaved.push(true);
        self.ends.push(self.text.len());
    }

    /// The row built so far.
    pub fn record<'a>(
        &'a self,
        line: u64,
        first_column: u64,
        sheet: Option<&'a str>,
    ) -> Record<'a> {
        Record {
            line,
            text: self.text.as_bytes(),
            ends: &self.ends,
            lines: &self.lines,
            unsaved: &self.unsaved,
            first_column,
            sheet,
        }
    }
}

/// A cell name as spreadsheets write it: `Sheet1!C7`; a sheet name with
/// spaces or punctuation is quoted (`'Số liệu 2024'!C7`).
pub fn cell_name(sheet: &str, row: u64, column: u64) -> String {
    let plain = sheet.chars().all(|c| c.is_alphanumeric() || c == '_');
    let sheet = if plain {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    };
    format!("{sheet}!{}{row}", column_letters(column))
}

/// `1 -> A`, `26 -> Z`, `27 -> AA`; 0 gives `A`.
pub fn column_letters(column: u64) -> String {
    let mut n = column.max(1);
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_count_like_spreadsheets() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA"); // 26 + 1
        assert_eq!(column_letters(702), "ZZ"); // 26 + 26 x 26
        assert_eq!(column_letters(703), "AAA");
    }

    #[test]
    fn cell_names_quote_sheet_names_with_spaces() {
        assert_eq!(cell_name("Sheet1", 7, 3), "Sheet1!C7");
        assert_eq!(cell_name("Số liệu", 2, 1), "'Số liệu'!A2");
    }

    #[test]
    fn fields_places_and_blanks() {
        let mut b = RecordBuf::default();
        for f in ["a", " b ", ""] {
            b.push(f);
        }
        let r = b.record(4, 1, None);
        assert_eq!(
            (r.len(), r.raw(1), r.text(1), r.text(9)),
            (3, " b ", "b", "")
        );
        assert_eq!(r.place(1), (4, 2));
        assert_eq!(r.place(5), (4, 4)); // just past the last field
        assert!(!r.is_blank());
        let r = b.record(2, 3, Some("S"));
        assert_eq!(r.cell(0).as_deref(), Some("S!C2"));
    }
}
