//! One self-contained HTML page: inline CSS (`html.css`) and inline SVG
//! charts (`svg.rs`), no script, nothing fetched. A title block, the
//! headline, then per pillar (a new page in print) a chart, a table and a
//! progress table per target year, then the summaries with the count of
//! indicators per progress class.

use std::io::Write;

use anyhow::Result;

use super::headline::headlines;
use super::tone::Tone;
use super::{Context, Row, Section, progress_table, sections, svg, text};
use crate::lang::Lang;
use crate::targets::Resolution;

const CSS: &str = include_str!("html.css");

/// Characters of an indicator name in the headline.
const SHORT_NAME: usize = 70;

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn head(out: &mut dyn Write, lang: Lang, title: &str) -> Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, r#"<html lang="{}">"#, lang.pick("vi", "en"))?;
    writeln!(out, r#"<head><meta charset="utf-8">"#)?;
    writeln!(
        out,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
    )?;
    writeln!(out, "<title>{}</title>", esc(title))?;
    writeln!(out, "<style>\n{CSS}</style>\n</head>\n<body>")?;
    Ok(())
}

fn title_block(out: &mut dyn Write, ctx: &Context, lang: Lang) -> Result<()> {
    let r = ctx.resolution;
    let as_of = ctx.assessment.as_of.map_or_else(
        || lang.pick("không có số liệu", "no data").to_string(),
        |y| y.to_string(),
    );
    writeln!(out, r#"<header class="title-block">"#)?;
    writeln!(out, "<h1>{}</h1>\n<dl>", esc(r.title(lang)))?;
    let items = [
        (lang.pick("Nghị quyết", "Resolution"), text::issuer(lang, r)),
        (lang.pick("Tính đến năm", "Figures as of"), as_of),
        (lang.pick("Số liệu", "Data files"), ctx.files.join(", ")),
    ];
    for (k, v) in items {
        writeln!(out, "<dt>{}</dt><dd>{}</dd>", esc(k), esc(&v))?;
    }
    writeln!(out, "</dl>\n</header>")?;
    Ok(())
}

/// `<th>` cells; `right` columns are numeric.
fn header_row(out: &mut dyn Write, headers: &[&str], right: &[usize]) -> Result<()> {
    write!(out, "<thead><tr>")?;
    for (i, h) in headers.iter().enumerate() {
        let class = if right.contains(&i) {
            r#" class="num""#
        } else {
            ""
        };
        write!(out, "<th{class}>{}</th>", esc(h))?;
    }
    writeln!(out, "</tr></thead>")?;
    Ok(())
}

fn headline(out: &mut dyn Write, ctx: &Context, lang: Lang, year: i32) -> Result<()> {
    let lines = headlines(ctx, year);
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<h2>{}</h2>\n<table class=\"headline\">",
        esc(&text::headline_title(lang, year))
    )?;
    header_row(out, &text::headline_headers(lang), &[1, 2])?;
    writeln!(out, "<tbody>")?;
    for h in &lines {
        let s = h.summary;
        let tone = Tone::of_mean(s.mean_attainment_pct).id();
        let worst: String = h
            .worst
            .iter()
            .map(|&w| format!("<li>{}</li>", esc(&text::worst_line(lang, w, SHORT_NAME))))
            .collect();
        let worst = if worst.is_empty() {
            text::DASH.to_string()
        } else {
            format!(r#"<ul class="worst">{worst}</ul>"#)
        };
        writeln!(
            out,
            r#"<tr{}><td>{}</td><td class="num">{}</td><td class="num {tone}">{}</td><td>{worst}</td></tr>"#,
            if h.total { r#" class="total""# } else { "" },
            esc(text::pillar_name(lang, ctx.resolution, s.scope)),
            text::met_of(s.met, s.indicators),
            esc(&text::percent_or_dash(lang, s.mean_attainment_pct)),
        )?;
    }
    writeln!(out, "</tbody></table>")?;
    Ok(())
}

fn indicator_table(out: &mut dyn Write, lang: Lang, rows: &[Row]) -> Result<()> {
    writeln!(out, r#"<table class="indicators">"#)?;
    header_row(out, &text::indicator_headers(lang), &[1, 2, 3, 4, 5])?;
    writeln!(out, "<tbody>")?;
    for &row in rows {
        let tone = Tone::of(row.res).id();
        let [year, actual, target, attained, gap] = text::figures(lang, row);
        let mut status = text::status_lines(lang, row).into_iter();
        let first = status.next().unwrap_or_default();
        let why: String = status
            .map(|l| format!(r#"<span class="why">{}</span>"#, esc(&l)))
            .collect();
        writeln!(
            out,
            r#"<tr data-indicator="{id}"><td>{name}<span class="id">{id}</span></td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num {tone}">{}</td><td class="num">{}</td><td class="status {tone}">{}{why}</td></tr>"#,
            esc(&year),
            esc(&actual),
            esc(&target),
            esc(&attained),
            esc(&gap),
            esc(&first),
            id = esc(&row.ind.id),
            name = esc(&text::name_marked(lang, row.ind)),
        )?;
    }
    writeln!(out, "</tbody></table>")?;
    Ok(())
}

/// Lines of a progress cell, escaped, one per line.
fn lines(cell: &str) -> String {
    cell.lines().map(esc).collect::<Vec<_>>().join("<br>")
}

/// The progress table of a section's rows (one row per method); the class
/// cell has the class's tone.
fn progress(out: &mut dyn Write, ctx: &Context, lang: Lang, s: &Section) -> Result<()> {
    writeln!(
        out,
        "<h4>{}</h4>\n<table class=\"progress\">",
        esc(&progress_table::title(ctx, lang))
    )?;
    let header = progress_table::header(lang, s.year).map(|h| h.replace('\n', " / "));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    header_row(out, &header, &progress_table::FIGURES)?;
    writeln!(out, "<tbody>")?;
    let several = progress_table::several(ctx);
    for (ind, p) in progress_table::progress_rows(ctx, &s.rows) {
        let tone = Tone::of_class(p.eval.class).id();
        let cells = progress_table::cells(lang, ind, p, several);
        write!(out, r#"<tr data-progress="{}">"#, esc(&ind.id))?;
        for (i, c) in cells.iter().enumerate() {
            let class = if i == progress_table::CLASS {
                format!(r#" class="status {tone}""#)
            } else if progress_table::FIGURES.contains(&i) {
                r#" class="num""#.to_string()
            } else {
                String::new()
            };
            write!(out, "<td{class}>{}</td>", lines(c))?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table>")?;
    Ok(())
}

/// Indicators per progress class of `year`, per pillar and in total.
fn class_counts(out: &mut dyn Write, ctx: &Context, lang: Lang, year: i32) -> Result<()> {
    let classes = progress_table::counted_classes();
    let mut header = vec![lang.pick("Trụ cột", "Pillar")];
    header.extend(classes.iter().map(|c| c.name(lang)));
    let right: Vec<usize> = (1..=classes.len()).collect();
    writeln!(
        out,
        "<h4>{}</h4>\n<table class=\"classes\">",
        esc(&progress_table::summary_title(ctx, lang, year))
    )?;
    header_row(out, &header, &right)?;
    writeln!(out, "<tbody>")?;
    for (name, counts) in progress_table::class_counts(ctx, lang, year) {
        write!(out, "<tr><td>{}</td>", esc(&name))?;
        for n in counts {
            write!(out, r#"<td class="num">{n}</td>"#)?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table>")?;
    Ok(())
}

fn section(out: &mut dyn Write, ctx: &Context, lang: Lang, s: &Section) -> Result<()> {
    let heading = text::targets_for(lang, s.year);
    writeln!(out, "<h3>{}</h3>", esc(&heading))?;
    if !s.rows.is_empty() {
        let caption = format!("{} · {heading}", s.pillar.name(lang));
        writeln!(
            out,
            "<figure>{}</figure>",
            svg::chart(lang, &s.rows, &caption)
        )?;
        indicator_table(out, lang, &s.rows)?;
        let notes = text::notes(lang, s.rows.iter().map(|x| x.ind));
        for note in notes {
            writeln!(out, r#"<p class="notes">* {}</p>"#, esc(note))?;
        }
        progress(out, ctx, lang, s)?;
    }
    for x in &s.untargeted {
        writeln!(
            out,
            r#"<p class="untargeted">{}</p>"#,
            esc(&text::untargeted(lang, s.year, x.ind))
        )?;
    }
    Ok(())
}

fn summaries(out: &mut dyn Write, ctx: &Context, lang: Lang) -> Result<()> {
    let a = ctx.assessment;
    writeln!(
        out,
        r#"<section class="pillar summary"><h2>{}</h2>"#,
        esc(text::summary(lang))
    )?;
    for &year in &a.horizons {
        writeln!(
            out,
            "<h3>{}</h3>\n<table>",
            esc(&text::targets_for(lang, year))
        )?;
        header_row(out, &text::summary_headers(lang), &[1, 2, 3, 4, 5])?;
        writeln!(out, "<tbody>")?;
        let rows = a
            .pillars
            .iter()
            .map(|s| (s, false))
            .chain(a.totals.iter().map(|s| (s, true)));
        for (s, total) in rows.filter(|(s, _)| s.target_year == year && s.indicators > 0) {
            writeln!(
                out,
                r#"<tr{}><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{} / {}</td></tr>"#,
                if total { r#" class="total""# } else { "" },
                esc(text::pillar_name(lang, ctx.resolution, s.scope)),
                s.indicators,
                s.with_data,
                s.met,
                esc(&text::percent_or_dash(lang, s.mean_attainment_pct)),
                s.items_met,
                s.items
            )?;
        }
        writeln!(out, "</tbody></table>")?;
        class_counts(out, ctx, lang, year)?;
    }
    writeln!(out, "</section>")?;
    Ok(())
}

/// Writes the report as one HTML page.
pub fn render_report(out: &mut dyn Write, ctx: &Context, lang: Lang) -> Result<()> {
    let a = ctx.assessment;
    head(out, lang, ctx.resolution.title(lang))?;
    title_block(out, ctx, lang)?;
    writeln!(out, r#"<section class="headlines">"#)?;
    for &year in &a.horizons {
        headline(out, ctx, lang, year)?;
    }
    writeln!(out, "</section>")?;
    let by_year: Vec<Vec<Section>> = a.horizons.iter().map(|&y| sections(ctx, y)).collect();
    for p in &ctx.resolution.pillars {
        let mine: Vec<&Section> = by_year
            .iter()
            .flatten()
            .filter(|s| s.pillar.id == p.id)
            .collect();
        if mine.is_empty() {
            continue;
        }
        writeln!(
            out,
            r#"<section class="pillar" id="pillar-{}">"#,
            esc(&p.id)
        )?;
        writeln!(out, "<h2>{}</h2>", esc(p.name(lang)))?;
        for s in mine {
            section(out, ctx, lang, s)?;
        }
        writeln!(out, "</section>")?;
    }
    summaries(out, ctx, lang)?;
    writeln!(out, "<footer>")?;
    for line in [text::legend_html(lang)]
        .iter()
        .chain(text::footer(lang).map(str::to_string).iter())
    {
        writeln!(out, "<p>{}</p>", esc(line))?;
    }
    writeln!(out, "</footer>\n</body>\n</html>")?;
    Ok(())
}

/// Writes the resolution's targets as one HTML page, a table per pillar.
pub fn render_targets(out: &mut dyn Write, r: &Resolution, lang: Lang) -> Result<()> {
    head(out, lang, r.title(lang))?;
    writeln!(
        out,
        r#"<header class="title-block"><h1>{}</h1><p>{}</p></header>"#,
        esc(r.title(lang)),
        esc(&text::issuer(lang, r))
    )?;
    let years = r.target_years();
    let mut headers = vec![lang.pick("Chỉ tiêu", "Indicator").to_string()];
    headers.extend(years.iter().map(|y| y.to_string()));
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let right: Vec<usize> = (1..=years.len()).collect();
    for p in &r.pillars {
        let inds: Vec<_> = r.indicators.iter().filter(|i| i.pillar == p.id).collect();
        if inds.is_empty() {
            continue;
        }
        writeln!(out, "<section><h2>{}</h2>\n<table>", esc(p.name(lang)))?;
        header_row(out, &headers, &right)?;
        writeln!(out, "<tbody>")?;
        for ind in &inds {
            let each = text::applies_to_each(lang, ind)
                .map(|e| format!(r#"<span class="why">{}</span>"#, esc(&e)))
                .unwrap_or_default();
            write!(
                out,
                r#"<tr><td>{}<span class="id">{}</span>{each}</td>"#,
                esc(&text::name_marked(lang, ind)),
                esc(&ind.id)
            )?;
            for &y in &years {
                let t = ind.target_for(y).map_or_else(
                    || text::DASH.to_string(),
                    |t| text::target(lang, ind.unit, t),
                );
                write!(out, r#"<td class="num">{}</td>"#, esc(&t))?;
            }
            writeln!(out, "</tr>")?;
        }
        writeln!(out, "</tbody></table>")?;
        for note in text::notes(lang, inds.iter().copied()) {
            writeln!(out, r#"<p class="notes">* {}</p>"#, esc(note))?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(out, "</body>\n</html>")?;
    Ok(())
}
