package neo4j

import (
	"context"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
)

// TestEachFlowAtPlaces: over two datasets read as one, EachFlowAt hands
// every record once, at the place Dataset puts it (the JSON export writes
// them in that order from a temporary file), and returns the same
// dataset without its records.
func TestEachFlowAtPlaces(t *testing.T) {
	w := open(t)
	a, b := synthetic(3000, 41), synthetic(1700, 42)
	load(t, w, a, "test-each-at-a")
	load(t, w, b, "test-each-at-b")
	t.Cleanup(func() {
		w.Drop(context.Background(), "test-each-at-a")
		w.Drop(context.Background(), "test-each-at-b")
	})
	s := open(t, "test-each-at-b", "test-each-at-a")
	ctx := context.Background()
	held, err := s.Dataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var placed []*graph.Flow
	bad := -1
	bare, err := s.EachFlowAt(ctx, func() func(*graph.Flow, int) {
		placed, bad = make([]*graph.Flow, len(held.Flows)), -1
		return func(f *graph.Flow, at int) {
			if at < 0 || at >= len(placed) || placed[at] != nil {
				bad = at
				return
			}
			c := *f
			placed[at] = &c
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if bad >= 0 {
		t.Fatalf("place %d: out of range or given twice", bad)
	}
	if len(held.Flows) != len(a.Flows)+len(b.Flows) || bare.Name != held.Name || len(bare.Flows) != 0 || len(bare.Countries) != len(held.Countries) {
		t.Fatalf("held %d records of %s, streamed dataset %s with %d records and %d countries (held %d)", len(held.Flows), held.Name, bare.Name, len(bare.Flows), len(bare.Countries), len(held.Countries))
	}
	for i := range held.Flows {
		if placed[i] == nil || placed[i].ID != held.Flows[i].ID || placed[i].Victims != held.Flows[i].Victims || placed[i].Origin != held.Flows[i].Origin {
			t.Fatalf("place %d: streamed %+v, held %+v", i, placed[i], held.Flows[i])
		}
	}
}
