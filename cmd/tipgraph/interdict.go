package main

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tipgraph/tipgraph/graph"

	"github.com/tipgraph/tipgraph/routes"
)

// interdictArgs are the flags of the interdict command.
type interdictArgs struct {
	k            int
	displacement float64
	by           string
}

// query checks the flags and builds the analysis' query.
func (ia *interdictArgs) query(ff *filterFlags) (routes.InterdictQuery, error) {
	q := routes.InterdictQuery{InterdictOptions: routes.InterdictOptions{K: ia.k, Displacement: ia.displacement}}
	var err error
	if q.Filter, err = ff.filter(); err != nil {
		return q, err
	}
	if q.Cost, err = routes.ParseCost(ia.by); err != nil {
		return q, &routes.OptionError{Option: "by", Err: err}
	}
	return q, q.Check()
}

func newInterdictCmd(a *app) *cobra.Command {
	var ff filterFlags
	var ia interdictArgs
	cmd := &cobra.Command{
		Use:   "interdict --k N",
		Short: "Which N transit countries to remove to disrupt most victims",
		Long: `interdict finds the set of at most --k transit countries (vias of at least one
filtered record) whose joint removal disrupts most victims under the rules of
divert. The search is exact (branch and bound) when there are at most 200,000
subsets of at most k candidates, greedy otherwise, with an upper bound on the
best possible; each chosen country's marginal gain is shown.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q, err := ia.query(&ff)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			res, ds, err := overRoutes(ctx, a, q.Filter, func(ds *graph.Dataset) (*routes.InterdictResult, error) { return q.Run(ctx, ds) },
				func(lg *graph.LegGraph, records routes.Records) (*routes.InterdictResult, error) {
					return q.RunRecords(ctx, lg, records)
				},
				func(st graph.Store, lg *graph.LegGraph, _ *graph.Dataset) (*routes.InterdictResult, error) {
					list, err := whatIfRoutes(ctx, st, q.Filter, q.Displacement)
					if err != nil {
						return nil, err
					}
					return q.RunGraph(ctx, lg, list)
				})
			if err != nil {
				return err
			}
			return a.print(ds, res)
		},
	}
	ff.register(cmd.Flags())
	ia.register(cmd.Flags())
	return cmd
}

// register defines the flags of interdict on f.
func (ia *interdictArgs) register(f *pflag.FlagSet) {
	f.IntVar(&ia.k, "k", 2, "largest number of transit countries to remove")
	f.Float64Var(&ia.displacement, "displacement", 1, "share of the affected victims that moves to another route (0 to 1)")
	f.StringVar(&ia.by, "by", "hops", "new route cost: hops or victims (sum of 1/victims)")
}
