package neo4j

import (
	"context"
	"reflect"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
)

// Filtered leg graphs come from the cells alone: with the dataset's flow
// nodes deleted they are still those of the records, and a read of the
// records sees that they are gone.
func TestCellsWithoutFlows(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	ds := synthetic(3000, 17)
	st := load(t, s, ds, "cells-only")
	t.Cleanup(func() { s.Drop(ctx, "cells-only") })
	if err := s.exec(ctx, "delete flows", map[string]any{"load": st.Load}, `MATCH (f:Flow {load: $load}) DETACH DELETE f`); err != nil {
		t.Fatal(err)
	}
	r := open(t, "cells-only")
	air, sexual, detected := graph.Air, graph.Sexual, graph.Detected
	for _, flt := range []graph.Filter{{Period: graph.Year(2006)}, {Vector: &air}, {Form: &sexual, Measure: &detected, Period: graph.Period{From: 2003, To: 2008}}} {
		got, _, err := r.LegGraph(ctx, flt)
		if err != nil {
			t.Fatal(err)
		}
		want, err := graph.NewLegGraph(ds, flt)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Index.Legs, want.Index.Legs) || !reflect.DeepEqual(got.Index.Transit, want.Index.Transit) ||
			!reflect.DeepEqual(got.Totals(), want.Totals()) {
			t.Errorf("%s: the cells' leg graph differs from the records'", flt)
		}
		if len(want.Index.Legs) == 0 {
			t.Errorf("%s: no leg; the test checks nothing", flt)
		}
	}
	if _, err := r.Dataset(ctx); err == nil {
		t.Error("the records read back although their flows were deleted")
	}
}
