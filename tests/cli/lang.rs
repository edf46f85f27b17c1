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
    assert_eq!(
        stderr_of(&args, "vi"),
        format!(
            "dtcalc: lỗi: khi ghi tệp {out}: không tạo được tệp trong {no_dir}: không có thư mục này\n"
        )
    );
    assert_eq!(
        stderr_of(&args, "en"),
        format!(
            "dtcalc: error: writing {out}: cannot create a file in {no_dir}: no such directory\n"
        )
    );
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

/// Exit code, stdout and stderr of `args` in `lang`.
fn run_in(args: &[&str], lang: &str) -> (Option<i32>, String, String) {
    let out = dtcalc()
        .args(args)
        .args(["--lang", lang])
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn area_and_file_paths_are_in_the_language_asked_for() {
    let dir = tempfile::tempdir().expect("tempdir");
    let at = |name: &str| dir.path().join(name).display().to_string();
    let (two, foo) = (at("two.csv"), at("foo.csv"));
    std::fs::write(
        &two,
        "indicator,year,value,area\n\
         gov.online_services,2024,91.2,A\n\
         gov.online_services,2024,80,B\n",
    )
    .expect("write");
    std::fs::write(
        &foo,
        "indicator,year,value,area,foo\n\
         gov.online_services,2024,91.2,A,x\n\
         gov.online_services,2024,80,B,y\n",
    )
    .expect("write");
    let (missing, no_targets) = (at("missing.csv"), at("missing.toml"));
    // (args, exit code, Vietnamese, the same in English)
    type Case<'a> = (Vec<&'a str>, i32, Vec<String>, Vec<String>);
    let cases: [Case; 6] = [
        (
            vec!["report", &foo, "--by", "area"],
            0,
            vec![
                format!("dtcalc: cảnh báo: {foo}: bỏ qua các cột không xác định: foo"),
                "Các địa bàn, mục tiêu năm 2025".into(),
            ],
            vec![
                format!("dtcalc: warning: {foo}: ignoring unknown columns: foo"),
                "Areas, targets for 2025".into(),
            ],
        ),
        (
            vec!["report", &two, "--area", "Nowhere"],
            2,
            vec![
                "dtcalc: lỗi: không có địa bàn \"Nowhere\" trong dữ liệu; các địa bàn: A, B\n"
                    .into(),
            ],
            vec!["dtcalc: error: no area \"Nowhere\" in the data; its areas: A, B\n".into()],
        ),
        (
            vec!["report", &missing, "--by", "area"],
            2,
            vec![format!(
                "dtcalc: lỗi: không đọc được tệp dữ liệu {missing}: không có tệp này\n"
            )],
            vec![format!(
                "dtcalc: error: cannot read data file {missing}: no such file\n"
            )],
        ),
        (
            vec!["report", &two, "--by", "area", "--targets", &no_targets],
            2,
            vec![format!(
                "dtcalc: lỗi: không đọc được tệp mục tiêu {no_targets}: không có tệp này\n"
            )],
            vec![format!(
                "dtcalc: error: cannot read targets file {no_targets}: no such file\n"
            )],
        ),
        (
            vec!["check", &two],
            2,
            vec![
                "dtcalc: lỗi: dữ liệu thuộc 2 địa bàn (A, B); không có --by area thì mỗi lần chạy \
                 chỉ dành cho một địa bàn: dùng --by area cho mọi địa bàn, hoặc --area MÃ cho một \
                 địa bàn\n"
                    .into(),
            ],
            vec![
                "dtcalc: error: the data is for 2 areas (A, B); without --by area a run is about \
                 one area: use --by area for every area, or --area CODE for one\n"
                    .into(),
            ],
        ),
        (
            vec!["check", &two, "--by", "area"],
            1,
            vec![
                "KHÔNG ĐẠT A: 16/16 chỉ tiêu không đạt (gov.online_services,".into(),
                "gov.digital_data và 11 mục khác)\n".into(),
                "check: 2/2 địa bàn không đạt (năm mục tiêu 2025, yêu cầu met)\n".into(),
            ],
            vec![
                "FAIL A: 16 of 16 indicators fail (gov.online_services,".into(),
                "gov.digital_data and 11 more)\n".into(),
                "check: 2 of 2 areas fail (target year 2025, require met)\n".into(),
            ],
        ),
    ];
    for (args, code, vi, en) in cases {
        let (vi_code, vi_out, vi_err) = run_in(&args, "vi");
        let (en_code, en_out, en_err) = run_in(&args, "en");
        assert_eq!(vi_code, Some(code), "{args:?}: {vi_err}");
        assert_eq!(en_code, Some(code), "{args:?}: {en_err}");
        let vi_all = format!("{vi_out}{vi_err}");
        let en_all = format!("{en_out}{en_err}");
        // the words, not the temporary directory's random name
        let vi_words = vi_all.replace(&dir.path().display().to_string(), "");
        for (vi, en) in vi.iter().zip(&en) {
            assert!(
                vi_all.contains(vi.as_str()),
                "{args:?}: {vi}\nnot in:\n{vi_all}"
            );
            assert!(
                en_all.contains(en.as_str()),
                "{args:?}: {en}\nnot in:\n{en_all}"
            );
            assert!(
                !vi_all.contains(en.as_str()),
                "{args:?}: English {en} in:\n{vi_all}"
            );
        }
        for english in [
            "error:",
            "warning:",
            "No such file",
            "os error",
            "no such file",
            "cannot read",
            "areas",
            "FAIL",
            "targets for",
        ] {
            assert!(
                !vi_words.contains(english),
                "{args:?}: {english:?} in:\n{vi_all}"
            );
        }
    }
}
