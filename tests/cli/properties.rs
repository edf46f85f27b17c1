//! Properties of the calculation and the JSON report, checked by proptest
//! on generated targets and data files. The checks shared with the fuzz
//! targets (finite numbers, `met` against the gap, JSON parse-back) live in
//! `fuzz/harness.rs`.

use std::fmt::Write as _;

use dtcalc::calc::{Assessment, Options, Status, attainment};
use dtcalc::progress::{Method, ProgressReport};
use dtcalc::read::{self, Collect, ReadOptions};
use dtcalc::report::{Context, Format, Look, render_report};
use dtcalc::store::Store;
use dtcalc::targets::{self, Comparison, Resolution, Unit};
use proptest::prelude::*;

use crate::harness;

fn comparison() -> impl Strategy<Value = Comparison> {
    prop_oneof![
        Just(Comparison::AtLeast),
        Just(Comparison::Above),
        Just(Comparison::AtMost),
        Just(Comparison::Below),
    ]
}

/// Any finite number, weighted towards everyday figures and edge values.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => (-1000i32..=1000).prop_map(|x| f64::from(x) / 10.0),
        2 => prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO,
        1 => prop_oneof![Just(f64::MAX), Just(f64::MIN), Just(f64::MIN_POSITIVE), Just(1e308)],
    ]
}

/// A value that `unit` accepts, written as a data clerk would: Rust's
/// `Display` gives plain digits (no exponent) that read back exactly.
fn value_for(unit: Unit) -> BoxedStrategy<f64> {
    match unit {
        Unit::Percent => (0u32..=1000).prop_map(|x| f64::from(x) / 10.0).boxed(),
        Unit::Rank => prop_oneof![4 => (1u32..=63).prop_map(f64::from), 1 => Just(1e300)].boxed(),
        Unit::PercentPerYear | Unit::Number => number().boxed(),
    }
}

/// Targets TOML with one pillar and the given indicators.
fn targets_toml(indicators: &[(Unit, Comparison, f64)]) -> String {
    let mut s = String::from(
        "[resolution]\nid = \"p\"\ntitle_vi = \"t\"\ntitle_en = \"t\"\n\
         issuer_vi = \"i\"\nissuer_en = \"i\"\nadopted = \"2022-03-18\"\n\n\
         [[pillar]]\nid = \"p\"\nname_vi = \"p\"\nname_en = \"p\"\n",
    );
    for (i, (unit, cmp, target)) in indicators.iter().enumerate() {
        // a rank target is a whole number of 1 or more (the targets file says so)
        let target = match unit {
            Unit::Rank => target.abs().round().clamp(1.0, 1e15),
            _ => *target,
        };
        let _ = write!(
            s,
            "\n[[indicator]]\nid = \"x{i}\"\npillar = \"p\"\nname_vi = \"n\"\n\
             name_en = \"n\"\nunit = \"{}\"\ntargets = {{ 2025 = \"{} {target}\" }}\n",
            unit.symbol(),
            cmp.symbol()
        );
    }
    s
}

fn read(files: &[(&str, String)], r: &Resolution) -> (Store, Collect) {
    read_with(files, r, &ReadOptions::default())
}

fn read_with(files: &[(&str, String)], r: &Resolution, options: &ReadOptions) -> (Store, Collect) {
    let mut store = read::store_for(r, options);
    let bytes: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    let mut found = Collect::default();
    read::read_bytes(&bytes, r, options, &mut store, &mut found).expect("in memory");
    (store, found)
}

fn assess_with(r: &Resolution, store: &Store, methods: &[Method]) -> (Assessment, ProgressReport) {
    let options = Options {
        as_of: store.max_year(),
        horizons: r.target_years(),
        pillars: Vec::new(),
    };
    let area = (store.area_count() > 0).then_some(0);
    dtcalc::assess::area(r, store, area, &options, methods)
}

fn assess(r: &Resolution, store: &Store) -> Assessment {
    assess_with(r, store, &[]).0
}

/// A data row of the built-in resolution: (indicator, year, breakdown, value).
type Row = (String, i32, String, f64);

/// Valid rows for the built-in resolution, at most one per
/// (indicator, year, member).
fn builtin_rows() -> impl Strategy<Value = Vec<Row>> {
    let r = builtin();
    let one =
        (0..r.indicators.len(), 2019i32..=2026, 0usize..3).prop_flat_map(move |(i, year, m)| {
            let ind = &r.indicators[i];
            let member = match (ind.is_each(), ind.members.get(m)) {
                (false, _) => String::new(),
                (true, Some(declared)) => declared.clone(),
                (true, None) => ["agriculture", "health", "tourism"][m].to_string(),
            };
            let id = ind.id.clone();
            value_for(ind.unit).prop_map(move |v| (id.clone(), year, member.clone(), v))
        });
    prop::collection::vec(one, 0..40).prop_map(|mut rows| {
        let mut seen = std::collections::HashSet::new();
        rows.retain(|(id, year, member, _)| seen.insert((id.clone(), *year, member.clone())));
        rows
    })
}

fn builtin() -> &'static Resolution {
    static R: std::sync::OnceLock<Resolution> = std::sync::OnceLock::new();
    R.get_or_init(|| targets::parse(targets::BUILTIN, "targets.toml").expect("built-in"))
}

fn csv(rows: &[Row]) -> String {
    let mut s = String::from("indicator,year,breakdown,value\n");
    for (id, year, member, value) in rows {
        let _ = writeln!(s, "{id},{year},{member},{value}");
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Higher is better: a larger actual never lowers attainment; lower is
    /// better: a larger actual never raises it.
    #[test]
    fn attainment_is_monotone_in_the_actual(
        c in comparison(), target in number(), a in number(), b in number()
    ) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        if let (Some(x), Some(y)) = (attainment(c, lo, target), attainment(c, hi, target)) {
            if c.higher_is_better() {
                prop_assert!(x <= y, "{lo} -> {x}%, {hi} -> {y}% against {target}");
            } else {
                prop_assert!(x >= y, "{lo} -> {x}%, {hi} -> {y}% against {target}");
            }
        }
    }

    /// `met` is the comparison, and agrees with the sign of the gap: for
    /// `>=`/`<=` met iff gap <= 0, for the strict `>`/`<` met iff gap < 0
    /// (so equality is not met). Read from a data file, through `assess`.
    #[test]
    fn met_agrees_with_the_comparison_and_the_gap(
        c in comparison(), target in number(), actual in number(), equal in any::<bool>()
    ) {
        let actual = if equal { target } else { actual };
        let r = targets::parse(&targets_toml(&[(Unit::Number, c, target)]), "p.toml")
            .expect("generated targets load");
        let data = format!("indicator,year,value\nx0,2024,{actual}\n");
        let (store, found) = read(&[("d.csv", data)], &r);
        prop_assert!(found.problems.is_empty(), "{:?}", found.problems);
        let a = assess(&r, &store);
        let x = &a.results[0];
        let holds = c.holds(actual, target);
        prop_assert_eq!(x.actual, Some(actual));
        prop_assert_eq!(x.met, Some(holds));
        prop_assert_eq!(x.status, if holds { Status::Met } else { Status::NotMet });
        match x.gap {
            Some(gap) if c.is_strict() => prop_assert_eq!(holds, gap < 0.0),
            Some(gap) => prop_assert_eq!(holds, gap <= 0.0),
            // only a difference beyond f64::MAX has no gap
            None => prop_assert!((target - actual).is_infinite()),
        }
        if equal {
            prop_assert_eq!(holds, !c.is_strict(), "at equality only >= and <= hold");
        }
        harness::check_assessment(&a);
    }

    /// Shuffling the rows, or splitting the file in two, gives the same
    /// assessment, and no row is lost.
    #[test]
    fn report_ignores_row_order_and_file_splits(
        (rows, shuffled) in builtin_rows().prop_flat_map(|rows| {
            let shuffled = Just(rows.clone()).prop_shuffle();
            (Just(rows), shuffled)
        }),
        split in 0usize..=40,
    ) {
        let r = builtin();
        let (one, found) = read(&[("all.csv", csv(&rows))], r);
        prop_assert!(found.problems.is_empty(), "{:?}", found.problems);
        prop_assert_eq!(one.len(), rows.len(), "a row was lost");
        let reference = assess(r, &one);

        let (again, _) = read(&[("shuffled.csv", csv(&shuffled))], r);
        prop_assert_eq!(&assess(r, &again), &reference);

        let (first, second) = shuffled.split_at(split.min(shuffled.len()));
        let (two, found) = read(&[("a.csv", csv(first)), ("b.csv", csv(second))], r);
        prop_assert!(found.problems.is_empty(), "{:?}", found.problems);
        prop_assert_eq!(two.len(), rows.len(), "a row was lost");
        prop_assert_eq!(&assess(r, &two), &reference);
    }

    /// Any resolution and data: every number that reaches the JSON report
    /// is finite, the report parses back with serde to the assessment's
    /// numbers, and `null` appears exactly where there is no number.
    #[test]
    fn json_report_parses_back_to_the_same_finite_numbers(
        spec in prop::collection::vec(
            (prop_oneof![Just(Unit::Percent), Just(Unit::PercentPerYear), Just(Unit::Rank), Just(Unit::Number)],
             comparison(), number()),
            1..5,
        ).prop_flat_map(|inds| {
            let values: Vec<_> = inds.iter().map(|(u, _, _)| value_for(*u)).collect();
            (Just(inds), values)
        }),
    ) {
        let (indicators, values) = spec;
        let r = targets::parse(&targets_toml(&indicators), "p.toml").expect("generated targets load");
        let mut data = String::from("indicator;year;value\n");
        for (i, v) in values.iter().enumerate() {
            // a `;` file takes a decimal comma
            let _ = writeln!(data, "x{i};2024;{}", v.to_string().replace('.', ","));
        }
        // a value such as 1,234 alone does not tell its decimal mark: say it
        let options = ReadOptions { decimal: Some(dtcalc::read::value::Mark::Comma), ..ReadOptions::default() };
        let (store, found) = read_with(&[("d.csv", data)], &r, &options);
        prop_assert!(found.problems.is_empty(), "{:?}", found.problems);
        prop_assert_eq!(store.len(), values.len());
        let methods = [Method::Growth, Method::Anticipated, Method::Linear];
        let (a, progress) = assess_with(&r, &store, &methods);
        harness::check_assessment(&a);
        let files = ["d.csv".to_string()];
        let ctx = Context { resolution: &r, assessment: &a, files: &files, progress: &progress };
        let mut out = Vec::new();
        let look = Look {
            lang: dtcalc::lang::Lang::En,
            width: 100,
            color: false,
        };
        render_report(&mut out, &ctx, Format::Json, look).expect("render into a Vec");
        let parsed: serde_json::Value = serde_json::from_slice(&out).expect("the report is JSON");
        harness::check_json(&a, &parsed);
        // figures as read come back exactly, not merely close
        for (x, j) in a.results.iter().zip(parsed["indicators"].as_array().expect("array")) {
            prop_assert_eq!(j["actual"].as_f64(), x.actual);
            prop_assert_eq!(j["target"].as_f64(), x.target.map(|t| t.value));
        }
    }
}
