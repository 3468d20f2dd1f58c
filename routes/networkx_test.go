package routes_test

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/internal/testgraphs"
)

// The NetworkX reference values under testdata/networkx come from
// testdata/networkx_reference.py (see testdata/README.md).

func TestBetweennessMatchesNetworkX(t *testing.T) {
	for _, name := range testgraphs.Names(t) {
		ref := testgraphs.Load(t, name)
		lg := testgraphs.LegGraph(t, name)
		for _, tc := range []struct {
			cost routes.Cost
			want map[string]float64
		}{{routes.ByHops, ref.Betweenness}, {routes.ByVictims, ref.BetweennessInverseVictims}} {
			t.Run(name+"/"+tc.cost.String(), func(t *testing.T) {
				if !slices.Equal(lg.Index.Codes, ref.Nodes) {
					t.Fatalf("nodes: got %v, want %v", lg.Index.Codes, ref.Nodes)
				}
				got, err := routes.Betweenness(context.Background(), lg.Index, tc.cost)
				if err != nil {
					t.Fatal(err)
				}
				for i, code := range lg.Index.Codes {
					if d := math.Abs(got[i] - tc.want[code]); d > 1e-9 {
						t.Errorf("%s: got %.15g, want %.15g (diff %g)", code, got[i], tc.want[code], d)
					}
				}
			})
		}
	}
}

func TestPageRankMatchesNetworkX(t *testing.T) {
	for _, name := range testgraphs.Names(t) {
		t.Run(name, func(t *testing.T) {
			ref := testgraphs.Load(t, name)
			lg := testgraphs.LegGraph(t, name)
			got, err := routes.PageRank(context.Background(), lg.Index)
			if err != nil {
				t.Fatal(err)
			}
			var sum float64
			for i, code := range lg.Index.Codes {
				sum += got[i]
				if d := math.Abs(got[i] - ref.PageRank[code]); d > 1e-8 { // docs/methods.md promises 1e-6
					t.Errorf("%s: got %.15g, want %.15g (diff %g)", code, got[i], ref.PageRank[code], d)
				}
			}
			if math.Abs(sum-1) > 1e-9 {
				t.Errorf("ranks sum to %v, want 1", sum)
			}
		})
	}
}

// TestKPathsMatchesNetworkX compares Yen's paths with
// nx.shortest_simple_paths: the cost sequence must be equal, and each group
// of equal-cost paths the same set (NetworkX orders ties by insertion, we
// by country codes). The last group may be cut at k in both, so it need
// only be a subset of NetworkX's full tie group.
func TestKPathsMatchesNetworkX(t *testing.T) {
	for _, name := range testgraphs.Names(t) {
		ref := testgraphs.Load(t, name)
		lg := testgraphs.LegGraph(t, name)
		for _, pc := range ref.Paths {
			for _, tc := range []struct {
				cost     routes.Cost
				costs    []float64
				paths    [][]string
				lastTies [][]string
			}{
				{routes.ByHops, intsToFloats(pc.Hops), pc.Paths, pc.LastHopGroup},
				{routes.ByVictims, pc.Costs, pc.WeightedPaths, pc.LastCostGroup},
			} {
				t.Run(name+"/"+pc.From+"-"+pc.To+"/"+tc.cost.String(), func(t *testing.T) {
					k := max(len(tc.costs), 1)
					got, err := routes.KPaths(context.Background(), lg.Index, pc.From, pc.To, k, tc.cost)
					if len(tc.costs) == 0 {
						if _, ok := err.(*routes.NoPathError); !ok {
							t.Fatalf("got %v, %v; want NoPathError", got, err)
						}
						return
					}
					if err != nil {
						t.Fatal(err)
					}
					if len(got) != len(tc.costs) {
						t.Fatalf("got %d paths, want %d", len(got), len(tc.costs))
					}
					for i, p := range got {
						if math.Abs(float64(p.Cost)-tc.costs[i]) > 1e-12*max(1, tc.costs[i]) {
							t.Errorf("path %d %v: cost %.17g, want %.17g", i, p.Nodes, p.Cost, tc.costs[i])
						}
						if p.Hops != len(p.Nodes)-1 {
							t.Errorf("path %d: hops %d for %v", i, p.Hops, p.Nodes)
						}
					}
					checkTieGroups(t, got, tc.paths, tc.lastTies)
				})
			}
		}
	}
}

func checkTieGroups(t *testing.T, got []routes.Path, want [][]string, lastTies [][]string) {
	t.Helper()
	key := func(p []string) string { return strings.Join(p, ">") }
	lastCost := got[len(got)-1].Cost
	gotSet, wantSet := map[string]bool{}, map[string]bool{}
	for i, p := range got {
		if p.Cost == lastCost {
			continue
		}
		gotSet[key(p.Nodes)] = true
		wantSet[key(want[i])] = true
	}
	for k := range gotSet {
		if !wantSet[k] {
			t.Errorf("path %s not among NetworkX's paths of the same costs", k)
		}
	}
	ties := map[string]bool{}
	for _, p := range lastTies {
		ties[key(p)] = true
	}
	for _, p := range got {
		if p.Cost == lastCost && !ties[key(p.Nodes)] {
			t.Errorf("path %s (cost %v) not in NetworkX's last tie group %v", key(p.Nodes), p.Cost, lastTies)
		}
	}
}

func intsToFloats(xs []int) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(x)
	}
	return out
}
