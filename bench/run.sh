#!/usr/bin/env bash
# Benchmark of dtcalc (not part of CI) on the national file: every commune
# (10,600 areas, coded 00001..10600) over 5 years, ~2 million rows, 88 MB.
# Wall time, CPU time and peak memory of each dtcalc command that reads the
# whole file, next to the csv crate's parse floor, DuckDB and pandas; and of
# a report against a targets file of 100,000 indicators; and the roll-up of
# a national commune file (10,600 communes with numerators and
# denominators, 113 MB) to the 34 provinces, next to its own parse floor.
# Prints the numbers and the bounds they are held to, then checks dtcalc's
# by-area numbers and roll-up figures against DuckDB's. It is a report,
# not a test: it exits 0 whatever the numbers (only a failed build or
# setup stops it early).
#
#   bash bench/run.sh            # files, binaries and the Python venv go to target/bench/
#   RUNS=9 bash bench/run.sh     # rounds (default 5); each command's median is shown
#   PAUSE=0 bash bench/run.sh    # no rest before each run (default 2 s)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/bench
RUNS=${RUNS:-5}
PAUSE=${PAUSE:-2}
mkdir -p "$OUT/bin"

# --- Tools and inputs -------------------------------------------------------

if [ ! -x /usr/bin/time ]; then # GNU time reports peak memory; bash's `time` does not
  apt-get install -y time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
fi
cargo build --release --locked --bin dtcalc --example gen_actuals --example parse_floor --example gen_targets --example gen_rollup
# Copies, so that a rebuild in another shell cannot swap a binary between rounds.
cp target/release/dtcalc target/release/examples/{gen_actuals,parse_floor,gen_targets,gen_rollup} "$OUT/bin/"
BIN=$OUT/bin
PY=$OUT/.venv/bin/python
if ! { [ -x "$PY" ] && "$PY" -c 'import duckdb, pandas' 2>/dev/null; }; then
  python3 -m venv "$OUT/.venv"
  "$OUT/.venv/bin/pip" install -q duckdb pandas
fi

# Generated once; written under a temporary name so an interrupted run
# leaves no half file behind.
make_once() { # FILE COMMAND...: FILE = the command's output, unless it exists
  local file=$1; shift
  [ -s "$file" ] || { "$@" > "$file.tmp" && mv "$file.tmp" "$file"; }
}
NATIONAL=$OUT/national.csv
TARGETS_BIG=$OUT/targets-100000.toml
ONE_ROW=$OUT/one-row.csv
make_once "$NATIONAL" "$BIN/gen_actuals" --areas 10600 --years 5
make_once "$TARGETS_BIG" "$BIN/gen_targets" --indicators 100000
make_once "$ONE_ROW" printf 'area,indicator,year,breakdown,value\n00001,ind.000001,2024,,85\n'
# The national commune file for the roll-up: 10,600 communes under the 34
# provinces, with numerator, denominator and weight columns, ~2 million rows.
COMMUNES=$OUT/communes.csv
COMMUNE_AREAS=$OUT/communes-areas.csv
[ -s "$COMMUNES" ] && [ -s "$COMMUNE_AREAS" ] || {
  "$BIN/gen_rollup" --bench 10600 --areas-out "$COMMUNE_AREAS.tmp" --out "$COMMUNES.tmp"
  mv "$COMMUNE_AREAS.tmp" "$COMMUNE_AREAS" && mv "$COMMUNES.tmp" "$COMMUNES"
}

# --- The commands -----------------------------------------------------------

NAMES=(floor by-area area check-area check-by-area validate validate-749 duckdb pandas targets-100k floor-communes roll-up)
define() { # NAME: sets cmd (the command), warm (files it reads) and ok (its expected exit status)
  warm=("$NATIONAL") ok=0
  case $1 in
    floor) cmd=("$BIN/parse_floor" "$NATIONAL") ;;
    by-area) cmd=("$BIN/dtcalc" report "$NATIONAL" --by area --horizon 2025 --format csv) ;;
    area) cmd=("$BIN/dtcalc" report "$NATIONAL" --area 00042 --format json) ;;
    # the generated figures miss some targets: `check` answers 1, "no"
    check-area) cmd=("$BIN/dtcalc" check "$NATIONAL" --area 00042) ok=1 ;;
    check-by-area) cmd=("$BIN/dtcalc" check "$NATIONAL" --by area) ok=1 ;;
    validate) cmd=("$BIN/dtcalc" validate "$NATIONAL") ;;
    # a row whose indicator the national programme does not have is a
    # problem (1.26 million of the 2 million rows): only the memory is bounded
    validate-749) cmd=("$BIN/dtcalc" validate "$NATIONAL" --targets examples/national-749.toml) ok=1 ;;
    duckdb) cmd=("$PY" bench/duckdb_by_area.py "$NATIONAL" targets.toml 2025) ;;
    pandas) cmd=("$PY" bench/pandas_by_area.py "$NATIONAL" targets.toml 2025) ;;
    targets-100k)
      cmd=("$BIN/dtcalc" report "$ONE_ROW" --targets "$TARGETS_BIG" --format json)
      warm=("$ONE_ROW" "$TARGETS_BIG") ;;
    floor-communes) cmd=("$BIN/parse_floor" "$COMMUNES") warm=("$COMMUNES") ;;
    roll-up)
      cmd=("$BIN/dtcalc" report "$COMMUNES" --areas "$COMMUNE_AREAS" --roll-up province --format csv)
      warm=("$COMMUNES" "$COMMUNE_AREAS") ;;
  esac
}
label() { # NAME: its command as a reader would type it, without our directories
  define "$1"
  local s="${cmd[*]}"
  s=${s//"$PY "/python }
  s=${s//"$BIN/"/}
  s=${s//"$OUT/"/}
  echo "$s"
}

# --- Timed runs -------------------------------------------------------------

# Each round runs every command once, in turn, so that a machine whose speed
# drifts (a shared host) slows all of them alike. Before each timed run the
# machine rests PAUSE seconds: on a shared virtual machine a 2-thread run
# right after another's 2-thread burst is often throttled by the host, which
# a 1-thread run (the parse floor) never is. The inputs are then read once
# untimed, so that every command starts from a warm page cache (the
# kernel's proactive reclaim may have dropped it during the rest).
ODD=() # exit statuses other than expected
run() { # NAME ROUND: one timed run; "wall user sys peak-KiB" appended to $OUT/times-NAME.txt
  local name=$1 round=$2 status=0
  define "$name"
  sleep "$PAUSE"
  cat "${warm[@]}" > /dev/null
  /usr/bin/time -f '%e %U %S %M' -o "$OUT/time.txt" "${cmd[@]}" > "$OUT/$name.out" 2> "$OUT/$name.err" || status=$?
  [ "$status" = "$ok" ] || ODD+=("$name exited $status (expected $ok) in round $round: see $OUT/$name.err")
  # GNU time puts "Command exited with non-zero status N" above the figures
  tail -n 1 "$OUT/time.txt" >> "$OUT/times-$name.txt"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "dtcalc built from $(git describe --always --dirty 2>/dev/null || echo '(no git)'), cores: $(nproc), rounds: $RUNS, pause: ${PAUSE}s, load before: $LOAD_BEFORE"
for name in "${NAMES[@]}"; do : > "$OUT/times-$name.txt"; done
for round in $(seq "$RUNS"); do
  for name in "${NAMES[@]}"; do run "$name" "$round"; done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load after: $LOAD_AFTER"
# Other work on the machine stretches wall times far more than CPU times.
if awk -v a="${LOAD_BEFORE%% *}" -v b="${LOAD_AFTER%% *}" -v n="$(nproc)" 'BEGIN { exit !(a > n || b > n) }'; then
  echo "note: the load average was above the number of cores: other work competed, so wall times are unreliable"
fi

# --- Results ----------------------------------------------------------------

# Per command: the median round's wall and CPU (user + sys) seconds (the
# lower middle one when RUNS is even), and the largest peak of all rounds.
declare -A wall cpu mib
for name in "${NAMES[@]}"; do
  read -r wall[$name] cpu[$name] mib[$name] < <(sort -n "$OUT/times-$name.txt" | awk '
    { w[NR] = $1; c[NR] = $2 + $3; if ($4 > m) m = $4 }
    END { i = int((NR + 1) / 2); printf "%.2f %.2f %.1f\n", w[i], c[i], m / 1024 }')
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo
echo '| command | median wall s | cpu s | peak MiB | wall / floor |'
echo '|---|---|---|---|---|'
for name in "${NAMES[@]}"; do
  floor=floor # the floor of the file the command reads
  case $name in floor-communes | roll-up) floor=floor-communes ;; esac
  printf '| `%s` | %s | %s | %s | %s |\n' "$(label "$name")" "${wall[$name]}" "${cpu[$name]}" "${mib[$name]}" "$(ratio "${wall[$name]}" "${wall[$floor]}")"
done
for note in "${ODD[@]}"; do echo "note: $note"; done

# The bounds dtcalc is held to. "x" is a multiple of the floor's median
# wall time, or for "faster than" the other tool's over dtcalc's.
bound() { # WHAT MEASURED UNIT OP LIMIT: one row, PASS when "MEASURED OP LIMIT" holds
  local result
  result=$(awk -v m="$2" -v op="$4" -v l="$5" 'BEGIN {
    ok = m != "n/a" && (op == "<=" ? m <= l : op == ">=" ? m >= l : m < l)
    print ok ? "PASS" : "FAIL" }')
  printf '| %s | %s %s | %s |\n' "$1" "$2" "$3" "$result"
}
echo
echo '| bound | measured | result |'
echo '|---|---|---|'
declare -A short=([by-area]='`report --by area`' [area]='`report --area 00042`'
  [check-area]='`check --area 00042`' [check-by-area]='`check --by area`' [validate]='`validate` (clean file)')
for name in by-area area check-area check-by-area validate; do
  bound "${short[$name]} wall <= 2 x floor" "$(ratio "${wall[$name]}" "${wall[floor]}")" x '<=' 2
  bound "${short[$name]} peak <= 64 MiB" "${mib[$name]}" MiB '<=' 64
done
bound '`validate --targets national-749.toml` peak <= 64 MiB' "${mib[validate-749]}" MiB '<=' 64
bound '`report --by area` >= 3 x faster than DuckDB' "$(ratio "${wall[duckdb]}" "${wall[by-area]}")" x '>=' 3
bound '`report --by area` >= 8 x faster than pandas' "$(ratio "${wall[pandas]}" "${wall[by-area]}")" x '>=' 8
bound 'report of 1 row against 100,000 indicators: wall < 1 s' "${wall[targets-100k]}" s '<' 1
bound '`report --roll-up province` (communes) wall <= 2 x its floor' "$(ratio "${wall[roll-up]}" "${wall[floor-communes]}")" x '<=' 2
bound '`report --roll-up province` (communes) peak <= 64 MiB' "${mib[roll-up]}" MiB '<=' 64

# --- Same numbers as DuckDB? ------------------------------------------------

echo
"$PY" bench/crosscheck.py "$OUT/by-area.out" "$OUT/duckdb.out" || true # a report: a difference is printed, not fatal
"$PY" bench/rollup_duckdb.py "$COMMUNES" "$COMMUNE_AREAS" --dtcalc "$BIN/dtcalc" || true
exit 0
