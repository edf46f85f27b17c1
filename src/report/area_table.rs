//! Aligned table of `report --by area` for people: per target year, one row
//! per area with, per pillar, met / with target and the mean capped
//! attainment, then the score and the rank.

use std::io::Write;

use anyhow::Result;
use comfy_table::Table;

use super::grid::{Grid, prose};
use super::{AreaContext, Look, text};
use crate::calc::Summary;
use crate::calc::rank::AreaRow;
use crate::lang::Lang;
use crate::msg::label::{Heading, Label, Legend, Phrase};

/// A pillar cell: `3/7 · 93.4%`, or `0/2 · —` without data.
fn pillar_cell(lang: Lang, s: &Summary) -> String {
    format!("{}/{} · {}", s.met, s.indicators, text::mean_of(lang, s))
}

fn year_table(ctx: &AreaContext, look: Look, rows: &[&AreaRow]) -> Table {
    let (r, lang) = (ctx.resolution, look.lang);
    let mut header = vec![
        Label::Rank.say(lang).to_string(),
        Label::Area.say(lang).to_string(),
    ];
    header.extend(
        ctx.pillars
            .iter()
            .filter_map(|&p| r.pillars.get(p))
            .map(|p| p.name(lang).to_string()),
    );
    header.push(Label::AreaScore.say(lang).to_string());
    let right: Vec<usize> = (0..header.len()).filter(|&i| i != 1).collect();
    let mut grid = Grid::new(header, &right);
    for row in rows {
        let mut cells = vec![
            row.rank
                .map_or_else(|| text::DASH.to_string(), |k| k.to_string()),
            row.name.clone(),
        ];
        cells.extend(row.pillars.iter().map(|c| pillar_cell(lang, c)));
        // The score is a mean of means: rounded down unless every
        // indicator is met, like them.
        let all_met = row.total.met == row.total.indicators;
        cells.push(text::attainment(lang, row.score, all_met));
        grid.row(cells);
    }
    grid.draw(look)
}

/// Writes the report.
pub fn render(out: &mut dyn Write, ctx: &AreaContext, lang: Lang, width: u16) -> Result<()> {
    let r = ctx.resolution;
    // Colour is not used here.
    let look = Look {
        lang,
        width,
        color: false,
    };
    prose(out, look, r.title(lang))?;
    let files = ctx.files.join(", ");
    let provenance = Phrase::AreaProvenance {
        files: &files,
        as_of: ctx.as_of,
    };
    prose(out, look, &provenance.say(lang))?;
    for &year in ctx.horizons {
        let rows: Vec<&AreaRow> = ctx.rows.iter().filter(|x| x.target_year == year).collect();
        writeln!(out)?;
        prose(out, look, &Heading::AreasFor(year).say(lang))?;
        writeln!(out, "{}", year_table(ctx, look, &rows))?;
    }
    writeln!(out)?;
    for legend in [Legend::AreaPillars, Legend::AreaScore] {
        prose(out, look, &legend.say(lang))?;
    }
    Ok(())
}
