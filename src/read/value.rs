//! The `value` and `year` fields as people write them: `87.5`, `87,5 %`,
//! `-2`, `1e3`; and the decimal mark a file uses.
//!
//! Pure functions: no I/O. Nothing is ever misread: a thousands separator,
//! `NaN`, `inf` or a value whose decimal mark cannot be told is a problem,
//! not a guess.

use crate::msg::Problem;

/// The decimal mark of a file's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// `87.5`.
    Point,
    /// `87,5`.
    Comma,
}

impl Mark {
    /// The mark's character.
    pub fn char(self) -> char {
        match self {
            Mark::Point => '.',
            Mark::Comma => ',',
        }
    }

    /// The mark for `.` or `,`.
    pub fn of(c: char) -> Option<Mark> {
        match c {
            '.' => Some(Mark::Point),
            ',' => Some(Mark::Comma),
            _ => None,
        }
    }
}

/// What a value says about its file's decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// No mark at all (`86`, `2024`).
    None,
    /// One mark followed by exactly three digits (`1.234`): a decimal or a
    /// thousands separator, the value cannot tell.
    Ambiguous(Mark),
    /// A mark that can only be the decimal mark: followed by other than
    /// three digits (`86.4`, `0,25`), or the last of two kinds (`1.234,5`).
    Settles(Mark),
}

/// What `value` says about the decimal mark (looked at before parsing).
pub fn evidence(raw: &str) -> Evidence {
    let s = body(raw);
    let Some(last) = s.rfind(['.', ',']) else {
        return Evidence::None;
    };
    let mark = if s.as_bytes().get(last) == Some(&b'.') {
        Mark::Point
    } else {
        Mark::Comma
    };
    let after = s.get(last + 1..).unwrap_or_default();
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    if digits == after.len() && digits == 3 && !s.contains(mark.other()) {
        // `1.234`; `1.234.567` has only grouping marks, `1.234,5` settles `,`
        if s[..last].contains(mark.char()) {
            Evidence::None
        } else {
            Evidence::Ambiguous(mark)
        }
    } else if digits == after.len() && digits > 0 {
        Evidence::Settles(mark)
    } else {
        Evidence::None
    }
}

impl Mark {
    fn other(self) -> char {
        match self {
            Mark::Point => ',',
            Mark::Comma => '.',
        }
    }
}

/// The number without blanks, a final `%` and what follows it.
fn body(raw: &str) -> &str {
    let s = raw.trim();
    s.strip_suffix('%').map_or(s, str::trim_end)
}

/// Parses a value such as `87.5`, `87.5%` or (with a decimal comma) `87,5`.
///
/// Rejects `NaN`, `inf`, thousands separators and anything that is not a
/// plain decimal number.
pub fn parse_number(raw: &str, mark: Mark) -> Result<f64, Problem> {
    let decimal = mark.char();
    if let Some(v) = fast(raw.as_bytes(), mark) {
        return Ok(v);
    }
    let s = body(raw);
    if let Some(v) = fast(s.as_bytes(), mark) {
        return Ok(v);
    }
    let owned = || raw.to_string();
    if s.is_empty() {
        return Err(Problem::EmptyValue { decimal });
    }
    let sep = decimal;
    let other = mark.other();
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
    if grouped && digits_and_marks {
        return Err(Problem::ThousandsSeparator {
            raw: owned(),
            decimal,
        });
    }
    let word = s.trim_start_matches(['-', '+']).to_lowercase();
    if matches!(word.as_str(), "nan" | "inf" | "infinity") {
        return Err(Problem::NotFinite {
            raw: owned(),
            decimal,
        });
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
        return Err(Problem::NotANumber {
            raw: owned(),
            decimal,
        });
    }
    let normalised = match mark {
        Mark::Comma => s.replace(',', "."),
        Mark::Point => s.to_string(),
    };
    match normalised.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(if v == 0.0 { 0.0 } else { v }),
        _ => Err(Problem::TooLarge {
            raw: owned(),
            decimal,
        }),
    }
}

/// A value in the common shape (`[-]digits[mark digits]`, at most 15
/// digits, nothing around it), read as [`parse_number`] reads it; `None`
/// for any other shape.
pub fn plain_number(raw: &[u8], mark: Mark) -> Option<f64> {
    fast(raw, mark)
}

/// A year of four digits and nothing else, as [`parse_year`] reads it;
/// `None` for any other text.
pub fn plain_year(raw: &[u8]) -> Option<i32> {
    match raw {
        [a, b, c, d] if [a, b, c, d].iter().all(|x| x.is_ascii_digit()) => Some(
            [a, b, c, d]
                .iter()
                .fold(0, |y, &&x| y * 10 + i32::from(x - b'0')),
        ),
        _ => None,
    }
}

/// The decimals a value is written with: the digits after its decimal
/// mark (`87.50` has 2, `86` none), to show it as the source published it.
pub fn decimals(raw: &[u8], mark: Mark) -> u8 {
    let sep = mark.char() as u8;
    match raw.iter().position(|&b| b == sep) {
        Some(i) => raw
            .get(i + 1..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
            .min(usize::from(u8::MAX)) as u8,
        None => 0,
    }
}

/// 10 to the power `n`, exactly for `n` up to 15 (and as near as a float
/// holds above).
pub fn pow10(n: u8) -> f64 {
    match POW10.get(usize::from(n)) {
        Some(&p) => p,
        None => 10f64.powi(i32::from(n)),
    }
}

/// Powers of ten exactly representable as `f64`.
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// The common shape `[-]digits[mark digits]` with at most 15 digits, read
/// without `str::parse`: the digits as an integer are exact in an `f64`,
/// as is 10^k, and one IEEE division rounds correctly, so the result is
/// the same `f64` as `str::parse` gives. `None` for any other shape.
fn fast(b: &[u8], mark: Mark) -> Option<f64> {
    let sep = mark.char() as u8;
    let (negative, digits) = match b {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 16 {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut count = 0usize;
    let mut fraction: Option<usize> = None;
    for (i, &c) in digits.iter().enumerate() {
        if c.is_ascii_digit() {
            mantissa = mantissa * 10 + u64::from(c - b'0');
            count += 1;
        } else if c == sep && fraction.is_none() && i > 0 && i + 1 < digits.len() {
            fraction = Some(digits.len() - i - 1);
        } else {
            return None;
        }
    }
    if count > 15 {
        return None;
    }
    let v = mantissa as f64 / POW10.get(fraction.unwrap_or(0)).copied()?;
    Some(if negative && v != 0.0 { -v } else { v })
}

/// Parses a four-digit year.
pub fn parse_year(raw: &str) -> Result<i32, Problem> {
    let s = raw.trim();
    if let Some(year) = plain_year(s.as_bytes()) {
        return Ok(year);
    }
    // a date (a workbook's date cell, or one typed): say what it is
    let date = s.split(['T', ' ']).next().unwrap_or_default();
    let parts: Vec<&str> = date.split('-').collect();
    if let [y, m, d] = parts.as_slice()
        && m.len() == 2
        && d.len() == 2
        && m.bytes().chain(d.bytes()).all(|b| b.is_ascii_digit())
        && let Some(year) = plain_year(y.as_bytes())
    {
        return Err(Problem::DateInYear {
            date: date.to_string(),
            year,
        });
    }
    Err(Problem::BadYear {
        raw: raw.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(raw: &str, mark: Mark) -> &'static str {
        parse_number(raw, mark).unwrap_err().rule().id()
    }

    #[test]
    fn plain_and_percent_numbers_parse() {
        assert_eq!(parse_number("87.5", Mark::Point), Ok(87.5));
        assert_eq!(parse_number(" 87.5 % ", Mark::Point), Ok(87.5));
        assert_eq!(parse_number("87.5%", Mark::Point), Ok(87.5));
        assert_eq!(parse_number("-2", Mark::Point), Ok(-2.0));
        assert_eq!(parse_number("1e2", Mark::Point), Ok(100.0));
        assert_eq!(parse_number("-0", Mark::Point), Ok(0.0));
        assert_eq!(parse_number("87,5", Mark::Comma), Ok(87.5));
        assert_eq!(parse_number("+3", Mark::Point), Ok(3.0));
    }

    #[test]
    fn the_fast_shape_gives_what_str_parse_gives() {
        for s in [
            "0.1",
            "85.4",
            "99.95",
            "123456789012.345",
            "0.000001",
            "7",
            "-0.3",
        ] {
            let std: f64 = s.parse().unwrap();
            assert_eq!(
                fast(s.as_bytes(), Mark::Point).map(f64::to_bits),
                Some(std.to_bits()),
                "{s}"
            );
        }
        assert_eq!(fast(b"1234567890123456", Mark::Point), None); // 16 digits: str::parse decides
        assert_eq!(fast(b".5", Mark::Point), None);
    }

    #[test]
    fn non_numbers_are_rejected() {
        for bad in ["", "%", "8o", "1e", ".", "+", "0x10"] {
            let r = rule(bad, Mark::Point);
            assert_eq!(r, "not-a-number", "{bad:?} must be rejected");
        }
        for bad in ["NaN", "inf", "-Infinity"] {
            assert_eq!(rule(bad, Mark::Point), "not-finite");
        }
        // 1e400 overflows f64 (max about 1.8e308)
        assert_eq!(rule("1e400", Mark::Point), "not-finite");
    }

    #[test]
    fn thousands_separators_are_rejected_not_misread() {
        assert_eq!(rule("1,234.5", Mark::Point), "thousands-separator");
        assert_eq!(rule("1.234,5", Mark::Comma), "thousands-separator");
        assert_eq!(rule("1 234", Mark::Point), "thousands-separator");
        assert_eq!(rule("1.234.567", Mark::Point), "thousands-separator");
        assert_eq!(rule("87,5", Mark::Point), "thousands-separator");
        assert_eq!(rule("8o,5", Mark::Point), "not-a-number");
    }

    #[test]
    fn a_mark_settles_unless_three_digits_follow() {
        use Evidence::*;
        assert_eq!(evidence("86.4"), Settles(Mark::Point));
        assert_eq!(evidence("87,5 %"), Settles(Mark::Comma));
        assert_eq!(evidence("0.2500"), Settles(Mark::Point)); // four digits after
        assert_eq!(evidence("1.234"), Ambiguous(Mark::Point));
        assert_eq!(evidence("1,234"), Ambiguous(Mark::Comma));
        assert_eq!(evidence("1.234,5"), Settles(Mark::Comma)); // the last mark, one digit after
        assert_eq!(evidence("1.234.567"), None); // only grouping: a thousands separator
        assert_eq!(evidence("86"), None);
        assert_eq!(evidence("x.y"), None);
    }

    #[test]
    fn a_date_where_a_year_belongs_is_named() {
        let date = |d: &str| Problem::DateInYear {
            date: d.into(),
            year: 2024,
        };
        assert_eq!(parse_year("2024-01-01"), Err(date("2024-01-01")));
        assert_eq!(parse_year("2024-01-01T00:00:00"), Err(date("2024-01-01")));
        assert!(matches!(
            parse_year("2024-1-1"),
            Err(Problem::BadYear { .. })
        ));
    }

    #[test]
    fn years_are_four_digits() {
        assert_eq!(parse_year("2024"), Ok(2024));
        assert_eq!(parse_year(" 2024 "), Ok(2024));
        assert!(parse_year("24").is_err());
        assert!(parse_year("2024.0").is_err());
        assert!(parse_year("").is_err());
    }
}
