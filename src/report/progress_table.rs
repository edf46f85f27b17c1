//! Progress for people: per pillar, each indicator's baseline, latest
//! figure, required and observed pace, projection and class (with the
//! method's own label); and a count of indicators per class. Draws the
//! terminal's progress tables and gives the same cells, as plain text, to
//! the Markdown and HTML renderers. Renders only.

use std::io::Write;

use anyhow::Result;

use super::grid::{Grid, longest_line, longest_word, prose};
use super::text::{self, value};
use super::tone::Tone;
use super::{Context, Look, Row};
use crate::calc::Scope;
use crate::lang::Lang;
use crate::msg::label::{self, Heading, Label};
use crate::progress::baseline::Source;
use crate::progress::{self, Class, Method, Progress, class::ALL};
use crate::targets::Unit;

fn dash() -> String {
    "—".to_string()
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
    label::with_unit(lang, Unit::PercentPerYear, &signed(lang, r * 100.0, 1))
}

/// A pace in the indicator's unit per year: `+3.0 pp/yr`, ranks `−5.5/yr`.
fn pace(lang: Lang, unit: Unit, p: f64) -> String {
    format!("{}{}", signed(lang, p, 1), label::per_year(lang, unit))
}

/// A figure of `row`'s indicator and its year: as the indicator table
/// shows it when it is the result's actual (with its published decimals),
/// else with one decimal (the progress series does not carry decimals).
fn point(lang: Lang, row: Row, (year, v): (i32, f64)) -> String {
    let (unit, r) = (row.ind.unit, row.res);
    let shown = if r.actual_year == Some(year) && r.actual == Some(v) {
        text::actual(lang, unit, r, v, r.actual_decimals)
    } else {
        value(lang, unit, v)
    };
    format!("{shown} ({year})")
}

fn baseline_cell(lang: Lang, row: Row, p: &Progress) -> String {
    let Some(b) = p.baseline else { return dash() };
    let how = match b.source {
        Source::TargetsFile => Some(Label::FromTargetsFile),
        Source::AdoptionYear => None,
        Source::LatestBefore => Some(Label::BeforeAdoption),
        Source::EarliestAfter => Some(Label::AfterAdoption),
    };
    let how = how.map_or_else(String::new, |l| format!("\n{}", l.say(lang)));
    format!("{}{how}", point(lang, row, (b.year, b.value)))
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
            Label::EveryYear.say(lang).to_string(),
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
        .map(|s| format!("{} {}", Label::Score.say(lang), lang.number(s, 1)));
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
        lines.push(format!("{} {m}", Label::Worst.say(lang)));
    }
    if !e.shortfall_years.is_empty() {
        let years: Vec<String> = e.shortfall_years.iter().map(i32::to_string).collect();
        let short = Label::ShortIn.say(lang);
        lines.push(format!("{short} {}", years.join(", ")));
    }
    lines.join("\n")
}

/// The cells of one progress row of `row`'s indicator, in the order of
/// [`header`]; line breaks separate the parts of a cell.
pub(super) fn cells(lang: Lang, row: Row, p: &Progress, several: bool) -> [String; 5] {
    let ind = row.ind;
    let (required, observed) = paces(lang, ind.unit, p);
    let base = baseline_cell(lang, row, p);
    let latest = p.latest.map_or_else(dash, |x| point(lang, row, x));
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
        Label::Indicator.say(lang).to_string(),
        Label::BaselineLatest.say(lang).to_string(),
        Label::RequiredObserved.say(lang).to_string(),
        Heading::Projected(year).say(lang),
        Label::Progress.say(lang).to_string(),
    ]
}
/// The title of a progress table: `Progress`, and the method's source when
/// there is one method.
pub(super) fn title(ctx: &Context, lang: Lang) -> String {
    let method = match ctx.progress.methods.as_slice() {
        [one] => format!(" · {}", one.source(lang)),
        _ => String::new(),
    };
    format!("{}{method}", Label::Progress.say(lang))
}

/// Every progress row (one per method, the primary first) of a pillar's
/// rows, with its indicator and result.
pub(super) fn progress_rows<'a>(
    ctx: &'a Context,
    rows: &'a [Row<'a>],
) -> impl Iterator<Item = (Row<'a>, &'a Progress)> {
    rows.iter().flat_map(move |&r| {
        ctx.progress
            .rows_for(r.res.indicator, r.res.target_year)
            .map(move |p| (r, p))
    })
}

/// Whether more than one method is shown (each class cell then names its
/// method).
pub(super) fn several(ctx: &Context) -> bool {
    ctx.progress.methods.len() > 1
}

/// Writes the progress table for one pillar's rows of one target year.
///
/// Figures stay whole: the figure columns are as wide as their longest line
/// when that fits the width, else as their longest figure. The class
/// column keeps room for the longest class id; in a narrow terminal the
/// ids give it room and break after a `.` or `_` (see [`Grid::draw`]).
pub fn render_pillar(out: &mut dyn Write, ctx: &Context, look: Look, rows: &[Row]) -> Result<()> {
    let Some(year) = rows.first().map(|r| r.res.target_year) else {
        return Ok(());
    };
    let lang = look.lang;
    let header = header(lang, year);
    let several = several(ctx);
    let body: Vec<(Tone, [String; 5])> = progress_rows(ctx, rows)
        .map(|(row, p)| (Tone::of_class(p.eval.class), cells(lang, row, p, several)))
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
    let words: Vec<usize> = FIGURES
        .iter()
        .map(|&i| column(i).map(longest_word).max().unwrap_or(0))
        .collect();
    let fits = |w: &Vec<usize>| w.iter().sum::<usize>() <= room;
    let (widths, class_whole) = if fits(&lines) {
        (lines, true)
    } else {
        let fits = fits(&words);
        (words, fits)
    };
    let mut grid = Grid::new(header.to_vec(), &FIGURES);
    for (&i, &w) in FIGURES.iter().zip(&widths) {
        grid.fix(i, w);
    }
    if class_whole {
        grid.at_least(CLASS, CLASS_WIDTH);
    }
    grid.at_least(0, id);
    for (tone, cells) in body {
        let cells = cells.into_iter().enumerate();
        grid.toned(
            cells
                .map(|(i, c)| (c, (i == CLASS).then_some(tone)))
                .collect(),
        );
    }
    prose(out, look, &title(ctx, lang))?;
    writeln!(out, "{}", grid.draw(look))?;
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
    Heading::ProgressByClass(year, method.source(lang)).say(lang)
}

/// Writes the count of indicators per progress class, per pillar and in
/// total, for one target year (primary method): a column per class, or,
/// when the class names cannot keep their words whole in the width, a row
/// per class and a column per pillar.
pub fn render_summary(out: &mut dyn Write, ctx: &Context, look: Look, year: i32) -> Result<()> {
    let lang = look.lang;
    let classes = counted_classes();
    let counts = class_counts(ctx, lang, year);
    let mut header = vec![Label::Pillar.say(lang).to_string()];
    header.extend(classes.iter().map(|c| c.name(lang).to_string()));
    // Class names break between words only: the count columns as wide as
    // their longest word, the pillar gets the rest (at least 10).
    let words: Vec<usize> = header[1..].iter().map(|h| longest_word(h)).collect();
    let room = usize::from(look.width).saturating_sub(1 + 3 * header.len() + 10);
    let grid = if words.iter().sum::<usize>() <= room {
        let right: Vec<usize> = (1..=classes.len()).collect();
        let mut grid = Grid::new(header, &right);
        for (&i, &w) in right.iter().zip(&words) {
            grid.fix(i, w);
        }
        for (name, n) in counts {
            grid.row(
                std::iter::once(name)
                    .chain(n.iter().map(usize::to_string))
                    .collect(),
            );
        }
        grid
    } else {
        let mut header = vec![Label::Progress.say(lang).to_string()];
        header.extend(counts.iter().map(|(name, _)| name.clone()));
        let right: Vec<usize> = (1..=counts.len()).collect();
        let mut grid = Grid::new(header, &right);
        for (k, class) in classes.iter().enumerate() {
            let n = counts.iter().map(|(_, n)| n.get(k).copied().unwrap_or(0));
            grid.row(
                std::iter::once(class.name(lang).to_string())
                    .chain(n.map(|n| n.to_string()))
                    .collect(),
            );
        }
        grid
    };
    writeln!(out)?;
    prose(out, look, &summary_title(ctx, lang, year))?;
    writeln!(out, "{}", grid.draw(look))?;
    Ok(())
}
