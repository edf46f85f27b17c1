//! Words of the human outputs: names, labels and headings, in both
//! languages.

use crate::lang::Lang;
use crate::say;

/// A word or short label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// The name of the compiled-in targets file in messages.
    BuiltinTargets,
    /// After a duplicate row skipped by `--skip-invalid`: which one counts.
    FirstKept,
}

impl Word {
    /// The word in `lang`.
    pub fn say(self, lang: Lang) -> &'static str {
        match self {
            Word::BuiltinTargets => say!(lang,
                en: "targets.toml (built in)",
                vi: "targets.toml (có sẵn)",
            ),
            Word::FirstKept => say!(lang,
                en: "the row given first is kept",
                vi: "giữ lại dòng có trước",
            ),
        }
    }
}

/// The name of an invisible character, in a note after a value that holds
/// one: `with an invisible zero-width space, U+200B`.
pub fn invisible(c: char, lang: Lang) -> String {
    let (en, vi) = match c {
        '\u{feff}' => ("byte-order mark", "dấu thứ tự byte"),
        '\u{200b}' => ("zero-width space", "dấu cách độ rộng 0"),
        '\u{200c}' => ("zero-width non-joiner", "dấu không nối độ rộng 0"),
        '\u{200d}' => ("zero-width joiner", "dấu nối độ rộng 0"),
        '\u{200e}' => ("left-to-right mark", "dấu chiều trái sang phải"),
        '\u{200f}' => ("right-to-left mark", "dấu chiều phải sang trái"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            ("text-direction control", "ký tự điều khiển chiều văn bản")
        }
        '\u{ad}' => ("soft hyphen", "dấu gạch nối mềm"),
        '\u{2060}' => ("word joiner", "dấu nối từ"),
        _ => ("character", "ký tự"),
    };
    let code = u32::from(c);
    say!(lang,
        en: format!("with an invisible {en}, U+{code:04X}"),
        vi: format!("có ký tự vô hình: {vi}, U+{code:04X}"),
    )
}
