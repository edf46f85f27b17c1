//! Progress tables for people: per pillar, each indicator's baseline,
//! latest figure, required and observed pace, projection and class (with the
//! method's own label); and a count of indicators per class. Renders only.

use std::io::Write;

use anyhow::Result;
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets};

use super::Context;
use crate::calc::IndicatorResult;
use crate::lang::Lang;
use crate::progress::baseline::Source;
use crate::progress::{self, Class, Method, Progress, class::ALL};
use crate::targets::{Indicator, Unit};

fn new_table(width: u16, header: Vec<&str>, right: &[usize]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header);
    for &i in right {
        if let Some(c) = table.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}

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

fn row(lang: Lang, ind: &Indicator, p: &Progress, several: bool) -> Vec<String> {
    let (required, observed) = paces(lang, ind.unit, p);
    let point = |(y, v): (i32, f64)| format!("{} ({y})", value(lang, ind.unit, v));
    let base = baseline_cell(lang, ind.unit, p);
    let latest = p.latest.map_or_else(dash, point);
    vec![
        ind.id.clone(),
        format!("{base}\n{latest}"),
        required,
        observed,
        p.eval
            .projected
            .map_or_else(dash, |v| value(lang, ind.unit, v)),
        class_cell(lang, p, several),
    ]
}

/// Writes the progress table for one pillar's rows of one target year.
pub fn render_pillar(
    out: &mut dyn Write,
    ctx: &Context,
    lang: Lang,
    width: u16,
    rows: &[&IndicatorResult],
) -> Result<()> {
    let Some(year) = rows.first().map(|r| r.target_year) else {
        return Ok(());
    };
    let projected = format!("{} {year}", lang.pick("Dự báo", "Projected"));
    let header = vec![
        lang.pick("Chỉ tiêu", "Indicator"),
        lang.pick("Gốc\nMới nhất", "Baseline\nLatest"),
        lang.pick("Cần đạt", "Required"),
        lang.pick("Thực tế", "Observed"),
        &projected,
        lang.pick("Tiến độ", "Progress"),
    ];
    let mut table = new_table(width, header, &[1, 2, 3, 4]);
    let several = ctx.progress.methods.len() > 1;
    let mut longest = 0;
    for r in rows {
        let Some(ind) = ctx.resolution.indicators.get(r.indicator) else {
            continue;
        };
        longest = longest.max(ind.id.chars().count());
        for p in ctx.progress.rows_for(r.indicator, year) {
            table.add_row(row(lang, ind, p, several));
        }
    }
    // Keep ids whole (+ 2 for padding).
    if let Some(c) = table.column_mut(0) {
        let w = u16::try_from(longest + 2).unwrap_or(u16::MAX);
        c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
    }
    // Room for the longest class id, `(substantial_progress)`.
    if let Some(c) = table.column_mut(5) {
        c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(24)));
    }
    let method = match ctx.progress.methods.as_slice() {
        [one] => format!(" · {}", one.source(lang)),
        _ => String::new(),
    };
    writeln!(out, "{}{method}", lang.pick("Tiến độ", "Progress"))?;
    writeln!(out, "{table}")?;
    Ok(())
}

/// Writes the count of indicators per progress class, per pillar and in
/// total, for one target year (primary method).
pub fn render_summary(
    out: &mut dyn Write,
    ctx: &Context,
    lang: Lang,
    width: u16,
    year: i32,
) -> Result<()> {
    let classes: Vec<Class> = ALL.into_iter().filter(|c| *c != Class::NoTarget).collect();
    let mut header = vec![lang.pick("Trụ cột", "Pillar")];
    header.extend(classes.iter().map(|c| c.name(lang)));
    let right: Vec<usize> = (1..=classes.len()).collect();
    let mut table = new_table(width, header, &right);
    let r = ctx.resolution;
    let pillars = r
        .pillars
        .iter()
        .map(|p| (Some(p.id.as_str()), p.name(lang)));
    let all = std::iter::once((None, lang.pick("Tất cả trụ cột", "All pillars")));
    for (id, name) in pillars.chain(all) {
        let counts = progress::counts(ctx.progress, r, year, id);
        if counts.iter().all(|(_, n)| *n == 0) {
            continue;
        }
        let mut cells = vec![name.to_string()];
        cells.extend(counts.iter().map(|(_, n)| n.to_string()));
        table.add_row(cells);
    }
    let method = ctx
        .progress
        .methods
        .first()
        .copied()
        .unwrap_or(Method::Growth);
    let title = lang.pick("Tiến độ theo nhóm", "Progress by class");
    writeln!(out, "\n{title} · {year} · {}", method.source(lang))?;
    writeln!(out, "{table}")?;
    Ok(())
}
