//! Excel and OpenDocument workbooks (`.xlsx`, `.xls`, `.ods`) read with
//! calamine: the first sheet or the one asked for, cells turned into the
//! same text fields a CSV file gives, each knowing its cell (`Sheet1!C7`).

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::encoding::nfc;
use super::record::{Field, Record};
use crate::diagnostic::Diagnostic;
use crate::lang::Text;

/// True when the bytes are a zip (xlsx, ods) or an OLE file (xls).
pub fn looks_like_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// True for a file name with a workbook extension.
pub fn has_workbook_extension(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".xlsx", ".xlsm", ".xls", ".ods"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// Reads one sheet into records (row numbers are the sheet's).
///
/// calamine can panic on a damaged workbook (fuzzing found an arithmetic
/// overflow on an absurd cell reference, in calamine 0.38's
/// `get_row_and_optional_column`): such a file is reported as damaged, with
/// no panic message, instead of crashing the run.
pub fn read(
    bytes: Vec<u8>,
    file: &str,
    sheet: Option<&str>,
) -> Result<Vec<Record>, Box<Diagnostic>> {
    guarded(|| read_sheet(bytes, file, sheet)).unwrap_or_else(|| {
                let msg = Text::new(
            "the workbook is damaged and cannot be read; open it in a spreadsheet program and save it again",
            "sổ tính bị hỏng và không đọc được; hãy mở nó bằng chương trình bảng tính và lưu lại",
        );
        Err(Box::new(Diagnostic::file(file, "unreadable", msg)))
    })
}

/// Runs `f`, turning a panic into `None` without printing a panic message.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    result.ok()
}

fn read_sheet(
    bytes: Vec<u8>,
    file: &str,
    sheet: Option<&str>,
) -> Result<Vec<Record>, Box<Diagnostic>> {
    let unreadable = |msg: Text| Diagnostic::file(file, "unreadable", msg);
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        unreadable(Text::new(
            format!("cannot read the workbook (is it really an .xlsx, .xls or .ods file?): {e}"),
            format!("không đọc được sổ tính (có thật là tệp .xlsx, .xls hoặc .ods không?): {e}"),
        ))
    })?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| nfc(n.to_string()) == nfc(wanted.to_string()))
            .ok_or_else(|| {
                unreadable(Text::new(
                    format!(
                        "no sheet named \"{wanted}\"; the workbook has: {}",
                        names.join(", ")
                    ),
                    format!(
                        "không có trang tính tên \"{wanted}\"; sổ tính có: {}",
                        names.join(", ")
                    ),
                ))
            })?,
        None => names.first().ok_or_else(|| {
            unreadable(Text::new(
                "the workbook has no sheet",
                "sổ tính không có trang tính nào",
            ))
        })?,
    }
    .clone();
    let range = book.worksheet_range(&name).map_err(|e| {
        unreadable(Text::new(
            format!("cannot read sheet \"{name}\": {e}"),
            format!("không đọc được trang tính \"{name}\": {e}"),
        ))
    })?;
    // Only xlsx has styles in calamine; elsewhere this is empty.
    let styles = book.worksheet_style(&name).ok();
    let is_percent = |row: u32, col: u32| {
        styles
            .as_ref()
            .and_then(|s| s.get((row, col)))
            .and_then(|s| s.number_format.as_ref())
            .is_some_and(|f| {
                matches!(f.format_id, Some(9 | 10)) || is_percent_format(&f.format_code)
            })
    };
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut records = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let row = row0 + i as u32;
        let fields = cells
            .iter()
            .enumerate()
            .map(|(j, cell)| {
                let col = col0 + j as u32;
                Field {
                    text: cell_text(cell, is_percent(row, col)),
                    line: u64::from(row) + 1,
                    column: u64::from(col) + 1,
                }
            })
            .collect();
        records.push(Record {
            line: u64::from(row) + 1,
            fields,
            sheet: Some(name.clone()),
            bad: false,
        });
    }
    Ok(records)
}

/// A cell as the text a CSV export would hold. A number shown as a
/// percentage (stored as 0.875, shown as 87.5%) becomes `87.5`.
fn cell_text(cell: &Data, percent: bool) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => nfc(s.clone()),
        Data::Float(f) if percent => times_100(&f.to_string()),
        Data::Int(i) if percent => times_100(&i.to_string()),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        other => other.to_string(),
    }
}

/// True when a number format shows a percentage (`0%`, `0.0%`), ignoring a
/// `%` inside quotes or escaped.
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// Multiplies a plain decimal (no exponent) by 100 by moving the point, so
/// that 0.854 becomes 85.4 exactly rather than 85.39999999999999.
fn times_100(decimal: &str) -> String {
    let (sign, digits) = match decimal.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", decimal),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let frac = format!("{frac:0<2}");
    let (moved, rest) = frac.split_at(2);
    let int = format!("{int}{moved}");
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let rest = rest.trim_end_matches('0');
    if rest.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{rest}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_move_the_decimal_point_exactly() {
        assert_eq!(times_100("0.854"), "85.4"); // 0.854 x 100 in f64 is 85.39999999999999
        assert_eq!(times_100("0.875"), "87.5");
        assert_eq!(times_100("1"), "100");
        assert_eq!(times_100("0.5"), "50");
        assert_eq!(times_100("0.00125"), "0.125");
        assert_eq!(times_100("-0.021"), "-2.1");
        assert_eq!(times_100("0"), "0");
    }

    #[test]
    fn percent_formats_are_recognised() {
        assert!(is_percent_format("0%"));
        assert!(is_percent_format("0.0%"));
        assert!(!is_percent_format("General"));
        assert!(!is_percent_format("0.0\"%\""));
        assert!(!is_percent_format("0.0\\%"));
    }

    #[test]
    fn cells_become_csv_text() {
        assert_eq!(cell_text(&Data::Float(2024.0), false), "2024");
        assert_eq!(cell_text(&Data::Float(85.4), false), "85.4");
        assert_eq!(cell_text(&Data::Float(0.875), true), "87.5");
        assert_eq!(cell_text(&Data::Int(27), false), "27");
        assert_eq!(cell_text(&Data::Empty, false), "");
        assert_eq!(cell_text(&Data::Bool(true), false), "TRUE");
    }

    #[test]
    fn workbook_kinds_are_recognised() {
        assert!(looks_like_workbook(b"PK\x03\x04rest"));
        assert!(!looks_like_workbook(b"indicator,year"));
        assert!(has_workbook_extension("Data/Q3.XLSX"));
        assert!(has_workbook_extension("q3.ods"));
        assert!(!has_workbook_extension("q3.csv"));
    }
}
