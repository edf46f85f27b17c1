//! `dtcalc validate`: every rule fires on its fixture under
//! `tests/fixtures/invalid/` with the exact message, at the same physical
//! lines in the CRLF variant; output formats, exit codes and the cap.
//!
//! Adding a case: add a file under `tests/fixtures/invalid/` and a row to
//! `CASES` (CSV has no comment syntax, so expectations live here).

use crate::common::{dtcalc, fixture, json};

/// (fixture, every expected line after the fixture's path). `.toml`
/// fixtures are checked as targets files (`validate --targets`).
const CASES: &[(&str, &[&str])] = &[
    (
        "bad-parts.csv",
        &[
            ":3:3: bad-parts: value: 31 is not what numerator and denominator give: 30.00",
            ":4:5: bad-parts: denominator: \"0\" is not above 0",
            ":5:5: bad-parts: denominator: the row has a numerator but no denominator; give both or neither",
            ":6:4: bad-parts: numerator: a rank has no numerator and denominator; give its value only",
        ],
    ),
    (
        "bad-year.csv",
        &[
            ":2:2: bad-year: year: \"24\" is not a four-digit year",
            ":3:2: bad-year: year: \"2024.0\" is not a four-digit year",
        ],
    ),
    (
        "breakdown-missing.csv",
        &[
            ":2:3: breakdown-missing: breakdown: gov.digital_data has a target for each sector/field; breakdown must name it",
            ":3:3: breakdown-missing: breakdown: soc.fibre_coverage has a target for each of households, schools, hospitals; breakdown must name one of them",
        ],
    ),
    (
        "breakdown-not-allowed.csv",
        &[
            ":2:3: breakdown-not-allowed: breakdown: breakdown \"province\" given, but gov.online_services has no breakdown; leave it empty",
        ],
    ),
    (
        "duplicate-column.csv",
        &[":1:4: duplicate-column: value: column value appears twice in the header"],
    ),
    (
        "duplicate.csv",
        &[
            ":4:1: duplicate: indicator: duplicate row for this indicator, year 2024, breakdown households: already given at line 2",
        ],
    ),
    (
        "empty-file.csv",
        &[
            ": empty-file: the file is empty; expected a header row with the columns indicator, year, value",
        ],
    ),
    (
        "encoding.csv",
        &[
            ":2:31: encoding: not valid UTF-8 (byte 0xf4 at character 31 of the line); a \"CSV\" saved by Excel on Vietnamese Windows is read with --encoding windows-1258, or save it as \"CSV UTF-8\"",
        ],
    ),
    (
        "malformed-quote-stray.csv",
        &[
            ":2:4: malformed-quote: stray quote in a field that does not start with one: «Sở \"TT&TT\"»; put the whole field in quotes with the quotes inside doubled («\"Sở \"\"TT&TT\"\"\"») or remove the quote",
            ":3:3: malformed-quote: text after a closing quote: «\"86\"%»; remove the quotes, or put the whole field in quotes with the quotes inside doubled",
        ],
    ),
    (
        "malformed-quote-unclosed.csv",
        &[
            ":2:4: malformed-quote: quote opened here is never closed, so the rest of the file would be read as one field: «\"Sở TT&TT»; close the quote or remove it",
        ],
    ),
    (
        "missing-column.csv",
        &[":1:1: missing-column: missing required column year; the header has: indicator, value"],
    ),
    (
        "not-a-number.csv",
        &[":2:3: not-a-number: value: \"8o%\" is not a number"],
    ),
    (
        "not-finite.csv",
        &[
            ":2:3: not-finite: value: \"NaN\" is not a finite number; expected a figure",
            ":3:3: not-finite: value: \"1e999\" is too large to be a finite number",
        ],
    ),
    (
        "out-of-range.csv",
        &[
            ":2:3: out-of-range: value: \"120\" is outside 0-100, the range of a percentage",
            ":3:3: out-of-range: value: \"-3\" is outside 0-100, the range of a percentage",
            ":4:3: out-of-range: value: \"20.5\" is not a rank; expected a whole number of 1 or more",
            ":5:3: out-of-range: value: \"0\" is not a rank; expected a whole number of 1 or more",
        ],
    ),
    (
        "partly-empty-row.csv",
        &[
            ":2:2: partly-empty-row: year: the row has no year; fill it in or delete the row",
            ":3:1: partly-empty-row: indicator: the row has no indicator, year, value; fill them in or delete the row",
        ],
    ),
    (
        "ragged-row.csv",
        &[
            ":2:4: ragged-row: the row has 3 fields; the header has 4",
            ":3:5: ragged-row: the row has 5 fields; the header has 4",
        ],
    ),
    (
        "targets-invalid.toml",
        &[
            ":20:20: targets-invalid: targets.2025: \"=> 80\" has no valid comparison; expected a comparison and a number, e.g. \">= 80\", \"> 80\" or \"<= 20\"",
        ],
    ),
    (
        "targets-syntax.toml",
        &[":4:10: targets-syntax: unclosed array table, expected `]`"],
    ),
    (
        "thousands-separator.csv",
        &[
            ":2:3: thousands-separator: value: \"1.234,5\" looks like it has a thousands separator; write the number without one, with \",\" as the decimal separator",
        ],
    ),
    (
        "unit-mismatch.csv",
        &[
            ":2:4: unit-mismatch: unit: unit \"fraction\" contradicts the indicator's unit \"%\"; a fraction such as 0.875 must be written as the percentage 87.5",
            ":3:4: unit-mismatch: unit: unit \"%\" contradicts the indicator's unit \"rank\"",
        ],
    ),
    (
        "unknown-indicator.csv",
        &[
            ":2:1: unknown-indicator: indicator: unknown indicator \"gov.online_service\"; did you mean \"gov.online_services\"?",
            ":3:1: unknown-indicator: indicator: unknown indicator \"soc.digital_id\"; did you mean \"soc.digital_identity\"?",
        ],
    ),
    (
        "unknown-member.csv",
        &[
            ":2:3: unknown-member: breakdown: \"farms\" is not a member of soc.fibre_coverage; expected one of: households, schools, hospitals",
        ],
    ),
    (
        "unreadable.xlsx",
        &[
            ": unreadable: cannot read the workbook (is it really an .xlsx, .xls or .ods file?): Cannot detect file format",
        ],
    ),
    (
        "year-out-of-span.csv",
        &[
            ":2:2: year-out-of-span: year: 2012 is outside the resolution's years 2017-2030 (adopted 2022, with a 5-year look-back, to the last target year 2030); a typing mistake? (--lookback widens the span)",
            ":3:2: year-out-of-span: year: 2204 is outside the resolution's years 2017-2030 (adopted 2022, with a 5-year look-back, to the last target year 2030); a typing mistake? (--lookback widens the span)",
        ],
    ),
];

/// Every rule the README documents; the corpus must cover each.
const RULES: [&str; 23] = [
    "unreadable",
    "encoding",
    "empty-file",
    "malformed-quote",
    "missing-column",
    "duplicate-column",
    "ragged-row",
    "partly-empty-row",
    "unknown-indicator",
    "bad-year",
    "year-out-of-span",
    "not-a-number",
    "not-finite",
    "thousands-separator",
    "out-of-range",
    "unit-mismatch",
    "breakdown-not-allowed",
    "breakdown-missing",
    "unknown-member",
    "duplicate",
    "bad-parts",
    "targets-syntax",
    "targets-invalid",
];

/// Runs `validate` on one fixture path and returns (exit code, stdout).
fn validate(name: &str, path: &str) -> (Option<i32>, String) {
    let mut cmd = dtcalc();
    cmd.arg("validate");
    if name.ends_with(".toml") {
        cmd.args(["--targets", path]);
    } else {
        cmd.arg(path);
    }
    let out = cmd.output().expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The whole expected stdout for a fixture at `path`.
fn expected(name: &str, path: &str, lines: &[&str]) -> String {
    let mut text: String = lines.iter().map(|l| format!("{path}{l}\n")).collect();
    let n = match lines.len() {
        1 => "1 problem".to_string(),
        n => format!("{n} problems"),
    };
    if name.ends_with(".toml") {
        text.push_str(&format!("{n} in the targets file {path}\n"));
    } else {
        text.push_str(&format!(
            "{n} in 1 data file checked against targets.toml (built in)\n"
        ));
    }
    text
}

#[test]
fn every_rule_fires_on_its_fixture_with_the_exact_message() {
    for (name, lines) in CASES {
        let path = fixture(&format!("invalid/{name}"));
        let (code, stdout) = validate(name, &path);
        assert_eq!(code, Some(1), "{name}");
        assert_eq!(stdout, expected(name, &path, lines), "{name}");
    }
}

#[test]
fn crlf_variants_report_the_same_physical_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, lines) in CASES {
        let bytes = std::fs::read(fixture(&format!("invalid/{name}"))).expect("fixture");
        let mut crlf = Vec::with_capacity(bytes.len() * 2);
        for b in bytes {
            if b == b'\n' {
                crlf.push(b'\r');
            }
            crlf.push(b);
        }
        let path = dir.path().join(name);
        std::fs::write(&path, crlf).expect("write");
        let path = path.display().to_string();
        let (code, stdout) = validate(name, &path);
        assert_eq!(code, Some(1), "{name} (CRLF)");
        assert_eq!(stdout, expected(name, &path, lines), "{name} (CRLF)");
    }
}

#[test]
fn the_corpus_covers_every_documented_rule() {
    let fired: Vec<&str> = CASES
        .iter()
        .flat_map(|(_, lines)| lines.iter())
        .filter_map(|l| l.split(": ").nth(1))
        .collect();
    for rule in RULES {
        assert!(fired.contains(&rule), "no fixture fires {rule}");
    }
    let files = std::fs::read_dir(fixture("invalid"))
        .expect("corpus")
        .count();
    assert_eq!(files, CASES.len(), "every fixture has a row in CASES");
}

#[test]
fn clean_data_is_valid_and_exits_0() {
    dtcalc()
        .args(["validate", "examples/actuals.csv"])
        .assert()
        .code(0)
        .stdout("no problems in 1 data file checked against targets.toml (built in)\n");
    dtcalc()
        .args(["validate", "--targets", "targets.toml"])
        .assert()
        .code(0)
        .stdout("no problems in the targets file targets.toml\n");
}

#[test]
fn json_lists_every_field_and_parses_back() {
    let path = fixture("invalid/not-a-number.csv");
    let out = dtcalc()
        .args(["validate", &path, "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        json(&out),
        serde_json::json!([{
            "rule": "not-a-number",
            "file": path,
            "line": 2,
            "column": 3,
            "cell": null,
            "field": "value",
            "value": "8o%",
            "expected": "a number such as 87.5 or 87.5%",
            "message": "\"8o%\" is not a number",
        }])
    );
}

#[test]
fn github_format_prints_workflow_annotations() {
    let path = "tests/fixtures/invalid/out-of-range.csv";
    let out = dtcalc()
        .args(["validate", path, "--format", "github"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let first = stdout.lines().next().expect("a line");
    assert_eq!(
        first,
        "::error file=tests/fixtures/invalid/out-of-range.csv,line=2,col=3,title=out-of-range::value: \"120\" is outside 0-100, the range of a percentage"
    );
    assert!(
        stdout.ends_with("4 problems in 1 data file checked against targets.toml (built in)\n")
    );
}

#[test]
fn the_list_is_capped_with_a_count_of_the_rest() {
    // 250 bad rows: 200 listed, the closing line counts 250 and 50 not shown
    let mut csv = String::from("indicator,year,value\n");
    for i in 0..250 {
        csv.push_str(&format!("gov.online_services,2024,x{i}\n"));
    }
    let out = dtcalc()
        .args(["validate", "-"])
        .write_stdin(csv)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 201);
    assert!(stdout.ends_with(
        "250 problems in 1 data file checked against targets.toml (built in); 50 more not shown (--format json lists all)\n"
    ));
}

#[test]
fn a_duplicate_across_files_names_both_places() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    std::fs::write(&a, "indicator,year,value\nsoc.digital_identity,2024,86\n").expect("write");
    std::fs::write(&b, "indicator,year,value\n\nsoc.digital_identity,2024,87\n").expect("write");
    let (a, b) = (a.display().to_string(), b.display().to_string());
    dtcalc()
        .args(["validate", &a, &b])
        .assert()
        .code(1)
        .stdout(predicates::str::contains(format!(
            "{b}:3:1: duplicate: indicator: duplicate row for this indicator, year 2024: already given at {a}:2"
        )));
}

#[test]
fn windows_1258_file_is_valid_with_the_encoding_flag() {
    dtcalc()
        .args([
            "validate",
            &fixture("invalid/encoding.csv"),
            "--encoding",
            "windows-1258",
        ])
        .assert()
        .code(0);
}

#[test]
fn a_wider_lookback_accepts_older_years() {
    // 2012 is 10 years before the adoption in 2022
    dtcalc()
        .args(["validate", "-", "--lookback", "10"])
        .write_stdin("indicator,year,value\ngov.online_services,2012,9\n")
        .assert()
        .code(0);
}

#[test]
fn could_not_run_exits_2() {
    dtcalc()
        .arg("validate")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nothing to validate"));
    dtcalc()
        .args(["validate", "examples/actuals.csv", "--encoding", "klingon"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--encoding klingon: unknown encoding; try windows-1258, utf-8 or utf-16le",
        ));
    dtcalc()
        .args(["validate", "no/such/file.csv"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "cannot read data file no/such/file.csv",
        ));
    dtcalc()
        .args(["validate", "--targets", "no/such/targets.toml"])
        .assert()
        .code(2);
}

#[test]
fn no_input_makes_it_panic() {
    let nasty: [&[u8]; 10] = [
        b"",
        b"\"",
        b"\"\"\"",
        b"indicator,year,value\n\"",
        b"indicator,year,value\r",
        b"\xFF\xFE\x00", // UTF-16 BOM and half a character
        b"\xFE\xFF\x00",
        b"indicator\x00,year,value\n\x00,\x00,\x00",
        b"PK\x03\x04garbage", // looks like a workbook
        b"indicator;year;value\ngov.online_services;2024;1e308%\n,,,,,,,\n",
    ];
    for input in nasty {
        let out = dtcalc()
            .args(["validate", "-"])
            .write_stdin(input)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{input:?}: {stderr}");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{input:?}: {stderr}"
        );
    }
}
