//! Statistics Canada's published progress figures, reproduced.
//!
//! Source: repository `sdg-data-canada-odd-donnees/sdg-data-donnees-odd`,
//! file `indicator_calculation_components.yml`, commit
//! 007ce50b770360d2abbb24e0cadccdb8f6043a83. Each entry there lists
//! `base_value`, `base_year`, `current_value`, `current_year`, `direction`,
//! `target`, `target_year`, and the outputs `progress_value` (R), `score` and
//! `status`, as computed by Open SDG's `sdg/ProgressMeasure.py`
//! (open-sdg/sdg-build, read at commit 139fede74ba534d2ed8b9eee4cd878b41f54cb67).
//! Every output below is compared for exact (bit-for-bit) equality.

use super::class::Class;
use super::growth::{Input, assess};

/// (series key in the file, y_0, t_0, y_i, t_i, direction, y_T, t_T,
/// published R, published score, published status)
type Row = (
    &'static str,
    f64,
    i32,
    f64,
    i32,
    i8,
    f64,
    i32,
    Option<f64>,
    Option<f64>,
    &'static str,
);

#[rustfmt::skip]
const PUBLISHED: [Row; 22] = [
    // lower is better, on track
    ("1-2-1", 14.5, 2015, 10.2, 2023, -1, 7.25, 2030, Some(0.9525901792032172), Some(2.5185563910306596), "substantial_progress"),
    // higher is better, limited progress
    ("1-4-1 / Access to basic drinking water services", 98.82, 2015, 99.04, 2022, 1, 100.0, 2030, Some(0.4013545340426752), Some(-0.8276760630043856), "limited_progress"),
    // no movement: R exactly 0 -> limited progress, score -2.5
    ("1-4-1 / Access to basic education / Total / Proportion of children in Grade 4 ...", 92.0, 2015, 92.0, 2019, 1, 100.0, 2030, Some(0.0), Some(-2.5), "limited_progress"),
    ("1-4-1 / Access to basic sanitation services", 82.6, 2015, 83.9, 2022, 1, 100.0, 2030, Some(0.1741314538877581), Some(-1.7744464710858785), "limited_progress"),
    // target equal to base, achieved: R null, score 5
    ("1-4-1 / Access to clean fuels and technology", 100.0, 2015, 100.0, 2022, 1, 100.0, 2030, None, Some(5.0), "target_achieved"),
    // lower is better, deterioration
    ("11-1-1", 10.0, 2018, 10.4, 2022, -1, 0.1, 2030, Some(-0.030916728428577435), Some(-2.6288207323433537), "deterioration"),
    // one year apart
    ("11-2-1 / 500 metres from low-capacity p... / Canada / ...", 75.3, 2023, 74.6, 2024, 1, 100.0, 2030, Some(-0.22476408603076314), Some(-3.4365245172643806), "deterioration"),
    // moderate progress
    ("14-4-1", 95.5974842767296, 2015, 97.4874371859297, 2023, 1, 100.0, 2030, Some(0.8150538567318096), Some(1.5361481932496428), "moderate_progress"),
    // higher is better, achieved; R still published
    ("14-5-1", 0.9, 2015, 14.7, 2023, 1, 10.0, 2030, Some(2.3996836108900683), Some(5.0), "target_achieved"),
    // score capped at -5
    ("16-10-2", 8.0, 2020, 7.5, 2023, 1, 9.0, 2030, Some(-1.7963534638996206), Some(-5.0), "deterioration"),
    ("16-2-2", 0.924253297, 2015, 1.472561469, 2024, -1, 0.1, 2030, Some(-0.38548323504363124), Some(-4.106192995456298), "deterioration"),
    // target just below base: tiny CAGR_T, huge |R|
    ("16-6-1", 100.1, 2015, 109.7, 2023, -1, 100.0, 2030, Some(-172.79058698766454), Some(-5.0), "deterioration"),
    ("17-8-1", 91.3, 2018, 94.5, 2022, 1, 100.0, 2030, Some(1.1360249872573844), Some(3.8288128814807703), "substantial_progress"),
    // target equal to base, lower is better
    ("2-1-1", 2.5, 2015, 2.5, 2023, -1, 2.5, 2030, None, Some(5.0), "target_achieved"),
    // zero target (published as Open SDG's stand-in 0.001), latest 0
    ("2-b-1", 81124.0, 2015, 0.0, 2023, -1, 0.001, 2030, Some(1.4224293446258616), Some(5.0), "target_achieved"),
    ("3-3-1", 0.052, 2015, 0.048, 2022, -1, 0.001, 2030, Some(0.04909595896792923), Some(-2.2954318677683294), "limited_progress"),
    // target already met at baseline (7.05 <= 70), moving away but still met
    ("3-1-1", 7.05, 2015, 12.19, 2023, -1, 70.0, 2030, Some(-0.428428629067103), Some(5.0), "target_achieved"),
    // published R is -0.0, still limited progress
    ("3-4-1 / Pneumoconioses and chemical effects / All ages / Both sexes", 0.3, 2015, 0.3, 2023, -1, 0.2, 2030, Some(-0.0), Some(-2.5), "limited_progress"),
    ("3-4-2", 12.3, 2015, 9.5, 2023, -1, 8.2, 2030, Some(1.1913757275999413), Some(4.22417768467362), "substantial_progress"),
    ("3-6-1", 5.8, 2015, 4.4, 2023, -1, 2.9, 2030, Some(0.7516267359757476), Some(1.0830946124011671), "moderate_progress"),
    ("17-2-1 / ODA as a share of GNI (%) / Total", 0.27, 2015, 0.38, 2023, 1, 0.7, 2030, Some(0.6656054028956886), Some(0.4686528323436141), "moderate_progress"),
    // one observation
    ("16-3-3", 65.9, 2018, 65.9, 2018, 1, 100.0, 2030, None, None, "not_available"),
];

fn input(row: &Row) -> Input {
    let &(_, base, base_year, current, current_year, direction, target, target_year, ..) = row;
    let higher_is_better = direction == 1;
    Input {
        base_year,
        base,
        current_year,
        current,
        target_year,
        target,
        higher_is_better,
        // Open SDG: achieved when current >= target (positive) or <= (negative).
        achieved: if higher_is_better {
            current >= target
        } else {
            current <= target
        },
    }
}

#[test]
fn statistics_canada_published_series_are_reproduced_exactly() {
    for row in &PUBLISHED {
        let (key, .., ratio, score, status) = *row;
        let e = assess(&input(row));
        assert_eq!(
            e.ratio.map(f64::to_bits),
            ratio.map(f64::to_bits),
            "{key}: R {:?}, published {ratio:?}",
            e.ratio
        );
        assert_eq!(e.score, score, "{key}: score");
        assert_eq!(Some(e.class), Class::from_id(status), "{key}: status");
    }
}

#[test]
fn a_zero_target_is_replaced_as_published() {
    // 3-3-1 with the target written as 0: Open SDG replaces it by 0.001 and
    // warns, giving the published R.
    let mut i = input(&PUBLISHED[15]);
    i.target = 0.0;
    let e = assess(&i);
    assert_eq!(e.ratio, Some(0.04909595896792923));
    assert!(e.notes.contains(&super::Note::TargetZeroReplaced));
}
