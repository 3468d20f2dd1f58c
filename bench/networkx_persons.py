#!/usr/bin/env python3
"""NetworkX side of the person-network benchmark (bench/compare).

Usage: python3 bench/networkx_persons.py EDGES.csv K

Reads the undirected person network (from,to with integer ids), then runs
the per-source work of nx.betweenness_centrality (the same functions it
calls: a BFS, then the dependency accumulation) from the same K sources as
bench/personbc uses (every (n // K)-th node), and prints the seconds that
took. A full NetworkX run repeats this for every node.
"""
import csv
import sys
import time

import networkx as nx
from networkx.algorithms.centrality.betweenness import (
    _accumulate_basic,
    _single_source_shortest_path_basic,
)


def main():
    path, k = sys.argv[1], int(sys.argv[2])
    g = nx.Graph()
    with open(path, newline="") as f:
        r = csv.reader(f)
        next(r)
        g.add_edges_from((int(a), int(b)) for a, b in r)
    n = g.number_of_nodes()
    step = max(1, n // k)
    sources = list(range(0, n, step))[:k]
    bc = dict.fromkeys(g, 0.0)
    t0, c0 = time.perf_counter(), time.process_time()
    for s in sources:
        S, P, sigma, _ = _single_source_shortest_path_basic(g, s)
        bc, _ = _accumulate_basic(bc, S, P, sigma, s)
    print(f"{time.perf_counter() - t0:.3f} {time.process_time() - c0:.3f}")


if __name__ == "__main__":
    main()
