//! A located problem in an input file: data, not an error.
//!
//! Readers report diagnostics one at a time so that every problem can be
//! listed; the command layer decides whether they stop the run. The words
//! come from the message catalogue ([`crate::msg::Problem`]).

use std::fmt;
use std::sync::Arc;

use crate::lang::Lang;
use crate::msg::Problem;

/// The rule a problem breaks: a short, stable name (`unknown-indicator`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    Unreadable,
    Encoding,
    EmptyFile,
    MissingColumn,
    DuplicateColumn,
    MalformedQuote,
    RowTooLong,
    RaggedRow,
    PartlyEmptyRow,
    FormulaNotSaved,
    UnknownIndicator,
    BadYear,
    YearOutOfSpan,
    NotANumber,
    NotFinite,
    ThousandsSeparator,
    DecimalMark,
    OutOfRange,
    UnitMismatch,
    BreakdownNotAllowed,
    BreakdownMissing,
    UnknownMember,
    Duplicate,
    BadParts,
    UnknownArea,
    AreaNotInForce,
    AreasInvalid,
    TargetsSyntax,
    TargetsInvalid,
}

impl Rule {
    /// The name used in output and documentation.
    pub fn id(self) -> &'static str {
        use Rule::*;
        match self {
            Unreadable => "unreadable",
            Encoding => "encoding",
            EmptyFile => "empty-file",
            MissingColumn => "missing-column",
            DuplicateColumn => "duplicate-column",
            MalformedQuote => "malformed-quote",
            RowTooLong => "row-too-long",
            RaggedRow => "ragged-row",
            PartlyEmptyRow => "partly-empty-row",
            FormulaNotSaved => "formula-not-saved",
            UnknownIndicator => "unknown-indicator",
            BadYear => "bad-year",
            YearOutOfSpan => "year-out-of-span",
            NotANumber => "not-a-number",
            NotFinite => "not-finite",
            ThousandsSeparator => "thousands-separator",
            DecimalMark => "decimal-mark",
            OutOfRange => "out-of-range",
            UnitMismatch => "unit-mismatch",
            BreakdownNotAllowed => "breakdown-not-allowed",
            BreakdownMissing => "breakdown-missing",
            UnknownMember => "unknown-member",
            Duplicate => "duplicate",
            BadParts => "bad-parts",
            UnknownArea => "unknown-area",
            AreaNotInForce => "area-not-in-force",
            AreasInvalid => "areas-invalid",
            TargetsSyntax => "targets-syntax",
            TargetsInvalid => "targets-invalid",
        }
    }

    /// True for problems that make a whole file unusable: `--skip-invalid`
    /// skips rows, never these.
    pub fn is_whole_file(self) -> bool {
        matches!(
            self,
            Rule::Unreadable
                | Rule::Encoding
                | Rule::EmptyFile
                | Rule::MissingColumn
                | Rule::DuplicateColumn
        )
    }
}

/// One problem found in an input file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The file as the user named it.
    pub file: Arc<str>,
    /// Physical line, 1-based, as an editor shows it (the sheet row in a
    /// workbook).
    pub line: Option<u64>,
    /// Column, 1-based: the field number in a CSV row, the sheet column in
    /// a workbook, the character in TOML.
    pub column: Option<u64>,
    /// The CSV column name or TOML key the problem is about.
    pub field: Option<Arc<str>>,
    /// For workbooks: the sheet and cell, e.g. `Sheet1!C7`.
    pub cell: Option<String>,
    /// What is wrong.
    pub problem: Problem,
    /// The offending value as found in the file, when there is one.
    pub value: Option<String>,
}

impl Diagnostic {
    /// A problem with the whole file (no line).
    pub fn file(file: &Arc<str>, problem: Problem) -> Self {
        Diagnostic {
            file: Arc::clone(file),
            line: None,
            column: None,
            field: None,
            cell: None,
            problem,
            value: None,
        }
    }

    /// A problem at a line and column.
    pub fn at(file: &Arc<str>, line: u64, column: u64, problem: Problem) -> Self {
        Diagnostic {
            line: Some(line),
            column: Some(column),
            ..Diagnostic::file(file, problem)
        }
    }

    /// The same problem about a column or key.
    pub fn in_field(mut self, field: Option<&Arc<str>>) -> Self {
        self.field = field.cloned();
        self
    }

    /// The same problem with the offending value recorded.
    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// The same problem placed at a workbook cell (`Sheet1!C7`).
    pub fn in_cell(mut self, cell: impl Into<String>) -> Self {
        self.cell = Some(cell.into());
        self
    }

    /// The rule broken.
    pub fn rule(&self) -> Rule {
        self.problem.rule()
    }

    /// Where the problem is: `file:line:col`, `file:Sheet1!C7` or `file`.
    pub fn place(&self) -> String {
        match (&self.cell, self.line, self.column) {
            (Some(cell), _, _) => format!("{}:{cell}", self.file),
            (None, Some(line), Some(col)) => format!("{}:{line}:{col}", self.file),
            (None, Some(line), None) => format!("{}:{line}", self.file),
            (None, None, _) => self.file.to_string(),
        }
    }

    /// The message with the column name in front (`value: "8o" is not a
    /// number`), in `lang`.
    pub fn text_in(&self, lang: Lang) -> String {
        match &self.field {
            Some(field) => format!("{field}: {}", self.problem.say(lang)),
            None => self.problem.say(lang),
        }
    }

    /// `place: text` in `lang`, as printed on stderr.
    pub fn line_in(&self, lang: Lang) -> String {
        format!("{}: {}", self.place(), self.text_in(lang))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line_in(Lang::En))
    }
}

/// Several diagnostics that stop a run (a targets file with problems),
/// printed one per line in a language.
#[derive(Debug)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// One line per problem in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        let lines: Vec<String> = self.0.iter().map(|d| d.line_in(lang)).collect();
        lines.join("\n")
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

impl std::error::Error for Diagnostics {}

/// Turns a byte offset into `text` into a 1-based (line, character column).
pub fn line_col(text: &str, offset: usize) -> (u64, u64) {
    Lines::new(text).place(offset)
}

/// Where each line of a text starts: the place of any byte offset in
/// logarithmic time, for a text with many problems.
#[derive(Debug)]
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    /// The line starts of `text`.
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        Lines { text, starts }
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn place(&self, offset: usize) -> (u64, u64) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let col = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        (line as u64, col as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(line_col(text, 0), (1, 1));
        // "bé = " is 5 characters but 6 bytes; the quote starts at byte 6+6.
        assert_eq!(line_col(text, 12), (2, 6));
        // the newline ends its line; the next byte starts line 2; past the
        // end is the end
        let lines = Lines::new(text);
        assert_eq!(lines.place(5), (1, 6));
        assert_eq!(lines.place(6), (2, 1));
        assert_eq!(lines.place(16), (3, 1));
        assert_eq!(lines.place(99), (3, 1));
        assert_eq!(Lines::new("").place(0), (1, 1));
    }

    #[test]
    fn places_name_file_line_column_or_cell() {
        let f: Arc<str> = Arc::from("a.csv");
        let d = Diagnostic::at(
            &f,
            7,
            3,
            Problem::NotANumber {
                raw: "8o".into(),
                decimal: '.',
            },
        )
        .in_field(Some(&Arc::from("value")));
        assert_eq!(d.to_string(), "a.csv:7:3: value: \"8o\" is not a number");
        assert_eq!(d.clone().in_cell("Sheet1!C7").place(), "a.csv:Sheet1!C7");
        assert_eq!(Diagnostic::file(&f, Problem::EmptyFile).place(), "a.csv");
    }
}
