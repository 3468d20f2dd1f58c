package neo4j

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

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
		sameLegGraph(t, r, ds, flt)
	}
	if _, err := r.Dataset(ctx); err == nil {
		t.Error("the records read back although their flows were deleted")
	}
}

// BenchmarkLoadPhases100k times the parts of a load of 100,000 synthetic
// records apart: encoding the flow rows on the client, writing the flows
// (and summing legs and cells on the way), computing the cells on the client and writing them (the new load's
// staged data is deleted after each run).
func BenchmarkLoadPhases100k(b *testing.B) {
	ctx := context.Background()
	s := open(b)
	ds := synthetic(100_000, 42)
	if err := s.ensureSchema(ctx); err != nil {
		b.Fatal(err)
	}
	lg, _ := graph.NewLegGraph(ds, graph.Filter{})
	shared, _ := model.CountryRows(ds, lg.Index.Codes, nil)
	if err := s.exec(ctx, "write countries", map[string]any{"rows": shared}, model.MergeCountries); err != nil {
		b.Fatal(err)
	}
	var encode, flows, cellRows, cells time.Duration
	for b.Loop() {
		load := newLoadID()
		if err := s.exec(ctx, "start load", map[string]any{"load": load, "dataset": "bench-phases", "records": len(ds.Flows), "locked": true}, model.StartLoad); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		for lo := 0; lo < len(ds.Flows); lo += BatchSize {
			model.FlowRows(ds.Flows[lo:min(lo+BatchSize, len(ds.Flows))], lo)
		}
		t1 := time.Now()
		if _, _, err := s.writeStream(ctx, Held(ds), "bench-phases", load, nil); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		sums := model.NewCellSums()
		for i := range ds.Flows {
			sums.Add(&ds.Flows[i])
		}
		sums.TotalParams()
		t3 := time.Now()
		if err := s.writeCells(ctx, sums, "bench-phases", load); err != nil {
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

// sameLegGraph fails t unless the leg graph r aggregates under flt has
// the legs, transit and totals of ds's records (and some legs); it returns
// the records' leg graph.
func sameLegGraph(t *testing.T, r *Store, ds *graph.Dataset, flt graph.Filter) *graph.LegGraph {
	t.Helper()
	got, _, err := r.LegGraph(context.Background(), flt)
	if err != nil {
		t.Fatal(err)
	}
	want, err := graph.NewLegGraph(ds, flt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Index.Legs, want.Index.Legs) || !reflect.DeepEqual(got.Index.Transit, want.Index.Transit) ||
		!reflect.DeepEqual(got.Totals(), want.Totals()) {
		t.Errorf("%s: the store's leg graph differs from the records'", flt)
	}
	if len(want.Index.Legs) == 0 {
		t.Errorf("%s: no leg; the test checks nothing", flt)
	}
	return want
}

// The hand queries of docs/neo4j.md that sum legs (from the cells and
// from the flows) give the legs tipgraph sums under the same filter.
func TestDocsCellQueries(t *testing.T) {
	ctx := context.Background()
	doc, err := os.ReadFile("../../docs/neo4j.md")
	if err != nil {
		t.Fatal(err)
	}
	ds := synthetic(3000, 11)
	// Under its own name: other packages' tests load toc2010 at once.
	s := open(t)
	load(t, s, ds, "docs-toc2010")
	t.Cleanup(func() { s.Drop(ctx, "docs-toc2010") })
	sexual := graph.Sexual
	want, err := graph.NewLegGraph(ds, graph.Filter{Form: &sexual, Period: graph.Period{From: 2003, To: 2007}})
	if err != nil {
		t.Fatal(err)
	}
	queries := 0
	for _, block := range strings.Split(string(doc), ";\n") {
		i := strings.Index(block, "MATCH (d:Dataset {name: 'toc2010'})")
		if i < 0 || !strings.Contains(block, "// Legs of sexual exploitation in 2003-2007") && !strings.Contains(block, "// The same from the flows") {
			continue
		}
		queries++
		got := map[[2]string][2]int{}
		query := strings.ReplaceAll(block[i:], "'toc2010'", "'docs-toc2010'")
		err := s.read(ctx, "docs query", query, nil, func(r *driver.Record) error {
			got[[2]string{str(r.Values[0]), str(r.Values[1])}] = [2]int{toInt(r.Values[2]), toInt(r.Values[3])}
			return nil
		})
		if err != nil {
			t.Fatalf("%v in\n%s", err, query)
		}
		if len(got) != len(want.Index.Legs) || len(got) == 0 {
			t.Errorf("query %d: %d legs, tipgraph %d", queries, len(got), len(want.Index.Legs))
		}
		for _, l := range want.Index.Legs {
			if g := got[[2]string{l.From, l.To}]; g != [2]int{l.Victims, l.Records} {
				t.Errorf("query %d: leg %s-%s: %v, tipgraph %d victims in %d records", queries, l.From, l.To, g, l.Victims, l.Records)
			}
		}
	}
	if queries != 2 {
		t.Errorf("found %d of the 2 leg queries in docs/neo4j.md", queries)
	}
}

// Two datasets read together sum their cells as their records sum: legs,
// transit, totals (sources by name across datasets) and tallies.
func TestCellsOfTwoDatasets(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	a, b := synthetic(2000, 3), synthetic(1500, 4)
	for i := range a.Flows {
		a.Flows[i].Source = fmt.Sprintf("source %d", i%7)
		if i%5 == 0 {
			a.Flows[i].Period.To++ // some periods of two years
		}
	}
	for i := range b.Flows {
		// Half b's own sources, half a's: those count once.
		b.Flows[i].Source = fmt.Sprintf("source %d", 4+i%6)
	}
	load(t, s, a, "cells-a")
	load(t, s, b, "cells-b")
	t.Cleanup(func() { s.Drop(ctx, "cells-a"); s.Drop(ctx, "cells-b") })
	r := open(t, "cells-a", "cells-b")
	both, err := r.Dataset(ctx) // the records, read back
	if err != nil {
		t.Fatal(err)
	}
	if len(both.Flows) != len(a.Flows)+len(b.Flows) {
		t.Fatalf("read %d records, want %d", len(both.Flows), len(a.Flows)+len(b.Flows))
	}
	land, labour := graph.Land, graph.Labour
	for _, flt := range []graph.Filter{{Period: graph.Period{From: 2001, To: 2009}}, {Vector: &land, Form: &labour}} {
		want := sameLegGraph(t, r, both, flt)
		tallies, err := r.Tallies(ctx, flt)
		if err != nil {
			t.Fatal(err)
		}
		if w := graph.Tallies(want.Flows); !reflect.DeepEqual(tallies, w) {
			t.Errorf("%s: tallies of two datasets differ from their records'", flt)
		}
	}
	// A re-load deletes the replaced load's cells, a drop all of them;
	// the other dataset keeps its own.
	const cells = `MATCH ()-[c:LEG_CELLS|OD_CELLS {dataset: $dataset}]->() RETURN count(c)`
	before := count(t, s, cells, "cells-a")
	load(t, s, a, "cells-a")
	if n := count(t, s, cells, "cells-a"); n != before || n == 0 {
		t.Errorf("cells of cells-a after a re-load: %d, want %d", n, before)
	}
	if err := s.Drop(ctx, "cells-a"); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, cells, "cells-a"); n != 0 {
		t.Errorf("%d cells of cells-a left after a drop", n)
	}
	if n := count(t, s, cells, "cells-b"); n == 0 {
		t.Error("dropping cells-a deleted the cells of cells-b")
	}
}

// The LEG and cell reads hold one country's relationships at a time on
// the server: their aggregation runs inside the subquery of each country
// (under an Apply), and nothing above the Apply sorts, aggregates or
// buffers every row.
func TestReadLegsPlan(t *testing.T) {
	for name, q := range map[string]string{"legs": readLegs, "leg cells": readLegCells, "od cells": readODCells} {
		t.Run(name, func(t *testing.T) { subqueryAggregates(t, q) })
	}
}

func subqueryAggregates(t *testing.T, cypher string) {
	s := open(t)
	plan := explain(t, s, cypher, map[string]any{"loads": []any{"x"}})
	var above []string
	var inside bool
	for p := plan; ; {
		above = append(above, p.Op)
		if p.Op == "Apply" {
			inside = len(p.Children) == 2 && slices.Contains(walkPlan(p.Children[1], p.Op, func(string, string, planNode) {}), "EagerAggregation")
			break
		}
		if len(p.Children) == 0 {
			break
		}
		p = p.Children[0]
	}
	t.Logf("above the subquery: %v", above)
	if !inside {
		t.Errorf("plan %v: no Apply with the aggregation in its subquery", above)
	}
	for _, op := range above {
		if slices.Contains([]string{"Sort", "Top", "Eager", "EagerAggregation", "OrderedAggregation", "Distinct"}, op) {
			t.Errorf("%s above the subquery (%v)", op, above)
		}
	}
}
