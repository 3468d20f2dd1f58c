package routes

import (
	"reflect"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
)

// TestPlanTableGrows: a plan builder told to expect one record (its
// route table then grows many times) groups the records into the same
// routes, in the same order, as one sized for all of them, and every
// route is distinct.
func TestPlanTableGrows(t *testing.T) {
	ds := graphtest.Synthetic(30_000, 40, 8)
	lg, err := graph.NewLegGraph(ds, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	records := func(yield func(string, string, []string, int) bool) {
		for _, f := range lg.Flows {
			if !yield(f.Origin, f.Destination, f.Via, f.Victims) {
				return
			}
		}
	}
	small := planOfRecords(lg.Index, records, 1, 0.5, ByHops)
	sized := planOfRecords(lg.Index, records, len(lg.Flows), 0.5, ByHops)
	if !reflect.DeepEqual(small.routes, sized.routes) || !reflect.DeepEqual(small.byVia, sized.byVia) {
		t.Fatal("the plans differ")
	}
	seen := map[string]bool{}
	n := 0
	for _, r := range small.routes {
		k := lg.Index.Codes[r.o] + ">" + lg.Index.Codes[r.d]
		for _, v := range r.via {
			k += ">" + lg.Index.Codes[v]
		}
		if seen[k] {
			t.Fatalf("route %s twice", k)
		}
		seen[k] = true
		n += r.records
	}
	if n != len(lg.Flows) || len(small.routes) < 1000 {
		t.Fatalf("%d records in %d routes, want %d records in over 1,000", n, len(small.routes), len(lg.Flows))
	}
}
