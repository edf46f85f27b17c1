//! JSON output of `report --by area`: the records of the CSV output, and
//! per area the indicators and summaries the single-area report gives for
//! it (`report --area X --format json`), from the same kernel. Areas are
//! written one at a time, so memory does not grow with their number.
//! Numbers are plain JSON numbers rounded to 9 decimal places; `null` means
//! "not available".

use std::io::Write;

use anyhow::Result;
use serde::{Serialize, Serializer};

use super::json::{FiguresJson, ResolutionJson, figures_json, resolution_json};
use super::{AreaContext, Context, clean};
use crate::store::AreaId;

#[derive(Serialize)]
struct AreasJson<'a> {
    resolution: ResolutionJson<'a>,
    as_of: Option<i32>,
    data_files: &'a [String],
    horizons: &'a [i32],
    records: Vec<RecordJson<'a>>,
    areas: Areas<'a>,
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
    items: usize,
    items_met: usize,
}

/// Every area shown, in the order of the first target year's rows.
struct Areas<'a> {
    ctx: &'a AreaContext<'a>,
    ids: Vec<(AreaId, &'a str)>,
}

impl Serialize for Areas<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.ids.iter().map(|&(area, name)| OneArea {
            ctx: self.ctx,
            area,
            name,
        }))
    }
}

/// One area's figures, computed when written.
struct OneArea<'a> {
    ctx: &'a AreaContext<'a>,
    area: AreaId,
    name: &'a str,
}

#[derive(Serialize)]
struct AreaJson<'a> {
    area: &'a str,
    #[serde(flatten)]
    figures: FiguresJson<'a>,
}

impl Serialize for OneArea<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (assessment, progress) = (self.ctx.detail)(self.area);
        let ctx = Context {
            resolution: self.ctx.resolution,
            assessment: &assessment,
            files: self.ctx.files,
            progress: &progress,
        };
        AreaJson {
            area: self.name,
            figures: figures_json(&ctx),
        }
        .serialize(s)
    }
}

/// Writes the object and a final newline.
pub fn render(out: &mut dyn Write, ctx: &AreaContext) -> Result<()> {
    let r = ctx.resolution;
    let records = ctx
        .rows
        .iter()
        .flat_map(|row| {
            row.pillars.iter().map(move |c| RecordJson {
                area: &row.name,
                pillar: c.scope.id(r),
                target_year: row.target_year,
                indicators: c.indicators,
                with_data: c.with_data,
                met: c.met,
                mean_attainment_pct: clean(c.mean_attainment_pct),
                score: clean(row.score),
                rank: row.rank,
                items: c.items,
                items_met: c.items_met,
            })
        })
        .collect();
    let mut ids: Vec<(AreaId, &str)> = Vec::new();
    let mut seen = rustc_hash::FxHashSet::default();
    for row in ctx.rows {
        if seen.insert(row.area) {
            ids.push((row.area, row.name.as_str()));
        }
    }
    let doc = AreasJson {
        resolution: resolution_json(r),
        as_of: ctx.as_of,
        data_files: ctx.files,
        horizons: ctx.horizons,
        records,
        areas: Areas { ctx, ids },
    };
    super::write_json(out, &doc)
}
