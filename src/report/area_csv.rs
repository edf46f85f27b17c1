//! CSV output of `report --by area`: one record per area, pillar and target
//! year (columns documented in README.md, "Many areas"). Numbers use `.`
//! decimals and are rounded to 9 decimal places; an empty cell means "not
//! available".

use std::fmt::Write as _;
use std::io;

use anyhow::Result;

use super::{AreaContext, clean};
use crate::area::AreaRow;

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
/// and appends the shortest form that reads back to the same number to
/// `buf` (nothing for `None`).
fn number(buf: &mut String, x: Option<f64>) {
    if let Some(r) = clean(x) {
        let r = if r == 0.0 { 0.0 } else { r };
        let _ = write!(buf, "{r}");
    }
}

/// Records from which the second half is formatted on another thread.
const PARALLEL_MIN: usize = 4096;

/// Writes the header and the records.
pub fn render(out: &mut dyn io::Write, ctx: &AreaContext) -> Result<()> {
    render_with(out, ctx, crate::parallel::two_cores())
}

/// [`render`], formatting the second half of many records on another
/// thread when `parallel`.
fn render_with(out: &mut dyn io::Write, ctx: &AreaContext, parallel: bool) -> Result<()> {
    let rows = &ctx.assessment.rows;
    let (first, second) = match rows.len() >= PARALLEL_MIN && parallel {
        true => rows.split_at(rows.len() / 2),
        false => (&rows[..], &[][..]),
    };
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    if second.is_empty() {
        records(&mut w, ctx, first)?;
        w.flush()?;
        return Ok(());
    }
    // the second half's bytes, formatted meanwhile: the same bytes as one
    // writer gives, since a record's text does not depend on the others
    let (written, later) =
        crate::parallel::join(|| records(&mut w, ctx, first), || half(ctx, second));
    written?;
    let later = later?;
    let out = w.into_inner().map_err(|e| e.into_error())?;
    out.write_all(&later)?;
    Ok(())
}

/// The records of `rows` as bytes, without the header.
fn half(ctx: &AreaContext, rows: &[AreaRow]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    records(&mut w, ctx, rows)?;
    Ok(w.into_inner().map_err(|e| e.into_error())?)
}

/// Writes the records of `rows`, formatting numbers into reused buffers
/// (no allocation per record).
fn records<W: io::Write>(
    w: &mut ::csv::Writer<W>,
    ctx: &AreaContext,
    rows: &[AreaRow],
) -> Result<()> {
    let mut cells: [String; 7] = Default::default();
    for row in rows {
        for c in &row.pillars {
            let pillar = ctx
                .resolution
                .pillars
                .get(c.pillar)
                .map_or("", |p| p.id.as_str());
            cells.iter_mut().for_each(String::clear);
            let [year, indicators, with_data, met, mean, score, rank] = &mut cells;
            let _ = write!(year, "{}", row.target_year);
            let _ = write!(indicators, "{}", c.indicators);
            let _ = write!(with_data, "{}", c.with_data);
            let _ = write!(met, "{}", c.met);
            number(mean, c.mean_attainment_pct);
            number(score, row.score);
            if let Some(r) = row.rank {
                let _ = write!(rank, "{r}");
            }
            w.write_record([
                row.area.as_str(),
                pillar,
                year,
                indicators,
                with_data,
                met,
                mean,
                score,
                rank,
            ])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::area::{AreaAssessment, PillarCounts};
    use crate::targets;

    #[test]
    fn two_threads_write_the_bytes_of_one() {
        let r = targets::parse(targets::BUILTIN, "targets.toml").expect("built-in targets");
        // 5,000 rows of 3 pillars: 15,000 records, more than PARALLEL_MIN
        let rows = (0..5000u32)
            .map(|a| AreaRow {
                area: format!("area, \"{a}\""), // quoted on output
                target_year: 2025,
                pillars: (0..3)
                    .map(|p| PillarCounts {
                        pillar: p,
                        indicators: 5,
                        with_data: a as usize % 6,
                        met: a as usize % 3,
                        mean_attainment_pct: (a % 7 != 0).then(|| f64::from(a) / 7.0),
                    })
                    .collect(),
                score: (a % 7 != 0).then(|| f64::from(a) / 7.0),
                rank: (a % 7 != 0).then_some(a as usize),
            })
            .collect();
        let assessment = AreaAssessment {
            as_of: Some(2024),
            horizons: vec![2025],
            pillars: vec![0, 1, 2],
            rows,
        };
        let ctx = AreaContext {
            resolution: &r,
            assessment: &assessment,
            files: &[],
        };
        let (mut one, mut two) = (Vec::new(), Vec::new());
        render_with(&mut one, &ctx, false).expect("renders");
        render_with(&mut two, &ctx, true).expect("renders");
        let text = String::from_utf8(one.clone()).expect("utf-8");
        // header + 15,000 records; area 1 is 1/7 = 0.142857142857... -> 9 places
        assert_eq!(text.lines().count(), 15_001);
        assert!(
            text.contains("\"area, \"\"1\"\"\",government,2025,5,1,1,0.142857143,0.142857143,1\n"),
            "{}",
            &text[..300]
        );
        assert!(one == two, "the two-thread bytes differ");
    }
}
