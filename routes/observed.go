package routes

import (
	"cmp"
	"iter"
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
	return groupRoutes(flowRoutes(lg), observedKeep(from, to, via))
}

// ObservedIn is ObservedRoutes over routes already grouped (a store's
// aggregation: each route with its victims and records); routes must
// hold at least every filtered route through from and to.
func ObservedIn(routes []graph.Route, from, to string, via ...string) []Observed {
	return groupRoutes(slices.Values(routes), observedKeep(from, to, via))
}

// observedKeep accepts the routes of ObservedRoutes.
func observedKeep(from, to string, via []string) func(path []string) bool {
	return func(path []string) bool {
		i := slices.Index(path, from)
		if i < 0 {
			return false
		}
		j := slices.Index(path[i+1:], to)
		// A domestic record with no via: from == to names it.
		if j < 0 && !(from == to && len(path) == 2 && path[0] == path[1]) {
			return false
		}
		return containsAllStr(path[i:i+2+j], via)
	}
}

// flowRoutes yields the filtered records of lg as routes of one record.
func flowRoutes(lg *graph.LegGraph) iter.Seq[graph.Route] { return recordRoutes(lg.Flows) }

// recordRoutes yields flows as routes of one record.
func recordRoutes(flows []*graph.Flow) iter.Seq[graph.Route] {
	return func(yield func(graph.Route) bool) {
		for _, f := range flows {
			if !yield(graph.Route{Path: f.Path(), Victims: f.Victims, Records: 1}) {
				return
			}
		}
	}
}

// TopRoutes returns the n routes with most victims (all when n <= 0)
// of the filtered records grouped by route (a store's WhatIfRoutes, or
// graph.RoutesOf), ordered as ObservedRoutes.
func TopRoutes(routes []graph.Route, n int) []Observed {
	out := groupRoutes(slices.Values(routes), func([]string) bool { return true })
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// groupRoutes groups the filtered records that keep accepts by their full
// route, sorted by victims (descending), then records, then path codes.
func groupRoutes(routes iter.Seq[graph.Route], keep func(path []string) bool) []Observed {
	groups := map[string]*Observed{}
	for r := range routes {
		if !keep(r.Path) {
			continue
		}
		key := strings.Join(r.Path, ">")
		g := groups[key]
		if g == nil {
			g = &Observed{Path: r.Path}
			groups[key] = g
		}
		g.Victims += graph.Count(r.Victims)
		g.Records += r.Records
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
