//! A located problem in an input file: data, not an error.
//!
//! Loaders collect diagnostics so that every problem can be listed at once;
//! the command layer decides whether they stop the run.

use std::fmt;

use crate::lang::{Lang, Text};

/// Characters of a user's value shown in a message before it is shortened.
pub const SHOWN_CHARS: usize = 60;

/// One problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it.
    pub file: String,
    /// Physical line, 1-based, as an editor shows it.
    pub line: Option<u64>,
    /// Column, 1-based: the field number in a CSV row, the character in TOML.
    pub column: Option<u64>,
    /// The CSV column name or TOML key the problem is about.
    pub field: Option<String>,
    /// A short stable rule name, e.g. `unknown-indicator`.
    pub rule: &'static str,
    /// What is wrong and what was expected, in lower case, no final period.
    pub message: String,
    /// The message in Vietnamese, when it was written in both languages
    /// (else the English is shown).
    pub message_vi: Option<String>,
    /// For workbooks: the sheet and cell, e.g. `Sheet1!C7` (then `line` is
    /// the sheet row and `column` the sheet column).
    pub cell: Option<String>,
    /// The offending value as found in the file, when there is one.
    pub value: Option<String>,
    /// What was expected instead, in a few words.
    pub expected: Option<String>,
}

impl Diagnostic {
    /// A problem with the whole file (no line).
    pub fn file(file: &str, rule: &'static str, message: impl Into<Text>) -> Self {
        let message = message.into();
        Diagnostic {
            file: file.to_string(),
            line: None,
            column: None,
            field: None,
            rule,
            message_vi: Some(message.vi),
            message: message.en,
            cell: None,
            value: None,
            expected: None,
        }
    }

    /// A problem at a line and column.
    pub fn at(
        file: &str,
        line: u64,
        column: u64,
        field: Option<&str>,
        rule: &'static str,
        message: impl Into<Text>,
    ) -> Self {
        let message = message.into();
        Diagnostic {
            file: file.to_string(),
            line: Some(line),
            column: Some(column),
            field: field.map(str::to_string),
            rule,
            message_vi: Some(message.vi),
            message: message.en,
            cell: None,
            value: None,
            expected: None,
        }
    }

    /// The same problem with the offending value recorded.
    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// The same problem with what was expected recorded.
    pub fn with_expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    /// The same problem placed at a workbook cell (`Sheet1!C7`).
    pub fn in_cell(mut self, cell: impl Into<String>) -> Self {
        self.cell = Some(cell.into());
        self
    }

    /// Where the problem is: `file:line:col`, `file:Sheet1!C7` or `file`.
    pub fn place(&self) -> String {
        match (&self.cell, self.line, self.column) {
            (Some(cell), _, _) => format!("{}:{cell}", self.file),
            (None, Some(line), Some(col)) => format!("{}:{line}:{col}", self.file),
            (None, Some(line), None) => format!("{}:{line}", self.file),
            (None, None, _) => self.file.clone(),
        }
    }

    /// The message with the column name in front (`value: "8o" is not a number`).
    pub fn text(&self) -> String {
        match &self.field {
            Some(field) => format!("{field}: {}", self.message),
            None => self.message.clone(),
        }
    }
}

impl Diagnostic {
    /// The message in `lang` (English when no Vietnamese was written).
    pub fn message_in(&self, lang: Lang) -> &str {
        match (lang, &self.message_vi) {
            (Lang::Vi, Some(vi)) => vi,
            _ => &self.message,
        }
    }

    /// [`Diagnostic::text`] in `lang`.
    pub fn text_in(&self, lang: Lang) -> String {
        match &self.field {
            Some(field) => format!("{field}: {}", self.message_in(lang)),
            None => self.message_in(lang).to_string(),
        }
    }

    /// `place: text` in `lang`, as printed on stderr.
    pub fn line_in(&self, lang: Lang) -> String {
        format!("{}: {}", self.place(), self.text_in(lang))
    }
}

/// Several diagnostics printed one per line in a language (an error that
/// stops a run, such as a targets file with problems).
#[derive(Debug)]
pub struct Localized {
    /// The problems.
    pub problems: Diagnostics,
    /// The language to print them in.
    pub lang: Lang,
}

impl fmt::Display for Localized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self
            .problems
            .0
            .iter()
            .map(|d| d.line_in(self.lang))
            .collect();
        write!(f, "{}", lines.join("\n"))
    }
}

impl std::error::Error for Localized {}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(), self.text())
    }
}

/// A value from the user's file for a message, in double quotes: as
/// written, with control characters escaped (`\0`, `\t`, `\u{1b}`) so that
/// nothing raw reaches a terminal, and past [`SHOWN_CHARS`] characters
/// shortened with "…" and the full length (`"xxxx…" (10485760 characters)`).
pub fn shown(raw: &str, lang: Lang) -> String {
    let (text, total) = clip(raw);
    match total {
        None => format!("\"{text}\""),
        Some(n) => format!("\"{text}…\" ({n} {})", lang.pick("ký tự", "characters")),
    }
}

/// Like [`shown`] without the quotes, for names in a list (`the header has: a, b`).
pub fn shown_bare(raw: &str, lang: Lang) -> String {
    let (text, total) = clip(raw);
    match total {
        None => text,
        Some(n) => format!("{text}… ({n} {})", lang.pick("ký tự", "characters")),
    }
}

/// The first [`SHOWN_CHARS`] characters escaped, and the total count when
/// the text was shortened.
fn clip(raw: &str) -> (String, Option<usize>) {
    let mut out = String::new();
    for c in raw.chars().take(SHOWN_CHARS) {
        match c {
            '\0' => out.push_str("\\0"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    let longer = raw.chars().nth(SHOWN_CHARS).is_some();
    (out, longer.then(|| raw.chars().count()))
}

/// At most `max` names joined with ", ", then "and N more" (`a, b and 3 more`).
pub fn list(names: &[String], max: usize, lang: Lang) -> String {
    let shown: Vec<String> = names
        .iter()
        .take(max)
        .map(|n| shown_bare(n, lang))
        .collect();
    match names.len().saturating_sub(max) {
        0 => shown.join(", "),
        n => format!(
            "{} {} {n} {}",
            shown.join(", "),
            lang.pick("và", "and"),
            lang.pick("mục khác", "more")
        ),
    }
}

/// Turns a byte offset into `text` into a 1-based (line, character column).
pub fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line as u64, col as u64)
}

/// An error carrying several diagnostics, printed one per line.
#[derive(Debug)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_values_are_escaped_and_shortened() {
        assert_eq!(shown("8o%", Lang::En), "\"8o%\"");
        assert_eq!(shown("a\0b\x1b", Lang::En), "\"a\\0b\\u{1b}\"");
        let long = "x".repeat(100);
        assert_eq!(
            shown(&long, Lang::En),
            format!("\"{}…\" (100 characters)", "x".repeat(60))
        );
        assert_eq!(
            shown_bare(&long, Lang::Vi),
            format!("{}… (100 ký tự)", "x".repeat(60))
        );
        let names: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(list(&names, 2, Lang::En), "a, b and 1 more");
        assert_eq!(list(&names, 3, Lang::En), "a, b, c");
    }

    #[test]
    fn line_col_counts_lines_and_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(line_col(text, 0), (1, 1));
        // "bé = " is 5 characters but 6 bytes; the quote starts at byte 6+6.
        assert_eq!(line_col(text, 12), (2, 6));
    }

    #[test]
    fn display_names_file_line_column_and_field() {
        let d = Diagnostic::at(
            "a.csv",
            7,
            3,
            Some("value"),
            "not-a-number",
            "\"8o\" is not a number",
        );
        assert_eq!(d.to_string(), "a.csv:7:3: value: \"8o\" is not a number");
        let d = d.in_cell("Sheet1!C7");
        assert_eq!(
            d.to_string(),
            "a.csv:Sheet1!C7: value: \"8o\" is not a number"
        );
        assert_eq!(
            Diagnostic::file("a.csv", "empty-file", "empty").to_string(),
            "a.csv: empty"
        );
    }
}
