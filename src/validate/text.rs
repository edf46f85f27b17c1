//! Text output: one line per problem, `file:line:col: rule: column: message`
//! (`file:Sheet!Cell: ...` for workbooks).

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::lang::Lang;

/// Writes one problem's line in `lang`.
pub fn write(w: &mut impl Write, d: &Diagnostic, lang: Lang) -> io::Result<()> {
    writeln!(w, "{}: {}: {}", d.place(), d.rule().id(), d.text_in(lang))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::msg::Problem;

    #[test]
    fn one_line_per_problem() {
        let value: Arc<str> = Arc::from("value");
        let d = Diagnostic::at(
            &Arc::from("a.csv"),
            7,
            3,
            Problem::NotANumber {
                raw: "8o%".into(),
                decimal: '.',
            },
        )
        .in_field(Some(&value));
        let mut out = Vec::new();
        write(&mut out, &d, Lang::En).unwrap();
        write(&mut out, &d.clone().in_cell("Sheet1!C7"), Lang::En).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a.csv:7:3: not-a-number: value: \"8o%\" is not a number\n\
             a.csv:Sheet1!C7: not-a-number: value: \"8o%\" is not a number\n"
        );
    }
}
