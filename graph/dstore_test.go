package graph_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	dgraph "github.com/dominikbraun/graph"

	"github.com/tipgraph/tipgraph/graph"
)

// copyGraph builds the leg graph in the library's own memory store, edge
// by edge: the reference the store over the index must agree with.
func copyGraph(t *testing.T, lg *graph.LegGraph) dgraph.Graph[string, string] {
	t.Helper()
	g := dgraph.New(dgraph.StringHash, dgraph.Directed(), dgraph.Weighted())
	for _, c := range lg.Index.Codes {
		if err := g.AddVertex(c); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range lg.Index.Legs {
		if err := g.AddEdge(l.From, l.To, dgraph.EdgeWeight(l.Victims), dgraph.EdgeData(l)); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

// randomDataset has n countries and records of one to three legs, with
// domestic records and repeated legs.
func randomDataset(seed uint64, n, records int) *graph.Dataset {
	rng := rand.New(rand.NewPCG(seed, 1))
	code := func() string { i := rng.IntN(n); return string(rune('A'+i/26)) + string(rune('A'+i%26)) }
	ds := &graph.Dataset{Name: "random"}
	for i := range records {
		f := graph.Flow{ID: fmt.Sprint(i), Origin: code(), Destination: code(), Victims: 1 + rng.IntN(100), Period: graph.Year(2006)}
		for range rng.IntN(3) {
			f.Via = append(f.Via, code())
		}
		ds.Flows = append(ds.Flows, f)
	}
	return ds
}

func TestGraphStoreMatchesCopy(t *testing.T) {
	for name, ds := range map[string]*graph.Dataset{"fixture": fixture(), "random": randomDataset(7, 60, 400)} {
		t.Run(name, func(t *testing.T) {
			lg, err := graph.NewLegGraph(ds, graph.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			got, want := lg.Graph(), copyGraph(t, lg)
			if tr := got.Traits(); !tr.IsDirected || !tr.IsWeighted {
				t.Errorf("traits %+v, want directed and weighted", tr)
			}
			for _, f := range []func(dgraph.Graph[string, string]) (int, error){
				dgraph.Graph[string, string].Order, dgraph.Graph[string, string].Size,
			} {
				g, err1 := f(got)
				w, err2 := f(want)
				if g != w || err1 != nil || err2 != nil {
					t.Errorf("order/size: got %d (%v), want %d (%v)", g, err1, w, err2)
				}
			}
			for _, m := range []func(dgraph.Graph[string, string]) (map[string]map[string]dgraph.Edge[string], error){
				dgraph.Graph[string, string].AdjacencyMap, dgraph.Graph[string, string].PredecessorMap,
			} {
				gm, err1 := m(got)
				wm, err2 := m(want)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				if len(gm) != len(wm) {
					t.Errorf("%d vertices in the map, want %d", len(gm), len(wm))
				}
				for u, ws := range wm {
					if len(gm[u]) != len(ws) {
						t.Errorf("%s: %d neighbours, want %d", u, len(gm[u]), len(ws))
					}
					for v, we := range ws {
						ge := gm[u][v]
						if ge.Source != we.Source || ge.Target != we.Target || ge.Properties.Weight != we.Properties.Weight || ge.Properties.Data != we.Properties.Data {
							t.Errorf("%s-%s: got %+v, want %+v", u, v, ge, we)
						}
					}
				}
			}
			gs, err1 := dgraph.StronglyConnectedComponents(got)
			ws, err2 := dgraph.StronglyConnectedComponents(want)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if g, w := canonical(gs), canonical(ws); !slices.EqualFunc(g, w, slices.Equal) {
				t.Errorf("SCC: got %v, want %v", g, w)
			}
		})
	}
}

// canonical sorts each component and the list of components.
func canonical(cs [][]string) [][]string {
	out := make([][]string, len(cs))
	for i, c := range cs {
		out[i] = slices.Sorted(slices.Values(c))
	}
	slices.SortFunc(out, slices.Compare)
	return out
}

func TestGraphStoreLookups(t *testing.T) {
	lg, err := graph.NewLegGraph(fixture(), graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	g := lg.Graph()
	if v, err := g.Vertex("NG"); v != "NG" || err != nil {
		t.Errorf("Vertex(NG) = %q, %v", v, err)
	}
	if _, err := g.Vertex("XX"); !errors.Is(err, dgraph.ErrVertexNotFound) {
		t.Errorf("Vertex(XX): %v, want ErrVertexNotFound", err)
	}
	for _, no := range [][2]string{{"IT", "NG"}, {"NG", "NL"}, {"NG", "XX"}, {"XX", "NG"}} {
		if _, err := g.Edge(no[0], no[1]); !errors.Is(err, dgraph.ErrEdgeNotFound) {
			t.Errorf("Edge(%s, %s): %v, want ErrEdgeNotFound", no[0], no[1], err)
		}
	}
	e, err := g.Edge("RO", "RO")
	if err != nil || e.Source != "RO" || e.Target != "RO" || e.Properties.Weight != 4 {
		t.Errorf("Edge(RO, RO) = %+v, %v; want the domestic leg of 4 victims", e, err)
	}
	edges, err := g.Edges()
	if err != nil || len(edges) != len(lg.Index.Legs) {
		t.Fatalf("Edges: %d, %v; want %d", len(edges), err, len(lg.Index.Legs))
	}
	for i, e := range edges {
		if l := lg.Index.Legs[i]; e.Properties.Data != l {
			t.Errorf("edge %d: data %v, want leg %s->%s", i, e.Properties.Data, l.From, l.To)
		}
	}
}

func TestGraphStoreIsReadOnly(t *testing.T) {
	lg, err := graph.NewLegGraph(fixture(), graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	g := lg.Graph()
	for name, err := range map[string]error{
		"add vertex":    g.AddVertex("FR"),
		"remove vertex": g.RemoveVertex("RO"),
		"add edge":      g.AddEdge("IT", "NG"),
		"update edge":   g.UpdateEdge("NG", "IT", dgraph.EdgeWeight(1), dgraph.EdgeAttribute("k", "v")),
		"remove edge":   g.RemoveEdge("NG", "IT"),
	} {
		if !errors.Is(err, graph.ErrReadOnly) {
			t.Errorf("%s: %v, want ErrReadOnly", name, err)
		}
	}
	if l := lg.Leg("NG", "IT"); l == nil || l.Victims != 12 {
		t.Errorf("leg NG->IT changed: %+v", l)
	}
	// Clone is the way to a graph that can change.
	c, err := g.Clone()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddEdge("IT", "NG", dgraph.EdgeWeight(3)); err != nil {
		t.Errorf("clone: add edge: %v", err)
	}
	if n, _ := g.Size(); n != len(lg.Index.Legs) {
		t.Errorf("the leg graph has %d edges after a clone changed, want %d", n, len(lg.Index.Legs))
	}
}

func TestGraphStoreInduced(t *testing.T) {
	lg, err := graph.NewLegGraph(randomDataset(3, 30, 150), graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	ix := lg.Index
	keep := make([]bool, ix.N())
	var kept []string
	for i, c := range ix.Codes {
		if keep[i] = i%3 != 0; keep[i] {
			kept = append(kept, c)
		}
	}
	// The reference: the library's own graph of the kept countries and
	// the legs between them.
	want := dgraph.New(dgraph.StringHash, dgraph.Directed(), dgraph.Weighted())
	for _, c := range kept {
		_ = want.AddVertex(c)
	}
	for _, l := range ix.Legs {
		if slices.Contains(kept, l.From) && slices.Contains(kept, l.To) {
			_ = want.AddEdge(l.From, l.To, dgraph.EdgeWeight(l.Victims), dgraph.EdgeData(l))
		}
	}
	got := ix.Induced(keep)
	if g, _ := got.Order(); g != len(kept) {
		t.Errorf("order %d, want %d", g, len(kept))
	}
	gm, _ := got.AdjacencyMap()
	wm, _ := want.AdjacencyMap()
	if len(gm) != len(wm) {
		t.Errorf("%d vertices, want %d", len(gm), len(wm))
	}
	for u, ws := range wm {
		if len(gm[u]) != len(ws) {
			t.Errorf("%s: %d neighbours, want %d", u, len(gm[u]), len(ws))
		}
		for v, we := range ws {
			if ge := gm[u][v]; ge.Properties.Data != we.Properties.Data || ge.Properties.Weight != we.Properties.Weight {
				t.Errorf("%s-%s: got %+v, want %+v", u, v, ge, we)
			}
		}
	}
	out := ix.Codes[0] // keep[0] is false
	if _, err := got.Vertex(out); !errors.Is(err, dgraph.ErrVertexNotFound) {
		t.Errorf("Vertex(%s) of a dropped country: %v", out, err)
	}
	for _, a := range ix.Out[0] {
		if _, err := got.Edge(out, ix.Codes[a.Node]); !errors.Is(err, dgraph.ErrEdgeNotFound) {
			t.Errorf("Edge(%s, %s) from a dropped country: %v", out, ix.Codes[a.Node], err)
		}
	}
}
