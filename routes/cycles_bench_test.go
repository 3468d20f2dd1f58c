package routes_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes"
)

// generated200 is the leg graph of the dataset of the scale benchmarks:
// 200 countries and 1,000,000 records (tipgraph generate --countries 200
// --flows 1000000 --seed 1; 31,794 legs).
func generated200(b *testing.B) *graph.LegGraph {
	b.Helper()
	var buf bytes.Buffer
	if err := ingest.Generate(&buf, ingest.GenerateConfig{Countries: 200, Flows: 1_000_000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	ds, err := ingest.ReadFlows(&buf, "flows.csv")
	if err != nil {
		b.Fatal(err)
	}
	lg, err := graph.NewLegGraph(ds, graph.Filter{})
	if err != nil {
		b.Fatal(err)
	}
	return lg
}

// BenchmarkStronglyConnected200 times the cycles of routes through
// dominikbraun/graph on the index (cycles), beside every other hub
// metric (hubs, which includes cycles) for scale.
func BenchmarkStronglyConnected200(b *testing.B) {
	lg := generated200(b)
	b.Logf("%d countries, %d legs, %d on cycles", lg.Index.N(), len(lg.Index.Legs), routes.StronglyConnected(lg).Countries)
	b.Run("cycles", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			routes.StronglyConnected(lg)
		}
	})
	b.Run("hubs", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := routes.Hubs(context.Background(), lg, routes.ByTransit, routes.ByHops); err != nil {
				b.Fatal(err)
			}
		}
	})
}
