//! `dtcalc targets`: the built-in resolution and targets-file errors.

use crate::common::{dtcalc, fixture, json};

#[test]
fn builtin_targets_list_runs() {
    dtcalc().args(["targets"]).assert().success();
}
