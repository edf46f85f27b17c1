//! The words and number style of the human formats (table, Markdown, HTML),
//! in Vietnamese or English, so that all three say the same thing.
//!
//! Numbers: one decimal for values, targets that are whole print none, ranks
//! are whole; `87,5 %` in Vietnamese, `87.5%` in English. Nothing here
//! computes a figure.

use super::{Context, Row};
use crate::calc::{Scope, Status};
use crate::lang::Lang;
use crate::targets::{Indicator, Resolution, Target, Unit};

/// Decimals of values, gaps and attainment in human formats.
pub const DECIMALS: usize = 1;

/// Shown where a figure is not available.
pub const DASH: &str = "—";

/// A value in the indicator's unit: `87.5%` / `87,5 %`, ranks bare.
pub fn value(lang: Lang, unit: Unit, v: f64) -> String {
    let decimals = if unit == Unit::Rank { 0 } else { DECIMALS };
    with_unit(lang, unit, lang.number(v, decimals))
}

fn with_unit(lang: Lang, unit: Unit, n: String) -> String {
    match (unit, lang) {
        (Unit::Percent, Lang::En) => format!("{n}%"),
        (Unit::Percent, Lang::Vi) => format!("{n} %"),
        (Unit::PercentPerYear, Lang::En) => format!("{n}%/yr"),
        (Unit::PercentPerYear, Lang::Vi) => format!("{n} %/năm"),
        (Unit::Rank, _) | (Unit::Number, _) => n,
    }
}

/// A percentage such as an attainment: `87.5%` / `87,5 %`.
pub fn percent(lang: Lang, v: f64) -> String {
    value(lang, Unit::Percent, v)
}

/// An optional percentage, or a dash.
pub fn percent_or_dash(lang: Lang, v: Option<f64>) -> String {
    v.map_or_else(|| DASH.to_string(), |v| percent(lang, v))
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
    format!(
        "{op} {}",
        with_unit(lang, unit, lang.number(t.value, decimals))
    )
}

/// The status in words.
pub fn status(lang: Lang, s: Status) -> &'static str {
    match s {
        Status::Met => lang.pick("đạt", "met"),
        Status::NotMet => lang.pick("chưa đạt", "not met"),
        Status::Incomplete => lang.pick("thiếu thành phần", "incomplete"),
        Status::NoData => lang.pick("chưa có số liệu", "no data"),
        Status::NoTarget => lang.pick("không có mục tiêu", "no target"),
    }
}

/// The status and why, one line each: the worst member, missing members,
/// a strict target reached but not passed.
pub fn status_lines(lang: Lang, row: Row) -> Vec<String> {
    let (ind, r) = (row.ind, row.res);
    let mut lines = vec![status(lang, r.status).to_string()];
    if let Some(m) = &r.worst_member {
        lines.push(format!("{} {m}", lang.pick("thấp nhất:", "worst:")));
    }
    if !r.missing_members.is_empty() && r.target.is_some() {
        lines.push(format!(
            "{} {}",
            lang.pick("thiếu:", "missing:"),
            r.missing_members.join(", ")
        ));
    }
    if let (Some(t), Some(false)) = (r.target, r.met)
        && t.comparison.is_strict()
        && r.attainment_pct.is_some_and(|a| a >= 100.0)
    {
        let why = if t.comparison.higher_is_better() {
            lang.pick("phải trên", "must exceed")
        } else {
            lang.pick("phải dưới", "must be below")
        };
        lines.push(format!("{why} {}", value(lang, ind.unit, t.value)));
    }
    lines
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
    let dash = || DASH.to_string();
    [
        r.actual_year.map_or_else(dash, |y| y.to_string()),
        r.actual.map_or_else(dash, |v| value(lang, ind.unit, v)),
        r.target
            .as_ref()
            .map_or_else(dash, |t| target(lang, ind.unit, t)),
        percent_or_dash(lang, r.attainment_pct),
        r.gap.map_or_else(dash, |g| lang.number(g, gap_decimals)),
    ]
}

/// Headers of the indicator tables.
pub fn indicator_headers(lang: Lang) -> [&'static str; 7] {
    [
        lang.pick("Chỉ tiêu", "Indicator"),
        lang.pick("Năm", "Year"),
        lang.pick("Thực hiện", "Actual"),
        lang.pick("Mục tiêu", "Target"),
        lang.pick("Mức đạt", "Attained"),
        lang.pick("Còn thiếu", "Gap"),
        lang.pick("Trạng thái", "Status"),
    ]
}

/// Headers of the summary tables.
pub fn summary_headers(lang: Lang) -> [&'static str; 6] {
    [
        lang.pick("Trụ cột", "Pillar"),
        lang.pick("Có mục tiêu", "With target"),
        lang.pick("Có số liệu", "With data"),
        lang.pick("Đạt", "Met"),
        lang.pick("Mức đạt TB", "Mean attained"),
        lang.pick("Mục tiêu NQ đạt", "Items met"),
    ]
}

/// The name of a summary's pillar, or "all pillars" for the total.
pub fn pillar_name(lang: Lang, r: &Resolution, scope: Scope) -> &str {
    match scope {
        Scope::Pillar(p) => r.pillars.get(p).map_or("", |p| p.name(lang)),
        Scope::Total => lang.pick("Tất cả trụ cột", "All pillars"),
    }
}

/// "Targets for 2025".
pub fn targets_for(lang: Lang, year: i32) -> String {
    format!("{} {year}", lang.pick("Mục tiêu năm", "Targets for"))
}

/// "Summary".
pub fn summary(lang: Lang) -> &'static str {
    lang.pick("Tổng hợp", "Summary")
}

/// The line under an indicator table naming an indicator without a target.
pub fn untargeted(lang: Lang, year: i32, ind: &Indicator) -> String {
    let label = lang.pick(
        "Nghị quyết không đặt mục tiêu năm",
        "No target in the resolution for",
    );
    format!("{label} {year}: {} ({})", ind.name(lang), ind.id)
}

/// The line under the title: adoption date, data files, as-of year.
pub fn provenance(lang: Lang, ctx: &Context) -> String {
    let as_of = ctx.assessment.as_of.map_or_else(
        || lang.pick("không có số liệu", "no data").to_string(),
        |y| y.to_string(),
    );
    let files = ctx.files.join(", ");
    let adopted = &ctx.resolution.meta.adopted;
    match lang {
        Lang::Vi => format!("Ban hành {adopted} · số liệu: {files} · tính đến năm {as_of}"),
        Lang::En => format!("Adopted {adopted} · data: {files} · figures as of {as_of}"),
    }
}

/// The issuer and adoption date, under the title of the targets list.
pub fn issuer(lang: Lang, r: &Resolution) -> String {
    format!(
        "{} · {}",
        lang.pick(&r.meta.issuer_vi, &r.meta.issuer_en),
        r.meta.adopted
    )
}

/// "applies to each: sector/field" for per-member indicators.
pub fn applies_to_each(lang: Lang, ind: &Indicator) -> Option<String> {
    ind.each.as_ref().map(|(vi, en)| {
        format!(
            "{} {}",
            lang.pick("áp dụng cho từng:", "applies to each:"),
            lang.pick(vi, en)
        )
    })
}

/// What the gap and the mean mean, one sentence each.
pub fn footer(lang: Lang) -> [&'static str; 2] {
    [
        lang.pick(
            "Còn thiếu: phần còn phải đạt, theo đơn vị của chỉ tiêu (điểm phần trăm với %); bằng 0 hoặc âm là đã đạt.",
            "Gap: still to go, in the indicator's unit (percentage points for %); zero or negative = reached.",
        ),
        lang.pick(
            "Mức đạt TB: trung bình mức đạt của các chỉ tiêu có số liệu, mỗi chỉ tiêu tính tối đa 100 %.",
            "Mean attained: mean attainment of indicators with data, each capped at 100%.",
        ),
    ]
}

/// Headers of the headline tables.
pub fn headline_headers(lang: Lang) -> [&'static str; 4] {
    [
        lang.pick("Trụ cột", "Pillar"),
        lang.pick("Đạt / có mục tiêu", "Met / with target"),
        lang.pick("Mức đạt TB", "Mean attained"),
        lang.pick("Xa mục tiêu nhất", "Furthest from target"),
    ]
}

/// "At a glance · targets for 2025".
pub fn headline_title(lang: Lang, year: i32) -> String {
    format!(
        "{} · {}",
        lang.pick("Tóm tắt", "At a glance"),
        targets_for(lang, year).to_lowercase()
    )
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
    format!(
        "{} · {}",
        percent_or_dash(lang, row.res.attainment_pct),
        short_name(lang, row.ind, max)
    )
}

/// What the colours mean, with the thresholds of `tone`.
fn colours(lang: Lang) -> String {
    let close = lang.number(super::tone::CLOSE_FROM_PCT, 0);
    match lang {
        Lang::Vi => format!(
            "Màu: xanh lá = đạt, vàng = chưa đạt nhưng mức đạt từ {close} % trở lên, đỏ = mức đạt dưới {close} %, mờ/xám = chưa có số liệu."
        ),
        Lang::En => format!(
            "Colour: green = met, yellow = not met but at least {close}% attained, red = below {close}%, dim/grey = no data."
        ),
    }
}

/// The legend under the terminal report: what bars and colours mean.
pub fn legend(lang: Lang) -> String {
    let over = super::bar::OVER;
    let bars = match lang {
        Lang::Vi => format!("Thanh: mức đạt, đầy thanh = 100 %, {over} = vượt 100 %."),
        Lang::En => format!("Bar: attainment, full = 100%, {over} = above 100%."),
    };
    format!("{bars} {}", colours(lang))
}

/// The legend under the HTML report: what the charts and colours mean.
pub fn legend_html(lang: Lang) -> String {
    let charts = lang.pick(
        "Biểu đồ: mức đạt của từng chỉ tiêu; vạch đứt là mục tiêu (100 %); thanh dài hơn 120 % được cắt ở 120 % và đánh dấu ▸.",
        "Charts: attainment of each indicator; the dashed line is the target (100%); bars longer than 120% are cut at 120% and marked ▸.",
    );
    format!("{charts} {}", colours(lang))
}
