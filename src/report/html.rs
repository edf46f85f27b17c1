//! One self-contained HTML page: inline CSS (`html.css`) and inline SVG
//! charts (`svg.rs`), no script, nothing fetched. A title block, the
//! headline, then per pillar (a new page in print) a chart, a table and a
//! progress table per target year, then the summaries with the count of
//! indicators per progress class.

use std::io::Write;

use anyhow::Result;

use super::escape::esc;
use super::headline::headlines;
use super::tone::Tone;
use super::{Context, Row, Section, progress_table, sections, svg, text};
use crate::lang::Lang;
use crate::msg::label::Label;
use crate::targets::Resolution;

const CSS: &str = include_str!("html.css");

/// Characters of an indicator name in the headline.
const SHORT_NAME: usize = 70;

fn head(out: &mut dyn Write, lang: Lang, title: &str) -> Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, r#"<html lang="{}">"#, Label::LangTag.say(lang))?;
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
    let as_of = ctx
        .assessment
        .as_of
        .map_or_else(|| Label::NoData.say(lang).to_string(), |y| y.to_string());
    writeln!(out, r#"<header class="title-block">"#)?;
    writeln!(out, "<h1>{}</h1>\n<dl>", esc(r.title(lang)))?;
    let items = [
        (Label::Resolution, text::issuer(lang, r)),
        (Label::FiguresAsOf, as_of),
        (Label::DataFiles, ctx.files.join(", ")),
    ];
    for (k, v) in items {
        writeln!(out, "<dt>{}</dt><dd>{}</dd>", esc(k.say(lang)), esc(&v))?;
    }
    writeln!(out, "</dl>\n</header>")?;
    Ok(())
}

/// A body row `<tr{attrs}>` of `cells` (class, escaped HTML). Every cell
/// but the first carries its column's header as `data-label`, which the
/// phone layout shows above it (the rows become cards there).
fn body_row(
    out: &mut dyn Write,
    attrs: &str,
    headers: &[&str],
    cells: &[(String, String)],
) -> Result<()> {
    write!(out, "<tr{attrs}>")?;
    for (i, (class, html)) in cells.iter().enumerate() {
        let class = if class.is_empty() {
            String::new()
        } else {
            format!(r#" class="{class}""#)
        };
        let label = match headers.get(i) {
            Some(h) if i > 0 => format!(r#" data-label="{}""#, esc(h)),
            _ => String::new(),
        };
        write!(out, "<td{class}{label}>{html}</td>")?;
    }
    writeln!(out, "</tr>")?;
    Ok(())
}

/// A cell of class `class` holding `html`.
fn cell(class: &str, html: String) -> (String, String) {
    (class.to_string(), html)
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
    let headers = text::headline_headers(lang);
    header_row(out, &headers, &[1, 2])?;
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
        let cells = [
            cell("", esc(text::pillar_name(lang, ctx.resolution, s.scope))),
            cell("num", text::met_of(s.met, s.indicators)),
            cell(&format!("num {tone}"), esc(&text::mean_of(lang, s))),
            cell("wide", worst),
        ];
        let attrs = if h.total { r#" class="total""# } else { "" };
        body_row(out, attrs, &headers, &cells)?;
    }
    writeln!(out, "</tbody></table>")?;
    Ok(())
}

fn indicator_table(out: &mut dyn Write, lang: Lang, rows: &[Row]) -> Result<()> {
    writeln!(out, r#"<table class="indicators">"#)?;
    let headers = text::indicator_headers(lang);
    header_row(out, &headers, &[1, 2, 3, 4, 5])?;
    writeln!(out, "<tbody>")?;
    for &row in rows {
        let tone = Tone::of(row.res).id();
        let [year, actual, target, attained, gap] = text::figures(lang, row);
        let mut status = text::status_lines(lang, row).into_iter();
        let first = status.next().unwrap_or_default();
        let why: String = status
            .map(|l| format!(r#"<span class="why">{}</span>"#, esc(&l)))
            .collect();
        let id = esc(&row.ind.id);
        let name = esc(&text::name_marked(lang, row.ind));
        let cells = [
            cell("", format!(r#"{name}<span class="id">{id}</span>"#)),
            cell("num", esc(&year)),
            cell("num", esc(&actual)),
            cell("num", esc(&target)),
            cell(&format!("num {tone}"), esc(&attained)),
            cell("num", esc(&gap)),
            cell(
                &format!("status {tone}"),
                format!(r#"<span class="state">{}</span>{why}"#, esc(&first)),
            ),
        ];
        body_row(out, &format!(r#" data-indicator="{id}""#), &headers, &cells)?;
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
    for (row, p) in progress_table::progress_rows(ctx, &s.rows) {
        let tone = Tone::of_class(p.eval.class).id();
        let cells = progress_table::cells(lang, row, p, several);
        let cells: Vec<(String, String)> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let class = if i == 0 {
                    "id".to_string()
                } else if i == progress_table::CLASS {
                    format!("status wide {tone}")
                } else if progress_table::FIGURES.contains(&i) {
                    "num".to_string()
                } else {
                    String::new()
                };
                (class, lines(c))
            })
            .collect();
        let attrs = format!(r#" data-progress="{}""#, esc(&row.ind.id));
        body_row(out, &attrs, &header, &cells)?;
    }
    writeln!(out, "</tbody></table>")?;
    Ok(())
}

/// Indicators per progress class of `year`, per pillar and in total.
fn class_counts(out: &mut dyn Write, ctx: &Context, lang: Lang, year: i32) -> Result<()> {
    let classes = progress_table::counted_classes();
    let mut header = vec![Label::Pillar.say(lang)];
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
        let counts = counts.iter().map(|n| cell("num", n.to_string()));
        let cells: Vec<_> = std::iter::once(cell("", esc(&name)))
            .chain(counts)
            .collect();
        body_row(out, "", &header, &cells)?;
    }
    writeln!(out, "</tbody></table>")?;
    Ok(())
}

fn section(out: &mut dyn Write, ctx: &Context, lang: Lang, s: &Section) -> Result<()> {
    let heading = text::targets_for(lang, s.year);
    writeln!(out, "<h3>{}</h3>", esc(&heading))?;
    if !s.rows.is_empty() {
        let caption = format!("{} · {heading}", s.pillar.name(lang));
        writeln!(out, "{}", svg::chart(lang, &s.rows, &caption))?;
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
        let headers = text::summary_headers(lang);
        header_row(out, &headers, &[1, 2, 3, 4, 5])?;
        writeln!(out, "<tbody>")?;
        let rows = a
            .pillars
            .iter()
            .map(|s| (s, false))
            .chain(a.totals.iter().map(|s| (s, true)));
        for (s, total) in rows.filter(|(s, _)| s.target_year == year && s.indicators > 0) {
            let cells = [
                cell("", esc(text::pillar_name(lang, ctx.resolution, s.scope))),
                cell("num", s.indicators.to_string()),
                cell("num", s.with_data.to_string()),
                cell("num", s.met.to_string()),
                cell("num", esc(&text::mean_of(lang, s))),
                cell("num", format!("{} / {}", s.items_met, s.items)),
            ];
            let attrs = if total { r#" class="total""# } else { "" };
            body_row(out, attrs, &headers, &cells)?;
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
    for line in [text::legend_html(lang)].iter().chain(&text::footer(lang)) {
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
    let mut headers = vec![Label::Indicator.say(lang).to_string()];
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
            let name = esc(&text::name_marked(lang, ind));
            let first = format!(r#"{name}<span class="id">{}</span>{each}"#, esc(&ind.id));
            let targets = years.iter().map(|&y| {
                let t = ind.target_for(y).map_or_else(
                    || text::DASH.to_string(),
                    |t| text::target(lang, ind.unit, t),
                );
                cell("num", esc(&t))
            });
            let cells: Vec<_> = std::iter::once(cell("", first)).chain(targets).collect();
            body_row(out, "", &headers, &cells)?;
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
