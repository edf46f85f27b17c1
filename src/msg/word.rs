//! Words of the human outputs: names, labels and headings, in both
//! languages.

use crate::lang::Lang;
use crate::say;

/// A word or short label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// The name of the compiled-in targets file in messages.
    BuiltinTargets,
}

impl Word {
    /// The word in `lang`.
    pub fn say(self, lang: Lang) -> &'static str {
        match self {
            Word::BuiltinTargets => say!(lang,
                en: "targets.toml (built in)",
                vi: "targets.toml (có sẵn)",
            ),
        }
    }
}
