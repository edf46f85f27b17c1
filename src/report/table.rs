//! Aligned tables for people, in Vietnamese or English.
//!
//! Numbers use one decimal (ranks none), in the language's style.

use std::io::Write;

use anyhow::Result;
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets};

use super::Context;
use crate::calc::{IndicatorResult, Status, Summary};
use crate::lang::Lang;
use crate::targets::{Indicator, Resolution, Target, Unit};

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

/// A value in the indicator's unit: `87.5%` / `87,5 %`, ranks bare.
fn value(lang: Lang, unit: Unit, v: f64) -> String {
    let decimals = if unit == Unit::Rank { 0 } else { 1 };
    let n = lang.number(v, decimals);
    match (unit, lang) {
        (Unit::Percent, Lang::En) => format!("{n}%"),
        (Unit::Percent, Lang::Vi) => format!("{n} %"),
        (Unit::PercentPerYear, Lang::En) => format!("{n}%/yr"),
        (Unit::PercentPerYear, Lang::Vi) => format!("{n} %/năm"),
        (Unit::Rank, _) | (Unit::Number, _) => n,
    }
}

fn percent(lang: Lang, v: f64) -> String {
    value(lang, Unit::Percent, v)
}

/// A target such as `≥ 90%`: whole targets without decimals.
fn target(lang: Lang, unit: Unit, t: &Target) -> String {
    let op = match t.comparison.symbol() {
        ">=" => "≥",
        "<=" => "≤",
        other => other,
    };
    let v = value(lang, unit, t.value);
    let v = if t.value.fract() == 0.0 {
        v.replacen(&lang.number(t.value, 1), &lang.number(t.value, 0), 1)
    } else {
        v
    };
    format!("{op} {v}")
}

fn status(lang: Lang, s: Status) -> &'static str {
    match s {
        Status::Met => lang.pick("đạt", "met"),
        Status::NotMet => lang.pick("chưa đạt", "not met"),
        Status::Incomplete => lang.pick("thiếu thành phần", "incomplete"),
        Status::NoData => lang.pick("chưa có số liệu", "no data"),
        Status::NoTarget => lang.pick("không có mục tiêu", "no target"),
    }
}

/// The status and why: the worst member, missing members, a strict target.
fn status_cell(lang: Lang, ind: &Indicator, r: &IndicatorResult) -> String {
    let mut lines = vec![status(lang, r.status).to_string()];
    if let Some(m) = &r.worst_member {
        lines.push(format!("{} {m}", lang.pick("thấp nhất:", "worst:")));
    }
    if !r.missing_members.is_empty() && r.target.is_some() {
        lines.push(format!(
            "{} {}",
            lang.pick("thiếu:", "missing:"),
            r.missing_members.join(", ")
        ));
    }
    if let (Some(t), Some(false)) = (r.target, r.met)
        && t.comparison.is_strict()
        && r.attainment_pct.is_some_and(|a| a >= 100.0)
    {
        let v = value(lang, ind.unit, t.value);
        let why = if t.comparison.higher_is_better() {
            lang.pick("phải trên", "must exceed")
        } else {
            lang.pick("phải dưới", "must be below")
        };
        lines.push(format!("{why} {v}"));
    }
    lines.join("\n")
}

/// Name, a `*` when the indicator has a note, and the id used in data files.
fn indicator_cell(lang: Lang, ind: &Indicator) -> String {
    let mark = if ind.note(lang).is_some() { " *" } else { "" };
    format!("{}{mark}\n{}", ind.name(lang), ind.id)
}

/// The notes of the given indicators, one line each, for below a table.
fn notes(lang: Lang, inds: &[&Indicator]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for note in inds.iter().filter_map(|i| i.note(lang)) {
        if !seen.contains(&note) {
            seen.push(note);
        }
    }
    seen.iter().map(|n| format!("* {n}\n")).collect()
}

/// Keeps the indicator column at least as wide as its longest id, so ids
/// never break.
fn keep_ids_whole(table: &mut Table, inds: &[&Indicator]) {
    let longest = inds.iter().map(|i| i.id.chars().count()).max().unwrap_or(0) as u16 + 2; // + padding
    if let Some(c) = table.column_mut(0) {
        c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(longest)));
    }
}

fn dash() -> String {
    "—".to_string()
}

fn indicator_table(ctx: &Context, lang: Lang, width: u16, rows: &[&IndicatorResult]) -> Table {
    let header = vec![
        lang.pick("Chỉ tiêu", "Indicator"),
        lang.pick("Năm", "Year"),
        lang.pick("Thực hiện", "Actual"),
        lang.pick("Mục tiêu", "Target"),
        lang.pick("Mức đạt", "Attained"),
        lang.pick("Còn thiếu", "Gap"),
        lang.pick("Trạng thái", "Status"),
    ];
    let mut table = new_table(width, header, &[1, 2, 3, 4, 5]);
    let inds: Vec<&Indicator> = rows
        .iter()
        .map(|r| &ctx.resolution.indicators[r.indicator])
        .collect();
    keep_ids_whole(&mut table, &inds);
    for r in rows {
        let ind = &ctx.resolution.indicators[r.indicator];
        let gap_decimals = if ind.unit == Unit::Rank { 0 } else { 1 };
        table.add_row(vec![
            indicator_cell(lang, ind),
            r.actual_year.map_or_else(dash, |y| y.to_string()),
            r.actual.map_or_else(dash, |v| value(lang, ind.unit, v)),
            r.target
                .as_ref()
                .map_or_else(dash, |t| target(lang, ind.unit, t)),
            r.attainment_pct.map_or_else(dash, |a| percent(lang, a)),
            r.gap.map_or_else(dash, |g| lang.number(g, gap_decimals)),
            status_cell(lang, ind, r),
        ]);
    }
    table
}

fn summary_table(resolution: &Resolution, lang: Lang, width: u16, rows: &[&Summary]) -> Table {
    let header = vec![
        lang.pick("Trụ cột", "Pillar"),
        lang.pick("Có mục tiêu", "With target"),
        lang.pick("Có số liệu", "With data"),
        lang.pick("Đạt", "Met"),
        lang.pick("Mức đạt TB", "Mean attained"),
        lang.pick("Mục tiêu NQ đạt", "Items met"),
    ];
    let mut table = new_table(width, header, &[1, 2, 3, 4, 5]);
    for s in rows {
        let name = match resolution.pillar(&s.pillar) {
            Some(p) => p.name(lang).to_string(),
            None => lang.pick("Tất cả trụ cột", "All pillars").to_string(),
        };
        table.add_row(vec![
            name,
            s.indicators.to_string(),
            s.with_data.to_string(),
            s.met.to_string(),
            s.mean_attainment_pct
                .map_or_else(dash, |m| percent(lang, m)),
            format!("{} / {}", s.items_met, s.items),
        ]);
    }
    table
}

/// Writes the report: per target year, one table per pillar and a summary.
pub fn render_report(out: &mut dyn Write, ctx: &Context, lang: Lang, width: u16) -> Result<()> {
    let r = ctx.resolution;
    let a = ctx.assessment;
    writeln!(out, "{}", r.title(lang))?;
    let as_of = a.as_of.map_or_else(
        || lang.pick("không có số liệu", "no data").to_string(),
        |y| y.to_string(),
    );
    let files = ctx.files.join(", ");
    match lang {
        Lang::Vi => writeln!(
            out,
            "Ban hành {} · số liệu: {files} · tính đến năm {as_of}",
            r.meta.adopted
        )?,
        Lang::En => writeln!(
            out,
            "Adopted {} · data: {files} · figures as of {as_of}",
            r.meta.adopted
        )?,
    }
    for &year in &a.horizons {
        writeln!(out)?;
        writeln!(out, "{} {year}", lang.pick("MỤC TIÊU NĂM", "TARGETS FOR"))?;
        for p in &r.pillars {
            let in_pillar = |x: &&IndicatorResult| {
                x.target_year == year && r.indicators[x.indicator].pillar == p.id
            };
            let (rows, untargeted): (Vec<&IndicatorResult>, Vec<&IndicatorResult>) = a
                .results
                .iter()
                .filter(in_pillar)
                .partition(|x| x.target.is_some());
            if rows.is_empty() && untargeted.is_empty() {
                continue;
            }
            writeln!(out, "\n{} · {year}", p.name(lang))?;
            if !rows.is_empty() {
                writeln!(out, "{}", indicator_table(ctx, lang, width, &rows))?;
                let inds: Vec<&Indicator> =
                    rows.iter().map(|x| &r.indicators[x.indicator]).collect();
                write!(out, "{}", notes(lang, &inds))?;
                super::progress_table::render_pillar(out, ctx, lang, width, &rows)?;
            }
            for x in untargeted {
                let ind = &r.indicators[x.indicator];
                let label = lang.pick(
                    "Nghị quyết không đặt mục tiêu năm",
                    "No target in the resolution for",
                );
                writeln!(out, "{label} {year}: {} ({})", ind.name(lang), ind.id)?;
            }
        }
        let sums: Vec<&Summary> = a
            .pillars
            .iter()
            .chain(&a.totals)
            .filter(|s| s.target_year == year && s.indicators > 0)
            .collect();
        writeln!(out, "\n{} · {year}", lang.pick("Tổng hợp", "Summary"))?;
        writeln!(out, "{}", summary_table(r, lang, width, &sums))?;
        super::progress_table::render_summary(out, ctx, lang, width, year)?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        lang.pick(
            "Còn thiếu: phần còn phải đạt, theo đơn vị của chỉ tiêu (điểm phần trăm với %); bằng 0 hoặc âm là đã đạt.\nMức đạt TB: trung bình mức đạt của các chỉ tiêu có số liệu, mỗi chỉ tiêu tính tối đa 100 %.",
            "Gap: still to go, in the indicator's unit (percentage points for %); zero or negative = reached.\nMean attained: mean attainment of indicators with data, each capped at 100%."
        )
    )?;
    Ok(())
}

/// Writes the resolution's targets, one table per pillar.
pub fn render_targets(out: &mut dyn Write, r: &Resolution, lang: Lang, width: u16) -> Result<()> {
    writeln!(out, "{}", r.title(lang))?;
    writeln!(
        out,
        "{} · {}",
        lang.pick(&r.meta.issuer_vi, &r.meta.issuer_en),
        r.meta.adopted
    )?;
    let years = r.target_years();
    for p in &r.pillars {
        let inds: Vec<&Indicator> = r.indicators.iter().filter(|i| i.pillar == p.id).collect();
        if inds.is_empty() {
            continue;
        }
        let mut header = vec![lang.pick("Chỉ tiêu", "Indicator").to_string()];
        header.extend(years.iter().map(|y| y.to_string()));
        let right: Vec<usize> = (1..=years.len()).collect();
        let mut table = new_table(width, header.iter().map(String::as_str).collect(), &right);
        keep_ids_whole(&mut table, &inds);
        for ind in &inds {
            let mut row = vec![indicator_cell(lang, ind)];
            if let Some((vi, en)) = &ind.each {
                row[0] = format!(
                    "{}\n{} {}",
                    row[0],
                    lang.pick("áp dụng cho từng:", "applies to each:"),
                    lang.pick(vi, en)
                );
            }
            row.extend(years.iter().map(|&y| {
                ind.target_for(y)
                    .map_or_else(dash, |t| target(lang, ind.unit, t))
            }));
            table.add_row(row);
        }
        writeln!(out, "\n{}", p.name(lang))?;
        writeln!(out, "{table}")?;
        write!(out, "{}", notes(lang, &inds))?;
    }
    Ok(())
}
