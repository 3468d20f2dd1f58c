#!/usr/bin/env python3
"""Independent NetworkX reference values for the routes package.

How to run (from the repository root):

    python3 routes/testdata/networkx_reference.py

Generated with NetworkX 3.6.1 (Python 3.11.7, numpy 2.4.6, scipy 1.17.1).
Requires networkx, numpy and scipy (nx.pagerank uses scipy).

The script (re)writes, deterministically:

  routes/testdata/graphs/NAME.csv      header "from,to,victims", one directed
                                       edge per line, sorted by (from, to)
  routes/testdata/networkx/NAME.json   reference values (see README.md)

The random graphs are generated from fixed seeds with Python's own
random.Random, so re-running the script recreates byte-identical files.
The reference values are computed from the CSV files as read back from
disk, so they describe exactly what is in graphs/.

It also runs independent cross-checks (brute-force betweenness from
nx.all_shortest_paths, PageRank by a direct linear solve, Yen against
exhaustive enumeration of simple paths on the small graphs) and fails
loudly if NetworkX disagrees with them.
"""

import csv
import itertools
import json
import os
import random
import sys

import networkx as nx
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
GRAPH_DIR = os.path.join(HERE, "graphs")
OUT_DIR = os.path.join(HERE, "networkx")

K_PATHS = 8  # first up to K paths of nx.shortest_simple_paths per pair
ALPHA = 0.85
PR_TOL = 1e-13
PR_MAX_ITER = 10000


# ---------------------------------------------------------------------------
# Graph definitions
# ---------------------------------------------------------------------------


def code(i):
    """0 -> AA, 1 -> AB, ..., 26 -> BA, ..."""
    return chr(ord("A") + i // 26) + chr(ord("A") + i % 26)


def random_graph(seed, n, m, wmax, heavy_tail, n_dangling, n_sources, n_selfloops):
    """Seeded random directed graph with n nodes and exactly m edges.

    The last n_dangling nodes have no out-edges, the first n_sources nodes
    have no in-edges. Every node gets at least one edge (a CSV edge list
    cannot express isolated nodes). n_selfloops self-loops are added on
    non-dangling nodes (they count towards m).
    """
    rng = random.Random(seed)
    nodes = [code(i) for i in range(n)]
    dangling = set(nodes[n - n_dangling:]) if n_dangling else set()
    sources = set(nodes[:n_sources])
    edges = {}

    def weight():
        if heavy_tail:
            # Pareto-distributed, shape 0.6, capped at wmax: mostly small
            # (median ~3), occasionally huge (a few edges hit the cap).
            return max(1, min(wmax, int(rng.paretovariate(0.6))))
        return rng.randint(1, wmax)

    def ok(u, v):
        return u != v and u not in dangling and v not in sources and (u, v) not in edges

    # A random Hamiltonian-ish backbone so that the graph is mostly connected
    # and every node has an edge.
    order = nodes[:]
    rng.shuffle(order)
    for u, v in zip(order, order[1:]):
        if ok(u, v):
            edges[(u, v)] = weight()
    for v in nodes:  # make sure every node touches an edge
        if not any(v in e for e in edges):
            while True:
                u = rng.choice(nodes)
                if ok(u, v):
                    edges[(u, v)] = weight()
                    break
                if ok(v, u):
                    edges[(v, u)] = weight()
                    break
    candidates = [u for u in nodes if u not in dangling]
    for u in rng.sample(candidates, n_selfloops):
        edges[(u, u)] = weight()
    while len(edges) < m:
        u = rng.choice(nodes)
        v = rng.choice(nodes)
        if ok(u, v):
            edges[(u, v)] = weight()
    assert len(edges) == m
    return [(u, v, w) for (u, v), w in edges.items()]


def graphs():
    g = {}

    # NG -> LY -> IT -> FR, hand-checkable.
    g["chain"] = [("NG", "LY", 40), ("LY", "IT", 30), ("IT", "FR", 10)]

    # Two parallel two-hop routes NG->IT with different victim counts, a
    # one-hop shortcut NG->IT with few victims, and an onward leg IT->FR.
    # Hop-count shortest NG->IT is the shortcut; 1/victims shortest is
    # NG->ML->IT (0.01 + 0.01 = 0.02 < 0.2 < 1.0).
    g["diamond"] = [
        ("NG", "NE", 10), ("NE", "IT", 10),
        ("NG", "ML", 100), ("ML", "IT", 100),
        ("NG", "IT", 1),
        ("IT", "FR", 50),
    ]

    # Hub LY with 4 feeders and 3 destinations. IT, MT, GR are dangling.
    g["star_dangling"] = [
        ("NG", "LY", 120), ("NE", "LY", 40), ("ER", "LY", 300), ("SD", "LY", 75),
        ("LY", "IT", 400), ("LY", "MT", 30), ("LY", "GR", 25),
        ("NG", "NE", 60), ("SD", "ER", 10),
    ]

    # Domestic trafficking TH->TH (self-loop on a node that also has other
    # out-edges) and VN->VN (a node whose ONLY out-edge is a self-loop: it
    # is NOT dangling for PageRank, it is a rank sink). SG is dangling.
    g["selfloop"] = [
        ("TH", "TH", 500), ("MM", "TH", 200), ("KH", "TH", 80),
        ("TH", "MY", 150), ("MY", "SG", 20), ("LA", "TH", 60), ("TH", "LA", 5),
        ("KH", "VN", 30), ("VN", "VN", 40),
    ]

    # Two weakly connected components.
    g["disconnected"] = [
        ("NG", "LY", 50), ("LY", "IT", 45), ("LY", "MT", 5),
        ("HN", "GT", 20), ("GT", "MX", 70), ("HN", "MX", 15), ("MX", "US", 90),
    ]

    # Many equal-length paths, all victims equal (so 1/victims costs tie
    # exactly, too): NG -> {BJ,TG,GH} -> {ES,IT,FR} -> DE (9 paths of 3 hops,
    # more than K_PATHS=8, so the 8-path cut falls inside a tie group), plus
    # in-layer edges BJ->TG, TG->GH, ES->IT, IT->FR giving 4-hop paths, a
    # closing cycle DE->NG, and a two-way ring DE<->NL<->BE<->DE.
    layer1 = ["BJ", "TG", "GH"]
    layer2 = ["ES", "IT", "FR"]
    e = [("NG", a, 10) for a in layer1]
    e += [(a, b, 10) for a in layer1 for b in layer2]
    e += [(b, "DE", 10) for b in layer2]
    e += [("BJ", "TG", 10), ("TG", "GH", 10), ("ES", "IT", 10), ("IT", "FR", 10)]
    e += [("DE", "NG", 10)]
    ring = ["DE", "NL", "BE"]
    for a, b in zip(ring, ring[1:] + ring[:1]):
        e += [(a, b, 10), (b, a, 10)]
    g["cycle_ties"] = e

    # Several strongly connected components: a 3-cycle BR->SR->GF->BR, two
    # 2-cycles of equal size (LA<->TH, with a self-loop TH->TH inside, and
    # NE<->NG), a one-way bridge NE->BR between two of them (they stay
    # apart), a domestic leg RO->RO that alone is no cycle, and nodes on no
    # cycle (MM, RO, IT, FR).
    g["components"] = [
        ("NG", "NE", 30), ("NE", "NG", 5),
        ("BR", "SR", 40), ("SR", "GF", 20), ("GF", "BR", 3),
        ("LA", "TH", 60), ("TH", "LA", 5), ("TH", "TH", 50),
        ("NE", "BR", 10), ("MM", "TH", 200),
        ("RO", "RO", 4), ("RO", "IT", 12), ("GF", "FR", 7),
    ]

    g["random30"] = random_graph(
        seed=20240530, n=30, m=120, wmax=500, heavy_tail=False,
        n_dangling=2, n_sources=1, n_selfloops=0)
    g["random80"] = random_graph(
        seed=8080, n=80, m=400, wmax=5000, heavy_tail=True,
        n_dangling=4, n_sources=2, n_selfloops=3)

    # The leg graph of the built-in dataset toc2010 (all records). This file
    # is written by the Go side (go test ./routes -run TestToc2010Legs
    # -update), not by this script; it is read back as it is.
    toc = os.path.join(GRAPH_DIR, "toc2010.csv")
    if os.path.exists(toc):
        g["toc2010"] = [(u, v, w) for u, v, w in read_edges(toc)]
    return g


def read_edges(path):
    with open(path, newline="") as f:
        r = csv.reader(f)
        assert next(r) == ["from", "to", "victims"]
        return [(u, v, int(w)) for u, v, w in r]


def path_pairs(name, G, rng):
    """(source, target) pairs for which k-shortest paths are recorded."""
    fixed = {
        "chain": [("NG", "FR"), ("NG", "IT"), ("LY", "FR"), ("FR", "NG"), ("IT", "LY")],
        "diamond": [("NG", "IT"), ("NG", "FR"), ("NE", "FR"), ("FR", "NG"), ("ML", "NE")],
        "star_dangling": [("NG", "IT"), ("SD", "GR"), ("NG", "LY"), ("IT", "NG"),
                          ("ER", "SD"), ("NE", "MT")],
        "selfloop": [("MM", "SG"), ("LA", "SG"), ("TH", "LA"), ("KH", "VN"),
                     ("VN", "TH"), ("SG", "TH")],
        "disconnected": [("NG", "IT"), ("HN", "US"), ("NG", "US"), ("HN", "IT"),
                         ("US", "HN")],
        "cycle_ties": [("NG", "DE"), ("BJ", "DE"), ("NG", "NL"), ("DE", "FR"),
                       ("NL", "BE"), ("ES", "TG")],
        "components": [("NG", "FR"), ("MM", "LA"), ("BR", "NG"), ("RO", "FR"),
                       ("SR", "BR"), ("NE", "GF")],
        "toc2010": [("NG", "IT"), ("BR", "NL"), ("BR", "FR"), ("CN", "IT"), ("UZ", "TR"),
                    ("MD", "IT"), ("IT", "NG"), ("RU", "ES")],
    }
    if name in fixed:
        return fixed[name]
    nodes = sorted(G)
    dangling = [v for v in nodes if G.out_degree(v) == 0]
    sources = [v for v in nodes if G.in_degree(v) == 0]
    pairs = []
    # no-path pairs: out of a dangling node, into a source-only node
    pairs.append((dangling[0], nodes[len(nodes) // 2]))
    pairs.append((nodes[len(nodes) // 2], sources[0]))
    # reachable pairs: a source to a dangling node (long routes, many paths)
    pairs.append((sources[0], dangling[-1]))
    # node with the most simple 2-hop routes to someone: many ties
    best = None
    for s in nodes:
        counts = {}
        for m in G.successors(s):
            if m == s:
                continue
            for t in G.successors(m):
                if t not in (s, m) and not G.has_edge(s, t):
                    counts[t] = counts.get(t, 0) + 1
        for t, c in counts.items():
            if best is None or c > best[0]:
                best = (c, s, t)
    pairs.append((best[1], best[2]))
    while len(pairs) < 8:
        s, t = rng.sample(nodes, 2)
        if (s, t) not in pairs and nx.has_path(G, s, t):
            pairs.append((s, t))
    return pairs


# ---------------------------------------------------------------------------
# I/O
# ---------------------------------------------------------------------------


def write_csv(path, edges):
    seen = set()
    for u, v, w in edges:
        assert len(u) == 2 and u.isupper() and len(v) == 2 and v.isupper(), (u, v)
        assert isinstance(w, int) and w > 0, (u, v, w)
        assert (u, v) not in seen, ("duplicate edge", u, v)
        seen.add((u, v))
    with open(path, "w", newline="") as f:
        f.write("from,to,victims\n")
        for u, v, w in sorted(edges):
            f.write(f"{u},{v},{w}\n")


def read_csv(path):
    G = nx.DiGraph()
    with open(path, newline="") as f:
        r = csv.reader(f)
        assert next(r) == ["from", "to", "victims"]
        for u, v, w in r:
            w = int(w)
            assert not G.has_edge(u, v)
            G.add_edge(u, v, victims=w, length=1.0 / w)
    return G


# ---------------------------------------------------------------------------
# Independent cross-checks
# ---------------------------------------------------------------------------


def brute_betweenness(G, weight):
    n = len(G)
    bc = dict.fromkeys(G, 0.0)
    for s in G:
        for t in G:
            if s == t or not nx.has_path(G, s, t):
                continue
            paths = list(nx.all_shortest_paths(G, s, t, weight=weight))
            for p in paths:
                for v in p[1:-1]:
                    bc[v] += 1.0 / len(paths)
    if n > 2:
        for v in bc:
            bc[v] /= (n - 1) * (n - 2)
    return bc


def linear_pagerank(G):
    """Solve x = alpha x P + (alpha x_dangling + 1 - alpha)/n directly."""
    nodes = list(G)
    idx = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    P = np.zeros((n, n))
    for u, v, d in G.edges(data=True):
        P[idx[u], idx[v]] += d["victims"]
    rows = P.sum(axis=1)
    dang = rows == 0
    P[~dang] /= rows[~dang][:, None]
    P[dang] = 1.0 / n
    M = ALPHA * P + (1 - ALPHA) / n  # row-stochastic Google matrix
    # x M = x, sum x = 1  ->  (M^T - I) x = 0 with normalisation row
    A = M.T - np.eye(n)
    A[-1, :] = 1.0
    b = np.zeros(n)
    b[-1] = 1.0
    x = np.linalg.solve(A, b)
    return {v: float(x[idx[v]]) for v in nodes}


def components(G):
    """nx.strongly_connected_components, each sorted, largest first, ties
    by first node; checked against Kosaraju's algorithm and against mutual
    reachability (descendants and ancestors of every node)."""
    def canon(cs):
        return sorted((sorted(c) for c in cs), key=lambda c: (-len(c), c[0]))
    got = canon(nx.strongly_connected_components(G))
    assert got == canon(nx.kosaraju_strongly_connected_components(G)), "kosaraju"
    brute = {frozenset(({v} | nx.descendants(G, v)) & ({v} | nx.ancestors(G, v))) for v in G}
    assert got == canon(brute), "mutual reachability"
    return got


def path_cost(G, p, attr):
    """Cost summed left to right along the path (source first)."""
    c = 0.0
    for u, v in zip(p, p[1:]):
        c += G[u][v][attr]
    return c


def k_paths(G, s, t, weight):
    try:
        return list(itertools.islice(nx.shortest_simple_paths(G, s, t, weight=weight), K_PATHS + 1))
    except nx.NetworkXNoPath:
        return []


def last_groups(G, s, t, hop_paths, w_paths):
    """All simple s-t paths tied with the last reported path.

    NetworkX's order inside a tie group is an implementation detail (heap
    insertion order), and when more than K_PATHS paths exist the K-path cut
    can fall inside a tie group. These lists (sorted lexicographically)
    contain EVERY simple path with the same hop count / cost as the last
    reported path, so a test can check its own last group is a subset.
    """
    if not hop_paths:
        return [], []
    h = len(hop_paths[min(K_PATHS, len(hop_paths)) - 1]) - 1
    hop_group = sorted(p for p in nx.all_simple_paths(G, s, t, cutoff=h) if len(p) - 1 == h)
    c = path_cost(G, w_paths[min(K_PATHS, len(w_paths)) - 1], "length")
    cost_group = []
    for p in nx.shortest_simple_paths(G, s, t, weight="length"):
        pc = path_cost(G, p, "length")
        if pc > c * (1 + 1e-12):
            break
        if abs(pc - c) <= 1e-12 * c:
            cost_group.append(p)
    return hop_group, sorted(cost_group)


def dijkstra_near_ties(G):
    """Count (source, edge) pairs where dist[u]+w and dist[v] differ by less
    than 1e-12 relative but are not bit-identical: places where an epsilon
    comparison would count a shortest path that NetworkX (exact ==) does not.
    """
    near = 0
    for s in G:
        dist = nx.single_source_dijkstra_path_length(G, s, weight="length")
        for u, v, w in G.edges(data="length"):
            if u in dist and v in dist and u != v:
                a, b = dist[u] + w, dist[v]
                if a != b and abs(a - b) <= 1e-12 * b:
                    near += 1
    return near


def check_paths(G, s, t, paths, costs):
    assert len({tuple(p) for p in paths}) == len(paths), "duplicate path"
    for p in paths:
        assert p[0] == s and p[-1] == t
        assert len(set(p)) == len(p), "not simple"
        for u, v in zip(p, p[1:]):
            assert G.has_edge(u, v)
    for a, b in zip(costs, costs[1:]):
        assert a <= b * (1 + 1e-12), ("costs not non-decreasing", s, t, costs)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def main():
    os.makedirs(GRAPH_DIR, exist_ok=True)
    os.makedirs(OUT_DIR, exist_ok=True)
    notes = []
    for name, edges in graphs().items():
        csv_path = os.path.join(GRAPH_DIR, name + ".csv")
        write_csv(csv_path, edges)
        G = read_csv(csv_path)
        nodes = sorted(G)

        bc = nx.betweenness_centrality(G, normalized=True)
        bcw = nx.betweenness_centrality(G, normalized=True, weight="length")
        pr = nx.pagerank(G, alpha=ALPHA, weight="victims", tol=PR_TOL, max_iter=PR_MAX_ITER)

        # --- cross-checks -------------------------------------------------
        for got, want in ((bc, brute_betweenness(G, None)),
                          (bcw, brute_betweenness(G, "length"))):
            for v in G:
                assert abs(got[v] - want[v]) <= 1e-12, (name, v, got[v], want[v])
        lin = linear_pagerank(G)
        pr_err = max(abs(pr[v] - lin[v]) for v in G)
        assert pr_err < 1e-11, (name, pr_err)
        assert abs(sum(pr.values()) - 1.0) < 1e-12, (name, sum(pr.values()))

        rng = random.Random("pairs-" + name)
        path_records = []
        for s, t in path_pairs(name, G, rng):
            hop_paths = k_paths(G, s, t, None)
            w_paths = k_paths(G, s, t, "length")
            hops = [len(p) - 1 for p in hop_paths]
            costs = [path_cost(G, p, "length") for p in w_paths]
            check_paths(G, s, t, hop_paths, hops)
            check_paths(G, s, t, w_paths, costs)
            if len(G) <= 12 and s != t:
                # exhaustive check of the cost sequence
                allp = list(nx.all_simple_paths(G, s, t))
                ah = sorted(len(p) - 1 for p in allp)
                ac = sorted(path_cost(G, p, "length") for p in allp)
                assert ah[:K_PATHS + 1] == hops, (name, s, t, ah, hops)
                assert all(abs(a - b) <= 1e-12 for a, b in zip(ac[:K_PATHS + 1], costs)), (name, s, t)
                assert len(ac[:K_PATHS + 1]) == len(costs)
            hop_group, cost_group = last_groups(G, s, t, hop_paths, w_paths)
            for a, b in zip(costs, costs[1:]):
                if a != b and abs(a - b) <= 1e-12 * b:
                    notes.append(f"{name} {s}->{t}: near-tie costs {a!r} vs {b!r}")
            rec = {
                "from": s,
                "to": t,
                "hops": hops[:K_PATHS],
                "paths": hop_paths[:K_PATHS],
                # hop count / cost of path K+1, or null if there are at most
                # K paths: tells whether the last tie group is truncated.
                "next_hops": hops[K_PATHS] if len(hops) > K_PATHS else None,
                "costs": costs[:K_PATHS],
                "weighted_paths": w_paths[:K_PATHS],
                "next_cost": costs[K_PATHS] if len(costs) > K_PATHS else None,
                "last_hop_group": hop_group,
                "last_cost_group": cost_group,
            }
            path_records.append(rec)
            if len(hops) > K_PATHS and hops[K_PATHS] == hops[K_PATHS - 1]:
                notes.append(f"{name} {s}->{t}: hop tie group cut at path {K_PATHS}")
            if len(costs) > K_PATHS and costs[K_PATHS] == costs[K_PATHS - 1]:
                notes.append(f"{name} {s}->{t}: cost tie group cut at path {K_PATHS}")

        out = {
            "networkx_version": nx.__version__,
            "graph": name,
            "csv": f"graphs/{name}.csv",
            "num_nodes": G.number_of_nodes(),
            "num_edges": G.number_of_edges(),
            "nodes": nodes,
            "betweenness": {v: bc[v] for v in nodes},
            "betweenness_inverse_victims": {v: bcw[v] for v in nodes},
            "pagerank": {v: pr[v] for v in nodes},
            "strongly_connected_components": components(G),
            "paths": path_records,
        }
        with open(os.path.join(OUT_DIR, name + ".json"), "w") as f:
            json.dump(out, f, indent=1)
            f.write("\n")
        nt = dijkstra_near_ties(G)
        if nt:
            notes.append(f"{name}: {nt} near-tie (source, edge) pairs in weighted Dijkstra")
        print(f"{name:14s} n={G.number_of_nodes():3d} m={G.number_of_edges():4d} "
              f"selfloops={nx.number_of_selfloops(G)} "
              f"dangling={sum(1 for v in G if G.out_degree(v) == 0)} "
              f"pagerank-vs-linear-solve max|diff|={pr_err:.1e}")
    for n in notes:
        print("note:", n)


if __name__ == "__main__":
    sys.exit(main())
