#!/usr/bin/env bash
# Benchmark of `dtcalc report --by area` (not part of CI): wall time and peak
# memory next to the csv crate's parse floor, DuckDB and pandas, on a
# generated file of every commune (~2 million rows) and one 5x larger
# (25 years of history). Then checks dtcalc's numbers against DuckDB's.
#
#   bash bench/run.sh            # files and the Python venv go to target/bench/
#   RUNS=9 bash bench/run.sh     # rounds (default 5); each tool's median is shown
#   PAUSE=0 bash bench/run.sh    # no rest before each run (default 2 s)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/bench
mkdir -p "$OUT"

if [ ! -x /usr/bin/time ]; then apt-get install -y time >/dev/null; fi
cargo build --release --locked --bin dtcalc --example gen_actuals --example parse_floor
if [ ! -x "$OUT/.venv/bin/python" ]; then
  python3 -m venv "$OUT/.venv"
  "$OUT/.venv/bin/pip" install -q duckdb pandas
fi
PY="$OUT/.venv/bin/python"
BIN=target/release

[ -s "$OUT/big.csv" ] || "$BIN/examples/gen_actuals" --areas 10600 --years 5 > "$OUT/big.csv"
[ -s "$OUT/big5.csv" ] || "$BIN/examples/gen_actuals" --areas 10600 --years 25 > "$OUT/big5.csv"

# Each round runs every tool once, in turn, so that a machine whose speed
# drifts (a shared host) slows all of them alike; RUNS rounds (default 5).
# Per tool the median round's "wall-s cpu-s" (cpu = user + sys) is shown,
# and the largest peak KiB of all rounds.
# Before each timed run the machine rests PAUSE seconds (default 2): on a
# shared virtual machine a 2-thread run right after another tool's
# 2-thread burst is often throttled by the host, which a 1-thread run
# (the parse floor) never is. The file is then read once untimed, so that
# every tool starts from a warm page cache (the kernel's proactive
# reclaim may have dropped it during the rest).
RUNS=${RUNS:-5}
PAUSE=${PAUSE:-2}
run() { # TOOL FILE: one timed run, appended to $OUT/times-TOOL.txt
  local tool=$1 file=$2 extra=()
  # big5.csv has 25 years of history (2000-2024): widen the year check so
  # dtcalc takes every row, as DuckDB and pandas do
  [ "$(basename "$file")" = big5.csv ] && extra=(--lookback 25)
  local -a cmd
  case $tool in
    floor) cmd=("$BIN/examples/parse_floor" "$file") ;;
    dtcalc) cmd=("$BIN/dtcalc" report "$file" --by area --horizon 2025 --format csv "${extra[@]}") ;;
    duckdb) cmd=("$PY" bench/duckdb_by_area.py "$file" targets.toml 2025) ;;
    pandas) cmd=("$PY" bench/pandas_by_area.py "$file" targets.toml 2025) ;;
  esac
  sleep "$PAUSE"
  cat "$file" > /dev/null
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "${cmd[@]}" > "$OUT/$tool-$(basename "$file" .csv).out"
  cat "$OUT/time.txt" >> "$OUT/times-$tool.txt"
}
median() { # TOOL: "wall-s cpu-s peak-KiB"
  sort -n "$OUT/times-$1.txt" | awk -v n="$RUNS" '
    { w[NR] = $1; c[NR] = $2 + $3; if ($4 > m) m = $4 }
    END { i = int((n + 1) / 2); printf "%s %.2f %s\n", w[i], c[i], m }'
}

TOOLS=(floor dtcalc duckdb pandas)
echo "cores: $(nproc), rounds: $RUNS (median wall shown), pause: ${PAUSE}s, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| file | size | rows | tool | wall s | cpu s | peak MiB | wall / dtcalc |\n|---|---|---|---|---|---|---|---|\n'
for f in "$OUT/big.csv" "$OUT/big5.csv"; do
  size=$(du -m "$f" | cut -f1)
  rows=$(($(wc -l < "$f") - 1))
  for tool in "${TOOLS[@]}"; do : > "$OUT/times-$tool.txt"; done
  for _ in $(seq "$RUNS"); do
    for tool in "${TOOLS[@]}"; do run "$tool" "$f"; done
  done
  declare -A wall cpu mem
  for tool in "${TOOLS[@]}"; do
    read -r wall[$tool] cpu[$tool] mem[$tool] < <(median "$tool")
  done
  for tool in "${TOOLS[@]}"; do
    ratio=$(awk -v a="${wall[$tool]}" -v b="${wall[dtcalc]}" 'BEGIN { printf "%.2f", a / b }')
    mib=$(awk -v k="${mem[$tool]}" 'BEGIN { printf "%.1f", k / 1024 }')
    printf '| %s | %s MB | %s | %s | %s | %s | %s | %s |\n' "$(basename "$f")" "$size" "$rows" "$tool" "${wall[$tool]}" "${cpu[$tool]}" "$mib" "$ratio"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$PY" bench/crosscheck.py "$OUT/dtcalc-big.out" "$OUT/duckdb-big.out"
