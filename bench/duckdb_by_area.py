"""`dtcalc report FILE --by area --horizon H --format csv`, in DuckDB SQL.

usage: duckdb_by_area.py DATA.csv TARGETS.toml HORIZON > out.csv
Same rules: latest figure <= as-of (the latest year in the data), worst
member, incomplete (declared member missing) never met, attainment capped
0..100 in the pillar mean, score = mean of pillar means, rank ties share.
"""

import sys

import duckdb

from targets import load

data, targets_file, horizon = sys.argv[1], sys.argv[2], int(sys.argv[3])
pillars, targets = load(targets_file, horizon)
con = duckdb.connect()
con.execute(
    "CREATE TABLE tg (indicator VARCHAR, pillar VARCHAR, cmp VARCHAR, target DOUBLE, n_declared INTEGER)"
)
con.executemany(
    "INSERT INTO tg VALUES (?, ?, ?, ?, ?)",
    [(i, p, c, v, len(m)) for i, (p, c, v, m) in targets.items()],
)
con.execute("CREATE TABLE pl (pillar VARCHAR, ord INTEGER)")
con.executemany("INSERT INTO pl VALUES (?, ?)", [(p, n) for n, p in enumerate(pillars)])
sql = f"""
WITH t AS (
  SELECT * FROM read_csv('{data}', header = true,
    columns = {{'area': 'VARCHAR', 'indicator': 'VARCHAR', 'year': 'INTEGER',
               'breakdown': 'VARCHAR', 'value': 'DOUBLE'}})
),
cutoff AS (SELECT max(year) AS y FROM t),
latest AS (
  SELECT area, indicator, breakdown, arg_max(value, year) AS value
  FROM t, cutoff WHERE year <= cutoff.y GROUP BY area, indicator, breakdown
),
per_ind AS (
  SELECT l.area, l.indicator,
    CASE WHEN tg.cmp IN ('>=', '>') THEN min(l.value) ELSE max(l.value) END AS actual,
    count(*) AS members, any_value(tg.cmp) AS cmp, any_value(tg.target) AS target,
    any_value(tg.n_declared) AS n_declared
  FROM latest l JOIN tg USING (indicator)
  GROUP BY l.area, l.indicator, tg.cmp
),
scored AS (
  SELECT area, indicator,
    CASE
      WHEN cmp IN ('>=', '>') AND target <> 0 THEN actual / target * 100
      WHEN cmp IN ('<=', '<') AND actual <> 0 THEN target / actual * 100
    END AS att,
    (n_declared = 0 OR members >= n_declared) AND CASE cmp
      WHEN '>=' THEN actual >= target WHEN '>' THEN actual > target
      WHEN '<=' THEN actual <= target ELSE actual < target END AS met
  FROM per_ind
),
areas AS (SELECT DISTINCT area FROM t),
grid AS (
  SELECT a.area, pl.pillar, pl.ord, tg.indicator
  FROM areas a CROSS JOIN pl LEFT JOIN tg ON tg.pillar = pl.pillar
),
pillar AS (
  SELECT g.area, g.pillar, any_value(g.ord) AS ord,
    count(g.indicator) AS indicators,
    count(s.indicator) AS with_data,
    count(*) FILTER (WHERE s.met) AS met,
    avg(CASE WHEN s.att IS NOT NULL THEN least(greatest(s.att, 0), 100) END) AS mean_attainment_pct
  FROM grid g LEFT JOIN scored s ON s.area = g.area AND s.indicator = g.indicator
  GROUP BY g.area, g.pillar
),
score AS (
  SELECT area, avg(mean_attainment_pct) AS score FROM pillar GROUP BY area
),
ranked AS (
  SELECT area, score,
    CASE WHEN score IS NOT NULL THEN rank() OVER (ORDER BY round(score, 9) DESC NULLS LAST) END AS rank
  FROM score
)
SELECT p.area, p.pillar, {horizon} AS target_year, p.indicators, p.with_data, p.met,
  p.mean_attainment_pct, r.score, r.rank
FROM pillar p JOIN ranked r USING (area)
ORDER BY p.area, p.ord
"""
out = sys.stdout
out.write("area,pillar,target_year,indicators,with_data,met,mean_attainment_pct,score,rank\n")
for row in con.execute(sql).fetchall():
    out.write(",".join("" if v is None else repr(v) if isinstance(v, float) else str(v) for v in row) + "\n")
