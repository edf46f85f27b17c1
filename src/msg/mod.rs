//! The message catalogue: every text a person reads, written once per
//! language, here and nowhere else.
//!
//! Each message is a variant of a typed enum ([`Problem`] for a located
//! problem in an input file, [`Notice`] for a warning, [`Failure`] for an
//! error that stops the run, [`Reason`] for why a file could not be read or
//! written, and the words of the reports in `word.rs`); the names of
//! progress classes and the labels of methods are in `progress.rs`.
//! Its text is written with [`say!`](crate::say), a `match` on the language that needs
//! both arms: a message without its Vietnamese or its English does not
//! compile. Machine formats (JSON, CSV) take the English.

mod areas;
mod failure;
pub mod label;
mod notice;
mod problem;
mod progress;
mod reason;
pub mod sheet;
mod shown;
pub mod word;

pub use areas::AreasWrong;
pub use failure::Failure;
pub use notice::{Notice, error_prefix, skipped_prefix, warning_prefix};
pub use problem::{FirstPlace, MAX_NAMES_SHOWN, Problem, WorkbookFault};
pub use reason::Reason;
pub use shown::{SHOWN_CHARS, shown, shown_bare};
pub use word::Word;

use crate::lang::Lang;

/// The text of a message in `lang`: `say!(lang, en: ..., vi: ...)`. Both
/// languages are required; the expressions are only evaluated for the one
/// asked for.
#[macro_export]
macro_rules! say {
    ($lang:expr, en: $en:expr, vi: $vi:expr $(,)?) => {
        match $lang {
            $crate::lang::Lang::En => $en,
            $crate::lang::Lang::Vi => $vi,
        }
    };
}

/// `n` items with the right English plural (`1 problem`, `2 problems`);
/// Vietnamese has no plural form.
pub fn count(lang: Lang, n: u64, one: &str, many: &str, vi: &str) -> String {
    say!(lang,
        en: format!("{n} {}", if n == 1 { one } else { many }),
        vi: format!("{n} {vi}"),
    )
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
        n => say!(lang,
            en: format!("{} and {n} more", shown.join(", ")),
            vi: format!("{} và {n} mục khác", shown.join(", ")),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_lists_follow_the_language() {
        assert_eq!(count(Lang::En, 1, "row", "rows", "dòng"), "1 row");
        assert_eq!(count(Lang::En, 2, "row", "rows", "dòng"), "2 rows");
        assert_eq!(count(Lang::Vi, 2, "row", "rows", "dòng"), "2 dòng");
        let names: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(list(&names, 2, Lang::En), "a, b and 1 more");
        assert_eq!(list(&names, 2, Lang::Vi), "a, b và 1 mục khác");
        assert_eq!(list(&names, 3, Lang::En), "a, b, c");
    }
}
