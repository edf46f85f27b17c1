//! Aligned tables for a terminal, in Vietnamese or English: a headline, one
//! table per pillar and target year with an attainment bar and the status
//! in colour, and a summary.
//!
//! Numbers follow `text`. Every terminal table (here, in `progress_table`
//! and `area_table`) is laid out by [`Grid`]: it fits the width it is given
//! (`Look::width`, never the terminal's own), keeps words whole when the
//! width allows and breaks identifiers only after a `.` or `_`; prose
//! lines wrap between words ([`prose`]). Colour only when asked.

use std::io::Write;

use anyhow::Result;
use comfy_table::Table;

use super::grid::{Grid, longest_line, longest_word, prose};
use super::headline::{Headline, headlines};
use super::tone::Tone;
use super::{Context, Look, Row, Section, bar, progress_table, sections, text};
use crate::calc::Summary;
use crate::msg::label::Label;
use crate::targets::{Indicator, Resolution};

/// Name, a `*` when the indicator has a note, and the id used in data files.
fn indicator_cell(lang: crate::lang::Lang, ind: &Indicator) -> String {
    format!("{}\n{}", text::name_marked(lang, ind), ind.id)
}

/// An attainment (`shown` as text) with its bar underneath, coloured by
/// tone.
fn attained_cell(
    look: Look,
    shown: String,
    pct: Option<f64>,
    tone: Tone,
) -> (String, Option<Tone>) {
    let text = match bar::bar(pct, bar_cells(look)) {
        Some(b) => format!("{shown}\n{b}"),
        None => text::DASH.to_string(),
    };
    (text, Some(tone))
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
        cells().map(longest_word).max().unwrap_or(0)
    };
    // The bar and its marker, or the header's longest word (`Attained`).
    let attained_width = (bar_cells(look) + 1).max(longest_word(&header[3]));
    let mut grid = Grid::new(header, &[1, 2, 3, 4]);
    grid.fix(3, attained_width);
    grid.fix(5, status_width);
    for (&row, status) in rows.iter().zip(statuses) {
        let tone = Tone::of(row.res);
        let [year, actual, target, _, gap] = text::figures(lang, row);
        let actual = if row.res.actual_year.is_some() {
            format!("{actual}\n({year})")
        } else {
            actual
        };
        let attained = text::attainment_of(lang, row);
        let mut cells = vec![
            (indicator_cell(lang, row.ind), None),
            (actual, None),
            (target, None),
            attained_cell(look, attained, row.res.attainment_pct, tone),
            (gap, None),
            (status, Some(tone)),
        ];
        if tone == Tone::NoData {
            cells = cells.into_iter().map(|(c, _)| (c, Some(tone))).collect();
        }
        grid.toned(cells);
    }
    grid.draw(look)
}

fn headline_table(ctx: &Context, look: Look, lines: &[Headline]) -> Table {
    let lang = look.lang;
    let [h_pillar, h_met, h_mean, h_worst] = text::headline_headers(lang);
    let h_met = h_met.replacen(" / ", " /\n", 1);
    let header = [h_pillar, &h_met, h_mean, h_worst].map(str::to_string);
    let mut grid = Grid::new(header.to_vec(), &[1, 2]);
    grid.fix(2, bar_cells(look).max(h_mean.chars().count()) + 1);
    // Names of the furthest indicators: shorter in a narrow terminal.
    let short = usize::from(look.width).saturating_sub(60).clamp(16, 48);
    for h in lines {
        let s = h.summary;
        let worst: Vec<String> = h
            .worst
            .iter()
            .map(|&w| text::worst_line(lang, w, short))
            .collect();
        let mean = text::mean_of(lang, s);
        let tone = Tone::of_mean(s.mean_attainment_pct);
        grid.toned(vec![
            (
                text::pillar_name(lang, ctx.resolution, s.scope).to_string(),
                None,
            ),
            (text::met_of(s.met, s.indicators), None),
            attained_cell(look, mean, s.mean_attainment_pct, tone),
            (
                if worst.is_empty() {
                    text::DASH.to_string()
                } else {
                    worst.join("\n")
                },
                None,
            ),
        ]);
    }
    grid.draw(look)
}

fn summary_table(r: &Resolution, look: Look, rows: &[&Summary]) -> Table {
    let lang = look.lang;
    let header = text::summary_headers(lang).map(str::to_string).to_vec();
    let mut grid = Grid::new(header, &[1, 2, 3, 4, 5]);
    for s in rows {
        grid.row(vec![
            text::pillar_name(lang, r, s.scope).to_string(),
            s.indicators.to_string(),
            s.with_data.to_string(),
            s.met.to_string(),
            text::mean_of(lang, s),
            format!("{} / {}", s.items_met, s.items),
        ]);
    }
    grid.draw(look)
}

fn write_section(out: &mut dyn Write, ctx: &Context, look: Look, s: &Section) -> Result<()> {
    let lang = look.lang;
    writeln!(out)?;
    prose(out, look, &format!("{} · {}", s.pillar.name(lang), s.year))?;
    if !s.rows.is_empty() {
        writeln!(out, "{}", indicator_table(look, &s.rows))?;
        for note in text::notes(lang, s.rows.iter().map(|x| x.ind)) {
            prose(out, look, &format!("* {note}"))?;
        }
        progress_table::render_pillar(out, ctx, look, &s.rows)?;
    }
    for x in &s.untargeted {
        prose(out, look, &text::untargeted(lang, s.year, x.ind))?;
    }
    Ok(())
}

/// Writes the report: the headline of every target year, then per target
/// year one table per pillar (with its progress table) and a summary (with
/// the count per progress class), then what bars, colours and columns mean.
pub fn render_report(out: &mut dyn Write, ctx: &Context, look: Look) -> Result<()> {
    let lang = look.lang;
    let a = ctx.assessment;
    prose(out, look, ctx.resolution.title(lang))?;
    prose(out, look, &text::provenance(lang, ctx))?;
    for &year in &a.horizons {
        let lines = headlines(ctx, year);
        if !lines.is_empty() {
            writeln!(out)?;
            prose(out, look, &text::headline_title(lang, year).to_uppercase())?;
            writeln!(out, "{}", headline_table(ctx, look, &lines))?;
        }
    }
    for &year in &a.horizons {
        writeln!(out)?;
        prose(out, look, &text::targets_for(lang, year).to_uppercase())?;
        for s in sections(ctx, year) {
            write_section(out, ctx, look, &s)?;
        }
        let sums = super::summaries_of(a, year);
        writeln!(out)?;
        prose(out, look, &format!("{} · {year}", text::summary(lang)))?;
        writeln!(out, "{}", summary_table(ctx.resolution, look, &sums))?;
        progress_table::render_summary(out, ctx, look, year)?;
    }
    writeln!(out)?;
    prose(out, look, &text::legend(lang))?;
    for line in text::footer(lang) {
        prose(out, look, &line)?;
    }
    Ok(())
}

/// Writes the resolution's targets, one table per pillar.
pub fn render_targets(out: &mut dyn Write, r: &Resolution, look: Look) -> Result<()> {
    let lang = look.lang;
    prose(out, look, r.title(lang))?;
    prose(out, look, &text::issuer(lang, r))?;
    let years = r.target_years();
    for p in &r.pillars {
        let inds: Vec<&Indicator> = r.indicators.iter().filter(|i| i.pillar == p.id).collect();
        if inds.is_empty() {
            continue;
        }
        let mut header = vec![Label::Indicator.say(lang).to_string()];
        header.extend(years.iter().map(|y| y.to_string()));
        let right: Vec<usize> = (1..=years.len()).collect();
        let mut grid = Grid::new(header, &right);
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
            grid.row(row);
        }
        writeln!(out)?;
        prose(out, look, p.name(lang))?;
        writeln!(out, "{}", grid.draw(look))?;
        for note in text::notes(lang, inds.iter().copied()) {
            prose(out, look, &format!("* {note}"))?;
        }
    }
    Ok(())
}
