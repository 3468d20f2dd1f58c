package routes

import (
	"context"

	"github.com/tipgraph/tipgraph/graph/privacy"

	"github.com/tipgraph/tipgraph/graph"
)

// Summary is the size and shape of a filtered dataset.
type Summary struct {
	Dataset   string           `json:"dataset"`
	Filter    graph.FilterJSON `json:"filter"`
	Countries int              `json:"countries"`
	Records   int              `json:"records"`
	Legs      int              `json:"legs"`
	Victims   graph.Count      `json:"victims"`
	// Periods are the distinct periods of the records, in time order.
	Periods   []string               `json:"periods"`
	FirstYear int                    `json:"first_year"`
	LastYear  int                    `json:"last_year"`
	Sources   int                    `json:"sources"`
	Domestic  int                    `json:"domestic_records"`
	Transit   int                    `json:"transit_countries"`
	ByForm    map[string]graph.Count `json:"victims_by_form"`
	ByMeasure map[string]graph.Count `json:"victims_by_measure"`
	ByVector  map[string]graph.Count `json:"leg_victims_by_vector"`
	// Indicators counts the rows of statistical tables that are not flows
	// (other indicators, dimensions, breakdowns), from the dataset.
	Indicators []graph.Indicator `json:"indicators,omitempty"`
	// FilterText is the filter in words.
	FilterText string `json:"-"`
	// Cycles are the countries that lie on a cycle of routes.
	Cycles *Cycles `json:"strongly_connected"`
}

// Summarize counts what the leg graph holds. Sources counts distinct
// source citations. The time complexity is O(R·L + E), with
// StronglyConnected.
func Summarize(lg *graph.LegGraph) Summary {
	s := Summary{
		Dataset: lg.Dataset, Filter: lg.Filter.JSON(),
		Countries: lg.Index.N(), Legs: len(lg.Index.Legs),
		ByForm: map[string]graph.Count{}, ByMeasure: map[string]graph.Count{}, ByVector: map[string]graph.Count{},
		FilterText: lg.Filter.String(),
		Periods:    []string{},
	}
	// The library's search runs beside the totals.
	found := make(chan *Cycles, 1)
	go func() { found <- StronglyConnected(lg) }()
	t := lg.Totals()
	s.Records, s.Victims, s.Domestic, s.Sources = t.Records, graph.Count(t.Victims), t.Domestic, t.Sources
	for f, v := range t.ByForm {
		s.ByForm[f.String()] = graph.Count(v)
	}
	for m, v := range t.ByMeasure {
		s.ByMeasure[m.String()] = graph.Count(v)
	}
	s.Transit = len(TransitVolume(lg))
	for i, p := range t.Periods {
		s.Periods = append(s.Periods, p.String())
		if i == 0 || p.From < s.FirstYear {
			s.FirstYear = p.From
		}
		s.LastYear = max(s.LastYear, p.To)
	}
	for _, l := range lg.Index.Legs {
		for _, vv := range l.Vectors() {
			s.ByVector[vv.Vector.String()] += graph.Count(vv.Victims)
		}
	}
	s.Cycles = <-found
	return s
}

// Suppress makes sure that no hidden victim count of a breakdown is the
// total minus the breakdown's other shown parts: victims by form and by
// measure each add up to the victims. (Leg victims by vector add up to a
// sum over legs that no output shows.)
func (s *Summary) Suppress(st *privacy.State) {
	st.ComplementMap(&s.Victims, s.ByForm)
	st.ComplementMap(&s.Victims, s.ByMeasure)
}

// SummaryQuery asks for the summary of a dataset under a filter.
type SummaryQuery struct {
	Filter graph.Filter
}

// Run builds the leg graph of ds under the filter and summarises it.
func (q SummaryQuery) Run(ctx context.Context, ds *graph.Dataset) (*Summary, error) {
	lg, err := graph.NewLegGraph(ds, q.Filter)
	if err != nil {
		return nil, err
	}
	return q.RunGraph(ctx, lg, ds)
}

// RunGraph summarises lg, a leg graph built by a store under q.Filter,
// with the indicators of ds (the dataset it belongs to).
func (q SummaryQuery) RunGraph(_ context.Context, lg *graph.LegGraph, ds *graph.Dataset) (*Summary, error) {
	s := Summarize(lg)
	s.Indicators = ds.Indicators
	return &s, nil
}
