//! Numbers the tool computes, kept to 9 decimal places: binary noise such
//! as `8.799999999999997` or `26.666666666666668` never reaches an output,
//! and no output shows -0.

/// `v` rounded to 9 decimal places; never -0. A value too large to scale
/// is returned as it is.
pub fn clean(v: f64) -> f64 {
    let r = (v * 1e9).round() / 1e9;
    match r {
        // a rounded -0 is 0: no output shows -0
        0.0 => 0.0,
        r if r.is_finite() => r,
        _ => v,
    }
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn keeps_nine_decimals_and_no_negative_zero() {
        // 80 / 300 * 100 = 26.666666666666668 in binary; 9 decimals: 26.666666667
        assert_eq!(clean(100.0 * 80.0 / 300.0), 26.666666667);
        // 0.1 + 0.2 = 0.30000000000000004
        assert_eq!(clean(0.1 + 0.2), 0.3);
        assert_eq!(clean(-1e-12).to_bits(), 0.0f64.to_bits());
        assert_eq!(clean(f64::MAX), f64::MAX);
    }
}
