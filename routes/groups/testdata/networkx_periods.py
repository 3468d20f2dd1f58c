#!/usr/bin/env python3
"""Brokers over time: NetworkX reference values for groups --by-period.

How to run (from the repository root):

    python3 routes/groups/testdata/networkx_periods.py

Made with NetworkX 3.6.1. It reads routes/groups/testdata/calls.csv (the
24-person network of calls dated 2008-2011, written by networkx_weighted.py)
and writes routes/groups/testdata/periods.json: per year, the pairs that
called that year, the weighted betweenness of every person and the persons
whose betweenness rose and fell most since the year before.

A year's graph has every person of the file (those without a call that year
are isolated) and one edge per pair that called that year, its weight the sum
of that year's calls in either direction, its length 1/weight; the value is
nx.betweenness_centrality(G, weight="dist", normalized=True), as tipgraph
reads an edge list (groups --years Y).
"""
import csv
import json
import os
from collections import defaultdict

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    people = set()
    calls = defaultdict(lambda: defaultdict(float))  # year -> pair -> weight
    with open(os.path.join(HERE, "calls.csv"), newline="") as f:
        for row in csv.DictReader(f):
            a, b = row["from"], row["to"]
            people.update((a, b))
            year = int(row["date"][:4])
            calls[year][tuple(sorted((a, b)))] += float(row["weight"])
    out = {"networkx_version": nx.__version__, "file": "calls.csv", "periods": []}
    before = None
    for year in sorted(calls):
        G = nx.Graph()
        G.add_nodes_from(sorted(people))
        for (a, b), w in sorted(calls[year].items()):
            G.add_edge(a, b, weight=w, dist=1.0 / w)
        bc = nx.betweenness_centrality(G, weight="dist", normalized=True)
        period = {"period": str(year), "ties": G.number_of_edges(),
                  "active": sum(1 for v in G if G.degree(v) > 0), "betweenness": bc}
        if before is not None:
            deltas = sorted((bc[v] - before[v], v) for v in sorted(people))
            # largest rise: the largest delta, ties by id; largest fall: the smallest
            rise = max((d, -ord_key(v), v) for d, v in deltas if d > 0) if any(d > 0 for d, _ in deltas) else None
            fall = min((d, v) for d, v in deltas if d < 0) if any(d < 0 for d, _ in deltas) else None
            period["rise"] = rise[2] if rise else None
            period["fall"] = fall[1] if fall else None
        out["periods"].append(period)
        before = bc
    with open(os.path.join(HERE, "periods.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


def ord_key(v):
    """Persons are p00..p23: their number, so that max prefers the lowest id."""
    return int(v[1:])


if __name__ == "__main__":
    main()
