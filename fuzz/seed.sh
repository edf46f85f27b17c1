#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the test fixtures and examples (the
# corpora themselves are not committed). Run from anywhere.
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/targets_toml fuzz/corpus/actuals_csv fuzz/corpus/pipeline fuzz/corpus/actuals_workbook
name() { echo "$1" | tr / _; }
for f in targets.toml examples/*.toml tests/fixtures/targets/*.toml; do
  cp "$f" "fuzz/corpus/targets_toml/$(name "$f")"
done
for f in examples/*.csv tests/fixtures/data/*.csv tests/fixtures/invalid/*.csv tests/fixtures/dialects/*.csv tests/fixtures/areas/*.csv; do
  cp "$f" "fuzz/corpus/actuals_csv/$(name "$f")"
  cp "$f" "fuzz/corpus/pipeline/$(name "$f")"   # no NUL: built-in targets
done
for f in tests/fixtures/dialects/*.xlsx tests/fixtures/dialects/*.ods; do
  cp "$f" "fuzz/corpus/actuals_workbook/$(name "$f")"
done
# pipeline: targets TOML, a NUL byte, then CSV
for t in targets.toml examples/*.toml tests/fixtures/targets/base.toml; do
  for c in examples/*.csv tests/fixtures/data/*.csv; do
    { cat "$t"; printf '\0'; cat "$c"; } > "fuzz/corpus/pipeline/$(name "$t")-$(name "$c")"
  done
done
echo "seeded: $(ls fuzz/corpus/targets_toml | wc -l) targets_toml, $(ls fuzz/corpus/actuals_csv | wc -l) actuals_csv, $(ls fuzz/corpus/pipeline | wc -l) pipeline, $(ls fuzz/corpus/actuals_workbook | wc -l) actuals_workbook"
