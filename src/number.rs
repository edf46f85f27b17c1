//! Numbers the tool computes, kept to 9 decimal places: binary noise such
//! as `8.799999999999997` or `26.666666666666668` never reaches an output,
//! and no output shows -0.

/// `v` rounded to 9 decimal places (half a billionth away from zero);
/// never -0. A value that holds no digit below a billionth (from about
/// 4.5 million up) or is not finite is returned as it is.
pub fn clean(v: f64) -> f64 {
    // 2^52: from here up, a float counted in billionths is a whole number
    const WHOLE: f64 = 4_503_599_627_370_496.0;
    let scaled = v * 1e9;
    let r = match scaled.abs() < WHOLE {
        // rounded by conversions the processor does (`round` is a library
        // call, and this runs once per row read with parts)
        true => (scaled + 0.5f64.copysign(scaled)) as i64 as f64 / 1e9,
        false => v,
    };
    // a rounded -0 is 0: no output shows -0
    if r == 0.0 { 0.0 } else { r }
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
        assert!(clean(f64::NAN).is_nan());
        // to the nearest billionth, either side of zero
        assert_eq!(clean(1.000_000_000_4), 1.0);
        assert_eq!(clean(1.000_000_000_6), 1.000_000_001);
        assert_eq!(clean(-1.000_000_000_6), -1.000_000_001);
        // a value whose billionths pass 2^52 is whole in them already
        assert_eq!(clean(9.87e15), 9.87e15);
        assert_eq!(clean(12_345_678.5), 12_345_678.5);
    }
}
