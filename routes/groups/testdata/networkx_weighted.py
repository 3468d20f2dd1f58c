#!/usr/bin/env python3
"""Weighted person networks and their NetworkX reference values (routes/groups).

How to run (from the repository root):

    python3 routes/groups/testdata/networkx_weighted.py

Made with NetworkX 3.6.1. It (re)writes, deterministically:

  routes/groups/testdata/wiretap110.csv   a 110-person adjacency matrix of call
                                          counts (205 non-zero cells, 1 to 337
                                          calls, row calls column; not symmetric:
                                          some pairs call both ways)
  routes/groups/testdata/cells24.csv      a 24-person symmetric matrix (three
                                          cells and their go-betweens)
  routes/groups/testdata/calls.csv        an edge list (from,to,weight,date) of
                                          the 24-person network over 2008-2011
  routes/groups/testdata/weighted.json    per network: nodes, undirected pair
                                          weights, weighted betweenness, the
                                          fragmentation before, and for k = 1, 2
                                          (and 3 on the small ones) the best F over
                                          every subset of at most k persons
                                          (exhaustive) with one optimal set, its
                                          distance-weighted fragmentation,
                                          components and largest component

Weighted betweenness: the matrix is read as tipgraph reads it: a pair's weight is
the sum of its two cells, the tie's length is 1/weight, and the value is
nx.betweenness_centrality(G, weight="dist", normalized=True) with dist = 1/weight
on the undirected graph. It is cross-checked against a count over
nx.all_shortest_paths(G, weight="dist") on the small network.

Fragmentation (Borgatti 2006) over the n remaining persons: F = 1 - the share of
the n(n-1) ordered pairs that can reach each other; distance-weighted: 1 - the
mean over those pairs of 1/d (hops; 0 when unreachable). Computed here from
nx.connected_components and nx.all_pairs_shortest_path_length, by brute force
over every subset.
"""
import csv
import itertools
import json
import os
import random

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))


def wiretap110():
    """A directed call-count matrix: 110 persons, 205 non-zero cells."""
    rnd = random.Random(1995)
    ids = [f"n{i:03d}" for i in range(1, 111)]
    # An undirected backbone: a random tree (preferential: a few hubs), then
    # extra pairs, then some pairs called both ways.
    pairs = set()
    for i in range(1, 110):
        j = rnd.choice(range(i)) if rnd.random() < 0.5 else rnd.choice(range(min(i, 8)))
        pairs.add((j, i))
    while len(pairs) < 160:
        a, b = sorted(rnd.sample(range(110), 2))
        pairs.add((a, b))
    cells = {}
    for a, b in sorted(pairs):
        if rnd.random() < 0.5:
            a, b = b, a
        cells[(a, b)] = None
    recip = rnd.sample(sorted(cells), 45)
    for a, b in recip:
        cells[(b, a)] = None
    assert len(cells) == 205, len(cells)
    keys = sorted(cells)
    for k in keys:
        cells[k] = max(1, min(337, int(rnd.paretovariate(0.9))))
    cells[keys[0]], cells[keys[1]] = 1, 337
    return ids, cells


def cells24():
    """A symmetric matrix: three cells of six, and six go-betweens."""
    rnd = random.Random(24)
    ids = [f"p{i:02d}" for i in range(24)]
    cells = {}

    def tie(a, b, w):
        cells[(a, b)] = w
        cells[(b, a)] = w

    for c in range(3):
        members = range(6 * c, 6 * c + 6)
        for a, b in itertools.combinations(members, 2):
            if rnd.random() < 0.6:
                tie(a, b, rnd.randint(1, 40))
        for a in members:  # keep each cell connected
            if a + 1 < 6 * c + 6 and (a, a + 1) not in cells:
                tie(a, a + 1, rnd.randint(1, 5))
    for g, (a, b) in zip(range(18, 24), [(0, 6), (7, 12), (13, 1), (2, 14), (3, 9), (20, 21)]):
        tie(g, a, rnd.randint(1, 30))
        tie(g, b, rnd.randint(1, 30))
    return ids, cells


def write_matrix(name, ids, cells):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([""] + ids)
        for i, a in enumerate(ids):
            w.writerow([a] + [cells.get((i, j), 0) for j in range(len(ids))])


def write_calls(ids, cells):
    """The symmetric cells24 network as calls over 2008-2011: each tie's
    weight is split over dated rows (the sum over all years is the weight)."""
    rnd = random.Random(2011)
    rows = []
    for (a, b), w in sorted(cells.items()):
        if a > b:
            continue
        left = w
        while left > 0:
            part = min(left, rnd.randint(1, 15))
            left -= part
            rows.append((ids[a], ids[b], part, f"{rnd.randint(2008, 2011)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"))
    with open(os.path.join(HERE, "calls.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["from", "to", "weight", "date"])
        w.writerows(rows)
    return rows


def undirected(ids, cells):
    """As tipgraph reads a matrix: symmetric, one tie per pair of the cell's
    weight; otherwise a pair's weight is the sum of its two cells."""
    symmetric = all(cells.get((b, a)) == w for (a, b), w in cells.items())
    G = nx.Graph()
    G.add_nodes_from(ids)
    for (a, b), w in cells.items():
        if a == b:
            continue
        u, v = ids[a], ids[b]
        if G.has_edge(u, v):
            if not symmetric:
                G[u][v]["weight"] += w
        else:
            G.add_edge(u, v, weight=w)
    for u, v, d in G.edges(data=True):
        d["dist"] = 1.0 / d["weight"]
    return G


def frag(G):
    n = G.number_of_nodes()
    if n < 2:
        return 1.0
    reach = sum(len(c) * (len(c) - 1) for c in nx.connected_components(G))
    return 1 - reach / (n * (n - 1))


def dist_frag(G):
    n = G.number_of_nodes()
    if n < 2:
        return 1.0
    s = 0.0
    for u, lengths in nx.all_pairs_shortest_path_length(G):
        s += sum(1.0 / d for v, d in lengths.items() if v != u)
    return 1 - s / (n * (n - 1))


def best_sets(G, k):
    """Exhaustive: the largest F over every subset of at most k nodes (an
    optimal set of fewest nodes, first in sorted order)."""
    nodes = sorted(G.nodes())
    best, best_set = frag(G), ()
    for j in range(1, k + 1):
        for s in itertools.combinations(nodes, j):
            H = G.copy()
            H.remove_nodes_from(s)
            f = frag(H)
            if f > best + 1e-15:
                best, best_set = f, s
    H = G.copy()
    H.remove_nodes_from(best_set)
    comps = list(nx.connected_components(H))
    return {"k": k, "fragmentation": best, "removed": list(best_set),
            "distance_fragmentation": dist_frag(H), "components": len(comps),
            "largest_component": max((len(c) for c in comps), default=0)}


def brute_betweenness(G):
    """Betweenness by counting over all weighted shortest paths."""
    nodes = sorted(G.nodes())
    bc = dict.fromkeys(nodes, 0.0)
    for s, t in itertools.permutations(nodes, 2):
        if not nx.has_path(G, s, t):
            continue
        paths = list(nx.all_shortest_paths(G, s, t, weight="dist"))
        for p in paths:
            for v in p[1:-1]:
                bc[v] += 1 / len(paths)
    n = len(nodes)
    return {v: b / ((n - 1) * (n - 2)) for v, b in bc.items()}


def main():
    out = {"networkx_version": nx.__version__, "networks": {}}
    nets = [("wiretap110.csv", *wiretap110(), 2), ("cells24.csv", *cells24(), 3)]
    for name, ids, cells, k in nets:
        write_matrix(name, ids, cells)
        G = undirected(ids, cells)
        bc = nx.betweenness_centrality(G, weight="dist", normalized=True)
        if name == "cells24.csv":
            brute = brute_betweenness(G)
            for v in bc:
                assert abs(bc[v] - brute[v]) < 1e-12, (v, bc[v], brute[v])
            write_calls(ids, cells)
        out["networks"][name] = {
            "nodes": sorted(G.nodes()),
            "cells": sum(1 for (a, b) in cells if a != b),
            "pairs": G.number_of_edges(),
            "weights": [[u, v, d["weight"]] for u, v, d in sorted((min(u, v), max(u, v), d) for u, v, d in G.edges(data=True))],
            "betweenness": bc,
            "unweighted_betweenness": nx.betweenness_centrality(G, normalized=True),
            "fragmentation": frag(G),
            "distance_fragmentation": dist_frag(G),
            "components": nx.number_connected_components(G),
            "best": [best_sets(G, j) for j in range(1, k + 1)],
        }
    with open(os.path.join(HERE, "weighted.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
