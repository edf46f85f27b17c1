"""Diffs two per-area CSVs (dtcalc's and DuckDB's): integers exactly, means
and scores to 1e-9. Columns other than those below (dtcalc's `items` and
`items_met`, say) are ignored, and named. Exits 1 on any difference,
printing the first few.

usage: crosscheck.py DTCALC.csv OTHER.csv
"""

import csv
import sys

KEY = ("area", "pillar", "target_year")
EXACT = ("indicators", "with_data", "met", "rank")
CLOSE = ("mean_attainment_pct", "score")
KNOWN = KEY + EXACT + CLOSE


def rows(path):
    """The records of `path` by key, and the columns it has beyond KNOWN."""
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        columns = reader.fieldnames or []
        missing = [c for c in KNOWN if c not in columns]
        if missing:
            sys.exit(f"crosscheck: {path} has no column {', '.join(missing)}")
        records = {tuple(r[k] for k in KEY): r for r in reader}
    return records, [c for c in columns if c not in KNOWN]


def num(s):
    return None if s == "" else float(s)


(a, extra_a), (b, extra_b) = rows(sys.argv[1]), rows(sys.argv[2])
problems = []
if a.keys() != b.keys():
    problems.append(f"different records: {len(a.keys() - b.keys())} only in {sys.argv[1]}, {len(b.keys() - a.keys())} only in {sys.argv[2]}")
for key in sorted(a.keys() & b.keys()):
    x, y = a[key], b[key]
    for c in EXACT:
        if (num(x[c]) or 0) != (num(y[c]) or 0) or (x[c] == "") != (y[c] == ""):
            problems.append(f"{key} {c}: {x[c]} != {y[c]}")
    for c in CLOSE:
        p, q = num(x[c]), num(y[c])
        if (p is None) != (q is None) or (p is not None and abs(p - q) > 1e-9):
            problems.append(f"{key} {c}: {x[c]} != {y[c]}")
for p in problems[:20]:
    print(p)
if problems:
    print(f"crosscheck: {len(problems)} differences")
    sys.exit(1)
ignored = "".join(f"; ignored in {path}: {', '.join(cols)}" for path, cols in ((sys.argv[1], extra_a), (sys.argv[2], extra_b)) if cols)
print(f"crosscheck: {len(a)} records equal (integers exact, means and scores within 1e-9){ignored}")
