//! The bar chart of the HTML report: per indicator its name, and its
//! attainment drawn as a bar in a small inline SVG (colours by tone) with
//! the figure beside it; a dashed line marks the 100 % target. Plain HTML
//! and SVG, no script; the layout is in `html.css` (`.chart`).
//!
//! The names are HTML text, so they wrap at any width: in a column left of
//! the bars on a wide page, above each bar on a phone. The bars are drawn
//! in percentages of their track, so they scale without scaling any text.
//! The target line runs beside the names and left of the figures, never
//! across them.

use std::fmt::Write as _;

use super::escape::esc;
use super::tone::Tone;
use super::{Row, text};
use crate::lang::Lang;
use crate::msg::label::{self, Phrase};
use crate::targets::Unit;

/// The attainment at the right end of a track; longer bars are cut there
/// and marked.
const SCALE_MAX: f64 = 120.0;

/// Height of a track, in pixels; the bar leaves 2 px above and below.
const TRACK: u32 = 16;

/// Where an attainment falls on a track, in % of its width.
fn x_of(pct: f64) -> f64 {
    pct.clamp(0.0, SCALE_MAX) / SCALE_MAX * 100.0
}

/// An SVG track: the grid at 0 and 50 %, and `inner` (a bar, or nothing);
/// then the dashed target line, which `html.css` places at 100 % of the
/// track ([`SCALE_MAX`]: 100 / 120 of its width) over the whole row.
fn track(inner: &str) -> String {
    let half = x_of(50.0);
    format!(
        r#"<svg class="track" xmlns="http://www.w3.org/2000/svg" width="100%" height="{TRACK}" aria-hidden="true"><line class="grid" x1="0" y1="0" x2="0" y2="{TRACK}"/><line class="grid" x1="{half:.3}%" y1="0" x2="{half:.3}%" y2="{TRACK}"/>{inner}</svg><span class="target" aria-hidden="true"></span>"#
    )
}

/// The chart of one pillar's indicators for one target year, as a
/// `<figure>`.
pub fn chart(lang: Lang, rows: &[Row], caption: &str) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<figure class="chart" role="img" aria-label="{}">"#,
        esc(caption)
    );
    // The target line's label, above the first bar.
    let target = Phrase::TargetLine(&label::with_unit(lang, Unit::Percent, "100")).say(lang);
    let _ = write!(
        s,
        r#"<div class="band scale"><div class="label"></div><div class="bar-row"><span class="target-label">{}</span></div></div>"#,
        esc(&target)
    );
    for row in rows {
        band(&mut s, lang, *row);
    }
    s.push_str("</figure>");
    s
}

/// One indicator: its name, and its bar with the value, or "no data".
fn band(s: &mut String, lang: Lang, row: Row) {
    let (ind, r) = (row.ind, row.res);
    let tone = Tone::of(r).id();
    let _ = write!(
        s,
        r#"<div class="band"><div class="label">{}</div><div class="bar-row">"#,
        esc(ind.name(lang))
    );
    match r.attainment_pct.filter(|p| p.is_finite()) {
        None => {
            // "no data" where the bar would start, left of the target line.
            let _ = write!(
                s,
                r#"<span class="note nodata">{}</span><span class="target" aria-hidden="true"></span><span class="value"></span>"#,
                esc(label::status(lang, r.status))
            );
        }
        Some(pct) => {
            let value = text::attainment_of(lang, row);
            let cut = if pct > SCALE_MAX { " ▸" } else { "" };
            let bar = format!(
                r#"<rect class="bar {tone}" data-indicator="{id}" x="0" y="2" width="{w:.3}%" height="{h}"><title>{name}: {value}</title></rect>"#,
                id = esc(&ind.id),
                w = x_of(pct).max(0.2),
                h = TRACK - 4,
                name = esc(ind.name(lang)),
                value = esc(&value),
            );
            let _ = write!(
                s,
                r#"{}<span class="value {tone}">{}{cut}</span>"#,
                track(&bar),
                esc(&value)
            );
        }
    }
    s.push_str("</div></div>");
}
