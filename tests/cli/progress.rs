//! Progress in `dtcalc report`: baselines, methods, classes and their JSON
//! fields, on `tests/fixtures/progress/` (one indicator per edge case) and on
//! the bundled example.

use serde_json::Value;

use crate::common::{dtcalc, fixture, json};

/// The JSON report of the progress fixture with `--method METHOD`.
fn fixture_report(method: &str) -> Value {
    let out = dtcalc()
        .args(["report", &fixture("progress/series.csv"), "--targets"])
        .arg(fixture("progress/targets.toml"))
        .args(["--format", "json", "--method", method])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

/// The indicator object for `id` and `year`.
fn row<'a>(report: &'a Value, id: &str, year: i64) -> &'a Value {
    report["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id && i["target_year"] == year)
        .unwrap_or_else(|| panic!("no row {id} {year}"))
}

fn close(v: &Value, expected: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - expected).abs() < 1e-4)
}

#[test]
fn growth_ratio_and_score_are_hand_checked() {
    let r = fixture_report("growth");
    // stated: baseline 10 (2020, targets file), latest 30 (2024), target 50 in 2025.
    // CAGR_i = 3^(1/4) - 1 = 0.316074; CAGR_T = 5^(1/5) - 1 = 0.379730;
    // R = 0.832366 -> moderate; score 7.1429 x 0.832366 - 4.2857 = 1.6598.
    let s = row(&r, "stated", 2025);
    assert_eq!(s["baseline"], 10.0);
    assert_eq!(s["baseline_year"], 2020);
    assert_eq!(s["baseline_source"], "targets_file");
    assert!(close(&s["actual_rate"], 0.316074));
    assert!(close(&s["required_rate"], 0.379730));
    assert!(close(&s["ratio"], 0.832366));
    assert!(close(&s["score"], 1.65981));
    assert_eq!(s["progress_class"], "moderate_progress");
    assert_eq!(s["method"], "growth");
}

#[test]
fn baseline_rule_takes_the_earliest_figure_after_adoption_when_needed() {
    let r = fixture_report("growth");
    // late: 20 (2023) -> 30 (2024): CAGR_i = 0.5; CAGR_T = 2.5^(1/2) - 1 = 0.581139;
    // R = 0.860380 -> moderate.
    let l = row(&r, "late", 2025);
    assert_eq!(
        (l["baseline_year"].as_i64(), l["baseline_source"].as_str()),
        (Some(2023), Some("earliest_after_adoption"))
    );
    assert!(close(&l["ratio"], 0.860380));
}

#[test]
fn worst_member_decides_and_is_named() {
    let r = fixture_report("growth");
    // a: 40 -> 48, R = ((1.2)^(1/2) - 1) / ((1.25)^(1/3) - 1) = 1.236 (on track);
    // b: 30 -> 29, R = ((29/30)^(1/2) - 1) / ((50/30)^(1/3) - 1) = -0.0905 -> deterioration.
    let e = row(&r, "each", 2025);
    assert_eq!(e["progress_member"], "b");
    assert_eq!(e["progress_class"], "deterioration");
    assert!(close(&e["ratio"], -0.090545));
    assert_eq!(e["worst_member"], "b"); // existing field unchanged
}

#[test]
fn one_observation_is_not_available_and_no_data_is_no_data() {
    let r = fixture_report("growth");
    let s = row(&r, "single", 2025);
    assert_eq!(s["progress_class"], "not_available");
    assert_eq!(s["ratio"], Value::Null);
    assert_eq!(s["progress_notes"][0], "one_observation");
    assert_eq!(row(&r, "nodata", 2025)["progress_class"], "no_data");
    assert_eq!(row(&r, "strict", 2025)["progress_class"], "no_target");
}

#[test]
fn strict_target_at_equality_is_not_met() {
    let r = fixture_report("growth");
    let a = row(&r, "at_target", 2025);
    assert_eq!(a["status"], "not_met"); // 80 is not > 80
    assert_ne!(a["progress_class"], "target_achieved");
}

#[test]
fn linear_projection_landing_on_a_strict_target_is_not_on_track() {
    let r = fixture_report("linear");
    // 56 (2022) -> 62 (2024): slope 3; projection 62 + 3 x 6 = 80; "> 80" fails.
    // Required pace (80 - 62) / 6 = 3; P = 3 / 3 = 1 -> moderate progress.
    let s = row(&r, "strict", 2030);
    assert_eq!(s["observed_pace"], 3.0);
    assert_eq!(s["required_pace"], 3.0);
    assert_eq!(s["projected"], 80.0);
    assert_eq!(s["ratio"], 1.0);
    assert_eq!(s["progress_class"], "moderate_progress");
}

#[test]
fn rank_projection_is_clamped_at_one() {
    let r = fixture_report("linear");
    // 38 -> 27: slope -5.5; 27 - 5.5 x 6 = -6 -> clamped to rank 1.
    let k = row(&r, "rank", 2030);
    assert_eq!(k["observed_pace"], -5.5);
    assert_eq!(k["projected"], 1.0);
    assert_eq!(k["progress_notes"][0], "clamped");
    assert_eq!(k["progress_class"], "substantial_progress");
}

#[test]
fn annual_rate_target_lists_the_bad_year_whatever_the_method() {
    let r = fixture_report("all");
    // 7.5, 6.2, 7.3 against >= 7 each year: 2023 short; latest met; slope -0.1.
    let a = row(&r, "annual", 2025);
    assert_eq!(a["method"], "annual_rate");
    assert_eq!(a["shortfall_years"], serde_json::json!([2023]));
    assert_eq!(a["progress_class"], "substantial_progress");
    assert!(close(&a["observed_pace"], -0.1));
    assert_eq!(a["progress"].as_array().unwrap().len(), 1);
    // Other indicators get one entry per method, the primary first.
    let s = row(&r, "stated", 2025);
    let methods: Vec<&str> = s["progress"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["method"].as_str().unwrap())
        .collect();
    assert_eq!(methods, ["growth", "anticipated", "linear"]);
}

#[test]
fn figures_after_the_target_year_are_ignored_for_its_progress() {
    let r = fixture_report("growth");
    // after: 40 (2022), 45 (2024), 60 (2026). The 2025 target's progress uses
    // 45 (2024): R = (1.125^(1/2) - 1) / (1.25^(1/3) - 1) = 0.785577.
    let a = row(&r, "after", 2025);
    assert_eq!(a["progress_latest_year"], 2024);
    assert!(close(&a["ratio"], 0.785577));
    assert_eq!(a["actual_year"], 2026); // attainment still uses the latest figure
}

#[test]
fn pillar_summaries_count_indicators_per_class() {
    let r = fixture_report("growth");
    let total = r["totals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["target_year"] == 2025)
        .unwrap();
    let c = &total["progress_classes"];
    assert_eq!(c["deterioration"], 1);
    assert_eq!(c["moderate_progress"], 3);
    assert_eq!(c["substantial_progress"], 2);
    assert_eq!(c["not_available"], 1);
    assert_eq!(c["no_data"], 1);
}

#[test]
fn example_report_keeps_existing_fields_and_adds_progress() {
    let out = dtcalc()
        .args([
            "report",
            "examples/actuals.csv",
            "--format",
            "json",
            "--method",
            "all",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let r = json(&out);
    let classes = [
        "target_achieved",
        "substantial_progress",
        "moderate_progress",
        "limited_progress",
        "deterioration",
        "not_available",
        "no_data",
        "no_target",
    ];
    for i in r["indicators"].as_array().unwrap() {
        for key in [
            "id",
            "status",
            "attainment_pct",
            "gap",
            "met",
            "worst_member",
            "missing_members",
        ] {
            assert!(i.get(key).is_some(), "{key} missing");
        }
        assert!(classes.contains(&i["progress_class"].as_str().unwrap()));
    }
    // gov.ai_analytics starts at 0 in 2022: Open SDG replaces the base by 0.001.
    let ai = row(&r, "gov.ai_analytics", 2030);
    assert_eq!(ai["progress_notes"][0], "base_zero_replaced");
}

#[test]
fn example_table_shows_baseline_method_label_and_class() {
    let out = dtcalc()
        .args([
            "report",
            "examples/actuals.csv",
            "--lang",
            "en",
            "--horizon",
            "2030",
            "--pillar",
            "society",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Progress · Statistics Canada / Open SDG"),
        "{text}"
    );
    assert!(text.contains("72.0%")); // baseline of the worst member, households (2022)
    assert!(text.contains("on track"));
    assert!(text.contains("(substantial_progress)"));
    assert!(text.contains("Progress by class · 2030"));
}

/// A data file of one indicator (built-in targets): header and one row per
/// (year, value).
fn series_csv(id: &str, unit: &str, points: &[(i32, f64)]) -> String {
    let mut csv = String::from("indicator,year,breakdown,value,unit,source\n");
    for (year, value) in points {
        csv.push_str(&format!("{id},{year},,{value},{unit},test\n"));
    }
    csv
}

/// `dtcalc report - --format FORMAT --method METHOD` on `csv` given on
/// stdin, with the built-in targets; stdout as text.
fn stdin_report(csv: &str, format: &str, method: &str) -> String {
    let out = dtcalc()
        .args(["report", "-", "--format", format, "--method", method])
        .write_stdin(csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// True when `v` is a JSON number equal to +0 (not -0).
fn plus_zero(v: &Value) -> bool {
    v.as_f64().is_some_and(|x| x == 0.0 && x.is_sign_positive())
}

/// Every number written as a negative zero (`-0`, `-0.0`, `-0e0`...) in
/// JSON or CSV text. Tokens are runs of number characters, so a date such
/// as 2022-03-18 is one token that is not a number.
fn negative_zeros(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_ascii_digit() || ".eE+-".contains(c)))
        .filter(|t| t.starts_with('-'))
        .filter(|t| t.parse::<f64>().is_ok_and(|x| x == 0.0))
        .collect()
}

#[test]
fn flat_annual_rate_below_target_is_limited_progress_with_pace_zero() {
    // 5.7, 7.2, 6.3, 6.0 (2022-2025) against >= 7 every year: x - mean =
    // -1.5, -0.5, 0.5, 1.5; Sxy = -8.55 - 3.6 + 3.15 + 9.0 = 0 -> flat
    // (binary: -8.9e-17); 6.0 < 7 missed -> limited progress, pace +0.
    let csv = series_csv(
        "econ.labour_productivity_growth",
        "%/year",
        &[(2022, 5.7), (2023, 7.2), (2024, 6.3), (2025, 6.0)],
    );
    let r: Value = serde_json::from_str(&stdin_report(&csv, "json", "growth")).unwrap();
    for year in [2025, 2030] {
        // 2030: >= 8, also missed and flat.
        let a = row(&r, "econ.labour_productivity_growth", year);
        assert_eq!(a["method"], "annual_rate");
        assert_eq!(a["progress_class"], "limited_progress", "{year}");
        assert!(
            plus_zero(&a["observed_pace"]),
            "{year}: {}",
            a["observed_pace"]
        );
    }
}

#[test]
fn flat_annual_rate_meeting_the_target_is_achieved() {
    // 8.9, 6.2, 7.5, 9.2, 7.4 (2021-2025) against >= 7: x - mean = -2..2;
    // Sxy = -17.8 - 6.2 + 0 + 9.2 + 14.8 = 0 -> flat (not worsening);
    // 7.4 >= 7 met -> target achieved. Against >= 8 (2030): missed, flat -> limited.
    let csv = series_csv(
        "econ.labour_productivity_growth",
        "%/year",
        &[
            (2021, 8.9),
            (2022, 6.2),
            (2023, 7.5),
            (2024, 9.2),
            (2025, 7.4),
        ],
    );
    let r: Value = serde_json::from_str(&stdin_report(&csv, "json", "growth")).unwrap();
    let a = row(&r, "econ.labour_productivity_growth", 2025);
    assert_eq!(a["progress_class"], "target_achieved");
    assert!(plus_zero(&a["observed_pace"]), "{}", a["observed_pace"]);
    let a = row(&r, "econ.labour_productivity_growth", 2030);
    assert_eq!(a["progress_class"], "limited_progress");
}

#[test]
fn flat_linear_pace_below_target_is_limited_progress() {
    // District dossiers online, >= 90 by 2030: 64.7, 63.3, 67.5, 63.3
    // (2022-2025); Sxy = -97.05 - 31.65 + 33.75 + 94.95 = 0 -> pace 0;
    // required (90 - 63.3) / 5 = 5.34; P = 0 / 5.34 = 0 -> limited progress.
    // 2025 (>= 80, latest in the target year): missed, flat -> limited.
    let csv = series_csv(
        "gov.dossiers_online.district",
        "%",
        &[(2022, 64.7), (2023, 63.3), (2024, 67.5), (2025, 63.3)],
    );
    let r: Value = serde_json::from_str(&stdin_report(&csv, "json", "linear")).unwrap();
    let d = row(&r, "gov.dossiers_online.district", 2030);
    assert_eq!(d["progress_class"], "limited_progress");
    assert!(plus_zero(&d["observed_pace"]), "{}", d["observed_pace"]);
    assert!(plus_zero(&d["ratio"]), "{}", d["ratio"]);
    assert!(close(&d["required_pace"], 5.34));
    let d = row(&r, "gov.dossiers_online.district", 2025);
    assert_eq!(d["progress_class"], "limited_progress");
}

#[test]
fn no_negative_zero_is_printed() {
    // Rank 1 in 2023 and 2024 (<= 20 by 2030): growth R = d x CAGR_i /
    // |CAGR_T| = -1 x 0 / 0.5341 = -0, which must print as 0.
    let rank = series_csv("overall.dt_rank", "rank", &[(2023, 1.0), (2024, 1.0)]);
    for format in ["json", "csv"] {
        let text = stdin_report(&rank, format, "all");
        assert_eq!(negative_zeros(&text), Vec::<&str>::new(), "{format}");
    }
    let r: Value = serde_json::from_str(&stdin_report(&rank, "json", "all")).unwrap();
    let k = row(&r, "overall.dt_rank", 2030);
    assert_eq!(k["progress_class"], "target_achieved");
    assert!(plus_zero(&k["ratio"]), "{}", k["ratio"]);
    for format in ["json", "csv"] {
        let out = dtcalc()
            .args(["report", "examples/actuals.csv", "--format", format])
            .args(["--method", "all"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(negative_zeros(&text), Vec::<&str>::new(), "{format}");
    }
}
