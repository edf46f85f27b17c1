//! `dtcalc report` on the bundled example and on small fixtures.

use crate::common::dtcalc;

#[test]
fn example_report_runs_and_exits_zero() {
    dtcalc()
        .args(["report", "examples/actuals.csv"])
        .assert()
        .success();
}
