//! `dtcalc targets`: the built-in resolution and targets-file errors.

use crate::common::{dtcalc, fixture, json};

#[test]
fn builtin_targets_json_lists_every_target_of_the_resolution() {
    let out = dtcalc()
        .args(["targets", "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let r = json(&out);
    let targets = r["targets"].as_array().expect("targets");
    let mut rows: Vec<String> = targets
        .iter()
        .map(|t| {
            format!(
                "{} {} {} {}",
                t["id"].as_str().unwrap_or(""),
                t["target_year"],
                t["comparison"].as_str().unwrap_or(""),
                t["value"]
            )
        })
        .collect();
    rows.sort();
    // The table of issue 2, checked against the seed text of the resolution.
    let mut expected = vec![
        "gov.online_services 2025 >= 100.0",
        "gov.dossiers_online.province 2025 >= 90.0",
        "gov.dossiers_online.province 2030 >= 100.0",
        "gov.dossiers_online.district 2025 >= 80.0",
        "gov.dossiers_online.district 2030 >= 90.0",
        "gov.dossiers_online.commune 2025 >= 60.0",
        "gov.dossiers_online.commune 2030 >= 70.0",
        "gov.digital_data 2025 >= 70.0",
        "gov.digital_data 2030 >= 90.0",
        "gov.reporting_system 2025 >= 100.0",
        "gov.inspections_online 2025 >= 50.0",
        "gov.inspections_online 2030 >= 70.0",
        "gov.ai_analytics 2030 >= 100.0",
        "econ.digital_economy_grdp 2025 >= 20.0",
        "econ.digital_economy_grdp 2030 >= 30.0",
        "econ.digital_economy_sector 2025 >= 10.0",
        "econ.digital_economy_sector 2030 >= 20.0",
        "econ.labour_productivity_growth 2025 >= 7.0",
        "econ.labour_productivity_growth 2030 >= 8.0",
        "econ.dt_platform_adoption 2025 >= 75.0",
        "econ.dt_platform_adoption 2030 >= 90.0",
        "soc.fibre_coverage 2025 >= 80.0",
        "soc.fibre_coverage 2030 >= 100.0",
        "soc.mobile_broadband 2025 >= 100.0",
        "soc.mobile_broadband 2030 >= 100.0",
        "soc.epayment_accounts 2025 >= 50.0",
        "soc.epayment_accounts 2030 > 80.0",
        "soc.digital_identity 2025 >= 100.0",
        "soc.digital_skills 2025 >= 70.0",
        "soc.digital_skills 2030 >= 90.0",
        "overall.dt_rank 2030 <= 20.0",
    ];
    expected.sort();
    assert_eq!(rows, expected);
    let info = r["indicators"].as_array().expect("indicators");
    let dossiers = info
        .iter()
        .find(|i| i["id"] == "gov.dossiers_online.commune")
        .expect("commune");
    assert_eq!(
        dossiers["note_vi"],
        "trừ hồ sơ công việc thuộc phạm vi bí mật Nhà nước"
    );
    assert_eq!(dossiers["item"], "gov.dossiers_online");
    let fibre = info
        .iter()
        .find(|i| i["id"] == "soc.fibre_coverage")
        .expect("fibre");
    assert_eq!(
        fibre["members"],
        serde_json::json!(["households", "schools", "hospitals"])
    );
}

#[test]
fn builtin_targets_table_snapshot() {
    let out = dtcalc()
        .args(["targets", "--lang", "vi"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    insta::assert_snapshot!("targets_vi", String::from_utf8_lossy(&out.stdout));
}

/// Each broken targets file and the exact message it must give.
const BROKEN: [(&str, &str); 5] = [
    (
        "duplicate-id.toml",
        ":23:6: id: duplicate indicator id \"gov.a\"",
    ),
    (
        "unknown-pillar.toml",
        ":16:10: pillar: unknown pillar \"govt\" (known: government)",
    ),
    (
        "bad-comparison.toml",
        ":20:20: targets.2025: \"=> 80\" has no valid comparison; expected a comparison and a number, e.g. \">= 80\", \"> 80\" or \"<= 20\"",
    ),
    (
        "bad-year.toml",
        ":20:13: targets: target year \"20x5\" is not a four-digit year",
    ),
    ("missing-name.toml", ":14:1: missing field `name_en`"),
];

#[test]
fn broken_targets_files_name_file_line_and_key_and_exit_2() {
    for (file, msg) in BROKEN {
        let path = fixture(&format!("targets/{file}"));
        let out = dtcalc()
            .args(["targets", "--targets", &path])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{file}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("{path}{msg}")),
            "{file}: expected {msg} in:\n{stderr}"
        );
        // report refuses to run on it too
        dtcalc()
            .args(["report", "examples/actuals.csv", "--targets", &path])
            .assert()
            .code(2);
    }
}

#[test]
fn valid_custom_targets_file_loads() {
    let out = dtcalc()
        .args([
            "targets",
            "--format",
            "json",
            "--targets",
            &fixture("targets/base.toml"),
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(json(&out)["resolution"]["id"], "mini");
}

#[test]
fn missing_targets_file_exits_2() {
    dtcalc()
        .args(["targets", "--targets", "no/such.toml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "cannot read targets file no/such.toml",
        ));
}

#[test]
fn national_749_targets_load_with_ranks_strict_and_universal_targets() {
    let out = dtcalc()
        .args([
            "targets",
            "--format",
            "json",
            "--targets",
            "examples/national-749.toml",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = json(&out);
    let t = |id: &str, year: i64| {
        r["targets"]
            .as_array()
            .expect("targets")
            .iter()
            .find(|t| t["id"] == id && t["target_year"] == year)
            .map(|t| format!("{} {}", t["comparison"].as_str().unwrap_or(""), t["value"]))
    };
    assert_eq!(t("gov.egdi_rank", 2025).as_deref(), Some("<= 70.0")); // nhóm 70 nước dẫn đầu
    assert_eq!(t("soc.fibre_households", 2025).as_deref(), Some("> 80.0")); // trên 80%
    assert_eq!(t("soc.epayment_accounts", 2025).as_deref(), Some("> 50.0")); // trên 50%
    assert_eq!(t("soc.mobile_5g", 2030).as_deref(), Some(">= 100.0")); // phổ cập, encoded as 100
    assert_eq!(t("econ.digital_economy_gdp", 2030), None); // not in a confirmed copy: left out
    // two indices abbreviated GCI get distinct ids
    assert!(
        t("econ.competitiveness_rank", 2025).is_some()
            && t("soc.cybersecurity_rank", 2030).is_some()
    );
}

/// Each targets file with nonsense in it and every line `validate` must
/// print after the file's path, in file order.
const NONSENSE: &[(&str, &[&str])] = &[
    (
        "rank-zero.toml",
        &[
            ":21:20: targets-invalid: targets.2025: \"<= 0\" is not a rank target; a rank is a whole number of 1 or more",
        ],
    ),
    (
        "rank-half.toml",
        &[
            ":21:20: targets-invalid: targets.2025: \"<= 0.5\" is not a rank target; a rank is a whole number of 1 or more",
        ],
    ),
    (
        "empty-id.toml",
        &[":16:6: targets-invalid: id: the id is empty"],
    ),
    (
        "id-blanks.toml",
        &[":16:6: targets-invalid: id: id \" gov.a \" has blanks around it; write it without them"],
    ),
    (
        "before-adoption.toml",
        &[
            ":21:13: targets-invalid: targets.2021: target year 2021 is before the resolution's adoption in 2022",
        ],
    ),
    (
        "nonsense.toml",
        &[
            ":11:6: targets-invalid: id: the id is empty",
            ":34:13: targets-invalid: targets.2020: target year 2020 is before the resolution's adoption in 2022",
            ":34:20: targets-invalid: targets.2020: \"<= 0\" is not a rank target; a rank is a whole number of 1 or more",
            ":34:35: targets-invalid: targets.2025: \"<= 2.5\" is not a rank target; a rank is a whole number of 1 or more",
            ":37:6: targets-invalid: id: id \"gov.b \" has blanks around it; write it without them",
        ],
    ),
];

/// `validate --targets path`: (exit code, stdout).
fn validate_targets(path: &str) -> (Option<i32>, String) {
    let out = dtcalc()
        .args(["validate", "--targets", path])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.code(), stdout)
}

/// The whole stdout of `validate` listing `lines` for the targets file `path`.
fn listing(path: &str, lines: &[&str]) -> String {
    let mut text: String = lines.iter().map(|l| format!("{path}{l}\n")).collect();
    let n = match lines.len() {
        1 => "1 problem".to_string(),
        n => format!("{n} problems"),
    };
    text.push_str(&format!("{n} in the targets file {path}\n"));
    text
}

#[test]
fn nonsense_in_a_targets_file_is_listed_with_its_toml_place_and_exits_1() {
    for (file, lines) in NONSENSE {
        let path = fixture(&format!("targets/{file}"));
        let (code, stdout) = validate_targets(&path);
        assert_eq!(code, Some(1), "{file}:\n{stdout}");
        assert_eq!(stdout, listing(&path, lines), "{file}");
    }
}

#[test]
fn indicator_ids_equal_after_nfc_are_a_duplicate() {
    let base = std::fs::read_to_string(fixture("targets/base.toml")).expect("fixture");
    // "x.á" composed (NFC) first, then decomposed (NFD: a + combining acute)
    let composed = base.replace("id = \"gov.a\"", "id = \"x.\u{e1}\"");
    let decomposed = "\n[[indicator]]\nid = \"x.a\u{301}\"\npillar = \"government\"\n\
                      name_vi = \"B\"\nname_en = \"B\"\nunit = \"%\"\ntargets = { 2025 = \">= 50\" }\n";
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nfd.toml");
    std::fs::write(&path, format!("{composed}{decomposed}")).expect("write");
    let path = path.display().to_string();
    let (code, stdout) = validate_targets(&path);
    assert_eq!(code, Some(1), "{stdout}");
    let line = ":23:6: targets-invalid: id: duplicate indicator id \"x.\u{e1}\": the same id is written \
                earlier with its accents in another Unicode form";
    assert_eq!(stdout, listing(&path, &[line]));
}

#[test]
fn a_share_target_above_100_is_not_an_error() {
    // valid, with a warning on stderr at the target value (line 21 col 20)
    let path = fixture("targets/above-100.toml");
    let (code, stdout) = validate_targets(&path);
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(stdout, format!("no problems in the targets file {path}\n"));
    for (lang, text) in [
        (
            "en",
            "warning: {path}:21:20: the target 120 % of gov.a is above 100 %",
        ),
        ("vi", "cảnh báo: {path}:21:20: "),
    ] {
        let out = dtcalc()
            .args([
                "report",
                "--lang",
                lang,
                "--targets",
                &path,
                "--format",
                "json",
                "-",
            ])
            .write_stdin("indicator,year,value\ngov.a,2024,50\n")
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(stderr.contains(&text.replace("{path}", &path)), "{stderr}");
    }
}
