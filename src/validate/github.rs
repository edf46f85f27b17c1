//! GitHub Actions output: one workflow annotation per problem
//! (`::error file=...,line=...,col=...,title=rule::message`).

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::lang::Lang;

/// Writes one annotation. The message is in `lang` (people read it in the
/// Actions UI); the `file`, `line`, `col` and `title` (the rule name)
/// properties are the same in both.
pub fn write(w: &mut impl Write, d: &Diagnostic, lang: Lang) -> io::Result<()> {
    let mut props = format!("file={}", property(&d.file));
    if let Some(line) = d.line {
        props.push_str(&format!(",line={line}"));
    }
    if let Some(col) = d.column {
        props.push_str(&format!(",col={col}"));
    }
    props.push_str(&format!(",title={}", property(d.rule().id())));
    let text = match &d.cell {
        Some(cell) => format!("{cell}: {}", d.text_in(lang)),
        None => d.text_in(lang),
    };
    writeln!(w, "::error {props}::{}", data(&text))
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
    use std::sync::Arc;

    use super::*;
    use crate::msg::Problem;

    #[test]
    fn annotations_escape_their_text() {
        let d = Diagnostic::at(
            &Arc::from("data/a,b.csv"),
            7,
            3,
            Problem::NotANumber {
                raw: "8o%".into(),
                decimal: '.',
            },
        )
        .in_field(Some(&Arc::from("value")));
        let mut out = Vec::new();
        write(&mut out, &d, Lang::En).unwrap();
        write(
            &mut out,
            &Diagnostic::file(&Arc::from("c.csv"), Problem::EmptyFile),
            Lang::En,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=data/a%2Cb.csv,line=7,col=3,title=not-a-number::value: \"8o%25\" is not a number\n\
             ::error file=c.csv,title=empty-file::the file is empty; expected a header row with the columns indicator, year, value\n"
        );
    }
}
