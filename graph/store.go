package graph

import "context"

// Store is where a dataset lives: in memory for one analyst, in Neo4j for a
// team. Backends live in subpackages; only cmd/ picks one.
type Store interface {
	// Dataset returns the whole dataset held by the store.
	Dataset(ctx context.Context) (*Dataset, error)
	// Close releases the store's resources.
	Close(ctx context.Context) error
}
