package main

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// groupsArgs are the flags of the groups command.
type groupsArgs struct {
	group      string
	country    string
	brokers    int
	remove     []string
	disrupt    int
	unweighted bool
	byPeriod   bool
}

// query checks the flags and builds the analysis' query.
func (g *groupsArgs) query(ff *filterFlags) (groups.Query, error) {
	q := groups.Query{Group: g.group, Brokers: g.brokers, Remove: g.remove, Disrupt: g.disrupt, Unweighted: g.unweighted, ByPeriod: g.byPeriod}
	var err error
	if q.Filter, err = ff.filter(); err != nil {
		return q, err
	}
	if g.country != "" {
		if q.Country, err = routes.ResolveCountry("country", g.country); err != nil {
			return q, err
		}
	}
	return q, q.Check()
}

func newGroupsCmd(a *app) *cobra.Command {
	var ff filterFlags
	var ga groupsArgs
	cmd := &cobra.Command{
		Use:   "groups",
		Short: "Structure of trafficker groups: roles, brokers, cut points, cells",
		Long: `groups reports, for every trafficker group of the dataset (or the one given
by --group, or those operating in --country): size, role counts, female share,
members' nationalities against the nationalities (origins) of the victims on
the flows it operates, countries spanned, a structure class (individual, small
cell, chain, hierarchy, network), brokers (betweenness on the undirected member
graph, normalised as NetworkX betweenness_centrality(G, normalized=True)), cut
points (members whose removal splits the group), cells (members by country of
operation) and the bridges between them, and the flows and victims it operates.
A group operates in a country named in its countries, its members' countries,
or on the route of a flow it operates. The analysis filters (--year, --form,
--vector...) restrict the flows: a group's operated records, victims, victims'
nationalities and route countries then come from the records that pass them;
its members and structure do not change, but ties that carry a date or period
(edge lists) count only within --years.

Ties may carry weights (call counts of an adjacency matrix or edge list):
brokers are then by weighted betweenness (a tie's length is 1/weight) unless
--unweighted, and each broker shows degree and strength (sum of weights).

What-if arrests: --group G --remove P (repeatable) removes members and reports
Borgatti's fragmentation F (1 minus the share of ordered pairs of remaining
members that reach each other), his distance-weighted fragmentation, the
components, the brokers who take over and the cells cut off; --disrupt K
chooses the at most K members whose removal maximises F (exact when every
subset fits the budget, else greedy with swaps and an upper bound).

Brokers over time: --group G --by-period follows the --brokers top brokers of
every period the group's ties carry (an edge list's dates are years; within
--years when given): per period their betweenness and rank, as --years P would
give them, and who rose and fell most since the period before.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q, err := ga.query(&ff)
			if err != nil {
				return err
			}
			ds, err := a.groupData(cmd.Context())
			if err != nil {
				return err
			}
			if q.ByPeriod {
				tl, err := q.Timeline(cmd.Context(), ds)
				if err != nil {
					return err
				}
				return a.print(ds, tl)
			}
			res, err := q.Run(cmd.Context(), ds)
			if err != nil {
				return err
			}
			return a.print(ds, res)
		},
	}
	ff.register(cmd.Flags())
	ga.register(cmd.Flags())
	return cmd
}

// register defines the flags of groups on f.
func (ga *groupsArgs) register(f *pflag.FlagSet) {
	f.StringVar(&ga.group, "group", "", "only this group (its id); shows the full report")
	f.StringVar(&ga.country, "country", "", "only groups operating in this country (code or name)")
	f.IntVar(&ga.brokers, "brokers", 5, "show the N members of highest betweenness per group (0: every member above 0)")
	f.StringArrayVar(&ga.remove, "remove", nil, "what-if: remove (arrest) this member of --group (repeatable)")
	f.IntVar(&ga.disrupt, "disrupt", 0, "what-if: the at most K members of --group whose removal fragments it most")
	f.BoolVar(&ga.unweighted, "unweighted", false, "ignore tie weights (brokers by hop counts)")
	f.BoolVar(&ga.byPeriod, "by-period", false, "how the brokers of --group change over the periods of its dated ties")
}

// groupData is the dataset with, as its records, only those that name a
// group, in read order: all that the groups analyses read of the records
// (the flows each group operates). They come with the leg graph, from
// the stream of --data or from the store's aggregation, so the other
// records are never held: on 1,000,000 generated records, a third of
// them name a group.
func (a *app) groupData(ctx context.Context) (*graph.Dataset, error) {
	lg, ds, err := a.aggregated(ctx, graph.Filter{})
	if err != nil || ds.Flows != nil { // the records could not be left out
		return ds, err
	}
	return withRecords(ds, lg.Flows), nil
}

// withRecords is ds with copies of flows as its records.
func withRecords(ds *graph.Dataset, flows []*graph.Flow) *graph.Dataset {
	sub := *ds
	sub.Flows = make([]graph.Flow, len(flows))
	for i, f := range flows {
		sub.Flows[i] = *f
	}
	return &sub
}
