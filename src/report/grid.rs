//! A terminal table in the house style: its cells and tones gathered in a
//! [`Grid`], laid out by comfy-table at the look's width without cutting a
//! word; and the measures of text the tables are sized by.

use std::io::Write;

use anyhow::Result;
use comfy_table::{
    Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets,
};

use super::tone::Tone;
use super::{Look, text};

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
            let mut pieces: Vec<String> = Vec::new();
            for part in id_parts(w) {
                match pieces.last_mut() {
                    Some(last) if last.chars().count() + part.chars().count() <= width => {
                        last.push_str(part)
                    }
                    _ => pieces.push(part.to_string()),
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
