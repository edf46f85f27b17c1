//! Excel and OpenDocument workbooks (`.xlsx`, `.xls`, `.ods`) read with
//! calamine: the first visible sheet or the one asked for (a hidden sheet
//! only by name), each row turned into the same record a CSV file gives,
//! each field knowing its cell (`Sheet1!C7`). A cell shown as a percentage
//! counts as the percentage (xlsx styles; ods from `ods.rs`), a date cell
//! as its date (`2024-01-01`), and a formula whose result was never saved
//! is marked so the row checks can say so. A workbook is read whole: it is
//! a zip of XML that calamine loads at once.

use std::io::Cursor;
use std::sync::Arc;

use calamine::{Data, Range, Reader, SheetVisible, Sheets, open_workbook_auto_from_rs};

use super::record::{Record, RecordBuf};
use crate::diagnostic::Diagnostic;
use crate::msg::{Problem, Reason, WorkbookFault};
use crate::names::nfc;

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

/// One sheet of a workbook, as text cells.
pub struct Sheet {
    name: String,
    cells: Range<Data>,
    percent: Vec<(u32, u32)>,
    /// Formula cells whose result was never saved, row-major.
    unsaved: Vec<(u32, u32)>,
    buf: RecordBuf,
    next: usize,
}

impl Sheet {
    /// Opens the sheet of `bytes` named `wanted`, else the first visible
    /// one. calamine can panic on a damaged workbook (fuzzing found an
    /// arithmetic overflow on an absurd cell reference): such a file is
    /// reported as damaged, with no panic message.
    pub fn open(
        bytes: Vec<u8>,
        file: &Arc<str>,
        wanted: Option<&str>,
    ) -> Result<Sheet, Box<Diagnostic>> {
        let fault = |f: WorkbookFault| Box::new(Diagnostic::file(file, Problem::Workbook(f)));
        guarded(|| open_sheet(bytes, wanted))
            .unwrap_or(Err(WorkbookFault::Damaged))
            .map_err(fault)
    }

    /// The next row, `None` after the last.
    pub fn next_row(&mut self) -> Option<Record<'_>> {
        let (row0, col0) = self.cells.start().unwrap_or((0, 0));
        let i = self.next;
        if i >= self.cells.height() {
            return None;
        }
        let row = row0 + i as u32;
        self.next += 1;
        self.buf.clear();
        for j in 0..self.cells.width() {
            let cell = self.cells.get((i, j)).unwrap_or(&Data::Empty);
            let at = (row, col0 + j as u32);
            if *cell == Data::Empty && self.unsaved.binary_search(&at).is_ok() {
                self.buf.push_unsaved();
                continue;
            }
            let percent = self.percent.binary_search(&at).is_ok();
            self.buf.push(&cell_text(cell, percent));
        }
        Some(
            self.buf
                .record(u64::from(row) + 1, u64::from(col0) + 1, Some(&self.name)),
        )
    }
}

/// Runs `f`, turning a panic into `None` without printing a panic message.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    result.ok()
}

fn open_sheet(bytes: Vec<u8>, wanted: Option<&str>) -> Result<Sheet, WorkbookFault> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.as_slice()))
        .map_err(|e| WorkbookFault::CannotOpen(e.to_string()))?;
    let sheets = book.sheets_metadata().to_vec();
    let name = match wanted {
        Some(wanted) => sheets
            .iter()
            .find(|s| nfc(&s.name) == nfc(wanted))
            .ok_or_else(|| WorkbookFault::NoSheet {
                wanted: wanted.to_string(),
                names: sheets.iter().map(|s| s.name.clone()).collect(),
            })?,
        None => sheets
            .iter()
            .find(|s| s.visible == SheetVisible::Visible)
            .ok_or(WorkbookFault::NoSheets)?,
    }
    .name
    .clone();
    let cells = book
        .worksheet_range(&name)
        .map_err(|e| WorkbookFault::CannotReadSheet {
            name: name.clone(),
            reason: Reason::text(e.to_string()),
        })?;
    // Only xlsx has styles in calamine; an ods file says it in its XML.
    let mut percent = Vec::new();
    if let Sheets::Ods(_) = book {
        percent = super::ods::percent_cells(&bytes, &name);
    } else if let Ok(styles) = book.worksheet_style(&name) {
        let (row0, col0) = cells.start().unwrap_or((0, 0));
        for (i, row) in cells.rows().enumerate() {
            for (j, cell) in row.iter().enumerate() {
                let at = (row0 + i as u32, col0 + j as u32);
                let is_number = matches!(cell, Data::Float(_) | Data::Int(_));
                let shown_as_percent = styles
                    .get(at)
                    .and_then(|s| s.number_format.as_ref())
                    .is_some_and(|f| {
                        matches!(f.format_id, Some(9 | 10)) || is_percent_format(&f.format_code)
                    });
                if is_number && shown_as_percent {
                    percent.push(at);
                }
            }
        }
    }
    let mut unsaved = Vec::new();
    if let Ok(formulas) = book.worksheet_formula(&name) {
        for (r, c, f) in formulas.used_cells() {
            let (r0, c0) = formulas.start().unwrap_or((0, 0));
            let at = (r0 + r as u32, c0 + c as u32);
            if !f.is_empty() && cell_at(&cells, at).is_none_or(|d| *d == Data::Empty) {
                unsaved.push(at);
            }
        }
        unsaved.sort_unstable();
    }
    Ok(Sheet {
        name,
        cells,
        percent,
        unsaved,
        buf: RecordBuf::default(),
        next: 0,
    })
}

/// The cell at an absolute (row, column), if the range holds it.
fn cell_at(cells: &Range<Data>, (row, col): (u32, u32)) -> Option<&Data> {
    let (r0, c0) = cells.start()?;
    let (i, j) = (row.checked_sub(r0)?, col.checked_sub(c0)?);
    cells.get((i as usize, j as usize))
}

/// A cell as the text a CSV export would hold. A number shown as a
/// percentage (stored as 0.875, shown as 87.5%) becomes `87.5`.
fn cell_text(cell: &Data, percent: bool) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => nfc(s).into_owned(),
        Data::Float(f) if percent => times_100(&f.to_string()),
        Data::Int(i) if percent => times_100(&i.to_string()),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, d, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
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
    if decimal.contains(['e', 'E']) {
        return decimal
            .parse::<f64>()
            .map_or_else(|_| decimal.to_string(), |v| (v * 100.0).to_string());
    }
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
