//! `dtcalc report` on the bundled example and on small fixtures.

use crate::common::{dtcalc, fixture, json};

/// The result for one indicator and target year in a JSON report.
fn row<'a>(report: &'a serde_json::Value, id: &str, year: i64) -> &'a serde_json::Value {
    report["indicators"]
        .as_array()
        .expect("indicators array")
        .iter()
        .find(|r| r["id"] == id && r["target_year"] == year)
        .unwrap_or_else(|| panic!("no row for {id} {year}"))
}

fn approx(v: &serde_json::Value, expected: f64) {
    let got = v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"));
    assert!(
        (got - expected).abs() < 1e-9,
        "got {got}, expected {expected}"
    );
}

fn example_json() -> serde_json::Value {
    let out = dtcalc()
        .args(["report", "examples/actuals.csv", "--format", "json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

#[test]
fn example_report_table_snapshot() {
    let out = dtcalc()
        .args(["report", "examples/actuals.csv", "--lang", "en"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("example_report_en", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn example_report_table_snapshot_vietnamese() {
    let out = dtcalc()
        .args([
            "report",
            "examples/actuals.csv",
            "--lang",
            "vi",
            "--horizon",
            "2025",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(
        "example_report_vi_2025",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn example_figures_match_hand_arithmetic() {
    let r = example_json();
    assert_eq!(r["as_of"], 2024);
    // commune dossiers 2024: 58.9 against >= 60 -> 58.9 / 60 x 100 = 98.1666..%, gap 1.1
    let x = row(&r, "gov.dossiers_online.commune", 2025);
    approx(&x["actual"], 58.9);
    approx(&x["attainment_pct"], 58.9 / 60.0 * 100.0);
    approx(&x["gap"], 60.0 - 58.9);
    assert_eq!(x["met"], false);
    assert_eq!(x["status"], "not_met");
    // e-payment 2024: 80 against "> 80" (2030) -> 100% attained, gap 0, not met
    let x = row(&r, "soc.epayment_accounts", 2030);
    assert_eq!(x["comparison"], ">");
    approx(&x["attainment_pct"], 100.0);
    approx(&x["gap"], 0.0);
    assert_eq!(x["met"], false);
    // rank 27 against <= 20 -> 20 / 27 x 100 = 74.07..%, gap 27 - 20 = 7
    let x = row(&r, "overall.dt_rank", 2030);
    approx(&x["attainment_pct"], 20.0 / 27.0 * 100.0);
    approx(&x["gap"], 7.0);
    // digital data per sector: worst of agriculture 55, education 78, health 72.5,
    // tourism 64, transport 70 is agriculture -> 55 / 70 x 100 = 78.57..%
    let x = row(&r, "gov.digital_data", 2025);
    assert_eq!(x["worst_member"], "agriculture");
    approx(&x["attainment_pct"], 55.0 / 70.0 * 100.0);
    // no 2025 target for AI analytics: shown as such, never invented
    let x = row(&r, "gov.ai_analytics", 2025);
    assert_eq!(x["status"], "no_target");
    assert!(x["target"].is_null() && x["comparison"].is_null() && x["met"].is_null());
}

#[test]
fn example_summaries_match_hand_arithmetic() {
    let r = example_json();
    let total = r["totals"]
        .as_array()
        .expect("totals")
        .iter()
        .find(|t| t["target_year"] == 2025)
        .expect("2025");
    // 2025 items met: reporting system, labour productivity, fibre, e-payment = 4 of 14
    assert_eq!(total["items"], 14);
    assert_eq!(total["items_met"], 4);
    assert_eq!(total["indicators"], 16);
    assert_eq!(total["met"], 6); // the four items above plus provincial and district dossiers
    let econ = r["pillars"]
        .as_array()
        .expect("pillars")
        .iter()
        .find(|p| p["id"] == "economy" && p["target_year"] == 2025)
        .expect("economy 2025");
    // 11.3/20 = 56.5%, 3.1/10 = 31%, 7.3/7 = 104.3% -> capped 100, 68.2/75 = 90.93..%
    let mean = (56.5 + 31.0 + 100.0 + 68.2 / 75.0 * 100.0) / 4.0;
    approx(&econ["mean_attainment_pct"], mean);
    assert_eq!(econ["met"], 1);
}

#[test]
fn json_has_documented_fields_and_no_lang_dependence() {
    let en = dtcalc()
        .args([
            "report",
            "examples/actuals.csv",
            "--format",
            "json",
            "--lang",
            "en",
        ])
        .output()
        .expect("runs");
    let vi = dtcalc()
        .args([
            "report",
            "examples/actuals.csv",
            "--format",
            "json",
            "--lang",
            "vi",
        ])
        .output()
        .expect("runs");
    assert_eq!(en.stdout, vi.stdout);
    let r = json(&en);
    for key in [
        "resolution",
        "as_of",
        "indicators",
        "pillars",
        "totals",
        "data_files",
    ] {
        assert!(r.get(key).is_some(), "missing {key}");
    }
    let fields = [
        "id",
        "pillar",
        "target_year",
        "comparison",
        "target",
        "actual",
        "actual_year",
        "attainment_pct",
        "gap",
        "met",
        "status",
        "worst_member",
    ];
    for f in fields {
        assert!(
            row(&r, "soc.fibre_coverage", 2025).get(f).is_some(),
            "missing {f}"
        );
    }
    for f in [
        "id",
        "target_year",
        "indicators",
        "with_data",
        "met",
        "mean_attainment_pct",
    ] {
        assert!(r["pillars"][0].get(f).is_some(), "missing {f}");
    }
}

#[test]
fn as_of_picks_earlier_figures() {
    let out = dtcalc()
        .args([
            "report",
            "examples/actuals.csv",
            "--format",
            "json",
            "--as-of",
            "2023",
        ])
        .output()
        .expect("runs");
    let r = json(&out);
    assert_eq!(r["as_of"], 2023);
    let x = row(&r, "gov.online_services", 2025);
    assert_eq!(x["actual_year"], 2023);
    approx(&x["actual"], 78.5);
}

#[test]
fn missing_declared_member_is_incomplete() {
    let out = dtcalc()
        .args([
            "report",
            &fixture("data/fibre-incomplete.csv"),
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let r = json(&out);
    let x = row(&r, "soc.fibre_coverage", 2025);
    assert_eq!(x["status"], "incomplete");
    assert!(x["met"].is_null());
    assert_eq!(x["missing_members"], serde_json::json!(["hospitals"]));
    // semicolon file with decimal comma: 85,4 -> 85.4 / 80 x 100 = 106.75%
    approx(&x["attainment_pct"], 106.75);
    assert_eq!(row(&r, "soc.mobile_broadband", 2025)["status"], "no_data");
}

#[test]
fn headers_are_case_insensitive_and_extra_columns_are_warned_once() {
    dtcalc()
        .args([
            "report",
            &fixture("data/mixed-case.csv"),
            "--format",
            "json",
        ])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "ignoring unknown columns: remarks",
        ));
}

const BAD_ROWS: [&str; 6] = [
    ":4:1: indicator: unknown indicator \"gov.dosiers_online.province\"; did you mean \"gov.dossiers_online.province\"?",
    ":5:3: value: \"8o%\" is not a number",
    ":6:2: year: \"2024x\" is not a four-digit year",
    ":7:4: breakdown: \"farms\" is not a member of soc.fibre_coverage; expected one of: households, schools, hospitals",
    ":8:1: indicator: duplicate row for this indicator, year 2024: already given at line 2",
    ":9:3: value: \"120\" is outside 0-100, the range of a percentage",
];

#[test]
fn bad_rows_are_all_listed_with_physical_lines_and_exit_2() {
    let path = fixture("data/bad-rows.csv");
    let out = dtcalc().args(["report", &path]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing is printed on stdout");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for msg in BAD_ROWS {
        assert!(
            stderr.contains(&format!("{path}{msg}")),
            "missing {msg} in:\n{stderr}"
        );
    }
    assert!(stderr.contains("6 problems in the data; nothing was computed"));
}

#[test]
fn crlf_file_reports_the_same_physical_lines() {
    let text = std::fs::read_to_string(fixture("data/bad-rows.csv")).expect("fixture");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad-rows-crlf.csv");
    std::fs::write(&path, text.replace('\n', "\r\n")).expect("write");
    let path = path.display().to_string();
    let out = dtcalc().args(["report", &path]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for msg in BAD_ROWS {
        assert!(
            stderr.contains(&format!("{path}{msg}")),
            "missing {msg} in:\n{stderr}"
        );
    }
}

#[test]
fn header_only_file_reports_no_data() {
    let out = dtcalc()
        .args([
            "report",
            &fixture("data/header-only.csv"),
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let r = json(&out);
    assert!(r["as_of"].is_null());
    assert_eq!(row(&r, "gov.online_services", 2025)["status"], "no_data");
}

#[test]
fn missing_data_file_exits_2_with_its_name() {
    dtcalc()
        .args(["report", "no/such/file.csv"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "cannot read data file no/such/file.csv",
        ));
}

#[test]
fn missing_required_column_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cols.csv");
    std::fs::write(&path, "indicator,value\ngov.online_services,90\n").expect("write");
    dtcalc()
        .arg("report")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            ":1:1: missing required column year; the header has: indicator, value",
        ));
}

#[test]
fn unknown_horizon_and_pillar_exit_2() {
    dtcalc()
        .args(["report", "examples/actuals.csv", "--horizon", "2027"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--horizon 2027: not a target year of this resolution; expected one of 2025, 2030 or all"));
    dtcalc()
        .args(["report", "examples/actuals.csv", "--pillar", "govt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "unknown pillar \"govt\"; known pillars: government, economy, society, overall",
        ));
}

#[test]
fn data_from_standard_input() {
    let out = dtcalc()
        .args(["report", "-", "--format", "json", "--horizon", "2025"])
        .write_stdin("indicator,year,value\nsoc.digital_identity,2024,86\n")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let r = json(&out);
    approx(
        &row(&r, "soc.digital_identity", 2025)["attainment_pct"],
        86.0,
    );
}

#[test]
fn usage_error_exits_2() {
    dtcalc()
        .args(["report", "--format", "yaml", "x.csv"])
        .assert()
        .code(2);
}

/// `--area CODE` without `--by area`: the full single-area report of one
/// area of a many-area file, with the same figures `--by area` gives it.
#[test]
fn one_area_of_a_many_area_file_gets_the_full_report() {
    let args = [
        "report",
        "examples/provinces.csv",
        "--targets",
        "examples/national-749.toml",
        "--format",
        "json",
    ];
    let one = dtcalc()
        .args(args)
        .args(["--area", "68 Lâm Đồng"])
        .output()
        .expect("runs");
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    let one = json(&one);
    let by = dtcalc()
        .args(args)
        .args(["--by", "area", "--area", "68 Lâm Đồng"])
        .output()
        .expect("runs");
    assert!(
        by.status.success(),
        "{}",
        String::from_utf8_lossy(&by.stderr)
    );
    let by = json(&by);
    let records = by["records"].as_array().expect("records");
    assert!(!records.is_empty());
    for rec in records {
        let pillar = one["pillars"]
            .as_array()
            .expect("pillars")
            .iter()
            .find(|p| p["id"] == rec["pillar"] && p["target_year"] == rec["target_year"])
            .expect("same pillar and year");
        for field in ["indicators", "with_data", "met", "mean_attainment_pct"] {
            assert_eq!(
                pillar[field], rec[field],
                "{field} of {} {}",
                rec["pillar"], rec["target_year"]
            );
        }
    }
    // the single-area report also has the progress series of that area
    assert!(
        one["indicators"]
            .as_array()
            .expect("indicators")
            .iter()
            .any(|i| i["baseline"].is_number())
    );
}

#[test]
fn unknown_or_several_areas_without_by_area_exit_2() {
    let args = [
        "report",
        "examples/provinces.csv",
        "--targets",
        "examples/national-749.toml",
        "--lang",
        "en",
    ];
    dtcalc().args(args).args(["--area", "Nowhere"]).assert().code(2).stderr(predicates::str::contains(
        "no area \"Nowhere\" in the data; its areas: 01 Hà Nội, 48 Đà Nẵng, 68 Lâm Đồng, 79 TP. Hồ Chí Minh, 96 Cà Mau",
    ));
    dtcalc().args(args).args(["--area", "01 Hà Nội", "--area", "48 Đà Nẵng"]).assert().code(2).stderr(
        predicates::str::contains("without --by area, --area names one area; to compare several, use --by area --area A --area B"),
    );
}

/// stdout of `dtcalc report -` on `data` with these options (colour off).
fn report_stdin(data: &str, args: &[&str]) -> String {
    let out = dtcalc()
        .args(["report", "-", "--color", "never"])
        .args(args)
        .write_stdin(data)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The lines of `text` that contain `needle`.
fn lines_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(needle)).collect()
}

#[test]
fn attainment_short_of_the_target_is_rounded_down_in_every_human_format() {
    // soc.mobile_broadband 99.95 against >= 100 (2025 and 2030):
    // 99.95 / 100 x 100 = 99.95 % attained, not met. To the nearest tenth
    // that is 100.0 %, the target; rounded down it is 99.9 %. The pillar
    // mean (one indicator with data) is 99.95 too: 0 / 5 met, 99.9 %.
    let data = "indicator,year,breakdown,value\nsoc.mobile_broadband,2024,,99.95\n";
    for (lang, shown, target) in [("en", "99.9%", "100.0%"), ("vi", "99,9 %", "100,0 %")] {
        let md = report_stdin(data, &["--format", "markdown", "--lang", lang]);
        let row = lines_with(&md, "<br>`soc.mobile_broadband`");
        assert_eq!(row.len(), 2, "{lang}: one row per target year:\n{md}");
        for line in row {
            // the bar is not full either: 79.96 eighths, short of 80
            assert!(
                line.contains(&format!("{shown} `█████████▉`")),
                "{lang}: {line}"
            );
        }
        let pillar = if lang == "en" {
            "Digital society"
        } else {
            "Xã hội số"
        };
        let headline = format!("| {pillar} | 0 / 5 | {shown} `");
        assert!(md.contains(&headline), "{lang}: no {headline}\n{md}");
        let table = report_stdin(data, &["--lang", lang]);
        let html = report_stdin(data, &["--format", "html", "--lang", lang]);
        for (format, out) in [("markdown", &md), ("table", &table), ("html", &html)] {
            assert!(out.contains(shown), "{lang} {format}");
            assert!(!out.contains(target), "{lang} {format}: {target} shown");
        }
    }
}

#[test]
fn area_table_rounds_a_mean_short_of_the_target_down() {
    // Area A: soc.mobile_broadband 99.95 against >= 100: pillar mean and
    // score 99.95 -> 99.9 %, never 100.0 %; area B: 50 / 100 = 50.0 %.
    let data = "area,indicator,year,value\nA,soc.mobile_broadband,2024,99.95\nB,soc.mobile_broadband,2024,50\n";
    let out = report_stdin(data, &["--by", "area", "--lang", "vi", "--horizon", "2025"]);
    assert!(out.contains("0/5 · 99,9 %"), "{out}");
    assert!(!out.contains("100,0 %"), "{out}");
}

#[test]
fn furthest_from_target_names_only_indicators_short_of_it() {
    // fibre-incomplete: households 85.4, schools 97, hospitals missing;
    // worst 85.4 / 80 x 100 = 106.75 % (incomplete, over-achieving): not
    // "furthest from target". No other society indicator has a figure.
    let out = dtcalc()
        .args([
            "report",
            &fixture("data/fibre-incomplete.csv"),
            "--format",
            "markdown",
            "--lang",
            "en",
            "--horizon",
            "2025",
        ])
        .output()
        .expect("runs");
    let md = String::from_utf8(out.stdout).expect("UTF-8");
    // the headline rows: "| Digital society | 0 / 5 | ..."
    let society = lines_with(&md, "| Digital society | 0 / ");
    assert!(!society.is_empty(), "{md}");
    for line in society {
        assert!(!line.contains("106.8% ·"), "{line}");
        assert!(line.ends_with("| — |"), "{line}");
    }
    // worst first (example data, 2025): gov.digital_data 55 / 70 x 100 =
    // 78.57 % (shown rounded down: 78.5 %) before gov.online_services
    // 91.2 / 100 x 100 = 91.2 %
    let example = dtcalc()
        .args([
            "report",
            "examples/actuals.csv",
            "--format",
            "md",
            "--lang",
            "en",
        ])
        .output()
        .expect("runs");
    let md = String::from_utf8(example.stdout).expect("UTF-8");
    let gov = lines_with(&md, "| Digital government | 3 / 7 |")[0];
    let (a, b) = (gov.find("78.5% ·"), gov.find("91.2% ·"));
    assert!(a.is_some() && a < b, "{gov}");
}

#[test]
fn actuals_keep_the_decimals_they_were_published_with() {
    // econ.digital_economy_grdp published as 5.16 (two decimals), against
    // >= 20: 5.16 / 20 x 100 = 25.8 % attained, gap 20 - 5.16 = 14.84 ->
    // 14.9 (one decimal, rounded up: still to go). soc.digital_identity
    // published as 86 (no decimals).
    let data = "indicator,year,breakdown,value\n\
                econ.digital_economy_grdp,2024,,5.16\n\
                soc.digital_identity,2024,,86\n";
    for (lang, grdp, identity, rounded) in [
        ("en", "5.16%", "86%", "5.2%"),
        ("vi", "5,16 %", "86 %", "5,2 %"),
    ] {
        for format in ["table", "markdown", "html"] {
            let out = report_stdin(
                data,
                &["--format", format, "--lang", lang, "--horizon", "2025"],
            );
            assert!(out.contains(grdp), "{lang} {format}");
            assert!(out.contains(identity), "{lang} {format}");
            assert!(!out.contains(rounded), "{lang} {format}: {rounded}");
            assert!(
                out.contains("25.8") || out.contains("25,8"),
                "{lang} {format}"
            );
        }
    }
    let out = dtcalc()
        .args([
            "check",
            "-",
            "--indicator",
            "econ.digital_economy_grdp",
            "--lang",
            "en",
        ])
        .write_stdin(data)
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "FAIL econ.digital_economy_grdp: required >= 20% (met), is 5.16% in 2024 (not met)\n\
         check: 1 of 1 indicator fail (target year 2025, require met)\n"
    );
}

#[test]
fn vietnamese_dates_follow_the_language() {
    // adopted = "2022-03-18" in the targets file
    for format in ["table", "markdown", "html"] {
        let vi = report_stdin(
            "indicator,year,value\n",
            &["--format", format, "--lang", "vi"],
        );
        assert!(
            vi.contains("18/03/2022") && !vi.contains("2022-03-18"),
            "{format}"
        );
        let en = report_stdin(
            "indicator,year,value\n",
            &["--format", format, "--lang", "en"],
        );
        assert!(en.contains("2022-03-18"), "{format}");
    }
    let out = dtcalc()
        .args(["targets", "--lang", "vi", "--format", "markdown"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("· 18/03/2022"), "{text}");
}
