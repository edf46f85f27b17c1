//! Language of human-facing text (Vietnamese or English) and number style.
//!
//! The texts themselves are in the message catalogue (`msg`), written with
//! `say!`. Machine formats (JSON) never go through this module.

/// The language of labels, names and numbers in human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Vietnamese: full diacritics, decimal comma.
    Vi,
    /// English: decimal point.
    En,
}

impl Lang {
    /// The language the environment asks for: `LC_ALL`, then `LC_MESSAGES`,
    /// then `LANG`; a value starting with `vi` gives Vietnamese, anything
    /// else English.
    pub fn from_env() -> Lang {
        let var = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty());
        Lang::from_locale(var.as_deref().unwrap_or(""))
    }

    /// Vietnamese for a locale string starting with `vi`, else English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// Formats a number with a fixed number of decimals in this language's
    /// style: `87,5` in Vietnamese, `87.5` in English; negative numbers use
    /// a true minus sign.
    pub fn number(self, value: f64, decimals: usize) -> String {
        let value = if value == 0.0 { 0.0 } else { value }; // no "-0.0"
        let s = format!("{:.*}", decimals, value.abs());
        let s = match self {
            Lang::Vi => s.replace('.', ","),
            Lang::En => s,
        };
        let rounds_to_zero = s.bytes().all(|b| matches!(b, b'0' | b'.' | b','));
        if value < 0.0 && !rounds_to_zero {
            format!("−{s}")
        } else {
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_language() {
        assert_eq!(Lang::from_locale("vi_VN.UTF-8"), Lang::Vi);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
    }

    #[test]
    fn numbers_follow_language() {
        assert_eq!(Lang::Vi.number(87.5, 1), "87,5");
        assert_eq!(Lang::En.number(87.5, 1), "87.5");
        assert_eq!(Lang::En.number(-2.25, 1), "−2.2"); // round-half-even of the binary value
        assert_eq!(Lang::En.number(-0.01, 1), "0.0");
        assert_eq!(Lang::En.number(-0.0, 1), "0.0");
    }
}
