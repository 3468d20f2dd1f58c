#!/usr/bin/env python3
"""NetworkX reference values for the group-structure analysis (routes/groups).

How to run (from the repository root):

    python3 routes/groups/testdata/networkx_groups.py

Made with NetworkX 3.6.1. It (re)writes, deterministically:

  routes/groups/testdata/NAME.graphml   one group network per file: nodes carry
                                        role (and gender, nationality, country),
                                        edges kind; undirected
  routes/groups/testdata/networkx.json  per network: nodes (sorted), edges,
                                        betweenness (nx.betweenness_centrality(G,
                                        normalized=True)), articulation_points
                                        (sorted), bridges (sorted pairs)

The values are computed from the GraphML files as read back from disk
(nx.read_graphml), so they describe exactly what the Go tests read. It also
cross-checks NetworkX: articulation points against brute force (remove each
node, count components) and betweenness against a count over
nx.all_shortest_paths, and fails loudly on a difference.
"""
import itertools
import json
import os
import random

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
ROLES = ["recruiter", "transporter", "exploiter", "guardian", "document-forger", "financier", "organiser", "other"]
COUNTRIES = ["AZ", "GE", "KZ", "TR", "UZ"]


def relabel(G, prefix):
    """String node ids p00, p01, ... in the order of the original labels."""
    nodes = sorted(G.nodes(), key=lambda x: (str(type(x)), x))
    width = len(str(len(nodes)))
    return nx.relabel_nodes(G, {v: f"{prefix}{i:0{width}d}" for i, v in enumerate(nodes)})


def networks():
    nets = {}
    # A recruiter, a transporter and an exploiter (the seed's Romanian chain).
    nets["chain3"] = nx.path_graph(3)
    # An organiser with six members who do not know each other.
    nets["star7"] = nx.star_graph(6)
    # Two cells of four (cliques) joined by one tie: the bridge and its ends.
    g = nx.barbell_graph(4, 0)
    nets["two_cells"] = g
    # Three cells in a ring of cells plus a pendant forger and an isolated member.
    g = nx.Graph()
    for c in range(3):
        base = c * 5
        g.add_edges_from(itertools.combinations(range(base, base + 5), 2))
    g.add_edges_from([(0, 5), (6, 10), (11, 1), (3, 15), (15, 16)])
    g.add_node(17)
    nets["ring_of_cells"] = g
    # Zachary's karate club: a classic with known brokers.
    nets["karate"] = nx.karate_club_graph()
    # The Florentine families (Padgett): the Medici as brokers.
    nets["florentine"] = nx.florentine_families_graph()
    # A binary tree of depth 4: every inner node is a cut point, every edge a bridge.
    nets["tree31"] = nx.balanced_tree(2, 4)
    # A sparse random network with several components.
    nets["random60"] = nx.gnm_random_graph(60, 80, seed=7)
    # A denser random network (ties to shortest-path counts of many paths).
    nets["random40"] = nx.gnm_random_graph(40, 160, seed=2010)
    return nets


def write(name, G):
    G = relabel(nx.Graph(G), "p")
    rnd = random.Random(name)
    H = nx.Graph()
    H.graph["name"] = name
    for v in sorted(G.nodes()):
        H.add_node(v, role=rnd.choice(ROLES), gender=rnd.choice(["female", "male"]),
                   nationality=rnd.choice(COUNTRIES), country=rnd.choice(COUNTRIES))
    for u, v in sorted(tuple(sorted(e)) for e in G.edges()):
        H.add_edge(u, v, kind="associate")
    path = os.path.join(HERE, name + ".graphml")
    nx.write_graphml(H, path)
    return path


def brute_cut_points(G):
    base = nx.number_connected_components(G)
    out = []
    for v in G.nodes():
        H = G.copy()
        H.remove_node(v)
        if nx.number_connected_components(H) > base:
            out.append(v)
    return sorted(out)


def brute_betweenness(G):
    n = G.number_of_nodes()
    bc = {v: 0.0 for v in G}
    for s, t in itertools.permutations(G.nodes(), 2):
        if not nx.has_path(G, s, t):
            continue
        paths = list(nx.all_shortest_paths(G, s, t))
        for p in paths:
            for v in p[1:-1]:
                bc[v] += 1 / len(paths)
    scale = 1 / ((n - 1) * (n - 2)) if n > 2 else 1
    return {v: x * scale for v, x in bc.items()}


def main():
    ref = {"networkx_version": nx.__version__, "networks": {}}
    for name, G in networks().items():
        path = write(name, G)
        G = nx.read_graphml(path)
        bc = nx.betweenness_centrality(G, normalized=True)
        ap = sorted(nx.articulation_points(G))
        br = sorted(tuple(sorted(e)) for e in nx.bridges(G))
        assert ap == brute_cut_points(G), name
        bf = brute_betweenness(G)
        assert all(abs(bf[v] - bc[v]) < 1e-12 for v in G), name
        ref["networks"][name] = {
            "graphml": name + ".graphml",
            "num_nodes": G.number_of_nodes(),
            "num_edges": G.number_of_edges(),
            "nodes": sorted(G.nodes()),
            "betweenness": {v: bc[v] for v in sorted(G.nodes())},
            "articulation_points": ap,
            "bridges": [list(e) for e in br],
        }
        print(f"{name}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges, {len(ap)} cut points, {len(br)} bridges")
    with open(os.path.join(HERE, "networkx.json"), "w") as f:
        json.dump(ref, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
