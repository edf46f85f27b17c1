//! Which cells of an OpenDocument sheet hold percentages.
//!
//! calamine gives an `.ods` cell's stored value (0.854) but not that it is
//! shown as a percentage (85.4 %), which `.xlsx` styles tell. An `.ods`
//! file is a zip whose `content.xml` marks each such cell with
//! `office:value-type="percentage"`; this module reads that attribute with
//! quick-xml (the parser calamine itself uses), counting rows and columns
//! as the sheet lays them out (repeated rows and cells included).

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

/// Rows or columns repeated past this are empty filler (LibreOffice pads a
/// sheet to its last possible row); they are counted, not walked.
const MAX_REPEAT: u32 = 1 << 20;

/// The (row, column) of every percentage cell of sheet `name`, 0-based, in
/// row-major order; empty when the file is not an OpenDocument zip or has
/// no such sheet.
pub fn percent_cells(bytes: &[u8], name: &str) -> Vec<(u32, u32)> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut xml = Vec::new();
    match zip.by_name("content.xml") {
        Ok(mut f) => {
            if f.read_to_end(&mut xml).is_err() {
                return Vec::new();
            }
        }
        Err(_) => return Vec::new(),
    }
    cells(&xml, name)
}

fn cells(xml: &[u8], name: &str) -> Vec<(u32, u32)> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut in_sheet = false;
    let (mut row, mut col) = (0u32, 0u32);
    let mut row_repeat = 1;
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(_) => return out,
        };
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().into_inner() == "table" => {
                in_sheet = attr(&e, "name").as_deref() == Some(name);
                (row, col) = (0, 0);
            }
            Event::End(e) if in_sheet && e.local_name().into_inner() == "table" => return out,
            Event::Start(e) if in_sheet && e.local_name().into_inner() == "table-row" => {
                col = 0;
                row_repeat = repeat(&e, "number-rows-repeated");
            }
            Event::Empty(e) if in_sheet && e.local_name().into_inner() == "table-row" => {
                row = row.saturating_add(repeat(&e, "number-rows-repeated"));
            }
            Event::End(e) if in_sheet && e.local_name().into_inner() == "table-row" => {
                row = row.saturating_add(row_repeat);
            }
            Event::Start(e) | Event::Empty(e)
                if in_sheet
                    && matches!(
                        e.local_name().into_inner(),
                        "table-cell" | "covered-table-cell"
                    ) =>
            {
                let n = repeat(&e, "number-columns-repeated");
                if attr(&e, "value-type").as_deref() == Some("percentage") {
                    for r in 0..row_repeat.min(MAX_REPEAT) {
                        for c in 0..n.min(MAX_REPEAT) {
                            out.push((row.saturating_add(r), col.saturating_add(c)));
                        }
                    }
                }
                col = col.saturating_add(n);
            }
            Event::Eof => return out,
            _ => {}
        }
        buf.clear();
    }
}

/// An attribute's value by its local name (`table:name` -> `name`).
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == local)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(|_| a.value.to_string(), |v| v.to_string())
        })
}

/// A repeat count attribute, 1 when absent.
fn repeat(e: &BytesStart, local: &str) -> u32 {
    attr(e, local)
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentage_cells_are_found_where_the_sheet_puts_them() {
        let xml = br#"<office:document-content xmlns:office="o" xmlns:table="t"><office:body><office:spreadsheet>
            <table:table table:name="other"><table:table-row><table:table-cell office:value-type="percentage"/></table:table-row></table:table>
            <table:table table:name="data">
              <table:table-row><table:table-cell office:value-type="string"/></table:table-row>
              <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="percentage" office:value="0.854"/></table:table-row>
              <table:table-row/>
              <table:table-row><table:covered-table-cell/><table:table-cell office:value-type="percentage"/></table:table-row>
            </table:table></office:spreadsheet></office:body></office:document-content>"#;
        // row 0 a string; rows 1-2 repeat: column 2 a percentage; row 3 empty; row 4 column 1
        assert_eq!(cells(xml, "data"), vec![(1, 2), (2, 2), (4, 1)]);
        assert_eq!(cells(xml, "other"), vec![(0, 0)]);
        assert!(cells(xml, "none").is_empty());
        assert!(percent_cells(b"not a zip", "data").is_empty());
    }
}
