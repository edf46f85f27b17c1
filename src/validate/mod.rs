//! Output of `dtcalc validate`: every problem found in data and targets
//! files, printed as it is found, in one of three formats, then a count.
//! One file per format writes one problem; [`Printer`] streams them, so
//! memory does not grow with the number of problems.

pub mod github;
pub mod json;
pub mod text;

use std::io::{self, Write};

use crate::cli::ValidateFormat;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::msg::{Notice, warning_prefix};
use crate::read::Sink;
use crate::say;

/// At most this many problems are printed in text and GitHub output; a
/// closing line counts the rest. JSON lists them all.
pub const LIMIT: usize = 200;

/// Prints problems to `out` as they come; warnings go to stderr.
pub struct Printer<W: Write> {
    out: W,
    format: ValidateFormat,
    lang: Lang,
    problems: u64,
    /// The first write error; nothing more is written after it.
    error: Option<io::Error>,
}

impl<W: Write> Printer<W> {
    /// A printer of `format` in `lang` (JSON is always English).
    pub fn new(out: W, format: ValidateFormat, lang: Lang) -> Self {
        Printer {
            out,
            format,
            lang,
            problems: 0,
            error: None,
        }
    }

    /// Problems printed or counted so far.
    pub fn problems(&self) -> u64 {
        self.problems
    }

    fn write(&mut self, d: &Diagnostic) -> io::Result<()> {
        let first = self.problems == 1;
        match self.format {
            ValidateFormat::Text => text::write(&mut self.out, d, self.lang),
            ValidateFormat::Github => github::write(&mut self.out, d, self.lang),
            ValidateFormat::Json => json::write(&mut self.out, d, first),
        }
    }

    /// Ends the output: the closing line (text, GitHub) or the end of the
    /// JSON array; then flushes.
    pub fn finish(mut self, data_files: usize, targets: &str) -> io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        match self.format {
            ValidateFormat::Json => json::finish(&mut self.out, self.problems)?,
            _ => {
                let line = summary(self.problems, data_files, targets, self.lang);
                writeln!(self.out, "{line}")?;
            }
        }
        self.out.flush()
    }
}

impl<W: Write> Sink for Printer<W> {
    fn problem(&mut self, d: Diagnostic) {
        self.problems += 1;
        let listed = self.format == ValidateFormat::Json || self.problems <= LIMIT as u64;
        if listed
            && self.error.is_none()
            && let Err(e) = self.write(&d)
        {
            self.error = Some(e);
        }
    }

    fn notice(&mut self, n: Notice) {
        eprintln!("{}{}", warning_prefix(self.lang), n.say(self.lang));
    }
}

/// The closing line: `3 problems in 2 data files checked against targets.toml`.
pub fn summary(n: u64, data_files: usize, targets: &str, lang: Lang) -> String {
    let problems = match (n, lang) {
        (0, Lang::En) => "no problems".to_string(),
        (1, Lang::En) => "1 problem".to_string(),
        (n, Lang::En) => format!("{n} problems"),
        (0, Lang::Vi) => "không có vấn đề nào".to_string(),
        (n, Lang::Vi) => format!("{n} vấn đề"),
    };
    let files = match data_files {
        0 => say!(lang,
            en: format!("in the targets file {targets}"),
            vi: format!("trong tệp mục tiêu {targets}"),
        ),
        1 => say!(lang,
            en: format!("in 1 data file checked against {targets}"),
            vi: format!("trong 1 tệp dữ liệu kiểm tra theo {targets}"),
        ),
        k => say!(lang,
            en: format!("in {k} data files checked against {targets}"),
            vi: format!("trong {k} tệp dữ liệu kiểm tra theo {targets}"),
        ),
    };
    let mut line = format!("{problems} {files}");
    if n > LIMIT as u64 {
        let more = n - LIMIT as u64;
        line.push_str(&say!(lang,
            en: format!("; {more} more not shown (--format json lists all)"),
            vi: format!("; {more} vấn đề khác không hiển thị (--format json liệt kê tất cả)"),
        ));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_problems_and_files() {
        assert_eq!(
            summary(1, 2, "t.toml", Lang::En),
            "1 problem in 2 data files checked against t.toml"
        );
        assert_eq!(
            summary(0, 0, "t.toml", Lang::En),
            "no problems in the targets file t.toml"
        );
        assert!(
            summary(LIMIT as u64 + 5, 1, "t.toml", Lang::En)
                .ends_with("; 5 more not shown (--format json lists all)")
        );
        assert_eq!(
            summary(2, 1, "t", Lang::Vi),
            "2 vấn đề trong 1 tệp dữ liệu kiểm tra theo t"
        );
    }
}
