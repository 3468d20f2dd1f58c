package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// countryArgs are the flags of the country command.
type countryArgs struct {
	country string
	top     int
}

// query checks the flags, resolves the country and builds the query.
func (c *countryArgs) query(ff *filterFlags) (routes.CountryQuery, error) {
	q := routes.CountryQuery{Top: c.top}
	var err error
	if q.Filter, err = ff.filter(); err != nil {
		return q, err
	}
	if c.country == "" {
		return q, graph.OptionErrorf("country", "missing: the country to profile (code or name)")
	}
	if q.Country, err = routes.ResolveCountry("country", c.country); err != nil {
		return q, err
	}
	return q, q.Check()
}

func newCountryCmd(a *app) *cobra.Command {
	var ff filterFlags
	var ca countryArgs
	cmd := &cobra.Command{
		Use:   "country --country X",
		Short: "One country's profile: flows by partner, transit, routes through it, groups, trend",
		Long: `country profiles one country of the filtered data: its inflow and outflow by
partner (the legs into and out of it), the legs before and after it where the
records name it as a transit country, the observed routes through it, the
trafficker groups operating there, and the victims of its records by period as
destination, origin and transit country. --top caps each list; what it leaves
out is counted.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q, err := ca.query(&ff)
			if err != nil {
				return err
			}
			res, ds, err := a.country(cmd.Context(), q)
			if err != nil {
				return err
			}
			return a.print(ds, res)
		},
	}
	ff.register(cmd.Flags())
	ca.register(cmd.Flags())
	return cmd
}

// register defines the flags of country on f.
func (c *countryArgs) register(f *pflag.FlagSet) {
	f.StringVar(&c.country, "country", "", "the country (code or name)")
	f.IntVar(&c.top, "top", 20, "rows of each list (0: all)")
}

// throughStore is a store that finds the records through a country
// itself (Neo4j).
type throughStore interface {
	FlowsThrough(ctx context.Context, flt graph.Filter, country string) ([]*graph.Flow, error)
}

// country runs q: over a store that aggregates, on its leg graph and the
// records through the country (the other records are never read: over
// Neo4j, 1,000,000 records took 420 MB when country read them all); else
// on the records.
func (a *app) country(ctx context.Context, q routes.CountryQuery) (*routes.CountryResult, *graph.Dataset, error) {
	return overStore(ctx, a, q.Filter, func(ds *graph.Dataset) (*routes.CountryResult, error) { return q.Run(ctx, ds) },
		func(st graph.Store, lg *graph.LegGraph, ds *graph.Dataset) (*routes.CountryResult, error) {
			ts, ok := st.(throughStore)
			if !ok {
				return nil, fmt.Errorf("%T aggregates legs but does not find the records through a country", st)
			}
			flows, err := ts.FlowsThrough(ctx, q.Filter, q.Country)
			if err != nil {
				return nil, fmt.Errorf("read the records through %s: %w", q.Country, err)
			}
			return q.RunGraph(ctx, lg, ds, flows)
		})
}
