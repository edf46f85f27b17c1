//! GitHub-flavoured Markdown: the terminal report's content as GFM tables
//! (progress tables and class counts included), ready to paste into a memo
//! or a wiki. Bars are Unicode blocks in code spans, so they line up in any
//! font the page uses for code.

use std::io::Write;

use anyhow::Result;

use super::headline::headlines;
use super::{Context, Row, Section, bar, progress_table, sections, text};
use crate::calc::Summary;
use crate::lang::Lang;
use crate::msg::label::Label;
use crate::targets::Resolution;

/// Characters of an indicator name in the headline.
const SHORT_NAME: usize = 60;

/// Escapes text for a table cell: Markdown punctuation is backslashed, line
/// breaks become `<br>`.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

/// A table: header, alignment row (`right` columns right-aligned), rows of
/// already escaped cells.
fn table(
    out: &mut dyn Write,
    header: &[&str],
    right: &[usize],
    rows: &[Vec<String>],
) -> Result<()> {
    let head: Vec<String> = header.iter().map(|h| esc(h)).collect();
    writeln!(out, "| {} |", head.join(" | "))?;
    let align: Vec<&str> = (0..header.len())
        .map(|i| if right.contains(&i) { "---:" } else { "---" })
        .collect();
    writeln!(out, "|{}|", align.join("|"))?;
    for row in rows {
        writeln!(out, "| {} |", row.join(" | "))?;
    }
    Ok(())
}

/// The attainment (`shown` as text) and its bar in a code span.
fn attained(shown: &str, pct: Option<f64>) -> String {
    let p = esc(shown);
    match bar::bar(pct, bar::CELLS) {
        Some(b) => format!("{p} `{}`", b.trim_end()),
        None => p,
    }
}

fn indicator_rows(lang: Lang, rows: &[Row]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|&row| {
            let [year, actual, target, _, gap] = text::figures(lang, row);
            vec![
                format!(
                    "{}<br>`{}`",
                    esc(&text::name_marked(lang, row.ind)),
                    row.ind.id
                ),
                esc(&year),
                esc(&actual),
                esc(&target),
                attained(&text::attainment_of(lang, row), row.res.attainment_pct),
                esc(&gap),
                esc(&text::status_lines(lang, row).join("\n")),
            ]
        })
        .collect()
}

/// The progress table of a section's rows (one row per method).
fn write_progress(out: &mut dyn Write, ctx: &Context, lang: Lang, s: &Section) -> Result<()> {
    let several = progress_table::several(ctx);
    let rows: Vec<Vec<String>> = progress_table::progress_rows(ctx, &s.rows)
        .map(|(row, p)| {
            let mut cells = progress_table::cells(lang, row, p, several).into_iter();
            let id = cells.next().unwrap_or_default();
            std::iter::once(format!("`{id}`"))
                .chain(cells.map(|c| esc(&c)))
                .collect()
        })
        .collect();
    writeln!(out, "\n**{}**\n", esc(&progress_table::title(ctx, lang)))?;
    let header = progress_table::header(lang, s.year);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    table(out, &header, &progress_table::FIGURES, &rows)
}

/// Indicators per progress class, per pillar and in total.
fn write_class_counts(out: &mut dyn Write, ctx: &Context, lang: Lang, year: i32) -> Result<()> {
    let classes = progress_table::counted_classes();
    let mut header = vec![Label::Pillar.say(lang)];
    header.extend(classes.iter().map(|c| c.name(lang)));
    let right: Vec<usize> = (1..=classes.len()).collect();
    let rows: Vec<Vec<String>> = progress_table::class_counts(ctx, lang, year)
        .into_iter()
        .map(|(name, counts)| {
            std::iter::once(esc(&name))
                .chain(counts.iter().map(usize::to_string))
                .collect()
        })
        .collect();
    writeln!(
        out,
        "\n### {}\n",
        esc(&progress_table::summary_title(ctx, lang, year))
    )?;
    table(out, &header, &right, &rows)
}

fn write_section(out: &mut dyn Write, ctx: &Context, lang: Lang, s: &Section) -> Result<()> {
    writeln!(out, "\n### {} · {}\n", esc(s.pillar.name(lang)), s.year)?;
    if !s.rows.is_empty() {
        let rows = indicator_rows(lang, &s.rows);
        table(out, &text::indicator_headers(lang), &[1, 2, 3, 4, 5], &rows)?;
        let notes = text::notes(lang, s.rows.iter().map(|x| x.ind));
        if !notes.is_empty() {
            writeln!(out)?;
        }
        for note in notes {
            writeln!(out, "\\* {}  ", esc(note))?;
        }
        write_progress(out, ctx, lang, s)?;
    }
    for x in &s.untargeted {
        writeln!(out, "\n{}", esc(&text::untargeted(lang, s.year, x.ind)))?;
    }
    Ok(())
}

fn write_headline(out: &mut dyn Write, ctx: &Context, lang: Lang, year: i32) -> Result<()> {
    let lines = headlines(ctx, year);
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n## {}\n", esc(&text::headline_title(lang, year)))?;
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|h| {
            let s = h.summary;
            let worst: Vec<String> = h
                .worst
                .iter()
                .map(|&w| esc(&text::worst_line(lang, w, SHORT_NAME)))
                .collect();
            let name = esc(text::pillar_name(lang, ctx.resolution, s.scope));
            vec![
                if h.total { format!("**{name}**") } else { name },
                text::met_of(s.met, s.indicators),
                attained(&text::mean_of(lang, s), s.mean_attainment_pct),
                if worst.is_empty() {
                    text::DASH.to_string()
                } else {
                    worst.join("<br>")
                },
            ]
        })
        .collect();
    table(out, &text::headline_headers(lang), &[1, 2], &rows)
}

fn summary_rows(lang: Lang, r: &Resolution, sums: &[&Summary]) -> Vec<Vec<String>> {
    sums.iter()
        .map(|s| {
            vec![
                esc(text::pillar_name(lang, r, s.scope)),
                s.indicators.to_string(),
                s.with_data.to_string(),
                s.met.to_string(),
                esc(&text::mean_of(lang, s)),
                format!("{} / {}", s.items_met, s.items),
            ]
        })
        .collect()
}

/// Writes the report as Markdown.
pub fn render_report(out: &mut dyn Write, ctx: &Context, lang: Lang) -> Result<()> {
    let a = ctx.assessment;
    writeln!(out, "# {}\n", esc(ctx.resolution.title(lang)))?;
    writeln!(out, "{}", esc(&text::provenance(lang, ctx)))?;
    for &year in &a.horizons {
        write_headline(out, ctx, lang, year)?;
    }
    for &year in &a.horizons {
        writeln!(out, "\n## {}", esc(&text::targets_for(lang, year)))?;
        for s in sections(ctx, year) {
            write_section(out, ctx, lang, &s)?;
        }
        let sums = super::summaries_of(a, year);
        writeln!(out, "\n### {} · {year}\n", esc(text::summary(lang)))?;
        let rows = summary_rows(lang, ctx.resolution, &sums);
        table(out, &text::summary_headers(lang), &[1, 2, 3, 4, 5], &rows)?;
        write_class_counts(out, ctx, lang, year)?;
    }
    writeln!(out)?;
    for line in text::footer(lang) {
        writeln!(out, "{}  ", esc(&line))?;
    }
    Ok(())
}

/// Writes the resolution's targets as Markdown, one table per pillar.
pub fn render_targets(out: &mut dyn Write, r: &Resolution, lang: Lang) -> Result<()> {
    writeln!(out, "# {}\n", esc(r.title(lang)))?;
    writeln!(out, "{}", esc(&text::issuer(lang, r)))?;
    let years = r.target_years();
    let mut header = vec![Label::Indicator.say(lang).to_string()];
    header.extend(years.iter().map(|y| y.to_string()));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let right: Vec<usize> = (1..=years.len()).collect();
    for p in &r.pillars {
        let inds: Vec<_> = r.indicators.iter().filter(|i| i.pillar == p.id).collect();
        if inds.is_empty() {
            continue;
        }
        let rows: Vec<Vec<String>> = inds
            .iter()
            .map(|ind| {
                let mut first = format!("{}<br>`{}`", esc(&text::name_marked(lang, ind)), ind.id);
                if let Some(each) = text::applies_to_each(lang, ind) {
                    first = format!("{first}<br>{}", esc(&each));
                }
                let mut row = vec![first];
                row.extend(years.iter().map(|&y| {
                    ind.target_for(y).map_or_else(
                        || text::DASH.to_string(),
                        |t| esc(&text::target(lang, ind.unit, t)),
                    )
                }));
                row
            })
            .collect();
        writeln!(out, "\n## {}\n", esc(p.name(lang)))?;
        table(out, &header, &right, &rows)?;
        let notes = text::notes(lang, inds.iter().copied());
        if !notes.is_empty() {
            writeln!(out)?;
        }
        for note in notes {
            writeln!(out, "\\* {}  ", esc(note))?;
        }
    }
    Ok(())
}
