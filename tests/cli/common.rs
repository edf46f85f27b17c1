//! Helpers shared by the integration tests.

use std::path::PathBuf;

use assert_cmd::Command;

/// The `dtcalc` binary with a fixed language and width, so output does not
/// depend on the machine running the tests.
pub fn dtcalc() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("dtcalc");
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .env("COLUMNS", "100");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Path of a file under `tests/fixtures/`.
pub fn fixture(name: &str) -> String {
    let p: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", name]
        .iter()
        .collect();
    p.display().to_string()
}

/// Parses stdout as JSON.
pub fn json(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}
