//! The HTML report: self-contained, and rendered by a real browser
//! (headless Chromium, Debian package `chromium`, installed by `.ci/run`).
//!
//! Without Chromium the render test fails with a message saying how to
//! install it, unless `DTCALC_SKIP_BROWSER=1` is set.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{dtcalc, json};

/// Writes the example report as HTML into `dir` and returns its path.
fn example_html(dir: &Path, lang: &str) -> PathBuf {
    let path = dir.join(format!("report-{lang}.html"));
    dtcalc()
        .args(["report", "examples/actuals.csv", "--lang", lang, "--output"])
        .arg(&path)
        .assert()
        .success();
    path
}

/// (id, has a figure) of every indicator result in the example report.
fn example_indicators() -> Vec<(String, bool)> {
    let out = dtcalc()
        .args(["report", "examples/actuals.csv", "--format", "json"])
        .output()
        .expect("runs");
    let j = json(&out);
    j["indicators"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|i| !i["target"].is_null())
        .map(|i| {
            let id = i["id"].as_str().expect("id").to_string();
            (id, !i["attainment_pct"].is_null())
        })
        .collect()
}

#[test]
fn html_is_self_contained() {
    let dir = tempfile::tempdir().expect("tempdir");
    let html = std::fs::read_to_string(example_html(dir.path(), "en")).expect("read");
    for banned in [
        "<script", "src=", "href=", "@import", "url(", "<link", "https://",
    ] {
        assert!(!html.contains(banned), "found {banned}");
    }
    // The only URL is the SVG namespace, which is a name, never fetched.
    assert_eq!(
        html.matches("http://").count(),
        html.matches("http://www.w3.org/2000/svg").count()
    );
    assert!(html.contains("@media print") && html.contains("break-before: page"));
    assert!(html.contains(r#"<html lang="en">"#));
}

/// The `chromium` binary, or `None` when it is not installed.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// Runs Chromium headless on a file with extra arguments; fails after two
/// minutes.
fn run_chromium(bin: &Path, profile: &Path, extra: &[String], page: &Path) -> Output {
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let start = Instant::now();
    // Read stdout on a thread so a large DOM never blocks the browser.
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buf).map(|_| buf)
    });
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut out = child.wait_with_output().expect("output");
    out.stdout = reader.join().expect("reader").expect("read stdout");
    out
}

#[test]
fn html_renders_in_chromium_with_every_indicator_and_its_bar() {
    let Some(bin) = chromium() else {
        if std::env::var_os("DTCALC_SKIP_BROWSER").is_some_and(|v| v == "1") {
            eprintln!("skipped: chromium not installed and DTCALC_SKIP_BROWSER=1");
            return;
        }
        panic!(
            "chromium is not installed: `apt-get install -y chromium` (as .ci/run does), \
             or set DTCALC_SKIP_BROWSER=1 to skip this test"
        );
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let indicators = example_indicators();
    for lang in ["vi", "en"] {
        let page = example_html(dir.path(), lang);
        let profile = dir.path().join(format!("profile-{lang}"));
        let out = run_chromium(&bin, &profile, &["--dump-dom".to_string()], &page);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let dom = String::from_utf8_lossy(&out.stdout);
        assert!(
            dom.contains("</svg>") && dom.contains("</html>"),
            "rendered DOM:\n{dom:.400}"
        );
        for (id, has_data) in &indicators {
            let row = format!(r#"<tr data-indicator="{id}">"#);
            assert!(dom.contains(&row), "{lang}: no table row for {id}");
            let bar = format!(r#"data-indicator="{id}" x="0""#);
            assert_eq!(dom.contains(&bar), *has_data, "{lang}: bar of {id}");
        }
        let shot = dir.path().join(format!("shot-{lang}.png"));
        let args = [
            format!("--screenshot={}", shot.display()),
            "--window-size=1000,1400".to_string(),
        ];
        let out = run_chromium(&bin, &profile, &args, &page);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let png = std::fs::read(&shot).expect("screenshot written");
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
        assert!(
            png.len() > 20_000,
            "a page with content, not a blank one ({} bytes)",
            png.len()
        );
    }
}
