//! `dtcalc check`: exit codes 0 / 1 / 2 with the exact lines it prints.

use crate::common::{dtcalc, fixture, json};

#[test]
fn all_pass_exits_zero() {
    // gov.dossiers_online.province: 93.6% in 2024 >= 90%.
    dtcalc()
        .args([
            "check",
            "examples/actuals.csv",
            "--indicator",
            "gov.dossiers_online.province",
        ])
        .assert()
        .code(0)
        .stdout("check: all 1 indicator pass (target year 2025, require met)\n");
}

#[test]
fn a_failing_indicator_exits_one_with_one_line() {
    dtcalc()
        .args([
            "check",
            "examples/actuals.csv",
            "--indicator",
            "gov.online_services",
        ])
        .args(["--indicator", "gov.dossiers_online.province"])
        .assert()
        .code(1)
        .stdout(
            "FAIL gov.online_services: required >= 100% (met), is 91.2% in 2024 (not met)\n\
             check: 1 of 2 indicators fail (target year 2025, require met)\n",
        );
}

#[test]
fn progress_requirement_names_method_ratio_and_member() {
    dtcalc()
        .args(["check", "examples/actuals.csv", "--horizon", "2030", "--require", "substantial", "--pillar", "economy"])
        .assert()
        .code(1)
        .stdout(
            "FAIL econ.digital_economy_sector: required substantial_progress or better by 2030 (growth), is moderate_progress (R 0.89, worst: agriculture)\n\
             FAIL econ.labour_productivity_growth: required substantial_progress or better by 2030 (annual_rate), is moderate_progress (short in 2022, 2023, 2024)\n\
             check: 2 of 4 indicators fail (target year 2030, require substantial)\n",
        );
}

#[test]
fn moderate_requirement_passes_economy_2030() {
    dtcalc()
        .args([
            "check",
            "examples/actuals.csv",
            "--horizon",
            "2030",
            "--require",
            "moderate",
            "--pillar",
            "economy",
        ])
        .assert()
        .code(0)
        .stdout("check: all 4 indicators pass (target year 2030, require moderate)\n");
}

#[test]
fn min_attainment_alone_does_not_require_met() {
    // soc.mobile_broadband: 99.6 / 100 = 99.6% >= 99%, though not met.
    dtcalc()
        .args([
            "check",
            "examples/actuals.csv",
            "--indicator",
            "soc.mobile_broadband",
            "--min-attainment",
            "99",
        ])
        .assert()
        .code(0);
    dtcalc()
        .args([
            "check",
            "examples/actuals.csv",
            "--indicator",
            "soc.mobile_broadband",
            "--min-attainment",
            "99.7",
        ])
        .assert()
        .code(1)
        .stdout(
            "FAIL soc.mobile_broadband: required attainment >= 99.7%, is 99.6%\n\
             check: 1 of 1 indicator fail (target year 2025, min attainment 99.7%)\n",
        );
}

#[test]
fn missing_data_fails_unless_allowed() {
    let base = || {
        let mut c = dtcalc();
        c.args(["check", &fixture("progress/series.csv"), "--targets"])
            .arg(fixture("progress/targets.toml"))
            .args(["--indicator", "nodata", "--indicator", "after"]);
        c
    };
    base().assert().code(1).stdout(
        "FAIL nodata: required data for 2025, is no figure\n\
         check: 1 of 2 indicators fail (target year 2025, require met)\n",
    );
    base().arg("--allow-missing").assert().code(0).stdout(
        "check: all 2 indicators pass (target year 2025, require met); 1 without data allowed\n",
    );
}

#[test]
fn json_output_parses_back() {
    let out = dtcalc()
        .args([
            "check",
            "examples/actuals.csv",
            "--format",
            "json",
            "--pillar",
            "society",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["pass"], false);
    assert_eq!(v["target_year"], 2025);
    assert_eq!(v["require"], "met");
    assert_eq!(v["checked"], 5);
    assert_eq!(v["failed"], 3); // mobile broadband 99.6, digital identity 86.0, skills 56.0
}

#[test]
fn unknown_indicator_exits_two_with_a_hint() {
    dtcalc()
        .args(["check", "examples/actuals.csv", "--indicator", "gov.online_service"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("dtcalc: error: unknown indicator \"gov.online_service\"; did you mean \"gov.online_services\"?\n");
}

#[test]
fn indicator_without_target_in_the_year_exits_two() {
    dtcalc()
        .args([
            "check",
            "examples/actuals.csv",
            "--indicator",
            "gov.ai_analytics",
            "--horizon",
            "2025",
        ])
        .assert()
        .code(2)
        .stderr(
            "dtcalc: error: indicator \"gov.ai_analytics\" has no target for 2025 (it has: 2030)\n",
        );
}

#[test]
fn bad_horizon_and_unreadable_data_exit_two() {
    dtcalc()
        .args(["check", "examples/actuals.csv", "--horizon", "2027"])
        .assert()
        .code(2)
        .stderr("dtcalc: error: --horizon 2027: not a target year of this resolution; expected one of 2025, 2030\n");
    dtcalc()
        .args(["check", "no/such.csv"])
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with(
            "dtcalc: error: cannot read data file no/such.csv",
        ));
}

/// `check -` of `csv` with `args`: (exit code, stdout).
fn check_stdin(csv: &str, args: &[&str]) -> (Option<i32>, String) {
    let out = dtcalc()
        .args(["check", "-"])
        .args(args)
        .write_stdin(csv.to_string())
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_member_that_cannot_be_judged_keeps_the_indicator_from_passing() {
    // agriculture 50 (2023, one figure: no trend) and health 80 (2024,
    // achieved): the worst member is not judged, so the indicator is not
    // target_achieved, and its status (50 < 70) is not met.
    let csv = "indicator,year,breakdown,value\ngov.digital_data,2023,agriculture,50\ngov.digital_data,2024,health,80\n";
    let (code, out) = check_stdin(
        csv,
        &[
            "--indicator",
            "gov.digital_data",
            "--require",
            "substantial",
        ],
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("is not_available (worst: agriculture)"),
        "{out}"
    );
    // a declared member without a figure: households 85, schools 90, no hospitals
    let csv = "indicator,year,breakdown,value\nsoc.fibre_coverage,2024,households,85\nsoc.fibre_coverage,2024,schools,90\n";
    let (code, out) = check_stdin(
        csv,
        &[
            "--indicator",
            "soc.fibre_coverage",
            "--require",
            "substantial",
        ],
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("is not_available (worst: hospitals)"), "{out}");
    // and incomplete never passes --require met
    let (code, out) = check_stdin(
        csv,
        &["--indicator", "soc.fibre_coverage", "--require", "met"],
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("(incomplete), missing: hospitals"), "{out}");
}

#[test]
fn every_member_achieved_is_target_achieved() {
    // households 85, schools 90, hospitals 95 in 2024, all >= 80 in 2025
    let csv = "indicator,year,breakdown,value\nsoc.fibre_coverage,2024,households,85\nsoc.fibre_coverage,2024,schools,90\nsoc.fibre_coverage,2024,hospitals,95\n";
    let (code, out) = check_stdin(
        csv,
        &[
            "--indicator",
            "soc.fibre_coverage",
            "--require",
            "substantial",
        ],
    );
    assert_eq!(code, Some(0), "{out}");
}

/// Two areas: A meets the online-services target (100), B does not (50).
const TWO_AREAS: &str =
    "area,indicator,year,value\nA,gov.online_services,2024,100\nB,gov.online_services,2024,50\n";

#[test]
fn check_on_several_areas_needs_an_area_and_is_the_same_in_any_row_order() {
    let swapped = "area,indicator,year,value\nB,gov.online_services,2024,50\nA,gov.online_services,2024,100\n";
    for csv in [TWO_AREAS, swapped] {
        let out = dtcalc()
            .args(["check", "-", "--indicator", "gov.online_services"])
            .write_stdin(csv)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("the data is for 2 areas (A, B)")
                || err.contains("the data is for 2 areas (B, A)"),
            "{err}"
        );
        let args = ["--indicator", "gov.online_services", "--area", "A"];
        assert_eq!(check_stdin(csv, &args).0, Some(0));
        let args = ["--indicator", "gov.online_services", "--area", "B"];
        assert_eq!(check_stdin(csv, &args).0, Some(1));
    }
}

#[test]
fn check_by_area_names_the_failing_areas() {
    let (code, out) = check_stdin(
        TWO_AREAS,
        &["--indicator", "gov.online_services", "--by", "area"],
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        out,
        "FAIL B: 1 of 1 indicators fail (gov.online_services)\ncheck: 1 of 2 areas fail (target year 2025, require met)\n"
    );
    let (code, out) = check_stdin(
        TWO_AREAS,
        &[
            "--indicator",
            "gov.online_services",
            "--by",
            "area",
            "--area",
            "A",
        ],
    );
    assert_eq!(
        (code, out.as_str()),
        (
            Some(0),
            "check: all 1 area pass (target year 2025, require met)\n"
        )
    );
    let out = dtcalc()
        .args([
            "check",
            "-",
            "--indicator",
            "gov.online_services",
            "--by",
            "area",
            "--format",
            "json",
        ])
        .write_stdin(TWO_AREAS)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        (v["pass"].as_bool(), v["areas_failed"].as_u64()),
        (Some(false), Some(1))
    );
    assert_eq!(
        v["areas"][1]["failing"],
        serde_json::json!(["gov.online_services"])
    );
}

#[test]
fn an_incomplete_indicator_does_not_pass_a_minimum_attainment() {
    // Hàm Tân's fibre: households and hospitals above 90 %, no schools
    // figure; the attainment of the members it has is no pass
    let args = [
        "check",
        &fixture("areas/three-areas.csv"),
        "--targets",
        &fixture("targets/areas.toml"),
        "--area",
        "Hàm Tân",
        "--indicator",
        "soc.fibre",
        "--min-attainment",
        "90",
    ];
    dtcalc()
        .args(args)
        .assert()
        .code(1)
        .stdout(
            "FAIL soc.fibre: required every figure, is incomplete (missing: schools); --allow-missing lets it pass\n\
             check: 1 of 1 indicator fail (target year 2025, min attainment 90%)\n",
        );
    dtcalc().args(args).arg("--allow-missing").assert().code(0);
}

/// With more areas than one thread takes (600; the areas are then
/// assessed on every core), each area's verdict under `check --by area`
/// is its own `check --area`'s, and the areas come in the data's order.
#[test]
fn check_by_area_on_many_areas_gives_each_area_its_own_verdict() {
    let mut csv = String::from("area,indicator,year,value\n");
    for a in 0..600 {
        // online services, target >= 100: area k has 100 when k % 4 == 0
        // (met), else 50 + k % 50 (at most 99, not met)
        let v = if a % 4 == 0 { 100 } else { 50 + a % 50 };
        csv.push_str(&format!("A{a:03},gov.online_services,2024,{v}\n"));
    }
    let args = [
        "--indicator",
        "gov.online_services",
        "--by",
        "area",
        "--format",
        "json",
    ];
    let out = dtcalc()
        .args(["check", "-"])
        .args(args)
        .write_stdin(csv.clone())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let j = json(&out);
    let areas = j["areas"].as_array().expect("areas");
    assert_eq!(areas.len(), 600);
    // 600 areas, one in four passes: 150
    assert_eq!(j["areas_passed"], 150);
    for (k, area) in areas.iter().enumerate() {
        assert_eq!(area["area"], format!("A{k:03}"));
        assert_eq!(area["pass"], k % 4 == 0, "A{k:03}");
    }
    for k in [0usize, 1, 300, 599] {
        let name = format!("A{k:03}");
        let (code, _) = check_stdin(
            &csv,
            &["--indicator", "gov.online_services", "--area", &name],
        );
        let want = if k % 4 == 0 { Some(0) } else { Some(1) };
        assert_eq!(code, want, "{name}");
    }
}
