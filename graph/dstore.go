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
func (ix *Index) Graph() dgraph.Graph[string, string] { return ix.Induced(nil) }

// Induced returns, as Graph does, the subgraph induced by the nodes i with
// keep[i]: those countries and the legs between them. A nil keep keeps
// every node; otherwise len(keep) must be N.
func (ix *Index) Induced(keep []bool) dgraph.Graph[string, string] {
	s := &legStore{ix: ix, keep: keep, n: ix.N()}
	if keep != nil {
		s.n = 0
		for _, k := range keep {
			if k {
				s.n++
			}
		}
		if s.n == ix.N() {
			s.keep = nil // every node: the faster listings of the whole graph
		}
	}
	return dgraph.NewWithStore(dgraph.StringHash, dgraph.Store[string, string](s), dgraph.Directed(), dgraph.Weighted())
}

// legStore is the library's Store over an Index, or over the nodes of it
// with keep[i] (all of them when keep is nil); n counts them. Lookups
// cost a map lookup per code and a binary search of a sorted adjacency
// list; listings allocate one slice.
type legStore struct {
	ix   *Index
	keep []bool
	n    int
}

var _ dgraph.Store[string, string] = (*legStore)(nil)

// id returns the node id of code when the store holds it.
func (s *legStore) id(code string) (int, bool) {
	i, ok := s.ix.ID(code)
	return i, ok && (s.keep == nil || s.keep[i])
}

func (s *legStore) Vertex(code string) (string, dgraph.VertexProperties, error) {
	if _, ok := s.id(code); !ok {
		return "", dgraph.VertexProperties{}, fmt.Errorf("%s: %w", code, dgraph.ErrVertexNotFound)
	}
	return code, dgraph.VertexProperties{}, nil
}

func (s *legStore) ListVertices() ([]string, error) {
	if s.keep == nil {
		return slices.Clone(s.ix.Codes), nil
	}
	out := make([]string, 0, s.n)
	for i, c := range s.ix.Codes {
		if s.keep[i] {
			out = append(out, c)
		}
	}
	return out, nil
}

func (s *legStore) VertexCount() (int, error) { return s.n, nil }

// Edge returns the leg from -> to. Its Attributes is an empty map, not nil,
// so that the library's UpdateEdge with an attribute option reaches the
// store's ErrReadOnly instead of writing to a nil map.
func (s *legStore) Edge(from, to string) (dgraph.Edge[string], error) {
	u, ok := s.id(from)
	v, ok2 := s.id(to)
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
func (s *legStore) ListEdges() ([]dgraph.Edge[string], error) {
	if s.keep == nil {
		out := make([]dgraph.Edge[string], len(s.ix.Legs))
		for i, l := range s.ix.Legs {
			out[i] = s.edge(l)
		}
		return out, nil
	}
	n := 0
	s.arcs(func(Arc) { n++ })
	out := make([]dgraph.Edge[string], 0, n)
	s.arcs(func(a Arc) { out = append(out, s.edge(s.ix.Legs[a.Leg])) })
	return out, nil
}

// arcs calls f for each arc between kept nodes, in (From, To) order.
func (s *legStore) arcs(f func(Arc)) {
	for u, arcs := range s.ix.Out {
		if !s.keep[u] {
			continue
		}
		for _, a := range arcs {
			if s.keep[a.Node] {
				f(a)
			}
		}
	}
}

func (*legStore) edge(l *Leg) dgraph.Edge[string] {
	return dgraph.Edge[string]{Source: l.From, Target: l.To,
		Properties: dgraph.EdgeProperties{Weight: l.Victims, Data: l}}
}

func (*legStore) AddVertex(code string, _ string, _ dgraph.VertexProperties) error {
	return fmt.Errorf("add vertex %s: %w", code, ErrReadOnly)
}

func (*legStore) RemoveVertex(code string) error {
	return fmt.Errorf("remove vertex %s: %w", code, ErrReadOnly)
}

func (*legStore) AddEdge(from, to string, _ dgraph.Edge[string]) error {
	return fmt.Errorf("add edge %s->%s: %w", from, to, ErrReadOnly)
}

func (*legStore) UpdateEdge(from, to string, _ dgraph.Edge[string]) error {
	return fmt.Errorf("update edge %s->%s: %w", from, to, ErrReadOnly)
}

func (*legStore) RemoveEdge(from, to string) error {
	return fmt.Errorf("remove edge %s->%s: %w", from, to, ErrReadOnly)
}
