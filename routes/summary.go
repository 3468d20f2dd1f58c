package routes

import (
	"slices"

	"github.com/tipgraph/tipgraph/graph"
)

// Summary is the size and shape of a filtered dataset.
type Summary struct {
	Dataset   string           `json:"dataset"`
	Filter    graph.FilterJSON `json:"filter"`
	Countries int              `json:"countries"`
	Records   int              `json:"records"`
	Legs      int              `json:"legs"`
	Victims   int              `json:"victims"`
	// Periods are the distinct periods of the records, in time order.
	Periods   []string       `json:"periods"`
	FirstYear int            `json:"first_year"`
	LastYear  int            `json:"last_year"`
	Sources   int            `json:"sources"`
	Domestic  int            `json:"domestic_records"`
	Transit   int            `json:"transit_countries"`
	ByForm    map[string]int `json:"victims_by_form"`
	ByMeasure map[string]int `json:"victims_by_measure"`
	ByVector  map[string]int `json:"leg_victims_by_vector"`
	// Cycles are the countries that lie on a cycle of routes.
	Cycles *Cycles `json:"strongly_connected"`
}

// Summarize counts what the leg graph holds. Sources counts distinct
// source citations. The time complexity is O(R·L + E), with
// StronglyConnected.
func Summarize(lg *graph.LegGraph) Summary {
	s := Summary{
		Dataset: lg.Dataset, Filter: lg.Filter.JSON(),
		Countries: lg.Index.N(), Records: len(lg.Flows), Legs: len(lg.Index.Legs),
		ByForm: map[string]int{}, ByMeasure: map[string]int{}, ByVector: map[string]int{},
		Periods: []string{},
	}
	// The library's search runs beside the loop over the records.
	found := make(chan *Cycles, 1)
	go func() { found <- StronglyConnected(lg) }()
	periods := map[graph.Period]bool{}
	sources := map[string]bool{}
	for _, f := range lg.Flows {
		s.Victims += f.Victims
		s.ByForm[f.Form.String()] += f.Victims
		s.ByMeasure[f.Measure.String()] += f.Victims
		if f.Origin == f.Destination {
			s.Domestic++
		}
		if f.Source != "" {
			sources[f.Source] = true
		}
		if !f.Period.IsZero() {
			periods[f.Period] = true
		}
	}
	s.Sources = len(sources)
	s.Transit = len(TransitVolume(lg))
	ps := make([]graph.Period, 0, len(periods))
	for p := range periods {
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b graph.Period) int {
		if a.From != b.From {
			return a.From - b.From
		}
		return a.To - b.To
	})
	for i, p := range ps {
		s.Periods = append(s.Periods, p.String())
		if i == 0 || p.From < s.FirstYear {
			s.FirstYear = p.From
		}
		s.LastYear = max(s.LastYear, p.To)
	}
	for _, l := range lg.Index.Legs {
		for _, vv := range l.Vectors() {
			s.ByVector[vv.Vector.String()] += vv.Victims
		}
	}
	s.Cycles = <-found
	return s
}
