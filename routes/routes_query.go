package routes

import (
	"context"
	"errors"
	"slices"

	"github.com/tipgraph/tipgraph/graph"
)

// RoutesQuery asks for the routes between two countries: those the
// records report, then the K best paths of the leg graph.
type RoutesQuery struct {
	Filter   graph.Filter
	From, To string
	Via      []string
	K        int
	Cost     Cost
	// Remove closes countries to transit (a what-if): observed routes
	// through one of them as a transit country are left out, and no
	// path passes through one.
	Remove []string
}

// Check validates the query.
func (q *RoutesQuery) Check() error {
	if q.From == "" || q.To == "" {
		return optionErr("from", "routes needs from and to")
	}
	if q.K < 1 {
		return optionErr("k", "%d: want at least 1", q.K)
	}
	return nil
}

// RoutesResult is the observed routes and the best paths.
type RoutesResult struct {
	From     string           `json:"from"`
	To       string           `json:"to"`
	Via      []string         `json:"via"`
	By       string           `json:"by"`
	K        int              `json:"k"`
	Filter   graph.FilterJSON `json:"filter"`
	Observed []Observed       `json:"observed"`
	Paths    []Path           `json:"paths"`
	// Removed are the countries closed to transit; Closed counts the
	// observed routes left out because they pass through one.
	Removed []string `json:"removed,omitempty"`
	Closed  *Closed  `json:"closed,omitempty"`
	// Note warns that the paths chain legs of different records when
	// the records name no transit country.
	Note string `json:"note,omitempty"`
	// NoPath says why no path leads there (tables print it).
	NoPath *NoPathError `json:"-"`
	// Names are the countries' names by code, Dataset and FilterText
	// what the table's title says.
	Names      map[string]string `json:"-"`
	Dataset    string            `json:"-"`
	FilterText string            `json:"-"`
}

// Run checks the query and runs ObservedRoutes and KPaths on ds. No path
// is not an error: Paths is then empty.
func (q RoutesQuery) Run(ctx context.Context, ds *graph.Dataset) (*RoutesResult, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	lg, err := graph.NewLegGraph(ds, q.Filter)
	if err != nil {
		return nil, err
	}
	return q.run(ctx, lg, ObservedRoutes(lg, q.From, q.To, q.Via...))
}

// RunGraph is Run on lg, the leg graph under q.Filter that a store
// aggregated, and routes, the store's filtered routes through q.From and
// q.To grouped by route (at least those ObservedRoutes would keep).
func (q RoutesQuery) RunGraph(ctx context.Context, lg *graph.LegGraph, routes []graph.Route) (*RoutesResult, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	return q.run(ctx, lg, ObservedIn(routes, q.From, q.To, q.Via...))
}

func (q RoutesQuery) run(ctx context.Context, lg *graph.LegGraph, all []Observed) (*RoutesResult, error) {
	observed, closed := closeRoutes(all, q.Remove)
	res := &RoutesResult{
		From: q.From, To: q.To, Via: q.Via, By: q.Cost.String(), K: q.K, Filter: q.Filter.JSON(),
		Observed: observed, Removed: q.Remove, Closed: closed,
		Paths:   []Path{},
		Names:   map[string]string{q.From: lg.Country(q.From).Name, q.To: lg.Country(q.To).Name},
		Dataset: lg.Dataset, FilterText: lg.Filter.String(),
	}
	if res.Via == nil {
		res.Via = []string{}
	}
	paths, err := KPathsAvoiding(ctx, lg.Index, q.From, q.To, q.K, q.Cost, q.Remove, q.Via...)
	var np *NoPathError
	if err != nil && !errors.As(err, &np) {
		return nil, err
	}
	res.NoPath = np
	if paths != nil {
		res.Paths = paths
	}
	if !HasTransit(lg) && len(res.Paths) > 0 {
		res.Note = NoTransitNote + ": the data holds origin-destination pairs only, so a path of more than one leg chains legs reported for different victims, not a route anyone is known to have taken."
	}
	return res, nil
}

// Closed counts the observed routes a what-if closed.
type Closed struct {
	Routes  int         `json:"routes"`
	Records int         `json:"records"`
	Victims graph.Count `json:"victims"`
}

// closeRoutes leaves out the routes with a removed country as a transit
// country (not as origin or destination, as the diversion rule); closed is
// nil when nothing is removed.
func closeRoutes(obs []Observed, remove []string) (open []Observed, closed *Closed) {
	if len(remove) == 0 {
		return obs, nil
	}
	closed = &Closed{}
	open = make([]Observed, 0, len(obs))
	for _, o := range obs {
		through := len(o.Path) > 2 && slices.ContainsFunc(o.Path[1:len(o.Path)-1], func(c string) bool { return slices.Contains(remove, c) })
		if !through {
			open = append(open, o)
			continue
		}
		closed.Routes++
		closed.Records += o.Records
		closed.Victims += o.Victims
	}
	return open, closed
}
