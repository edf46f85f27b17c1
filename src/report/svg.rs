//! The inline SVG bar chart of the HTML report: one horizontal bar per
//! indicator with its attainment, a line at the 100 % target, colours by
//! tone. Plain SVG, no script; sized by a viewBox so it scales to the page.

use std::fmt::Write as _;

use super::html::esc;
use super::tone::Tone;
use super::{Row, text};
use crate::lang::Lang;

/// Width of the drawing, in SVG units.
const WIDTH: f64 = 720.0;
/// Width of the plot area from 0 to [`SCALE_MAX`] %.
const PLOT: f64 = 600.0;
/// The attainment at the right end of the plot; longer bars are cut there
/// and marked.
const SCALE_MAX: f64 = 120.0;
/// Height of one indicator's band: a label line and a bar.
const BAND: f64 = 38.0;
/// Space above the first band, for the target line's label.
const TOP: f64 = 18.0;
/// Characters of a label before it is cut (the full name is in its title).
const LABEL: usize = 100;

fn x_of(pct: f64) -> f64 {
    pct.clamp(0.0, SCALE_MAX) / SCALE_MAX * PLOT
}

/// The chart of one pillar's indicators for one target year.
pub fn chart(lang: Lang, rows: &[Row], caption: &str) -> String {
    let height = TOP + BAND * rows.len() as f64 + 6.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}">"#,
        esc(caption)
    );
    // Grid at 0 and 50 %, and the target line at 100 %.
    for pct in [0.0, 50.0] {
        let x = x_of(pct);
        let _ = write!(
            s,
            r#"<line class="grid" x1="{x}" y1="{TOP}" x2="{x}" y2="{height}"/>"#
        );
    }
    let x = x_of(100.0);
    let _ = write!(
        s,
        r#"<line class="target" x1="{x}" y1="{}" x2="{x}" y2="{height}"/><text class="target-label" x="{x}" y="12" text-anchor="middle">{}</text>"#,
        TOP - 4.0,
        esc(&format!(
            "{} {}",
            lang.pick("mục tiêu", "target"),
            text::value(lang, crate::targets::Unit::Percent, 100.0)
                .replace(&lang.number(100.0, 1), "100")
        ))
    );
    // Bands last: the labels' white halo keeps them readable across the line.
    for (i, row) in rows.iter().enumerate() {
        band(&mut s, lang, *row, TOP + BAND * i as f64);
    }
    s.push_str("</svg>");
    s
}

/// One indicator: its label, and its bar with the value, or "no data".
fn band(s: &mut String, lang: Lang, row: Row, y: f64) {
    let (ind, r) = (row.ind, row.res);
    let tone = Tone::of(r);
    let label = text::short_name(lang, ind, LABEL);
    let _ = write!(
        s,
        r#"<text class="label" x="0" y="{}">{}<title>{}</title></text>"#,
        y + 13.0,
        esc(&label),
        esc(ind.name(lang))
    );
    let bar_y = y + 18.0;
    let Some(pct) = r.attainment_pct.filter(|p| p.is_finite()) else {
        let _ = write!(
            s,
            r#"<text class="value nodata" x="2" y="{}">{}</text>"#,
            bar_y + 11.0,
            esc(text::status(lang, r.status))
        );
        return;
    };
    let w = x_of(pct).max(1.0);
    let value = text::percent(lang, pct);
    let cut = if pct > SCALE_MAX { " ▸" } else { "" };
    let _ = write!(
        s,
        r#"<rect class="bar {tone}" data-indicator="{id}" x="0" y="{bar_y}" width="{w:.1}" height="14"><title>{name}: {value}</title></rect><text class="value {tone}" x="{tx:.1}" y="{ty}">{value}{cut}</text>"#,
        tone = tone.id(),
        id = esc(&ind.id),
        name = esc(ind.name(lang)),
        value = esc(&value),
        tx = w + 4.0,
        ty = bar_y + 11.0,
    );
}
