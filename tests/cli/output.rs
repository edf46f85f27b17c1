//! `--output FILE`: the format from the extension, atomic writing (a failed
//! run leaves no file and no temporary file), shell integration, pipes;
//! what `--output` may not destroy: an input, a symlink, a device or FIFO,
//! a file's permissions, a read-only file; `-` and standard output.

use std::fs;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

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
    let path = dir.path().join("report.pdf");
    let out = dtcalc()
        .args(["report", "examples/actuals.csv", "--output"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("report.pdf") && err.contains("--format"),
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
    assert!(!err.contains(".dtcalc-"), "no temporary file named: {err}");
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
            err.contains("one row per area (--by area, or --roll-up without --area) is available as table, csv, json or xlsx"),
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

/// Exit 2 with `message` on stderr.
fn assert_fails_with(out: &Output, message: &str, case: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{case}: {err}");
    assert!(
        err.contains(message),
        "{case}: expected {message:?} in {err}"
    );
    assert!(!err.contains("panicked"), "{case}: {err}");
}

/// Every file in `dir` with its bytes.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    names(dir)
        .into_iter()
        .map(|n| {
            let bytes = fs::read(dir.join(&n)).expect("read");
            (n, bytes)
        })
        .collect()
}

/// A directory with the example data as `ex.csv` and `other.csv`, the
/// example targets as `t.toml` and the three-area fixture as `areas.csv`
/// with its targets `areas.toml`.
fn inputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (from, to) in [
        (root.join("examples/actuals.csv"), "ex.csv"),
        (root.join("examples/actuals.csv"), "other.csv"),
        (root.join("targets.toml"), "t.toml"),
        (fixture("areas/three-areas.csv").into(), "areas.csv"),
        (fixture("targets/areas.toml").into(), "areas.toml"),
    ] {
        fs::copy(from, d.join(to)).expect("copy");
    }
    dir
}

/// Runs each case (the arguments, the --output and the input it is) in
/// `dir`: exit 2 naming both, and no file changed, added or removed.
fn assert_all_refused(dir: &Path, cases: &[(&str, &str, &str)]) {
    let before = contents(dir);
    for (args, out, input) in cases {
        let run = dtcalc()
            .current_dir(dir)
            .args(args.split_whitespace())
            .timeout(Duration::from_secs(20))
            .output()
            .expect("runs");
        let message = format!("--output {out} is the input file {input}; writing it would destroy");
        assert_fails_with(&run, &message, args);
        assert!(contents(dir) == before, "{args}: a file changed");
    }
}

// Passes once the command layer calls `output::refuse_inputs` in report
// (and --by area), targets and template before reading anything.
#[test]
fn output_onto_an_input_is_refused_and_the_input_kept() {
    let dir = inputs();
    #[rustfmt::skip]
    assert_all_refused(dir.path(), &[
        ("report ex.csv -o ex.csv --format csv", "ex.csv", "ex.csv"),
        ("report other.csv ex.csv -o ex.csv --format csv", "ex.csv", "ex.csv"),
        ("report ex.csv --targets t.toml -o t.toml --format csv", "t.toml", "t.toml"),
        ("report areas.csv --targets areas.toml --by area -o areas.csv", "areas.csv", "areas.csv"),
        ("targets --targets t.toml -o t.toml --format markdown", "t.toml", "t.toml"),
        ("template --targets t.toml -o t.toml", "t.toml", "t.toml"),
    ]);
}

#[cfg(unix)]
#[test]
fn output_onto_an_input_through_a_link_is_refused() {
    let dir = inputs();
    let d = dir.path();
    std::os::unix::fs::symlink("ex.csv", d.join("link.csv")).expect("symlink");
    fs::hard_link(d.join("ex.csv"), d.join("hard.csv")).expect("hard link");
    fs::hard_link(d.join("t.toml"), d.join("hard.toml")).expect("hard link");
    #[rustfmt::skip]
    assert_all_refused(d, &[
        ("report ex.csv -o link.csv --format csv", "link.csv", "ex.csv"),
        ("report ex.csv -o hard.csv --format csv", "hard.csv", "ex.csv"),
        ("report link.csv -o ex.csv --format csv", "ex.csv", "link.csv"),
        ("targets --targets t.toml -o hard.toml --format csv", "hard.toml", "t.toml"),
    ]);
}

#[cfg(unix)]
#[test]
fn symlink_output_writes_its_target_and_stays_a_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    fs::create_dir(d.join("real")).expect("mkdir");
    fs::write(d.join("real/r.csv"), "last month\n").expect("write");
    std::os::unix::fs::symlink("real/r.csv", d.join("link.csv")).expect("symlink");
    std::os::unix::fs::symlink("real/new.csv", d.join("dangling.csv")).expect("symlink");
    for link in ["link.csv", "dangling.csv"] {
        dtcalc()
            .args(["report", "examples/actuals.csv", "-o"])
            .arg(d.join(link))
            .assert()
            .success();
        let m = fs::symlink_metadata(d.join(link)).expect("lstat");
        assert!(m.file_type().is_symlink(), "{link} is still a symlink");
    }
    for file in ["real/r.csv", "real/new.csv"] {
        let text = fs::read_to_string(d.join(file)).expect("written");
        assert!(
            text.starts_with("id,pillar,item,unit,target_year"),
            "{file}: {text}"
        );
    }
    assert_eq!(names(&d.join("real")), ["new.csv", "r.csv"]);
    assert_eq!(names(d), ["dangling.csv", "link.csv", "real"]);
}

/// Writes a CSV report into a FIFO in `dir` read by `cat`: whether the
/// FIFO is still there and `cat` read the report.
#[cfg(unix)]
fn fifo_written_in_place(dir: &Path) -> Result<(), String> {
    use std::os::unix::fs::FileTypeExt;
    let fifo = dir.join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.expect("mkfifo runs").success(), "mkfifo");
    let mut reader = std::process::Command::new("cat")
        .arg(&fifo)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("cat runs");
    let out = dtcalc()
        .args(["report", "examples/actuals.csv", "--format", "csv", "-o"])
        .arg(&fifo)
        .timeout(Duration::from_secs(20))
        .output()
        .expect("runs");
    let kept = fs::symlink_metadata(&fifo).is_ok_and(|m| m.file_type().is_fifo());
    if !kept || !out.status.success() {
        // cat would wait for a writer for ever
        reader.kill().expect("kill cat");
        reader.wait().expect("cat ends");
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!("FIFO kept: {kept}; {:?}: {err}", out.status));
    }
    let read = reader.wait_with_output().expect("cat ends");
    let text = String::from_utf8_lossy(&read.stdout);
    match text.starts_with("id,pillar,item,unit,target_year") {
        true => Ok(()),
        false => Err(format!("cat read: {text:.200}")),
    }
}

#[cfg(unix)]
#[test]
fn fifo_output_is_written_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    fifo_written_in_place(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(names(dir.path()), ["pipe"], "no temporary file left");
}

#[cfg(unix)]
#[test]
fn device_output_is_written_in_place_and_kept() {
    use std::os::unix::fs::FileTypeExt;
    // A build that replaced a FIFO would, run as root, replace /dev/null
    // with a regular file: try the FIFO first.
    let dir = tempfile::tempdir().expect("tempdir");
    if let Err(e) = fifo_written_in_place(dir.path()) {
        panic!("not trying /dev/null: a FIFO is not written in place: {e}");
    }
    let is_device = |p: &str| fs::metadata(p).is_ok_and(|m| m.file_type().is_char_device());
    assert!(is_device("/dev/null"));
    dtcalc()
        .args([
            "report",
            "examples/actuals.csv",
            "--format",
            "csv",
            "-o",
            "/dev/null",
        ])
        .assert()
        .success();
    assert!(is_device("/dev/null"), "/dev/null is still a device");
    if cfg!(target_os = "linux") {
        // a write error on an output device names it, as for a file
        let out = dtcalc()
            .args([
                "report",
                "examples/actuals.csv",
                "--format",
                "csv",
                "-o",
                "/dev/full",
            ])
            .output()
            .expect("runs");
        assert_fails_with(
            &out,
            "writing /dev/full: No space left on device",
            "/dev/full",
        );
        assert!(is_device("/dev/full"), "/dev/full is still a device");
    }
}

#[cfg(unix)]
#[test]
fn existing_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("r.csv");
    for mode in [0o600, 0o640, 0o664, 0o755] {
        fs::write(&path, "old\n").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).expect("chmod");
        dtcalc()
            .args(["report", "examples/actuals.csv", "-o"])
            .arg(&path)
            .assert()
            .success();
        let now = fs::metadata(&path).expect("metadata").permissions().mode() & 0o7777;
        assert_eq!(now, mode, "{now:o} should be {mode:o}");
        assert_ne!(fs::read_to_string(&path).expect("read"), "old\n");
    }
    assert_eq!(names(dir.path()), ["r.csv"]);
}

#[test]
fn read_only_output_is_refused_and_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("r.csv");
    fs::write(&path, "last month\n").expect("write");
    let mut perms = fs::metadata(&path).expect("metadata").permissions();
    perms.set_readonly(true);
    fs::set_permissions(&path, perms).expect("chmod");
    #[cfg(unix)]
    std::os::unix::fs::symlink("r.csv", dir.path().join("link.csv")).expect("symlink");
    let names_given = if cfg!(unix) {
        &["r.csv", "link.csv"][..]
    } else {
        &["r.csv"][..]
    };
    for name in names_given {
        let out = dtcalc()
            .current_dir(dir.path())
            .args(["report"])
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/actuals.csv"))
            .args(["-o", name])
            .output()
            .expect("runs");
        let message =
            format!("--output {name} is read-only; make it writable or choose another file");
        assert_fails_with(&out, &message, name);
        assert_eq!(fs::read_to_string(&path).expect("read"), "last month\n");
    }
}

#[test]
fn dash_output_is_standard_output_and_dot_slash_dash_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/actuals.csv");
    let out = dtcalc()
        .current_dir(dir.path())
        .arg("report")
        .arg(&data)
        .args(["--format", "csv", "-o", "-"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.starts_with(b"id,pillar,item,unit,target_year"));
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    let out = dtcalc()
        .current_dir(dir.path())
        .arg("report")
        .arg(&data)
        .args(["--format", "csv", "-o", "./-"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(names(dir.path()), ["-"]);
}

/// Runs a bash script in `dir` with `$0` the dtcalc binary and `$1` the
/// example data.
#[cfg(unix)]
fn bash_in(dir: &Path, script: &str) -> Output {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/actuals.csv");
    std::process::Command::new("bash")
        .args(["-c", script, env!("CARGO_BIN_EXE_dtcalc")])
        .arg(data)
        .current_dir(dir)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("bash runs")
}

// A closed stdout is not a broken pipe: Rust's runtime opens /dev/null in
// place of a closed standard stream before `main`, so writes "succeed".
// Passes once `main` tells a stdout closed at start (see the report).
#[cfg(unix)]
#[test]
fn closed_stdout_exits_2_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    for script in [
        r#"exec "$0" report "$1" >&-"#,
        r#"exec "$0" report "$1" --format csv -o - >&-"#,
    ] {
        let out = bash_in(dir.path(), script);
        assert_fails_with(&out, "dtcalc: error: writing to standard output: ", script);
    }
    assert!(names(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn stdout_write_error_exits_2_and_a_closed_pipe_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    if cfg!(target_os = "linux") {
        for script in [
            r#""$0" report "$1" > /dev/full"#,
            r#""$0" report "$1" --format csv -o - > /dev/full"#,
        ] {
            let out = bash_in(dir.path(), script);
            let message = "dtcalc: error: writing to standard output: No space left on device";
            assert_fails_with(&out, message, script);
        }
    }
    for script in [
        r#""$0" report "$1" | head -1; echo "exit ${PIPESTATUS[0]}" >&2"#,
        r#""$0" report "$1" --format csv -o - | head -1; echo "exit ${PIPESTATUS[0]}" >&2"#,
    ] {
        let out = bash_in(dir.path(), script);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err, "exit 0\n", "{script}");
        assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    }
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
}
