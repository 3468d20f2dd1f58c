package main

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tipgraph/tipgraph/routes"
)

// hubsArgs are the flags of the hubs command.
type hubsArgs struct {
	top    int
	by     string
	weight string
}

// query checks the flags and builds the analysis' query.
func (h *hubsArgs) query(ff *filterFlags) (routes.HubsQuery, error) {
	q := routes.HubsQuery{Top: h.top}
	var err error
	if q.Filter, err = ff.filter(); err != nil {
		return q, err
	}
	if q.By, err = routes.ParseHubMetric(h.by); err != nil {
		return q, &routes.OptionError{Option: "by", Err: err}
	}
	if q.Cost, err = routes.ParseBetweennessWeight(h.weight); err != nil {
		return q, err
	}
	return q, q.Check()
}

func newHubsCmd(a *app) *cobra.Command {
	var ff filterFlags
	var ha hubsArgs
	cmd := &cobra.Command{
		Use:   "hubs",
		Short: "Rank countries by transit volume, betweenness, PageRank, inflow or outflow",
		Long: `hubs computes, for every country of the filtered leg graph: transit (victims of
records that pass through it as a via), inflow and outflow (leg victims in and
out), Brandes betweenness (normalised, by hops or with --weight inverse-victims)
and PageRank (damping 0.85, leg victims as weights), and ranks them by --by.
GROUPS is the number of trafficker groups operating in the country: its
countries in groups.csv, its members' countries of operation, and the
countries on the routes of the filtered records it operates.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q, err := ha.query(&ff)
			if err != nil {
				return err
			}
			lg, ds, err := a.aggregated(cmd.Context(), q.Filter)
			if err != nil {
				return err
			}
			res, err := q.RunGraph(cmd.Context(), lg, ds)
			if err != nil {
				return err
			}
			return a.print(ds, res)
		},
	}
	ff.register(cmd.Flags())
	ha.register(cmd.Flags())
	return cmd
}

// register defines the flags of hubs on f (the command's, or an API
// request's: /api/hubs).
func (h *hubsArgs) register(f *pflag.FlagSet) {
	f.IntVar(&h.top, "top", 0, "show only the first N countries (0: all)")
	f.StringVar(&h.by, "by", "transit", "rank by transit, betweenness, pagerank, inflow or outflow")
	f.StringVar(&h.weight, "weight", "hops", "betweenness leg length: hops or inverse-victims")
}
