//! Aligned tables for a terminal, in Vietnamese or English: a headline, one
//! table per pillar and target year with an attainment bar and the status
//! in colour, and a summary.
//!
//! Numbers follow `text` (one decimal, ranks none). Tables fit the given
//! width (comfy-table's dynamic arrangement); colour only when asked.

use std::io::Write;

use anyhow::Result;
use comfy_table::{
    Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets,
};

use super::headline::{Headline, headlines};
use super::tone::Tone;
use super::{Context, Look, Row, Section, bar, progress_table, sections, text};
use crate::calc::Summary;
use crate::targets::{Indicator, Resolution};

/// A table in the house style at the look's width and colour, columns
/// `right` right-aligned (also used for the progress tables).
pub(super) fn new_table(look: Look, header: Vec<&str>, right: &[usize]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .force_no_tty()
        .set_width(look.width)
        .set_header(header);
    if look.color {
        table.enforce_styling();
    }
    for &i in right {
        if let Some(c) = table.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}

/// Name, a `*` when the indicator has a note, and the id used in data files.
fn indicator_cell(lang: crate::lang::Lang, ind: &Indicator) -> String {
    format!("{}\n{}", text::name_marked(lang, ind), ind.id)
}

/// Makes column `i` exactly `chars` wide (plus padding), so bars and
/// member names never break, and the names get the rest of the width.
///
/// (comfy-table fixes a column at its lower boundary when that is above
/// the average, so a lower boundary on the name column would stop it from
/// growing in a wide terminal: only the small columns are constrained.)
pub(super) fn fixed(table: &mut Table, i: usize, chars: usize) {
    let w = u16::try_from(chars).unwrap_or(u16::MAX).saturating_add(2);
    if let Some(c) = table.column_mut(i) {
        c.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w)));
    }
}

/// The longest line of some cells, in characters.
pub(super) fn longest_line<'a>(cells: impl Iterator<Item = &'a str>) -> usize {
    cells
        .flat_map(str::lines)
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
}

/// The longest word of some cells, in characters.
pub(super) fn longest_word<'a>(cells: impl Iterator<Item = &'a str>) -> usize {
    cells
        .flat_map(str::split_whitespace)
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
}

/// A percentage with its bar underneath, coloured by tone.
fn attained_cell(look: Look, pct: Option<f64>, tone: Tone) -> Cell {
    let text = match bar::bar(pct, bar_cells(look)) {
        Some(b) => format!("{}\n{b}", text::percent_or_dash(look.lang, pct)),
        None => text::DASH.to_string(),
    };
    tone.cell(Cell::new(text))
}

/// Below this width the table is narrow: shorter bars, two-line headers.
const NARROW: u16 = 100;

/// From this width the status column is as wide as its longest line;
/// below it, as its longest word.
const WIDE: u16 = 120;

/// A header in a narrow table: its first space becomes a line break.
fn header_cell(look: Look, h: &str) -> String {
    if look.width < NARROW {
        h.replacen(' ', "\n", 1)
    } else {
        h.to_string()
    }
}

/// Cells of a bar at this width.
fn bar_cells(look: Look) -> usize {
    if look.width < NARROW { 6 } else { bar::CELLS }
}

/// The indicator table: the year of the figure goes under the figure, to
/// leave the names room in 80 columns.
fn indicator_table(look: Look, rows: &[Row]) -> Table {
    let lang = look.lang;
    let [h_ind, _, h_actual, h_target, h_att, h_gap, h_status] = text::indicator_headers(lang);
    let mut header: Vec<String> = vec![h_ind.to_string()];
    header.extend(
        [h_actual, h_target, h_att, h_gap, h_status]
            .iter()
            .map(|h| header_cell(look, h)),
    );
    let mut table = new_table(
        look,
        header.iter().map(String::as_str).collect(),
        &[1, 2, 3, 4],
    );
    fixed(&mut table, 3, bar_cells(look) + 1);
    let statuses: Vec<String> = rows
        .iter()
        .map(|&r| text::status_lines(lang, r).join("\n"))
        .collect();
    let cells = || {
        statuses
            .iter()
            .map(String::as_str)
            .chain([header[5].as_str()])
    };
    let status_width = if look.width >= WIDE {
        longest_line(cells())
    } else {
        longest_word(cells())
    };
    fixed(&mut table, 5, status_width);
    for (&row, status) in rows.iter().zip(statuses) {
        let tone = Tone::of(row.res);
        let [year, actual, target, _, gap] = text::figures(lang, row);
        let actual = if row.res.actual_year.is_some() {
            format!("{actual}\n({year})")
        } else {
            actual
        };
        let mut cells: Vec<Cell> = vec![
            Cell::new(indicator_cell(lang, row.ind)),
            Cell::new(actual),
            Cell::new(target),
            attained_cell(look, row.res.attainment_pct, tone),
            Cell::new(gap),
            tone.cell(Cell::new(status)),
        ];
        if tone == Tone::NoData {
            cells = cells.into_iter().map(|c| tone.cell(c)).collect();
        }
        table.add_row(cells);
    }
    table
}

fn headline_table(ctx: &Context, look: Look, lines: &[Headline]) -> Table {
    let lang = look.lang;
    let [h_pillar, h_met, h_mean, h_worst] = text::headline_headers(lang);
    let h_met = h_met.replacen(" / ", " /\n", 1);
    let mut table = new_table(look, vec![h_pillar, &h_met, h_mean, h_worst], &[1, 2]);
    fixed(
        &mut table,
        2,
        bar_cells(look).max(h_mean.chars().count()) + 1,
    );
    // Names of the furthest indicators: shorter in a narrow terminal.
    let short = usize::from(look.width).saturating_sub(60).clamp(16, 48);
    for h in lines {
        let s = h.summary;
        let worst: Vec<String> = h
            .worst
            .iter()
            .map(|&w| text::worst_line(lang, w, short))
            .collect();
        table.add_row(vec![
            Cell::new(text::pillar_name(lang, ctx.resolution, s.scope)),
            Cell::new(text::met_of(s.met, s.indicators)),
            attained_cell(
                look,
                s.mean_attainment_pct,
                Tone::of_mean(s.mean_attainment_pct),
            ),
            Cell::new(if worst.is_empty() {
                text::DASH.to_string()
            } else {
                worst.join("\n")
            }),
        ]);
    }
    table
}

fn summary_table(r: &Resolution, look: Look, rows: &[&Summary]) -> Table {
    let lang = look.lang;
    let mut table = new_table(look, text::summary_headers(lang).to_vec(), &[1, 2, 3, 4, 5]);
    for s in rows {
        table.add_row(vec![
            text::pillar_name(lang, r, s.scope).to_string(),
            s.indicators.to_string(),
            s.with_data.to_string(),
            s.met.to_string(),
            text::percent_or_dash(lang, s.mean_attainment_pct),
            format!("{} / {}", s.items_met, s.items),
        ]);
    }
    table
}

fn write_section(out: &mut dyn Write, ctx: &Context, look: Look, s: &Section) -> Result<()> {
    let lang = look.lang;
    writeln!(out, "\n{} · {}", s.pillar.name(lang), s.year)?;
    if !s.rows.is_empty() {
        writeln!(out, "{}", indicator_table(look, &s.rows))?;
        for note in text::notes(lang, s.rows.iter().map(|x| x.ind)) {
            writeln!(out, "* {note}")?;
        }
        progress_table::render_pillar(out, ctx, look, &s.rows)?;
    }
    for x in &s.untargeted {
        writeln!(out, "{}", text::untargeted(lang, s.year, x.ind))?;
    }
    Ok(())
}

/// Writes the report: the headline of every target year, then per target
/// year one table per pillar (with its progress table) and a summary (with
/// the count per progress class), then what bars, colours and columns mean.
pub fn render_report(out: &mut dyn Write, ctx: &Context, look: Look) -> Result<()> {
    let lang = look.lang;
    let a = ctx.assessment;
    writeln!(out, "{}", ctx.resolution.title(lang))?;
    writeln!(out, "{}", text::provenance(lang, ctx))?;
    for &year in &a.horizons {
        let lines = headlines(ctx, year);
        if !lines.is_empty() {
            writeln!(out, "\n{}", text::headline_title(lang, year).to_uppercase())?;
            writeln!(out, "{}", headline_table(ctx, look, &lines))?;
        }
    }
    for &year in &a.horizons {
        writeln!(out, "\n{}", text::targets_for(lang, year).to_uppercase())?;
        for s in sections(ctx, year) {
            write_section(out, ctx, look, &s)?;
        }
        let sums = super::summaries_of(a, year);
        writeln!(out, "\n{} · {year}", text::summary(lang))?;
        writeln!(out, "{}", summary_table(ctx.resolution, look, &sums))?;
        progress_table::render_summary(out, ctx, look, year)?;
    }
    writeln!(out)?;
    writeln!(out, "{}", text::legend(lang))?;
    for line in text::footer(lang) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Writes the resolution's targets, one table per pillar.
pub fn render_targets(out: &mut dyn Write, r: &Resolution, look: Look) -> Result<()> {
    let lang = look.lang;
    writeln!(out, "{}", r.title(lang))?;
    writeln!(out, "{}", text::issuer(lang, r))?;
    let years = r.target_years();
    for p in &r.pillars {
        let inds: Vec<&Indicator> = r.indicators.iter().filter(|i| i.pillar == p.id).collect();
        if inds.is_empty() {
            continue;
        }
        let mut header = vec![lang.pick("Chỉ tiêu", "Indicator").to_string()];
        header.extend(years.iter().map(|y| y.to_string()));
        let right: Vec<usize> = (1..=years.len()).collect();
        let mut table = new_table(look, header.iter().map(String::as_str).collect(), &right);
        for ind in &inds {
            let mut first = indicator_cell(lang, ind);
            if let Some(each) = text::applies_to_each(lang, ind) {
                first = format!("{first}\n{each}");
            }
            let mut row = vec![first];
            row.extend(years.iter().map(|&y| {
                ind.target_for(y).map_or_else(
                    || text::DASH.to_string(),
                    |t| text::target(lang, ind.unit, t),
                )
            }));
            table.add_row(row);
        }
        writeln!(out, "\n{}", p.name(lang))?;
        writeln!(out, "{table}")?;
        for note in text::notes(lang, inds.iter().copied()) {
            writeln!(out, "* {note}")?;
        }
    }
    Ok(())
}
