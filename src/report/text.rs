//! The number style of the human formats (table, Markdown, HTML), in
//! Vietnamese or English, and the report texts they share, put together
//! from the catalogue (`msg::label`), so that all three say the same thing.
//!
//! Numbers: an actual with the decimals it was published with (up to 3),
//! one decimal for attainments, gaps and other values, targets that are
//! whole without decimals, ranks whole; `87,5 %` in Vietnamese, `87.5%` in
//! English. A figure short of its target is never rounded up to it
//! ([`Round`]). Nothing here computes a figure.

use super::{Context, Row};
use crate::calc::{IndicatorResult, Scope, Status, Summary};
use crate::lang::Lang;
use crate::msg::label::{self, Heading, Label, Legend, Phrase};
use crate::say;
use crate::store::Coverage;
use crate::targets::{Indicator, Resolution, Target, Unit};

/// The status in words (the catalogue's).
pub use crate::msg::label::status;

/// Decimals of values, gaps and attainment in human formats.
pub const DECIMALS: usize = 1;

/// Most decimals an actual is shown with.
pub const MAX_DECIMALS: u8 = 3;

/// Shown where a figure is not available.
pub const DASH: &str = "—";

/// Which way a figure is rounded to the decimals shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Round {
    /// To the nearest.
    Nearest,
    /// Down: an attainment or a rising figure short of its target.
    Down,
    /// Up: a gap still to go, or a falling figure above its target.
    Up,
}

/// `v` rounded `way` to `decimals` decimals. Rounding to the nearest is
/// the decimal rounding of the printed number (`{:.1}`); down or up moves
/// one step from it when it went the other way. Binary noise is not a
/// figure: `91.19999999999999` is 91.2, never rounded down to 91.1.
pub fn round(v: f64, decimals: usize, way: Round) -> f64 {
    let Ok(nearest) = format!("{v:.decimals$}").parse::<f64>() else {
        return v;
    };
    let step = 10f64.powi(-i32::try_from(decimals).unwrap_or(0));
    let noise = 1e-9 * v.abs().max(1.0);
    match way {
        Round::Down if nearest > v + noise => nearest - step,
        Round::Up if nearest < v - noise => nearest + step,
        _ => nearest,
    }
}

/// A number in `lang`'s style, rounded `way`.
fn number(lang: Lang, v: f64, decimals: usize, way: Round) -> String {
    lang.number(round(v, decimals, way), decimals)
}

/// A value in the indicator's unit: `87.5%` / `87,5 %`, ranks bare.
pub fn value(lang: Lang, unit: Unit, v: f64) -> String {
    let decimals = if unit == Unit::Rank { 0 } else { DECIMALS };
    label::with_unit(lang, unit, &lang.number(v, decimals))
}

/// An attainment, or a dash: rounded down unless the target is `met`, so
/// that 99.95 % not met shows as 99.9 %, never as 100 %.
pub fn attainment(lang: Lang, pct: Option<f64>, met: bool) -> String {
    let way = if met { Round::Nearest } else { Round::Down };
    pct.map_or_else(
        || DASH.to_string(),
        |v| label::with_unit(lang, Unit::Percent, &number(lang, v, DECIMALS, way)),
    )
}

/// The attainment of a result (see [`attainment`]).
pub fn attainment_of(lang: Lang, row: Row) -> String {
    attainment(lang, row.res.attainment_pct, row.res.status == Status::Met)
}

/// A summary's mean attainment: rounded down unless every indicator with a
/// target is met.
pub fn mean_of(lang: Lang, s: &Summary) -> String {
    attainment(lang, s.mean_attainment_pct, s.met == s.indicators)
}

/// How a result's figures are rounded: away from a target not reached
/// (down when higher is better, up when lower is better).
pub fn away_from_target(r: &IndicatorResult) -> Round {
    let reached = r.attainment_pct.is_some_and(|a| a >= 100.0);
    match r.target {
        Some(t) if !reached && t.comparison.higher_is_better() => Round::Down,
        Some(_) if !reached => Round::Up,
        _ => Round::Nearest,
    }
}

/// The decimals an actual is shown with: as published (at most
/// [`MAX_DECIMALS`]), else one, none for ranks.
pub fn actual_decimals(unit: Unit, decimals: Option<u8>) -> usize {
    let fallback = if unit == Unit::Rank { 0 } else { DECIMALS };
    decimals.map_or(fallback, |d| usize::from(d.min(MAX_DECIMALS)))
}

/// A figure `v` of result `r` in `unit`, as the source published it (with
/// `decimals` decimals, see [`actual_decimals`]), to the nearest, but
/// never rounded to a target it does not reach: 59.9996 against ≥ 60
/// shows as 59.999, 26.6667 against ≥ 27 as 26.67.
pub fn actual(lang: Lang, unit: Unit, r: &IndicatorResult, v: f64, decimals: Option<u8>) -> String {
    let (shown, decimals) = actual_shown(unit, r, v, decimals);
    label::with_unit(lang, unit, &lang.number(shown, decimals))
}

/// The rule of [`actual`], for every format that shows a figure: the
/// figure as shown and its decimals.
pub fn actual_shown(unit: Unit, r: &IndicatorResult, v: f64, decimals: Option<u8>) -> (f64, usize) {
    let decimals = actual_decimals(unit, decimals);
    let nearest = round(v, decimals, Round::Nearest);
    let way = match r.target {
        Some(t) if t.comparison.holds(nearest, t.value) => away_from_target(r),
        _ => Round::Nearest,
    };
    (round(v, decimals, way), decimals)
}

/// A target such as `≥ 90%`: whole targets without decimals.
pub fn target(lang: Lang, unit: Unit, t: &Target) -> String {
    let op = match t.comparison.symbol() {
        ">=" => "≥",
        "<=" => "≤",
        other => other,
    };
    let decimals = if unit == Unit::Rank || t.value.fract() == 0.0 {
        0
    } else {
        DECIMALS
    };
    let n = lang.number(t.value, decimals);
    format!("{op} {}", label::with_unit(lang, unit, &n))
}

/// The status and why, one line each: the worst member, missing members,
/// a strict target reached but not passed.
pub fn status_lines(lang: Lang, row: Row) -> Vec<String> {
    let (ind, r) = (row.ind, row.res);
    let mut lines = vec![label::status(lang, r.status).to_string()];
    if let Some(m) = &r.worst_member {
        lines.push(format!(
            "{} {}",
            Label::Worst.say(lang),
            member(lang, ind, m)
        ));
    }
    if !r.missing_members.is_empty() && r.target.is_some() {
        let missing = members(lang, ind, &r.missing_members);
        lines.push(format!("{} {missing}", Label::Missing.say(lang)));
    }
    if let Some(c) = r.coverage.filter(|c| c.of > 1 || !c.complete) {
        lines.push(coverage(lang, &c));
    }
    if let (Some(t), Some(false)) = (r.target, r.met)
        && t.comparison.is_strict()
        && r.attainment_pct.is_some_and(|a| a >= 100.0)
    {
        let v = value(lang, ind.unit, t.value);
        let why = if t.comparison.higher_is_better() {
            Phrase::MustExceed(&v)
        } else {
            Phrase::MustBeBelow(&v)
        };
        lines.push(why.say(lang));
    }
    lines
}

/// A member's name in `lang`: its Vietnamese label (`members_vi`) in
/// Vietnamese when the targets file gives one.
pub fn member<'a>(lang: Lang, ind: &'a Indicator, name: &'a str) -> &'a str {
    if lang != Lang::Vi {
        return name;
    }
    let wanted = crate::names::fold(name);
    ind.members
        .iter()
        .position(|m| crate::names::fold(m) == wanted)
        .and_then(|k| ind.members_vi.get(k))
        .map_or(name, String::as_str)
}

/// Members' names in `lang`, comma-separated.
pub fn members(lang: Lang, ind: &Indicator, names: &[String]) -> String {
    let names: Vec<&str> = names.iter().map(|m| member(lang, ind, m)).collect();
    names.join(", ")
}

/// How many areas a rolled-up figure comes from, in `lang`.
pub fn coverage(lang: Lang, c: &Coverage) -> String {
    let share = c.denominator_share.map(|s| {
        label::with_unit(
            lang,
            Unit::Percent,
            &number(lang, 100.0 * s, 1, Round::Down),
        )
    });
    Phrase::Coverage {
        areas: c.areas,
        of: c.of,
        share: share.as_deref(),
    }
    .say(lang)
}

/// The indicator's name with ` *` when it has a note.
pub fn name_marked(lang: Lang, ind: &Indicator) -> String {
    let mark = if ind.note(lang).is_some() { " *" } else { "" };
    format!("{}{mark}", ind.name(lang))
}

/// The distinct notes of the given indicators, in order.
pub fn notes<'a>(lang: Lang, inds: impl IntoIterator<Item = &'a Indicator>) -> Vec<&'a str> {
    let mut seen: Vec<&str> = Vec::new();
    for note in inds.into_iter().filter_map(|i| i.note(lang)) {
        if !seen.contains(&note) {
            seen.push(note);
        }
    }
    seen
}

/// The year's figure, actual, target, attainment, gap and status cells of
/// an indicator row (without the indicator cell).
pub fn figures(lang: Lang, row: Row) -> [String; 5] {
    let (ind, r) = (row.ind, row.res);
    let gap_decimals = if ind.unit == Unit::Rank { 0 } else { DECIMALS };
    // A gap still to go is never shown as 0 (= reached): rounded up.
    let gap_way = match away_from_target(r) {
        Round::Nearest => Round::Nearest,
        Round::Down | Round::Up => Round::Up,
    };
    let dash = || DASH.to_string();
    [
        r.actual_year.map_or_else(dash, |y| y.to_string()),
        r.actual
            .map_or_else(dash, |v| actual(lang, ind.unit, r, v, r.actual_decimals)),
        r.target
            .as_ref()
            .map_or_else(dash, |t| target(lang, ind.unit, t)),
        attainment_of(lang, row),
        r.gap
            .map_or_else(dash, |g| number(lang, g, gap_decimals, gap_way)),
    ]
}

/// Headers of the indicator tables.
pub fn indicator_headers(lang: Lang) -> [&'static str; 7] {
    [
        Label::Indicator,
        Label::Year,
        Label::Actual,
        Label::Target,
        Label::Attained,
        Label::Gap,
        Label::Status,
    ]
    .map(|l| l.say(lang))
}

/// Headers of the summary tables.
pub fn summary_headers(lang: Lang) -> [&'static str; 6] {
    [
        Label::Pillar,
        Label::WithTarget,
        Label::WithData,
        Label::Met,
        Label::MeanAttained,
        Label::ItemsMet,
    ]
    .map(|l| l.say(lang))
}

/// The name of a summary's pillar, or "all pillars" for the total.
pub fn pillar_name(lang: Lang, r: &Resolution, scope: Scope) -> &str {
    match scope {
        Scope::Pillar(p) => r.pillars.get(p).map_or("", |p| p.name(lang)),
        Scope::Total => Label::AllPillars.say(lang),
    }
}

/// "Targets for 2025".
pub fn targets_for(lang: Lang, year: i32) -> String {
    Heading::TargetsFor(year).say(lang)
}

/// "Summary".
pub fn summary(lang: Lang) -> &'static str {
    Label::Summary.say(lang)
}

/// The line under an indicator table naming an indicator without a target.
pub fn untargeted(lang: Lang, year: i32, ind: &Indicator) -> String {
    let (name, id) = (ind.name(lang), ind.id.as_str());
    Phrase::Untargeted { year, name, id }.say(lang)
}

/// The line under the title: adoption date, data files, as-of year.
pub fn provenance(lang: Lang, ctx: &Context) -> String {
    Phrase::Provenance {
        adopted: &label::date(lang, &ctx.resolution.meta.adopted),
        files: &ctx.files.join(", "),
        as_of: ctx.assessment.as_of,
    }
    .say(lang)
}

/// A text the targets file gives in both languages (data, not a label).
fn given<'a>(lang: Lang, vi: &'a str, en: &'a str) -> &'a str {
    say!(lang, en: en, vi: vi)
}

/// The issuer and adoption date, under the title of the targets list.
pub fn issuer(lang: Lang, r: &Resolution) -> String {
    let m = &r.meta;
    let issuer = given(lang, &m.issuer_vi, &m.issuer_en);
    format!("{issuer} · {}", label::date(lang, &m.adopted))
}

/// "applies to each: sector/field" for per-member indicators.
pub fn applies_to_each(lang: Lang, ind: &Indicator) -> Option<String> {
    ind.each
        .as_ref()
        .map(|(vi, en)| Phrase::AppliesToEach(given(lang, vi, en)).say(lang))
}

/// What the gap and the mean mean, one sentence each.
pub fn footer(lang: Lang) -> [String; 2] {
    [Legend::Gap.say(lang), Legend::Mean.say(lang)]
}

/// Headers of the headline tables.
pub fn headline_headers(lang: Lang) -> [&'static str; 4] {
    [
        Label::Pillar,
        Label::MetOfWithTarget,
        Label::MeanAttained,
        Label::FurthestFromTarget,
    ]
    .map(|l| l.say(lang))
}

/// "At a glance · targets for 2025".
pub fn headline_title(lang: Lang, year: i32) -> String {
    Heading::AtAGlance(year).say(lang)
}

/// "3 / 7": met out of indicators with a target.
pub fn met_of(met: usize, with_target: usize) -> String {
    format!("{met} / {with_target}")
}

/// The name cut at a word boundary to at most `max` characters, with `…`
/// when cut; for the headline, where the full name is in the tables below.
pub fn short_name(lang: Lang, ind: &Indicator, max: usize) -> String {
    let name = ind.name(lang);
    if name.chars().count() <= max {
        return name.to_string();
    }
    let mut out = String::new();
    for word in name.split_whitespace() {
        let len = out.chars().count() + word.chars().count() + usize::from(!out.is_empty());
        if len + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = name.chars().take(max.saturating_sub(1)).collect();
    }
    let out = out.trim_end_matches([',', ';', ':', '-', ' ']);
    format!("{out}…")
}

/// One of the furthest indicators: "31.0% · Digital economy share…".
pub fn worst_line(lang: Lang, row: Row, max: usize) -> String {
    let name = short_name(lang, row.ind, max);
    format!("{} · {name}", attainment_of(lang, row))
}

/// What the colours mean, with the thresholds of `tone`.
fn colours(lang: Lang) -> String {
    let close = lang.number(super::tone::CLOSE_FROM_PCT, 0);
    Legend::Colours { close: &close }.say(lang)
}

/// The legend under the terminal report: what bars and colours mean.
pub fn legend(lang: Lang) -> String {
    let bars = Legend::Bars {
        over: super::bar::OVER,
    };
    format!("{} {}", bars.say(lang), colours(lang))
}

/// The legend under the HTML report: what the charts and colours mean.
pub fn legend_html(lang: Lang) -> String {
    let charts = Legend::Charts {
        over: super::bar::OVER,
    };
    format!("{} {}", charts.say(lang), colours(lang))
}

/// `text` broken between words into lines of at most `width` characters
/// (a word longer than the width keeps a line to itself); line breaks in
/// `text` are kept.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut len = 0;
        for word in para.split_whitespace() {
            let n = word.chars().count();
            if len > 0 && len + 1 + n > width {
                out.push(std::mem::take(&mut line));
                len = 0;
            }
            if len > 0 {
                line.push(' ');
                len += 1;
            }
            line.push_str(word);
            len += n;
        }
        out.push(line);
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_short_of_the_target_are_never_rounded_up_to_it() {
        let cases = [
            // 99.95 x 10 = 999.5: down -> 999 -> 99.9; nearest -> 1000 -> 100.0
            (99.95, 1, Round::Down, 99.9),
            (99.95, 1, Round::Nearest, 100.0),
            // binary noise is not a figure: 91.19999999999999 stays 91.2
            (91.199_999_999_999_99, 1, Round::Down, 91.2),
            (8.799_999_999_999_997, 1, Round::Up, 8.8),
            // a gap of 0.04 still to go: up -> 0.1, never 0.0 (= reached)
            (0.04, 1, Round::Up, 0.1),
            // 59.9996 published with 3 decimals against >= 60: 59.999
            (59.9996, 3, Round::Down, 59.999),
        ];
        for (v, decimals, way, want) in cases {
            let got = round(v, decimals, way);
            assert!((got - want).abs() < 1e-12, "{v} {way:?}: {got}");
        }
        assert_eq!(attainment(Lang::En, Some(99.95), false), "99.9%");
        assert_eq!(attainment(Lang::Vi, Some(99.95), false), "99,9 %");
        assert_eq!(attainment(Lang::En, Some(100.04), true), "100.0%");
        assert_eq!(attainment(Lang::En, None, false), DASH);
    }

    #[test]
    fn prose_wraps_between_words() {
        assert_eq!(wrap("aa bb cc", 5), "aa bb\ncc");
        assert_eq!(wrap("aa bb\ncc dd", 80), "aa bb\ncc dd");
        // a word longer than the width is never cut
        assert_eq!(wrap("a longword b", 4), "a\nlongword\nb");
    }
}
