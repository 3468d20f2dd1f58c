#!/usr/bin/env python3
"""python-igraph side of the person-network benchmark (bench/compare).

Usage: python3 bench/igraph_persons.py EDGES.csv K [TIPGRAPH_VALUES.csv]

Reads the undirected person network (from,to with integer ids) and times
igraph's betweenness from the same K sources as bench/personbc (every
(n // K)-th node; igraph's C core, one thread: Graph.betweenness with
sources=, targets every node), printing the wall and CPU seconds. Given the
values bench/personbc -values wrote for the same sources, it checks them:
tipgraph sums over ordered pairs (as NetworkX before its final halving),
igraph over unordered ones, so tipgraph's value must be twice igraph's
within a relative 1e-9; it exits 1 otherwise.
"""
import csv
import sys
import time

import igraph as ig


def main():
    path, k = sys.argv[1], int(sys.argv[2])
    with open(path, newline="") as f:
        r = csv.reader(f)
        next(r)
        edges = [(int(a), int(b)) for a, b in r]
    n = max(max(e) for e in edges) + 1
    g = ig.Graph(n=n, edges=edges, directed=False)
    step = max(1, n // k)
    sources = list(range(0, n, step))[:k]
    t0, c0 = time.perf_counter(), time.process_time()
    bc = g.betweenness(directed=False, sources=sources)
    print(f"{time.perf_counter() - t0:.3f} {time.process_time() - c0:.3f}")
    if len(sys.argv) > 3:
        with open(sys.argv[3], newline="") as f:
            r = csv.reader(f)
            next(r)
            tg = {int(v): float(b) for v, b in r}
        worst = max(abs(tg.get(v, 0.0) / 2 - b) / max(1.0, abs(b)) for v, b in enumerate(bc))
        print(f"values: {len(bc)} nodes, largest relative difference from tipgraph/2 {worst:.2e}", file=sys.stderr)
        if worst > 1e-9 or len(tg) != len(bc):
            sys.exit(1)


if __name__ == "__main__":
    main()
