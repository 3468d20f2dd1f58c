package graph

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// Totals are what the filtered records of a leg graph add up to, beside
// their legs: what a summary reports.
type Totals struct {
	Records, Victims int
	// Domestic counts the records whose origin is their destination.
	Domestic  int
	ByForm    map[Form]int
	ByMeasure map[Measure]int
	// Periods are the records' distinct non-zero periods, in time order.
	Periods []Period
	// Sources counts the distinct non-empty source citations.
	Sources int
}

// Totals returns the totals of the filtered records: computed from Flows,
// or given by the store that built the graph (NewStoredLegGraph).
func (lg *LegGraph) Totals() Totals {
	if lg.totals != nil {
		return *lg.totals
	}
	t := Totals{ByForm: map[Form]int{}, ByMeasure: map[Measure]int{}}
	periods := map[Period]bool{}
	sources := map[string]bool{}
	for _, f := range lg.Flows {
		t.Records++
		t.Victims += f.Victims
		t.ByForm[f.Form] += f.Victims
		t.ByMeasure[f.Measure] += f.Victims
		if f.Origin == f.Destination {
			t.Domestic++
		}
		if f.Source != "" {
			sources[f.Source] = true
		}
		if !f.Period.IsZero() {
			periods[f.Period] = true
		}
	}
	t.Sources = len(sources)
	t.Periods = SortPeriods(slices.Collect(maps.Keys(periods)))
	return t
}

// SortPeriods sorts periods by first year, then last year, and returns
// them.
func SortPeriods(ps []Period) []Period {
	slices.SortFunc(ps, func(a, b Period) int {
		if a.From != b.From {
			return a.From - b.From
		}
		return a.To - b.To
	})
	return ps
}

// NewStoredLegGraph is the leg graph a store aggregated itself (Neo4j
// sums legs in Cypher): legs (each From -> To once, Years sorted),
// transit by country code and the records' totals. Its Flows hold only
// what the store chose to read (the filtered records that name a group,
// for the groups per country of hubs); Totals and Victims come from
// totals. The result is the graph NewLegGraph builds from the records.
func NewStoredLegGraph(name string, flt Filter, countries map[string]Country, legs []*Leg, transit map[string]Transit, totals Totals, flows []*Flow) (*LegGraph, error) {
	seen := map[string]bool{}
	var codes []string
	add := func(c string) {
		if !seen[c] {
			seen[c] = true
			codes = append(codes, c)
		}
	}
	pairs := map[[2]string]bool{}
	for _, l := range legs {
		if pairs[[2]string{l.From, l.To}] {
			return nil, fmt.Errorf("leg graph: leg %s->%s twice", l.From, l.To)
		}
		pairs[[2]string{l.From, l.To}] = true
		add(l.From)
		add(l.To)
	}
	tr := make([]Transit, len(codes))
	for c, t := range transit {
		if !seen[c] {
			return nil, fmt.Errorf("leg graph: transit through %s, which no leg reaches", c)
		}
		tr[slices.Index(codes, c)] = t
	}
	lg := &LegGraph{Dataset: name, Filter: flt, Countries: countries, Flows: flows, totals: &totals}
	lg.Index = newIndex(codes, legs, tr)
	return lg, nil
}

// SourceList returns the distinct non-empty sources of the filtered
// records, sorted (from Flows: a graph the store built may hold only
// some of them).
func (lg *LegGraph) SourceList() []string {
	seen := map[string]bool{}
	for _, f := range lg.Flows {
		if f.Source != "" {
			seen[f.Source] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// Route is a route (origin, vias, destination) with the victims and the
// number of the records that took it.
type Route struct {
	Path             []string
	Victims, Records int
	// Displaced is the sum over the records of round-half-to-even(victims
	// × a displacement), when the route was asked for a what-if.
	Displaced int
}

// RoutesOf groups flows by route, each route with its victims, records
// and Displaced at displacement (per record rounded half to even), in
// the order of its first record: what a store's WhatIfRoutes returns of
// the same records.
//
// The time complexity is O(R·L) for R records of at most L legs.
func RoutesOf(flows []*Flow, displacement float64) []Route {
	index := map[string]int{}
	var out []Route
	for _, f := range flows {
		path := f.Path()
		key := strings.Join(path, "\x00")
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, Route{Path: path})
		}
		out[i].Victims += f.Victims
		out[i].Records++
		out[i].Displaced += int(math.RoundToEven(float64(f.Victims) * displacement))
	}
	return out
}

// MapSums are what a route map sums of the records under a filter, by
// route, as a store can sum them without sending the records: the
// records that a --min-count K shows (victims 0 or at least K; all of
// them when K <= 1) and those it hides, each grouped by route in any
// order, and the shown records by citation (their source up to its
// first colon, as written) and their victims by measure.
type MapSums struct {
	Shown, Hidden []Route
	Sources       map[string]int
	Measures      map[Measure]int
}

// Hides says whether a --min-count of minCount hides a count of victims:
// 1 to minCount-1 (zero identifies nobody and is kept).
func Hides(minCount, victims int) bool { return minCount > 1 && victims > 0 && victims < minCount }

// Tally is the records of one origin, destination and period, summed:
// what emerging reads of records.
type Tally struct {
	Origin, Destination string
	Period              Period
	Victims, Records    int
}

// Tallies sums flows by origin, destination and period, in that order
// (codes, then periods by first and last year).
//
// The time complexity is O(R + T log T) for R records and T tallies.
func Tallies(flows []*Flow) []Tally {
	type key struct {
		o, d string
		p    Period
	}
	index := map[key]int{}
	var out []Tally
	for _, f := range flows {
		k := key{f.Origin, f.Destination, f.Period}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, Tally{Origin: f.Origin, Destination: f.Destination, Period: f.Period})
		}
		out[i].Victims += f.Victims
		out[i].Records++
	}
	SortTallies(out)
	return out
}

// SortTallies sorts tallies by origin, destination, then period.
func SortTallies(ts []Tally) {
	slices.SortFunc(ts, func(a, b Tally) int {
		return cmp.Or(strings.Compare(a.Origin, b.Origin), strings.Compare(a.Destination, b.Destination),
			cmp.Compare(a.Period.From, b.Period.From), cmp.Compare(a.Period.To, b.Period.To))
	})
}
