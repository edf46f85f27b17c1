//! Text encodings of data files: UTF-8 with or without a byte-order mark,
//! UTF-16 with one (Excel's "Unicode text"), or a code page named with
//! `--encoding` (windows-1258 from Vietnamese Windows). The result is NFC,
//! so names typed with combining accents match the targets file.
//!
//! Pure: bytes in, text or a diagnostic out.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

use crate::diagnostic::Diagnostic;
use crate::lang::Text;

/// Decodes a data file's bytes into NFC text without a byte-order mark.
///
/// A byte-order mark wins over `forced` (a file that says it is UTF-16 is).
/// Without one and without `forced`, the bytes must be UTF-8; otherwise the
/// diagnostic points at the first bad byte and suggests `--encoding`.
pub fn decode(
    bytes: &[u8],
    file: &str,
    forced: Option<&'static Encoding>,
) -> Result<String, Box<Diagnostic>> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom..).unwrap_or_default();
        return strict(encoding, body, file).map(nfc);
    }
    match forced {
        Some(encoding) => strict(encoding, bytes, file).map(nfc),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => Ok(nfc(text.to_string())),
            Err(e) => Err(Box::new(not_utf8(bytes, e.valid_up_to(), file))),
        },
    }
}

/// Looks up an encoding by a WHATWG label (`windows-1258`, `cp1258`, `utf-16le`, ...).
pub fn by_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decodes without replacement characters: a byte that is not valid in
/// `encoding` is an error, never a silent `\u{fffd}`.
fn strict(
    encoding: &'static Encoding,
    bytes: &[u8],
    file: &str,
) -> Result<String, Box<Diagnostic>> {
    if encoding == UTF_8 {
        return std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|e| Box::new(not_utf8(bytes, e.valid_up_to(), file)));
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if !had_errors {
        return Ok(text.into_owned());
    }
    let bad = text.find('\u{fffd}').unwrap_or_default();
    let line = text.get(..bad).map_or(0, |t| t.matches('\n').count()) + 1;
    let name = encoding.name().to_lowercase();
    let utf16 = encoding == UTF_16LE || encoding == UTF_16BE;
    let msg = Text::new(
        format!(
            "line {line} is not valid {name}{}",
            if utf16 {
                "; the file is cut short or not really UTF-16: save it again from the spreadsheet"
            } else {
                ""
            }
        ),
        format!(
            "dòng {line} không phải là {name} hợp lệ{}",
            if utf16 {
                "; tệp bị cắt ngắn hoặc không thực sự là UTF-16: hãy lưu lại từ bảng tính"
            } else {
                ""
            }
        ),
    );
    Err(Box::new(
        Diagnostic::at(file, line as u64, 1, None, "encoding", msg)
            .with_expected(format!("text in {name}")),
    ))
}

/// The diagnostic for bytes that are not UTF-8, at the first bad byte.
fn not_utf8(bytes: &[u8], valid_up_to: usize, file: &str) -> Diagnostic {
    let before = bytes.get(..valid_up_to).unwrap_or_default();
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
        .chars()
        .count()
        + 1;
    let byte = bytes.get(valid_up_to).copied().unwrap_or_default();
    let msg = Text::new(
        format!(
            "not valid UTF-8 (byte 0x{byte:02x} at character {column} of the line); \
             a \"CSV\" saved by Excel on Vietnamese Windows is read with --encoding windows-1258, \
             or save it as \"CSV UTF-8\""
        ),
        format!(
            "không phải UTF-8 hợp lệ (byte 0x{byte:02x} ở ký tự {column} của dòng); \
             tệp \"CSV\" lưu bằng Excel trên Windows tiếng Việt được đọc với --encoding windows-1258, \
             hoặc hãy lưu lại dưới dạng \"CSV UTF-8\""
        ),
    );
    Diagnostic::at(file, line as u64, column as u64, None, "encoding", msg)
        .with_value(format!("0x{byte:02x}"))
        .with_expected("UTF-8 text, or --encoding NAME")
}

/// NFC form, copying only when the text is not NFC already.
pub fn nfc(text: String) -> String {
    if is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
        text
    } else {
        text.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom_decodes() {
        assert_eq!(decode(b"a,b\n", "f", None), Ok("a,b\n".to_string()));
        assert_eq!(decode(b"\xEF\xBB\xBFa,b", "f", None), Ok("a,b".to_string()));
    }

    #[test]
    fn utf16_with_bom_decodes() {
        // "a\tb" as UTF-16LE after its BOM FF FE, and as UTF-16BE after FE FF
        let le = [0xFF, 0xFE, b'a', 0, b'\t', 0, b'b', 0];
        assert_eq!(decode(&le, "f", None), Ok("a\tb".to_string()));
        let be = [0xFE, 0xFF, 0, b'a', 0, b'\t', 0, b'b'];
        assert_eq!(decode(&be, "f", None), Ok("a\tb".to_string()));
    }

    #[test]
    fn invalid_utf8_names_line_and_character_and_suggests_the_flag() {
        // line 2, after "x,": 0xF4 is windows-1258's "ô"
        let d = decode(b"a,b\nx,\xF4\n", "f.csv", None).unwrap_err();
        assert_eq!((d.line, d.column, d.rule), (Some(2), Some(3), "encoding"));
        assert!(
            d.message.contains("--encoding windows-1258"),
            "{}",
            d.message
        );
    }

    #[test]
    fn windows_1258_combining_accents_become_nfc() {
        // "Sở": S, 0xF5 = "ơ", 0xD2 = combining hook above -> NFC U+1EDF
        let text = decode(b"S\xF5\xD2", "f", by_label("windows-1258")).unwrap();
        assert_eq!(text, "S\u{1edf}");
        assert_eq!(by_label("cp1258"), by_label("windows-1258"));
    }

    #[test]
    fn nfd_input_is_composed() {
        // "hộ" typed as o + combining circumflex + combining dot below
        let text = decode("ho\u{302}\u{323}".as_bytes(), "f", None).unwrap();
        assert_eq!(text, "h\u{1ed9}");
    }
}
