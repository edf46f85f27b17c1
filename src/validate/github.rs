//! GitHub Actions output: one workflow annotation per problem
//! (`::error file=...,line=...,col=...,title=rule::message`), then the
//! closing count as a plain log line.

use std::io::{self, Write};

use super::{Findings, LIMIT};
use crate::lang::Lang;

/// Writes at most [`LIMIT`] annotations and the closing line. Messages are
/// in `lang` (people read them in the Actions UI); the `file`, `line`,
/// `col` and `title` (the rule name) properties are the same in both.
pub fn render(w: &mut impl Write, findings: &Findings, lang: Lang) -> io::Result<()> {
    for d in findings.problems.iter().take(LIMIT) {
        let mut props = format!("file={}", property(&d.file));
        if let Some(line) = d.line {
            props.push_str(&format!(",line={line}"));
        }
        if let Some(col) = d.column {
            props.push_str(&format!(",col={col}"));
        }
        props.push_str(&format!(",title={}", property(d.rule)));
        let text = match &d.cell {
            Some(cell) => format!("{cell}: {}", d.text_in(lang)),
            None => d.text_in(lang),
        };
        writeln!(w, "::error {props}::{}", data(&text))?;
    }
    writeln!(w, "{}", findings.summary_in(lang))
}

/// Escapes an annotation message (GitHub's `escapeData`).
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes an annotation property (GitHub's `escapeProperty`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn annotations_escape_their_text() {
        let problems = [
            Diagnostic::at(
                "data/a,b.csv",
                7,
                3,
                Some("value"),
                "not-a-number",
                "\"8o%\" is not a number",
            ),
            Diagnostic::file("c.csv", "empty-file", "the file is empty"),
        ];
        let findings = Findings {
            problems: &problems,
            data_files: 2,
            targets: "t.toml",
        };
        let mut out = Vec::new();
        render(&mut out, &findings, Lang::En).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=data/a%2Cb.csv,line=7,col=3,title=not-a-number::value: \"8o%25\" is not a number\n\
             ::error file=c.csv,title=empty-file::the file is empty\n\
             2 problems in 2 data files checked against t.toml\n"
        );
    }
}
