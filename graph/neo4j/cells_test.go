package neo4j

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/neo4j/model"
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

// BenchmarkLoadPhases100k times the parts of a load of 100,000 synthetic
// records apart: encoding the flow rows on the client, writing the flows,
// computing the cells on the client and writing them (the new load's
// staged data is deleted after each run).
func BenchmarkLoadPhases100k(b *testing.B) {
	ctx := context.Background()
	s := open(b)
	ds := synthetic(100_000, 42)
	if err := s.ensureSchema(ctx); err != nil {
		b.Fatal(err)
	}
	if err := s.exec(ctx, "write countries", map[string]any{"rows": model.CountryRows(ds)}, model.MergeCountries); err != nil {
		b.Fatal(err)
	}
	var encode, flows, cellRows, cells time.Duration
	for b.Loop() {
		load := newLoadID()
		if err := s.exec(ctx, "start load", map[string]any{"load": load, "dataset": "bench-phases", "records": len(ds.Flows)}, model.StartLoad); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		for lo := 0; lo < len(ds.Flows); lo += BatchSize {
			model.FlowRows(ds.Flows[lo:min(lo+BatchSize, len(ds.Flows))], lo)
		}
		t1 := time.Now()
		if err := s.writeFlows(ctx, ds, "bench-phases", load, nil); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		model.CellRows(ds)
		model.TotalCellParams(ds)
		t3 := time.Now()
		if err := s.writeCells(ctx, ds, "bench-phases", load); err != nil {
			b.Fatal(err)
		}
		t4 := time.Now()
		encode, flows, cellRows, cells = encode+t1.Sub(t0), flows+t2.Sub(t1), cellRows+t3.Sub(t2), cells+t4.Sub(t3)
		b.StopTimer()
		if _, err := s.deleteStale(ctx, "bench-phases", ""); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	n := float64(b.N)
	b.ReportMetric(encode.Seconds()/n, "s-encode-rows")
	b.ReportMetric(float64(len(ds.Flows))*n/flows.Seconds(), "records/s-flows")
	b.ReportMetric(cellRows.Seconds()/n, "s-compute-cells")
	b.ReportMetric(cells.Seconds()/n, "s-write-cells")
}
