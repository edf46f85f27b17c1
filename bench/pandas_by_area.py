"""`dtcalc report FILE --by area --horizon H --format csv`, in pandas.

usage: pandas_by_area.py DATA.csv TARGETS.toml HORIZON > out.csv
The rules of duckdb_by_area.py, with DataFrames.
"""

import sys

import numpy as np
import pandas as pd

from targets import load

data, targets_file, horizon = sys.argv[1], sys.argv[2], int(sys.argv[3])
pillars, targets = load(targets_file, horizon)
t = pd.read_csv(data, dtype={"area": str, "indicator": str, "breakdown": str, "year": np.int32})
t["breakdown"] = t["breakdown"].fillna("")
as_of = t["year"].max()
t = t[t["year"] <= as_of]
latest = t.loc[t.groupby(["area", "indicator", "breakdown"])["year"].idxmax()]
tg = pd.DataFrame(
    [(i, p, c, v, len(m)) for i, (p, c, v, m) in targets.items()],
    columns=["indicator", "pillar", "cmp", "target", "n_declared"],
)
x = latest.merge(tg, on="indicator")
higher = x["cmp"].isin([">=", ">"])
x["good"] = np.where(higher, x["value"], -x["value"])
g = x.groupby(["area", "indicator"])
per = g.agg(good=("good", "min"), members=("value", "size")).reset_index().merge(tg, on="indicator")
hi = per["cmp"].isin([">=", ">"])
per["actual"] = np.where(hi, per["good"], -per["good"])
with np.errstate(divide="ignore", invalid="ignore"):
    att = np.where(hi, per["actual"] / per["target"] * 100, per["target"] / per["actual"] * 100)
    den = np.where(hi, per["target"], per["actual"])
per["att"] = np.where(den != 0, att, np.nan)
holds = np.select(
    [per["cmp"] == ">=", per["cmp"] == ">", per["cmp"] == "<="],
    [per["actual"] >= per["target"], per["actual"] > per["target"], per["actual"] <= per["target"]],
    per["actual"] < per["target"],
)
per["met"] = holds & ((per["n_declared"] == 0) | (per["members"] >= per["n_declared"]))
per["capped"] = per["att"].clip(0, 100)
areas = pd.DataFrame({"area": sorted(t["area"].unique())})
grid = areas.merge(pd.DataFrame({"pillar": pillars, "ord": range(len(pillars))}), how="cross")
counts = tg.groupby("pillar").size().rename("indicators").reset_index()
ps = per.groupby(["area", "pillar"]).agg(
    with_data=("indicator", "size"), met=("met", "sum"), mean_attainment_pct=("capped", "mean")
).reset_index()
out = grid.merge(counts, on="pillar", how="left").merge(ps, on=["area", "pillar"], how="left")
out[["indicators", "with_data", "met"]] = out[["indicators", "with_data", "met"]].fillna(0).astype(int)
score = out.groupby("area")["mean_attainment_pct"].mean().rename("score").reset_index()
score["rank"] = score["score"].round(9).rank(method="min", ascending=False)
out = out.merge(score, on="area").sort_values(["area", "ord"])
out["target_year"] = horizon
out["rank"] = out["rank"].astype("Int64")
cols = ["area", "pillar", "target_year", "indicators", "with_data", "met", "mean_attainment_pct", "score", "rank"]
out[cols].to_csv(sys.stdout, index=False, float_format="%.17g")
