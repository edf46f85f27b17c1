//! JSON output of `report --by area`: the records of the CSV output, as one
//! object (fields documented in README.md, "Many areas"). Numbers are plain
//! JSON numbers rounded to 9 decimal places; `null` means "not available".

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::json::{ResolutionJson, resolution_json};
use super::{AreaContext, clean};

#[derive(Serialize)]
struct AreasJson<'a> {
    resolution: ResolutionJson<'a>,
    as_of: Option<i32>,
    data_files: &'a [String],
    horizons: &'a [i32],
    records: Vec<RecordJson<'a>>,
}

#[derive(Serialize)]
struct RecordJson<'a> {
    area: &'a str,
    pillar: &'a str,
    target_year: i32,
    indicators: usize,
    with_data: usize,
    met: usize,
    mean_attainment_pct: Option<f64>,
    score: Option<f64>,
    rank: Option<usize>,
}

/// Writes the object and a final newline.
pub fn render(out: &mut dyn Write, ctx: &AreaContext) -> Result<()> {
    let r = ctx.resolution;
    let a = ctx.assessment;
    let records = a
        .rows
        .iter()
        .flat_map(|row| {
            row.pillars.iter().map(move |c| RecordJson {
                area: &row.area,
                pillar: r.pillars.get(c.pillar).map_or("", |p| p.id.as_str()),
                target_year: row.target_year,
                indicators: c.indicators,
                with_data: c.with_data,
                met: c.met,
                mean_attainment_pct: clean(c.mean_attainment_pct),
                score: clean(row.score),
                rank: row.rank,
            })
        })
        .collect();
    let doc = AreasJson {
        resolution: resolution_json(ctx.resolution),
        as_of: a.as_of,
        data_files: ctx.files,
        horizons: &a.horizons,
        records,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(())
}
