//! Renderers: one file per output format. Each takes a writer and the
//! finished assessment; none computes a figure (they all come from `calc`,
//! `progress` and `area`).
//!
//! Human formats (`table`, `markdown`, `html`) share their words and number
//! style (`text`), their status colours (`tone`), the attainment bar (`bar`)
//! and the headline (`headline`); their progress cells (baseline, paces,
//! projection, class) come from `progress_table`, which also draws the
//! terminal's progress tables. Machine formats (`json`, `csv`) print raw
//! numbers whatever the language; both take their progress fields from
//! `progress_json`. `--by area` has its own renderers (`area_table`,
//! `area_json`, `area_csv`) and `dtcalc check` its own (`check`). `xlsx`
//! writes Excel workbooks of the report, the targets and `--by area`, in
//! the reader's language. `output` writes a finished report to a file
//! atomically.

mod area_csv;
mod area_json;
mod area_table;
mod bar;
pub mod check;
mod csv;
mod escape;
mod grid;
mod headline;
mod html;
mod json;
mod markdown;
pub mod output;
mod progress_json;
mod progress_table;
mod svg;
mod table;
mod text;
mod tone;
mod xlsx;

use std::io::Write;

use anyhow::{Result, bail};

use crate::calc::rank::AreaRow;
use crate::calc::{Assessment, IndicatorResult};
use crate::lang::Lang;
use crate::progress::ProgressReport;
use crate::store::AreaId;
use crate::targets::{Indicator, Pillar, Resolution};

/// Everything a report renderer needs.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The resolution assessed.
    pub resolution: &'a Resolution,
    /// The computed results.
    pub assessment: &'a Assessment,
    /// The data files read, as named on the command line.
    pub files: &'a [String],
    /// Progress towards each target, by the methods asked for.
    pub progress: &'a ProgressReport,
}

/// Everything a per-area (`--by area`) renderer needs.
pub struct AreaContext<'a> {
    /// The resolution assessed.
    pub resolution: &'a Resolution,
    /// The as-of year, the same for every area; `None` without data.
    pub as_of: Option<i32>,
    /// Target years assessed, ascending.
    pub horizons: &'a [i32],
    /// Selected pillars: indices into `Resolution::pillars`.
    pub pillars: &'a [usize],
    /// One row per area and target year, ranked, already filtered by
    /// `--area`, `--top`, `--bottom`.
    pub rows: &'a [AreaRow],
    /// The data files read, as named on the command line.
    pub files: &'a [String],
    /// An area's full assessment and progress (JSON carries them per area),
    /// made by the same kernel as the single-area report.
    pub detail: &'a dyn Fn(AreaId) -> (Assessment, ProgressReport),
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned tables with bars and colour, for a terminal.
    Table,
    /// GitHub-flavoured Markdown tables, for memos and wikis.
    Markdown,
    /// One self-contained HTML page with SVG charts, printable on A4.
    Html,
    /// One JSON object for scripts.
    Json,
    /// One row per indicator and target year, for spreadsheets.
    Csv,
    /// An Excel workbook: a summary sheet and one sheet per pillar (with
    /// `--by area` one row per area), in the reader's language.
    Xlsx,
}

impl Format {
    /// The format a file name asks for by its extension (`.txt`, `.md`,
    /// `.csv`, `.json`, `.html`/`.htm`, `.xlsx`), case-insensitively.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Table),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// How human formats look; machine formats ignore it.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    /// Language of words and numbers.
    pub lang: Lang,
    /// Width of terminal tables, in columns.
    pub width: u16,
    /// Whether terminal tables carry ANSI colours.
    pub color: bool,
}

/// Writes the report in the given format.
pub fn render_report(out: &mut dyn Write, ctx: &Context, format: Format, look: Look) -> Result<()> {
    match format {
        Format::Table => table::render_report(out, ctx, look),
        Format::Markdown => markdown::render_report(out, ctx, look.lang),
        Format::Html => html::render_report(out, ctx, look.lang),
        Format::Json => json::render_report(out, ctx),
        Format::Csv => csv::render_report(out, ctx),
        Format::Xlsx => xlsx::render_report(out, ctx, look.lang),
    }
}

/// Writes the per-area report (`--by area`) in the given format: the
/// terminal table, JSON, CSV or a workbook (one record per area, pillar and
/// target year).
pub fn render_areas(
    out: &mut dyn Write,
    ctx: &AreaContext,
    format: Format,
    look: Look,
) -> Result<()> {
    match format {
        Format::Table => area_table::render(out, ctx, look.lang, look.width),
        Format::Json => area_json::render(out, ctx),
        Format::Csv => area_csv::render(out, ctx),
        Format::Xlsx => xlsx::render_areas(out, ctx, look.lang),
        Format::Markdown | Format::Html => {
            bail!(crate::msg::Failure::ByAreaFormat)
        }
    }
}

/// Writes the resolution's targets in the given format.
pub fn render_targets(
    out: &mut dyn Write,
    r: &Resolution,
    format: Format,
    look: Look,
) -> Result<()> {
    match format {
        Format::Table => table::render_targets(out, r, look),
        Format::Markdown => markdown::render_targets(out, r, look.lang),
        Format::Html => html::render_targets(out, r, look.lang),
        Format::Json => json::render_targets(out, r),
        Format::Csv => csv::render_targets(out, r),
        Format::Xlsx => xlsx::render_targets(out, r, look.lang),
    }
}

/// One indicator with its result for one target year.
#[derive(Clone, Copy)]
struct Row<'a> {
    /// The indicator.
    ind: &'a Indicator,
    /// Its result.
    res: &'a IndicatorResult,
}

/// The results of one pillar for one target year, as every human format
/// lays them out.
struct Section<'a> {
    /// The target year.
    year: i32,
    /// The pillar.
    pillar: &'a Pillar,
    /// Indicators with a target that year, in resolution order.
    rows: Vec<Row<'a>>,
    /// Indicators for which the resolution states no target that year.
    untargeted: Vec<Row<'a>>,
}

/// The results of one target year, with their indicators.
fn rows<'a>(ctx: &Context<'a>, year: i32) -> impl Iterator<Item = Row<'a>> {
    let r = ctx.resolution;
    ctx.assessment
        .results
        .iter()
        .filter(move |x| x.target_year == year)
        .filter_map(move |res| {
            Some(Row {
                ind: r.indicators.get(res.indicator)?,
                res,
            })
        })
}

/// For one target year, per pillar (in resolution order), the non-empty
/// sections.
fn sections<'a>(ctx: &Context<'a>, year: i32) -> Vec<Section<'a>> {
    ctx.resolution
        .pillars
        .iter()
        .filter_map(|p| {
            let (rows, untargeted): (Vec<Row>, Vec<Row>) = rows(ctx, year)
                .filter(|x| x.ind.pillar == p.id)
                .partition(|x| x.res.target.is_some());
            (!rows.is_empty() || !untargeted.is_empty()).then_some(Section {
                year,
                pillar: p,
                rows,
                untargeted,
            })
        })
        .collect()
}

/// Writes `value` as pretty JSON and a line end. The JSON goes through a
/// buffer of a known type first: `serde_json` writes token by token, and
/// each of those writes would otherwise be a call through `dyn Write`.
pub(super) fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut *out);
    serde_json::to_writer_pretty(&mut buffered, value)?;
    writeln!(buffered)?;
    buffered.flush()?;
    Ok(())
}

/// [`number::clean`](crate::number::clean) of a number that may be
/// missing: every computed number of the JSON and CSV reports passes here
/// (a method may yield -0, and -1e-12 rounds to it; JSON would print
/// `-0.0` and CSV `-0`).
pub(super) fn clean(x: Option<f64>) -> Option<f64> {
    x.map(crate::number::clean)
}

/// The pillar summaries and the total of one target year, leaving out
/// pillars with no target that year: what every human format prints.
fn summaries_of(a: &crate::calc::Assessment, year: i32) -> Vec<&crate::calc::Summary> {
    a.pillars
        .iter()
        .chain(&a.totals)
        .filter(|s| s.target_year == year && s.indicators > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn zero_is_never_negative() {
        for v in [-0.0, -1e-12, 0.0] {
            let z = clean(Some(v)).unwrap();
            assert!(z == 0.0 && z.is_sign_positive(), "{v} gave {z}");
        }
        assert_eq!(clean(Some(-0.25)), Some(-0.25));
        assert_eq!(clean(Some(8.799999999999997)), Some(8.8));
        assert_eq!(clean(None), None);
    }
}
