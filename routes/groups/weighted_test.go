package groups_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// weightedReference is testdata/weighted.json, written by
// testdata/networkx_weighted.py.
type weightedReference struct {
	Networks map[string]struct {
		Nodes                 []string           `json:"nodes"`
		Cells                 int                `json:"cells"`
		Pairs                 int                `json:"pairs"`
		Weights               [][3]any           `json:"weights"`
		Betweenness           map[string]float64 `json:"betweenness"`
		Unweighted            map[string]float64 `json:"unweighted_betweenness"`
		Fragmentation         float64            `json:"fragmentation"`
		DistanceFragmentation float64            `json:"distance_fragmentation"`
		Best                  []struct {
			K                     int      `json:"k"`
			Fragmentation         float64  `json:"fragmentation"`
			Removed               []string `json:"removed"`
			DistanceFragmentation float64  `json:"distance_fragmentation"`
			Components            int      `json:"components"`
			Largest               int      `json:"largest_component"`
		} `json:"best"`
	} `json:"networks"`
}

func loadWeightedReference(t *testing.T) weightedReference {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "weighted.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref weightedReference
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Networks) < 2 {
		t.Fatalf("%d reference networks, want 2", len(ref.Networks))
	}
	return ref
}

// TestWeightedNetworkX reads each matrix through ingest.Load and checks the
// pair weights, the weighted and unweighted brokers against NetworkX, the
// fragmentation, and that --disrupt k finds a set whose F is the
// exhaustive optimum, with its distance fragmentation and components.
func TestWeightedNetworkX(t *testing.T) {
	ref := loadWeightedReference(t)
	ctx := context.Background()
	for name, want := range ref.Networks {
		t.Run(name, func(t *testing.T) {
			ds, err := ingest.Load(ctx, filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Groups) != 1 || len(ds.Members) != len(want.Nodes) {
				t.Fatalf("%d groups, %d members; want 1 group of %d", len(ds.Groups), len(ds.Members), len(want.Nodes))
			}
			mg := groups.MemberGraphs(ds)[0]
			if got := mg.Edges(); got != want.Pairs {
				t.Errorf("%d pairs, want %d", got, want.Pairs)
			}
			for _, w := range want.Weights {
				u, _ := mg.ID(w[0].(string))
				v, _ := mg.ID(w[1].(string))
				i := slices.Index(mg.Adj[u], v)
				if i < 0 || mg.W[u][i] != w[2].(float64) {
					t.Errorf("pair %v-%v: weight %v, want %v", w[0], w[1], mg.W[u], w[2])
				}
			}
			bc, err := groups.WeightedBetweenness(ctx, mg.Adj, mg.W)
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range mg.Members {
				if w := want.Betweenness[p.ID]; math.Abs(bc[i]-w) > 1e-9 {
					t.Errorf("weighted betweenness of %s: got %.12f, want %.12f", p.ID, bc[i], w)
				}
			}
			for _, unweighted := range []bool{false, true} {
				res, err := groups.Query{Group: ds.Groups[0].ID, Unweighted: unweighted}.Run(ctx, ds)
				if err != nil {
					t.Fatal(err)
				}
				g := res.Groups[0]
				wantBC := want.Betweenness
				if unweighted {
					wantBC = want.Unweighted
				}
				if g.Weighted == unweighted {
					t.Errorf("unweighted=%v: report weighted=%v", unweighted, g.Weighted)
				}
				if len(g.Brokers) == 0 {
					t.Fatal("no brokers")
				}
				for _, b := range g.Brokers {
					if w := wantBC[b.Person]; math.Abs(b.Betweenness-w) > 1e-9 {
						t.Errorf("unweighted=%v: broker %s: got %.12f, want %.12f", unweighted, b.Person, b.Betweenness, w)
					}
				}
			}
			for _, best := range want.Best {
				res, err := groups.Query{Group: ds.Groups[0].ID, Disrupt: best.K}.Run(ctx, ds)
				if err != nil {
					t.Fatal(err)
				}
				d := res.Groups[0].Disruption
				if d == nil {
					t.Fatal("no disruption")
				}
				if math.Abs(d.Fragmentation-best.Fragmentation) > 1e-12 {
					t.Errorf("k=%d: F %.15f (%v), want the exhaustive optimum %.15f (%v)", best.K, d.Fragmentation, d.Removed, best.Fragmentation, best.Removed)
				}
				if math.Abs(d.FragmentationBefore-want.Fragmentation) > 1e-12 || math.Abs(d.DistanceFragmentationBefore-want.DistanceFragmentation) > 1e-12 {
					t.Errorf("k=%d: before F %g DF %g, want %g %g", best.K, d.FragmentationBefore, d.DistanceFragmentationBefore, want.Fragmentation, want.DistanceFragmentation)
				}
				if b := groups.DegreeBound(mg.Adj, best.K); b < best.Fragmentation-1e-12 {
					t.Errorf("k=%d: the greedy search's bound %g is below the optimum %g", best.K, b, best.Fragmentation)
				}
				if len(d.Removed) > best.K || d.Method == "" || d.Bound == nil || *d.Bound < d.Fragmentation {
					t.Errorf("k=%d: removed %v, method %q, bound %v", best.K, d.Removed, d.Method, d.Bound)
				}
				// The set NetworkX found gives the same F, DF and components
				// through --remove (when it removes anyone).
				if len(best.Removed) == 0 {
					continue
				}
				res, err = groups.Query{Group: ds.Groups[0].ID, Remove: best.Removed}.Run(ctx, ds)
				if err != nil {
					t.Fatal(err)
				}
				d = res.Groups[0].Disruption
				if math.Abs(d.Fragmentation-best.Fragmentation) > 1e-12 || math.Abs(d.DistanceFragmentation-best.DistanceFragmentation) > 1e-12 ||
					d.Components != best.Components || d.LargestComponent != best.Largest {
					t.Errorf("remove %v: F %g DF %g components %d largest %d; want %g %g %d %d", best.Removed,
						d.Fragmentation, d.DistanceFragmentation, d.Components, d.LargestComponent,
						best.Fragmentation, best.DistanceFragmentation, best.Components, best.Largest)
				}
			}
		})
	}
}

// TestKeyPlayersGreedy checks the greedy search (forced by a budget the
// exact search exceeds: a 300-node ring of cells) against what it
// promises: F at most the bound, every gain adding up to F, and on a
// graph whose optimum is known (a path: the removal of the nodes at a
// third and two thirds) the optimum.
func TestKeyPlayersGreedy(t *testing.T) {
	ctx := context.Background()
	path := func(n int) [][]int32 {
		adj := make([][]int32, n)
		for i := 1; i < n; i++ {
			adj[i-1] = append(adj[i-1], int32(i))
			adj[i] = append(adj[i], int32(i-1))
		}
		return adj
	}
	for _, tc := range []struct {
		name string
		n, k int
		want float64 // F of the best set
	}{
		// Removing 2 nodes of a 20-node path into parts of 6, 6 and 6: 18
		// left, 3·6·5 = 90 of 18·17 = 306 ordered pairs reach each other.
		{"path20 k2 exact", 20, 2, 1 - 90.0/306},
		// A 2,000-node path, k = 3: exact would need 1.3 billion subsets;
		// the best cut leaves parts of 499, 499, 499 and 500 of 1,997:
		// F = 1 - (3·499·498 + 500·499)/(1997·1996).
		{"path2000 k3 greedy", 2000, 3, 1 - (3*499*498.0+500*499)/(1997*1996)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kp, err := groups.KeyPlayers(ctx, path(tc.n), tc.k)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(kp.F-tc.want) > 1e-12 {
				t.Errorf("F %.12f (%v, %s), want %.12f", kp.F, kp.Removed, kp.Method, tc.want)
			}
			sum := 0.0
			for _, g := range kp.Gains {
				sum += g
			}
			if math.Abs(sum-kp.F) > 1e-12 || kp.Bound < kp.F || len(kp.Removed) != tc.k {
				t.Errorf("gains sum %g, F %g, bound %g, removed %v", sum, kp.F, kp.Bound, kp.Removed)
			}
			if exact := tc.n < 100; kp.Exact != exact {
				t.Errorf("exact %v (%s), want %v", kp.Exact, kp.Method, exact)
			}
		})
	}
}

// TestTiesDuring checks that --years keeps the dated ties within it: the
// calls of the edge list summed over all years are the matrix's weights,
// and a period keeps only its own calls.
func TestTiesDuring(t *testing.T) {
	ctx := context.Background()
	ds, err := ingest.Load(ctx, filepath.Join("testdata", "calls.csv"))
	if err != nil {
		t.Fatal(err)
	}
	mat, err := ingest.Load(ctx, filepath.Join("testdata", "cells24.csv"))
	if err != nil {
		t.Fatal(err)
	}
	all, m := groups.MemberGraphs(ds)[0], groups.MemberGraphs(mat)[0]
	if all.Edges() != m.Edges() {
		t.Fatalf("edge list: %d pairs, matrix %d", all.Edges(), m.Edges())
	}
	for v, p := range all.Members {
		if u, _ := m.ID(p.ID); all.Strength(int32(v)) != m.Strength(u) {
			t.Errorf("%s: strength %g, matrix %g", p.ID, all.Strength(int32(v)), m.Strength(u))
		}
	}
	want := 0.0
	for _, tie := range ds.Ties {
		if tie.Period == graph.Year(2009) {
			want += tie.Weight
		}
	}
	y := groups.MemberGraphsDuring(ds, graph.Year(2009))[0]
	got := 0.0
	for v := range y.Members {
		got += y.Strength(int32(v))
	}
	if got != 2*want || want == 0 {
		t.Errorf("2009: strength sum %g, want twice the calls of 2009 (%g)", got, want)
	}
}

// TestQueryYears: a Query's period keeps the dated ties within it, so the
// brokers of 2009 are the weighted betweenness of the 2009 calls only.
func TestQueryYears(t *testing.T) {
	ctx := context.Background()
	ds, err := ingest.Load(ctx, filepath.Join("testdata", "calls.csv"))
	if err != nil {
		t.Fatal(err)
	}
	y := graph.Year(2009)
	res, err := groups.Query{Group: "calls", Filter: graph.Filter{Period: y}}.Run(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	mg := groups.MemberGraphsDuring(ds, y)[0]
	bc, err := groups.WeightedBetweenness(ctx, mg.Adj, mg.W)
	if err != nil {
		t.Fatal(err)
	}
	g := res.Groups[0]
	if g.Ties != mg.Edges() || g.Ties >= groups.MemberGraphs(ds)[0].Edges() || len(g.Brokers) == 0 {
		t.Fatalf("2009: %d pairs (member graph of 2009: %d), %d brokers", g.Ties, mg.Edges(), len(g.Brokers))
	}
	for _, b := range g.Brokers {
		v, _ := mg.ID(b.Person)
		if b.Betweenness != bc[v] {
			t.Errorf("%s: %g, want %g", b.Person, b.Betweenness, bc[v])
		}
	}
}
