//! `dtcalc template`: the data-entry sheet, its round trip through
//! `validate`, and atomic output.

use calamine::{Data, Reader, open_workbook_auto};

use crate::common::{dtcalc, fixture};

#[test]
fn csv_template_has_one_row_per_indicator_member_and_year() {
    let out = dtcalc()
        .args(["template", "--years", "2024,2025"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    // header + 2 years x (18 indicators - 1 fibre + 3 fibre members) = 1 + 40
    assert_eq!(lines.len(), 41);
    assert_eq!(
        lines[0],
        "\u{feff}indicator,year,breakdown,value,unit,source,note"
    );
    assert!(lines.contains(&"soc.fibre_coverage,2025,schools,,%,,\"Fibre broadband reaching households, schools, hospitals\""));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("gov.digital_data,2024,,,%,,")
                && l.contains(
                    "One row per sector/field: copy this row and name the sector/field in breakdown"
                ))
    );
}

#[test]
fn a_filled_in_template_validates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("template.csv");
    dtcalc()
        .args(["template", "--years", "2024", "--output"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout("");
    let text = std::fs::read_to_string(&path).expect("written");
    // fill every value with 50 (a rank of 50 too) and name a sector
    let filled: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                return format!("{l}\n");
            }
            let mut fields: Vec<String> = l.splitn(7, ',').map(str::to_string).collect();
            fields[3] = "50".to_string();
            if fields[0].ends_with("digital_data") || fields[0].ends_with("economy_sector") {
                fields[2] = "agriculture".to_string();
            }
            format!("{}\n", fields.join(","))
        })
        .collect();
    std::fs::write(&path, filled).expect("write");
    dtcalc().arg("validate").arg(&path).assert().code(0);
}

#[test]
fn a_template_partly_filled_in_validates_and_counts_the_rows_left() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("template.csv");
    let text = dtcalc()
        .args(["template", "--years", "2024"])
        .output()
        .expect("runs")
        .stdout;
    let text = String::from_utf8(text).expect("utf-8");
    let rows = text.lines().count() - 1;
    // fill two values: rows 2 and 3 of the sheet (online services, provincial dossiers)
    let filled: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| match i {
            1 | 2 => format!("{}\n", l.replacen(",,%", ",87.5,%", 1)),
            _ => format!("{l}\n"),
        })
        .collect();
    assert_eq!(filled.matches(",87.5,%").count(), 2, "{filled}");
    std::fs::write(&path, filled).expect("write");
    let path = path.display().to_string();
    dtcalc()
        .args(["validate", &path])
        .assert()
        .code(0)
        .stdout("no problems in 1 data file checked against targets.toml (built in)\n")
        .stderr(format!(
            "dtcalc: warning: {path}: {} rows not filled in yet (indicator and year, no value) left out\n",
            rows - 2
        ));
    // a report computes from the two figures
    let out = dtcalc()
        .args(["report", &path, "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let with_data = json["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .filter(|i| i["actual"].is_number())
        .count();
    // gov.online_services has a 2025 target, the provincial dossiers 2025 and 2030: 1 + 2 rows
    assert_eq!(with_data, 3);
}

#[test]
fn xlsx_template_reads_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("template.xlsx");
    dtcalc()
        .args([
            "template", "--years", "2024", "--format", "xlsx", "--lang", "vi", "-o",
        ])
        .arg(&path)
        .assert()
        .code(0);
    let mut book = open_workbook_auto(&path).expect("an xlsx");
    assert_eq!(book.sheet_names(), ["data"]);
    let range = book.worksheet_range("data").expect("sheet");
    assert_eq!(range.height(), 21);
    assert_eq!(range.get((0, 0)), Some(&Data::String("indicator".into())));
    assert_eq!(range.get((1, 1)), Some(&Data::Float(2024.0)));
    let note = range
        .get((5, 6))
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(note.contains("Một dòng cho mỗi ngành, lĩnh vực"), "{note}");
}

#[test]
fn template_follows_a_targets_file() {
    let out = dtcalc()
        .args([
            "template",
            "--years",
            "2030",
            "--targets",
            &fixture("targets/members-vi.toml"),
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(text.lines().count(), 4); // header + 3 declared members
    assert!(text.contains("soc.cap_quang,2030,hộ gia đình,,%,,"));
}

#[test]
fn an_unwritable_output_leaves_no_file_and_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("no/such/dir/template.csv");
    dtcalc()
        .args(["template", "--output"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "writing {}: cannot create a file in",
            path.display()
        )));
    assert!(!path.exists());
    dtcalc()
        .args(["template", "--years", "24"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--years 24: not a four-digit year",
        ));
}

#[test]
fn an_xlsx_output_file_gets_a_workbook_without_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mẫu.xlsx");
    dtcalc()
        .args(["template", "--years", "2024", "-o"])
        .arg(&path)
        .assert()
        .code(0);
    let bytes = std::fs::read(&path).expect("written");
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip, not CSV text");
    // --format still decides
    let csv = dir.path().join("also.xlsx");
    dtcalc()
        .args(["template", "--years", "2024", "--format", "csv", "-o"])
        .arg(&csv)
        .assert()
        .code(0);
    assert!(
        std::fs::read(&csv)
            .expect("written")
            .starts_with("\u{feff}indicator".as_bytes())
    );
}
