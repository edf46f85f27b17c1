//! `--lang vi|en` switches diagnostics (data and targets files), warnings,
//! errors, `check` text and GitHub annotations; JSON outputs stay the same
//! whatever the language.

use crate::common::{dtcalc, fixture};

fn stderr_of(args: &[&str], lang: &str) -> String {
    let out = dtcalc()
        .args(args)
        .args(["--lang", lang])
        .output()
        .expect("runs");
    String::from_utf8_lossy(&out.stderr).replace(&fixture(""), "")
}

#[test]
fn data_problems_are_in_the_language_asked_for() {
    let bad = fixture("data/bad-rows.csv");
    let vi = stderr_of(&["report", &bad], "vi");
    let en = stderr_of(&["report", &bad], "en");
    for (vi_line, en_line) in [
        (
            "data/bad-rows.csv:4:1: indicator: không có chỉ tiêu \"gov.dosiers_online.province\"; có phải là \"gov.dossiers_online.province\" không?",
            "data/bad-rows.csv:4:1: indicator: unknown indicator \"gov.dosiers_online.province\"; did you mean \"gov.dossiers_online.province\"?",
        ),
        (
            "data/bad-rows.csv:5:3: value: \"8o%\" không phải là số",
            "data/bad-rows.csv:5:3: value: \"8o%\" is not a number",
        ),
        (
            "data/bad-rows.csv:8:1: indicator: dòng trùng lặp cho chỉ tiêu này, năm 2024: đã có ở dòng 2",
            "data/bad-rows.csv:8:1: indicator: duplicate row for this indicator, year 2024: already given at line 2",
        ),
        (
            "data/bad-rows.csv:9:3: value: \"120\" nằm ngoài 0-100, khoảng giá trị của một tỷ lệ phần trăm",
            "data/bad-rows.csv:9:3: value: \"120\" is outside 0-100, the range of a percentage",
        ),
        (
            "dtcalc: lỗi: 6 vấn đề trong dữ liệu; chưa tính gì cả (--skip-invalid tính từ các dòng hợp lệ)",
            "dtcalc: error: 6 problems in the data; nothing was computed (--skip-invalid computes from the valid rows)",
        ),
    ] {
        assert!(vi.contains(vi_line), "{vi_line}\nnot in:\n{vi}");
        assert!(en.contains(en_line), "{en_line}\nnot in:\n{en}");
    }
}

#[test]
fn file_problems_and_warnings_are_in_the_language_asked_for() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("m.csv");
    std::fs::write(&missing, "indicator,value\n").expect("write");
    let latin = dir.path().join("l.csv");
    std::fs::write(&latin, b"indicator,year,value\nx\xf4,2024,1\n").expect("write");
    let extra = dir.path().join("e.csv");
    std::fs::write(&extra, "indicator,year,value,foo\n").expect("write");
    for (path, vi, en) in [
        (
            &missing,
            ":1:1: thiếu cột bắt buộc year; dòng tiêu đề có: indicator, value",
            ":1:1: missing required column year; the header has: indicator, value",
        ),
        (
            &latin,
            ":2:2: không phải UTF-8 hợp lệ (byte 0xf4 ở ký tự 2 của dòng); tệp \"CSV\" lưu bằng Excel",
            ":2:2: not valid UTF-8 (byte 0xf4 at character 2 of the line); a \"CSV\" saved by Excel",
        ),
        (&extra, "dtcalc: cảnh báo: ", "dtcalc: warning: "),
    ] {
        let p = path.display().to_string();
        assert!(stderr_of(&["report", &p], "vi").contains(&format!(
            "{}{vi}",
            if vi.starts_with(':') { p.as_str() } else { "" }
        )));
        assert!(stderr_of(&["report", &p], "en").contains(&format!(
            "{}{en}",
            if en.starts_with(':') { p.as_str() } else { "" }
        )));
    }
    let p = extra.display().to_string();
    assert!(
        stderr_of(&["report", &p], "vi")
            .contains(&format!("{p}: bỏ qua các cột không xác định: foo"))
    );
    assert!(
        stderr_of(&["report", &p], "en").contains(&format!("{p}: ignoring unknown columns: foo"))
    );
}

#[test]
fn command_errors_are_in_the_language_asked_for() {
    let args = ["report", "examples/actuals.csv", "--horizon", "2099"];
    assert_eq!(
        stderr_of(&args, "vi"),
        "dtcalc: lỗi: --horizon 2099: không phải năm mục tiêu của nghị quyết này; cần một trong 2025, 2030 hoặc all\n"
    );
    assert_eq!(
        stderr_of(&args, "en"),
        "dtcalc: error: --horizon 2099: not a target year of this resolution; expected one of 2025, 2030 or all\n"
    );
}

#[test]
fn json_outputs_do_not_depend_on_the_language() {
    let bad = fixture("data/bad-rows.csv");
    for args in [
        vec!["validate", bad.as_str(), "--format", "json"],
        vec!["report", "examples/actuals.csv", "--format", "json"],
        vec!["check", "examples/actuals.csv", "--format", "json"],
    ] {
        let run = |lang: &str| {
            dtcalc()
                .args(&args)
                .args(["--lang", lang])
                .output()
                .expect("runs")
                .stdout
        };
        let (vi, en) = (run("vi"), run("en"));
        assert!(!en.is_empty(), "{args:?}");
        assert!(vi == en, "{args:?}: JSON differs between languages");
    }
}

fn stdout_of(args: &[&str], lang: &str) -> String {
    let out = dtcalc()
        .args(args)
        .args(["--lang", lang])
        .output()
        .expect("runs");
    String::from_utf8_lossy(&out.stdout).replace(&fixture(""), "")
}

#[test]
fn targets_file_problems_are_in_the_language_asked_for() {
    for (file, vi, en) in [
        (
            "targets/unknown-pillar.toml",
            "targets/unknown-pillar.toml:16:10: pillar: không có trụ cột \"govt\" (các trụ cột: government)",
            "targets/unknown-pillar.toml:16:10: pillar: unknown pillar \"govt\" (known: government)",
        ),
        (
            "targets/bad-comparison.toml",
            "targets/bad-comparison.toml:20:20: targets.2025: \"=> 80\" không có phép so sánh hợp lệ; cần một phép so sánh và một số, ví dụ \">= 80\", \"> 80\" hoặc \"<= 20\"",
            "targets/bad-comparison.toml:20:20: targets.2025: \"=> 80\" has no valid comparison; expected a comparison and a number, e.g. \">= 80\", \"> 80\" or \"<= 20\"",
        ),
        (
            // the toml crate's own text stays English inside the frame
            "targets/missing-name.toml",
            "targets/missing-name.toml:14:1: lỗi cú pháp TOML: missing field `name_en`",
            "targets/missing-name.toml:14:1: missing field `name_en`",
        ),
    ] {
        let path = fixture(file);
        let args = ["report", "examples/actuals.csv", "--targets", &path];
        assert_eq!(stderr_of(&args, "vi"), format!("dtcalc: lỗi: {vi}\n"));
        assert_eq!(stderr_of(&args, "en"), format!("dtcalc: error: {en}\n"));
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().display().to_string();
    assert_eq!(
        stderr_of(&["targets", "--targets", &d], "vi"),
        format!("dtcalc: lỗi: không đọc được tệp mục tiêu {d}: đó là một thư mục\n")
    );
    assert_eq!(
        stderr_of(&["targets", "--targets", &d], "en"),
        format!("dtcalc: error: cannot read targets file {d}: it is a directory\n")
    );
}

#[test]
fn check_text_is_in_the_language_asked_for() {
    let args = [
        "check",
        "examples/actuals.csv",
        "--indicator",
        "soc.digital_skills",
    ];
    // 56.0 % in 2024 against >= 70 % for 2025
    assert_eq!(
        stdout_of(&args, "vi"),
        "KHÔNG ĐẠT soc.digital_skills: cần >= 70% (đạt), hiện 56,0% năm 2024 (chưa đạt)\n\
         check: 1/1 chỉ tiêu không đạt (năm mục tiêu 2025, yêu cầu met)\n"
    );
    assert_eq!(
        stdout_of(&args, "en"),
        "FAIL soc.digital_skills: required >= 70% (met), is 56.0% in 2024 (not met)\n\
         check: 1 of 1 indicator fail (target year 2025, require met)\n"
    );
    let args = [
        "check",
        "examples/actuals.csv",
        "--indicator",
        "soc.digital_skils",
    ];
    assert_eq!(
        stderr_of(&args, "vi"),
        "dtcalc: lỗi: không có chỉ tiêu \"soc.digital_skils\"; có phải là \"soc.digital_skills\" không?\n"
    );
    assert_eq!(
        stderr_of(&args, "en"),
        "dtcalc: error: unknown indicator \"soc.digital_skils\"; did you mean \"soc.digital_skills\"?\n"
    );
}

#[test]
fn github_annotations_are_in_the_language_asked_for() {
    let bad = fixture("data/bad-rows.csv");
    let args = ["validate", bad.as_str(), "--format", "github"];
    let (vi, en) = (stdout_of(&args, "vi"), stdout_of(&args, "en"));
    // the properties (file, line, col, title = rule) are the same in both
    let prefix = format!("::error file={bad},line=5,col=3,title=not-a-number::value: ")
        .replace(&fixture(""), "");
    assert!(
        vi.contains(&format!("{prefix}\"8o%25\" không phải là số\n")),
        "{vi}"
    );
    assert!(
        en.contains(&format!("{prefix}\"8o%25\" is not a number\n")),
        "{en}"
    );
    assert!(
        vi.ends_with("6 vấn đề trong 1 tệp dữ liệu kiểm tra theo targets.toml (có sẵn)\n"),
        "{vi}"
    );
    assert!(
        en.ends_with("6 problems in 1 data file checked against targets.toml (built in)\n"),
        "{en}"
    );
}

#[test]
fn remaining_command_errors_are_in_the_language_asked_for() {
    let args = ["report", "examples/actuals.csv", "--output", "out.foo"];
    assert_eq!(
        stderr_of(&args, "vi"),
        "dtcalc: lỗi: --output out.foo: không xác định được định dạng từ phần mở rộng; hãy dùng .txt .md .csv .json .html hoặc .xlsx, hoặc chỉ rõ --format\n"
    );
    assert_eq!(
        stderr_of(&args, "en"),
        "dtcalc: error: --output out.foo: cannot tell the format from the extension; use .txt .md .csv .json .html or .xlsx, or give --format\n"
    );
    assert_eq!(
        stderr_of(&["validate"], "vi"),
        "dtcalc: lỗi: không có gì để kiểm tra; cách dùng: dtcalc validate DATA... [--targets FILE], hoặc dtcalc validate --targets FILE\n"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("no/such/r.md").display().to_string();
    let args = ["report", "examples/actuals.csv", "--output", &out];
    let no_dir = dir.path().join("no/such").display().to_string();
    assert!(stderr_of(&args, "vi").starts_with(&format!(
        "dtcalc: lỗi: khi ghi tệp {out}: không tạo được tệp trong {no_dir}: "
    )));
    assert!(stderr_of(&args, "en").starts_with(&format!(
        "dtcalc: error: writing {out}: cannot create a file in {no_dir}: "
    )));
    assert_eq!(
        stderr_of(&["template", "--years", "20"], "en"),
        "dtcalc: error: --years 20: not a four-digit year\n"
    );
    assert_eq!(
        stderr_of(&["template", "--years", "20"], "vi"),
        "dtcalc: lỗi: --years 20: không phải là năm có bốn chữ số\n"
    );
}

#[test]
fn check_text_shows_a_figure_as_published_in_either_language() {
    // econ.digital_economy_grdp published as 5.16 (two decimals) against
    // >= 20 for 2025: not met; the text shows 5.16, never 5.2.
    let run = |lang: &str| {
        let out = dtcalc()
            .args(["check", "-", "--indicator", "econ.digital_economy_grdp"])
            .args(["--lang", lang])
            .write_stdin("indicator,year,value\necon.digital_economy_grdp,2024,5.16\n")
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(
        run("vi"),
        "KHÔNG ĐẠT econ.digital_economy_grdp: cần >= 20% (đạt), hiện 5,16% năm 2024 (chưa đạt)\n\
         check: 1/1 chỉ tiêu không đạt (năm mục tiêu 2025, yêu cầu met)\n"
    );
    assert!(run("en").contains("is 5.16% in 2024 (not met)"));
}

#[test]
fn human_reports_name_their_language_and_write_dates_its_way() {
    // adopted = "2022-03-18" in the built-in targets file
    for (lang, date) in [("vi", "18/03/2022"), ("en", "2022-03-18")] {
        let html = stdout_of(
            &["report", "examples/actuals.csv", "--format", "html"],
            lang,
        );
        assert!(html.contains(&format!(r#"<html lang="{lang}">"#)), "{lang}");
        assert!(html.contains(&format!("· {date}</dd>")), "{lang}");
    }
}
