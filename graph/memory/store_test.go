package memory_test

import (
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/memory"
	"github.com/tipgraph/tipgraph/graph/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T, ds *graph.Dataset) graph.Store { return memory.New(ds) })
}
