//! The JSON Schemas in `docs/schema/` against real output: each schema is
//! a valid draft 2020-12 schema with a description on every property, every
//! JSON output of the bundled examples and of the fixtures validates against
//! its schema, and, per schema, real output with a field removed, renamed or
//! given a value outside its set is rejected (so these tests can fail).
//!
//! The schemas refer to one another by relative `$ref` (`common.json#/...`)
//! against their `$id`s under `https://dtcalc.invalid/schema/`: the tests put
//! every file of `docs/schema/` in a registry under its `$id`, as a script
//! would, and never fetch anything.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::OnceLock;

use jsonschema::{Registry, Validator};
use serde_json::{Value, json};

use crate::common::{dtcalc, fixture, json};

/// Every schema file, by name without `.json`; `common` is definitions only.
const SCHEMAS: [&str; 7] = [
    "common",
    "report",
    "report-by-area",
    "check",
    "check-by-area",
    "validate",
    "targets",
];

/// Where the `$id`s of the schemas live.
const BASE: &str = "https://dtcalc.invalid/schema/";

fn schema_dir() -> PathBuf {
    [env!("CARGO_MANIFEST_DIR"), "docs", "schema"]
        .iter()
        .collect()
}

/// A schema file, parsed.
fn schema(name: &str) -> Value {
    let path = schema_dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The validator of each output schema, built once: every schema file is
/// registered under its `$id`, retrieval is off.
fn validators() -> &'static HashMap<&'static str, Validator> {
    static VALIDATORS: OnceLock<HashMap<&'static str, Validator>> = OnceLock::new();
    VALIDATORS.get_or_init(|| {
        let resources: Vec<(String, Value)> = SCHEMAS
            .iter()
            .map(|name| (format!("{BASE}{name}.json"), schema(name)))
            .collect();
        let registry = Registry::new()
            .extend(resources)
            .expect("schema ids are URIs")
            .prepare()
            .expect("the schemas resolve");
        SCHEMAS
            .iter()
            .filter(|&&name| name != "common")
            .map(|&name| {
                let validator = jsonschema::options()
                    .with_registry(&registry)
                    .offline()
                    .build(&schema(name))
                    .unwrap_or_else(|e| panic!("{name}.json does not compile: {e}"));
                (name, validator)
            })
            .collect()
    })
}

/// Every error of `doc` against schema `name`, one per line with its path.
fn errors(name: &str, doc: &Value) -> Vec<String> {
    validators()[name]
        .iter_errors(doc)
        .map(|e| format!("{} (at {}): {e}", e.instance_path(), e.schema_path()))
        .collect()
}

/// Errors shown when an output does not match, before "and N more".
const ERRORS_SHOWN: usize = 12;

/// Asserts that `doc` is valid against schema `name`.
fn assert_valid(name: &str, doc: &Value, what: &str) {
    let errors = errors(name, doc);
    let more = match errors.len().saturating_sub(ERRORS_SHOWN) {
        0 => String::new(),
        n => format!("\nand {n} more"),
    };
    assert!(
        errors.is_empty(),
        "{what}: the output does not match {name}.json:\n{}{more}",
        errors
            .iter()
            .take(ERRORS_SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Asserts that `doc` is rejected by schema `name`.
fn assert_invalid(name: &str, doc: &Value, what: &str) {
    assert!(
        !validators()[name].is_valid(doc),
        "{what}: {name}.json accepts an output it must reject"
    );
}

/// Runs dtcalc with `args`, asserts the exit code, parses stdout as JSON.
fn run(args: &[&str], code: i32) -> Value {
    let out = dtcalc().args(args).output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(code),
        "dtcalc {}: stderr: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

/// Runs dtcalc and validates its stdout against schema `name`.
fn check_output(name: &str, args: &[&str], code: i32) -> Value {
    let doc = run(args, code);
    assert_valid(name, &doc, &format!("dtcalc {}", args.join(" ")));
    doc
}

/// Changes `doc` with `f` and asserts that schema `name` rejects the result;
/// the unchanged `doc` must be valid, so the change is what fails.
fn reject(name: &str, doc: &Value, what: &str, f: impl FnOnce(&mut Value)) {
    assert_valid(name, doc, "before the change");
    let mut changed = doc.clone();
    f(&mut changed);
    assert_ne!(&changed, doc, "{what}: the change changed nothing");
    assert_invalid(name, &changed, what);
}

/// Removes `key` from the object at JSON pointer `at`.
fn remove(doc: &mut Value, at: &str, key: &str) {
    let object = doc
        .pointer_mut(at)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {at}"));
    assert!(object.remove(key).is_some(), "no {key} at {at}");
}

/// Renames `key` of the object at `at` to `to`, keeping its value.
fn rename(doc: &mut Value, at: &str, key: &str, to: &str) {
    let object = doc
        .pointer_mut(at)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {at}"));
    let value = object
        .remove(key)
        .unwrap_or_else(|| panic!("no {key} at {at}"));
    object.insert(to.to_string(), value);
}

/// Sets the value at JSON pointer `at`, adding the field to its object when
/// there is none.
fn set(doc: &mut Value, at: &str, value: Value) {
    if let Some(old) = doc.pointer_mut(at) {
        *old = value;
        return;
    }
    let (parent, key) = at.rsplit_once('/').expect("a pointer");
    doc.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {parent}"))
        .insert(key.to_string(), value);
}

// ---------------------------------------------------------------- schemas

/// Calls `f` with the JSON pointer and the node of every subschema.
fn walk(node: &Value, at: &str, f: &mut impl FnMut(&str, &Value)) {
    match node {
        Value::Object(map) => {
            f(at, node);
            for (k, v) in map {
                // `properties` and `$defs` map names to schemas; `enum` and
                // `const` hold values, not schemas
                if k == "enum" || k == "const" {
                    continue;
                }
                walk(v, &format!("{at}/{k}"), f);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, &format!("{at}/{i}"), f);
            }
        }
        _ => {}
    }
}

/// The local `$defs` entry a `$ref` such as `#/$defs/summary` names.
fn local_def<'a>(root: &'a Value, node: &Value) -> Option<&'a Value> {
    let name = node.get("$ref")?.as_str()?.strip_prefix("#/$defs/")?;
    root.get("$defs")?.get(name)
}

/// True when an object schema admits no field besides the ones it lists.
fn closed(root: &Value, node: &Value) -> bool {
    node.get("additionalProperties") == Some(&json!(false))
        || node.get("unevaluatedProperties") == Some(&json!(false))
        || local_def(root, node).is_some_and(|def| closed(root, def))
}

#[test]
fn every_schema_is_a_valid_draft_2020_12_schema() {
    for name in SCHEMAS {
        let s = schema(name);
        if let Err(e) = jsonschema::meta::validate(&s) {
            panic!("{name}.json is not a valid schema: {e}");
        }
        assert_eq!(
            s["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}.json"
        );
        assert_eq!(s["$id"], format!("{BASE}{name}.json"), "{name}.json");
        for key in ["title", "description"] {
            assert!(s[key].is_string(), "{name}.json has no {key}");
        }
    }
    // and each compiles, its references resolved
    assert_eq!(validators().len(), SCHEMAS.len() - 1);
}

/// Every property has a description, every field listed is required (the
/// program writes every field, `null` when not available; a field that is
/// left out in some outputs must say when it is "absent" in its
/// description), and every object schema but the mixins (`$defs/...Fields`)
/// is closed.
#[test]
fn every_property_is_described_required_and_closed_in() {
    for name in SCHEMAS {
        let root = schema(name);
        let mut problems = Vec::new();
        walk(&root, "", &mut |at, node| {
            let Some(props) = node.get("properties").and_then(Value::as_object) else {
                return;
            };
            let required: BTreeSet<&str> = node
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for (key, prop) in props {
                let description = prop.get("description").and_then(Value::as_str);
                if description.is_none() {
                    problems.push(format!("{at}/properties/{key} has no description"));
                }
                let optional = description.is_some_and(|d| d.contains("absent"));
                if !required.contains(key.as_str()) && !optional {
                    problems.push(format!(
                        "{at}: {key} is neither required nor said to be absent"
                    ));
                }
            }
            let mixin = at.starts_with("/$defs/") && at.ends_with("Fields");
            if !mixin && !closed(&root, node) {
                problems.push(format!("{at}: admits fields it does not list"));
            }
        });
        assert!(problems.is_empty(), "{name}.json:\n{}", problems.join("\n"));
    }
}

/// The README lists every schema file.
#[test]
fn the_readme_lists_every_schema() {
    let readme = std::fs::read_to_string(schema_dir().join("README.md")).expect("README.md");
    for name in SCHEMAS {
        assert!(
            readme.contains(&format!("`{name}.json`")),
            "README.md does not list {name}.json"
        );
    }
}

// ---------------------------------------------------------------- report

/// The roll-up fixtures: data, targets, areas.
const ROLLUP: [&str; 3] = [
    "tests/fixtures/rollup/data.csv",
    "tests/fixtures/rollup/targets.toml",
    "tests/fixtures/rollup/areas.csv",
];

const NATIONAL: [&str; 3] = [
    "examples/provinces.csv",
    "--targets",
    "examples/national-749.toml",
];

/// Every single-area report of the test, validated.
fn reports() -> Vec<Value> {
    let series = fixture("progress/series.csv");
    let series_targets = fixture("progress/targets.toml");
    let incomplete = fixture("data/fibre-incomplete.csv");
    let header_only = fixture("data/header-only.csv");
    let ods = fixture("dialects/actuals-libreoffice.ods");
    let mut national_one = NATIONAL.to_vec();
    national_one.extend([
        "--area",
        "48 Đà Nẵng",
        "--horizon",
        "all",
        "--method",
        "all",
    ]);
    let runs: Vec<Vec<&str>> = vec![
        vec!["examples/actuals.csv"],
        vec![
            "examples/actuals.csv",
            "--lang",
            "vi",
            "--horizon",
            "all",
            "--method",
            "all",
        ],
        vec![
            "examples/actuals.csv",
            "--method",
            "linear",
            "--as-of",
            "2023",
        ],
        vec![
            "examples/actuals.csv",
            "--pillar",
            "society",
            "--method",
            "anticipated",
        ],
        national_one,
        vec![
            &series,
            "--targets",
            &series_targets,
            "--horizon",
            "all",
            "--method",
            "all",
        ],
        vec![&incomplete, "--horizon", "all"],
        vec![&header_only],
        vec![&ods, "--horizon", "2030"],
        // rolled up: numerator, denominator and coverage, one withheld
        vec![
            ROLLUP[0],
            "--targets",
            ROLLUP[1],
            "--areas",
            ROLLUP[2],
            "--area",
            "P",
        ],
        vec![
            ROLLUP[0],
            "--targets",
            ROLLUP[1],
            "--areas",
            ROLLUP[2],
            "--area",
            "P",
            "--min-coverage",
            "60",
            "--as-of",
            "2024",
        ],
    ];
    runs.iter()
        .map(|args| {
            let mut all = vec!["report"];
            all.extend(args);
            all.extend(["--format", "json"]);
            check_output("report", &all, 0)
        })
        .collect()
}

/// The set of string values of `field` in every object of `pointer`'s array.
fn values_of<'a>(docs: &'a [Value], pointer: &str, field: &str) -> BTreeSet<&'a str> {
    docs.iter()
        .filter_map(|d| d.pointer(pointer).and_then(Value::as_array))
        .flatten()
        .filter_map(|o| o[field].as_str())
        .collect()
}

#[test]
fn reports_match_the_report_schema() {
    let docs = reports();
    // the runs exercise every status and every progress class, so the enums
    // are tested against the real thing, not only against what is common
    assert_eq!(
        values_of(&docs, "/indicators", "status"),
        BTreeSet::from(["incomplete", "met", "no_data", "no_target", "not_met"])
    );
    let classes = values_of(&docs, "/indicators", "progress_class");
    assert_eq!(classes.len(), 8, "{classes:?}");
    let methods: BTreeSet<&str> = docs
        .iter()
        .flat_map(|d| d["indicators"].as_array().into_iter().flatten())
        .flat_map(|i| i["progress"].as_array().into_iter().flatten())
        .filter_map(|p| p["method"].as_str())
        .collect();
    assert_eq!(
        methods,
        BTreeSet::from(["annual_rate", "anticipated", "growth", "linear"])
    );
}

#[test]
fn a_report_read_from_standard_input_matches_the_report_schema() {
    let data = std::fs::read("examples/actuals.csv").expect("example");
    let out = dtcalc()
        .args(["report", "--format", "json"])
        .write_stdin(data)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out);
    assert_eq!(doc["data_files"], json!(["-"]));
    assert_valid("report", &doc, "report from standard input");
}

#[test]
fn the_report_schema_rejects_changed_output() {
    let doc = run(
        &[
            "report",
            "examples/actuals.csv",
            "--format",
            "json",
            "--method",
            "all",
        ],
        0,
    );
    let r = "report";
    reject(r, &doc, "status removed", |d| {
        remove(d, "/indicators/0", "status")
    });
    reject(r, &doc, "unknown status", |d| {
        set(d, "/indicators/0/status", json!("done"))
    });
    reject(r, &doc, "field renamed", |d| {
        rename(d, "/indicators/0", "attainment_pct", "attainment")
    });
    reject(r, &doc, "progress field removed", |d| {
        remove(d, "/indicators/0", "ratio")
    });
    reject(r, &doc, "extra field", |d| {
        set(d, "/indicators/0/extra", json!(1))
    });
    reject(r, &doc, "comparison as words", |d| {
        set(d, "/indicators/0/comparison", json!("at least"))
    });
    reject(r, &doc, "unit unknown", |d| {
        set(d, "/indicators/0/unit", json!("percent"))
    });
    reject(r, &doc, "number as a string", |d| {
        set(d, "/indicators/0/attainment_pct", json!("91.2"))
    });
    reject(r, &doc, "null where never null", |d| {
        set(d, "/indicators/0/target_year", Value::Null)
    });
    reject(r, &doc, "unknown progress class", |d| {
        set(
            d,
            "/indicators/0/progress/1/progress_class",
            json!("on_track"),
        )
    });
    reject(r, &doc, "method none inside progress", |d| {
        set(d, "/indicators/0/progress/0/method", json!("none"))
    });
    reject(r, &doc, "unknown progress note", |d| {
        set(d, "/indicators/0/progress_notes", json!(["rounded"]))
    });
    reject(r, &doc, "class count missing", |d| {
        remove(d, "/pillars/0/progress_classes", "no_data")
    });
    reject(r, &doc, "class count for no_target", |d| {
        set(d, "/pillars/0/progress_classes/no_target", json!(0))
    });
    reject(r, &doc, "negative count", |d| {
        set(d, "/pillars/0/met", json!(-1))
    });
    reject(r, &doc, "total with a pillar's id", |d| {
        set(d, "/totals/0/id", json!("government"))
    });
    reject(r, &doc, "adoption date not a date", |d| {
        set(d, "/resolution/adopted", json!("18/3/2022"))
    });
    reject(r, &doc, "top-level field removed", |d| {
        remove(d, "", "totals")
    });
    reject(r, &doc, "top-level field added", |d| {
        set(d, "/areas", json!([]))
    });
}

// -------------------------------------------------------- report --by area

#[test]
fn reports_by_area_match_their_schema() {
    let three = fixture("areas/three-areas.csv");
    let targets = fixture("targets/areas.toml");
    let mut national = vec!["report"];
    national.extend(NATIONAL);
    national.extend(["--by", "area", "--format", "json"]);
    let runs: Vec<Vec<&str>> = vec![
        national.clone(),
        [
            &national[..],
            &["--horizon", "all", "--method", "all", "--lang", "vi"],
        ]
        .concat(),
        vec![
            "report",
            &three,
            "--targets",
            &targets,
            "--by",
            "area",
            "--format",
            "json",
        ],
        // an as-of year before most figures: areas without score or rank
        vec![
            "report",
            &three,
            "--targets",
            &targets,
            "--by",
            "area",
            "--format",
            "json",
            "--as-of",
            "2023",
        ],
        vec![
            "report",
            "examples/actuals.csv",
            "--by",
            "area",
            "--format",
            "json",
        ],
        vec![
            "report",
            ROLLUP[0],
            "--targets",
            ROLLUP[1],
            "--areas",
            ROLLUP[2],
            "--roll-up",
            "province",
            "--as-of",
            "2023",
            "--format",
            "json",
        ],
    ];
    let mut unranked = false;
    for args in &runs {
        let doc = check_output("report-by-area", args, 0);
        let records = doc["records"].as_array().expect("records");
        unranked |= records.iter().any(|r| r["rank"].is_null());
        assert!(!doc["areas"].as_array().expect("areas").is_empty());
    }
    assert!(unranked, "no run had an unranked area");
}

#[test]
fn the_report_by_area_schema_rejects_changed_output() {
    let mut args = vec!["report"];
    args.extend(NATIONAL);
    args.extend(["--by", "area", "--format", "json"]);
    let doc = run(&args, 0);
    let r = "report-by-area";
    reject(r, &doc, "rank removed", |d| remove(d, "/records/0", "rank"));
    reject(r, &doc, "rank 0", |d| set(d, "/records/0/rank", json!(0)));
    reject(r, &doc, "score above 100", |d| {
        set(d, "/records/0/score", json!(100.5))
    });
    reject(r, &doc, "record field renamed", |d| {
        rename(d, "/records/0", "with_data", "withData")
    });
    // the areas' figures are checked by the same definitions as the report's
    reject(r, &doc, "status inside an area", |d| {
        set(d, "/areas/0/indicators/0/status", json!("done"))
    });
    reject(r, &doc, "summary field inside an area", |d| {
        remove(d, "/areas/1/pillars/0", "items_met")
    });
    reject(r, &doc, "extra field in an area", |d| {
        set(d, "/areas/0/score", json!(90))
    });
    reject(r, &doc, "horizons as strings", |d| {
        set(d, "/horizons", json!(["2025"]))
    });
    reject(r, &doc, "top-level field removed", |d| {
        remove(d, "", "records")
    });
}

// ------------------------------------------------------------------ check

#[test]
fn check_outputs_match_the_check_schema() {
    let incomplete = fixture("data/fibre-incomplete.csv");
    let series = fixture("progress/series.csv");
    let series_targets = fixture("progress/targets.toml");
    // (arguments after `check`, exit code)
    let runs: Vec<(Vec<&str>, i32)> = vec![
        (
            vec![
                "examples/actuals.csv",
                "--pillar",
                "government",
                "--min-attainment",
                "75",
            ],
            0,
        ),
        (
            vec![
                "examples/actuals.csv",
                "--horizon",
                "2030",
                "--require",
                "substantial",
            ],
            1,
        ),
        (vec!["examples/actuals.csv", "--lang", "vi"], 1),
        (
            vec![
                "examples/actuals.csv",
                "--require",
                "moderate",
                "--method",
                "all",
                "--min-attainment",
                "90",
            ],
            1,
        ),
        (
            vec![
                "examples/actuals.csv",
                "--indicator",
                "soc.mobile_broadband",
                "--method",
                "linear",
            ],
            1,
        ),
        (vec![&incomplete], 1),
        (
            [
                &NATIONAL[..],
                &["--area", "48 Đà Nẵng", "--min-attainment", "50"],
            ]
            .concat(),
            1,
        ),
        (vec![&incomplete, "--allow-missing"], 1),
        (
            vec![
                &series,
                "--targets",
                &series_targets,
                "--require",
                "substantial",
                "--method",
                "anticipated",
            ],
            1,
        ),
    ];
    let mut docs = Vec::new();
    for (args, code) in &runs {
        let mut all = vec!["check"];
        all.extend(args);
        all.extend(["--format", "json"]);
        let doc = check_output("check", &all, *code);
        assert_eq!(
            doc["pass"],
            json!(*code == 0),
            "exit code and pass disagree"
        );
        docs.push(doc);
    }
    let reasons: BTreeSet<&str> = docs
        .iter()
        .flat_map(|d| d["indicators"].as_array().into_iter().flatten())
        .flat_map(|i| i["reasons"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        reasons,
        BTreeSet::from(["attainment_below", "no_data", "not_met", "progress_below"])
    );
    let excused = docs
        .iter()
        .flat_map(|d| d["indicators"].as_array().into_iter().flatten())
        .any(|i| i["excused"] == json!(true));
    assert!(excused, "no run had an excused indicator");
}

#[test]
fn the_check_schema_rejects_changed_output() {
    let doc = run(
        &[
            "check",
            "examples/actuals.csv",
            "--horizon",
            "2030",
            "--require",
            "substantial",
            "--format",
            "json",
        ],
        1,
    );
    let failing = doc["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .position(|i| i["pass"] == json!(false))
        .expect("a failing indicator");
    let at = format!("/indicators/{failing}");
    let r = "check";
    reject(r, &doc, "message removed", |d| remove(d, &at, "message"));
    reject(r, &doc, "unknown reason", |d| {
        set(d, &format!("{at}/reasons"), json!(["too_slow"]))
    });
    reject(r, &doc, "unknown status", |d| {
        set(d, &format!("{at}/status"), json!("failed"))
    });
    reject(r, &doc, "method not askable", |d| {
        set(d, "/method", json!("annual_rate"))
    });
    reject(r, &doc, "unknown requirement", |d| {
        set(d, "/require", json!("always"))
    });
    reject(r, &doc, "pass as a string", |d| {
        set(d, "/pass", json!("false"))
    });
    reject(r, &doc, "count renamed", |d| {
        rename(d, "", "failed", "failures")
    });
    reject(r, &doc, "asked field removed", |d| {
        remove(d, "", "allow_missing")
    });
    reject(r, &doc, "extra field", |d| set(d, "/exit_code", json!(1)));
}

// -------------------------------------------------------- check --by area

#[test]
fn check_by_area_outputs_match_their_schema() {
    let three = fixture("areas/three-areas.csv");
    let targets = fixture("targets/areas.toml");
    let mut national = vec!["check"];
    national.extend(NATIONAL);
    national.extend(["--by", "area", "--format", "json"]);
    let runs: Vec<(Vec<&str>, i32)> = vec![
        (national.clone(), 1),
        (
            [
                &national[..],
                &["--area", "01 Hà Nội", "--area", "96 Cà Mau"],
            ]
            .concat(),
            1,
        ),
        (
            [
                &national[..],
                &["--horizon", "2030", "--require", "moderate"],
            ]
            .concat(),
            1,
        ),
        (
            vec![
                "check",
                &three,
                "--targets",
                &targets,
                "--by",
                "area",
                "--format",
                "json",
                "--allow-missing",
                "--min-attainment",
                "50",
            ],
            0,
        ),
        (
            vec![
                "check",
                &three,
                "--targets",
                &targets,
                "--by",
                "area",
                "--format",
                "json",
                "--lang",
                "vi",
            ],
            1,
        ),
    ];
    for (args, code) in &runs {
        let doc = check_output("check-by-area", args, *code);
        assert_eq!(
            doc["pass"],
            json!(*code == 0),
            "exit code and pass disagree"
        );
    }
}

#[test]
fn the_check_by_area_schema_rejects_changed_output() {
    let mut args = vec!["check"];
    args.extend(NATIONAL);
    args.extend(["--by", "area", "--format", "json"]);
    let doc = run(&args, 1);
    let r = "check-by-area";
    reject(r, &doc, "failing removed", |d| {
        remove(d, "/areas/0", "failing")
    });
    reject(r, &doc, "negative count", |d| {
        set(d, "/areas_failed", json!(-1))
    });
    reject(r, &doc, "area field renamed", |d| {
        rename(d, "/areas/0", "checked", "count")
    });
    reject(r, &doc, "ids as numbers", |d| {
        set(d, "/areas/0/failing", json!([1]))
    });
    reject(r, &doc, "asked field removed", |d| {
        remove(d, "", "target_year")
    });
    reject(r, &doc, "single-area field added", |d| {
        set(d, "/indicators", json!([]))
    });
}

// --------------------------------------------------------------- validate

/// A workbook with a value that is not a number, so a problem has a cell.
fn bad_workbook(dir: &std::path::Path) -> String {
    let path = dir.join("data.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, head) in ["indicator", "year", "value"].into_iter().enumerate() {
        let col = u16::try_from(col).expect("column");
        sheet.write_string(0, col, head).expect("cell");
    }
    sheet
        .write_string(1, 0, "soc.digital_identity")
        .expect("cell");
    sheet.write_number(1, 1, 2024.0).expect("cell");
    sheet.write_string(1, 2, "8o%").expect("cell");
    book.save(&path).expect("saves");
    path.display().to_string()
}

#[test]
fn validate_outputs_match_the_validate_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let workbook = bad_workbook(dir.path());
    let invalid = std::fs::read_dir(fixture("invalid")).expect("fixtures");
    let mut files: Vec<String> = invalid
        .map(|e| e.expect("entry").path().display().to_string())
        .collect();
    files.sort();
    let mut rules = BTreeSet::new();
    let mut check = |args: &[&str], code: i32| {
        let mut all = vec!["validate", "--format", "json"];
        all.extend(args);
        let doc = check_output("validate", &all, code);
        let problems = doc.as_array().expect("an array");
        assert_eq!(
            problems.is_empty(),
            code == 0,
            "exit code and problems disagree"
        );
        for p in problems {
            rules.insert(p["rule"].as_str().expect("rule").to_string());
        }
        doc
    };
    for file in &files {
        if file.ends_with(".toml") {
            check(&["--targets", file], 1);
        } else {
            check(&[file], 1);
        }
    }
    // several files in one run, a workbook with a cell, --lang vi, no problem
    let not_a_number = fixture("invalid/not-a-number.csv");
    let encoding = fixture("invalid/encoding.csv");
    check(
        &[
            &not_a_number,
            &encoding,
            "examples/actuals.csv",
            "--lang",
            "vi",
        ],
        1,
    );
    let doc = check(&[&workbook], 1);
    assert!(doc[0]["cell"].is_string(), "no cell: {doc}");
    check(&["examples/actuals.csv"], 0);
    let mut national = vec![];
    national.extend(NATIONAL);
    check(&national, 0);
    check(&["--targets", "examples/national-749.toml"], 0);
    // rows checked against an areas file, and an areas file with problems
    let bad_areas = dir.path().join("areas.csv");
    std::fs::write(&bad_areas, "code,name,parent\nP,p,X\n").expect("written");
    let late = dir.path().join("late.csv");
    std::fs::write(
        &late,
        "area,indicator,year,value\nD1,s.share,2024,5\nZZ,s.share,2024,5\n",
    )
    .expect("written");
    let late = late.display().to_string();
    check(&[&late, "--targets", ROLLUP[1], "--areas", ROLLUP[2]], 1);
    check(
        &[
            &late,
            "--targets",
            ROLLUP[1],
            "--areas",
            &bad_areas.display().to_string(),
        ],
        1,
    );
    // every fixture's rule was seen (names such as malformed-quote-stray)
    for file in &files {
        let stem = std::path::Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("name");
        assert!(
            rules.iter().any(|r| stem.starts_with(r.as_str())),
            "{stem}: its rule was not reported; rules seen: {rules:?}"
        );
    }
    assert!(rules.len() >= 20, "{rules:?}");
}

#[test]
fn the_validate_schema_rejects_changed_output() {
    let doc = run(
        &[
            "validate",
            "--format",
            "json",
            &fixture("invalid/not-a-number.csv"),
        ],
        1,
    );
    let r = "validate";
    reject(r, &doc, "unknown rule", |d| {
        set(d, "/0/rule", json!("not_a_number"))
    });
    reject(r, &doc, "line 0", |d| set(d, "/0/line", json!(0)));
    reject(r, &doc, "message removed", |d| remove(d, "/0", "message"));
    reject(r, &doc, "field renamed", |d| {
        rename(d, "/0", "expected", "hint")
    });
    reject(r, &doc, "column as a string", |d| {
        set(d, "/0/column", json!("C"))
    });
    reject(r, &doc, "an object, not an array", |d| *d = d[0].clone());
}

// ---------------------------------------------------------------- targets

#[test]
fn targets_outputs_match_the_targets_schema() {
    let members = fixture("targets/members-vi.toml");
    let progress = fixture("progress/targets.toml");
    let areas = fixture("targets/areas.toml");
    let runs: Vec<Vec<&str>> = vec![
        vec![],
        vec!["--lang", "vi"],
        vec!["--targets", "examples/national-749.toml"],
        vec!["--targets", &members],
        vec!["--targets", &progress],
        vec!["--targets", &areas],
    ];
    let mut with_members = false;
    let mut with_notes = false;
    for args in &runs {
        let mut all = vec!["targets", "--format", "json"];
        all.extend(args);
        let doc = check_output("targets", &all, 0);
        for i in doc["indicators"].as_array().expect("indicators") {
            with_members |= i["members"].as_array().is_some_and(|m| !m.is_empty());
            with_notes |= i["note_en"].is_string();
        }
    }
    assert!(
        with_members && with_notes,
        "members {with_members}, notes {with_notes}"
    );
}

#[test]
fn the_targets_schema_rejects_changed_output() {
    let doc = run(&["targets", "--format", "json"], 0);
    let r = "targets";
    reject(r, &doc, "comparison misspelt", |d| {
        set(d, "/targets/0/comparison", json!("=>"))
    });
    reject(r, &doc, "value null", |d| {
        set(d, "/targets/0/value", Value::Null)
    });
    reject(r, &doc, "unit unknown", |d| {
        set(d, "/indicators/0/unit", json!("percent"))
    });
    reject(r, &doc, "members removed", |d| {
        remove(d, "/indicators/0", "members")
    });
    reject(r, &doc, "name renamed", |d| {
        rename(d, "/indicators/0", "name_en", "name")
    });
    reject(r, &doc, "resolution field added", |d| {
        set(d, "/resolution/url", json!("x"))
    });
}
