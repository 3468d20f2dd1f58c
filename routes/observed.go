package routes

import (
	"cmp"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// Observed is one route as the records give it, with the records grouped.
type Observed struct {
	Path    []string    `json:"path"`
	Victims graph.Count `json:"victims"`
	Records int         `json:"records"`
}

// ObservedRoutes groups the filtered records whose route passes through
// from and later through to (as origin, transit or destination), and
// through every via country between them, by their full route. Routes are
// sorted by victims (descending), then records, then path codes.
// The time complexity is O(R·L) for R records of at most L legs.
func ObservedRoutes(lg *graph.LegGraph, from, to string, via ...string) []Observed {
	return groupRoutes(lg, func(path []string, f *graph.Flow) bool {
		i := slices.Index(path, from)
		if i < 0 {
			return false
		}
		j := slices.Index(path[i+1:], to)
		if j < 0 && !(from == to && f.Origin == f.Destination && len(f.Via) == 0) {
			return false
		}
		return containsAllStr(path[i:i+2+j], via)
	})
}

// TopRoutes returns the n routes of the filtered records with most victims
// (all when n <= 0), grouped and ordered as ObservedRoutes.
func TopRoutes(lg *graph.LegGraph, n int) []Observed {
	out := groupRoutes(lg, func([]string, *graph.Flow) bool { return true })
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// groupRoutes groups the filtered records that keep accepts by their full
// route, sorted by victims (descending), then records, then path codes.
func groupRoutes(lg *graph.LegGraph, keep func(path []string, f *graph.Flow) bool) []Observed {
	groups := map[string]*Observed{}
	for _, f := range lg.Flows {
		path := f.Path()
		if !keep(path, f) {
			continue
		}
		key := strings.Join(path, ">")
		g := groups[key]
		if g == nil {
			g = &Observed{Path: path}
			groups[key] = g
		}
		g.Victims += graph.Count(f.Victims)
		g.Records++
	}
	out := make([]Observed, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b Observed) int {
		if a.Victims != b.Victims {
			return cmp.Compare(b.Victims, a.Victims)
		}
		if a.Records != b.Records {
			return b.Records - a.Records
		}
		return slices.Compare(a.Path, b.Path)
	})
	return out
}

func containsAllStr(path, want []string) bool {
	for _, w := range want {
		if !slices.Contains(path, w) {
			return false
		}
	}
	return true
}
