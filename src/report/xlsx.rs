//! Excel workbooks (`--format xlsx`) an analyst can forward: for the report
//! a summary sheet (title, sources, as-of year, pillar summaries per target
//! year) and one sheet per pillar; for `targets` one sheet; for `--by area`
//! one row per area, pillar and target year, and an about sheet.
//!
//! Numbers are stored as numbers; attainments, means and scores as
//! fractions shown as percentages (0.912 is 91.2 %). Statuses and progress
//! take the colour of their tone (`tone`), tables have a frozen, filterable
//! header row. Words come from `msg::sheet`; nothing here computes a figure.

use std::io::Write;

use anyhow::Result;
use rust_xlsxwriter::{Color, DocProperties, Format as Style, FormatBorder, Workbook, Worksheet};

use super::tone::Tone;
use super::{AreaContext, Context, clean, summaries_of, text};
use crate::calc::{IndicatorResult, Scope, Summary};
use crate::lang::Lang;
use crate::msg::sheet::{self, Column, Label, Sheet};
use crate::progress::Class;
use crate::say;
use crate::targets::{Comparison, Indicator, Resolution};

/// Number format of attainments, means and scores, stored as fractions.
const PERCENT: &str = "0.0%";

/// A table's columns with their widths in characters.
type Columns = [(Column, f64)];

/// Columns of a pillar sheet: one row per indicator and target year.
const INDICATOR_COLUMNS: [(Column, f64); 14] = [
    (Column::Indicator, 26.0),
    (Column::Name, 48.0),
    (Column::Unit, 8.0),
    (Column::TargetYear, 9.0),
    (Column::Comparison, 8.0),
    (Column::Target, 10.0),
    (Column::Actual, 10.0),
    (Column::ActualYear, 9.0),
    (Column::Attainment, 10.0),
    (Column::Gap, 10.0),
    (Column::Status, 18.0),
    (Column::WorstMember, 16.0),
    (Column::MissingMembers, 16.0),
    (Column::Progress, 30.0),
];

/// Columns of a summary table on the summary sheet.
const SUMMARY_COLUMNS: [(Column, f64); 7] = [
    (Column::Pillar, 34.0),
    (Column::WithTarget, 12.0),
    (Column::WithData, 12.0),
    (Column::Met, 8.0),
    (Column::MeanAttainment, 13.0),
    (Column::ItemsMet, 14.0),
    (Column::Items, 10.0),
];

/// Columns of the targets sheet: one row per indicator and target year.
const TARGET_COLUMNS: [(Column, f64); 7] = [
    (Column::Indicator, 26.0),
    (Column::Pillar, 20.0),
    (Column::Name, 60.0),
    (Column::Unit, 8.0),
    (Column::TargetYear, 9.0),
    (Column::Comparison, 8.0),
    (Column::Target, 10.0),
];

/// Columns of the areas sheet: those of the per-area CSV, in its order.
const AREA_COLUMNS: [(Column, f64); 11] = [
    (Column::Area, 24.0),
    (Column::Pillar, 20.0),
    (Column::TargetYear, 9.0),
    (Column::WithTarget, 12.0),
    (Column::WithData, 12.0),
    (Column::Met, 8.0),
    (Column::MeanAttainment, 13.0),
    (Column::Score, 9.0),
    (Column::Rank, 7.0),
    (Column::Items, 10.0),
    (Column::ItemsMet, 14.0),
];

/// Writes the report as a workbook: the summary sheet, then one sheet per
/// pillar with results, in the resolution's order.
pub fn render_report(out: &mut dyn Write, ctx: &Context, lang: Lang) -> Result<()> {
    let r = ctx.resolution;
    let mut book = book(r, lang);
    let mut names = Names::default();
    let summary = book.add_worksheet();
    summary.set_name(names.claim(Sheet::Summary.say(lang)))?;
    write_summary(summary, ctx, lang)?;
    for p in &r.pillars {
        let results: Vec<(&Indicator, &IndicatorResult)> = ctx
            .assessment
            .results
            .iter()
            .filter_map(|x| Some((r.indicators.get(x.indicator)?, x)))
            .filter(|(ind, _)| ind.pillar == p.id)
            .collect();
        if results.is_empty() {
            continue;
        }
        let ws = book.add_worksheet();
        ws.set_name(names.claim(p.name(lang)))?;
        table(ws, &INDICATOR_COLUMNS, results.len(), lang)?;
        for (row, (ind, x)) in (1..).zip(results) {
            indicator_row(ws, row, ctx, ind, x, lang)?;
        }
    }
    save(out, &mut book)
}

/// Writes the resolution's targets as a workbook of one sheet.
pub fn render_targets(out: &mut dyn Write, r: &Resolution, lang: Lang) -> Result<()> {
    let mut book = book(r, lang);
    let ws = book.add_worksheet();
    ws.set_name(Sheet::Targets.say(lang))?;
    let rows: Vec<_> = r
        .indicators
        .iter()
        .flat_map(|i| i.targets.iter().map(move |t| (i, t)))
        .collect();
    table(ws, &TARGET_COLUMNS, rows.len(), lang)?;
    for (row, (i, t)) in (1..).zip(rows) {
        let pillar = r
            .pillar(&i.pillar)
            .map_or(i.pillar.as_str(), |p| p.name(lang));
        ws.write_string(row, 0, &i.id)?;
        ws.write_string(row, 1, pillar)?;
        ws.write_string(row, 2, i.name(lang))?;
        ws.write_string(row, 3, sheet::unit(lang, i.unit))?;
        ws.write_number(row, 4, t.year)?;
        ws.write_string(row, 5, comparison(t.comparison))?;
        ws.write_number(row, 6, t.value)?;
    }
    save(out, &mut book)
}

/// Writes the per-area report as a workbook: one row per area, pillar and
/// target year (the CSV's records), then the about sheet.
pub fn render_areas(out: &mut dyn Write, ctx: &AreaContext, lang: Lang) -> Result<()> {
    let r = ctx.resolution;
    let mut book = book(r, lang);
    let ws = book.add_worksheet();
    ws.set_name(Sheet::Areas.say(lang))?;
    let records: Vec<_> = ctx
        .rows
        .iter()
        .flat_map(|row| row.pillars.iter().map(move |s| (row, s)))
        .collect();
    table(ws, &AREA_COLUMNS, records.len(), lang)?;
    let percent = Style::new().set_num_format(PERCENT);
    for (at, (row, s)) in (1..).zip(records) {
        ws.write_string(at, 0, &row.name)?;
        ws.write_string(at, 1, text::pillar_name(lang, r, s.scope))?;
        ws.write_number(at, 2, row.target_year)?;
        counts(ws, at, 3, [s.indicators, s.with_data, s.met])?;
        let tone = toned(Tone::of_mean(s.mean_attainment_pct)).set_num_format(PERCENT);
        fraction(ws, at, 6, s.mean_attainment_pct, &tone)?;
        fraction(ws, at, 7, row.score, &percent)?;
        if let Some(rank) = row.rank {
            ws.write_number(at, 8, rank as f64)?;
        }
        counts(ws, at, 9, [s.items, s.items_met])?;
    }
    let about_sheet = book.add_worksheet();
    about_sheet.set_name(Sheet::About.say(lang))?;
    let next = about(about_sheet, r, ctx.files, ctx.as_of, lang)?;
    let years: Vec<String> = ctx.horizons.iter().map(i32::to_string).collect();
    about_sheet.write_string(next, 0, Label::TargetYears.say(lang))?;
    about_sheet.write_string(next, 1, years.join(", "))?;
    save(out, &mut book)
}

/// A new workbook titled with the resolution.
fn book(r: &Resolution, lang: Lang) -> Workbook {
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_title(r.title(lang)));
    book
}

fn save(out: &mut dyn Write, book: &mut Workbook) -> Result<()> {
    out.write_all(&book.save_to_buffer()?)?;
    Ok(())
}

/// The summary sheet: the resolution and sources, then per target year a
/// table of the pillars and their total, then what the gap and the mean
/// mean.
fn write_summary(ws: &mut Worksheet, ctx: &Context, lang: Lang) -> Result<()> {
    let a = ctx.assessment;
    let mut row = about(ws, ctx.resolution, ctx.files, a.as_of, lang)? + 1;
    let bold = Style::new().set_bold();
    for &year in &a.horizons {
        let summaries = summaries_of(a, year);
        if summaries.is_empty() {
            continue;
        }
        ws.write_string_with_format(row, 0, sheet::targets_for(lang, year), &bold)?;
        header(ws, row + 1, &SUMMARY_COLUMNS, lang)?;
        row += 2;
        for s in summaries {
            summary_row(ws, row, ctx.resolution, s, lang)?;
            row += 1;
        }
        row += 1;
    }
    for (row, line) in (row..).zip(text::footer(lang)) {
        ws.write_string_with_format(row, 0, line, &Style::new().set_italic())?;
    }
    widths(ws, &SUMMARY_COLUMNS)?;
    Ok(())
}

/// The resolution's title, issuer and adoption date, the data files and
/// the as-of year, one label and value a row from the top; gives the next
/// free row.
fn about(
    ws: &mut Worksheet,
    r: &Resolution,
    files: &[String],
    as_of: Option<i32>,
    lang: Lang,
) -> Result<u32> {
    ws.write_string_with_format(
        0,
        0,
        r.title(lang),
        &Style::new().set_bold().set_font_size(14),
    )?;
    let issuer = say!(lang, en: &r.meta.issuer_en, vi: &r.meta.issuer_vi);
    let lines = [
        (Label::Issuer, issuer.to_string()),
        (
            Label::Adopted,
            crate::msg::label::date(lang, &r.meta.adopted),
        ),
        (Label::DataFiles, files.join(", ")),
    ];
    let bold = Style::new().set_bold();
    for (row, (label, value)) in (1..).zip(lines) {
        ws.write_string_with_format(row, 0, label.say(lang), &bold)?;
        ws.write_string(row, 1, value)?;
    }
    ws.write_string_with_format(4, 0, Label::AsOf.say(lang), &bold)?;
    match as_of {
        Some(y) => ws.write_number(4, 1, y)?,
        None => ws.write_string(4, 1, Label::NoData.say(lang))?,
    };
    ws.set_column_width(0, 34)?;
    Ok(5)
}

/// One pillar's (or the total's) counts and mean for one target year.
fn summary_row(
    ws: &mut Worksheet,
    row: u32,
    r: &Resolution,
    s: &Summary,
    lang: Lang,
) -> Result<()> {
    let name = text::pillar_name(lang, r, s.scope);
    let bold = Style::new().set_bold();
    match s.scope {
        Scope::Total => ws.write_string_with_format(row, 0, name, &bold)?,
        Scope::Pillar(_) => ws.write_string(row, 0, name)?,
    };
    counts(ws, row, 1, [s.indicators, s.with_data, s.met])?;
    let tone = toned(Tone::of_mean(s.mean_attainment_pct)).set_num_format(PERCENT);
    fraction(ws, row, 4, s.mean_attainment_pct, &tone)?;
    counts(ws, row, 5, [s.items_met, s.items])
}

/// One indicator's result for one target year, in [`INDICATOR_COLUMNS`].
fn indicator_row(
    ws: &mut Worksheet,
    row: u32,
    ctx: &Context,
    ind: &Indicator,
    x: &IndicatorResult,
    lang: Lang,
) -> Result<()> {
    ws.write_string(row, 0, &ind.id)?;
    ws.write_string(row, 1, ind.name(lang))?;
    ws.write_string(row, 2, sheet::unit(lang, ind.unit))?;
    ws.write_number(row, 3, x.target_year)?;
    if let Some(t) = x.target {
        ws.write_string(row, 4, comparison(t.comparison))?;
        ws.write_number(row, 5, t.value)?;
    }
    if let Some(v) = x.actual {
        ws.write_number(row, 6, v)?;
    }
    if let Some(y) = x.actual_year {
        ws.write_number(row, 7, y)?;
    }
    fraction(
        ws,
        row,
        8,
        x.attainment_pct,
        &Style::new().set_num_format(PERCENT),
    )?;
    if let Some(g) = clean(x.gap) {
        ws.write_number(row, 9, g)?;
    }
    ws.write_string_with_format(row, 10, text::status(lang, x.status), &toned(Tone::of(x)))?;
    if let Some(m) = &x.worst_member {
        ws.write_string(row, 11, m)?;
    }
    if !x.missing_members.is_empty() {
        ws.write_string(row, 12, x.missing_members.join(", "))?;
    }
    let (label, tone) = match ctx.progress.primary(x.indicator, x.target_year) {
        Some(p) => (
            p.method.label(p.eval.class, lang),
            Tone::of_class(p.eval.class),
        ),
        None => (Class::NoData.name(lang), Tone::NoData),
    };
    ws.write_string_with_format(row, 13, label, &toned(tone))?;
    Ok(())
}

/// Sets up a table of `rows` records under a header row: headings, widths,
/// frozen and filterable header, printed landscape one page wide with the
/// header on every page.
fn table(ws: &mut Worksheet, columns: &Columns, rows: usize, lang: Lang) -> Result<()> {
    header(ws, 0, columns, lang)?;
    widths(ws, columns)?;
    let last_col = columns.len().saturating_sub(1) as u16;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, u32::try_from(rows)?, last_col)?;
    ws.set_repeat_rows(0, 0)?;
    ws.set_landscape().set_print_fit_to_pages(1, 0);
    Ok(())
}

fn header(ws: &mut Worksheet, row: u32, columns: &Columns, lang: Lang) -> Result<()> {
    let style = Style::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border_bottom(FormatBorder::Thin);
    for (col, (c, _)) in (0..).zip(columns) {
        ws.write_string_with_format(row, col, c.say(lang), &style)?;
    }
    Ok(())
}

fn widths(ws: &mut Worksheet, columns: &Columns) -> Result<()> {
    for (col, (_, width)) in (0..).zip(columns) {
        ws.set_column_width(col, *width)?;
    }
    Ok(())
}

/// Counts in consecutive cells from `col`.
fn counts<const N: usize>(ws: &mut Worksheet, row: u32, col: u16, n: [usize; N]) -> Result<()> {
    for (c, n) in (col..).zip(n) {
        ws.write_number(row, c, n as f64)?;
    }
    Ok(())
}

/// A percentage stored as a fraction (91.2 as 0.912), rounded as the JSON
/// is; nothing for `None`.
fn fraction(ws: &mut Worksheet, row: u32, col: u16, pct: Option<f64>, style: &Style) -> Result<()> {
    if let Some(p) = clean(pct) {
        ws.write_number_with_format(row, col, p / 100.0, style)?;
    }
    Ok(())
}

/// The fill and font of a tone: Excel's own "good", "neutral" and "bad"
/// cell colours, and grey for no data.
fn toned(tone: Tone) -> Style {
    let (fill, font) = match tone {
        Tone::Met => (0xC6EFCE, 0x006100),
        Tone::Close => (0xFFEB9C, 0x9C5700),
        Tone::Far => (0xFFC7CE, 0x9C0006),
        Tone::NoData => (0xE7E6E6, 0x595959),
    };
    Style::new()
        .set_background_color(Color::RGB(fill))
        .set_font_color(Color::RGB(font))
}

/// The comparison as people write it.
fn comparison(c: Comparison) -> &'static str {
    match c {
        Comparison::AtLeast => "≥",
        Comparison::Above => ">",
        Comparison::AtMost => "≤",
        Comparison::Below => "<",
    }
}

/// Sheet names given so far, so that each new one is valid and unique.
#[derive(Default)]
struct Names(Vec<String>);

impl Names {
    /// `wanted` made a valid Excel sheet name (at most 31 UTF-16 units,
    /// none of `[ ] : * ? / \`, no apostrophe at either end, not
    /// `History`) that no earlier sheet has, ignoring case: ` (2)`, ` (3)`
    /// ... are added when it is taken.
    fn claim(&mut self, wanted: &str) -> String {
        let clean: String = wanted
            .chars()
            .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
            .collect();
        let clean = clean.trim().trim_matches('\'').trim();
        let base = if clean.is_empty() { "-" } else { clean };
        let taken = |n: &str| {
            n.eq_ignore_ascii_case("history")
                || self.0.iter().any(|o| o.to_lowercase() == n.to_lowercase())
        };
        let mut name = fit(base, "");
        for k in 2.. {
            if !taken(&name) {
                break;
            }
            name = fit(base, &format!(" ({k})"));
        }
        self.0.push(name.clone());
        name
    }
}

/// `base` cut so that it and `suffix` fit in 31 UTF-16 units.
fn fit(base: &str, suffix: &str) -> String {
    let room = 31 - suffix.encode_utf16().count();
    let mut used = 0;
    let cut: String = base
        .chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= room
        })
        .collect();
    format!("{}{suffix}", cut.trim_end().trim_end_matches('\''))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut names = Names::default();
        let cases = [
            ("Chính quyền số", "Chính quyền số"),
            ("chính quyền số", "chính quyền số (2)"), // taken, ignoring case
            ("Economy: a/b [x]", "Economy- a-b -x-"),
            ("'quoted'", "quoted"),
            ("History", "History (2)"), // reserved by Excel
            ("", "-"),
            // 40 characters cut to 31
            (
                "Digital transformation of the economy!!",
                "Digital transformation of the e",
            ),
            (
                "Digital transformation of the economy??",
                "Digital transformation of t (2)",
            ),
        ];
        for (wanted, got) in cases {
            assert_eq!(names.claim(wanted), got, "{wanted:?}");
        }
    }

    #[test]
    fn program_sheet_names_are_valid() {
        for lang in [Lang::En, Lang::Vi] {
            for s in Sheet::ALL {
                let name = s.say(lang);
                assert_eq!(Names::default().claim(name), name);
            }
        }
    }
}
