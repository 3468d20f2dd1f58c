package routes

import (
	"context"
	"math"
	"slices"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
)

// DivertQuery is the what-if of the divert command: one diversion
// (Remove), or every transit country closed alone (Each).
type DivertQuery struct {
	Filter graph.Filter
	DivertOptions
	Each bool
	// Top is how many rows a table shows (0: all); JSON and CSV have all
	// unless Limit is set.
	Top int
	// Limit keeps at most Limit reroutes in every format (0: all), the
	// largest; the others are counted in ReroutesLeftOut.
	Limit int
}

// Check validates the query.
func (q *DivertQuery) Check() error {
	if q.Each && len(q.Remove) > 0 {
		return optionErr("remove", "give remove or each, not both")
	}
	if !q.Each && len(q.Remove) == 0 {
		return optionErr("remove", "divert needs a transit country to remove (repeatable), or each")
	}
	if q.Each && q.Capacity != 0 {
		return optionErr("capacity", "each runs without capacities; drop capacity")
	}
	if err := checkDisplacement(q.Displacement); err != nil {
		return err
	}
	if math.IsNaN(q.Capacity) || math.IsInf(q.Capacity, 0) || q.Capacity < 0 {
		return optionErr("capacity", "%v: want a factor > 0 (0: no limit)", q.Capacity)
	}
	if q.Limit < 0 {
		return optionErr("limit", "%d: want 0 (all) or more", q.Limit)
	}
	return checkTop(q.Top)
}

// ReroutesLeftOut counts the reroutes a limit left out.
type ReroutesLeftOut struct {
	Rows     int         `json:"rows"`
	Victims  graph.Count `json:"victims"`
	Deterred graph.Count `json:"deterred"`
}

// DivertResult is one diversion with the data it ran on.
type DivertResult struct {
	Dataset string           `json:"dataset"`
	Filter  graph.FilterJSON `json:"filter"`
	*Diversion
	// Note says when the records name no transit country (nothing can
	// be closed to transit).
	Note string `json:"note,omitempty"`
	// ReroutesLeftOut counts the reroutes Limit left out (nil: none).
	ReroutesLeftOut *ReroutesLeftOut `json:"reroutes_left_out,omitempty"`
	// Names are the countries' names by code; FilterText the filter in
	// words; Top the table's row limit.
	Names      map[string]string `json:"-"`
	FilterText string            `json:"-"`
	Top        int               `json:"-"`
}

// SweepResult is every transit country closed alone.
type SweepResult struct {
	Dataset      string           `json:"dataset"`
	Filter       graph.FilterJSON `json:"filter"`
	Displacement float64          `json:"displacement"`
	By           string           `json:"by"`
	Sweep        []SweepEntry     `json:"sweep"`
	Note         string           `json:"note,omitempty"`
	// As in DivertResult.
	Names      map[string]string `json:"-"`
	FilterText string            `json:"-"`
	Top        int               `json:"-"`
}

// Run checks the query and runs it on ds: a *DivertResult, or a
// *SweepResult with Each.
func (q DivertQuery) Run(ctx context.Context, ds *graph.Dataset) (any, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	lg, err := graph.NewLegGraph(ds, q.Filter)
	if err != nil {
		return nil, err
	}
	return q.runOn(ctx, lg, func() (*WhatIf, error) { return NewWhatIf(lg, q.Displacement, q.Cost) })
}

// RunGraph is Run on lg, the leg graph under q.Filter that a store
// aggregated, and routes, the store's distinct filtered routes with
// Displaced at q.Displacement (see NewWhatIfOf).
func (q DivertQuery) RunGraph(ctx context.Context, lg *graph.LegGraph, routes []graph.Route) (any, error) {
	return q.runOn(ctx, lg, func() (*WhatIf, error) { return NewWhatIfOf(lg, routes, q.Displacement, q.Cost) })
}

// RunRecords is Run on lg, the leg graph under q.Filter built without
// keeping its records, and records, those records one by one (see
// NewWhatIfOfRecords).
func (q DivertQuery) RunRecords(ctx context.Context, lg *graph.LegGraph, records Records) (any, error) {
	return q.runOn(ctx, lg, func() (*WhatIf, error) { return NewWhatIfOfRecords(lg, records, q.Displacement, q.Cost) })
}

// RunWhatIf is Run on lg, the leg graph under q.Filter, and w, its
// what-if at q.Displacement and q.Cost (serve keeps both).
func (q DivertQuery) RunWhatIf(ctx context.Context, lg *graph.LegGraph, w *WhatIf) (any, error) {
	return q.runOn(ctx, lg, func() (*WhatIf, error) { return w, nil })
}

// runOn checks q, then runs it on lg and the what-if newWhatIf makes.
func (q DivertQuery) runOn(ctx context.Context, lg *graph.LegGraph, newWhatIf func() (*WhatIf, error)) (any, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	w, err := newWhatIf()
	if err != nil {
		return nil, err
	}
	return q.run(ctx, lg, w)
}

func (q DivertQuery) run(ctx context.Context, lg *graph.LegGraph, w *WhatIf) (any, error) {
	if q.Each {
		sweep, err := w.Each(ctx)
		if err != nil {
			return nil, err
		}
		res := &SweepResult{Dataset: lg.Dataset, Filter: q.Filter.JSON(), Displacement: q.Displacement, By: q.Cost.String(), Sweep: sweep,
			FilterText: lg.Filter.String(), Top: q.Top, Names: map[string]string{}, Note: noTransit(lg)}
		for _, s := range sweep {
			res.Names[s.Country] = lg.Country(s.Country).Name
		}
		return res, nil
	}
	if err := q.DivertOptions.check(); err != nil {
		return nil, err
	}
	div, err := w.Divert(ctx, q.Remove, q.Capacity)
	if err != nil {
		return nil, err
	}
	return q.Result(lg, div), nil
}

// Result is the answer of q (not Each) from div, the diversion of
// q.DivertOptions on lg, with Limit applied. div is not modified: the
// result holds copies of its countries and kept reroutes, so a diversion
// kept for later requests (serve) stays as computed when the result is
// limited or its counts hidden (Suppress).
func (q DivertQuery) Result(lg *graph.LegGraph, div *Diversion) *DivertResult {
	d := *div
	d.Countries = slices.Clone(div.Countries)
	keep := len(div.Reroutes)
	if q.Limit > 0 {
		keep = min(keep, q.Limit)
	}
	d.Reroutes = slices.Clone(div.Reroutes[:keep])
	res := &DivertResult{Dataset: lg.Dataset, Filter: q.Filter.JSON(), Diversion: &d, FilterText: lg.Filter.String(), Top: q.Top, Names: map[string]string{}, Note: noTransit(lg)}
	for _, c := range d.Removed {
		res.Names[c] = lg.Country(c).Name
	}
	for _, c := range d.Countries {
		res.Names[c.Country] = lg.Country(c.Country).Name
	}
	if keep < len(div.Reroutes) {
		lo := &ReroutesLeftOut{}
		for _, r := range div.Reroutes[keep:] {
			lo.Rows++
			lo.Victims += r.Victims
			lo.Deterred += r.Deterred
		}
		res.ReroutesLeftOut = lo
	}
	return res
}

// Suppress is Diversion's, with the victims a limit left out counted
// among the parts of the totals (they are shown as one sum).
func (r *DivertResult) Suppress(s *privacy.State) {
	d := r.Diversion
	d.Suppress(s)
	lo := r.ReroutesLeftOut
	if lo == nil {
		return
	}
	moved := []*graph.Count{&lo.Victims}
	deterred := []*graph.Count{&lo.Deterred}
	for i := range d.Reroutes {
		moved, deterred = append(moved, &d.Reroutes[i].Victims), append(deterred, &d.Reroutes[i].Deterred)
	}
	s.ComplementSum([]*graph.Count{&d.Rerouted, &d.Disrupted}, moved)
	s.Complement(&d.Deterred, deterred...)
}

// InterdictQuery is the interdict command's question.
type InterdictQuery struct {
	Filter graph.Filter
	InterdictOptions
}

// Check validates the query.
func (q *InterdictQuery) Check() error {
	if q.K < 1 {
		return optionErr("k", "%d: want at least 1", q.K)
	}
	return checkDisplacement(q.Displacement)
}

// InterdictResult is the best removal set with the data it ran on.
type InterdictResult struct {
	Dataset      string           `json:"dataset"`
	Filter       graph.FilterJSON `json:"filter"`
	Displacement float64          `json:"displacement"`
	By           string           `json:"by"`
	*Interdiction
	Note string `json:"note,omitempty"`
	// As in DivertResult.
	Names      map[string]string `json:"-"`
	FilterText string            `json:"-"`
}

// Run checks the query and runs Interdict on ds.
func (q InterdictQuery) Run(ctx context.Context, ds *graph.Dataset) (*InterdictResult, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	lg, err := graph.NewLegGraph(ds, q.Filter)
	if err != nil {
		return nil, err
	}
	return q.runOn(lg, func() (*Interdiction, error) { return Interdict(ctx, lg, q.InterdictOptions) })
}

// RunGraph is Run on lg, the leg graph under q.Filter that a store
// aggregated, and routes, the store's distinct filtered routes with
// Displaced at q.Displacement (see NewWhatIfOf).
func (q InterdictQuery) RunGraph(ctx context.Context, lg *graph.LegGraph, routes []graph.Route) (*InterdictResult, error) {
	return q.runOn(lg, func() (*Interdiction, error) { return InterdictOf(ctx, lg, routes, q.InterdictOptions) })
}

// RunRecords is Run on lg, the leg graph under q.Filter built without
// keeping its records, and records, those records one by one.
func (q InterdictQuery) RunRecords(ctx context.Context, lg *graph.LegGraph, records Records) (*InterdictResult, error) {
	return q.runOn(lg, func() (*Interdiction, error) { return InterdictOfRecords(ctx, lg, records, q.InterdictOptions) })
}

// RunWhatIf is Run on lg, the leg graph under q.Filter, and w, its
// what-if at q.Displacement and q.Cost (serve keeps both).
func (q InterdictQuery) RunWhatIf(ctx context.Context, lg *graph.LegGraph, w *WhatIf) (*InterdictResult, error) {
	return q.runOn(lg, func() (*Interdiction, error) { return w.Interdict(ctx, q.InterdictOptions) })
}

// runOn checks q, then runs interdict and answers with its result on lg.
func (q InterdictQuery) runOn(lg *graph.LegGraph, interdict func() (*Interdiction, error)) (*InterdictResult, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	in, err := interdict()
	if err != nil {
		return nil, err
	}
	return q.result(lg, in), nil
}

func (q InterdictQuery) result(lg *graph.LegGraph, in *Interdiction) *InterdictResult {
	res := &InterdictResult{Dataset: lg.Dataset, Filter: q.Filter.JSON(), Displacement: q.Displacement, By: q.Cost.String(), Interdiction: in,
		FilterText: lg.Filter.String(), Names: map[string]string{}, Note: noTransit(lg)}
	for _, g := range in.Gains {
		res.Names[g.Country] = lg.Country(g.Country).Name
	}
	return res
}

// noTransit is the note of the what-if analyses on records without
// transit countries: what the data lacks and what would be needed.
func noTransit(lg *graph.LegGraph) string {
	if HasTransit(lg) {
		return ""
	}
	return NoTransitNote + ": closing a transit country changes nothing. A what-if needs records whose via column lists the countries the victims passed through, in order."
}
