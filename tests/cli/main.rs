//! Integration tests: run the `dtcalc` binary on the examples and on small
//! fixtures. One module per command or concern.

mod areas;
mod common;
mod inputs;
mod report;
mod targets;
mod template;
mod validate;
