//! `dtcalc targets`: the built-in resolution and targets-file errors.

use crate::common::dtcalc;

#[test]
fn builtin_targets_list_runs() {
    dtcalc().args(["targets"]).assert().success();
}
