//! Roll-up (`--areas`, `--roll-up`, `--area` of a parent): parents'
//! figures from the rows of the areas they hold, each rule worked out by
//! hand, coverage, successors, and every way it can go wrong.

use std::path::Path;

use serde_json::Value;

use crate::common::{dtcalc, json};

/// A small resolution with one indicator per rule.
const TARGETS: &str = include_str!("../fixtures/rollup/targets.toml");

const TWO_COMMUNES: &str = "code,name,parent,level,valid_from,valid_to\n\
                            P,Tỉnh mẫu,,province,,\n\
                            C1,Xã 1,P,commune,,\n\
                            C2,Xã 2,P,commune,,\n";

const HEADER: &str = "area,indicator,year,breakdown,value,numerator,denominator,weight\n";

/// Writes the targets, the areas file and the data into `dir`.
fn files(dir: &Path, areas: &str, data: &str) -> [String; 3] {
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).expect("written");
        p.display().to_string()
    };
    [
        write("t.toml", TARGETS),
        write("areas.csv", areas),
        write("data.csv", &format!("{HEADER}{data}")),
    ]
}

/// `report DATA --targets T --areas A ARGS --format json`: exit code,
/// JSON (or Null), stderr.
fn report(dir: &Path, areas: &str, data: &str, args: &[&str]) -> (Option<i32>, Value, String) {
    let [t, a, d] = files(dir, areas, data);
    let out = dtcalc()
        .args([
            "report",
            &d,
            "--targets",
            &t,
            "--areas",
            &a,
            "--format",
            "json",
        ])
        .args(args)
        .output()
        .expect("runs");
    let value = match out.status.code() {
        Some(0) => json(&out),
        _ => Value::Null,
    };
    (
        out.status.code(),
        value,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `report DATA --targets T --areas A ARGS` as a 200-column table: its
/// standard output.
fn table(dir: &Path, areas: &str, data: &str, args: &[&str]) -> String {
    let [t, a, d] = files(dir, areas, data);
    let out = dtcalc()
        .args(["report", &d, "--targets", &t, "--areas", &a])
        .args(args)
        .env("COLUMNS", "200")
        .output()
        .expect("runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The result object of indicator `id` in a single-area report.
fn indicator<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["indicators"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["id"] == id))
        .unwrap_or_else(|| panic!("no {id} in {report}"))
}

fn close(v: &Value, want: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - want).abs() < 1e-6)
}

#[test]
fn a_share_is_the_sum_of_numerators_over_the_sum_of_denominators() {
    // two communes 30/100 and 50/200: 80/300 = 26.67 %, not the mean of
    // 30 % and 25 % (27.5 %), so the target >= 27 is not met
    let dir = tempfile::tempdir().expect("tempdir");
    let data = "C1,s.share,2024,,,30,100,\nC2,s.share,2024,,,50,200,\n";
    let (code, r, err) = report(dir.path(), TWO_COMMUNES, data, &["--area", "P"]);
    assert_eq!(code, Some(0), "{err}");
    let share = indicator(&r, "s.share");
    assert!(close(&share["actual"], 80.0 / 300.0 * 100.0), "{share}");
    // to 9 decimals, as every computed number of the JSON: 26.666666667
    assert_eq!(share["actual"].as_f64(), Some(26.666666667), "{share}");
    assert_eq!(
        (share["numerator"].as_f64(), share["denominator"].as_f64()),
        (Some(80.0), Some(300.0))
    );
    assert_eq!(share["status"], "not_met");
    // attainment 26.667 / 27 = 98.765 %
    assert!(close(&share["attainment_pct"], 98.765432099), "{share}");
    assert_eq!(share["coverage"]["areas"], 2);
    assert_eq!(share["coverage"]["of"], 2);
    assert_eq!(share["coverage"]["complete"], true);
    assert!(close(&share["coverage"]["denominator_share_pct"], 100.0));
    // the table shows it to the nearest, 26.67 %; only a figure that would
    // round to a target it does not reach is rounded away from it
    let text = table(dir.path(), TWO_COMMUNES, data, &["--area", "P"]);
    assert!(
        text.contains("26.67%") && !text.contains("26.66%"),
        "{text}"
    );
    let near = dir.path().join("near.csv");
    std::fs::write(&near, "indicator,year,value\ns.share,2024,26.9996\n").expect("written");
    let t = dir.path().join("t.toml").display().to_string();
    let out = dtcalc()
        .args(["report", &near.display().to_string(), "--targets", &t])
        .env("COLUMNS", "200")
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    // 26.9996 to 3 decimals is 27.000, which would reach >= 27: 26.999
    assert!(
        text.contains("26.999%") && !text.contains("27.000%"),
        "{text}"
    );
    // `check` shows the figure by the same rule
    let [t, a, d] = files(dir.path(), TWO_COMMUNES, data);
    let out = dtcalc()
        .args(["check", &d, "--targets", &t, "--areas", &a, "--area", "P"])
        .args(["--indicator", "s.share"])
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("is 26.67% in 2024 (not met)"), "{said}");
    let out = dtcalc()
        .args(["check", &near.display().to_string(), "--targets", &t])
        .args(["--indicator", "s.share"])
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("is 26.999% in 2024 (not met)"), "{said}");
    // a value given beside its parts must agree with them: 30/100 is 30
    let ok = "C1,s.share,2024,,30,30,100,\nC2,s.share,2024,,25.0,50,200,\n";
    let (code, r2, err) = report(dir.path(), TWO_COMMUNES, ok, &["--area", "P"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(indicator(&r2, "s.share")["actual"], share["actual"]);
}

#[test]
fn below_the_coverage_bound_a_parent_figure_is_incomplete_never_computed_from_a_few() {
    let dir = tempfile::tempdir().expect("tempdir");
    let areas = format!("{TWO_COMMUNES}C3,Xã 3,P,commune,,\n");
    // C3 gives only its denominator: 100 households, fibre not counted yet
    let data = "C1,s.share,2024,,,30,100,\nC2,s.share,2024,,,50,200,\nC3,s.share,2024,,,,100,\n";
    let (code, r, err) = report(dir.path(), &areas, data, &["--area", "P"]);
    assert_eq!(code, Some(0), "{err}");
    let share = indicator(&r, "s.share");
    assert_eq!(share["status"], "incomplete");
    assert!(share["actual"].is_null(), "{share}");
    assert!(share["numerator"].is_null(), "withheld: {share}");
    assert_eq!(
        (
            share["coverage"]["areas"].as_u64(),
            share["coverage"]["of"].as_u64()
        ),
        (Some(2), Some(3))
    );
    assert_eq!(share["coverage"]["complete"], false);
    // 2 of 3 areas is 66.7 %: enough for --min-coverage 60, and their
    // denominators hold 300 of 400 = 75 %
    let (code, r, err) = report(
        dir.path(),
        &areas,
        data,
        &["--area", "P", "--min-coverage", "60"],
    );
    assert_eq!(code, Some(0), "{err}");
    let share = indicator(&r, "s.share");
    assert!(close(&share["actual"], 80.0 / 300.0 * 100.0), "{share}");
    assert!(
        close(&share["coverage"]["denominator_share_pct"], 75.0),
        "{share}"
    );
    assert_eq!(share["coverage"]["complete"], true);
    // the human formats say where the figure comes from
    let text = table(
        dir.path(),
        &areas,
        data,
        &["--area", "P", "--min-coverage", "60"],
    );
    assert!(
        text.contains("from 2 of 3") && text.contains("75.0% of the denominator"),
        "{text}"
    );
}

#[test]
fn sums_weighted_means_and_members_are_worked_out_by_their_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = "\
C1,s.count,2024,,40,,,
C2,s.count,2024,,70,,,
C1,s.growth,2024,,4,,,300
C2,s.growth,2024,,7,,,100
C1,s.byind,2024,,50,,,1
C2,s.byind,2024,,80,,,1
C1,s.fibre,2024,households,,80,100,
C1,s.fibre,2024,schools,,9,10,
C2,s.fibre,2024,households,,170,200,
C2,s.fibre,2024,schools,,19,20,
";
    let (code, r, err) = report(dir.path(), TWO_COMMUNES, data, &["--area", "P"]);
    assert_eq!(code, Some(0), "{err}");
    // sum: 40 + 70 = 110
    assert!(close(&indicator(&r, "s.count")["actual"], 110.0));
    // weighted by the weight column: (300 x 4 + 100 x 7) / 400 = 4.75
    assert!(close(&indicator(&r, "s.growth")["actual"], 4.75));
    // weighted by s.count: (40 x 50 + 70 x 80) / 110 = 7600 / 110 = 69.09;
    // the weight column's 1s on its rows are not added as well (that
    // would give (7600 + 50 + 80) / 112 = 69.02)
    let byind = indicator(&r, "s.byind");
    assert!(close(&byind["actual"], 7600.0 / 110.0), "{byind}");
    assert_eq!(byind["coverage"]["areas"], 2, "{byind}");
    // per member: households 250/300 = 83.33, schools 28/30 = 93.33; the
    // worst decides
    let fibre = indicator(&r, "s.fibre");
    assert!(close(&fibre["actual"], 250.0 / 300.0 * 100.0), "{fibre}");
    assert_eq!(fibre["worst_member"], "households");
    assert_eq!(fibre["status"], "met");
    // in Vietnamese the member has its Vietnamese label
    let text = table(
        dir.path(),
        TWO_COMMUNES,
        data,
        &["--area", "P", "--lang", "vi"],
    );
    assert!(text.contains("thấp nhất: hộ gia đình"), "{text}");
}

#[test]
fn ranks_and_indicators_without_a_rule_are_never_rolled_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = "C1,s.rank,2024,,5,,,\nC2,s.rank,2024,,8,,,\nC1,s.norule,2024,,60,,,\nC2,s.norule,2024,,70,,,\n";
    let (code, r, err) = report(dir.path(), TWO_COMMUNES, data, &["--area", "P"]);
    assert_eq!(code, Some(0), "{err}");
    for id in ["s.rank", "s.norule"] {
        let i = indicator(&r, id);
        assert_eq!(i["status"], "no_data", "{i}");
        assert!(i["actual"].is_null());
    }
    assert!(
        err.contains("not rolled up (aggregate = \"none\": a rank cannot be combined): s.rank"),
        "{err}"
    );
    assert!(
        err.contains("not rolled up, the targets file gives no aggregate rule: s.norule"),
        "{err}"
    );
    // a share given as a value only cannot be recombined: said, and the
    // parent's figure is incomplete
    let data = "C1,s.share,2024,,30,,,\nC2,s.share,2024,,25,,,\n";
    let (code, r, err) = report(dir.path(), TWO_COMMUNES, data, &["--area", "P"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(indicator(&r, "s.share")["status"], "incomplete");
    assert!(
        err.contains("2 figure(s) of s.share have no numerator and denominator"),
        "{err}"
    );
}

/// Two provinces before 2025: A ceased on 30 June 2025 and was merged
/// into B, which kept its code.
const MERGED: &str = "code,name,parent,level,valid_from,valid_to\n\
                      VN,Việt Nam,,country,,\n\
                      B,Tỉnh B,VN,province,,\n\
                      A,Tỉnh A,B,province,,2025-06-30\n";

#[test]
fn a_merged_province_carries_its_predecessors_series() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = "A,s.share,2023,,,10,100,\nB,s.share,2023,,,30,100,\nB,s.share,2025,,40,,,\n";
    let [t, a, d] = files(dir.path(), MERGED, data);
    let run = |extra: &[&str]| {
        let out = dtcalc()
            .args([
                "report",
                &d,
                "--targets",
                &t,
                "--areas",
                &a,
                "--roll-up",
                "province",
                "--format",
                "json",
            ])
            .args(extra)
            .output()
            .expect("runs");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        json(&out)
    };
    // as of 2025 only B is in force; its 2025 figure is its own, and its
    // baseline is 2023's (10 + 30) / (100 + 100) = 20 %, carried from A and B
    let now = run(&[]);
    let areas = now["areas"].as_array().expect("areas");
    assert_eq!(areas.len(), 1);
    assert_eq!(areas[0]["area"], "B Tỉnh B");
    let share = &areas[0]["indicators"][0];
    assert!(close(&share["actual"], 40.0), "{share}");
    assert!(close(&share["baseline"], 20.0), "{share}");
    assert_eq!(share["baseline_year"], 2023);
    // as of 2024 both are in force: A with its own figure
    let before = run(&["--as-of", "2024"]);
    let names: Vec<&str> = before["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .filter_map(|a| a["area"].as_str())
        .collect();
    assert_eq!(names, ["B Tỉnh B", "A Tỉnh A"]);
    assert!(close(&before["areas"][1]["indicators"][0]["actual"], 10.0));
    // a figure for A after it ceased belongs to B: said at its line
    let late = "A,s.share,2025,,,10,100,\n";
    let (code, _, err) = report(dir.path(), MERGED, late, &["--roll-up", "province"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains(":2:1: area: \"A Tỉnh A\" ended on 2025-06-30; a figure for 2025 belongs to B Tỉnh B, the area it then lay within"),
        "{err}"
    );
}

#[test]
fn every_way_a_roll_up_cannot_run_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: [(&str, &str, &[&str], &str); 6] = [
        // an area the areas file does not have, at its line and column
        (
            TWO_COMMUNES,
            "C9,s.share,2024,,,1,2,\n",
            &["--area", "P"],
            ":2:1: area: \"C9\" is not in the areas file",
        ),
        // figures of a commune and of its province for the same year
        (
            TWO_COMMUNES,
            "C1,s.share,2024,,,1,2,\nP,s.share,2024,,,1,2,\nC2,s.share,2024,,,1,2,\n",
            &["--area", "P"],
            "figures come from areas of two levels, C1 Xã 1 (commune) and P Tỉnh mẫu (province)",
        ),
        (
            TWO_COMMUNES,
            "C1,s.share,2024,,,1,2,\n",
            &["--roll-up", "district"],
            "--roll-up district: no area of the areas file has that level (levels: province, commune)",
        ),
        (
            TWO_COMMUNES,
            "C1,s.share,2024,,,1,2,\n",
            &["--area", "X"],
            "--area X: not a code of the areas file",
        ),
        (
            "code,name,parent\nP,p,\nP,q,\nC,c,Z\n",
            "C1,s.share,2024,,,1,2,\n",
            &["--area", "P"],
            ":3:1: code \"P\" is given again (first on line 2)",
        ),
        (
            TWO_COMMUNES,
            "C1,s.share,2024,,,30,0,\n",
            &["--area", "P"],
            ":2:7: denominator: \"0\" is not above 0",
        ),
    ];
    for (areas, data, args, said) in cases {
        let (code, _, err) = report(dir.path(), areas, data, args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains(said), "{args:?}: {err}");
    }
    // --min-coverage needs an areas file, and a roll-up to apply to
    let out = dtcalc()
        .args(["report", "examples/actuals.csv", "--min-coverage", "50"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--areas <FILE>"));
    let data = "C1,s.share,2024,,,1,2,\n";
    let (code, _, err) = report(dir.path(), TWO_COMMUNES, data, &["--min-coverage", "50"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("--min-coverage applies to a roll-up: give --roll-up LEVEL, or --area CODE"),
        "{err}"
    );
    // an empty areas file is named as one
    let (code, _, err) = report(dir.path(), "", data, &["--area", "P"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(
            "the areas file is empty; expected a header row with the columns code, name, parent"
        ),
        "{err}"
    );
}

/// With --by area, one --area picks a row: it is not rolled up to.
#[test]
fn by_area_with_one_area_selects_it_without_rolling_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = "C1,s.count,2024,,40,,,\nC2,s.count,2024,,70,,,\n";
    let (code, r, err) = report(
        dir.path(),
        TWO_COMMUNES,
        data,
        &["--by", "area", "--area", "C1"],
    );
    assert_eq!(code, Some(0), "{err}");
    let areas: Vec<&str> = r["records"]
        .as_array()
        .expect("records")
        .iter()
        .filter_map(|x| x["area"].as_str())
        .collect();
    assert!(!areas.is_empty() && areas.iter().all(|a| *a == "C1"), "{r}");
    // without --by area the same --area P is P's figure from C1 and C2: 40 + 70
    let (code, r, err) = report(dir.path(), TWO_COMMUNES, data, &["--area", "P"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(close(&indicator(&r, "s.count")["actual"], 110.0), "{r}");
}

/// `--encoding` applies to the areas file as to data files.
#[test]
fn an_areas_file_in_windows_1258_reads_with_the_encoding_flag() {
    let dir = tempfile::tempdir().expect("tempdir");
    // "Xã" in windows-1258: X, a (0x61), combining tilde (0xDE)
    let mut areas = b"code,name,parent,level\nP,Tinh,,province\nC1,X".to_vec();
    areas.extend_from_slice(&[0x61, 0xDE]);
    areas.extend_from_slice(b" 1,P,commune\n");
    let [t, _, d] = files(dir.path(), TWO_COMMUNES, "C1,s.count,2024,,40,,,\n");
    let a = dir.path().join("areas-1258.csv");
    std::fs::write(&a, &areas).expect("written");
    let a = a.display().to_string();
    let run = |extra: &[&str]| {
        dtcalc()
            .args([
                "report",
                &d,
                "--targets",
                &t,
                "--areas",
                &a,
                "--area",
                "P",
                "--format",
                "json",
            ])
            .args(extra)
            .output()
            .expect("runs")
    };
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--encoding windows-1258"));
    let out = run(&["--encoding", "windows-1258", "--min-coverage", "50"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(close(&indicator(&json(&out), "s.count")["actual"], 40.0));
}

#[test]
fn validate_checks_rows_against_the_areas_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let [t, a, d] = files(
        dir.path(),
        MERGED,
        "A,s.share,2025,,,1,2,\nZ,s.share,2024,,,1,2,\nB,s.share,2024,,3,1,2,\n",
    );
    let out = dtcalc()
        .args(["validate", &d, "--targets", &t, "--areas", &a])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].ends_with(":2:1: area-not-in-force: area: \"A Tỉnh A\" ended on 2025-06-30; a figure for 2025 belongs to B Tỉnh B, the area it then lay within"), "{text}");
    assert!(
        lines[1].contains(":3:1: unknown-area: area: \"Z\" is not in the areas file"),
        "{text}"
    );
    // 1/2 is 50 %, not 3
    assert!(
        lines[2].contains(
            ":4:5: bad-parts: value: 3 is not what numerator and denominator give: 50.00"
        ),
        "{text}"
    );
    // an areas file with problems is listed too
    std::fs::write(&a, "code,name,parent\nX,x,Y\n").expect("written");
    let out = dtcalc()
        .args(["validate", &d, "--targets", &t, "--areas", &a])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("areas.csv:2:3: areas-invalid: parent \"Y\" is no code of the areas file"),
        "{text}"
    );
}

#[test]
fn check_gates_every_parent_and_names_those_that_fail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let areas = "code,name,parent,level\nP1,Một,,province\nP2,Hai,,province\nA,a,P1,commune\nB,b,P2,commune\n";
    let data = "A,s.share,2024,,,90,100,\nB,s.share,2024,,,10,100,\n";
    let [t, a, d] = files(dir.path(), areas, data);
    let out = dtcalc()
        .args([
            "check",
            &d,
            "--targets",
            &t,
            "--areas",
            &a,
            "--roll-up",
            "province",
            "--indicator",
            "s.share",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("P2 Hai") && !text.contains("fail: P1"),
        "{text}"
    );
    // one parent, by --area: P1 passes
    let out = dtcalc()
        .args([
            "check",
            &d,
            "--targets",
            &t,
            "--areas",
            &a,
            "--area",
            "P1",
            "--indicator",
            "s.share",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_file_without_numerators_reports_exactly_as_before() {
    // the bundled example, with and without an areas file that lists its
    // one area: the same figures (the roll-up of one area is its figure)
    let plain = dtcalc()
        .args([
            "report",
            "examples/provinces.csv",
            "--targets",
            "examples/national-749.toml",
            "--area",
            "68 Lâm Đồng",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    assert_eq!(plain.status.code(), Some(0));
    let dir = tempfile::tempdir().expect("tempdir");
    let areas = dir.path().join("areas.csv");
    let codes = [
        "01 Hà Nội",
        "48 Đà Nẵng",
        "68 Lâm Đồng",
        "79 TP. Hồ Chí Minh",
        "96 Cà Mau",
    ];
    let list: String = codes
        .iter()
        .map(|c| format!("{c},{c},VN,province\n"))
        .collect();
    std::fs::write(
        &areas,
        format!("code,name,parent,level\nVN,Việt Nam,,country\n{list}"),
    )
    .expect("written");
    let rolled = dtcalc()
        .args([
            "report",
            "examples/provinces.csv",
            "--targets",
            "examples/national-749.toml",
            "--areas",
        ])
        .arg(&areas)
        .args(["--area", "68 Lâm Đồng", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(
        rolled.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&rolled.stderr)
    );
    let (p, r) = (json(&plain), json(&rolled));
    for (a, b) in p["indicators"]
        .as_array()
        .expect("a")
        .iter()
        .zip(r["indicators"].as_array().expect("b"))
    {
        assert_eq!(
            (&a["id"], &a["actual"], &a["status"]),
            (&b["id"], &b["actual"], &b["status"])
        );
    }
}

#[test]
fn a_member_withheld_is_named_and_the_coverage_is_of_the_figure_shown() {
    // schools: C1 and C2 only (2 of 3 areas: withheld); households from all
    // three: (80 + 170 + 40) / (100 + 200 + 50) = 290 / 350 = 82.86 %
    let dir = tempfile::tempdir().expect("tempdir");
    let areas = format!("{TWO_COMMUNES}C3,Xã 3,P,commune,,\n");
    let data = "\
C1,s.fibre,2024,households,,80,100,
C2,s.fibre,2024,households,,170,200,
C3,s.fibre,2024,households,,40,50,
C1,s.fibre,2024,schools,,9,10,
C2,s.fibre,2024,schools,,19,20,
";
    let (code, r, err) = report(dir.path(), &areas, data, &["--area", "P"]);
    assert_eq!(code, Some(0), "{err}");
    let fibre = indicator(&r, "s.fibre");
    assert_eq!(fibre["status"], "incomplete");
    assert!(close(&fibre["actual"], 290.0 / 350.0 * 100.0), "{fibre}");
    assert_eq!(fibre["worst_member"], "households");
    assert_eq!(fibre["missing_members"], serde_json::json!(["schools"]));
    assert_eq!(
        (fibre["numerator"].as_f64(), fibre["denominator"].as_f64()),
        (Some(290.0), Some(350.0))
    );
    assert_eq!(
        (
            fibre["coverage"]["areas"].as_u64(),
            fibre["coverage"]["of"].as_u64()
        ),
        (Some(3), Some(3))
    );
}
