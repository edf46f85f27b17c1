//! The data-entry template: one row per indicator, declared member and
//! year, with the value left empty for a department to fill in. Builds the
//! rows and renders them as CSV or xlsx bytes; writes no file itself.

use anyhow::Result;
use rust_xlsxwriter::{Format, Workbook};

use crate::lang::Lang;
use crate::say;
use crate::targets::Resolution;

/// The template's columns: the data-file columns `dtcalc` reads.
pub const COLUMNS: [&str; 7] = [
    "indicator",
    "year",
    "breakdown",
    "value",
    "unit",
    "source",
    "note",
];

/// One row of the template.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateRow {
    /// Indicator id.
    pub indicator: String,
    /// Year the figure is for.
    pub year: i32,
    /// Declared member, or empty.
    pub breakdown: String,
    /// The indicator's unit symbol.
    pub unit: String,
    /// The indicator's name, and what to do for per-member indicators
    /// without declared members.
    pub note: String,
}

/// Rows for every year (outer) and indicator (inner) in resolution order.
///
/// An indicator whose target applies to each member of an open group (each
/// sector) gets one row with an empty breakdown and a note asking for one
/// row per member: the template cannot know the province's sectors.
pub fn rows(resolution: &Resolution, years: &[i32], lang: Lang) -> Vec<TemplateRow> {
    let mut rows = Vec::new();
    for &year in years {
        for ind in &resolution.indicators {
            let row = |breakdown: &str, note: String| TemplateRow {
                indicator: ind.id.clone(),
                year,
                breakdown: breakdown.to_string(),
                unit: ind.unit.symbol().to_string(),
                note,
            };
            let name = ind.name(lang).to_string();
            match &ind.each {
                None => rows.push(row("", name)),
                Some(_) if !ind.members.is_empty() => {
                    rows.extend(ind.members.iter().map(|m| row(m, name.clone())));
                }
                Some((each_vi, each_en)) => {
                    let hint = say!(lang,
                        en: format!(
                            "{name}. One row per {each_en}: copy this row and name the {each_en} in breakdown"
                        ),
                        vi: format!(
                            "{name}. Một dòng cho mỗi {each_vi}: chép dòng này và ghi tên vào cột breakdown"
                        ),
                    );
                    rows.push(row("", hint));
                }
            }
        }
    }
    rows
}

/// The rows as UTF-8 CSV with a byte-order mark, so that Excel shows the
/// accents right when the file is double-clicked.
pub fn to_csv(rows: &[TemplateRow]) -> Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(COLUMNS)?;
        for r in rows {
            let year = r.year.to_string();
            w.write_record([
                r.indicator.as_str(),
                &year,
                &r.breakdown,
                "",
                &r.unit,
                "",
                &r.note,
            ])?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// The rows as an xlsx workbook with one sheet, `data`.
pub fn to_xlsx(rows: &[TemplateRow]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("data")?;
    let bold = Format::new().set_bold();
    for (col, name) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &r.indicator)?;
        sheet.write_number(row, 1, r.year)?;
        sheet.write_string(row, 2, &r.breakdown)?;
        sheet.write_string(row, 4, &r.unit)?;
        sheet.write_string(row, 6, &r.note)?;
    }
    for (col, width) in [(0, 34), (1, 7), (2, 14), (3, 10), (4, 8), (5, 24), (6, 60)] {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(book.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::{BUILTIN, parse};

    #[test]
    fn one_row_per_indicator_member_and_year() {
        let r = parse(BUILTIN, "targets.toml").unwrap();
        let rows = rows(&r, &[2024, 2025], Lang::En);
        // 18 indicators; fibre has 3 declared members (+2 rows); the two
        // sector indicators keep one row each: 20 rows a year
        assert_eq!(rows.len(), 2 * 20);
        let fibre: Vec<&str> = rows
            .iter()
            .filter(|x| x.indicator == "soc.fibre_coverage" && x.year == 2024)
            .map(|x| x.breakdown.as_str())
            .collect();
        assert_eq!(fibre, ["households", "schools", "hospitals"]);
        let sector = rows
            .iter()
            .find(|x| x.indicator == "gov.digital_data")
            .unwrap();
        assert!(sector.note.contains("One row per sector/field"));
        assert_eq!(rows[0].year, 2024);
        assert_eq!(rows[20].year, 2025);
    }

    #[test]
    fn csv_has_a_bom_and_the_data_columns() {
        let r = parse(BUILTIN, "targets.toml").unwrap();
        let bytes = to_csv(&rows(&r, &[2024], Lang::En)).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("\u{feff}indicator,year,breakdown,value,unit,source,note")
        );
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("gov.online_services,2024,,,%,,")
        );
    }
}
