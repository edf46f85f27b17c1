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
