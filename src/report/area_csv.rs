//! CSV output of `report --by area`: one record per area, pillar and target
//! year (columns documented in the user guide, "Many areas"). Numbers use
//! `.` decimals and are rounded to 9 decimal places; an empty cell means
//! "not available".

use std::fmt::Write as _;
use std::io;

use anyhow::Result;

use super::{AreaContext, clean};

/// The header, in this order.
pub const COLUMNS: [&str; 11] = [
    "area",
    "pillar",
    "target_year",
    "indicators",
    "with_data",
    "met",
    "mean_attainment_pct",
    "score",
    "rank",
    "items",
    "items_met",
];

/// Rounds to 9 decimal places (binary noise such as `8.799999999999997`)
/// and appends the shortest form that reads back to the same number to
/// `buf` (nothing for `None`).
fn number(buf: &mut String, x: Option<f64>) {
    if let Some(r) = clean(x) {
        let r = if r == 0.0 { 0.0 } else { r };
        let _ = write!(buf, "{r}");
    }
}

/// Writes the header and the records, formatting numbers into reused
/// buffers (no allocation per record).
pub fn render(out: &mut dyn io::Write, ctx: &AreaContext) -> Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    let mut cells: [String; 9] = Default::default();
    for row in ctx.rows {
        for c in &row.pillars {
            let pillar = c.scope.id(ctx.resolution);
            cells.iter_mut().for_each(String::clear);
            let [
                year,
                indicators,
                with_data,
                met,
                mean,
                score,
                rank,
                items,
                items_met,
            ] = &mut cells;
            let _ = write!(year, "{}", row.target_year);
            let _ = write!(indicators, "{}", c.indicators);
            let _ = write!(with_data, "{}", c.with_data);
            let _ = write!(met, "{}", c.met);
            number(mean, c.mean_attainment_pct);
            number(score, row.score);
            if let Some(r) = row.rank {
                let _ = write!(rank, "{r}");
            }
            let _ = write!(items, "{}", c.items);
            let _ = write!(items_met, "{}", c.items_met);
            w.write_record([
                row.name.as_str(),
                pillar,
                year,
                indicators,
                with_data,
                met,
                mean,
                score,
                rank,
                items,
                items_met,
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}
