//! What each fuzz target checks. Shared, through `#[path]`, by the
//! cargo-fuzz targets in `fuzz_targets/` and by the integration test
//! `tests/cli/fuzz_regressions.rs`, which replays every saved crash input
//! through these same functions, so plain `cargo test` guards every fix.
//!
//! Each function must never panic on any input; a panic is a finding.
#![allow(dead_code)] // each fuzz binary uses one function

use std::sync::OnceLock;

use dtcalc::calc::{Assessment, Options, Status};
use dtcalc::progress::Method;
use dtcalc::read::{self, Collect, ReadOptions, workbook};
use dtcalc::report::{self, Context};
use dtcalc::store::{AreaId, AreaSeries, Store};
use dtcalc::targets::{self, Resolution, Unit};

/// The built-in resolution, parsed once.
fn builtin() -> &'static Resolution {
    static BUILTIN: OnceLock<Resolution> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        targets::parse(targets::BUILTIN, "targets.toml").expect("built-in targets load")
    })
}

/// Number of physical lines in `bytes` (a last line without `\n` counts).
/// Lines as the readers count them: `\n`, `\r\n` or a lone `\r` ends one.
fn line_count(bytes: &[u8]) -> u64 {
    let lone_cr = bytes
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count()
        + usize::from(bytes.last() == Some(&b'\r'));
    (bytes.iter().filter(|&&b| b == b'\n').count() + lone_cr) as u64 + 1
}

/// `targets_toml`: arbitrary bytes -> `targets::parse`. A loaded resolution
/// is consistent; an error names the file.
pub fn targets_toml(data: &[u8]) {
    // `targets::load` reads the file as UTF-8 text; invalid UTF-8 stops there.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match targets::parse(text, "fuzz.toml") {
        Ok(r) => check_resolution(&r),
        Err(e) => {
            let msg = format!("{e:#}");
            assert!(msg.starts_with("fuzz.toml:"), "error without file: {msg}");
        }
    }
}

/// A loaded resolution: finite sorted targets, known pillars, unique ids.
fn check_resolution(r: &Resolution) {
    let mut ids = std::collections::HashSet::new();
    for ind in &r.indicators {
        assert!(ids.insert(&ind.id), "duplicate id {} loaded", ind.id);
        assert!(r.pillar(&ind.pillar).is_some(), "unknown pillar loaded");
        assert!(!ind.targets.is_empty(), "indicator without targets loaded");
        assert!(ind.targets.iter().all(|t| t.value.is_finite()));
        assert!(ind.targets.windows(2).all(|w| w[0].year < w[1].year));
    }
}

/// Reads `data` as one file named `name` against `r`.
fn read_one(name: &str, data: &[u8], r: &Resolution) -> (Store, Collect) {
    let options = ReadOptions::default();
    let mut store = read::store_for(r, &options);
    let mut found = Collect::default();
    read::read_bytes(&[(name, data)], r, &options, &mut store, &mut found)
        .expect("bytes in memory are always readable");
    (store, found)
}

/// `actuals_csv`: arbitrary bytes -> the reader against the built-in
/// resolution. Every figure stored is valid; every problem names the file
/// and a line that exists.
pub fn actuals_csv(data: &[u8]) {
    let r = builtin();
    let (store, found) = read_one("fuzz.csv", data, r);
    check_read(&store, &found, r, lines_of(data), "fuzz.csv");
}

/// `actuals_workbook`: arbitrary bytes read as an `.xlsx` container (zip)
/// against the built-in resolution: no panic, every figure valid and
/// finite, every problem names the file.
pub fn actuals_workbook(data: &[u8]) {
    let r = builtin();
    let (store, found) = read_one("fuzz.xlsx", data, r);
    check_read(&store, &found, r, u64::MAX, "fuzz.xlsx");
}

/// The file's line count, or `u64::MAX` for bytes read as a workbook,
/// whose rows are not lines of the bytes.
fn lines_of(data: &[u8]) -> u64 {
    if workbook::looks_like_workbook(data) {
        u64::MAX
    } else {
        line_count(data)
    }
}

/// Figures are valid for their indicator; problems name the file and a
/// line of it (`lines`: the file's line count).
fn check_read(store: &Store, found: &Collect, r: &Resolution, lines: u64, name: &str) {
    let mut series = AreaSeries::default();
    for area in 0..store.area_count() as AreaId {
        store.series_of(area, &mut series);
        for (i, ind) in r.indicators.iter().enumerate() {
            for (member, points) in series.of(i) {
                assert_eq!(
                    ind.is_each(),
                    member.is_some(),
                    "member mismatch: {}",
                    ind.id
                );
                assert!(points.windows(2).all(|w| w[0].0 < w[1].0), "duplicate kept");
                for &(_, v) in points {
                    assert!(v.is_finite(), "non-finite value read");
                    match ind.unit {
                        Unit::Percent => assert!((0.0..=100.0).contains(&v), "{v}"),
                        Unit::Rank => assert!(v >= 1.0 && v.fract() == 0.0, "{v}"),
                        Unit::PercentPerYear | Unit::Number => {}
                    }
                }
            }
        }
    }
    for p in &found.problems {
        assert_eq!(&*p.file, name, "problem names another file: {p}");
        if let Some(line) = p.line {
            assert!((1..=lines).contains(&line), "problem off the file: {p}");
        }
        assert!(!p.problem.say(dtcalc::lang::Lang::En).is_empty());
    }
}

/// `pipeline`: input split at the first NUL byte into targets TOML and CSV
/// (no NUL: the built-in targets and all of it as CSV) -> assess -> JSON.
/// The JSON parses back, numbers agree with the assessment, nothing that
/// should be a number became `null`, and `met` agrees with the gap.
pub fn pipeline(data: &[u8]) {
    let (resolution, csv) = match data.iter().position(|&b| b == 0) {
        None => (builtin().clone(), data),
        Some(i) => {
            let Ok(text) = std::str::from_utf8(&data[..i]) else {
                return;
            };
            let Ok(r) = targets::parse(text, "fuzz.toml") else {
                return;
            };
            (r, &data[i + 1..])
        }
    };
    let (store, found) = read_one("fuzz.csv", csv, &resolution);
    check_read(&store, &found, &resolution, lines_of(csv), "fuzz.csv");
    let options = Options {
        as_of: store.max_year(),
        horizons: resolution.target_years(),
        pillars: Vec::new(),
    };
    let methods = [Method::Growth, Method::Anticipated, Method::Linear];
    // the first area: the data may hold several
    let area = (store.area_count() > 0).then_some(0);
    let (assessment, progress) =
        dtcalc::assess::area(&resolution, &store, area, &options, &methods);
    check_assessment(&assessment);
    let files = ["fuzz.csv".to_string()];
    let ctx = Context {
        resolution: &resolution,
        assessment: &assessment,
        files: &files,
        progress: &progress,
    };
    let mut out = Vec::new();
    // JSON ignores the look (language, width, colour).
    let look = report::Look {
        lang: dtcalc::lang::Lang::En,
        width: 100,
        color: false,
    };
    report::render_report(&mut out, &ctx, report::Format::Json, look)
        .expect("rendering into a Vec cannot fail");
    let json: serde_json::Value = serde_json::from_slice(&out).expect("report is JSON");
    check_json(&assessment, &json);
}

/// Every number is finite; `met` agrees with the comparison and the gap.
pub fn check_assessment(a: &Assessment) {
    for r in &a.results {
        for x in [r.actual, r.attainment_pct, r.gap, r.target.map(|t| t.value)]
            .into_iter()
            .flatten()
        {
            assert!(x.is_finite(), "non-finite number in {r:?}");
        }
        if let (Some(t), Some(actual), Some(gap)) = (r.target, r.actual, r.gap) {
            let holds = t.comparison.holds(actual, t.value);
            let reached = if t.comparison.is_strict() {
                gap < 0.0
            } else {
                gap <= 0.0
            };
            assert_eq!(holds, reached, "met and gap disagree: {r:?}");
            if matches!(r.status, Status::Met | Status::NotMet) {
                assert_eq!(r.met, Some(holds), "met and comparison disagree: {r:?}");
            }
        }
    }
    for s in a.pillars.iter().chain(&a.totals) {
        if let Some(m) = s.mean_attainment_pct {
            assert!((0.0..=100.0).contains(&m), "mean outside 0-100: {s:?}");
        }
        assert!(s.met <= s.with_data && s.with_data <= s.indicators);
        assert!(s.items_met <= s.items && s.items <= s.indicators);
    }
}

/// The JSON holds the assessment's numbers: `null` exactly where the
/// assessment has none, else the number rounded to 9 decimals.
pub fn check_json(a: &Assessment, json: &serde_json::Value) {
    let rows = json["indicators"].as_array().expect("indicators array");
    assert_eq!(rows.len(), a.results.len(), "a result was lost");
    for (r, j) in a.results.iter().zip(rows) {
        same(r.actual, &j["actual"], "actual");
        same(r.target.map(|t| t.value), &j["target"], "target");
        same(r.attainment_pct, &j["attainment_pct"], "attainment_pct");
        same(r.gap, &j["gap"], "gap");
        assert_eq!(j["met"].as_bool(), r.met, "met");
        assert_eq!(j["status"].as_str(), Some(r.status.id()), "status");
    }
    let sums = json["pillars"].as_array().expect("pillars array");
    assert_eq!(sums.len(), a.pillars.len());
    for (s, j) in a.pillars.iter().zip(sums) {
        same(s.mean_attainment_pct, &j["mean_attainment_pct"], "mean");
    }
}

fn same(x: Option<f64>, j: &serde_json::Value, what: &str) {
    match x {
        None => assert!(j.is_null(), "{what}: {j} where there is none"),
        Some(x) => {
            let got = j
                .as_f64()
                .unwrap_or_else(|| panic!("{what}: {x} became {j}"));
            // 9-decimal rounding, plus a few ulps for very large numbers
            let tolerance = 1e-9 + x.abs() * 1e-15;
            assert!((got - x).abs() <= tolerance, "{what}: {x} became {got}");
        }
    }
}
