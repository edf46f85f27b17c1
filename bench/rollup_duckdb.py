"""dtcalc's roll-up checked from outside: every parent's figure of every
`ratio` indicator computed in DuckDB SQL, compared with dtcalc's JSON.

usage: rollup_duckdb.py DATA.csv AREAS.csv [--targets T.toml] [--roll-up LEVEL]
                        [--dtcalc BIN] [--sql-only]

  --targets T.toml  the targets file (default: targets.toml, the built-in one);
                    its indicators with `aggregate = "ratio"` are checked
  --roll-up LEVEL   the level of the parents (default: province)
  --dtcalc BIN      the binary (default: $DTCALC, else target/release/dtcalc)
  --sql-only        print the SQL side's figures as CSV and stop

The SQL side. A unit's rows count towards every unit its walk up the
`parent` chain reaches, itself included; so a unit that ceased and names its
successor as parent (67 Đắk Nông, 60 Bình Thuận -> 68 Lâm Đồng) is carried
onto the successor for its years. For each unit P of level LEVEL, ratio
indicator, member (breakdown) and year:
    numerator = sum(numerator), denominator = sum(denominator),
    share = 100 * numerator / denominator, areas = distinct units summed,
over the rows that have both a numerator and a denominator.

Checked by hand on the example (examples/national-2021-2025.csv with
examples/areas-2025.csv), Lâm Đồng (68) in 2023, soc.fibre_households:
    68 Lâm Đồng   334438 / 403704
    67 Đắk Nông   178263 / 203224   (parent 68, ceased 2025-06-30)
    60 Bình Thuận 317341 / 360552   (parent 68, ceased 2025-06-30)
    numerator   = 334438 + 178263 + 317341 = 830042
    denominator = 403704 + 203224 + 360552 = 967480
    share       = 100 * 830042 / 967480    = 85.794228...  (3 areas)
(not 86.17, the mean of the three values 82.8, 87.7, 88.0). And Hồ Chí
Minh City (79) in 2024, gov.online_services_level4 (each province has one
set of procedures):
    79 TP Hồ Chí Minh     1130 / 1745
    74 Bình Dương         1217 / 1953   (parent 79, ceased 2025-06-30)
    77 Bà Rịa - Vũng Tàu  1574 / 2006   (parent 79, ceased 2025-06-30)
    numerator   = 1130 + 1217 + 1574 = 3921
    denominator = 1745 + 1953 + 2006 = 5704
    share       = 100 * 3921 / 5704  = 68.741234...  (3 areas; mean of values 68.53)
Both are lines of `--sql-only` on that file.

The dtcalc side: for every year Y of the data,
    dtcalc report DATA --targets T --areas AREAS --roll-up LEVEL --as-of Y --format json
Each `areas[]` entry has `area` and `indicators[]`; a rolled-up figure
carries `actual`, `actual_year`, `numerator`, `denominator` and
`coverage.areas`. For each such figure of a ratio indicator (of the member
`worst_member` names, if any) the SQL figure of the same area, member and
`actual_year` must exist with the same sums (exact), the same number of
areas, and an `actual` within 1e-9 of the share (100 * numerator /
denominator); but a figure from a single row of the area's own is that
row's `value`, as stated in the data (the share rounded), as without
--areas. `actual_year` must be the SQL's latest year <= Y. A figure the SQL rolls from units other than the area
itself must come with its sums, unless dtcalc marks it incomplete
(`coverage.complete` false: a roll-up with a unit's figure missing is
withheld) and counts the areas the SQL sums. Every unit of level LEVEL in
force on 31 December of Y that has a SQL figure must be in the report. An indicator appears
once per target year: every entry with sums is checked.

Exit: 0 same figures; 1 a difference (the first ten are printed); 2 could
not run (bad arguments, dtcalc failed); 3 "dtcalc has no roll-up yet" (the
binary rejects `--areas`: the only failure of dtcalc that is tolerated).

DuckDB comes from the venv bench/run.sh uses, target/bench/.venv: when this
interpreter lacks duckdb the script re-runs itself there, creating it
(`pip install duckdb`) if needed.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "target" / "bench" / ".venv"


def use_venv():
    """Re-run under target/bench/.venv when duckdb is missing here."""
    try:
        import duckdb  # noqa: F401

        return
    except ImportError:
        pass
    py = VENV / "bin" / "python"
    if os.environ.get("DTCALC_ROLLUP_VENV"):
        sys.exit(f"rollup_duckdb: duckdb is missing from {VENV}")
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if subprocess.run([str(py), "-c", "import duckdb"], capture_output=True).returncode != 0:
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", "duckdb"], check=True)
    os.environ["DTCALC_ROLLUP_VENV"] = "1"
    os.execv(str(py), [str(py), __file__, *sys.argv[1:]])


use_venv()

import tomllib  # noqa: E402

import duckdb  # noqa: E402

TOLERANCE = 1e-9
SHOWN = 10


def usage(msg):
    print(f"rollup_duckdb: {msg}", file=sys.stderr)
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    sys.exit(2)


def parse_args(argv):
    opts = {"targets": None, "level": "province", "dtcalc": None, "sql_only": False}
    pos = []
    it = iter(argv)
    for a in it:
        if a == "--sql-only":
            opts["sql_only"] = True
        elif a in ("--targets", "--roll-up", "--dtcalc"):
            v = next(it, None)
            if v is None:
                usage(f"{a} needs a value")
            opts[{"--targets": "targets", "--roll-up": "level", "--dtcalc": "dtcalc"}[a]] = v
        elif a.startswith("-"):
            usage(f"unknown option {a}")
        else:
            pos.append(a)
    if len(pos) != 2:
        usage("needs DATA.csv and AREAS.csv")
    return pos[0], pos[1], opts


def ratio_indicators(targets):
    """Ids of the indicators declared `aggregate = "ratio"`."""
    path = targets or ROOT / "targets.toml"
    try:
        with open(path, "rb") as f:
            doc = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        usage(f"{path}: {e}")
    return sorted(i["id"] for i in doc.get("indicator", []) if i.get("aggregate") == "ratio")


def sql_figures(data, areas, level, ratio):
    """{(parent, indicator, member, year): (numerator, denominator, areas,
    rolled, own value)}: `rolled` when units other than the parent count,
    `own value` the `value` of the parent's own row when it is the only one;
    the areas table {code: (level, valid_from, valid_to)}; the data's years."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE areas AS SELECT * FROM read_csv(?, header = true, all_varchar = true)", [areas]
    )
    con.execute(
        "CREATE TABLE data AS SELECT * FROM read_csv(?, header = true, all_varchar = true)", [data]
    )
    cols = {r[0] for r in con.execute("DESCRIBE data").fetchall()}
    if not {"numerator", "denominator"} <= cols:
        usage(f"{data} has no numerator and denominator columns")
    member = "coalesce(breakdown, '')" if "breakdown" in cols else "''"
    con.execute("CREATE TABLE ratio (indicator VARCHAR)")
    con.executemany("INSERT INTO ratio VALUES (?)", [(i,) for i in ratio])
    unknown = con.execute(
        "SELECT count(*), min(area) FROM data WHERE area NOT IN (SELECT code FROM areas)"
    ).fetchone()
    if unknown[0]:
        print(f"note: {unknown[0]} rows of areas not in {areas} (e.g. {unknown[1]}): left out", file=sys.stderr)
    rows = con.execute(
        f"""
        WITH RECURSIVE up (unit, ancestor, depth) AS (
          SELECT code, code, 0 FROM areas
          UNION ALL
          SELECT up.unit, a.parent, up.depth + 1
          FROM up JOIN areas a ON a.code = up.ancestor
          WHERE coalesce(a.parent, '') <> '' AND up.depth < 64
        ),
        d AS (
          SELECT area, indicator, CAST(year AS INTEGER) AS year,
                 {member} AS member,
                 CAST(numerator AS HUGEINT) AS num, CAST(denominator AS HUGEINT) AS den,
                 TRY_CAST(value AS DOUBLE) AS value
          FROM data
          WHERE indicator IN (SELECT indicator FROM ratio)
            AND numerator IS NOT NULL AND denominator IS NOT NULL
        )
        SELECT up.ancestor, d.indicator, d.member, d.year,
               sum(d.num), sum(d.den), count(DISTINCT d.area), bool_or(d.area <> up.ancestor),
               CASE WHEN count(*) = 1 THEN any_value(d.value) END
        FROM d
        JOIN up ON up.unit = d.area
        JOIN areas p ON p.code = up.ancestor AND p.level = ?
        GROUP BY ALL
        ORDER BY ALL
        """,
        [level],
    ).fetchall()
    figures = {(p, i, m, y): (int(n), int(dn), k, rolled, own) for p, i, m, y, n, dn, k, rolled, own in rows}
    table = {
        c: (lv, f or "", t or "")
        for c, lv, f, t in con.execute("SELECT code, level, valid_from, valid_to FROM areas").fetchall()
    }
    years = [r[0] for r in con.execute("SELECT DISTINCT CAST(year AS INTEGER) FROM data ORDER BY 1").fetchall()]
    return figures, table, years


def print_figures(figures):
    out = sys.stdout
    out.write("parent,indicator,year,breakdown,numerator,denominator,share_pct,areas\n")
    for (p, i, m, y), (n, d, k, *_) in sorted(figures.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][3], kv[0][2])):
        share = repr(100 * n / d) if d else ""
        out.write(f"{p},{i},{y},{m},{n},{d},{share},{k}\n")


def in_force(row, year):
    day = f"{year}-12-31"
    _, start, end = row
    return (not start or start <= day) and (not end or end >= day)


def run_dtcalc(binary, data, areas, targets, level, year):
    cmd = [binary, "report", data]
    if targets:
        cmd += ["--targets", targets]
    cmd += ["--areas", areas, "--roll-up", level, "--as-of", str(year), "--format", "json"]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as e:
        print(f"rollup_duckdb: cannot run {binary}: {e}", file=sys.stderr)
        sys.exit(2)
    if p.returncode != 0:
        if "unexpected argument '--areas'" in p.stderr:
            print("dtcalc has no roll-up yet")
            sys.exit(3)
        print(f"rollup_duckdb: {' '.join(cmd)} exited {p.returncode}:\n{p.stderr}", file=sys.stderr)
        sys.exit(2)
    try:
        return json.loads(p.stdout)
    except json.JSONDecodeError as e:
        print(f"rollup_duckdb: {' '.join(cmd)}: not JSON: {e}", file=sys.stderr)
        sys.exit(2)


def area_code(name, table):
    """dtcalc's `area` as a code of the areas file: the code itself, or the
    code before the first space ("68 Lâm Đồng")."""
    if isinstance(name, dict):
        name = name.get("code", "")
    if name in table:
        return name
    head = str(name).split(" ", 1)[0]
    return head if head in table else name


def same_int(got, want):
    return isinstance(got, (int, float)) and not isinstance(got, bool) and got == want


def compare(report, year, figures, table, ratio, diffs):
    """Appends to `diffs` every difference in one year's report; returns the
    number of figures compared."""
    latest = {}  # (parent, indicator, member) -> latest year <= `year`
    for p, i, m, y in figures:
        if y <= year and y > latest.get((p, i, m), -1):
            latest[(p, i, m)] = y
    listed = set()
    compared = 0
    for entry in report.get("areas", []):
        code = area_code(entry.get("area"), table)
        listed.add(code)
        # one entry per target year: the same figure, or none without a target
        by_id = {}
        for ind in entry.get("indicators", []):
            if ind.get("id") in ratio:
                by_id.setdefault(ind["id"], []).append(ind)
        for iid, entries in by_id.items():
            where = f"as of {year}, {code}, {iid}"
            with_sums = [e for e in entries if e.get("numerator") is not None]
            if not with_sums:
                check_withheld(where, code, iid, entries, latest, figures, diffs)
                continue
            seen = set()
            for ind in with_sums:
                key = json.dumps({k: ind.get(k) for k in FIGURE}, sort_keys=True)
                if key not in seen:
                    seen.add(key)
                    compared += 1
                    check_figure(where, code, iid, ind, latest, figures, diffs)
    for (p, i, m), y in sorted(latest.items()):
        if p not in listed and p in table and in_force(table[p], year):
            diffs.append(f"as of {year}, {p}: missing from dtcalc's report (SQL has {i} for {y})")
            listed.add(p)  # once per area
    return compared


# The fields of a rolled-up figure.
FIGURE = ("actual", "actual_year", "worst_member", "numerator", "denominator", "coverage")


def check_figure(where, code, iid, ind, latest, figures, diffs):
    """One figure dtcalc gives with its sums."""
    member = ind.get("worst_member") or ""
    ay = ind.get("actual_year")
    where += f"{' [' + member + ']' if member else ''} {ay}"
    want = figures.get((code, iid, member, ay))
    if want is None:
        diffs.append(f"{where}: dtcalc {ind.get('numerator')}/{ind.get('denominator')}, SQL has no figure")
        return
    n, d, k, rolled, own = want
    if latest.get((code, iid, member)) != ay:
        diffs.append(f"{where}: actual_year {ay}, SQL's latest year is {latest.get((code, iid, member))}")
    if not (same_int(ind.get("numerator"), n) and same_int(ind.get("denominator"), d)):
        diffs.append(f"{where}: dtcalc {ind.get('numerator')}/{ind.get('denominator')}, SQL {n}/{d}")
    actual = ind.get("actual")
    if rolled or own is None:
        expected, what = 100 * n / d, "SQL share"
    else:
        expected, what = own, "the area's own value"
    if not isinstance(actual, (int, float)) or abs(actual - expected) > TOLERANCE:
        diffs.append(f"{where}: dtcalc actual {actual}, {what} {expected!r}")
    cov = ind.get("coverage")
    if not isinstance(cov, dict) or not same_int(cov.get("areas"), k):
        got = cov.get("areas") if isinstance(cov, dict) else cov
        diffs.append(f"{where}: dtcalc coverage.areas {got}, SQL {k} areas")


def check_withheld(where, code, iid, entries, latest, figures, diffs):
    """An indicator dtcalc gives no sums for: right when the SQL has nothing
    rolled up for it, or when dtcalc says its coverage is incomplete and
    counts the areas the SQL sums (of some member, at its latest year)."""
    counts = {figures[(code, i, m, y)][2] for (c, i, m), y in latest.items() if c == code and i == iid}
    rolled = any(figures[(code, i, m, y)][3] for (c, i, m), y in latest.items() if c == code and i == iid)
    covs = [e["coverage"] for e in entries if isinstance(e.get("coverage"), dict)]
    incomplete = [c for c in covs if c.get("complete") is False]
    if incomplete:
        got = incomplete[0].get("areas")
        if not any(same_int(got, k) for k in counts):
            diffs.append(f"{where}: incomplete with coverage.areas {got}, SQL sums {sorted(counts) or 0} areas")
    elif rolled:
        diffs.append(f"{where}: no numerator/denominator, but SQL rolls it up from {max(counts)} areas")


def main():
    data, areas, opts = parse_args(sys.argv[1:])
    ratio = ratio_indicators(opts["targets"])
    if not ratio:
        name = opts["targets"] or "targets.toml"
        print(f"note: {name} declares no ratio indicator: nothing to check", file=sys.stderr)
    figures, table, years = sql_figures(data, areas, opts["level"], ratio)
    ratio = set(ratio)
    if opts["sql_only"]:
        print_figures(figures)
        return 0
    binary = opts["dtcalc"] or os.environ.get("DTCALC") or str(ROOT / "target" / "release" / "dtcalc")
    diffs, compared = [], 0
    for year in years:
        report = run_dtcalc(binary, data, areas, opts["targets"], opts["level"], year)
        compared += compare(report, year, figures, table, ratio, diffs)
    if diffs:
        for d in diffs[:SHOWN]:
            print(d)
        more = f" (first {SHOWN} shown)" if len(diffs) > SHOWN else ""
        print(f"rollup_duckdb: {len(diffs)} differences{more}")
        return 1
    span = f"{years[0]}..{years[-1]}" if years else "no year"
    print(f"rollup_duckdb: {compared} figures with sums, {len(ratio)} ratio indicators, as of {span}: same as DuckDB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
