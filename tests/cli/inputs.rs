//! Data files as Excel and LibreOffice write them: every dialect of
//! `examples/actuals.csv` must give the same report numbers as the clean
//! CSV. The dialect files are made here from the example, so the example
//! stays the one source of truth; the `.xlsx`/`.ods` under
//! `tests/fixtures/dialects/` were made by LibreOffice Calc 7.4 from it.

use encoding_rs::WINDOWS_1258;
use unicode_normalization::UnicodeNormalization;

use crate::common::{dtcalc, fixture, json};

/// The example's records: header and rows.
pub(crate) fn example_records() -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path("examples/actuals.csv")
        .expect("example");
    reader
        .records()
        .map(|r| r.expect("record").iter().map(str::to_string).collect())
        .collect()
}

/// The records as delimited text with CRLF line ends; `decimal_comma`
/// writes `87,5` in the value column (index 3).
pub(crate) fn delimited(records: &[Vec<String>], delimiter: u8, decimal_comma: bool) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for (i, r) in records.iter().enumerate() {
        let mut r = r.clone();
        if decimal_comma && i > 0 {
            r[3] = r[3].replace('.', ",");
        }
        w.write_record(&r).expect("write");
    }
    String::from_utf8(w.into_inner().expect("flush")).expect("utf-8")
}

/// The JSON report of `files` (with extra arguments), without the
/// `data_files` field that names them.
fn report(files: &[&str], extra: &[&str]) -> serde_json::Value {
    let out = dtcalc()
        .arg("report")
        .args(files)
        .args(extra)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{files:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut v = json(&out);
    v.as_object_mut().expect("object").remove("data_files");
    v
}

fn clean() -> serde_json::Value {
    report(&["examples/actuals.csv"], &[])
}

/// Text in windows-1258 as Vietnamese Windows writes it: a letter with a
/// tone mark is the base letter (with its breve, circumflex or horn, which
/// the code page has) followed by a combining tone mark.
pub(crate) fn to_windows_1258(text: &str) -> Vec<u8> {
    let encodable = |s: &str| !WINDOWS_1258.encode(s).2;
    let mut out = Vec::new();
    for c in text.nfc() {
        let single = c.to_string();
        let mut parts = vec![single.clone()];
        if !encodable(&single) {
            let decomposed: Vec<char> = single.nfd().collect();
            let (base, marks) = decomposed.split_first().expect("a letter");
            // find the mark that composes with the base into a code-page letter
            let pick = marks.iter().position(|m| {
                encodable(
                    &[*base, *m]
                        .iter()
                        .collect::<String>()
                        .nfc()
                        .collect::<String>(),
                )
            });
            parts = match pick {
                Some(i) => {
                    let mut p = vec![[*base, marks[i]].iter().collect::<String>().nfc().collect()];
                    p.extend(
                        marks
                            .iter()
                            .enumerate()
                            .filter(|(j, _)| *j != i)
                            .map(|(_, m)| m.to_string()),
                    );
                    p
                }
                None => decomposed.iter().map(char::to_string).collect(),
            };
        }
        for p in parts {
            let (bytes, _, errors) = WINDOWS_1258.encode(&p);
            assert!(!errors, "{p:?} is not in windows-1258");
            out.extend_from_slice(&bytes);
        }
    }
    out
}

#[test]
fn excel_csv_with_bom_crlf_semicolons_and_decimal_commas_reads_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("excel.csv");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(delimited(&example_records(), b';', true).as_bytes());
    std::fs::write(&path, bytes).expect("write");
    assert_eq!(report(&[&path.display().to_string()], &[]), clean());
}

#[test]
fn excel_unicode_text_utf16_tab_delimited_reads_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("unicode.txt");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in delimited(&example_records(), b'\t', true).encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    std::fs::write(&path, bytes).expect("write");
    assert_eq!(report(&[&path.display().to_string()], &[]), clean());
}

#[test]
fn windows_1258_csv_reads_the_same_with_the_encoding_flag() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cp1258.csv");
    let text = delimited(&example_records(), b';', true);
    std::fs::write(&path, to_windows_1258(&text)).expect("write");
    let path = path.display().to_string();
    assert_eq!(report(&[&path], &["--encoding", "windows-1258"]), clean());
    // without the flag: stop, and say which flag to use
    dtcalc()
        .args(["report", &path])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "read with --encoding windows-1258",
        ));
}

#[test]
fn decomposed_accents_match_nfc_member_names() {
    // "hộ gia đình" typed with combining marks, and in windows-1258
    let nfd: String = "hộ gia đình".nfd().collect();
    let csv = format!("indicator,year,breakdown,value\nsoc.cap_quang,2024,{nfd},85\n");
    let targets = fixture("targets/members-vi.toml");
    dtcalc()
        .args(["validate", "-", "--targets", &targets])
        .write_stdin(csv.clone())
        .assert()
        .code(0);
    dtcalc()
        .args([
            "validate",
            "-",
            "--targets",
            &targets,
            "--encoding",
            "windows-1258",
        ])
        .write_stdin(to_windows_1258(&csv))
        .assert()
        .code(0);
}

/// The example as an xlsx made with rust_xlsxwriter: numbers as numbers,
/// one share stored as a fraction with a percent format (as Excel does
/// when one types `85.4%`), data on the sheet `data` after a `readme` sheet.
fn example_xlsx(path: &std::path::Path, rows: std::ops::Range<usize>) {
    use rust_xlsxwriter::{Format, Workbook};
    let records = example_records();
    let mut book = Workbook::new();
    let readme = book.add_worksheet();
    readme.set_name("readme").expect("name");
    readme
        .write_string(0, 0, "figures are on the sheet data")
        .expect("write");
    let sheet = book.add_worksheet();
    sheet.set_name("data").expect("name");
    let percent = Format::new().set_num_format("0.0%");
    for (c, name) in records[0].iter().enumerate() {
        sheet.write_string(0, c as u16, name).expect("write");
    }
    for (i, r) in records.iter().enumerate().filter(|(i, _)| rows.contains(i)) {
        let row = i as u32;
        for (c, cell) in r.iter().enumerate() {
            let c = c as u16;
            let number: Option<f64> = cell.parse().ok().filter(|_| c == 1 || c == 3);
            match number {
                Some(v) if c == 3 && r[0] == "soc.fibre_coverage" && r[1] == "2024" => {
                    sheet
                        .write_number_with_format(row, c, v / 100.0, &percent)
                        .expect("write");
                }
                Some(v) => {
                    sheet.write_number(row, c, v).expect("write");
                }
                None => {
                    sheet.write_string(row, c, cell).expect("write");
                }
            }
        }
    }
    book.save(path).expect("save");
}

#[test]
fn xlsx_workbook_reads_the_same_with_sheet_and_percent_cells() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("actuals.xlsx");
    example_xlsx(&path, 1..usize::MAX);
    let path = path.display().to_string();
    assert_eq!(report(&[&path], &["--sheet", "data"]), clean());
    // the first sheet is the readme: no columns there, said with the sheet
    dtcalc()
        .args(["report", &path])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{path}:readme!A1: missing required columns indicator, year, value; the header has: figures are on the sheet data"
        )));
    dtcalc()
        .args(["validate", &path, "--sheet", "Data 2024"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "unreadable: no sheet named \"Data 2024\"; the workbook has: readme, data",
        ));
}

#[test]
fn workbook_errors_name_the_sheet_and_cell() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, name) in ["indicator", "year", "value"].iter().enumerate() {
        sheet.write_string(0, c as u16, *name).expect("write");
    }
    sheet
        .write_string(1, 0, "gov.online_services")
        .expect("write");
    sheet.write_number(1, 1, 2024).expect("write");
    sheet.write_string(1, 2, "8o%").expect("write");
    book.save(&path).expect("save");
    let path = path.display().to_string();
    dtcalc()
        .args(["validate", &path])
        .assert()
        .code(1)
        .stdout(predicates::str::contains(format!(
            "{path}:Sheet1!C2: not-a-number: value: \"8o%\" is not a number"
        )));
}

#[test]
fn libreoffice_xlsx_and_ods_read_the_same() {
    for name in [
        "dialects/actuals-libreoffice.xlsx",
        "dialects/actuals-libreoffice.ods",
    ] {
        assert_eq!(report(&[&fixture(name)], &[]), clean(), "{name}");
    }
}

#[test]
fn several_files_of_several_kinds_merge_to_the_same_report() {
    // rows 1-40 in a semicolon CSV, the rest in an xlsx
    let dir = tempfile::tempdir().expect("tempdir");
    let records = example_records();
    let first: Vec<Vec<String>> = records.iter().take(41).cloned().collect();
    let csv = dir.path().join("part1.csv");
    std::fs::write(&csv, delimited(&first, b';', true)).expect("write");
    let xlsx = dir.path().join("part2.xlsx");
    example_xlsx(&xlsx, 41..usize::MAX);
    let (csv, xlsx) = (csv.display().to_string(), xlsx.display().to_string());
    assert_eq!(report(&[&csv, &xlsx], &["--sheet", "data"]), clean());
}

#[test]
fn skip_invalid_computes_from_the_valid_rows_and_counts_the_rest() {
    let out = dtcalc()
        .args([
            "report",
            &fixture("data/bad-rows.csv"),
            "--skip-invalid",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("dtcalc: skipped: "), "{stderr}");
    assert!(
        stderr.contains(":5:3: value: \"8o%\" is not a number"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("dtcalc: warning: skipped 6 invalid rows\n"),
        "{stderr}"
    );
    assert_eq!(json(&out)["as_of"], 2024);
}

#[test]
fn skip_invalid_never_skips_a_whole_file() {
    dtcalc()
        .args(["report", &fixture("invalid/missing-column.csv"), "--skip-invalid"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "1 problem with whole files; --skip-invalid skips rows, not files; nothing was computed",
        ));
}

#[test]
fn report_refuses_invalid_data_with_the_validate_messages() {
    let path = fixture("invalid/malformed-quote-unclosed.csv");
    dtcalc()
        .args(["report", &path])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{path}:2:4: quote opened here is never closed"
        )))
        .stderr(predicates::str::contains(
            "1 problem in the data; nothing was computed",
        ));
}

#[test]
fn blank_and_wholly_empty_rows_are_skipped() {
    let csv = "indicator;year;value\r\n\r\nsoc.digital_identity;2024;86\r\n;;\r\n;;\r\n";
    dtcalc()
        .args(["validate", "-"])
        .write_stdin(csv)
        .assert()
        .code(0);
}

/// `validate -` of `csv` with extra arguments: (exit code, stdout, stderr).
fn validate_stdin(csv: &str, extra: &[&str]) -> (Option<i32>, String, String) {
    let out = dtcalc()
        .args(["validate", "-"])
        .args(extra)
        .write_stdin(csv.to_string())
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const NO_PROBLEMS: &str = "no problems in 1 data file checked against targets.toml (built in)\n";

#[test]
fn a_semicolon_file_with_dot_decimals_is_read() {
    // 86.4: a `.` followed by one digit can only be a decimal mark
    let (code, out, _) =
        validate_stdin("indicator;year;value\ngov.online_services;2024;86.4\n", &[]);
    assert_eq!((code, out.as_str()), (Some(0), NO_PROBLEMS));
    // English Excel's "Unicode text": UTF-16, tab-delimited, dot decimals
    let mut bytes = vec![0xFF, 0xFE];
    for u in "indicator\tyear\tvalue\r\nsoc.digital_identity\t2024\t86.4\r\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let out = dtcalc()
        .args(["report", "-", "--format", "json"])
        .write_stdin(bytes)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ids = json(&out);
    let x = ids["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["id"] == "soc.digital_identity")
        .expect("row")
        .clone();
    assert_eq!(x["actual"], 86.4);
}

#[test]
fn the_decimal_mark_is_decided_by_the_file_and_never_guessed() {
    // 1.234 alone: a decimal, or 1234 with a separator? The file does not tell.
    let (code, out, _) = validate_stdin(
        "indicator;year;value\ngov.online_services;2024;1.234\n",
        &[],
    );
    assert_eq!(code, Some(1));
    assert!(
        out.starts_with("-:2:3: decimal-mark: value: \"1.234\" could be a decimal or a thousand"),
        "{out}"
    );
    // a later 86.4 settles the mark for the whole file: 1.234 is a decimal
    let csv =
        "indicator;year;value\ngov.online_services;2024;1.234\nsoc.digital_identity;2024;86.4\n";
    assert_eq!(validate_stdin(csv, &[]).0, Some(0));
    // both marks in one file: an error naming both lines
    let csv =
        "indicator;year;value\ngov.online_services;2024;86,4\nsoc.digital_identity;2024;86.4\n";
    let (code, out, _) = validate_stdin(csv, &[]);
    assert_eq!(code, Some(1));
    assert!(
        out.starts_with(
            "-:3:3: decimal-mark: value: \"86.4\" has \".\" as its decimal mark, but line 2 has the other one (\"86,4\")"
        ),
        "{out}"
    );
    // --decimal forces the mark: with `,` the 1.234 is a grouped thousand
    let (code, out, _) = validate_stdin(
        "indicator;year;value\ngov.online_services;2024;1.234\n",
        &["--decimal", ","],
    );
    assert_eq!(code, Some(1));
    assert!(out.contains("thousands-separator"), "{out}");
    let (code, _, _) = validate_stdin(
        "indicator;year;value\ngov.online_services;2024;1.234\n",
        &["--decimal", "."],
    );
    assert_eq!(code, Some(0));
}

#[test]
fn shares_typed_as_fractions_are_warned_about() {
    let csv = "indicator,year,value\necon.digital_economy_grdp,2024,0.0516\nsoc.mobile_broadband,2024,0.999\nsoc.digital_identity,2024,86\n";
    let (code, out, err) = validate_stdin(csv, &[]);
    assert_eq!((code, out.as_str()), (Some(0), NO_PROBLEMS));
    assert_eq!(
        err,
        "dtcalc: warning: -: every figure of econ.digital_economy_grdp is between 0 and 1: it looks like fractions; 0.0516 means 0.0516 %, write 5.16\n\
         dtcalc: warning: -: every figure of soc.mobile_broadband is between 0 and 1: it looks like fractions; 0.999 means 0.999 %, write 99.9\n"
    );
    // the report says it too; all-zero figures are not fractions
    let out = dtcalc()
        .args(["report", "-", "--format", "csv"])
        .write_stdin(
            "indicator,year,value\nsoc.mobile_broadband,2024,0.999\ngov.online_services,2024,0\n",
        )
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("soc.mobile_broadband is between 0 and 1")
            && !err.contains("gov.online_services"),
        "{err}"
    );
}

#[test]
fn sectors_spelled_in_two_cases_are_one_sector() {
    // Health 50 (2023) and health 80 (2024): one series, the 2024 figure is the latest
    let out = dtcalc()
        .args(["report", "-", "--format", "json"])
        .write_stdin("indicator,year,breakdown,value\ngov.digital_data,2023,Health,50\ngov.digital_data,2024,health,80\n")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out);
    let x = r["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["id"] == "gov.digital_data" && i["target_year"] == 2025)
        .expect("row")
        .clone();
    // shown as first spelled; 80 / 70 x 100 = 114.28...%: met
    assert_eq!(
        (
            x["actual"].as_f64(),
            x["worst_member"].as_str(),
            x["status"].as_str()
        ),
        (Some(80.0), Some("Health"), Some("met"))
    );
    // and the same sector twice in a year is a duplicate
    let (code, out, _) = validate_stdin(
        "indicator,year,breakdown,value\ngov.digital_data,2024,Health,50\ngov.digital_data,2024,HEALTH,80\n",
        &[],
    );
    assert_eq!(code, Some(1));
    assert!(out.contains(":3:1: duplicate: indicator: duplicate row for this indicator, year 2024, breakdown Health: already given at line 2"), "{out}");
}

#[test]
fn skip_invalid_says_which_of_two_duplicates_is_kept_and_counts_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    std::fs::write(&a, "indicator,year,value\nsoc.digital_identity,2024,86\n").expect("write");
    std::fs::write(&b, "indicator,year,value\nsoc.digital_identity,2024,87\n").expect("write");
    let (a, b) = (a.display().to_string(), b.display().to_string());
    let out = dtcalc()
        .args(["report", &a, &b, "--skip-invalid", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "dtcalc: skipped: {b}:2:1: indicator: duplicate row for this indicator, year 2024: already given at {a}:2; the row given first is kept\n\
             dtcalc: warning: skipped 1 invalid row\n"
        )
    );
    let x = json(&out)["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["id"] == "soc.digital_identity")
        .expect("row")
        .clone();
    assert_eq!(x["actual"], 86.0);
}

#[test]
fn skip_invalid_counts_a_row_lost_to_an_unclosed_quote() {
    let out = dtcalc()
        .args(["report", "-", "--skip-invalid", "--format", "csv"])
        .write_stdin(
            "indicator,year,value\ngov.online_services,2024,\"50\nsoc.digital_identity,2024,60\n",
        )
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("dtcalc: skipped: -:2:3: quote opened here is never closed"),
        "{err}"
    );
    assert!(
        err.ends_with("dtcalc: warning: skipped 1 invalid row\n"),
        "{err}"
    );
}

#[test]
fn invisible_characters_are_shown_escaped_and_named() {
    // a zero-width space after the id, and a right-to-left override in a value
    let (code, out, _) = validate_stdin(
        "indicator,year,value\ngov.online_services\u{200b},2024,50\nsoc.digital_identity,2024,8\u{202e}6\n",
        &[],
    );
    assert_eq!(code, Some(1));
    assert!(out.contains(
        "-:2:1: unknown-indicator: indicator: unknown indicator \"gov.online_services\\u{200b}\" (with an invisible zero-width space, U+200B); did you mean \"gov.online_services\"?"
    ), "{out}");
    assert!(
        !out.contains('\u{202e}'),
        "a raw override reached the output: {out}"
    );
    assert!(
        out.contains(
            "\"8\\u{202e}6\" (with an invisible text-direction control, U+202E) is not a number"
        ),
        "{out}"
    );
}

#[test]
fn small_things_read_right() {
    // one field: "1 field", not "1 fields"
    let (_, out, _) = validate_stdin("indicator,year,value\ngov.online_services\n", &[]);
    assert!(
        out.contains(":2:2: ragged-row: the row has 1 field; the header has 3"),
        "{out}"
    );
    // --area on data without an area column says so
    dtcalc()
        .args(["report", "examples/actuals.csv", "--area", "nope"])
        .assert()
        .code(2)
        .stderr(
            "dtcalc: error: --area nope: the data has no area column, so it is for one area only\n",
        );
    // --as-of must be a year
    dtcalc()
        .args(["report", "examples/actuals.csv", "--as-of", "0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("\"0\" is not a four-digit year"));
    // --years given twice makes one set of rows
    let once = dtcalc()
        .args(["template", "--years", "2024"])
        .output()
        .expect("runs")
        .stdout;
    let twice = dtcalc()
        .args(["template", "--years", "2024,2024"])
        .output()
        .expect("runs")
        .stdout;
    assert_eq!(once, twice);
}
