package routes

import (
	"fmt"
	"slices"

	dgraph "github.com/dominikbraun/graph"

	"github.com/tipgraph/tipgraph/graph"
)

// Reachable returns, sorted by code, the countries other than from that
// the legs of ix lead to from from, found by a breadth-first search of
// github.com/dominikbraun/graph over the index (ix.Graph()). It returns
// nil when from is not in the graph.
//
// The time complexity is O(V + E), with the O(V + E) map the library
// builds from the leg list.
func Reachable(ix *graph.Index, from string) []string {
	if _, ok := ix.ID(from); !ok {
		return nil
	}
	var out []string
	err := dgraph.BFS(ix.Graph(), from, func(code string) bool {
		if code != from {
			out = append(out, code)
		}
		return false
	})
	if err != nil {
		// BFS fails only for a start vertex that is not in the graph.
		panic(fmt.Sprintf("routes: search from %s: %v", from, err))
	}
	slices.Sort(out)
	return out
}
