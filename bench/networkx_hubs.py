#!/usr/bin/env python3
"""What an analyst would otherwise run: read flows.csv with the csv module,
aggregate the legs origin -> via... -> destination, build a NetworkX DiGraph
and compute the hub metrics tipgraph's `hubs` computes (transit, inflow,
outflow, betweenness, PageRank).

Usage: python3 bench/networkx_hubs.py DATASET_DIR_OR_FLOWS_CSV [--betweenness-only]

Prints the top 3 countries by transit and the seconds taken on stderr, so
bench/compare can check that both tools agree.
"""
import csv
import os
import sys
import time
from collections import defaultdict

import networkx as nx


def main():
    path = sys.argv[1]
    if os.path.isdir(path):
        path = os.path.join(path, "flows.csv")
    only_bc = "--betweenness-only" in sys.argv
    t0 = time.perf_counter()
    legs = defaultdict(int)
    transit = defaultdict(int)
    with open(path, newline="", encoding="utf-8-sig") as f:
        r = csv.DictReader(f)
        for row in r:
            victims = int(row["victims"])
            via = [v for v in row["via"].split(">") if v] if row.get("via") else []
            path_ = [row["origin"], *via, row["destination"]]
            for a, b in zip(path_, path_[1:]):
                legs[(a, b)] += victims
            for v in via:
                transit[v] += victims
    g = nx.DiGraph()
    for (a, b), v in legs.items():
        g.add_edge(a, b, victims=v)
    t1 = time.perf_counter()
    bc = nx.betweenness_centrality(g, normalized=True)
    t2 = time.perf_counter()
    if not only_bc:
        pr = nx.pagerank(g, alpha=0.85, weight="victims", tol=1e-10, max_iter=10000)
        inflow = {n: sum(d["victims"] for _, _, d in g.in_edges(n, data=True)) for n in g}
        outflow = {n: sum(d["victims"] for _, _, d in g.out_edges(n, data=True)) for n in g}
    t3 = time.perf_counter()
    top = sorted(g.nodes, key=lambda n: (-transit.get(n, 0), n))[:3]
    print(" ".join(f"{n}:{transit.get(n, 0)}" for n in top))
    print(f"read+aggregate {t1 - t0:.2f} s, betweenness {t2 - t1:.2f} s, rest {t3 - t2:.2f} s, "
          f"{g.number_of_nodes()} nodes {g.number_of_edges()} legs", file=sys.stderr)


if __name__ == "__main__":
    main()
