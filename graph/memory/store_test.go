package memory_test

import (
	"context"
	"errors"
	"testing"

	"github.com/tipgraph/tipgraph/graph/graphtest"
	"github.com/tipgraph/tipgraph/graph/memory"
)

// TestDataset: the store gives back the dataset it holds, not a copy, and
// honours a cancelled context. The conformance suite (routes/storetest)
// runs every analysis on it.
func TestDataset(t *testing.T) {
	want := graphtest.Tricky()
	s := memory.New(want)
	got, err := s.Dataset(context.Background())
	if err != nil || got != want {
		t.Fatalf("got %p, %v; want the held dataset %p", got, err, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Dataset(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: got %v, want context.Canceled", err)
	}
}
