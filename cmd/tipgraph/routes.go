package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// routesArgs are the flags of the routes command.
type routesArgs struct {
	from, to string
	via      []string
	remove   []string
	k        int
	by       string
}

// query checks the flags, resolves the countries and builds the query.
func (r *routesArgs) query(ff *filterFlags) (routes.RoutesQuery, error) {
	q := routes.RoutesQuery{K: r.k}
	var err error
	if q.Filter, err = ff.filter(); err != nil {
		return q, err
	}
	for _, f := range []struct{ name, value string }{{"from", r.from}, {"to", r.to}} {
		if f.value == "" {
			return q, graph.OptionErrorf(f.name, "routes needs --from and --to")
		}
	}
	if q.Cost, err = routes.ParseCost(r.by); err != nil {
		return q, &routes.OptionError{Option: "by", Err: err}
	}
	if q.From, err = routes.ResolveCountry("from", r.from); err != nil {
		return q, err
	}
	if q.To, err = routes.ResolveCountry("to", r.to); err != nil {
		return q, err
	}
	if q.Via, err = routes.ResolveCountries("via", r.via); err != nil {
		return q, err
	}
	if q.Remove, err = routes.ResolveCountries("remove", r.remove); err != nil {
		return q, err
	}
	return q, q.Check()
}

// routeStore is a store that groups routes itself (Neo4j).
type routeStore interface {
	Routes(ctx context.Context, flt graph.Filter, through ...string) ([]graph.Route, error)
}

// routes runs q: over a store that aggregates legs and routes, on what it
// returns; else on the records.
func (a *app) routes(ctx context.Context, q routes.RoutesQuery) (*routes.RoutesResult, *graph.Dataset, error) {
	return overStore(ctx, a, q.Filter, func(ds *graph.Dataset) (*routes.RoutesResult, error) { return q.Run(ctx, ds) },
		func(st graph.Store, lg *graph.LegGraph, _ *graph.Dataset) (*routes.RoutesResult, error) {
			rs, ok := st.(routeStore)
			if !ok {
				return nil, fmt.Errorf("%T aggregates legs but not routes", st)
			}
			list, err := rs.Routes(ctx, q.Filter, q.From, q.To)
			if err != nil {
				return nil, fmt.Errorf("read routes: %w", err)
			}
			return q.RunGraph(ctx, lg, list)
		})
}

func newRoutesCmd(a *app) *cobra.Command {
	var ff filterFlags
	var ra routesArgs
	cmd := &cobra.Command{
		Use:   "routes --from X --to Y",
		Short: "Observed routes between two countries, then the k best graph paths",
		Long: `routes lists the routes the records report between --from and --to (every
record whose route passes through X and later through Y, grouped by the full
route), then the k best loopless paths in the leg graph (Yen), by hop count or,
with --by victims, by the sum of 1/victims over the legs.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q, err := ra.query(&ff)
			if err != nil {
				return err
			}
			res, ds, err := a.routes(cmd.Context(), q)
			if err != nil {
				return err
			}
			return a.print(ds, res)
		},
	}
	ff.register(cmd.Flags())
	ra.register(cmd.Flags())
	return cmd
}

// register defines the flags of routes on f.
func (r *routesArgs) register(f *pflag.FlagSet) {
	f.StringVar(&r.from, "from", "", "origin or transit country (code or name)")
	f.StringVar(&r.to, "to", "", "transit or destination country (code or name)")
	f.StringArrayVar(&r.via, "via", nil, "only routes through this country (repeatable)")
	f.StringArrayVar(&r.remove, "remove", nil, "what-if: close this country to transit; routes and paths through it are left out (repeatable)")
	f.IntVar(&r.k, "k", 3, "number of graph paths")
	f.StringVar(&r.by, "by", "hops", "path cost: hops or victims (sum of 1/victims)")
}
