//! Every output format in both languages on the example data: snapshots of
//! the human formats, and machine formats that do not depend on `--lang`.

use crate::common::{dtcalc, json};

/// stdout of `dtcalc report examples/actuals.csv` with these options, with
/// colour off and a fixed width (100 columns, from `common`).
fn report(args: &[&str]) -> String {
    let out = dtcalc()
        .args(["report", "examples/actuals.csv", "--color", "never"])
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn table_snapshots_in_both_languages() {
    insta::assert_snapshot!("table_vi", report(&["--lang", "vi"]));
    // English: `report::example_report_table_snapshot` (example_report_en).
    insta::assert_snapshot!(
        "table_en_2030",
        report(&["--lang", "en", "--horizon", "2030"])
    );
}

/// Words a terminal table must never cut across two lines: every word of
/// the column headers, in both languages, and the progress class ids.
const WHOLE: &[&str] = &[
    "Indicator",
    "Actual",
    "Target",
    "Attained",
    "Gap",
    "Status",
    "Pillar",
    "With",
    "target",
    "data",
    "Met",
    "Mean",
    "attained",
    "Items",
    "met",
    "Furthest",
    "from",
    "Baseline",
    "Latest",
    "Required",
    "Observed",
    "Projected",
    "Progress",
    "Rank",
    "Area",
    "Score",
    "Chỉ",
    "tiêu",
    "Thực",
    "hiện",
    "Mục",
    "Mức",
    "đạt",
    "Còn",
    "thiếu",
    "Trạng",
    "thái",
    "Trụ",
    "cột",
    "Có",
    "mục",
    "số",
    "liệu",
    "Đạt",
    "NQ",
    "TB",
    "Xa",
    "nhất",
    "Gốc",
    "Mới",
    "Cần",
    "tế",
    "Dự",
    "báo",
    "Tiến",
    "độ",
    "Hạng",
    "Địa",
    "bàn",
    "Điểm",
    "(target_achieved)",
    "(substantial_progress)",
    "(moderate_progress)",
    "(limited_progress)",
    "(deterioration)",
    "(not_available)",
    "(no_data)",
];

/// Problems of a terminal report at `width` columns: a line wider than
/// the width (in characters), or a word of [`WHOLE`] cut between two lines
/// of a table cell (the end of one line and the start of the next in the
/// same column make the word).
fn layout_problems(text: &str, width: usize) -> Vec<String> {
    let mut problems = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for line in &lines {
        if line.chars().count() > width {
            problems.push(format!("wider than {width}: {line}"));
        }
    }
    let cells = |line: &str| -> Option<Vec<String>> {
        line.starts_with('│').then(|| {
            line.trim_matches('│')
                .split(['┆', '│'])
                .map(|c| c.trim().to_string())
                .collect()
        })
    };
    for pair in lines.windows(2) {
        let (Some(upper), Some(lower)) = (cells(pair[0]), cells(pair[1])) else {
            continue;
        };
        for (a, b) in upper.iter().zip(&lower) {
            let (Some(end), Some(start)) = (a.split(' ').next_back(), b.split(' ').next()) else {
                continue;
            };
            let joined = format!("{end}{start}");
            if !end.is_empty() && !start.is_empty() && WHOLE.contains(&joined.as_str()) {
                problems.push(format!("{joined} cut:\n{}\n{}", pair[0], pair[1]));
            }
        }
    }
    problems
}

/// stdout of dtcalc with these arguments, colour off, `COLUMNS=width`.
fn at_width(args: &[&str], width: usize) -> String {
    let out = dtcalc()
        .args(args)
        .args(["--color", "never"])
        .env("COLUMNS", width.to_string())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn table_fits_80_and_160_columns() {
    for width in [80, 160] {
        let text = at_width(&["report", "examples/actuals.csv", "--lang", "vi"], width);
        let problems = layout_problems(&text, width);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        insta::assert_snapshot!(format!("table_vi_{width}_columns"), text);
    }
}

#[test]
fn no_word_is_cut_and_no_line_is_wider_than_80_columns() {
    let provinces = [
        "report",
        "examples/provinces.csv",
        "--targets",
        "examples/national-749.toml",
        "--by",
        "area",
    ];
    for lang in ["en", "vi"] {
        let runs: [&[&str]; 4] = [
            &["report", "examples/actuals.csv"],
            &["report", "examples/actuals.csv", "--method", "all"],
            &["targets"],
            &provinces,
        ];
        for args in runs {
            let args = [args, &["--lang", lang]].concat();
            let problems = layout_problems(&at_width(&args, 80), 80);
            assert!(problems.is_empty(), "{args:?}:\n{}", problems.join("\n"));
        }
    }
}

#[test]
fn tables_use_the_width_given_even_when_the_terminal_says_0_by_0() {
    // A terminal that reports 0 x 0 (as some CI runners' pseudo-terminals
    // do): the tables take COLUMNS=100, not one character per column.
    if !std::path::Path::new("/usr/bin/script").exists() {
        eprintln!("skipped: no `script` to run dtcalc in a pseudo-terminal");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin!("dtcalc");
    let command = format!(
        "stty cols 0 rows 0; {} report examples/actuals.csv --lang en --color never",
        bin.display()
    );
    let out = std::process::Command::new("/usr/bin/script")
        .args(["-qec", &command, "/dev/null"])
        .env("COLUMNS", "100")
        .env("LANG", "C")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("script runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(
        (90..=100).contains(&widest),
        "widest line {widest}:\n{text:.2000}"
    );
    let problems = layout_problems(&text, 100);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn markdown_snapshots_in_both_languages() {
    insta::assert_snapshot!(
        "markdown_vi",
        report(&["--format", "markdown", "--lang", "vi"])
    );
    insta::assert_snapshot!("markdown_en", report(&["--format", "md", "--lang", "en"]));
}

#[test]
fn html_snapshots_in_both_languages() {
    insta::assert_snapshot!("html_vi", report(&["--format", "html", "--lang", "vi"]));
    insta::assert_snapshot!("html_en", report(&["--format", "html", "--lang", "en"]));
}

#[test]
fn csv_snapshot() {
    insta::assert_snapshot!("csv", report(&["--format", "csv"]));
}

#[test]
fn json_and_csv_are_identical_whatever_the_language() {
    for format in ["json", "csv"] {
        let vi = report(&["--format", format, "--lang", "vi"]);
        let en = report(&["--format", format, "--lang", "en"]);
        let env_vi = dtcalc()
            .args(["report", "examples/actuals.csv", "--format", format])
            .env("LANG", "vi_VN.UTF-8")
            .output()
            .expect("runs");
        assert_eq!(vi, en, "{format}");
        assert_eq!(env_vi.stdout, en.as_bytes(), "{format}");
        assert!(
            !en.contains("87,5") && !en.contains('−'),
            "{format}: no human numbers"
        );
    }
}

#[test]
fn csv_rows_carry_the_json_numbers() {
    let out = dtcalc()
        .args(["report", "examples/actuals.csv", "--format", "json"])
        .output()
        .expect("runs");
    let j = json(&out);
    let csv = report(&["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let indicators = j["indicators"].as_array().expect("array");
    assert_eq!(rows.len(), indicators.len());
    // Every JSON field is a column, but for `progress` (every method's
    // fields, JSON only; the columns are the primary method's).
    let keys: Vec<&str> = indicators[0]
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .filter(|k| *k != "progress")
        .collect();
    let mut columns: Vec<&str> = headers.iter().collect();
    let mut keys = keys;
    columns.sort_unstable();
    keys.sort_unstable();
    assert_eq!(columns, keys);
    for (row, ind) in rows.iter().zip(indicators) {
        for (name, field) in headers.iter().zip(row.iter()) {
            let v = &ind[name];
            match v {
                serde_json::Value::Null => assert_eq!(field, "", "{name}"),
                serde_json::Value::Number(n) => {
                    let got: f64 = field.parse().expect("a number");
                    assert_eq!(Some(got), n.as_f64(), "{name}: {field}");
                }
                serde_json::Value::String(s) => assert_eq!(field, s, "{name}"),
                serde_json::Value::Bool(b) => assert_eq!(field, b.to_string(), "{name}"),
                serde_json::Value::Array(a) => {
                    let joined: Vec<String> = a
                        .iter()
                        .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                        .collect();
                    assert_eq!(field, joined.join(";"), "{name}");
                }
                serde_json::Value::Object(_) => panic!("{name}: unexpected object"),
            }
        }
    }
}

#[test]
fn targets_in_the_new_formats() {
    let run = |args: &[&str]| {
        let out = dtcalc().arg("targets").args(args).output().expect("runs");
        assert!(out.status.success());
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    insta::assert_snapshot!(
        "targets_markdown_en",
        run(&["--format", "markdown", "--lang", "en"])
    );
    insta::assert_snapshot!("targets_csv", run(&["--format", "csv"]));
    let html = run(&["--format", "html", "--lang", "vi"]);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("gov.online_services"));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let esc = "\x1b[";
    let run = |args: &[&str]| {
        let out = dtcalc()
            .args(["report", "examples/actuals.csv"])
            .args(args)
            .output()
            .expect("runs");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let always = run(&["--color", "always"]);
    assert!(always.contains(esc), "--color always colours a pipe");
    let auto = dtcalc()
        .args(["report", "examples/actuals.csv"])
        .output()
        .expect("runs");
    assert!(
        !String::from_utf8_lossy(&auto.stdout).contains(esc),
        "auto: a pipe is not a terminal"
    );
    let no_color = dtcalc()
        .args(["report", "examples/actuals.csv", "--color", "auto"])
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&no_color.stdout).contains(esc));
    for format in ["markdown", "csv", "json", "html"] {
        assert!(
            !run(&["--color", "always", "--format", format]).contains(esc),
            "{format}"
        );
    }
}

#[test]
fn human_numbers_follow_the_language() {
    let vi = report(&["--lang", "vi", "--horizon", "2025"]);
    let en = report(&["--lang", "en", "--horizon", "2025"]);
    // gov.online_services: 91.2 / 100 x 100 = 91.2 %
    assert!(vi.contains("91,2 %") && !vi.contains("91.2%"));
    assert!(en.contains("91.2%") && !en.contains("91,2 %"));
    assert!(
        vi.contains("Chính quyền số") && vi.contains("chưa đạt") && vi.contains("Xa mục tiêu nhất")
    );
    assert!(
        en.contains("Digital government")
            && en.contains("not met")
            && en.contains("Furthest from target")
    );
}

#[test]
fn every_human_format_shows_progress_and_class_counts() {
    // gov.digital_data: R 0.84 is moderate progress (0.60 <= R < 0.95).
    for format in ["table", "markdown", "html"] {
        let out = report(&["--format", format, "--lang", "en", "--horizon", "2025"]);
        assert!(out.contains("Progress by class · 2025"), "{format}");
        let class = if format == "markdown" {
            r"(moderate\_progress)" // Markdown escapes `_`
        } else {
            "(moderate_progress)"
        };
        assert!(out.contains(class), "{format}");
        assert!(out.contains("R 0.84 · score 1.7"), "{format}");
    }
    let html = report(&["--format", "html", "--lang", "en"]);
    assert!(html.contains(r#"<tr data-progress="gov.digital_data">"#));
}

#[test]
fn csv_with_every_method_keeps_one_row_per_indicator_and_year() {
    let one = report(&["--format", "csv"]);
    let all = report(&["--format", "csv", "--method", "all"]);
    assert_eq!(one.lines().count(), all.lines().count());
    assert_eq!(one, all, "the primary method (growth) decides the columns");
}
