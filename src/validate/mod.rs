//! Output of `dtcalc validate`: the problems found in data and targets
//! files, in one of three formats. One file per format; each takes a writer
//! and the finished list, and none checks anything itself.

pub mod github;
pub mod json;
pub mod text;

use crate::diagnostic::Diagnostic;
use crate::lang::Lang;

/// At most this many problems are printed in text and GitHub output; a
/// closing line counts the rest. JSON lists them all.
pub const LIMIT: usize = 200;

/// The outcome of a validation run.
#[derive(Debug)]
pub struct Findings<'a> {
    /// Every problem, in file order.
    pub problems: &'a [Diagnostic],
    /// How many data files were checked.
    pub data_files: usize,
    /// The targets file as named (`targets.toml (built in)` by default,
    /// `targets.toml (có sẵn)` in Vietnamese).
    pub targets: &'a str,
}

impl Findings<'_> {
    /// [`Findings::summary`] in `lang`.
    pub fn summary_in(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.summary();
        }
        let n = self.problems.len();
        let problems = match n {
            0 => "không có vấn đề nào".to_string(),
            n => format!("{n} vấn đề"),
        };
        let files = match self.data_files {
            0 => format!("trong tệp mục tiêu {}", self.targets),
            k => format!("trong {k} tệp dữ liệu kiểm tra theo {}", self.targets),
        };
        let mut line = format!("{problems} {files}");
        if n > LIMIT {
            line.push_str(&format!(
                "; {} vấn đề khác không hiển thị (--format json liệt kê tất cả)",
                n - LIMIT
            ));
        }
        line
    }

    /// The closing line: `3 problems in 2 data files checked against targets.toml`.
    pub fn summary(&self) -> String {
        let n = self.problems.len();
        let problems = match n {
            0 => "no problems".to_string(),
            1 => "1 problem".to_string(),
            n => format!("{n} problems"),
        };
        let files = match self.data_files {
            0 => format!("in the targets file {}", self.targets),
            1 => format!("in 1 data file checked against {}", self.targets),
            k => format!("in {k} data files checked against {}", self.targets),
        };
        let mut line = format!("{problems} {files}");
        if n > LIMIT {
            line.push_str(&format!(
                "; {} more not shown (--format json lists all)",
                n - LIMIT
            ));
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_problems_and_files() {
        let one = [Diagnostic::file("a.csv", "empty-file", "empty")];
        let f = Findings {
            problems: &one,
            data_files: 2,
            targets: "t.toml",
        };
        assert_eq!(
            f.summary(),
            "1 problem in 2 data files checked against t.toml"
        );
        let f = Findings {
            problems: &[],
            data_files: 0,
            targets: "t.toml",
        };
        assert_eq!(f.summary(), "no problems in the targets file t.toml");
        let many = vec![Diagnostic::file("a.csv", "x", "y"); LIMIT + 5];
        let f = Findings {
            problems: &many,
            data_files: 1,
            targets: "t.toml",
        };
        assert!(
            f.summary()
                .ends_with("; 5 more not shown (--format json lists all)")
        );
    }
}
