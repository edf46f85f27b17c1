//! Integration tests: run the `dtcalc` binary on the examples and on small
//! fixtures. One module per command or concern.

mod areas;
mod check;
mod common;
mod faults;
mod formats;
mod fuzz_regressions;
#[path = "../../fuzz/harness.rs"]
mod harness;
mod html;
mod inputs;
mod lang;
mod man;
mod output;
mod progress;
mod properties;
mod report;
mod rollup;
mod schema;
mod targets;
mod template;
mod validate;
mod workbooks;
mod xlsx;
