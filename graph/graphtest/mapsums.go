package graphtest

import (
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// MapSumsOf is graph.MapSums of flows under --min-count minCount, from
// the records themselves, the routes in the order of their first record:
// what a store's MapSums must equal, their routes sorted alike.
func MapSumsOf(flows []*graph.Flow, minCount int) *graph.MapSums {
	var shown, hidden []*graph.Flow
	m := &graph.MapSums{Sources: map[string]int{}, Measures: map[graph.Measure]int{}}
	for _, f := range flows {
		if graph.Hides(minCount, f.Victims) {
			hidden = append(hidden, f)
			continue
		}
		shown = append(shown, f)
		cited, _, _ := strings.Cut(f.Source, ":")
		m.Sources[cited]++
		m.Measures[f.Measure] += f.Victims
	}
	m.Shown, m.Hidden = graph.RoutesOf(shown, 0), graph.RoutesOf(hidden, 0)
	return m
}
