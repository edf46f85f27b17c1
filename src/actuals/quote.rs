//! The quoting mistakes spreadsheet users make in CSV, as diagnostics: a
//! quote never closed, a stray quote inside a field, text after a closing
//! quote. Pure: builds messages, reads nothing.

use crate::diagnostic::Diagnostic;
use crate::lang::Text;

/// A quote that is never closed: where it opened and where reading goes on.
pub struct Unclosed {
    /// Line of the opening quote.
    pub line: u64,
    /// Field number of the opening quote.
    pub column: u64,
    /// The rest of the line from the quote on.
    pub excerpt: String,
    /// Byte offset of the line after the quote's line.
    pub resume: usize,
}

impl Unclosed {
    /// The quote at byte `quote_at` of `text`, never closed.
    pub fn at(text: &str, quote_at: usize, line: u64, column: u64) -> Unclosed {
        let from_quote = text.get(quote_at..).unwrap_or_default();
        let line_len = from_quote.find(['\r', '\n']).unwrap_or(from_quote.len());
        let excerpt = from_quote.get(..line_len).unwrap_or_default().to_string();
        let after = from_quote.get(line_len..).unwrap_or_default();
        let ending = if after.starts_with("\r\n") {
            2
        } else {
            usize::from(!after.is_empty())
        };
        Unclosed {
            line,
            column,
            excerpt,
            resume: quote_at + line_len + ending,
        }
    }

    /// The problem, at the line where the quote opened.
    pub fn diagnostic(&self, file: &str) -> Diagnostic {
        let ex = excerpt(&self.excerpt);
        let msg = Text::new(
            format!(
                "quote opened here is never closed, so the rest of the file would be read as one field: {ex}; \
                 close the quote or remove it"
            ),
            format!(
                "dấu ngoặc kép mở ở đây không được đóng, nên phần còn lại của tệp sẽ bị đọc thành một trường: {ex}; \
                 hãy đóng dấu ngoặc hoặc xoá nó"
            ),
        );
        Diagnostic::at(file, self.line, self.column, None, "malformed-quote", msg)
            .with_value(self.excerpt.clone())
            .with_expected("a closing quote before the end of the field")
    }
}

/// A quote inside a field that does not start with one (`Sở "TT"`).
pub fn stray(file: &str, line: u64, column: u64, raw: String) -> Diagnostic {
    let (ex, fixed) = (
        excerpt(&raw),
        excerpt(&format!("\"{}\"", raw.replace('"', "\"\""))),
    );
    let msg = Text::new(
        format!(
            "stray quote in a field that does not start with one: {ex}; put the whole field in quotes with the quotes inside doubled ({fixed}) or remove the quote"
        ),
        format!(
            "dấu ngoặc kép lạc trong một trường không bắt đầu bằng dấu ngoặc kép: {ex}; hãy đặt cả trường trong ngoặc kép và nhân đôi các dấu ngoặc bên trong ({fixed}) hoặc xoá dấu ngoặc"
        ),
    );
    malformed(file, line, column, msg, raw)
}

/// Text after the closing quote of a quoted field (`"86"%`).
pub fn after_closing(file: &str, line: u64, column: u64, raw: String) -> Diagnostic {
    let ex = excerpt(&raw);
    let msg = Text::new(
        format!(
            "text after a closing quote: {ex}; remove the quotes, or put the whole field in quotes with the quotes inside doubled"
        ),
        format!(
            "có chữ sau dấu ngoặc kép đóng: {ex}; hãy bỏ dấu ngoặc, hoặc đặt cả trường trong ngoặc kép và nhân đôi các dấu ngoặc bên trong"
        ),
    );
    malformed(file, line, column, msg, raw)
}

fn malformed(file: &str, line: u64, column: u64, msg: Text, raw: String) -> Diagnostic {
    Diagnostic::at(file, line, column, None, "malformed-quote", msg)
        .with_value(raw)
        .with_expected("a field wholly in quotes, with inner quotes doubled")
}

/// The raw text of a field for a message, in «», shortened past 40
/// characters (the text may itself hold quotes).
fn excerpt(raw: &str) -> String {
    let short: String = raw.chars().take(40).collect();
    if short.len() < raw.len() {
        format!("«{short}…»")
    } else {
        format!("«{short}»")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_resumes_after_the_quote_line() {
        // "a\n" is 2 bytes; the quote is at byte 2; "\"x,1\r\n" ends at 2 + 4 + 2
        let u = Unclosed::at("a\n\"x,1\r\nc", 2, 2, 1);
        assert_eq!((u.excerpt.as_str(), u.resume), ("\"x,1", 8));
        let u = Unclosed::at("\"x", 0, 1, 1);
        assert_eq!(u.resume, 2); // the end of the text
    }

    #[test]
    fn long_fields_are_shortened_in_messages() {
        let long = "x".repeat(50);
        assert_eq!(excerpt(&long), format!("«{}…»", "x".repeat(40)));
        assert_eq!(excerpt("ab"), "«ab»");
    }
}
