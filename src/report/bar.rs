//! The attainment bar of text formats: Unicode blocks in eighths of a cell
//! on a light-shade track, capped at 100 %, with `▸` after a full bar when
//! the attainment is above 100 %.

/// Cells of a bar at 100 % (the marker cell comes on top).
pub const CELLS: usize = 10;

/// Partial blocks by eighths: index 1 = ▏ ... 7 = ▉.
const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// Marks an attainment above 100 %.
pub const OVER: char = '▸';

/// The bar of an attainment in %: always `cells + 1` characters wide (the
/// last is the over-achievement marker or a space); `None` when there is no
/// attainment. Negative attainments draw an empty track; a bar is full
/// only at 100 % or more (99.95 % is an eighth short of full).
pub fn bar(attainment_pct: Option<f64>, cells: usize) -> Option<String> {
    let pct = attainment_pct.filter(|a| a.is_finite())?;
    let eighths_total = cells * 8;
    // Rounded to the nearest eighth of a cell; clamped to the track.
    let filled = ((pct.clamp(0.0, 100.0) / 100.0) * eighths_total as f64).round() as usize;
    let full_at = if pct < 100.0 {
        eighths_total.saturating_sub(1)
    } else {
        eighths_total
    };
    let filled = filled.min(full_at);
    let (full, part) = (filled / 8, filled % 8);
    let mut s = String::with_capacity((cells + 1) * 3);
    s.extend(std::iter::repeat_n('█', full));
    let mut used = full;
    if part > 0 {
        s.push(EIGHTHS.get(part).copied().unwrap_or('▏'));
        used += 1;
    }
    s.extend(std::iter::repeat_n('░', cells.saturating_sub(used)));
    s.push(if pct > 100.0 { OVER } else { ' ' });
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_by_eighths_and_mark_over_achievement() {
        let cases = [
            (0.0, "░░░░░░░░░░ "),
            (50.0, "█████░░░░░ "),
            (91.2, "█████████▏ "),  // 72.96 eighths -> 73 = 9 full + 1/8
            (98.2, "█████████▉ "),  // 78.56 eighths -> 79 = 9 full + 7/8
            (99.95, "█████████▉ "), // 79.96 eighths -> 80, but not full under 100
            (100.0, "██████████ "),
            (104.0, "██████████▸"),
            (-5.0, "░░░░░░░░░░ "),
        ];
        for (pct, want) in cases {
            let got = bar(Some(pct), 10).unwrap_or_default();
            assert_eq!(got, want, "{pct}");
            assert_eq!(got.chars().count(), 11, "{pct}");
        }
        assert_eq!(bar(None, 10), None);
        assert_eq!(bar(Some(f64::NAN), 10), None);
    }
}
