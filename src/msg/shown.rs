//! A value from a user's file as a message shows it: quoted, control and
//! invisible characters escaped, a long value shortened.

use crate::lang::Lang;
use crate::say;

/// Characters of a user's value shown in a message before it is shortened.
pub const SHOWN_CHARS: usize = 60;

/// A value from the user's file for a message, in double quotes: as
/// written, with control characters escaped (`\0`, `\t`, `\u{1b}`) so that
/// nothing raw reaches a terminal, and past [`SHOWN_CHARS`] characters
/// shortened with "…" and the full length (`"xxxx…" (10485760 characters)`).
///
/// Characters a terminal would not show (a byte-order mark, a zero-width
/// space, a direction mark or override) are escaped too (`\u{200b}`), and
/// the first is named after the value.
pub fn shown(raw: &str, lang: Lang) -> String {
    let (text, total) = clip(raw);
    let quoted = match total {
        None => format!("\"{text}\""),
        Some(n) => format!("\"{text}…\" ({})", characters(n, lang)),
    };
    match raw.chars().find(|&c| invisible(c) && !c.is_control()) {
        Some(c) => format!("{quoted} ({})", crate::msg::word::invisible(c, lang)),
        None => quoted,
    }
}

/// True for a character that prints nothing visible: a control character,
/// or a Unicode format character (zero-width, joiners, direction marks,
/// byte-order mark).
pub fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// Like [`shown`] without the quotes, for names in a list (`the header has: a, b`).
pub fn shown_bare(raw: &str, lang: Lang) -> String {
    let (text, total) = clip(raw);
    match total {
        None => text,
        Some(n) => format!("{text}… ({})", characters(n, lang)),
    }
}

fn characters(n: usize, lang: Lang) -> String {
    say!(lang, en: format!("{n} characters"), vi: format!("{n} ký tự"))
}

/// The first [`SHOWN_CHARS`] characters escaped, and the total count when
/// the text was shortened.
fn clip(raw: &str) -> (String, Option<usize>) {
    let mut out = String::new();
    for c in raw.chars().take(SHOWN_CHARS) {
        match c {
            '\0' => out.push_str("\\0"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if invisible(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    let longer = raw.chars().nth(SHOWN_CHARS).is_some();
    (out, longer.then(|| raw.chars().count()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_values_are_escaped_and_shortened() {
        assert_eq!(shown("8o%", Lang::En), "\"8o%\"");
        assert_eq!(shown("a\0b\x1b", Lang::En), "\"a\\0b\\u{1b}\"");
        let long = "x".repeat(100);
        assert_eq!(
            shown(&long, Lang::En),
            format!("\"{}…\" (100 characters)", "x".repeat(60))
        );
        assert_eq!(
            shown_bare(&long, Lang::Vi),
            format!("{}… (100 ký tự)", "x".repeat(60))
        );
    }

    #[test]
    fn invisible_characters_are_escaped_and_named() {
        assert_eq!(
            shown("gov.online_services\u{200b}", Lang::En),
            "\"gov.online_services\\u{200b}\" (with an invisible zero-width space, U+200B)"
        );
        // a right-to-left override never reaches the terminal raw
        let s = shown("a\u{202e}b", Lang::Vi);
        assert!(
            !s.contains('\u{202e}') && s.contains("\\u{202e}") && s.contains("U+202E"),
            "{s}"
        );
        assert_eq!(
            shown("\u{feff}x", Lang::En),
            "\"\\u{feff}x\" (with an invisible byte-order mark, U+FEFF)"
        );
    }
}
