//! Integration tests: run the `dtcalc` binary on the examples and on small
//! fixtures. One module per command or concern.

mod areas;
mod check;
mod common;
mod formats;
mod html;
mod inputs;
mod output;
mod progress;
mod report;
mod targets;
mod template;
mod validate;
