package routes

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
)

// TestHopTreeIsDijkstras: on random leg graphs of 4 to 300 countries
// (rows of one to five words), sparse and dense, with random blocked
// countries (the source among them at times), the breadth-first tree by
// hops has the predecessors, reached nodes and distances of Dijkstra's.
func TestHopTreeIsDijkstras(t *testing.T) {
	trees, reached := 0, 0
	for _, tc := range []struct{ records, countries int }{
		{30, 4}, {200, 10}, {2000, 63}, {3000, 64}, {3000, 65}, {400, 130}, {20_000, 130}, {50_000, 300},
	} {
		ds := graphtest.Synthetic(tc.records, tc.countries, uint64(tc.records*1000+tc.countries))
		lg, err := graph.NewLegGraph(ds, graph.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		ix := lg.Index
		n := ix.N()
		r := newHopRows(ix)
		if r == nil {
			t.Fatalf("%d nodes: no rows", n)
		}
		h := r.newTree()
		ref := newSPT(ix, ByHops)
		prev, done, dist := make([]int32, n), make([]bool, n), make([]float64, n)
		rng := rand.New(rand.NewPCG(uint64(n), 7))
		for trial := range 3 * n {
			blocked := make([]bool, n)
			if trial%3 > 0 { // a third of the trees block nothing
				for i := range blocked {
					blocked[i] = rng.IntN(10) < trial%3*2
				}
			}
			s := int32(rng.IntN(n))
			ref.run(s, -1, blocked, nil)
			h.tree(s, blocked, prev, done, dist)
			if !slices.Equal(prev, ref.prev) || !slices.Equal(done, ref.done) || !slices.Equal(dist, ref.dist) {
				t.Fatalf("%d nodes, source %d: hop tree differs from Dijkstra's\nprev %v\nwant %v", n, s, prev, ref.prev)
			}
			trees++
			for _, d := range done {
				if d {
					reached++
				}
			}
		}
	}
	if reached <= trees { // the trees must reach beyond their sources
		t.Fatalf("%d trees reached only %d nodes", trees, reached)
	}
}

// TestEvaluatorTreesUseHops: a what-if plan's evaluators find their
// trees on the plan's shared rows by hops, and what Dijkstra gives; by
// victims they keep Dijkstra.
func TestEvaluatorTreesUseHops(t *testing.T) {
	lg, err := graph.NewLegGraph(graphtest.Synthetic(5000, 40, 3), graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	ix := lg.Index
	blocked := make([]bool, ix.N())
	blocked[1], blocked[5] = true, true
	for _, c := range []Cost{ByHops, ByVictims} {
		p := newPlan(lg, 0.5, c)
		sp, ref := p.evaluator().sp, newSPT(ix, c)
		if sp.hops != nil && sp.hops.hopRows != p.hops {
			t.Fatalf("%v: the evaluator has rows of its own", c)
		}
		sp.tree(0, blocked)
		ref.run(0, -1, blocked, nil)
		if (sp.hops != nil) != (c == ByHops) {
			t.Fatalf("%v: hop tree %v", c, sp.hops != nil)
		}
		if !slices.Equal(sp.prev, ref.prev) || !slices.Equal(sp.done, ref.done) {
			t.Fatalf("%v: tree differs", c)
		}
	}
}

// TestLevelsBetweennessIsQueues: Brandes by hops on rows of bits gives
// the betweenness of the queue and predecessor lists to the bit, on
// random leg graphs of 4 to 300 countries.
func TestLevelsBetweennessIsQueues(t *testing.T) {
	for _, tc := range []struct{ records, countries int }{
		{30, 4}, {200, 10}, {3000, 64}, {3000, 65}, {400, 130}, {20_000, 130}, {50_000, 300},
	} {
		lg, err := graph.NewLegGraph(graphtest.Synthetic(tc.records, tc.countries, uint64(tc.countries)), graph.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		ix := lg.Index
		rows, queue := newBrandes(ix, ByHops, newHopRows(ix)), newBrandes(ix, ByHops, nil)
		if rows.rows == nil || queue.rows != nil {
			t.Fatal("the workers do not take the paths asked")
		}
		for s := range ix.N() {
			rows.source(s)
			queue.source(s)
		}
		nonzero := 0
		for i := range rows.bc {
			if math.Float64bits(rows.bc[i]) != math.Float64bits(queue.bc[i]) {
				t.Fatalf("%d countries, %s: %v by rows, %v by queue", ix.N(), ix.Codes[i], rows.bc[i], queue.bc[i])
			}
			if rows.bc[i] != 0 {
				nonzero++
			}
		}
		if ix.N() > 10 && nonzero == 0 {
			t.Fatalf("%d countries: no betweenness at all", ix.N())
		}
	}
}
