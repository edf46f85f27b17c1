//! Replays every input the fuzzers ever crashed on
//! (`tests/fixtures/fuzz-regressions/<target>/`), and every test fixture and
//! example as a seed, through the fuzz targets' own checks in
//! `fuzz/harness.rs`: a fixed crash stays fixed under plain `cargo test`.

use std::path::{Path, PathBuf};

use crate::harness;

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out; // no regression inputs saved for this target
    };
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else if path.extension().is_none_or(|e| e != "md") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn root(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let files = files_under(&root("tests/fixtures/fuzz-regressions").join(target));
    for path in &files {
        let bytes = std::fs::read(path).expect("regression input");
        eprintln!("replaying {}", path.display());
        run(&bytes);
    }
    files.len()
}

#[test]
fn saved_crash_inputs_no_longer_crash() {
    replay("targets_toml", harness::targets_toml);
    replay("actuals_csv", harness::actuals_csv);
    replay("pipeline", harness::pipeline);
}

#[test]
fn fixtures_and_examples_pass_the_fuzz_checks() {
    let mut seeds = files_under(&root("tests/fixtures"));
    seeds.extend(files_under(&root("examples")));
    seeds.push(root("targets.toml"));
    let seeds: Vec<PathBuf> = seeds
        .into_iter()
        .filter(|p| !p.starts_with(root("tests/fixtures/fuzz-regressions")))
        .collect();
    assert!(seeds.len() > 10, "seeds found: {seeds:?}");
    for path in &seeds {
        let bytes = std::fs::read(path).expect("seed");
        harness::targets_toml(&bytes);
        harness::actuals_csv(&bytes);
        harness::pipeline(&bytes);
        // every targets file with the example data, as the pipeline target splits it
        let mut both = bytes.clone();
        both.push(0);
        both.extend(std::fs::read(root("examples/actuals.csv")).expect("example"));
        harness::pipeline(&both);
    }
}
