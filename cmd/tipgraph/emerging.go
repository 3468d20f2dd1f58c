package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// emergingArgs are the flags of the emerging command.
type emergingArgs struct {
	destinations     []string
	regions          []string
	by               string
	baseline, recent string
	alpha            float64
	all              bool
	own              bool
	byYear           bool
	foreign          bool
	fdr              string
	exact            string
	top              int
}

// query checks the flags and builds the analysis' query; minCount is
// the global --min-count.
func (e *emergingArgs) query(ff *filterFlags, minCount int) (routes.EmergingQuery, error) {
	q := routes.EmergingQuery{All: e.all, Top: e.top, EmergingOptions: routes.EmergingOptions{Alpha: e.alpha, MinCount: minCount, Regions: e.regions, OwnPeriods: e.own,
		ByYear: e.byYear, Foreign: e.foreign, FDR: routes.Correction(e.fdr), Exact: routes.TestName(e.exact)}}
	var err error
	if q.Filter, err = ff.filter(); err != nil {
		return q, err
	}
	if q.By, err = routes.ParseGrouping(e.by, len(e.regions) > 0); err != nil {
		return q, err
	}
	if q.Destinations, err = routes.ResolveCountries("destination", e.destinations); err != nil {
		return q, err
	}
	if q.Baseline, err = routes.ParsePeriodOption("baseline", e.baseline); err != nil {
		return q, err
	}
	if q.Recent, err = routes.ParsePeriodOption("recent", e.recent); err != nil {
		return q, err
	}
	return q, q.Check()
}

// tallyStore is a store that sums the records emerging and estimate read
// itself (Neo4j).
type tallyStore interface {
	Tallies(ctx context.Context, flt graph.Filter) ([]graph.Tally, error)
}

// storeTallies asks an aggregating store for the tallies under flt.
func storeTallies(ctx context.Context, st graph.Store, flt graph.Filter) ([]graph.Tally, error) {
	ts, ok := st.(tallyStore)
	if !ok {
		return nil, fmt.Errorf("%T aggregates legs but not tallies", st)
	}
	tallies, err := ts.Tallies(ctx, flt)
	if err != nil {
		return nil, fmt.Errorf("read tallies: %w", err)
	}
	return tallies, nil
}

func newEmergingCmd(a *app) *cobra.Command {
	var ff filterFlags
	var ea emergingArgs
	cmd := &cobra.Command{
		Use:   "emerging [--destination X | --region R] [--baseline P --recent P | --own-periods | --by-year] [--foreign]",
		Short: "Rising, new, falling and substituted source countries",
		Long: `emerging compares each origin's victims and share of a destination's victims in
a baseline and a recent period (default: the earliest and latest thirds of the
data's years; a record counts when its period lies inside the period).

Each origin's change is tested: by the two-proportion z-test when every
expected count of its 2x2 table is at least 5, by Fisher's exact test (or its
mid-p version, --exact mid-p) otherwise; with --by-year by the Cochran-Armitage
trend test over the destination's reporting years (years without victims are
missing, not zero). The p-values of all origins tested in the run are adjusted
by Benjamini-Hochberg (q-values; --fdr off keeps the raw p-values).

Status: rising or falling when q < --alpha and the larger count is at least
--min-count; new (gone) when such a change starts from (ends at) no victims;
stable otherwise, with a note when an origin is absent in one period but too
small to tell from chance. Origins that changed come first, the largest change
first. A substitution pairs a falling or gone origin with the five largest
rising and new origins at the same destination, never its own nationals.
--foreign computes shares among victims of other citizenships only and reports
the destination's own nationals apart; without it the table says how much of
the change of shares is the own nationals' change. See docs/emerging.md.
--by region pools the destinations of each UN sub-region, --by overall all of
them; --region R keeps the destinations of sub-region R (pooled unless --by
destination). Destinations with victims in only one period are listed as not
compared.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q, err := ea.query(&ff, a.sup.k)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			res, ds, err := overStore(ctx, a, q.Filter, func(ds *graph.Dataset) (*routes.EmergingReport, error) { return q.Run(ctx, ds) },
				func(st graph.Store, lg *graph.LegGraph, _ *graph.Dataset) (*routes.EmergingReport, error) {
					tallies, err := storeTallies(ctx, st, q.Filter)
					if err != nil {
						return nil, err
					}
					return q.RunGraph(ctx, lg, tallies)
				})
			if err != nil {
				return err
			}
			return a.print(ds, res)
		},
	}
	ff.register(cmd.Flags())
	ea.register(cmd.Flags())
	return cmd
}

// register defines the flags of emerging on f.
func (ea *emergingArgs) register(f *pflag.FlagSet) {
	f.StringArrayVar(&ea.destinations, "destination", nil, "only this destination country (code or name, repeatable)")
	f.StringArrayVar(&ea.regions, "region", nil, `only destinations in this UN sub-region, e.g. "Southern Europe" (repeatable)`)
	f.StringVar(&ea.by, "by", "", "group destinations: destination, region or overall (default destination; region with --region)")
	f.BoolVar(&ea.own, "own-periods", false, "compare each destination (or group) between its own earlier and later records: the first half of its distinct periods against the rest")
	f.StringVar(&ea.baseline, "baseline", "", "baseline period, e.g. 1996-2003 (default: earliest third of the years)")
	f.StringVar(&ea.recent, "recent", "", "recent period, e.g. 2004-2008 (default: latest third of the years)")
	f.BoolVar(&ea.byYear, "by-year", false, "test each origin's share for a trend over the destination's reporting years (Cochran-Armitage)")
	f.BoolVar(&ea.foreign, "foreign", false, "shares among victims of other citizenships only; the destination's own nationals are reported apart")
	f.StringVar(&ea.fdr, "fdr", string(routes.BH), "false-discovery correction over all origins tested: bh (Benjamini-Hochberg) or off")
	f.StringVar(&ea.exact, "exact", string(routes.TestFisher), "test of a table with an expected count below 5: fisher or mid-p")
	f.Float64Var(&ea.alpha, "alpha", routes.DefaultAlpha, "significance level, applied to the q-values (to the p-values with --fdr off)")
	f.IntVar(&ea.top, "top", 0, "at most N origins per destination, those whose share changed most (0: all); the rest are counted")
	f.BoolVar(&ea.all, "all", false, "list stable origins in the table too (JSON and CSV always have them)")
}
