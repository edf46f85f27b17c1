//! JSON output for scripts. Field names and meanings are documented in
//! README.md ("JSON output") and are stable; numbers are plain JSON numbers
//! whatever the language.

use std::io::Write;

use anyhow::Result;
use serde::{Serialize, Serializer};

use super::{Context, clean};
use crate::calc::{IndicatorResult, Summary};
use crate::targets::Resolution;

/// The `resolution` object shared by every JSON output.
#[derive(Serialize)]
pub(super) struct ResolutionJson<'a> {
    id: &'a str,
    title: &'a str,
    title_en: &'a str,
    issuer: &'a str,
    adopted: &'a str,
}

#[derive(Serialize)]
struct ReportJson<'a> {
    resolution: ResolutionJson<'a>,
    as_of: Option<i32>,
    data_files: &'a [String],
    #[serde(flatten)]
    figures: FiguresJson<'a>,
}

/// The figures of one area: what the single-area report and each area of
/// `--by area --format json` print alike.
#[derive(Serialize)]
pub(super) struct FiguresJson<'a> {
    indicators: IndicatorsJson<'a>,
    pillars: Vec<SummaryJson<'a>>,
    totals: Vec<SummaryJson<'a>>,
}

/// The indicators of an assessment, each made into its JSON object as it
/// is written: a report against many indicators never holds all of them
/// at once.
struct IndicatorsJson<'a>(Context<'a>);

impl Serialize for IndicatorsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let ctx = &self.0;
        s.collect_seq(
            ctx.assessment
                .results
                .iter()
                .filter_map(|r| indicator_json(ctx, r)),
        )
    }
}

#[derive(Serialize)]
struct IndicatorJson<'a> {
    id: &'a str,
    pillar: &'a str,
    item: &'a str,
    unit: &'a str,
    target_year: i32,
    comparison: Option<&'static str>,
    target: Option<f64>,
    actual: Option<f64>,
    actual_year: Option<i32>,
    attainment_pct: Option<f64>,
    gap: Option<f64>,
    met: Option<bool>,
    status: &'static str,
    worst_member: Option<&'a str>,
    missing_members: &'a [String],
    /// Rolled-up figures only: the sums of numerators and denominators.
    #[serde(skip_serializing_if = "Option::is_none")]
    numerator: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    denominator: Option<f64>,
    /// Rolled-up figures only: the areas the figure comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage: Option<CoverageJson>,
    #[serde(flatten)]
    progress: super::progress_json::ProgressJson<'a>,
}

#[derive(Serialize)]
struct CoverageJson {
    areas: u32,
    of: u32,
    denominator_share_pct: Option<f64>,
    complete: bool,
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    id: &'a str,
    target_year: i32,
    indicators: usize,
    with_data: usize,
    met: usize,
    mean_attainment_pct: Option<f64>,
    items: usize,
    items_met: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    progress_classes: Option<std::collections::BTreeMap<&'static str, usize>>,
}

pub(super) fn resolution_json(r: &Resolution) -> ResolutionJson<'_> {
    ResolutionJson {
        id: &r.meta.id,
        title: &r.meta.title_vi,
        title_en: &r.meta.title_en,
        issuer: &r.meta.issuer_vi,
        adopted: &r.meta.adopted,
    }
}

fn summary_json<'a>(resolution: &'a Resolution, s: &Summary) -> SummaryJson<'a> {
    SummaryJson {
        id: s.scope.id(resolution),
        target_year: s.target_year,
        indicators: s.indicators,
        with_data: s.with_data,
        met: s.met,
        mean_attainment_pct: clean(s.mean_attainment_pct),
        items: s.items,
        items_met: s.items_met,
        progress_classes: None,
    }
}

/// A summary with its progress class counts.
fn summary_with<'a>(ctx: &Context<'a>, s: &'a Summary) -> SummaryJson<'a> {
    SummaryJson {
        progress_classes: Some(super::progress_json::class_counts(ctx, s)),
        ..summary_json(ctx.resolution, s)
    }
}

/// Writes the report as one JSON object.
pub fn render_report(out: &mut dyn Write, ctx: &Context) -> Result<()> {
    let report = ReportJson {
        resolution: resolution_json(ctx.resolution),
        as_of: ctx.assessment.as_of,
        data_files: ctx.files,
        figures: figures_json(ctx),
    };
    super::write_json(out, &report)
}

/// The indicators and summaries of one area's assessment.
pub(super) fn figures_json<'a>(ctx: &Context<'a>) -> FiguresJson<'a> {
    let a = ctx.assessment;
    FiguresJson {
        indicators: IndicatorsJson(*ctx),
        pillars: a.pillars.iter().map(|s| summary_with(ctx, s)).collect(),
        totals: a.totals.iter().map(|s| summary_with(ctx, s)).collect(),
    }
}

/// One indicator's result as its JSON object.
fn indicator_json<'a>(ctx: &Context<'a>, r: &'a IndicatorResult) -> Option<IndicatorJson<'a>> {
    let ind = ctx.resolution.indicators.get(r.indicator)?;
    Some(IndicatorJson {
        id: &ind.id,
        pillar: &ind.pillar,
        item: &ind.item,
        unit: ind.unit.symbol(),
        target_year: r.target_year,
        comparison: r.target.map(|t| t.comparison.symbol()),
        target: r.target.map(|t| t.value),
        actual: r.actual,
        actual_year: r.actual_year,
        attainment_pct: clean(r.attainment_pct),
        gap: clean(r.gap),
        met: r.met,
        status: r.status.id(),
        worst_member: r.worst_member.as_deref(),
        missing_members: &r.missing_members,
        numerator: r.parts.map(|p| p.0),
        denominator: r.parts.map(|p| p.1),
        coverage: r.coverage.map(|c| CoverageJson {
            areas: c.areas,
            of: c.of,
            denominator_share_pct: clean(c.denominator_share.map(|s| 100.0 * s)),
            complete: c.complete,
        }),
        progress: super::progress_json::fields(ctx, r.indicator, r.target_year),
    })
}

#[derive(Serialize)]
struct TargetsJson<'a> {
    resolution: ResolutionJson<'a>,
    targets: Vec<TargetJson<'a>>,
    indicators: Vec<IndicatorInfoJson<'a>>,
}

#[derive(Serialize)]
struct TargetJson<'a> {
    id: &'a str,
    pillar: &'a str,
    target_year: i32,
    comparison: &'static str,
    value: f64,
}

#[derive(Serialize)]
struct IndicatorInfoJson<'a> {
    id: &'a str,
    pillar: &'a str,
    item: &'a str,
    name_vi: &'a str,
    name_en: &'a str,
    unit: &'static str,
    note_vi: Option<&'a str>,
    note_en: Option<&'a str>,
    each_vi: Option<&'a str>,
    each_en: Option<&'a str>,
    members: &'a [String],
}

/// Writes the resolution's targets as one JSON object.
pub fn render_targets(out: &mut dyn Write, r: &Resolution) -> Result<()> {
    let targets = r
        .indicators
        .iter()
        .flat_map(|i| {
            i.targets.iter().map(move |t| TargetJson {
                id: &i.id,
                pillar: &i.pillar,
                target_year: t.year,
                comparison: t.comparison.symbol(),
                value: t.value,
            })
        })
        .collect();
    let indicators = r
        .indicators
        .iter()
        .map(|i| IndicatorInfoJson {
            id: &i.id,
            pillar: &i.pillar,
            item: &i.item,
            name_vi: &i.name_vi,
            name_en: &i.name_en,
            unit: i.unit.symbol(),
            note_vi: i.note_vi.as_deref(),
            note_en: i.note_en.as_deref(),
            each_vi: i.each.as_ref().map(|e| e.0.as_str()),
            each_en: i.each.as_ref().map(|e| e.1.as_str()),
            members: &i.members,
        })
        .collect();
    let doc = TargetsJson {
        resolution: resolution_json(r),
        targets,
        indicators,
    };
    super::write_json(out, &doc)
}
