//! Integration tests: run the `dtcalc` binary on the examples and on small
//! fixtures. One module per command or concern.

mod common;
mod formats;
mod html;
mod output;
mod report;
mod targets;
