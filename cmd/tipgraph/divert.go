package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tipgraph/tipgraph/graph"

	"github.com/tipgraph/tipgraph/routes"
)

// divertArgs are the flags of the divert command.
type divertArgs struct {
	remove       []string
	displacement float64
	by           string
	capacity     float64
	each         bool
	top          int
	limit        int
}

// query checks the flags and builds the analysis' query.
func (d *divertArgs) query(ff *filterFlags) (routes.DivertQuery, error) {
	q := routes.DivertQuery{Each: d.each, Top: d.top, Limit: d.limit,
		DivertOptions: routes.DivertOptions{Displacement: d.displacement, Capacity: d.capacity}}
	var err error
	if q.Filter, err = ff.filter(); err != nil {
		return q, err
	}
	if q.Cost, err = routes.ParseCost(d.by); err != nil {
		return q, &routes.OptionError{Option: "by", Err: err}
	}
	if q.Remove, err = routes.ResolveCountries("remove", d.remove); err != nil {
		return q, err
	}
	return q, q.Check()
}

// whatIfStore is a store that groups the routes of a what-if itself
// (Neo4j).
type whatIfStore interface {
	WhatIfRoutes(ctx context.Context, flt graph.Filter, displacement float64) ([]graph.Route, error)
}

// divert runs q: on --data over the streamed leg graph and routes; over
// a store that aggregates legs and routes, on what it returns; else on
// the records.
func (a *app) divert(ctx context.Context, q routes.DivertQuery) (any, *graph.Dataset, error) {
	return overRoutes(ctx, a, q.Filter, func(ds *graph.Dataset) (any, error) { return q.Run(ctx, ds) },
		func(lg *graph.LegGraph, records routes.Records) (any, error) { return q.RunRecords(ctx, lg, records) },
		func(st graph.Store, lg *graph.LegGraph, _ *graph.Dataset) (any, error) {
			list, err := whatIfRoutes(ctx, st, q.Filter, q.Displacement)
			if err != nil {
				return nil, err
			}
			return q.RunGraph(ctx, lg, list)
		})
}

// whatIfRoutes asks an aggregating store for the routes of a what-if.
func whatIfRoutes(ctx context.Context, st graph.Store, flt graph.Filter, displacement float64) ([]graph.Route, error) {
	ws, ok := st.(whatIfStore)
	if !ok {
		return nil, fmt.Errorf("%T aggregates legs but not what-if routes", st)
	}
	// What the reads leave behind (the driver's rows: about 100 MB for
	// the leg graph and 250 MB for half a million routes of a million
	// generated records) goes before the next step allocates, as after
	// streaming the records (app.stream): the CLI collects garbage only
	// near 1.2 GiB.
	runtime.GC()
	list, err := ws.WhatIfRoutes(ctx, flt, displacement)
	if err != nil {
		return nil, fmt.Errorf("read routes: %w", err)
	}
	runtime.GC()
	return list, nil
}

func newDivertCmd(a *app) *cobra.Command {
	var ff filterFlags
	var da divertArgs
	cmd := &cobra.Command{
		Use:   "divert --remove X [--remove Y] [--displacement F]",
		Short: "What-if: remove transit countries and re-route their flows",
		Long: `divert removes transit countries and re-routes the flow records that pass
through them (as a via). Of each affected record's victims, the share
--displacement (rounded half to even) moves to the cheapest path from its origin
to its destination in the filtered leg graph without the removed countries (by
hops, or --by victims: 1/victims of the legs before the removal) and the rest is
deterred; with no path left they are disrupted. With --capacity F a leg carries
at most F times its observed victims and the overflow is disrupted by capacity.
--each removes every transit country alone and ranks them by disrupted victims.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q, err := da.query(&ff)
			if err != nil {
				return err
			}
			res, ds, err := a.divert(cmd.Context(), q)
			if err != nil {
				return err
			}
			return a.print(ds, res)
		},
	}
	ff.register(cmd.Flags())
	da.register(cmd.Flags())
	return cmd
}

// register defines the flags of divert on f.
func (d *divertArgs) register(f *pflag.FlagSet) {
	f.StringArrayVar(&d.remove, "remove", nil, "transit country to remove (code or name, repeatable)")
	f.Float64Var(&d.displacement, "displacement", 1, "share of the affected victims that moves to another route (0 to 1)")
	f.StringVar(&d.by, "by", "hops", "new route cost: hops or victims (sum of 1/victims)")
	f.Float64Var(&d.capacity, "capacity", 0, "legs carry at most F times their observed victims (0: no limit)")
	f.BoolVar(&d.each, "each", false, "remove every transit country alone and rank them")
	f.IntVar(&d.top, "top", 20, "table rows to show (0: all); JSON and CSV have all unless --limit")
	f.IntVar(&d.limit, "limit", 0, "keep at most N reroutes, the largest, in every format (0: all); the rest are counted in reroutes_left_out")
}
