//! Aligned table of `report --by area` for people: per target year, one row
//! per area with, per pillar, met / with target and the mean capped
//! attainment, then the score and the rank.

use std::io::Write;

use anyhow::Result;
use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use super::AreaContext;
use crate::calc::rank::AreaRow;
use crate::lang::Lang;

/// A pillar cell: `3/7 · 93.4%`, or `0/2 · —` without data.
fn pillar_cell(lang: Lang, met: usize, with_target: usize, mean: Option<f64>) -> String {
    let mean = mean.map_or_else(|| "—".to_string(), |m| percent(lang, m));
    format!("{met}/{with_target} · {mean}")
}

fn percent(lang: Lang, v: f64) -> String {
    match lang {
        Lang::Vi => format!("{} %", lang.number(v, 1)),
        Lang::En => format!("{}%", lang.number(v, 1)),
    }
}

fn year_table(ctx: &AreaContext, lang: Lang, width: u16, rows: &[&AreaRow]) -> Table {
    let r = ctx.resolution;
    let mut header = vec![
        lang.pick("Hạng", "Rank").to_string(),
        lang.pick("Địa bàn", "Area").to_string(),
    ];
    header.extend(
        ctx.pillars
            .iter()
            .filter_map(|&p| r.pillars.get(p))
            .map(|p| p.name(lang).to_string()),
    );
    header.push(lang.pick("Điểm", "Score").to_string());
    let columns = header.len();
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header);
    for i in (0..columns).filter(|&i| i != 1) {
        if let Some(c) = table.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    for row in rows {
        let mut cells = vec![
            row.rank.map_or_else(|| "—".to_string(), |k| k.to_string()),
            row.name.clone(),
        ];
        cells.extend(
            row.pillars
                .iter()
                .map(|c| pillar_cell(lang, c.met, c.indicators, c.mean_attainment_pct)),
        );
        cells.push(
            row.score
                .map_or_else(|| "—".to_string(), |s| percent(lang, s)),
        );
        table.add_row(cells);
    }
    table
}

/// Writes the report.
pub fn render(out: &mut dyn Write, ctx: &AreaContext, lang: Lang, width: u16) -> Result<()> {
    let r = ctx.resolution;
    writeln!(out, "{}", r.title(lang))?;
    let as_of = ctx.as_of.map_or_else(
        || lang.pick("không có số liệu", "no data").to_string(),
        |y| y.to_string(),
    );
    let files = ctx.files.join(", ");
    match lang {
        Lang::Vi => writeln!(out, "Số liệu: {files} · tính đến năm {as_of}")?,
        Lang::En => writeln!(out, "Data: {files} · figures as of {as_of}")?,
    }
    for &year in ctx.horizons {
        let rows: Vec<&AreaRow> = ctx.rows.iter().filter(|x| x.target_year == year).collect();
        let title = lang.pick("Các địa bàn, mục tiêu năm", "Areas, targets for");
        writeln!(out, "\n{title} {year}")?;
        writeln!(out, "{}", year_table(ctx, lang, width, &rows))?;
    }
    writeln!(out)?;
    let legend = lang.pick(
        "Mỗi trụ cột: số chỉ tiêu đạt / có mục tiêu · mức đạt trung bình (mỗi chỉ tiêu tối đa 100 %) của các chỉ tiêu có số liệu.\nĐiểm: trung bình mức đạt của các trụ cột có số liệu; điểm bằng nhau cùng hạng.",
        "Per pillar: indicators met / with a target · mean attainment of indicators with data, each capped at 100%.\nScore: mean of the pillar means (pillars with data); equal scores share a rank.",
    );
    writeln!(out, "{legend}")?;
    Ok(())
}
