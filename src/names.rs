//! How names and codes are compared: in Unicode NFC, so that a name typed
//! with decomposed accents (as some systems export Vietnamese) is the same
//! name; member names also without regard to case.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// NFC form, borrowing when the text is NFC already.
pub fn nfc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// A member name as it is compared: NFC, lower case. Two spellings with
/// the same fold are one member.
pub fn fold(name: &str) -> String {
    nfc(&name.to_lowercase()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_and_decomposed_are_one_name() {
        // "Hà" with a precomposed à (U+00E0) and with a + combining grave (U+0300)
        assert_eq!(nfc("H\u{e0}"), nfc("Ha\u{300}"));
        assert!(matches!(nfc("plain"), Cow::Borrowed(_)));
        assert_eq!(fold("Y Te\u{302}\u{301}"), fold("y tế"));
    }
}
