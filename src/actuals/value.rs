//! Parsing of the `value` and `year` fields as people write them.
//!
//! Pure functions: no I/O. Errors are messages for a data clerk.

/// Parses a value such as `87.5`, `87.5%` or (when `decimal_comma`) `87,5`.
///
/// Rejects `NaN`, `inf`, thousands separators and anything that is not a
/// plain decimal number, so nothing is ever misread.
pub fn parse_number(raw: &str, decimal_comma: bool) -> Result<f64, String> {
    let s = raw.trim();
    let s = s.strip_suffix('%').map_or(s, str::trim_end);
    if s.is_empty() {
        return Err("is empty; expected a number".to_string());
    }
    let sep = if decimal_comma { ',' } else { '.' };
    let other = if decimal_comma { '.' } else { ',' };
    if s.contains(other) || s.contains(' ') || s.contains('\u{a0}') || s.matches(sep).count() > 1 {
        return Err(format!(
            "\"{raw}\" looks like it has a thousands separator; write the number without one (decimal separator: \"{sep}\")"
        ));
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
    if !digits_ok || !exp_ok {
        return Err(format!("\"{raw}\" is not a number"));
    }
    let normalised = if decimal_comma {
        s.replace(',', ".")
    } else {
        s.to_string()
    };
    match normalised.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(if v == 0.0 { 0.0 } else { v }),
        _ => Err(format!("\"{raw}\" is not a finite number")),
    }
}

/// Parses a four-digit year.
pub fn parse_year(raw: &str) -> Result<i32, String> {
    let s = raw.trim();
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse()
            .map_err(|_| format!("\"{raw}\" is not a four-digit year"))
    } else {
        Err(format!("\"{raw}\" is not a four-digit year"))
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
        for bad in [
            "",
            "%",
            "NaN",
            "inf",
            "-infinity",
            "8o",
            "1e",
            "1e400",
            ".",
            "+",
            "0x10",
        ] {
            assert!(
                parse_number(bad, false).is_err(),
                "{bad:?} must be rejected"
            );
        }
    }

    #[test]
    fn thousands_separators_are_rejected_not_misread() {
        assert!(
            parse_number("1,234.5", false)
                .unwrap_err()
                .contains("thousands")
        );
        assert!(
            parse_number("1.234,5", true)
                .unwrap_err()
                .contains("thousands")
        );
        assert!(
            parse_number("1 234", false)
                .unwrap_err()
                .contains("thousands")
        );
        // a decimal comma in a comma-delimited file is never guessed
        assert!(parse_number("87,5", false).is_err());
    }

    #[test]
    fn years_are_four_digits() {
        assert_eq!(parse_year("2024"), Ok(2024));
        assert!(parse_year("24").is_err());
        assert!(parse_year("2024.0").is_err());
        assert!(parse_year("").is_err());
    }
}
