//! Parsing of the `value` and `year` fields as people write them.
//!
//! Pure functions: no I/O. Errors are messages for a data clerk.

use crate::diagnostic::shown;
use crate::lang::{Lang, Text};

/// Why a field is not a usable number.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberError {
    /// `not-a-number`, `thousands-separator` or `not-finite`.
    pub rule: &'static str,
    /// What is wrong, for a data clerk.
    pub message: Text,
}

impl NumberError {
    fn new(rule: &'static str, message: Text) -> Self {
        NumberError { rule, message }
    }
}

/// Parses a value such as `87.5`, `87.5%` or (when `decimal_comma`) `87,5`.
///
/// Rejects `NaN`, `inf`, thousands separators and anything that is not a
/// plain decimal number, so nothing is ever misread.
pub fn parse_number(raw: &str, decimal_comma: bool) -> Result<f64, NumberError> {
    let s = raw.trim();
    let s = s.strip_suffix('%').map_or(s, str::trim_end);
    if s.is_empty() {
        let msg = Text::new("is empty; expected a number", "để trống; cần một số");
        return Err(NumberError::new("not-a-number", msg));
    }
    let sep = if decimal_comma { ',' } else { '.' };
    let other = if decimal_comma { '.' } else { ',' };
    let grouped = s.contains(other)
        || s.contains([' ', '\u{a0}', '\u{202f}', '\''])
        || s.matches(sep).count() > 1;
    let digits_and_marks = s.chars().all(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'' | '-' | '+'
            )
    });
    let (en, vi) = (shown(raw, Lang::En), shown(raw, Lang::Vi));
    if grouped && digits_and_marks {
        let msg = Text::new(
            format!(
                "{en} looks like it has a thousands separator; write the number without one, with \"{sep}\" as the decimal separator"
            ),
            format!(
                "{vi} có vẻ có dấu phân cách hàng nghìn; hãy viết số không có dấu đó, dùng \"{sep}\" làm dấu thập phân"
            ),
        );
        return Err(NumberError::new("thousands-separator", msg));
    }
    let word = s.trim_start_matches(['-', '+']).to_lowercase();
    if matches!(word.as_str(), "nan" | "inf" | "infinity") {
        let msg = Text::new(
            format!("{en} is not a finite number; expected a figure"),
            format!("{vi} không phải là số hữu hạn; cần một con số"),
        );
        return Err(NumberError::new("not-finite", msg));
    }
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let digits = mantissa.strip_prefix(['-', '+']).unwrap_or(mantissa);
    let digits_ok = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == sep)
        && digits.chars().any(|c| c.is_ascii_digit());
    let exp_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    if !digits_ok || !exp_ok || grouped {
        return Err(NumberError::new(
            "not-a-number",
            Text::new(
                format!("{en} is not a number"),
                format!("{vi} không phải là số"),
            ),
        ));
    }
    let normalised = if decimal_comma {
        s.replace(',', ".")
    } else {
        s.to_string()
    };
    match normalised.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(if v == 0.0 { 0.0 } else { v }),
        _ => Err(NumberError::new(
            "not-finite",
            Text::new(
                format!("{en} is too large to be a finite number"),
                format!("{vi} quá lớn, không phải là số hữu hạn"),
            ),
        )),
    }
}

/// Parses a four-digit year.
pub fn parse_year(raw: &str) -> Result<i32, Text> {
    let s = raw.trim();
    let not_a_year = || {
        Text::new(
            format!("{} is not a four-digit year", shown(raw, Lang::En)),
            format!("{} không phải là năm có bốn chữ số", shown(raw, Lang::Vi)),
        )
    };
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().map_err(|_| not_a_year())
    } else {
        Err(not_a_year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_percent_numbers_parse() {
        assert_eq!(parse_number("87.5", false), Ok(87.5));
        assert_eq!(parse_number(" 87.5 % ", false), Ok(87.5));
        assert_eq!(parse_number("87.5%", false), Ok(87.5));
        assert_eq!(parse_number("-2", false), Ok(-2.0));
        assert_eq!(parse_number("1e2", false), Ok(100.0));
        assert_eq!(parse_number("-0", false), Ok(0.0));
        assert_eq!(parse_number("87,5", true), Ok(87.5));
    }

    #[test]
    fn non_numbers_are_rejected() {
        for bad in ["", "%", "8o", "1e", ".", "+", "0x10"] {
            assert_eq!(
                parse_number(bad, false).map_err(|e| e.rule),
                Err("not-a-number"),
                "{bad:?} must be rejected"
            );
        }
        for bad in ["NaN", "inf", "-Infinity"] {
            assert_eq!(parse_number(bad, false).unwrap_err().rule, "not-finite");
        }
        // 1e400 overflows f64 (max about 1.8e308)
        assert_eq!(parse_number("1e400", false).unwrap_err().rule, "not-finite");
    }

    #[test]
    fn thousands_separators_are_rejected_not_misread() {
        let rule = |raw: &str, comma: bool| parse_number(raw, comma).unwrap_err().rule;
        assert_eq!(rule("1,234.5", false), "thousands-separator");
        assert_eq!(rule("1.234,5", true), "thousands-separator");
        assert_eq!(rule("1 234", false), "thousands-separator");
        assert_eq!(rule("1.234.567", false), "thousands-separator");
        // a decimal comma in a comma-delimited file is never guessed
        assert_eq!(rule("87,5", false), "thousands-separator");
        assert_eq!(rule("8o,5", false), "not-a-number");
    }

    #[test]
    fn years_are_four_digits() {
        assert_eq!(parse_year("2024"), Ok(2024));
        assert!(parse_year("24").is_err());
        assert!(parse_year("2024.0").is_err());
        assert!(parse_year("").is_err());
    }
}
