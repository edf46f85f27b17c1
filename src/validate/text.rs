//! Text output: one line per problem, `file:line:col: rule: column: message`,
//! then a closing count.

use std::io::{self, Write};

use super::{Findings, LIMIT};
use crate::lang::Lang;

/// Writes at most [`LIMIT`] problems and the closing line.
/// Messages are in `lang`; rule names never change.
pub fn render(w: &mut impl Write, findings: &Findings, lang: Lang) -> io::Result<()> {
    for d in findings.problems.iter().take(LIMIT) {
        writeln!(w, "{}: {}: {}", d.place(), d.rule, d.text_in(lang))?;
    }
    writeln!(w, "{}", findings.summary_in(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn one_line_per_problem_and_a_count() {
        let problems = [
            Diagnostic::at(
                "a.csv",
                7,
                3,
                Some("value"),
                "not-a-number",
                "\"8o%\" is not a number",
            ),
            Diagnostic::at(
                "b.xlsx",
                2,
                1,
                Some("indicator"),
                "unknown-indicator",
                "unknown indicator \"x\"",
            )
            .in_cell("Sheet1!A2"),
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
            "a.csv:7:3: not-a-number: value: \"8o%\" is not a number\n\
             b.xlsx:Sheet1!A2: unknown-indicator: indicator: unknown indicator \"x\"\n\
             2 problems in 2 data files checked against t.toml\n"
        );
    }
}
