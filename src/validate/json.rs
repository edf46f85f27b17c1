//! JSON output: an array of problem objects with stable field names
//! (README "Validating data"). Not capped: scripts get every problem.

use std::io::{self, Write};

use serde::Serialize;

use super::Findings;
use crate::diagnostic::Diagnostic;

#[derive(Serialize)]
struct ProblemJson<'a> {
    rule: &'a str,
    file: &'a str,
    line: Option<u64>,
    column: Option<u64>,
    cell: Option<&'a str>,
    field: Option<&'a str>,
    value: Option<&'a str>,
    expected: Option<&'a str>,
    message: &'a str,
}

impl<'a> From<&'a Diagnostic> for ProblemJson<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        ProblemJson {
            rule: d.rule,
            file: &d.file,
            line: d.line,
            column: d.column,
            cell: d.cell.as_deref(),
            field: d.field.as_deref(),
            value: d.value.as_deref(),
            expected: d.expected.as_deref(),
            message: &d.message,
        }
    }
}

/// Writes every problem as one pretty-printed JSON array.
pub fn render(w: &mut impl Write, findings: &Findings) -> io::Result<()> {
    let all: Vec<ProblemJson> = findings.problems.iter().map(ProblemJson::from).collect();
    serde_json::to_writer_pretty(&mut *w, &all)?;
    writeln!(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_parse_back_with_every_field() {
        let problems = [Diagnostic::at(
            "a.csv",
            7,
            3,
            Some("value"),
            "not-a-number",
            "\"8o\" is not a number",
        )
        .with_value("8o")
        .with_expected("a number")];
        let findings = Findings {
            problems: &problems,
            data_files: 1,
            targets: "t",
        };
        let mut out = Vec::new();
        render(&mut out, &findings).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            v,
            serde_json::json!([{
                "rule": "not-a-number", "file": "a.csv", "line": 7, "column": 3, "cell": null,
                "field": "value", "value": "8o", "expected": "a number",
                "message": "\"8o\" is not a number"
            }])
        );
    }
}
