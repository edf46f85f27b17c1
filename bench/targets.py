"""Targets of a dtcalc targets file, for the benchmark scripts (Python 3.11+)."""

import re
import tomllib

CMP = re.compile(r"^\s*(>=|<=|>|<)\s*([-+0-9.eE]+)\s*$")


def load(path, horizon):
    """Pillar ids in order, and per indicator with a target for `horizon`:
    (pillar, comparison, target value, declared members)."""
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    pillars = [p["id"] for p in doc["pillar"]]
    targets = {}
    for ind in doc["indicator"]:
        spec = ind.get("targets", {}).get(str(horizon))
        if spec is None:
            continue
        m = CMP.match(spec)
        targets[ind["id"]] = (ind["pillar"], m.group(1), float(m.group(2)), list(ind.get("members", [])))
    return pillars, targets
