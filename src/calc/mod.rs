//! The assessment kernel: attainment, gap and status per indicator and
//! target year, and summaries per pillar and over all pillars, for one
//! area's series. The single-area report, every area of `--by area`,
//! `check` and the rankings all come from [`assess`]. Pure arithmetic: no
//! I/O, no clock, no clap.

pub mod rank;

use crate::store::{AreaSeries, Coverage, MemberId, Point, Store, Withheld};
use crate::targets::{Comparison, Indicator, Resolution, Target};

/// The state of one indicator against one target year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The comparison holds (for every member, where the target is per member).
    Met,
    /// The comparison fails (for the worst member).
    NotMet,
    /// Declared members are missing from the data; never counted as met.
    Incomplete,
    /// No figure at or before the as-of year.
    NoData,
    /// The resolution states no target for this year.
    NoTarget,
}

impl Status {
    /// The name used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::NotMet => "not_met",
            Status::Incomplete => "incomplete",
            Status::NoData => "no_data",
            Status::NoTarget => "no_target",
        }
    }
}

/// What to assess.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Use figures up to this year; `None`: there is no figure at all.
    pub as_of: Option<i32>,
    /// Target years to assess, ascending.
    pub horizons: Vec<i32>,
    /// Restrict to these pillars (indices into `Resolution::pillars`);
    /// empty means all.
    pub pillars: Vec<usize>,
}

impl Options {
    fn selects(&self, pillar: Option<usize>) -> bool {
        self.pillars.is_empty() || pillar.is_some_and(|p| self.pillars.contains(&p))
    }
}

/// One indicator assessed against one target year.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorResult {
    /// Index into [`Resolution::indicators`].
    pub indicator: usize,
    /// The target year.
    pub target_year: i32,
    /// The target for that year, if the resolution states one.
    pub target: Option<Target>,
    /// The figure used: the latest at or before the as-of year (the worst
    /// member's for per-member targets).
    pub actual: Option<f64>,
    /// The year of that figure.
    pub actual_year: Option<i32>,
    /// The decimals that figure was written with (0 to 3, 3 meaning 3 or
    /// more): human formats show it as the source published it.
    pub actual_decimals: Option<u8>,
    /// Attainment in %: actual/target x 100 (higher is better) or
    /// target/actual x 100 (lower is better); `None` when undefined.
    pub attainment_pct: Option<f64>,
    /// Signed gap in the indicator's unit: positive = still to go.
    pub gap: Option<f64>,
    /// Whether the comparison holds; `None` when unknown.
    pub met: Option<bool>,
    /// The status.
    pub status: Status,
    /// For per-member targets: the member with the worst figure.
    pub worst_member: Option<String>,
    /// Declared members with no figure.
    pub missing_members: Vec<String>,
    /// For a rolled-up figure: the areas that gave it (of the figure used,
    /// or of the figure withheld as incomplete).
    pub coverage: Option<Coverage>,
    /// For a rolled-up ratio: the sums of the numerators and denominators
    /// of the figure used.
    pub parts: Option<(f64, f64)>,
}

#[cfg(test)]
impl IndicatorResult {
    /// A result of indicator 0 for 2025 with only a status and an
    /// attainment, for tests of what is made of results.
    pub(crate) fn bare(status: Status, attainment_pct: Option<f64>) -> IndicatorResult {
        IndicatorResult {
            indicator: 0,
            target_year: 2025,
            target: None,
            actual: None,
            actual_year: None,
            actual_decimals: None,
            attainment_pct,
            gap: None,
            met: None,
            status,
            worst_member: None,
            missing_members: Vec::new(),
            coverage: None,
            parts: None,
        }
    }
}

/// What a summary sums up: one pillar, or every selected pillar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// A pillar: its index in `Resolution::pillars`.
    Pillar(usize),
    /// All selected pillars together.
    Total,
}

impl Scope {
    /// The id used in JSON and CSV: the pillar's id, or `total`.
    pub fn id<'a>(&self, resolution: &'a Resolution) -> &'a str {
        match self {
            Scope::Pillar(p) => resolution.pillars.get(*p).map_or("", |p| p.id.as_str()),
            Scope::Total => "total",
        }
    }

    /// True for a pillar with this index.
    pub fn is_pillar(&self, index: usize) -> bool {
        *self == Scope::Pillar(index)
    }
}

/// Counts for one scope and one target year.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// A pillar, or all selected pillars.
    pub scope: Scope,
    /// The target year.
    pub target_year: i32,
    /// Indicators with a target for that year.
    pub indicators: usize,
    /// Of those, indicators with data (incomplete ones included).
    pub with_data: usize,
    /// Of those, indicators met.
    pub met: usize,
    /// Mean attainment of indicators with data, each clamped to 0-100 %.
    pub mean_attainment_pct: Option<f64>,
    /// Resolution items with a target (indicators may share an item).
    pub items: usize,
    /// Items all of whose indicators are met.
    pub items_met: usize,
}

/// The whole assessment of one area.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The as-of year used; `None` when there is no data at all.
    pub as_of: Option<i32>,
    /// Target years assessed.
    pub horizons: Vec<i32>,
    /// One result per selected indicator and target year (year-major order).
    pub results: Vec<IndicatorResult>,
    /// One summary per selected pillar and target year (year-major order).
    pub pillars: Vec<Summary>,
    /// One summary over all selected pillars per target year.
    pub totals: Vec<Summary>,
}

impl Assessment {
    /// The results of one target year.
    pub fn results_of(&self, year: i32) -> impl Iterator<Item = &IndicatorResult> {
        self.results.iter().filter(move |r| r.target_year == year)
    }
}

/// Attainment in %, or `None` when it is undefined.
///
/// Higher is better: actual / target x 100. Lower is better: target /
/// actual x 100. A ratio is a fair measure only over positive numbers, so
/// attainment is undefined when the target is not positive, when the
/// actual is not positive for lower-is-better (its denominator), and when
/// the result overflows. Within that domain it is monotone in the actual:
/// non-decreasing for higher-is-better, non-increasing for lower-is-better
/// (a negative actual against a positive target stays a negative
/// attainment: a fall in a growth rate).
pub fn attainment(comparison: Comparison, actual: f64, target: f64) -> Option<f64> {
    let (num, den) = if comparison.higher_is_better() {
        (actual, target)
    } else {
        (target, actual)
    };
    let pct = num / den * 100.0;
    (target > 0.0 && den > 0.0 && pct.is_finite()).then_some(pct)
}

/// Signed gap, positive = still to go: target - actual (higher is better)
/// or actual - target (lower is better). Its sign always agrees with the
/// comparison (exact for finite floats); it overflows to an infinity only
/// for differences beyond `f64::MAX`, which [`assess`] reports as no gap.
pub fn gap(comparison: Comparison, actual: f64, target: f64) -> f64 {
    if comparison.higher_is_better() {
        target - actual
    } else {
        actual - target
    }
}

/// Assesses one area's series: every selected indicator against every
/// horizon, then the summaries. `store` names the members.
pub fn assess(
    resolution: &Resolution,
    series: &AreaSeries,
    store: &Store,
    options: &Options,
) -> Assessment {
    Kernel::new(resolution, store, options).assess(series)
}

/// The kernel set up for one resolution, store and options: what every
/// area shares is worked out once.
pub struct Kernel<'a> {
    resolution: &'a Resolution,
    store: &'a Store,
    options: &'a Options,
    /// The selected indicators.
    selected: Vec<(usize, &'a Indicator)>,
    /// Per indicator: the ids of its declared members (`None`: no figure
    /// has that member anywhere).
    declared: Vec<Vec<Option<MemberId>>>,
}

impl<'a> Kernel<'a> {
    /// The kernel for `options`; `store` names the members.
    pub fn new(resolution: &'a Resolution, store: &'a Store, options: &'a Options) -> Self {
        let selected = resolution
            .indicators
            .iter()
            .enumerate()
            .filter(|(i, _)| options.selects(resolution.pillar_of(*i)))
            .collect();
        let declared = resolution
            .indicators
            .iter()
            .map(|ind| ind.members.iter().map(|m| store.find_member(m)).collect())
            .collect();
        Kernel {
            resolution,
            store,
            options,
            selected,
            declared,
        }
    }

    /// Assesses one area's series: every selected indicator against every
    /// horizon, then the summaries.
    pub fn assess(&self, series: &AreaSeries) -> Assessment {
        let options = self.options;
        let mut results = Vec::with_capacity(self.selected.len() * options.horizons.len());
        let mut latest: Vec<Figure> = Vec::new();
        let mut held: Vec<Withheld> = Vec::new();
        for &year in &options.horizons {
            for &(i, ind) in &self.selected {
                latest.clear();
                held.clear();
                if let Some(as_of) = options.as_of {
                    latest.extend(series.figures(i).filter_map(|f| {
                        let k = f.points.iter().rposition(|p| p.0 <= as_of)?;
                        Some(Figure {
                            member: f.member,
                            point: *f.points.get(k)?,
                            decimals: f.decimals.get(k).copied().unwrap_or(0),
                            tag: f.tags.get(k).copied(),
                        })
                    }));
                    withheld_since(series, i, as_of, &mut latest, &mut held);
                }
                let declared = self.declared.get(i).map_or(&[][..], Vec::as_slice);
                let given = Given {
                    figures: &latest,
                    held: &held,
                    declared,
                };
                results.push(assess_one(i, ind, year, given, self.store));
            }
        }
        let (pillars, totals) = summarise(self.resolution, &results, options);
        Assessment {
            as_of: options.as_of,
            horizons: options.horizons.clone(),
            results,
            pillars,
            totals,
        }
    }
}

/// A member's latest figure.
#[derive(Debug, Clone, Copy)]
struct Figure {
    member: Option<MemberId>,
    point: Point,
    decimals: u8,
    /// Its index in a store of rolled-up figures.
    tag: Option<u32>,
}

/// What one indicator has to be assessed on.
struct Given<'a> {
    /// Each member's latest figure.
    figures: &'a [Figure],
    /// Rolled-up figures withheld as incomplete that are later than the
    /// member's latest figure (the latest figure is then not used).
    held: &'a [Withheld],
    /// The ids of the declared members (`None`: no figure has it).
    declared: &'a [Option<MemberId>],
}

/// Moves into `held` each member's latest withheld rolled-up figure at or
/// before `as_of` that is later than its latest complete one, and drops
/// that complete one from `latest`: a member whose latest figure is
/// incomplete has no figure to assess.
fn withheld_since(
    series: &AreaSeries,
    indicator: usize,
    as_of: i32,
    latest: &mut Vec<Figure>,
    held: &mut Vec<Withheld>,
) {
    for w in series.withheld(indicator).filter(|w| w.year <= as_of) {
        let newer = latest
            .iter()
            .find(|f| f.member == w.member)
            .is_none_or(|f| f.point.0 < w.year);
        if !newer {
            continue;
        }
        match held.iter_mut().find(|h| h.member == w.member) {
            Some(h) if h.year < w.year => *h = *w,
            Some(_) => {}
            None => held.push(*w),
        }
    }
    latest.retain(|f| !held.iter().any(|h| h.member == f.member));
}

fn assess_one(
    index: usize,
    ind: &Indicator,
    year: i32,
    given: Given,
    store: &Store,
) -> IndicatorResult {
    let Given {
        figures,
        held,
        declared,
    } = given;
    let target = ind.target_for(year).copied();
    let mut missing_members: Vec<String> = ind
        .members
        .iter()
        .zip(declared)
        .filter(|(_, id)| {
            !figures
                .iter()
                .any(|f| f.member.is_some() && f.member == **id)
        })
        .map(|(m, _)| m.clone())
        .collect();
    // a member whose latest rolled-up figure is withheld has no figure
    for h in held {
        let Some(name) = h.member.map(|m| store.member_name(m)) else {
            continue;
        };
        let fold = crate::names::fold;
        if !missing_members.iter().any(|m| fold(m) == fold(name)) {
            missing_members.push(name.to_string());
        }
    }
    let mut result = IndicatorResult {
        indicator: index,
        target_year: year,
        target,
        actual: None,
        actual_year: None,
        actual_decimals: None,
        attainment_pct: None,
        gap: None,
        met: None,
        status: Status::NoTarget,
        worst_member: None,
        missing_members,
        // the coverage of the figure used; with none, of a withheld one
        coverage: held
            .first()
            .filter(|_| figures.is_empty())
            .map(|h| h.rolled.coverage),
        parts: None,
    };
    let Some(t) = target else { return result };
    // The worst member decides: the lowest figure when higher is better,
    // the highest when lower is better; ties go to the first member by name.
    let name = |m: Option<MemberId>| m.map(|m| store.member_name(m));
    let good = |f: &Figure| goodness(t.comparison, f.point.1);
    let worst = figures
        .iter()
        .fold(None::<&Figure>, |worst, f| match worst {
            Some(w)
                if good(w) < good(f)
                    || (good(w) == good(f) && name(w.member) <= name(f.member)) =>
            {
                Some(w)
            }
            _ => Some(f),
        });
    let Some(&Figure {
        member,
        point: (actual_year, actual),
        decimals,
        tag,
    }) = worst
    else {
        result.status = match held.is_empty() {
            true => Status::NoData,
            false => Status::Incomplete,
        };
        return result;
    };
    if let Some(rolled) = tag.and_then(|t| store.rolled(t)) {
        result.coverage = Some(rolled.coverage);
        result.parts = rolled.parts;
    }
    result.actual_decimals = Some(decimals);
    let holds = t.comparison.holds(actual, t.value);
    result.actual = Some(actual);
    result.actual_year = Some(actual_year);
    result.attainment_pct = attainment(t.comparison, actual, t.value);
    // an infinite gap must not reach the output (JSON would say null)
    result.gap = Some(gap(t.comparison, actual, t.value)).filter(|g| g.is_finite());
    result.worst_member = if ind.is_each() {
        name(member).map(str::to_string)
    } else {
        None
    };
    let complete = result.missing_members.is_empty() && held.is_empty();
    (result.met, result.status) = match (holds, complete) {
        (true, true) => (Some(true), Status::Met),
        (false, true) => (Some(false), Status::NotMet),
        (true, false) => (None, Status::Incomplete),
        (false, false) => (Some(false), Status::Incomplete),
    };
    result
}

/// Larger is better, whatever the comparison.
fn goodness(comparison: Comparison, value: f64) -> f64 {
    if comparison.higher_is_better() {
        value
    } else {
        -value
    }
}

/// The summaries per selected pillar and over all of them, per horizon, in
/// one pass over the results.
fn summarise(
    resolution: &Resolution,
    results: &[IndicatorResult],
    options: &Options,
) -> (Vec<Summary>, Vec<Summary>) {
    let scopes: Vec<Scope> = (0..resolution.pillars.len())
        .filter(|p| options.pillars.is_empty() || options.pillars.contains(p))
        .map(Scope::Pillar)
        .collect();
    let mut pillars = Vec::with_capacity(scopes.len() * options.horizons.len());
    let mut totals = Vec::with_capacity(options.horizons.len());
    // (scope, item, met) of every indicator with a target, per horizon
    let mut items: Vec<(Scope, usize, bool)> = Vec::new();
    for &year in &options.horizons {
        let first = pillars.len();
        pillars.extend(scopes.iter().map(|&scope| empty(scope, year)));
        let mut total = empty(Scope::Total, year);
        let mut sums: Vec<(f64, usize)> = vec![(0.0, 0); scopes.len() + 1];
        items.clear();
        for r in results
            .iter()
            .filter(|r| r.target_year == year && r.target.is_some())
        {
            let pillar = resolution.pillar_of(r.indicator);
            let slot = pillar.and_then(|p| scopes.iter().position(|s| s.is_pillar(p)));
            let met = r.status == Status::Met;
            let item = resolution.item_of(r.indicator);
            items.push((Scope::Total, item, met));
            let targets: [Option<(&mut Summary, usize)>; 2] = [
                Some((&mut total, scopes.len())),
                slot.and_then(|k| pillars.get_mut(first + k).map(|s| (s, k))),
            ];
            if let Some(p) = pillar {
                items.push((Scope::Pillar(p), item, met));
            }
            for (s, k) in targets.into_iter().flatten() {
                s.indicators += 1;
                if r.actual.is_some() {
                    s.with_data += 1;
                    if let (Some(a), Some(sum)) = (r.attainment_pct, sums.get_mut(k)) {
                        sum.0 += a.clamp(0.0, 100.0);
                        sum.1 += 1;
                    }
                }
                s.met += usize::from(met);
            }
        }
        items.sort_unstable();
        for group in items.chunk_by(|a, b| a.0 == b.0 && a.1 == b.1) {
            let (scope, all_met) = (group[0].0, group.iter().all(|g| g.2));
            let s = match scope {
                Scope::Total => Some(&mut total),
                Scope::Pillar(p) => scopes
                    .iter()
                    .position(|s| s.is_pillar(p))
                    .and_then(|k| pillars.get_mut(first + k)),
            };
            if let Some(s) = s {
                s.items += 1;
                s.items_met += usize::from(all_met);
            }
        }
        for (k, s) in pillars.iter_mut().skip(first).enumerate() {
            s.mean_attainment_pct = mean(sums.get(k));
        }
        total.mean_attainment_pct = mean(sums.get(scopes.len()));
        totals.push(total);
    }
    (pillars, totals)
}

fn empty(scope: Scope, year: i32) -> Summary {
    Summary {
        scope,
        target_year: year,
        indicators: 0,
        with_data: 0,
        met: 0,
        mean_attainment_pct: None,
        items: 0,
        items_met: 0,
    }
}

fn mean(sum: Option<&(f64, usize)>) -> Option<f64> {
    sum.filter(|s| s.1 > 0).map(|s| s.0 / s.1 as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets;

    #[test]
    fn a_pillar_called_total_is_a_pillar_not_the_total() {
        let r = targets::parse(
            &TOML
                .replace("id = \"soc\"", "id = \"total\"")
                .replace("pillar = \"soc\"", "pillar = \"total\""),
            "t.toml",
        )
        .expect("loads");
        let a = run(&r, &[obs(&r, "strict", 2024, None, 90.0)], None, &[2030]);
        let pillar = a
            .pillars
            .iter()
            .find(|s| s.scope.id(&r) == "total" && s.scope != Scope::Total);
        // the pillar "total" has strict, rank (2030 targets); the total adds share
        assert_eq!(pillar.map(|s| s.indicators), Some(2));
        assert_eq!(a.totals[0].indicators, 3);
    }

    const TOML: &str = r#"
[resolution]
id = "t"
title_vi = "t"
title_en = "t"
issuer_vi = "t"
issuer_en = "t"
adopted = "2022-03-18"

[[pillar]]
id = "gov"
name_vi = "g"
name_en = "g"

[[pillar]]
id = "soc"
name_vi = "s"
name_en = "s"

[[indicator]]
id = "share"
pillar = "gov"
item = "dossiers"
name_vi = "n"
name_en = "n"
unit = "%"
targets = { 2025 = ">= 60", 2030 = ">= 70" }

[[indicator]]
id = "share2"
pillar = "gov"
item = "dossiers"
name_vi = "n"
name_en = "n"
unit = "%"
targets = { 2025 = ">= 90" }

[[indicator]]
id = "strict"
pillar = "soc"
name_vi = "n"
name_en = "n"
unit = "%"
targets = { 2030 = "> 80" }

[[indicator]]
id = "rank"
pillar = "soc"
name_vi = "n"
name_en = "n"
unit = "rank"
targets = { 2030 = "<= 20" }

[[indicator]]
id = "fibre"
pillar = "soc"
name_vi = "n"
name_en = "n"
unit = "%"
each_vi = "m"
each_en = "m"
members = ["households", "schools", "hospitals"]
targets = { 2025 = ">= 80" }
"#;

    fn res() -> Resolution {
        targets::parse(TOML, "test.toml").expect("test targets load")
    }

    /// One figure: (indicator id, year, member, value).
    type Obs = (&'static str, i32, Option<&'static str>, f64);

    fn obs(
        _: &Resolution,
        id: &'static str,
        year: i32,
        member: Option<&'static str>,
        value: f64,
    ) -> Obs {
        (id, year, member, value)
    }

    /// Assesses the figures as one area; `as_of` `None` means the latest
    /// year in the data.
    fn run(r: &Resolution, data: &[Obs], as_of: Option<i32>, years: &[i32]) -> Assessment {
        run_with(r, data, as_of, years, vec![])
    }

    fn run_with(
        r: &Resolution,
        data: &[Obs],
        as_of: Option<i32>,
        years: &[i32],
        pillars: Vec<usize>,
    ) -> Assessment {
        let mut store = Store::new(2000);
        let area = store.area("x").expect("area");
        for (line, &(id, year, member, value)) in data.iter().enumerate() {
            let i = r.indicator(id).expect("known id");
            let m = member.map(|m| store.member(m).expect("member"));
            let place = crate::store::Place {
                file: 0,
                line: line as u32 + 2,
            };
            store
                .add(area, i, m, year, (value, 1), place)
                .expect("no duplicates");
        }
        let mut series = AreaSeries::default();
        store.series_of(area, &mut series);
        let options = Options {
            as_of: as_of.or(store.max_year()),
            horizons: years.to_vec(),
            pillars,
        };
        assess(r, &series, &store, &options)
    }

    fn result<'a>(a: &'a Assessment, r: &Resolution, id: &str, year: i32) -> &'a IndicatorResult {
        let i = r.indicator(id).expect("known id");
        a.results
            .iter()
            .find(|x| x.indicator == i && x.target_year == year)
            .expect("result present")
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn higher_is_better_attainment_and_gap() {
        // 58.9 / 60 x 100 = 98.1666..%; gap 60 - 58.9 = 1.1 points still to go
        let a = attainment(Comparison::AtLeast, 58.9, 60.0).expect("defined");
        assert!(close(a, 98.166_666_666_666_67), "{a}");
        assert!(close(gap(Comparison::AtLeast, 58.9, 60.0), 1.1));
        // over-achievement: 93.6 / 90 x 100 = 104%, gap 90 - 93.6 = -3.6
        assert!(close(
            attainment(Comparison::AtLeast, 93.6, 90.0).expect("defined"),
            104.0
        ));
        assert!(close(gap(Comparison::AtLeast, 93.6, 90.0), -3.6));
    }

    #[test]
    fn rank_is_lower_is_better() {
        // rank 27 against <= 20: 20 / 27 x 100 = 74.07..%, gap 27 - 20 = 7 places
        assert!(close(
            attainment(Comparison::AtMost, 27.0, 20.0).expect("defined"),
            2000.0 / 27.0
        ));
        assert!(close(gap(Comparison::AtMost, 27.0, 20.0), 7.0));
        // rank 15: 20 / 15 x 100 = 133.3..%, gap 15 - 20 = -5 (five places better)
        assert!(close(
            attainment(Comparison::AtMost, 15.0, 20.0).expect("defined"),
            400.0 / 3.0
        ));
        assert!(close(gap(Comparison::AtMost, 15.0, 20.0), -5.0));
    }

    #[test]
    fn zero_denominator_gives_no_attainment() {
        assert_eq!(attainment(Comparison::AtLeast, 5.0, 0.0), None);
        assert_eq!(attainment(Comparison::AtMost, 0.0, 20.0), None);
        // a negative growth rate is a negative attainment: -2 / 7 x 100 = -28.57..%
        assert!(close(
            attainment(Comparison::AtLeast, -2.0, 7.0).expect("defined"),
            -200.0 / 7.0
        ));
    }

    #[test]
    fn attainment_is_undefined_outside_positive_ratios() {
        // a target of -5 (growth may fall by 5 %): -10 / -5 would be 200 %, worse actual, higher figure
        assert_eq!(attainment(Comparison::AtLeast, -10.0, -5.0), None);
        // lower is better with a negative actual: 20 / -1 would be -2000 % for a better figure
        assert_eq!(attainment(Comparison::AtMost, -1.0, 20.0), None);
        assert_eq!(attainment(Comparison::Below, 0.5, -20.0), None);
        // 1e308 / 1e-308 x 100 overflows
        assert_eq!(attainment(Comparison::AtLeast, 1e308, 1e-308), None);
    }

    #[test]
    fn a_gap_beyond_f64_is_reported_as_none_not_infinity() {
        let mut r = res();
        r.indicators[0].unit = crate::targets::Unit::Number;
        r.indicators[0].targets[0].value = -1.7e308;
        // 1.7e308 - (-1.7e308) overflows to infinity; the comparison still holds
        let a = run(&r, &[obs(&r, "share", 2024, None, 1.7e308)], None, &[2025]);
        let x = result(&a, &r, "share", 2025);
        assert_eq!((x.gap, x.met, x.attainment_pct), (None, Some(true), None));
    }

    #[test]
    fn strict_target_at_equality_is_not_met() {
        let r = res();
        let a = run(&r, &[obs(&r, "strict", 2024, None, 80.0)], None, &[2030]);
        let x = result(&a, &r, "strict", 2030);
        // 80 / 80 x 100 = 100% attained, gap 0, but "> 80" does not hold at 80
        assert_eq!(x.attainment_pct, Some(100.0));
        assert_eq!(x.gap, Some(0.0));
        assert_eq!(x.met, Some(false));
        assert_eq!(x.status, Status::NotMet);
        let a = run(&r, &[obs(&r, "strict", 2024, None, 80.1)], None, &[2030]);
        assert_eq!(result(&a, &r, "strict", 2030).status, Status::Met);
    }

    #[test]
    fn rank_status_follows_the_comparison() {
        let r = res();
        let a = run(&r, &[obs(&r, "rank", 2024, None, 20.0)], None, &[2030]);
        assert_eq!(result(&a, &r, "rank", 2030).status, Status::Met); // 20 <= 20
        let a = run(&r, &[obs(&r, "rank", 2024, None, 21.0)], None, &[2030]);
        let x = result(&a, &r, "rank", 2030);
        assert_eq!(x.status, Status::NotMet); // 21 > 20
        assert_eq!(x.gap, Some(1.0)); // 21 - 20
    }

    #[test]
    fn latest_figure_at_or_before_as_of_is_used() {
        let r = res();
        let data = [
            obs(&r, "share", 2022, None, 45.0),
            obs(&r, "share", 2024, None, 58.9),
            obs(&r, "share", 2023, None, 52.3),
        ];
        let a = run(&r, &data, None, &[2025]);
        assert_eq!(a.as_of, Some(2024)); // default: latest year in the data
        let x = result(&a, &r, "share", 2025);
        assert_eq!((x.actual, x.actual_year), (Some(58.9), Some(2024)));
        let a = run(&r, &data, Some(2023), &[2025]);
        let x = result(&a, &r, "share", 2025);
        assert_eq!((x.actual, x.actual_year), (Some(52.3), Some(2023)));
        let a = run(&r, &data, Some(2021), &[2025]);
        assert_eq!(result(&a, &r, "share", 2025).status, Status::NoData);
    }

    #[test]
    fn no_data_and_no_target_are_reported_as_such() {
        let r = res();
        let a = run(&r, &[], None, &[2025, 2030]);
        assert_eq!(a.as_of, None);
        let x = result(&a, &r, "share", 2025);
        assert_eq!(
            (x.status, x.actual, x.met, x.attainment_pct),
            (Status::NoData, None, None, None)
        );
        // "strict" has no 2025 target: never invented
        let x = result(&a, &r, "strict", 2025);
        assert_eq!((x.status, x.target), (Status::NoTarget, None));
        let sum = a
            .pillars
            .iter()
            .find(|s| s.scope == Scope::Pillar(1) && s.target_year == 2025)
            .expect("summary");
        assert_eq!(
            (
                sum.indicators,
                sum.with_data,
                sum.met,
                sum.mean_attainment_pct
            ),
            (1, 0, 0, None)
        );
    }

    #[test]
    fn worst_member_decides() {
        let r = res();
        let data = [
            obs(&r, "fibre", 2024, Some("schools"), 97.0),
            obs(&r, "fibre", 2024, Some("households"), 85.4),
            obs(&r, "fibre", 2024, Some("hospitals"), 100.0),
        ];
        let a = run(&r, &data, None, &[2025]);
        let x = result(&a, &r, "fibre", 2025);
        // worst of 97, 85.4, 100 is households: 85.4 / 80 x 100 = 106.75%, gap 80 - 85.4 = -5.4
        assert_eq!(x.worst_member.as_deref(), Some("households"));
        assert!(close(x.attainment_pct.expect("defined"), 106.75));
        assert!(close(x.gap.expect("defined"), -5.4));
        assert_eq!(x.status, Status::Met);
    }

    #[test]
    fn missing_declared_member_makes_incomplete_never_met() {
        let r = res();
        let data = [
            obs(&r, "fibre", 2024, Some("schools"), 97.0),
            obs(&r, "fibre", 2024, Some("households"), 85.4),
        ];
        let a = run(&r, &data, None, &[2025]);
        let x = result(&a, &r, "fibre", 2025);
        assert_eq!(x.status, Status::Incomplete);
        assert_eq!(x.met, None); // both reported members pass, hospitals unknown
        assert_eq!(x.missing_members, vec!["hospitals".to_string()]);
        assert_eq!(x.worst_member.as_deref(), Some("households"));
        // a reported member already fails: known not met, still incomplete
        let data = [obs(&r, "fibre", 2024, Some("schools"), 70.0)];
        let a = run(&r, &data, None, &[2025]);
        let x = result(&a, &r, "fibre", 2025);
        assert_eq!((x.status, x.met), (Status::Incomplete, Some(false)));
        let sum = a
            .pillars
            .iter()
            .find(|s| s.scope == Scope::Pillar(1) && s.target_year == 2025)
            .expect("summary");
        assert_eq!((sum.with_data, sum.met), (1, 0)); // counts as having data, never as met
    }

    #[test]
    fn members_use_their_own_latest_year() {
        let r = res();
        let data = [
            obs(&r, "fibre", 2023, Some("hospitals"), 75.0),
            obs(&r, "fibre", 2024, Some("schools"), 97.0),
            obs(&r, "fibre", 2024, Some("households"), 85.4),
        ];
        let a = run(&r, &data, None, &[2025]);
        let x = result(&a, &r, "fibre", 2025);
        // hospitals' 2023 figure (75) is the worst; its year is reported
        assert_eq!(
            (x.worst_member.as_deref(), x.actual_year, x.status),
            (Some("hospitals"), Some(2023), Status::NotMet)
        );
    }

    #[test]
    fn pillar_summary_caps_attainment_and_counts_items() {
        let r = res();
        let data = [
            obs(&r, "share", 2024, None, 58.9),
            obs(&r, "share2", 2024, None, 93.6),
        ];
        let a = run(&r, &data, None, &[2025]);
        let gov = a
            .pillars
            .iter()
            .find(|s| s.scope == Scope::Pillar(0))
            .expect("gov summary");
        // share: 58.9 / 60 = 98.1666..%; share2: 93.6 / 90 = 104% capped to 100
        // mean = (98.1666.. + 100) / 2 = 99.0833..%
        assert!(close(
            gov.mean_attainment_pct.expect("mean"),
            (58.9 / 60.0 * 100.0 + 100.0) / 2.0
        ));
        assert_eq!((gov.indicators, gov.with_data, gov.met), (2, 2, 1));
        // both share one item "dossiers"; one fails so the item is not met
        assert_eq!((gov.items, gov.items_met), (1, 0));
        let total = a
            .totals
            .iter()
            .find(|s| s.target_year == 2025)
            .expect("total");
        assert_eq!(total.scope, Scope::Total);
        assert_eq!(total.scope.id(&r), "total");
        assert_eq!((total.indicators, total.items), (3, 2)); // share, share2, fibre; items dossiers, fibre
    }

    #[test]
    fn negative_attainment_counts_as_zero_in_the_mean() {
        let r = res();
        let data = [
            obs(&r, "share", 2024, None, 0.0),
            obs(&r, "share2", 2024, None, 45.0),
        ];
        let a = run(&r, &data, None, &[2025]);
        let gov = a
            .pillars
            .iter()
            .find(|s| s.scope == Scope::Pillar(0))
            .expect("gov summary");
        // 0 / 60 = 0%, 45 / 90 = 50%: mean 25%
        assert!(close(gov.mean_attainment_pct.expect("mean"), 25.0));
    }

    #[test]
    fn pillar_filter_keeps_only_selected_pillars() {
        let r = res();
        let a = run_with(&r, &[], None, &[2025], vec![1]);
        assert!(
            a.results
                .iter()
                .all(|x| r.indicators[x.indicator].pillar == "soc")
        );
        assert_eq!(a.pillars.len(), 1);
    }
}
