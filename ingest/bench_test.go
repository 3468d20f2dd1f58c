package ingest_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
)

// syntheticFlows is a generated flows.csv of n records over 100 countries.
func syntheticFlows(n int) []byte {
	var b bytes.Buffer
	if err := ingest.Generate(&b, ingest.GenerateConfig{Countries: 100, Flows: n, Seed: 1}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// BenchmarkReadFlows100k reads and validates 100,000 flow records.
func BenchmarkReadFlows100k(b *testing.B) {
	data := syntheticFlows(100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ingest.ReadFlows(bytes.NewReader(data), "flows.csv"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadAndBuild100k reads 100,000 records and builds the leg graph
// with its compact index: the work every analysis command starts with.
func BenchmarkReadAndBuild100k(b *testing.B) {
	data := syntheticFlows(100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		ds, err := ingest.ReadFlows(bytes.NewReader(data), "flows.csv")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := graph.NewLegGraph(ds, graph.Filter{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildLegGraph100k builds the leg graph of 100,000 records
// already in memory.
func BenchmarkBuildLegGraph100k(b *testing.B) {
	ds, err := ingest.ReadFlows(bytes.NewReader(syntheticFlows(100_000)), "flows.csv")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := graph.NewLegGraph(ds, graph.Filter{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStreamLegs100k reads the same 100,000 records from a file
// straight into the leg graph (Stream into a graph.LegBuilder, what hubs
// and summary do on --data), without keeping them: compare its memory
// with BenchmarkReadAndBuild100k's.
func BenchmarkStreamLegs100k(b *testing.B) {
	data := syntheticFlows(100_000)
	path := filepath.Join(b.TempDir(), "flows.csv")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		lb := graph.NewLegBuilder(graph.Filter{})
		ds, streamed, err := ingest.Countries().Stream(context.Background(), ingest.Options{}, lb.Worker, path)
		if err != nil || !streamed {
			b.Fatal(streamed, err)
		}
		lb.Graph(ds.Name, ds.Countries)
	}
}
