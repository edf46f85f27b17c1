//! CSV for spreadsheets: one row per indicator and target year, with the
//! same fields as the JSON's `indicators[]` (README.md, "Output formats").
//!
//! Numbers are raw, with `.` decimals and the JSON's rounding, whatever the
//! language; an empty field means "not available"; lists
//! (`missing_members`, `shortfall_years`, `progress_notes`) are joined with
//! `;`. The progress columns are the primary method's (`progress_json`).

use std::io::Write;

use anyhow::Result;

use super::{Context, clean, progress_json};
use crate::targets::Resolution;

/// Columns of the report CSV, in order (the JSON `indicators[]` fields),
/// before the progress columns ([`progress_json::COLUMNS`]).
const REPORT_COLUMNS: [&str; 15] = [
    "id",
    "pillar",
    "item",
    "unit",
    "target_year",
    "comparison",
    "target",
    "actual",
    "actual_year",
    "attainment_pct",
    "gap",
    "met",
    "status",
    "worst_member",
    "missing_members",
];

/// Columns of the targets CSV, in order.
const TARGET_COLUMNS: [&str; 9] = [
    "id",
    "pillar",
    "item",
    "name_vi",
    "name_en",
    "unit",
    "target_year",
    "comparison",
    "value",
];

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Writes the report as CSV.
pub fn render_report(out: &mut dyn Write, ctx: &Context) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(REPORT_COLUMNS.iter().chain(&progress_json::COLUMNS))?;
    for r in &ctx.assessment.results {
        let Some(ind) = ctx.resolution.indicators.get(r.indicator) else {
            continue;
        };
        let progress = progress_json::csv_fields(ctx, r.indicator, r.target_year);
        let fields = [
            ind.id.clone(),
            ind.pillar.clone(),
            ind.item.clone(),
            ind.unit.symbol().to_string(),
            r.target_year.to_string(),
            opt(r.target.map(|t| t.comparison.symbol())),
            opt(r.target.map(|t| t.value)),
            opt(r.actual),
            opt(r.actual_year),
            opt(clean(r.attainment_pct)),
            opt(clean(r.gap)),
            opt(r.met),
            r.status.id().to_string(),
            opt(r.worst_member.as_deref()),
            r.missing_members.join(";"),
        ];
        w.write_record(fields.iter().chain(&progress))?;
    }
    w.flush()?;
    Ok(())
}

/// Writes the resolution's targets as CSV: one row per indicator and target
/// year.
pub fn render_targets(out: &mut dyn Write, r: &Resolution) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(TARGET_COLUMNS)?;
    for i in &r.indicators {
        for t in &i.targets {
            w.write_record([
                i.id.as_str(),
                &i.pillar,
                &i.item,
                &i.name_vi,
                &i.name_en,
                i.unit.symbol(),
                &t.year.to_string(),
                t.comparison.symbol(),
                &t.value.to_string(),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}
