package storetest_test

import (
	"context"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
	"github.com/tipgraph/tipgraph/graph/memory"
	"github.com/tipgraph/tipgraph/graph/neo4j"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes/storetest"
)

// The suite runs against every backend: these tests are where backends
// are picked, as cmd picks one for the CLI.

func TestMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T, ds *graph.Dataset) graph.Store { return memory.New(ds) })
}

// TestNeo4j needs NEO4J_TEST_URI; without it it skips, and fails under CI
// (graphtest.Neo4j).
func TestNeo4j(t *testing.T) {
	srv := graphtest.Neo4j(t)
	open := func(t *testing.T, datasets ...string) *neo4j.Store {
		t.Helper()
		cfg := neo4j.Config{URI: srv.URI, User: srv.User, Password: srv.Password, Datasets: datasets, Library: ingest.LibraryCountry}
		s, err := neo4j.Open(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close(context.Background()) })
		return s
	}
	writer := open(t)
	storetest.Run(t, func(t *testing.T, ds *graph.Dataset) graph.Store {
		if _, err := writer.Load(context.Background(), ds, ds.Name, nil); err != nil {
			t.Fatal(err)
		}
		return open(t, ds.Name)
	})
}
