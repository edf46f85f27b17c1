//! CSV output of `report --by area`: one record per area, pillar and target
//! year (columns documented in README.md, "Many areas"). Numbers use `.`
//! decimals and are rounded to 9 decimal places; an empty cell means "not
//! available".

use std::io::Write;

use anyhow::Result;

use super::{AreaContext, clean};

/// The header, in this order.
pub const COLUMNS: [&str; 9] = [
    "area",
    "pillar",
    "target_year",
    "indicators",
    "with_data",
    "met",
    "mean_attainment_pct",
    "score",
    "rank",
];

/// Rounds to 9 decimal places (binary noise such as `8.799999999999997`)
/// and prints the shortest form that reads back to the same number.
pub fn number(x: Option<f64>) -> String {
    clean(x)
        .map(|r| if r == 0.0 { 0.0 } else { r })
        .map(|r| r.to_string())
        .unwrap_or_default()
}

/// Writes the records.
pub fn render(out: &mut dyn Write, ctx: &AreaContext) -> Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for row in &ctx.assessment.rows {
        let score = number(row.score);
        let rank = row.rank.map(|r| r.to_string()).unwrap_or_default();
        let year = row.target_year.to_string();
        for c in &row.pillars {
            let pillar = ctx
                .resolution
                .pillars
                .get(c.pillar)
                .map_or("", |p| p.id.as_str());
            w.write_record([
                row.area.as_str(),
                pillar,
                &year,
                &c.indicators.to_string(),
                &c.with_data.to_string(),
                &c.met.to_string(),
                &number(c.mean_attainment_pct),
                &score,
                &rank,
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}
