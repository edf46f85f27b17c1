//! `--output FILE`: the format from the extension, atomic writing (a failed
//! run leaves no file and no temporary file), shell integration, pipes.

use std::fs;
use std::path::Path;

use crate::common::{dtcalc, fixture};

/// The names in a directory, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn format_follows_the_extension_and_only_the_file_is_left() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        ("r.md", "# "),
        ("r.html", "<!DOCTYPE html>"),
        ("r.csv", "id,pillar,item,unit,target_year"),
        ("r.json", "{"),
        ("r.txt", "Resolution of"),
    ];
    for (name, start) in cases {
        let path = dir.path().join(name);
        let out = dtcalc()
            .args(["report", "examples/actuals.csv", "--output"])
            .arg(&path)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{name}: nothing on stdout");
        let text = fs::read_to_string(&path).expect("written");
        assert!(
            text.starts_with(start),
            "{name}: {}",
            &text[..40.min(text.len())]
        );
        assert!(!text.contains('\x1b'), "{name}: no colour in files");
    }
    assert_eq!(
        names(dir.path()),
        ["r.csv", "r.html", "r.json", "r.md", "r.txt"]
    );
}

#[test]
fn format_flag_wins_over_the_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report.txt");
    dtcalc()
        .args(["report", "examples/actuals.csv", "--format", "json", "-o"])
        .arg(&path)
        .assert()
        .success();
    let text = fs::read_to_string(&path).expect("written");
    serde_json::from_str::<serde_json::Value>(&text).expect("JSON");
}

#[test]
fn unknown_extension_without_format_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report.xlsx");
    let out = dtcalc()
        .args(["report", "examples/actuals.csv", "--output"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("report.xlsx") && err.contains("--format"),
        "{err}"
    );
    assert!(names(dir.path()).is_empty());
}

#[test]
fn failed_run_leaves_no_file_and_an_old_report_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fresh = dir.path().join("new.md");
    let out = dtcalc()
        .args(["report", &fixture("data/bad-rows.csv"), "--output"])
        .arg(&fresh)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));

    let old = dir.path().join("old.md");
    fs::write(&old, "last month's report\n").expect("write");
    let out = dtcalc()
        .args(["report", &fixture("data/bad-rows.csv"), "--output"])
        .arg(&old)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        fs::read_to_string(&old).expect("read"),
        "last month's report\n"
    );
    assert_eq!(names(dir.path()), ["old.md"]);
}

#[test]
fn missing_directory_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("no/such/dir/r.md");
    let out = dtcalc()
        .args(["report", "examples/actuals.csv", "--output"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("r.md"), "{err}");
    assert!(names(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn read_only_directory_exits_2_and_leaves_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).expect("mkdir");
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).expect("chmod");
    // root ignores directory permissions: then there is nothing to test.
    if fs::write(ro.join("probe"), "x").is_ok() {
        eprintln!("skipped: running as a user that can write to read-only directories");
        return;
    }
    let out = dtcalc()
        .args(["report", "examples/actuals.csv", "--output"])
        .arg(ro.join("r.md"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(names(&ro).is_empty());
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).expect("chmod back");
}

#[cfg(unix)]
#[test]
fn written_file_has_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("r.csv");
    dtcalc()
        .args(["report", "examples/actuals.csv", "-o"])
        .arg(&path)
        .assert()
        .success();
    let mode = fs::metadata(&path).expect("metadata").permissions().mode();
    assert_ne!(
        mode & 0o044,
        0,
        "readable by others than the owner (umask permitting): {mode:o}"
    );
}

#[test]
fn targets_output_to_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("targets.md");
    dtcalc()
        .args(["targets", "-o"])
        .arg(&path)
        .assert()
        .success();
    assert!(
        fs::read_to_string(&path)
            .expect("written")
            .contains("`gov.online_services`")
    );
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = dtcalc()
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("dtcalc") && text.contains("format"),
            "{shell}"
        );
    }
    let out = dtcalc().arg("man").output().expect("runs");
    assert!(out.status.success());
    let man = String::from_utf8_lossy(&out.stdout);
    assert!(
        man.starts_with(".ie") || man.contains(".TH dtcalc"),
        "{}",
        &man[..80.min(man.len())]
    );
    assert!(man.contains("report") && man.contains("completions"));
}

#[cfg(unix)]
#[test]
fn closed_pipe_ends_quietly() {
    let bin = env!("CARGO_BIN_EXE_dtcalc");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{bin}' report examples/actuals.csv --lang vi | head -3"
        ))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("sh runs");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "no panic message");
}

/// `report --by area` on the three-area fixture with these options.
fn by_area(dir: &Path, extra: &[&str]) -> std::process::Output {
    let data = fixture("areas/three-areas.csv");
    let targets = fixture("targets/areas.toml");
    dtcalc()
        .current_dir(dir)
        .args(["report", &data, "--targets", &targets, "--by", "area"])
        .args(extra)
        .output()
        .expect("runs")
}

#[test]
fn by_area_writes_its_csv_json_and_table_to_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        (
            "areas.csv",
            "area,pillar,target_year,indicators,with_data,met",
        ),
        ("areas.json", "{"),
        ("areas.txt", "Per-area test resolution"),
    ];
    for (name, start) in cases {
        let out = by_area(dir.path(), &["--lang", "en", "-o", name]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{name}: nothing on stdout");
        let text = fs::read_to_string(dir.path().join(name)).expect("written");
        assert!(text.starts_with(start), "{name}: {text}");
    }
    assert_eq!(names(dir.path()), ["areas.csv", "areas.json", "areas.txt"]);
}

#[test]
fn by_area_refuses_markdown_and_html_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [["--format", "markdown"], ["-o", "areas.html"]] {
        let out = by_area(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("--by area is available as table, csv or json"),
            "{err}"
        );
    }
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
}

#[test]
fn by_area_failed_run_leaves_an_old_file_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("bad.csv"),
        "area,indicator,year,value\nX,gov.a,2o24,1\n",
    )
    .expect("write");
    fs::write(dir.path().join("areas.csv"), "last month\n").expect("write");
    let targets = fixture("targets/areas.toml");
    let out = dtcalc()
        .current_dir(dir.path())
        .args(["report", "bad.csv", "--targets", &targets, "--by", "area"])
        .args(["-o", "areas.csv"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        fs::read_to_string(dir.path().join("areas.csv")).expect("read"),
        "last month\n"
    );
    assert_eq!(names(dir.path()), ["areas.csv", "bad.csv"]);
}
