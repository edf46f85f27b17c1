//! JSON output: one array of problem objects (fields documented in the
//! user guide), written one object at a time; always English.

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::lang::Lang;

#[derive(Serialize)]
struct ProblemJson<'a> {
    rule: &'static str,
    file: &'a str,
    line: Option<u64>,
    column: Option<u64>,
    cell: Option<&'a str>,
    field: Option<&'a str>,
    value: Option<&'a str>,
    expected: Option<String>,
    message: String,
}

/// Writes one problem object, opening the array before the first.
pub fn write(w: &mut impl Write, d: &Diagnostic, first: bool) -> io::Result<()> {
    w.write_all(if first { b"[\n" } else { b",\n" })?;
    let p = ProblemJson {
        rule: d.rule().id(),
        file: &d.file,
        line: d.line,
        column: d.column,
        cell: d.cell.as_deref(),
        field: d.field.as_deref(),
        value: d.value.as_deref(),
        expected: d.problem.expected(),
        message: d.problem.say(Lang::En),
    };
    let text = serde_json::to_string_pretty(&p)?;
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            w.write_all(b"\n")?;
        }
        write!(w, "  {line}")?;
    }
    Ok(())
}

/// Closes the array (an empty one when there was no problem).
pub fn finish(w: &mut impl Write, problems: u64) -> io::Result<()> {
    match problems {
        0 => w.write_all(b"[]\n"),
        _ => w.write_all(b"\n]\n"),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::msg::Problem;

    #[test]
    fn problems_parse_back_with_every_field() {
        let d = Diagnostic::at(
            &Arc::from("a.csv"),
            7,
            3,
            Problem::NotANumber {
                raw: "8o".into(),
                decimal: '.',
            },
        )
        .in_field(Some(&Arc::from("value")))
        .with_value("8o");
        let mut out = Vec::new();
        write(&mut out, &d, true).unwrap();
        write(&mut out, &d, false).unwrap();
        finish(&mut out, 2).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let one = serde_json::json!({
            "rule": "not-a-number", "file": "a.csv", "line": 7, "column": 3, "cell": null,
            "field": "value", "value": "8o", "expected": "a number such as 87.5 or 87.5%",
            "message": "\"8o\" is not a number"
        });
        assert_eq!(v, serde_json::json!([one.clone(), one]));
        let mut empty = Vec::new();
        finish(&mut empty, 0).unwrap();
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&empty).unwrap(),
            serde_json::json!([])
        );
    }
}
