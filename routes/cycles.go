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
// connected components of more than one country, computed by
// github.com/dominikbraun/graph (Tarjan's algorithm) on the index itself,
// not a copy. The library runs on the core of the graph: countries that
// no leg from another country reaches, or that lead to no other country,
// lie on no cycle and are trimmed first, again and again (the trim step of
// McLendon et al.), so that an acyclic route graph costs the library
// nothing and a partly cyclic one less.
//
// The time complexity is O(V + E) for the trim and for Tarjan, plus the
// O(V + E) map the library builds from the core's legs and O(V log V) to
// sort the result.
//
// References: R. Tarjan, Depth-first search and linear graph algorithms,
// SIAM Journal on Computing 1(2), 1972; W. McLendon III, B. Hendrickson,
// S. Plimpton, L. Rauchwerger, Finding strongly connected components in
// distributed graphs, Journal of Parallel and Distributed Computing
// 65(8), 2005.
func StronglyConnected(lg *graph.LegGraph) *Cycles {
	comps, err := dgraph.StronglyConnectedComponents(lg.Index.Induced(cycleCore(lg.Index)))
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

// cycleCore marks the nodes that may lie on a cycle through another node:
// it removes every node with no arc in from, or no arc out to, another
// remaining node until none is left to remove (self-loops do not count).
func cycleCore(ix *graph.Index) []bool {
	n := ix.N()
	in, out := make([]int32, n), make([]int32, n)
	for u, arcs := range ix.Out {
		for _, a := range arcs {
			if int(a.Node) != u {
				out[u]++
				in[a.Node]++
			}
		}
	}
	keep := make([]bool, n)
	var gone []int32 // removed, their arcs not yet discounted
	for i := range n {
		keep[i] = in[i] > 0 && out[i] > 0
		if !keep[i] {
			gone = append(gone, int32(i))
		}
	}
	for len(gone) > 0 {
		u := gone[len(gone)-1]
		gone = gone[:len(gone)-1]
		for _, a := range ix.Out[u] {
			if v := a.Node; keep[v] && v != u {
				if in[v]--; in[v] == 0 {
					keep[v] = false
					gone = append(gone, v)
				}
			}
		}
		for _, a := range ix.In[u] {
			if v := a.Node; keep[v] && v != u {
				if out[v]--; out[v] == 0 {
					keep[v] = false
					gone = append(gone, v)
				}
			}
		}
	}
	return keep
}
