package graph

import (
	"cmp"
	"fmt"
	"slices"

	dgraph "github.com/dominikbraun/graph"
)

// Graph returns the leg graph as a github.com/dominikbraun/graph graph
// without copying it: the graph reads the compact Index through the
// library's Store interface. Vertices are country codes; an edge's weight
// is the leg's victims and its data the *Leg. The graph is read-only:
// adding or removing a vertex or an edge, or updating an edge, returns an
// error wrapping ErrReadOnly (Clone gives a mutable copy).
//
// The library rebuilds an adjacency map from ListEdges on most calls, so
// each of its algorithms costs at least O(V + E) map work.
func (lg *LegGraph) Graph() dgraph.Graph[string, string] { return lg.Index.Graph() }

// Graph returns the index as a github.com/dominikbraun/graph graph, as
// LegGraph.Graph does.
func (ix *Index) Graph() dgraph.Graph[string, string] {
	return dgraph.NewWithStore(dgraph.StringHash, dgraph.Store[string, string](legStore{ix}),
		dgraph.Directed(), dgraph.Weighted())
}

// legStore is the library's Store over an Index. Lookups cost a map
// lookup per code and a binary search of a sorted adjacency list;
// listings allocate one slice.
type legStore struct{ ix *Index }

var _ dgraph.Store[string, string] = legStore{}

func (s legStore) Vertex(code string) (string, dgraph.VertexProperties, error) {
	if _, ok := s.ix.ID(code); !ok {
		return "", dgraph.VertexProperties{}, fmt.Errorf("%s: %w", code, dgraph.ErrVertexNotFound)
	}
	return code, dgraph.VertexProperties{}, nil
}

func (s legStore) ListVertices() ([]string, error) { return slices.Clone(s.ix.Codes), nil }

func (s legStore) VertexCount() (int, error) { return s.ix.N(), nil }

// Edge returns the leg from -> to. Its Attributes is an empty map, not nil,
// so that the library's UpdateEdge with an attribute option reaches the
// store's ErrReadOnly instead of writing to a nil map.
func (s legStore) Edge(from, to string) (dgraph.Edge[string], error) {
	u, ok := s.ix.ID(from)
	v, ok2 := s.ix.ID(to)
	if !ok || !ok2 {
		return dgraph.Edge[string]{}, fmt.Errorf("%s->%s: %w", from, to, dgraph.ErrEdgeNotFound)
	}
	out := s.ix.Out[u]
	i, found := slices.BinarySearchFunc(out, int32(v), func(a Arc, n int32) int { return cmp.Compare(a.Node, n) })
	if !found {
		return dgraph.Edge[string]{}, fmt.Errorf("%s->%s: %w", from, to, dgraph.ErrEdgeNotFound)
	}
	e := s.edge(s.ix.Legs[out[i].Leg])
	e.Properties.Attributes = map[string]string{}
	return e, nil
}

// ListEdges returns every leg in (From, To) order, with nil Attributes.
func (s legStore) ListEdges() ([]dgraph.Edge[string], error) {
	out := make([]dgraph.Edge[string], len(s.ix.Legs))
	for i, l := range s.ix.Legs {
		out[i] = s.edge(l)
	}
	return out, nil
}

func (legStore) edge(l *Leg) dgraph.Edge[string] {
	return dgraph.Edge[string]{Source: l.From, Target: l.To,
		Properties: dgraph.EdgeProperties{Weight: l.Victims, Data: l}}
}

func (legStore) AddVertex(code string, _ string, _ dgraph.VertexProperties) error {
	return fmt.Errorf("add vertex %s: %w", code, ErrReadOnly)
}

func (legStore) RemoveVertex(code string) error {
	return fmt.Errorf("remove vertex %s: %w", code, ErrReadOnly)
}

func (legStore) AddEdge(from, to string, _ dgraph.Edge[string]) error {
	return fmt.Errorf("add edge %s->%s: %w", from, to, ErrReadOnly)
}

func (legStore) UpdateEdge(from, to string, _ dgraph.Edge[string]) error {
	return fmt.Errorf("update edge %s->%s: %w", from, to, ErrReadOnly)
}

func (legStore) RemoveEdge(from, to string) error {
	return fmt.Errorf("remove edge %s->%s: %w", from, to, ErrReadOnly)
}
