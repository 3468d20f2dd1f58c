package routes

import (
	"cmp"
	"fmt"
	"slices"

	dgraph "github.com/dominikbraun/graph"

	"github.com/tipgraph/tipgraph/graph"
)

// Cycles is where routes turn back on themselves: the strongly connected
// components of the leg graph that hold more than one country. Every
// country of such a component can reach every other along legs and come
// back, so it lies on a cycle of routes. A domestic leg (A -> A) alone
// does not put A on a cycle.
type Cycles struct {
	// Components lists each component's countries sorted by code; the
	// largest component comes first, ties by their first code.
	Components [][]string `json:"components"`
	// Countries is the number of countries on a cycle: the sum of the
	// components' sizes.
	Countries int `json:"countries_on_cycles"`
	// of maps a country on a cycle to its index in Components.
	of map[string]int
}

// Component returns the index in Components of code's component, or -1
// when code lies on no cycle (or is not in the graph).
func (c *Cycles) Component(code string) int {
	if i, ok := c.of[code]; ok {
		return i
	}
	return -1
}

// OnCycle says whether code lies on a cycle of routes.
func (c *Cycles) OnCycle(code string) bool {
	_, ok := c.of[code]
	return ok
}

// StronglyConnected finds the cycles of routes of lg: its strongly
// connected components, computed by github.com/dominikbraun/graph on
// lg.Graph() (the index itself, not a copy), keeping those of more than
// one country.
//
// The time complexity is O(V + E) (Tarjan), plus the O(V + E) map the
// library builds from the leg list, and O(V log V) to sort the result.
//
// Reference: R. Tarjan, Depth-first search and linear graph algorithms,
// SIAM Journal on Computing 1(2), 1972.
func StronglyConnected(lg *graph.LegGraph) *Cycles {
	comps, err := dgraph.StronglyConnectedComponents(lg.Graph())
	if err != nil {
		// The library fails only on an undirected graph or a store that
		// fails; the leg graph is directed and its store reads memory.
		panic(fmt.Sprintf("routes: strongly connected components of the leg graph: %v", err))
	}
	c := &Cycles{Components: [][]string{}, of: map[string]int{}}
	for _, comp := range comps {
		if len(comp) > 1 {
			c.Components = append(c.Components, slices.Sorted(slices.Values(comp)))
			c.Countries += len(comp)
		}
	}
	slices.SortFunc(c.Components, func(a, b []string) int {
		if n := cmp.Compare(len(b), len(a)); n != 0 {
			return n
		}
		return cmp.Compare(a[0], b[0])
	})
	for i, comp := range c.Components {
		for _, code := range comp {
			c.of[code] = i
		}
	}
	return c
}
