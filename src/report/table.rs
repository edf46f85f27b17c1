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
use comfy_table::{
    Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets,
};

use super::headline::{Headline, headlines};
use super::tone::Tone;
use super::{Context, Look, Row, Section, bar, progress_table, sections, text};
use crate::calc::Summary;
use crate::msg::label::Label;
use crate::targets::{Indicator, Resolution};

/// A terminal table before it is laid out: the texts of its header and
/// cells (with their tone), which columns are right-aligned, and the widths
/// the renderer asks for. [`Grid::draw`] lays it out.
pub(super) struct Grid {
    /// Header texts.
    header: Vec<String>,
    /// Rows of cells: text (lines separated by `\n`) and tone.
    rows: Vec<Vec<(String, Option<Tone>)>>,
    /// Right-aligned columns.
    right: Vec<usize>,
    /// Columns of an exact width, in characters (without padding).
    fixed: Vec<(usize, usize)>,
    /// Columns at least this wide when comfy-table would start them
    /// narrower, in characters (without padding).
    lower: Vec<(usize, usize)>,
}

impl Grid {
    /// An empty grid with this header; columns `right` right-aligned.
    pub(super) fn new(header: Vec<String>, right: &[usize]) -> Grid {
        Grid {
            header,
            rows: Vec::new(),
            right: right.to_vec(),
            fixed: Vec::new(),
            lower: Vec::new(),
        }
    }

    /// Makes column `i` exactly `chars` wide (plus padding), so bars and
    /// member names never break, and the names get the rest of the width.
    ///
    /// (comfy-table fixes a column at its lower boundary when that is above
    /// the average, so a lower boundary on the name column would stop it
    /// from growing in a wide terminal: only the small columns are fixed.)
    pub(super) fn fix(&mut self, i: usize, chars: usize) {
        self.fixed.push((i, chars));
    }

    /// Keeps column `i` at least `chars` wide where comfy-table's
    /// arrangement would start it narrower (its `LowerBoundary`).
    pub(super) fn at_least(&mut self, i: usize, chars: usize) {
        self.lower.push((i, chars));
    }

    /// Adds a row of plain cells.
    pub(super) fn row(&mut self, cells: Vec<String>) {
        self.rows
            .push(cells.into_iter().map(|c| (c, None)).collect());
    }

    /// Adds a row of cells with their tones.
    pub(super) fn toned(&mut self, cells: Vec<(String, Option<Tone>)>) {
        self.rows.push(cells);
    }

    /// The table laid out in `look.width` (never the terminal's own width):
    /// comfy-table's dynamic arrangement picks the widths, then a column
    /// narrower than its longest word takes the difference from the
    /// columns with most room to spare, and every width is fixed. Words are
    /// never cut when the width allows; an indicator id wider than its
    /// column breaks after a `.` or `_`.
    pub(super) fn draw(&self, look: Look) -> Table {
        let floors = self.floors();
        let chosen = self.arranged(look);
        let widths = self.fit(look, self.widen_to_words(chosen, &floors), &floors);
        let header = self
            .header
            .iter()
            .zip(&widths)
            .map(|(h, &w)| break_ids(h, w));
        let mut table = house_table(look, header.collect(), &self.right);
        for row in &self.rows {
            let cells = row.iter().zip(&widths).map(|((text, tone), &w)| {
                let cell = Cell::new(break_ids(text, w));
                match tone {
                    Some(t) => t.cell(cell),
                    None => cell,
                }
            });
            table.add_row(cells.collect::<Vec<Cell>>());
        }
        for (i, &w) in widths.iter().enumerate() {
            set_width(&mut table, i, w);
        }
        table
    }

    /// The content widths comfy-table's dynamic arrangement gives the
    /// columns at `look.width`, with the fixed widths and lower bounds,
    /// read off the top border of the table it draws.
    fn arranged(&self, look: Look) -> Vec<usize> {
        let mut table = house_table(look, self.header.clone(), &self.right);
        for row in &self.rows {
            table.add_row(row.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>());
        }
        for &(i, w) in &self.fixed {
            set_width(&mut table, i, w);
        }
        for &(i, w) in &self.lower {
            if let Some(c) = table.column_mut(i) {
                let w = u16::try_from(w + 2).unwrap_or(u16::MAX);
                c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
            }
        }
        let top = table.lines().next().unwrap_or_default();
        top.trim_start_matches('┌')
            .trim_end_matches('┐')
            .split('┬')
            .map(|c| c.chars().count().saturating_sub(2))
            .collect()
    }

    /// The longest word of each column, header included.
    fn floors(&self) -> Vec<usize> {
        (0..self.header.len())
            .map(|i| {
                let cells = self.rows.iter().filter_map(|r| r.get(i)).map(|(t, _)| t);
                let all = self.header.get(i).into_iter().chain(cells);
                all.map(|t| longest_word(t)).max().unwrap_or(0)
            })
            .collect()
    }

    fn is_fixed(&self, i: usize) -> bool {
        self.fixed.iter().any(|&(f, _)| f == i)
    }

    /// `widths` with every column at least as wide as its longest word,
    /// one character at a time from the column with most room beyond its
    /// own longest word; fixed columns neither give nor take.
    fn widen_to_words(&self, mut widths: Vec<usize>, floors: &[usize]) -> Vec<usize> {
        let fixed = |i: usize| self.is_fixed(i);
        for i in (0..widths.len()).filter(|&i| !fixed(i)) {
            while widths[i] < floors[i] {
                let spare = (0..widths.len())
                    .filter(|&j| j != i && !fixed(j) && widths[j] > floors[j])
                    .max_by_key(|&j| (widths[j] - floors[j], std::cmp::Reverse(j)));
                let Some(j) = spare else { return widths };
                widths[j] -= 1;
                widths[i] += 1;
            }
        }
        widths
    }

    /// `widths` narrowed until the table fits `look.width` (comfy-table
    /// keeps fixed widths and lower bounds even when they do not fit): one
    /// character at a time from the widest column above its longest word,
    /// the other columns before the fixed ones; in a width too narrow for
    /// every word, from the widest column.
    fn fit(&self, look: Look, mut widths: Vec<usize>, floors: &[usize]) -> Vec<usize> {
        // A border left of every column and one at the end; padding 2.
        let total = |w: &[usize]| w.iter().map(|c| c + 3).sum::<usize>() + 1;
        while total(&widths) > usize::from(look.width) {
            let widest = |ok: &dyn Fn(usize) -> bool| {
                (0..widths.len())
                    .filter(|&i| widths[i] > 1 && ok(i))
                    .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)))
            };
            let above = |i: usize| widths[i] > floors[i];
            let Some(i) = widest(&|i| above(i) && !self.is_fixed(i))
                .or_else(|| widest(&above))
                .or_else(|| widest(&|_| true))
            else {
                break;
            };
            widths[i] -= 1;
        }
        widths
    }
}

/// A comfy-table table in the house style at the look's width and colour,
/// columns `right` right-aligned; never asks the terminal for its width.
fn house_table(look: Look, header: Vec<String>, right: &[usize]) -> Table {
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

/// Makes column `i` exactly `chars` wide, plus padding.
fn set_width(table: &mut Table, i: usize, chars: usize) {
    let w = u16::try_from(chars).unwrap_or(u16::MAX).saturating_add(2);
    if let Some(c) = table.column_mut(i) {
        c.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w)));
    }
}

/// Whether a word is an identifier that may break after a `.` or `_`
/// (`gov.dossiers_online.province`); figures (`+17.1%/yr`) and class ids
/// in brackets (`(substantial_progress)`) stay whole.
fn is_id(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_alphabetic()) && word.contains(['.', '_'])
}

/// The parts of an identifier, each ending with its `.` or `_`.
fn id_parts(word: &str) -> impl Iterator<Item = &str> {
    word.split_inclusive(['.', '_'])
}

/// The widest unbreakable piece of a text, in characters: a word (a unit
/// such as `%` or `%/năm` counts with the number before it: `100,0 %` is
/// one piece), or one part of an identifier.
pub(super) fn longest_word(text: &str) -> usize {
    let mut longest = 0;
    for line in text.lines() {
        let mut piece = 0;
        for w in line.split_whitespace() {
            let n = if is_id(w) {
                id_parts(w).map(|p| p.chars().count()).max().unwrap_or(0)
            } else {
                w.chars().count()
            };
            piece = if w.starts_with('%') && piece > 0 {
                piece + 1 + n
            } else {
                n
            };
            longest = longest.max(piece);
        }
    }
    longest
}

/// `text` with every identifier wider than `width` broken after a `.` or
/// `_` into lines that fit (an identifier part wider than the width is
/// left to comfy-table).
fn break_ids(text: &str, width: usize) -> String {
    let lines = text.lines().map(|line| {
        let words = line.split(' ').map(|w| {
            if !is_id(w) || w.chars().count() <= width {
                return w.to_string();
            }
            let mut pieces: Vec<String> = vec![String::new()];
            for part in id_parts(w) {
                let last = pieces.last_mut().expect("one piece");
                if !last.is_empty() && last.chars().count() + part.chars().count() > width {
                    pieces.push(part.to_string());
                } else {
                    last.push_str(part);
                }
            }
            pieces.join("\n")
        });
        words.collect::<Vec<_>>().join(" ")
    });
    lines.collect::<Vec<_>>().join("\n")
}

/// The longest line of some cells, in characters.
pub(super) fn longest_line<'a>(cells: impl Iterator<Item = &'a str>) -> usize {
    cells
        .flat_map(str::lines)
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
}

/// Writes `text` wrapped between words to the look's width.
pub(super) fn prose(out: &mut dyn Write, look: Look, text: &str) -> Result<()> {
    writeln!(out, "{}", text::wrap(text, usize::from(look.width)))?;
    Ok(())
}

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
