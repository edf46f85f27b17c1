//! Byte fast paths for the common shapes of fields. Each gives exactly what
//! the general rules ([`crate::actuals::value`], `str::trim`) give, or
//! `None` to send the field down the slow path.

/// Powers of ten exactly representable as `f64`.
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// Trims what `str::trim` trims in ASCII text: tab, LF, VT, FF, CR, space.
pub fn trim(b: &[u8]) -> &[u8] {
    let ws = |c: &u8| matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
    // the usual field: nothing to trim
    if let ([first, ..], [.., last]) = (b, b)
        && !ws(first)
        && !ws(last)
    {
        return b;
    }
    let start = b.iter().position(|c| !ws(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !ws(c)).map_or(start, |e| e + 1);
    b.get(start..end).unwrap_or_default()
}

/// A four-digit year, as `parse_year` reads it.
pub fn fast_year(b: &[u8]) -> Option<i32> {
    match b {
        [a, b, c, d] if [a, b, c, d].iter().all(|x| x.is_ascii_digit()) => Some(
            [a, b, c, d]
                .iter()
                .fold(0, |y, &&x| y * 10 + i32::from(x - b'0')),
        ),
        _ => None,
    }
}

/// `[-]digits[sep digits]` with at most 15 digits, as `parse_number` reads
/// it. With at most 15 digits the integer is exact in an `f64`, as is
/// 10^k, and one IEEE division rounds correctly: the same `f64` as
/// `str::parse`.
pub fn fast_number(b: &[u8], decimal_comma: bool) -> Option<f64> {
    let sep = if decimal_comma { b',' } else { b'.' };
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
    let scale = POW10.get(fraction.unwrap_or(0))?;
    let v = mantissa as f64 / scale;
    Some(if v == 0.0 {
        0.0
    } else if negative {
        -v
    } else {
        v
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actuals::value::{parse_number, parse_year};

    #[test]
    fn fast_paths_agree_with_the_general_rules() {
        for s in [
            "0",
            "-0",
            "0.0",
            "87.5",
            "-2.25",
            "100",
            "58.9",
            "0.1",
            "123456789012345",
            "1.00000000000001",
            "99.99",
            "7",
            "-0.000",
            "33.333333333333",
        ] {
            let fast = fast_number(s.as_bytes(), false).expect("fast path taken");
            let slow = parse_number(s, false).expect("valid");
            assert_eq!(fast.to_bits(), slow.to_bits(), "{s}");
        }
        assert_eq!(fast_number(b"87,5", true), parse_number("87,5", true).ok());
        // shapes left to the slow path
        for s in [
            "",
            "-",
            ".5",
            "5.",
            "1e2",
            "+1",
            "87.5%",
            "1,5",
            "1.2.3",
            "1234567890123456",
        ] {
            assert_eq!(fast_number(s.as_bytes(), false), None, "{s}");
        }
        assert_eq!(fast_year(b"2024"), parse_year("2024").ok());
        assert_eq!(fast_year(b"20x4"), None);
    }

    #[test]
    fn trim_is_str_trim_on_ascii() {
        for s in ["", " a ", "\t\x0b a b \r\n", "   ", "x"] {
            assert_eq!(trim(s.as_bytes()), s.trim().as_bytes(), "{s:?}");
        }
    }
}
