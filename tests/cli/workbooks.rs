//! Workbooks as spreadsheet programs leave them: a hidden first sheet, an
//! `.ods` cell shown as a percentage, a date typed where a year belongs, a
//! formula whose result was never saved. The files are written here as the
//! few XML parts such a workbook has, so each case is exactly what it says.

use std::io::Write;
use std::path::Path;

use crate::common::{dtcalc, json};

/// A zip of `(name, text)` parts.
fn zip(path: &Path, parts: &[(&str, String)]) {
    let file = std::fs::File::create(path).expect("create");
    let mut z = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in parts {
        z.start_file(*name, stored).expect("part");
        z.write_all(text.as_bytes()).expect("write");
    }
    z.finish().expect("finish");
}

/// An xlsx of `sheets`: (name, hidden, rows of cell XML, each row the
/// `<c>` elements of that row).
fn xlsx(path: &Path, sheets: &[(&str, bool, Vec<String>)]) {
    let mut parts = vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
    ];
    let mut book = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, (name, hidden, rows)) in sheets.iter().enumerate() {
        let n = i + 1;
        let state = if *hidden { r#" state="hidden""# } else { "" };
        book.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}"{state} r:id="rId{n}"/>"#
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        let data: String = rows
            .iter()
            .enumerate()
            .map(|(r, cells)| format!(r#"<row r="{}">{cells}</row>"#, r + 1))
            .collect();
        parts.push((
            Box::leak(format!("xl/worksheets/sheet{n}.xml").into_boxed_str()),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#
            ),
        ));
    }
    book.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    parts.push(("xl/workbook.xml", book));
    parts.push(("xl/_rels/workbook.xml.rels", rels));
    zip(path, &parts);
}

/// An inline-string cell.
fn s(at: &str, text: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// A number cell.
fn n(at: &str, v: f64) -> String {
    format!(r#"<c r="{at}"><v>{v}</v></c>"#)
}

/// The header row `indicator, year, value`.
fn header() -> String {
    [s("A1", "indicator"), s("B1", "year"), s("C1", "value")].concat()
}

/// The JSON report of one file, its exit code checked.
fn report(path: &Path, extra: &[&str]) -> serde_json::Value {
    let out = dtcalc()
        .arg("report")
        .arg(path)
        .args(extra)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

/// The actual of an indicator's first result.
fn actual(report: &serde_json::Value, id: &str) -> Option<f64> {
    report["indicators"]
        .as_array()?
        .iter()
        .find(|i| i["id"] == id)?["actual"]
        .as_f64()
}

#[test]
fn a_hidden_first_sheet_is_read_only_when_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("hidden.xlsx");
    let row = |v: f64| [s("A2", "soc.digital_identity"), n("B2", 2024.0), n("C2", v)].concat();
    xlsx(
        &path,
        &[
            ("old", true, vec![header(), row(10.0)]),
            ("data", false, vec![header(), row(50.0)]),
        ],
    );
    // the first visible sheet: 50, not the hidden sheet's 10
    assert_eq!(
        actual(&report(&path, &[]), "soc.digital_identity"),
        Some(50.0)
    );
    assert_eq!(
        actual(&report(&path, &["--sheet", "old"]), "soc.digital_identity"),
        Some(10.0)
    );
}

#[test]
fn a_date_where_a_year_belongs_is_named_as_a_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("date.xlsx");
    // 45292 is 2024-01-01 in Excel's 1900 date system; the cell is a date
    // when its style has a date format: use a built-in one (14, m/d/yyyy)
    let date_cell = r#"<c r="B2" s="1"><v>45292</v></c>"#.to_string();
    xlsx(
        &path,
        &[(
            "data",
            false,
            vec![
                header(),
                [s("A2", "soc.digital_identity"), date_cell, n("C2", 86.0)].concat(),
            ],
        )],
    );
    add_date_style(&path);
    let path = path.display().to_string();
    dtcalc()
        .args(["validate", &path])
        .assert()
        .code(1)
        .stdout(predicates::str::contains(format!(
            "{path}:data!B2: bad-year: year: a date, 2024-01-01, where a year belongs; type the year 2024"
        )));
}

/// Rewrites an xlsx with a styles part whose style 1 is the date format 14.
fn add_date_style(path: &Path) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).expect("part");
        let mut text = String::new();
        std::io::Read::read_to_string(&mut f, &mut text).expect("read");
        let name = f.name().expect("name").to_string();
        let text = match name.as_str() {
            "xl/_rels/workbook.xml.rels" => text.replace(
                "</Relationships>",
                r#"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
            ),
            _ => text,
        };
        parts.push((Box::leak(name.into_boxed_str()) as &str, text));
    }
    parts.push((
        "xl/styles.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#.to_string(),
    ));
    zip(path, &parts);
}

#[test]
fn a_formula_without_a_saved_result_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("formula.xlsx");
    // C2 is =A9*2 with no <v>: the program that wrote it never calculated it
    let formula = r#"<c r="C2"><f>A9*2</f></c>"#.to_string();
    xlsx(
        &path,
        &[(
            "data",
            false,
            vec![
                header(),
                [s("A2", "soc.digital_identity"), n("B2", 2024.0), formula].concat(),
            ],
        )],
    );
    let path = path.display().to_string();
    dtcalc()
        .args(["validate", &path])
        .assert()
        .code(1)
        .stdout(predicates::str::contains(format!(
            "{path}:data!C2: formula-not-saved: value: the cell holds a formula whose result was never saved; open and save the file in Excel or LibreOffice"
        )));
}

/// An ods of one sheet `data` whose rows are given as `<table:table-row>`
/// inner XML.
fn ods(path: &Path, rows: &[String]) {
    let rows: String = rows
        .iter()
        .map(|r| format!("<table:table-row>{r}</table:table-row>"))
        .collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="data">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip(
        path,
        &[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet".to_string()),
            (
                "META-INF/manifest.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#.to_string(),
            ),
            ("content.xml", content),
        ],
    );
}

fn ods_text(t: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
    )
}

fn ods_number(v: f64, kind: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="{kind}" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
    )
}

#[test]
fn an_ods_cell_shown_as_a_percentage_counts_as_the_percentage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shares.ods");
    let head = [ods_text("indicator"), ods_text("year"), ods_text("value")].concat();
    let row = |id: &str, v: f64| {
        [
            ods_text(id),
            ods_number(2024.0, "float"),
            ods_number(v, "percentage"),
        ]
        .concat()
    };
    ods(&path, &[head.clone(), row("soc.digital_identity", 0.854)]);
    // stored 0.854, shown 85.4 %: as from xlsx, 85.4
    assert_eq!(
        actual(&report(&path, &[]), "soc.digital_identity"),
        Some(85.4)
    );
    // 150 % is out of range, as from xlsx
    ods(&path, &[head, row("soc.digital_identity", 1.5)]);
    let path = path.display().to_string();
    dtcalc()
        .args(["validate", &path])
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "data!C2: out-of-range: value: \"150\" is outside 0-100",
        ));
}
