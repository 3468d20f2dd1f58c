package exports

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
)

// synthetic200 is a leg graph over 200 countries from ingest.Generate,
// cut to its 2,000 largest legs by the caller.
func synthetic200(tb testing.TB) *graph.LegGraph {
	tb.Helper()
	var b bytes.Buffer
	if err := ingest.Generate(&b, ingest.GenerateConfig{Countries: 200, Flows: 20000, Seed: 6}); err != nil {
		tb.Fatal(err)
	}
	ds, err := ingest.ReadFlows(&b, "synthetic.csv")
	if err != nil {
		tb.Fatal(err)
	}
	lg, err := graph.NewLegGraph(ds, graph.Filter{})
	if err != nil {
		tb.Fatal(err)
	}
	return lg
}

// BenchmarkMapSVG200 draws the geographic map of 200 countries and 2,000
// legs to SVG: selection, placement, DOT and Graphviz (target: under 3 s).
func BenchmarkMapSVG200(b *testing.B) {
	lg := synthetic200(b)
	ctx := context.Background()
	v := view2000(b, lg)
	if len(v.Legs) != 2000 || len(v.Codes) != 200 {
		b.Fatalf("%d legs, %d countries", len(v.Legs), len(v.Codes))
	}
	b.ReportMetric(float64(len(v.Codes)), "countries")
	b.ResetTimer()
	for range b.N {
		dot, err := Map(v, MapOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Render(ctx, dot, "svg"); err != nil {
			b.Fatal(err)
		}
	}
}

// view2000 keeps every country's largest leg, then the largest others,
// 2,000 legs in all.
func view2000(tb testing.TB, lg *graph.LegGraph) *View {
	v, err := Select(context.Background(), lg, Options{})
	if err != nil {
		tb.Fatal(err)
	}
	if lg.Index.N() < 200 {
		tb.Fatalf("only %d countries", lg.Index.N())
	}
	keep := map[*graph.Leg]bool{}
	best := map[string]*graph.Leg{}
	for _, l := range lg.Index.Legs {
		for _, c := range []string{l.From, l.To} {
			if b := best[c]; b == nil || l.Victims > b.Victims {
				best[c] = l
			}
		}
	}
	for _, l := range best {
		keep[l] = true
	}
	byVictims := slices.Clone(lg.Index.Legs)
	slices.SortStableFunc(byVictims, func(a, b *graph.Leg) int { return b.Victims - a.Victims })
	for _, l := range byVictims {
		if len(keep) == 2000 {
			break
		}
		keep[l] = true
	}
	v.Legs = slices.DeleteFunc(slices.Clone(lg.Index.Legs), func(l *graph.Leg) bool { return !keep[l] })
	codes := map[string]bool{}
	for _, l := range v.Legs {
		codes[l.From], codes[l.To] = true, true
	}
	v.Codes = sortedKeys(codes)
	return v
}
