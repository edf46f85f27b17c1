//! `--format xlsx`: every workbook, read back with calamine, holds the
//! numbers `--format json` prints for the same command (an attainment is
//! a fraction in the sheet: 0.912 there is `attainment_pct` 91.2 in JSON),
//! in both languages; statuses are coloured by the terminal's rule; table
//! sheets have a frozen, filterable header. LibreOffice, when installed,
//! reads the same values.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Range, Reader, StyleRange, Xlsx};
use dtcalc::lang::Lang;
use dtcalc::say;
use serde_json::Value;

use crate::common::{dtcalc, json};

const REPORT: [&str; 2] = ["report", "examples/actuals.csv"];
const AREAS: [&str; 6] = [
    "report",
    "examples/provinces.csv",
    "--targets",
    "examples/national-749.toml",
    "--by",
    "area",
];

/// `--lang` of a language.
fn lang_arg(lang: Lang) -> [&'static str; 2] {
    ["--lang", say!(lang, en: "en", vi: "vi")]
}

/// The JSON of `args` with `--format json`.
fn json_of(args: &[&str]) -> Value {
    let out = dtcalc()
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

/// The workbook `args` write to `-o DIR/out.xlsx` (the format told by the
/// extension); nothing goes to stdout.
fn xlsx_of(args: &[&str], dir: &Path) -> Vec<u8> {
    let path = dir.join("out.xlsx");
    dtcalc()
        .args(args)
        .arg("-o")
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    std::fs::read(&path).expect("the workbook")
}

/// A workbook's sheets in order, each with its cell styles.
fn sheets(bytes: Vec<u8>) -> Vec<(String, Range<Data>, StyleRange)> {
    let mut book = Xlsx::new(Cursor::new(bytes)).expect("an xlsx workbook");
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|n| {
            let cells = book.worksheet_range(&n).expect("cells");
            let styles = book.worksheet_style(&n).expect("styles");
            (n, cells, styles)
        })
        .collect()
}

/// A cell as a number; `None` for an empty cell.
fn num(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        Data::Empty => None,
        other => panic!("not a number: {other:?}"),
    }
}

/// A cell as text; empty for anything else.
fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        _ => String::new(),
    }
}

/// A sheet number equals a JSON number divided by `scale`, within 1e-9, or
/// both are missing.
fn same(cell: &Data, json: &Value, scale: f64, what: &str) {
    match (num(cell), json.as_f64().map(|v| v / scale)) {
        (None, None) => {}
        (Some(a), Some(b)) => assert!((a - b).abs() <= 1e-9, "{what}: sheet {a}, JSON {b}"),
        (a, b) => panic!("{what}: sheet {a:?}, JSON {b:?}"),
    }
}

/// Pillar names in `lang` (and the total's) to ids, from the targets file
/// (`None`: the built-in one).
fn pillar_ids(targets: Option<&str>, lang: Lang) -> HashMap<String, String> {
    let r = match targets {
        Some(p) => dtcalc::targets::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(p)),
        None => dtcalc::targets::parse(dtcalc::targets::BUILTIN, "targets.toml"),
    }
    .expect("targets");
    let mut ids: HashMap<String, String> = r
        .pillars
        .iter()
        .map(|p| (p.name(lang).to_string(), p.id.clone()))
        .collect();
    ids.insert(
        say!(lang, en: "All pillars", vi: "Tất cả trụ cột").into(),
        "total".into(),
    );
    ids
}

/// The fill (RGB) of a cell.
fn fill(styles: &StyleRange, at: (u32, u32)) -> Option<(u8, u8, u8)> {
    let c = styles.get(at)?.fill.as_ref()?.get_color()?;
    Some((c.red, c.green, c.blue))
}

/// The fill a status must have: the terminal's tones (met green, close
/// yellow from 90 %, far red, no data or no target grey).
fn tone_fill(status: &str, attainment: Option<f64>) -> (u8, u8, u8) {
    match (status, attainment) {
        ("met", _) => (0xC6, 0xEF, 0xCE),
        ("no_data" | "no_target", _) => (0xE7, 0xE6, 0xE6),
        (_, Some(a)) if a >= 90.0 => (0xFF, 0xEB, 0x9C),
        _ => (0xFF, 0xC7, 0xCE),
    }
}

/// The status word in `lang`.
fn status_word(id: &str, lang: Lang) -> &'static str {
    match id {
        "met" => say!(lang, en: "met", vi: "đạt"),
        "not_met" => say!(lang, en: "not met", vi: "chưa đạt"),
        "incomplete" => say!(lang, en: "incomplete", vi: "thiếu thành phần"),
        "no_data" => say!(lang, en: "no data", vi: "chưa có số liệu"),
        _ => say!(lang, en: "no target", vi: "không có mục tiêu"),
    }
}

/// The summary sheet: sources and as-of year, then per target year every
/// pillar (and the total) with a target, as in JSON `pillars` and `totals`.
fn check_summary(cells: &Range<Data>, json: &Value, lang: Lang) {
    let ids = pillar_ids(None, lang);
    let heading = say!(lang, en: "Targets for ", vi: "Mục tiêu năm ");
    let (mut year, mut seen) = (None, 0);
    for row in cells.rows() {
        let first = text(&row[0]);
        if first == say!(lang, en: "Figures as of", vi: "Số liệu tính đến năm") {
            same(&row[1], &json["as_of"], 1.0, "as of");
        }
        if first == say!(lang, en: "Data files", vi: "Tệp số liệu") {
            assert_eq!(text(&row[1]), "examples/actuals.csv");
        }
        if let Some(y) = first.strip_prefix(heading) {
            year = Some(y.parse::<i64>().expect("a year"));
        }
        let Some(id) = ids.get(&first) else { continue };
        let list = if id == "total" { "totals" } else { "pillars" };
        let j = json[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|j| j["id"] == *id && j["target_year"] == year.expect("under a year"))
            .expect("in JSON");
        let what = format!("{id} {year:?}");
        same(&row[1], &j["indicators"], 1.0, &what);
        same(&row[2], &j["with_data"], 1.0, &what);
        same(&row[3], &j["met"], 1.0, &what);
        same(&row[4], &j["mean_attainment_pct"], 100.0, &what);
        same(&row[5], &j["items_met"], 1.0, &what);
        same(&row[6], &j["items"], 1.0, &what);
        seen += 1;
    }
    let with_target = json["pillars"]
        .as_array()
        .unwrap()
        .iter()
        .chain(json["totals"].as_array().unwrap())
        .filter(|s| s["indicators"] != 0)
        .count();
    assert_eq!(seen, with_target);
}

/// The report workbook: the summary sheet, then one sheet per pillar whose
/// rows are the JSON indicators of that pillar, each exactly once.
fn check_report(bytes: Vec<u8>, json: &Value, lang: Lang) {
    let sheets = sheets(bytes);
    assert_eq!(sheets[0].0, say!(lang, en: "Summary", vi: "Tổng hợp"));
    check_summary(&sheets[0].1, json, lang);
    let ids = pillar_ids(None, lang);
    let indicators = json["indicators"].as_array().unwrap();
    let mut seen = 0;
    for (name, cells, styles) in &sheets[1..] {
        let pillar = &ids[name];
        let mut rows = cells.rows().enumerate();
        let (_, header) = rows.next().unwrap();
        assert_eq!(text(&header[8]), say!(lang, en: "Attained", vi: "Mức đạt"));
        for (r, row) in rows {
            let (id, year) = (text(&row[0]), num(&row[3]).unwrap() as i64);
            let j = indicators
                .iter()
                .find(|j| j["id"] == id.as_str() && j["target_year"] == year)
                .expect("in JSON");
            let what = format!("{id} {year}");
            assert_eq!(j["pillar"], pillar.as_str(), "{what}");
            same(&row[5], &j["target"], 1.0, &what);
            same(&row[6], &j["actual"], 1.0, &what);
            same(&row[7], &j["actual_year"], 1.0, &what);
            same(&row[8], &j["attainment_pct"], 100.0, &what);
            same(&row[9], &j["gap"], 1.0, &what);
            let status = j["status"].as_str().unwrap();
            assert_eq!(text(&row[10]), status_word(status, lang), "{what}");
            let want = tone_fill(status, j["attainment_pct"].as_f64());
            assert_eq!(fill(styles, (r as u32, 10)), Some(want), "{what}");
            if num(&row[8]).is_some() {
                let format = styles
                    .get((r as u32, 8))
                    .and_then(|s| s.number_format.clone());
                assert_eq!(format.unwrap().format_code, "0.0%", "{what}");
            }
            seen += 1;
        }
    }
    assert_eq!(seen, indicators.len());
}

#[test]
fn report_workbook_holds_the_json_numbers_in_english() {
    let dir = tempfile::tempdir().expect("tempdir");
    let args = [&REPORT[..], &lang_arg(Lang::En)].concat();
    check_report(xlsx_of(&args, dir.path()), &json_of(&args), Lang::En);
}

#[test]
fn report_workbook_holds_the_json_numbers_in_vietnamese_through_a_pipe() {
    let args = [&REPORT[..], &lang_arg(Lang::Vi)].concat();
    let out = dtcalc()
        .args(&args)
        .args(["--format", "xlsx"])
        .output()
        .expect("run");
    assert!(out.status.success());
    check_report(out.stdout, &json_of(&args), Lang::Vi);
}

#[test]
fn targets_workbook_lists_the_json_targets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ids = pillar_ids(None, Lang::En);
    let sheets = sheets(xlsx_of(&["targets", "--lang", "en"], dir.path()));
    let json = json_of(&["targets"]);
    assert_eq!(sheets.len(), 1);
    assert_eq!(sheets[0].0, "Targets");
    let rows: Vec<&[Data]> = sheets[0].1.rows().skip(1).collect();
    let targets = json["targets"].as_array().unwrap();
    assert_eq!(rows.len(), targets.len());
    for (row, t) in rows.iter().zip(targets) {
        let what = format!("{} {}", t["id"], t["target_year"]);
        assert_eq!(t["id"], text(&row[0]).as_str(), "{what}");
        assert_eq!(t["pillar"], ids[&text(&row[1])].as_str(), "{what}");
        same(&row[4], &t["target_year"], 1.0, &what);
        let symbol = text(&row[5]).replace('≥', ">=").replace('≤', "<=");
        assert_eq!(t["comparison"], symbol.as_str(), "{what}");
        same(&row[6], &t["value"], 1.0, &what);
    }
}

#[test]
fn area_workbook_has_the_json_records_in_both_languages() {
    for lang in [Lang::En, Lang::Vi] {
        let dir = tempfile::tempdir().expect("tempdir");
        let args = [&AREAS[..], &lang_arg(lang)].concat();
        let sheets = sheets(xlsx_of(&args, dir.path()));
        let json = json_of(&args);
        let names: Vec<&str> = sheets.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(
            names,
            [
                say!(lang, en: "Areas", vi: "Địa bàn"),
                say!(lang, en: "About", vi: "Thông tin")
            ]
        );
        let ids = pillar_ids(Some("examples/national-749.toml"), lang);
        let rows: Vec<&[Data]> = sheets[0].1.rows().skip(1).collect();
        let records = json["records"].as_array().unwrap();
        assert_eq!(rows.len(), records.len());
        for (row, j) in rows.iter().zip(records) {
            let what = format!("{} {} {}", j["area"], j["pillar"], j["target_year"]);
            assert_eq!(j["area"], text(&row[0]).as_str(), "{what}");
            assert_eq!(j["pillar"], ids[&text(&row[1])].as_str(), "{what}");
            let fields = [
                ("target_year", 1.0),
                ("indicators", 1.0),
                ("with_data", 1.0),
                ("met", 1.0),
                ("mean_attainment_pct", 100.0),
                ("score", 100.0),
                ("rank", 1.0),
                ("items", 1.0),
                ("items_met", 1.0),
            ];
            for (col, (field, scale)) in (2..).zip(fields) {
                same(&row[col], &j[field], scale, &format!("{what} {field}"));
            }
        }
    }
}

/// The XML of one part of a workbook.
fn part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect(name)
        .read_to_string(&mut text)
        .expect("UTF-8");
    text
}

#[test]
fn table_sheets_have_a_frozen_filterable_header_and_set_widths() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        // (command, sheet part of a table, its last column)
        (&REPORT[..], "xl/worksheets/sheet2.xml", "N"),
        (&["targets"][..], "xl/worksheets/sheet1.xml", "G"),
        (&AREAS[..], "xl/worksheets/sheet1.xml", "K"),
    ];
    for (args, sheet, last) in cases {
        let xml = part(&xlsx_of(args, dir.path()), sheet);
        assert!(
            xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#),
            "{args:?}"
        );
        assert!(
            xml.contains(&format!(r#"<autoFilter ref="A1:{last}"#)),
            "{args:?}"
        );
        assert!(
            xml.contains("<cols>") && xml.contains(r#"customWidth="1""#),
            "{args:?}"
        );
    }
}

/// The CSV files LibreOffice makes of every sheet of `workbook` (UTF-8,
/// values not as shown), by sheet name; `None` without `soffice`.
fn libreoffice_csv(workbook: &Path, dir: &Path) -> Option<HashMap<String, String>> {
    let probe = std::process::Command::new("soffice")
        .arg("--version")
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        return None;
    }
    // A profile of its own: another soffice running does not take the job.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
    let status = std::process::Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            filter,
            "--outdir",
        ])
        .arg(dir)
        .arg(workbook)
        .output()
        .expect("soffice runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let stem = workbook.file_stem().unwrap().to_string_lossy().to_string();
    let files = std::fs::read_dir(dir).expect("outdir").flatten();
    let csv = files.filter_map(|f| {
        let name = f.file_name().to_string_lossy().to_string();
        let sheet = name
            .strip_prefix(&format!("{stem}-"))?
            .strip_suffix(".csv")?;
        Some((sheet.to_string(), std::fs::read_to_string(f.path()).ok()?))
    });
    Some(csv.collect())
}

#[test]
fn libreoffice_reads_the_same_values() {
    let dir = tempfile::tempdir().expect("tempdir");
    let args = [&REPORT[..], &lang_arg(Lang::En)].concat();
    std::fs::write(dir.path().join("report.xlsx"), xlsx_of(&args, dir.path())).unwrap();
    let Some(sheets) = libreoffice_csv(&dir.path().join("report.xlsx"), dir.path()) else {
        // a test that is skipped without saying so cannot fail: it is
        // skipped only when asked to
        assert!(
            std::env::var_os("DTCALC_SKIP_LIBREOFFICE").is_some(),
            "LibreOffice is not installed: `apt-get install -y --no-install-recommends \
             libreoffice-calc` (as .ci/run does), or set DTCALC_SKIP_LIBREOFFICE=1 to skip this test"
        );
        eprintln!("note: DTCALC_SKIP_LIBREOFFICE is set; LibreOffice conversion not tested");
        return;
    };
    let json = json_of(&args);
    let indicators = json["indicators"].as_array().unwrap();
    let ids = pillar_ids(None, Lang::En);
    let mut seen = 0;
    for (sheet, text) in &sheets {
        if !ids.contains_key(sheet) {
            continue; // the summary
        }
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        for row in rows.records() {
            let row = row.expect("CSV");
            let year: i64 = row[3].parse().unwrap();
            let j = indicators
                .iter()
                .find(|j| j["id"] == row[0] && j["target_year"] == year)
                .expect("in JSON");
            let value = |s: &str, scale: f64| -> Value {
                let s = s.trim_end_matches('%');
                s.parse::<f64>()
                    .ok()
                    .map_or(Value::Null, |v| Value::from(v / scale))
            };
            let what = format!("{} {year}", &row[0]);
            // LibreOffice writes a percentage as 91.2%: the JSON figure
            let close = |a: Value, b: &Value| match (a.as_f64(), b.as_f64()) {
                (Some(a), Some(b)) => assert!((a - b).abs() <= 1e-9, "{what}: {a} vs {b}"),
                (a, b) => assert_eq!(a, b, "{what}"),
            };
            close(value(&row[5], 1.0), &j["target"]);
            close(value(&row[6], 1.0), &j["actual"]);
            close(value(&row[8], 1.0), &j["attainment_pct"]);
            close(value(&row[9], 1.0), &j["gap"]);
            seen += 1;
        }
    }
    assert_eq!(seen, indicators.len());
}
