package briefing

import (
	"context"

	"github.com/tipgraph/tipgraph/graph"
)

// Data is what Build reads of a dataset: leg graphs, tallies and routes
// under a filter, and one stream of the records. A Neo4j store sums them
// itself and streams its records without the client holding them (a
// *neo4j.Store is a Data); Held is the Data of a dataset held in memory.
// Build reads the same through both, so that a briefing of a store is
// the briefing of its records.
type Data interface {
	// LegGraph is the leg graph under flt and the dataset it is of (with
	// its accounting, countries and groups; its records may be left out).
	LegGraph(ctx context.Context, flt graph.Filter) (*graph.LegGraph, *graph.Dataset, error)
	// Tallies is graph.Tallies of the records under flt.
	Tallies(ctx context.Context, flt graph.Filter) ([]graph.Tally, error)
	// WhatIfRoutes is graph.RoutesOf the records under flt.
	WhatIfRoutes(ctx context.Context, flt graph.Filter, displacement float64) ([]graph.Route, error)
	// EachFlow hands every record, in any order, to the consumer that
	// start returns; a stream that starts over calls start again, and
	// only the last consumer counts.
	EachFlow(ctx context.Context, start func() func(*graph.Flow)) (*graph.Dataset, error)
}

// Held is the Data of ds, a dataset held in memory.
func Held(ds *graph.Dataset) Data { return held{ds} }

type held struct{ ds *graph.Dataset }

func (h held) LegGraph(_ context.Context, flt graph.Filter) (*graph.LegGraph, *graph.Dataset, error) {
	lg, err := graph.NewLegGraph(h.ds, flt)
	return lg, h.ds, err
}

func (h held) Tallies(_ context.Context, flt graph.Filter) ([]graph.Tally, error) {
	return graph.Tallies(h.kept(flt)), nil
}

func (h held) WhatIfRoutes(_ context.Context, flt graph.Filter, displacement float64) ([]graph.Route, error) {
	return graph.RoutesOf(h.kept(flt), displacement), nil
}

func (h held) EachFlow(_ context.Context, start func() func(*graph.Flow)) (*graph.Dataset, error) {
	add := start()
	for i := range h.ds.Flows {
		add(&h.ds.Flows[i])
	}
	return h.ds, nil
}

// kept are the records under flt, in dataset order.
func (h held) kept(flt graph.Filter) []*graph.Flow {
	var out []*graph.Flow
	for i := range h.ds.Flows {
		if flt.Keep(&h.ds.Flows[i]) {
			out = append(out, &h.ds.Flows[i])
		}
	}
	return out
}
