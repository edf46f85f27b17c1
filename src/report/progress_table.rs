//! Progress for people: per pillar, each indicator's baseline, latest
//! figure, required and observed pace, projection and class (with the
//! method's own label); and a count of indicators per class. Draws the
//! terminal's progress tables and gives the same cells, as plain text, to
//! the Markdown and HTML renderers. Renders only.

use std::io::Write;

use anyhow::Result;
use comfy_table::{Cell, ColumnConstraint, Width};

use super::table::{fixed, longest_line, longest_word, new_table};
use super::tone::Tone;
use super::{Context, Look, Row, text};
use crate::calc::Scope;
use crate::lang::Lang;
use crate::progress::baseline::Source;
use crate::progress::{self, Class, Method, Progress, class::ALL};
use crate::targets::{Indicator, Unit};

fn dash() -> String {
    "—".to_string()
}

/// A value in the indicator's unit.
fn value(lang: Lang, unit: Unit, v: f64) -> String {
    let n = lang.number(v, if unit == Unit::Rank { 0 } else { 1 });
    match (unit, lang) {
        (Unit::Percent, Lang::En) => format!("{n}%"),
        (Unit::Percent, Lang::Vi) => format!("{n} %"),
        (Unit::PercentPerYear, Lang::En) => format!("{n}%/yr"),
        (Unit::PercentPerYear, Lang::Vi) => format!("{n} %/năm"),
        _ => n,
    }
}

/// A signed number with `decimals` decimals: `+3.0`, `−1.2`.
fn signed(lang: Lang, v: f64, decimals: usize) -> String {
    let n = lang.number(v, decimals);
    if n.starts_with('−') || n.bytes().all(|b| matches!(b, b'0' | b'.' | b',')) {
        n
    } else {
        format!("+{n}")
    }
}

/// A compound rate (a fraction) as `+5.4%/yr`.
fn rate(lang: Lang, r: f64) -> String {
    let n = signed(lang, r * 100.0, 1);
    lang.pick(&format!("{n} %/năm"), &format!("{n}%/yr"))
        .to_string()
}

/// A pace in the indicator's unit per year: `+3.0 pp/yr`, ranks `−5.5/yr`.
fn pace(lang: Lang, unit: Unit, p: f64) -> String {
    let n = signed(lang, p, 1);
    let per = match (unit, lang) {
        (Unit::Percent, Lang::En) => " pp/yr",
        (Unit::Percent, Lang::Vi) => " điểm %/năm",
        (Unit::PercentPerYear, Lang::En) => " pp/yr",
        (Unit::PercentPerYear, Lang::Vi) => " điểm %/năm",
        (_, Lang::En) => "/yr",
        (_, Lang::Vi) => "/năm",
    };
    format!("{n}{per}")
}

fn baseline_cell(lang: Lang, unit: Unit, p: &Progress) -> String {
    let Some(b) = p.baseline else { return dash() };
    let how = match b.source {
        Source::TargetsFile => lang.pick("\n(tệp mục tiêu)", "\n(targets file)"),
        Source::AdoptionYear => "",
        Source::LatestBefore => lang.pick("\n(trước năm ban hành)", "\n(before adoption)"),
        Source::EarliestAfter => lang.pick("\n(sau năm ban hành)", "\n(after adoption)"),
    };
    format!("{} ({}){how}", value(lang, unit, b.value), b.year)
}

/// Required and observed: rates for the growth methods, paces otherwise.
fn paces(lang: Lang, unit: Unit, p: &Progress) -> (String, String) {
    let e = &p.eval;
    let or_dash = |v: Option<String>| v.unwrap_or_else(dash);
    match p.method {
        Method::Growth | Method::Anticipated => (
            or_dash(e.required_rate.map(|r| rate(lang, r))),
            or_dash(e.actual_rate.map(|r| rate(lang, r))),
        ),
        Method::Linear => (
            or_dash(e.required_pace.map(|v| pace(lang, unit, v))),
            or_dash(e.observed_pace.map(|v| pace(lang, unit, v))),
        ),
        Method::AnnualRate => (
            lang.pick("mỗi năm", "every year").to_string(),
            or_dash(e.observed_pace.map(|v| pace(lang, unit, v))),
        ),
    }
}

fn ratio_text(lang: Lang, p: &Progress) -> Option<String> {
    let name = match p.method {
        Method::Growth => "R",
        Method::Anticipated => "Q",
        Method::Linear => "P",
        Method::AnnualRate => return None,
    };
    let ratio = p
        .eval
        .ratio
        .map(|r| format!("{name} {}", lang.number(r, 2)));
    let score = p
        .eval
        .score
        .map(|s| format!("{} {}", lang.pick("điểm", "score"), lang.number(s, 1)));
    let parts: Vec<String> = [ratio, score].into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn class_cell(lang: Lang, p: &Progress, several: bool) -> String {
    let e = &p.eval;
    let mut lines = Vec::new();
    if several || p.method == Method::AnnualRate {
        lines.push(format!("[{}]", p.method.source(lang)));
    }
    lines.push(p.method.label(e.class, lang).to_string());
    lines.push(format!("({})", e.class.id()));
    lines.extend(ratio_text(lang, p));
    if let Some(m) = &p.member {
        lines.push(format!("{} {m}", lang.pick("thấp nhất:", "worst:")));
    }
    if !e.shortfall_years.is_empty() {
        let years: Vec<String> = e.shortfall_years.iter().map(i32::to_string).collect();
        let label = lang.pick("năm không đạt:", "short in:");
        lines.push(format!("{label} {}", years.join(", ")));
    }
    lines.join("\n")
}

/// The cells of one progress row, in the order of [`header`]; line breaks
/// separate the parts of a cell.
pub(super) fn cells(lang: Lang, ind: &Indicator, p: &Progress, several: bool) -> [String; 5] {
    let (required, observed) = paces(lang, ind.unit, p);
    let point = |(y, v): (i32, f64)| format!("{} ({y})", value(lang, ind.unit, v));
    let base = baseline_cell(lang, ind.unit, p);
    let latest = p.latest.map_or_else(dash, point);
    [
        ind.id.clone(),
        format!("{base}\n{latest}"),
        format!("{required}\n{observed}"),
        p.eval
            .projected
            .map_or_else(dash, |v| value(lang, ind.unit, v)),
        class_cell(lang, p, several),
    ]
}

/// The columns of [`cells`] that hold figures (right-aligned).
pub(super) const FIGURES: [usize; 3] = [1, 2, 3];

/// The column of [`cells`] that holds the class (coloured by its tone).
pub(super) const CLASS: usize = 4;

/// Width the class column keeps at least: the longest class id,
/// `(substantial_progress)`.
const CLASS_WIDTH: usize = 22;

/// The header of a progress table for target year `year`.
pub(super) fn header(lang: Lang, year: i32) -> [String; 5] {
    [
        lang.pick("Chỉ tiêu", "Indicator").to_string(),
        lang.pick("Gốc\nMới nhất", "Baseline\nLatest").to_string(),
        lang.pick("Cần đạt\nThực tế", "Required\nObserved")
            .to_string(),
        format!("{} {year}", lang.pick("Dự báo", "Projected")),
        lang.pick("Tiến độ", "Progress").to_string(),
    ]
}
/// The title of a progress table: `Progress`, and the method's source when
/// there is one method.
pub(super) fn title(ctx: &Context, lang: Lang) -> String {
    let method = match ctx.progress.methods.as_slice() {
        [one] => format!(" · {}", one.source(lang)),
        _ => String::new(),
    };
    format!("{}{method}", lang.pick("Tiến độ", "Progress"))
}

/// Every progress row (one per method, the primary first) of a pillar's
/// rows, with its indicator.
pub(super) fn progress_rows<'a>(
    ctx: &'a Context,
    rows: &'a [Row],
) -> impl Iterator<Item = (&'a Indicator, &'a Progress)> {
    rows.iter().flat_map(move |r| {
        ctx.progress
            .rows_for(r.res.indicator, r.res.target_year)
            .map(move |p| (r.ind, p))
    })
}

/// Whether more than one method is shown (each class cell then names its
/// method).
pub(super) fn several(ctx: &Context) -> bool {
    ctx.progress.methods.len() > 1
}

/// The longest word of some cells in characters, a unit (`%`, `%/năm`)
/// counting with the number before it: `100,0 %` is one word.
fn longest_figure<'a>(cells: impl Iterator<Item = &'a str>) -> usize {
    let mut longest = 0;
    for line in cells.flat_map(str::lines) {
        let mut word = 0;
        for w in line.split_whitespace() {
            let n = w.chars().count();
            word = if w.starts_with('%') && word > 0 {
                word + 1 + n
            } else {
                n
            };
            longest = longest.max(word);
        }
    }
    longest
}

/// Writes the progress table for one pillar's rows of one target year.
///
/// Ids and figures stay whole: the figure columns are as wide as their
/// longest line when that fits the width, else as their longest figure.
/// The class column keeps room for the longest class id when the width
/// allows (not in 80 columns), else takes what is left.
pub fn render_pillar(out: &mut dyn Write, ctx: &Context, look: Look, rows: &[Row]) -> Result<()> {
    let Some(year) = rows.first().map(|r| r.res.target_year) else {
        return Ok(());
    };
    let lang = look.lang;
    let header = header(lang, year);
    let several = several(ctx);
    let body: Vec<(Tone, [String; 5])> = progress_rows(ctx, rows)
        .map(|(ind, p)| (Tone::of_class(p.eval.class), cells(lang, ind, p, several)))
        .collect();
    let column = |i: usize| {
        std::iter::once(header[i].as_str()).chain(body.iter().map(move |(_, c)| c[i].as_str()))
    };
    let id = body
        .iter()
        .map(|(_, c)| c[0].chars().count())
        .max()
        .unwrap_or(0);
    // 6 borders, 2 of padding per column.
    let room = usize::from(look.width).saturating_sub(6 + 2 * 5 + id + CLASS_WIDTH);
    let lines: Vec<usize> = FIGURES.iter().map(|&i| longest_line(column(i))).collect();
    let words: Vec<usize> = FIGURES.iter().map(|&i| longest_figure(column(i))).collect();
    let fits = |w: &Vec<usize>| w.iter().sum::<usize>() <= room;
    let (widths, class_whole) = if fits(&lines) {
        (lines, true)
    } else {
        let fits = fits(&words);
        (words, fits)
    };
    let mut table = new_table(look, header.iter().map(String::as_str).collect(), &FIGURES);
    for (&i, &w) in FIGURES.iter().zip(&widths) {
        fixed(&mut table, i, w);
    }
    if class_whole && let Some(c) = table.column_mut(CLASS) {
        let w = u16::try_from(CLASS_WIDTH + 2).unwrap_or(u16::MAX);
        c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
    }
    if let Some(c) = table.column_mut(0) {
        let w = u16::try_from(id + 2).unwrap_or(u16::MAX);
        c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
    }
    for (tone, cells) in body {
        let mut cells: Vec<Cell> = cells.into_iter().map(Cell::new).collect();
        cells[CLASS] = tone.cell(cells[CLASS].clone());
        table.add_row(cells);
    }
    writeln!(out, "{}", title(ctx, lang))?;
    writeln!(out, "{table}")?;
    Ok(())
}

/// The classes counted in summaries, best first (`no_target` rows are
/// never counted).
pub(super) fn counted_classes() -> Vec<Class> {
    ALL.into_iter().filter(|c| *c != Class::NoTarget).collect()
}

/// Per pillar with a counted indicator, then all pillars: the name and the
/// count per class of [`counted_classes`] (primary method).
pub(super) fn class_counts(ctx: &Context, lang: Lang, year: i32) -> Vec<(String, Vec<usize>)> {
    let r = ctx.resolution;
    let pillars = (0..r.pillars.len()).map(Scope::Pillar);
    pillars
        .chain([Scope::Total])
        .filter_map(|scope| {
            let name = text::pillar_name(lang, r, scope);
            let counts: Vec<usize> = progress::counts(ctx.progress, r, year, scope)
                .iter()
                .map(|(_, n)| *n)
                .collect();
            (counts.iter().any(|&n| n > 0)).then(|| (name.to_string(), counts))
        })
        .collect()
}

/// The title of the class counts of `year`, naming the primary method.
pub(super) fn summary_title(ctx: &Context, lang: Lang, year: i32) -> String {
    let method = ctx
        .progress
        .methods
        .first()
        .copied()
        .unwrap_or(Method::Growth);
    let title = lang.pick("Tiến độ theo nhóm", "Progress by class");
    format!("{title} · {year} · {}", method.source(lang))
}

/// Writes the count of indicators per progress class, per pillar and in
/// total, for one target year (primary method).
pub fn render_summary(out: &mut dyn Write, ctx: &Context, look: Look, year: i32) -> Result<()> {
    let lang = look.lang;
    let classes = counted_classes();
    let mut header = vec![lang.pick("Trụ cột", "Pillar")];
    header.extend(classes.iter().map(|c| c.name(lang)));
    let right: Vec<usize> = (1..=classes.len()).collect();
    // Class names break between words only, when the width allows: the
    // count columns as wide as their longest word, the pillar gets the rest
    // (at least 10).
    let words: Vec<usize> = header[1..]
        .iter()
        .map(|h| longest_word(std::iter::once(*h)))
        .collect();
    let room = usize::from(look.width).saturating_sub(1 + 3 * header.len() + 10);
    let fits = words.iter().sum::<usize>() <= room;
    let mut table = new_table(look, header, &right);
    if fits {
        for (&i, &w) in right.iter().zip(&words) {
            fixed(&mut table, i, w);
        }
    }
    for (name, counts) in class_counts(ctx, lang, year) {
        let mut cells = vec![name];
        cells.extend(counts.iter().map(usize::to_string));
        table.add_row(cells);
    }
    writeln!(out, "\n{}", summary_title(ctx, lang, year))?;
    writeln!(out, "{table}")?;
    Ok(())
}
