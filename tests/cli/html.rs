//! The HTML report: self-contained, and rendered by a real browser
//! (headless Chromium, Debian package `chromium`, installed by `.ci/run`).
//!
//! Without Chromium the render test fails with a message saying how to
//! install it, unless `DTCALC_SKIP_BROWSER=1` is set.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{dtcalc, fixture, json};

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

/// The layout checks a person makes looking at the page, run by Chromium
/// in the page shown in the frame `#page`. Writes one line per problem
/// into `<pre id="layout">`, and `width BODY of WINDOW` (the page's column
/// in the window, in px):
/// - the page is no wider than the window;
/// - no table, chart, list, paragraph or heading sticks out of its
///   container, and no cell's text out of its cell;
/// - a status (`no data`, `chưa có số liệu`) and a chart's figure stay on
///   one line;
/// - the dashed target line of a chart crosses no text.
const PROBE: &str = r#"
addEventListener('load', () => {
  const frame = document.getElementById('page');
  const d = frame.contentDocument, w = frame.contentWindow;
  const out = [];
  const de = d.documentElement;
  if (de.scrollWidth > w.innerWidth) out.push(`page ${de.scrollWidth} px wide in a ${w.innerWidth} px window`);
  out.push(`width ${Math.round(d.body.getBoundingClientRect().width)} of ${w.innerWidth}`);
  const name = (el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class')}`;
  for (const el of d.querySelectorAll('table, svg, figure, ul, dl, p, h1, h2, h3, h4')) {
    const over = el.getBoundingClientRect().right - el.parentElement.getBoundingClientRect().right;
    if (over > 0.5) out.push(`${name(el)} sticks out by ${over.toFixed(1)} px`);
  }
  for (const el of d.querySelectorAll('td, th, .chart .value, .chart .label, .chart .bar-row')) {
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'none')
      out.push(`text sticks out of ${name(el)} by ${el.scrollWidth - el.clientWidth} px: "${el.textContent.slice(0, 40)}"`);
  }
  const rects = (node) => { const r = d.createRange(); r.selectNodeContents(node); return [...r.getClientRects()]; };
  const words = [...d.querySelectorAll('.state, .chart .value, .chart .note')];
  for (const td of d.querySelectorAll('table.indicators td.status'))
    if (td.firstChild && td.firstChild.nodeType === 3) words.push(td.firstChild);
  for (const el of words) {
    const lines = new Set(rects(el).map(r => Math.round(r.bottom))).size;
    if (lines > 1) out.push(`"${el.textContent}" on ${lines} lines`);
  }
  const targets = [...d.querySelectorAll('.target')].map(l => l.getBoundingClientRect());
  for (const t of d.querySelectorAll('.chart .label, .chart .value, .chart .note, .chart text')) {
    if (t.classList.contains('target-label')) continue;
    for (const r of rects(t)) for (const l of targets)
      if (r.left < l.right && r.right > l.left && r.bottom > l.top && r.top < l.bottom)
        out.push(`target line crosses "${t.textContent.slice(0, 40)}"`);
  }
  const pre = document.createElement('pre');
  pre.id = 'layout';
  pre.textContent = out.join('\n');
  document.body.append(pre);
});
"#;

/// A page showing `report` in a frame `width` x `height` px with [`PROBE`]:
/// Chromium's window cannot be narrower than 500 px, a frame can (a phone
/// is 390 px wide). The frame's `srcdoc` shares the page's origin, so the
/// probe can measure inside it.
fn harness(report: &str, width: u32, height: u32) -> String {
    let src = report
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><style>body {{ margin: 0 }} iframe {{ border: 0; display: block }}</style></head><body><iframe id="page" style="width: {width}px; height: {height}px" srcdoc="{src}"></iframe><script>{PROBE}</script></body></html>"#
    )
}

#[test]
fn html_fits_a_desktop_and_a_phone_window() {
    let Some(bin) = chromium() else {
        if std::env::var_os("DTCALC_SKIP_BROWSER").is_some_and(|v| v == "1") {
            eprintln!("skipped: chromium not installed and DTCALC_SKIP_BROWSER=1");
            return;
        }
        panic!(
            "chromium is not installed: `apt-get install -y chromium`, or set DTCALC_SKIP_BROWSER=1"
        );
    };
    let dir = tempfile::tempdir().expect("tempdir");
    // The screenshots stay for a person to look at.
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-screenshots");
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    let no_data = fixture("data/fibre-incomplete.csv");
    let pages = [
        (
            "example-en",
            vec!["report", "examples/actuals.csv", "--lang", "en"],
        ),
        (
            "example-vi",
            vec!["report", "examples/actuals.csv", "--lang", "vi"],
        ),
        // most indicators without data: "chưa có số liệu" everywhere
        ("no-data-vi", vec!["report", &no_data, "--lang", "vi"]),
    ];
    let mut problems = Vec::new();
    for (name, args) in pages {
        let out = dtcalc()
            .args(&args)
            .args(["--format", "html"])
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report = String::from_utf8(out.stdout).expect("UTF-8");
        for (width, height) in [(1280, 2400), (390, 3000)] {
            let page = dir.path().join(format!("{name}-{width}.html"));
            std::fs::write(&page, harness(&report, width, height)).expect("write");
            let profile = dir.path().join(format!("profile-{name}-{width}"));
            let window = format!("--window-size={width},{height}");
            let shot = shots.join(format!("{name}-{width}.png"));
            let screenshot = [format!("--screenshot={}", shot.display()), window.clone()];
            let out = run_chromium(&bin, &profile, &screenshot, &page);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let png = std::fs::read(&shot).expect("screenshot written");
            assert!(
                png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 20_000,
                "{name}-{width}"
            );
            let out = run_chromium(&bin, &profile, &["--dump-dom".to_string(), window], &page);
            let dom = String::from_utf8_lossy(&out.stdout);
            let found = dom
                .split_once(r#"<pre id="layout">"#)
                .and_then(|(_, rest)| rest.split_once("</pre>"))
                .map(|(text, _)| text.replace("&quot;", "\""))
                .unwrap_or_else(|| panic!("{name}-{width}: the probe did not run:\n{dom:.400}"));
            for line in found.lines() {
                match line
                    .strip_prefix("width ")
                    .and_then(|l| l.split_once(" of "))
                {
                    // The page uses the window: its 1200 px column on a
                    // desktop, all of a phone's width.
                    Some((body, window)) => {
                        let (body, window): (u32, u32) =
                            (body.parse().expect("px"), window.parse().expect("px"));
                        if body < window.min(1200) {
                            problems.push(format!(
                                "{name}-{width}: the page uses {body} of {window} px"
                            ));
                        }
                    }
                    None => problems.push(format!("{name}-{width}: {line}")),
                }
            }
        }
    }
    eprintln!("screenshots: {}", shots.display());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
