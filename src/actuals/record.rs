//! A row as read from any file kind, with where each field is: the common
//! ground between the CSV and workbook readers and the row checks.

use crate::diagnostic::Diagnostic;
use crate::lang::Text;

/// One field and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The text, NFC, not trimmed.
    pub text: String,
    /// Physical line (CSV) or sheet row (workbook), 1-based.
    pub line: u64,
    /// Field number (CSV) or sheet column (workbook), 1-based.
    pub column: u64,
}

/// One row of a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The line (or sheet row) the row starts on, 1-based.
    pub line: u64,
    /// The fields in order.
    pub fields: Vec<Field>,
    /// The sheet name, for workbooks.
    pub sheet: Option<String>,
    /// The reader already reported this row (malformed quoting); the row
    /// checks skip it.
    pub bad: bool,
}

impl Record {
    /// True when every field is empty or blank (Excel's trailing `;;;` rows).
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.text.trim().is_empty())
    }

    /// The trimmed text of field `i`, or "" past the end.
    pub fn text(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| f.text.trim())
    }

    /// A diagnostic at field `i` (or just past the last field).
    pub fn problem(
        &self,
        file: &str,
        i: usize,
        field: Option<&str>,
        rule: &'static str,
        message: impl Into<Text>,
    ) -> Diagnostic {
        let (line, column) = match self.fields.get(i) {
            Some(f) => (f.line, f.column),
            None => {
                let last = self.fields.last();
                let line = last.map_or(self.line, |f| f.line);
                (line, last.map_or(1, |f| f.column + 1))
            }
        };
        let d = Diagnostic::at(file, line, column, field, rule, message);
        match &self.sheet {
            Some(sheet) => d.in_cell(cell_name(sheet, line, column)),
            None => d,
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
        assert_eq!(column_letters(3), "C");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA"); // 26 + 1
        assert_eq!(column_letters(28), "AB");
        assert_eq!(column_letters(702), "ZZ"); // 26 + 26 x 26
        assert_eq!(column_letters(703), "AAA");
    }

    #[test]
    fn cell_names_quote_sheet_names_with_spaces() {
        assert_eq!(cell_name("Sheet1", 7, 3), "Sheet1!C7");
        assert_eq!(cell_name("Số liệu", 2, 1), "'Số liệu'!A2");
    }
}
