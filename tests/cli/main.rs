//! Integration tests: run the `dtcalc` binary on the examples and on small
//! fixtures. One module per command or concern.

mod check;
mod common;
mod progress;
mod report;
mod targets;
