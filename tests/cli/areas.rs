//! `dtcalc report --by area`: per-area figures by hand, ranks, selection,
//! equality with the single-area report, located problems.

use crate::common::{dtcalc, fixture, json};

const TARGETS: &str = "targets/areas.toml";
const THREE: &str = "areas/three-areas.csv";

fn by_area(extra: &[&str]) -> std::process::Output {
    let targets = fixture(TARGETS);
    let data = fixture(THREE);
    let mut args = vec!["report", &data, "--targets", &targets, "--by", "area"];
    args.extend_from_slice(extra);
    dtcalc().args(&args).output().expect("runs")
}

fn csv_lines(out: &std::process::Output) -> Vec<String> {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn per_area_figures_match_hand_arithmetic() {
    let lines = csv_lines(&by_area(&["--format", "csv"]));
    // Bắc Bình: gov.a 80/80 = 100 (met), gov.b 40/50 = 80 -> gov mean 90, 1 met;
    //   fibre worst of 88, 84 = 84/80 = 105 -> 100 (met), rank 20/25 = 80 -> soc mean 90;
    //   score (90 + 90) / 2 = 90
    // Hàm Tân: gov.a 64/80 = 80, gov.b 50/50 = 100 (met) -> 90; fibre households only:
    //   96/80 = 120 -> 100 but incomplete (not met), rank 80 -> 90; score 90: tied
    // Đức Linh: gov.a 40/80 = 50, gov.b no data -> gov mean 50; society no data
    //   (no mean, left out of the score) -> score 50
    assert_eq!(
        lines,
        [
            "area,pillar,target_year,indicators,with_data,met,mean_attainment_pct,score,rank",
            "Bắc Bình,government,2025,2,2,1,90,90,1",
            "Bắc Bình,society,2025,2,2,1,90,90,1",
            "Hàm Tân,government,2025,2,2,1,90,90,1",
            "Hàm Tân,society,2025,2,2,0,90,90,1",
            "Đức Linh,government,2025,2,1,0,50,50,3",
            "Đức Linh,society,2025,2,0,0,,50,3",
        ]
    );
}

#[test]
fn json_has_the_csv_records() {
    let out = by_area(&["--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let j = json(&out);
    assert_eq!(j["as_of"], 2024);
    let records = j["records"].as_array().expect("records");
    assert_eq!(records.len(), 6);
    let last = &records[5];
    assert_eq!(last["area"], "Đức Linh");
    assert_eq!(last["pillar"], "society");
    assert!(last["mean_attainment_pct"].is_null());
    assert_eq!(last["score"], 50.0);
    assert_eq!(last["rank"], 3);
}

#[test]
fn area_filter_keeps_the_rank_among_all_areas() {
    let lines = csv_lines(&by_area(&["--format", "csv", "--area", "Đức Linh"]));
    assert_eq!(lines.len(), 3);
    assert!(lines[1].starts_with("Đức Linh,government,") && lines[1].ends_with(",50,3"));
    let out = by_area(&["--area", "Nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("area \"Nowhere\" is not in the data"));
}

#[test]
fn top_keeps_ties_and_bottom_shows_laggards() {
    // --top 1: both areas ranked 1
    let lines = csv_lines(&by_area(&["--format", "csv", "--top", "1"]));
    assert_eq!(lines.len(), 5);
    assert!(lines[1..].iter().all(|l| l.ends_with(",90,1")));
    // --bottom 1: Đức Linh (no area scores lower)
    let lines = csv_lines(&by_area(&["--format", "csv", "--bottom", "1"]));
    assert_eq!(lines.len(), 3);
    assert!(lines[1].starts_with("Đức Linh,"));
    // --bottom 2: fewer than 2 areas score lower than the tied pair -> everyone
    assert_eq!(
        csv_lines(&by_area(&["--format", "csv", "--bottom", "2"])).len(),
        7
    );
    // --top needs --by
    let out = dtcalc()
        .args(["report", "examples/actuals.csv", "--top", "1"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn table_lists_ranks_and_pillars() {
    let out = by_area(&["--lang", "en"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(text.contains("Areas, targets for 2025"), "{text}");
    assert!(text.contains("1/2 · 90.0%"), "{text}");
    assert!(text.contains("0/2 · —"), "{text}");
}

/// The single-area report and `--by area` agree pillar by pillar on a file
/// without an area column (one implicit area).
#[test]
fn one_area_equals_the_single_area_report() {
    for (data, targets) in [
        ("examples/actuals.csv".to_string(), None),
        (fixture("data/fibre-incomplete.csv"), None),
        (fixture("data/mixed-case.csv"), None),
        (fixture("areas/one-area.csv"), Some(fixture(TARGETS))),
    ] {
        let mut base = vec![
            "report".to_string(),
            data.clone(),
            "--format".into(),
            "json".into(),
        ];
        if let Some(t) = &targets {
            base.extend(["--targets".to_string(), t.clone()]);
        }
        let single = json(&dtcalc().args(&base).output().expect("runs"));
        base.extend(["--by".to_string(), "area".to_string()]);
        let areas = json(&dtcalc().args(&base).output().expect("runs"));
        let pillars = single["pillars"].as_array().expect("pillars");
        let records = areas["records"].as_array().expect("records");
        assert_eq!(pillars.len(), records.len(), "{data}");
        for p in pillars {
            let r = records
                .iter()
                .find(|r| r["pillar"] == p["id"] && r["target_year"] == p["target_year"])
                .expect("record for pillar");
            assert_eq!(r["area"], "all");
            for k in ["indicators", "with_data", "met", "mean_attainment_pct"] {
                assert_eq!(r[k], p[k], "{data}: {k} of {}", p["id"]);
            }
        }
    }
}

#[test]
fn bad_rows_have_physical_lines_in_crlf_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.csv");
    let text = "area,indicator,year,value\r\nX,gov.a,2024,50\r\n\r\nX,gov.a,2024,60\r\nY,gov.a,2o24,1\r\n,gov.b,2024,1\r\n";
    std::fs::write(&path, text).expect("write");
    let p = path.display().to_string();
    let out = dtcalc()
        .args(["report", &p, "--targets", &fixture(TARGETS), "--by", "area"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "{p}:4:2: indicator: duplicate row for this indicator, area X, year 2024: already given at line 2"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{p}:5:3: year: \"2o24\" is not a four-digit year")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{p}:6:1: area: the row has no area; fill it in or delete the row"
        )),
        "{err}"
    );
    assert!(
        err.contains("3 problems in the data; nothing was computed"),
        "{err}"
    );
}

#[test]
fn same_diagnostics_as_the_general_reader() {
    let data = fixture("data/bad-rows.csv");
    let general = dtcalc().args(["report", &data]).output().expect("runs");
    let areas = dtcalc()
        .args(["report", &data, "--by", "area"])
        .output()
        .expect("runs");
    assert_eq!(areas.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&general.stderr),
        String::from_utf8_lossy(&areas.stderr)
    );
}

#[test]
fn garbage_never_panics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut seed: u64 = 7;
    for case in 0..40 {
        let mut bytes = b"area,indicator,year,value,breakdown\n".to_vec();
        for _ in 0..400 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let pick = b"a,\"\n\r;1.-9e%\xff\xc3gov.a2024 ";
            bytes.push(pick[(seed >> 33) as usize % pick.len()]);
        }
        let path = dir.path().join(format!("g{case}.csv"));
        std::fs::write(&path, &bytes).expect("write");
        let out = dtcalc()
            .args([
                "report",
                &path.display().to_string(),
                "--targets",
                &fixture(TARGETS),
                "--by",
                "area",
            ])
            .output()
            .expect("runs");
        assert!(matches!(out.status.code(), Some(0 | 2)), "case {case}");
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("panicked"),
            "case {case}"
        );
    }
}
