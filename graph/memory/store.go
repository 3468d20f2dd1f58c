package memory

import (
	"context"

	"github.com/tipgraph/tipgraph/graph"
)

var _ graph.Store = (*Store)(nil)

// Store holds one dataset in memory.
type Store struct {
	ds *graph.Dataset
}

// New returns a store holding ds. The store does not copy ds: callers must
// not change it afterwards.
func New(ds *graph.Dataset) *Store { return &Store{ds: ds} }

// Dataset returns the held dataset.
func (s *Store) Dataset(ctx context.Context) (*graph.Dataset, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.ds, nil
}

// Close does nothing.
func (s *Store) Close(context.Context) error { return nil }
