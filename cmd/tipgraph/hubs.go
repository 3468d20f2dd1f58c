package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// hubsArgs are the flags of the hubs command.
type hubsArgs struct {
	top    int
	by     string
	weight string
}

func (h *hubsArgs) check() (routes.HubMetric, routes.Cost, error) {
	if h.top < 0 {
		return "", 0, usagef("--top %d: want 0 (all) or more", h.top)
	}
	by, err := routes.ParseHubMetric(h.by)
	if err != nil {
		return "", 0, usagef("--by: %v", err)
	}
	var cost routes.Cost
	switch h.weight {
	case "", "hops":
		cost = routes.ByHops
	case "inverse-victims":
		cost = routes.ByVictims
	default:
		return "", 0, usagef("--weight %q: want hops or inverse-victims", h.weight)
	}
	return by, cost, nil
}

// hubsResult is the JSON document of SPEC section 6.
type hubsResult struct {
	By      string           `json:"by"`
	Weight  string           `json:"betweenness_weight"`
	Filter  graph.FilterJSON `json:"filter"`
	Dataset string           `json:"dataset"`
	Hubs    []routes.Hub     `json:"hubs"`
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
countries on the routes of the filtered records it operates. CYCLE says
whether the country lies on a cycle of routes (a strongly connected component
of the leg graph with more than one country).`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			flt, err := ff.filter()
			if err != nil {
				return err
			}
			by, cost, err := ha.check()
			if err != nil {
				return err
			}
			ds, err := a.dataset(cmd.Context())
			if err != nil {
				return err
			}
			lg, err := graph.NewLegGraph(ds, flt)
			if err != nil {
				return err
			}
			hubs, err := routes.Hubs(cmd.Context(), lg, by, cost)
			if err != nil {
				return err
			}
			routes.HubGroups(hubs, ds, lg)
			if ha.top > 0 && len(hubs) > ha.top {
				hubs = hubs[:ha.top]
			}
			weight := "hops"
			if cost == routes.ByVictims {
				weight = "inverse-victims"
			}
			res := hubsResult{By: string(by), Weight: weight, Filter: flt.JSON(), Dataset: lg.Dataset, Hubs: hubs}
			return a.printHubs(lg, &res)
		},
	}
	ff.register(cmd.Flags())
	f := cmd.Flags()
	f.IntVar(&ha.top, "top", 0, "show only the first N countries (0: all)")
	f.StringVar(&ha.by, "by", "transit", "rank by transit, betweenness, pagerank, inflow or outflow")
	f.StringVar(&ha.weight, "weight", "hops", "betweenness leg length: hops or inverse-victims")
	return cmd
}

func (a *app) printHubs(lg *graph.LegGraph, res *hubsResult) error {
	if a.format == "json" {
		return a.printJSON(res)
	}
	num, prec := a.countFormat(), 6
	if a.format == "csv" {
		prec = 12
	}
	rows := make([][]string, len(res.Hubs))
	for i, h := range res.Hubs {
		rows[i] = []string{itoa(i + 1), h.Country, h.Name, a.sup.cell(h.Transit, num), a.sup.cell(h.Inflow, num), a.sup.cell(h.Outflow, num), ftoa(h.Betweenness, prec), ftoa(h.PageRank, prec), itoa(h.Groups), yesNo(h.OnCycle, a.format == "csv")}
	}
	if a.format == "csv" {
		return printCSV(a.stdout, []string{"rank", "country", "name", "transit", "inflow", "outflow", "betweenness", "pagerank", "groups", "on_cycle"}, rows)
	}
	fmt.Fprintf(a.stdout, "Hubs by %s; %s; dataset %s\n\n", res.By, lg.Filter, lg.Dataset)
	defer a.sup.footnote(a.stdout)
	return printTable(a.stdout, []string{"#", "CODE", "COUNTRY", "TRANSIT", "INFLOW", "OUTFLOW", "BETWEENNESS", "PAGERANK", "GROUPS", "CYCLE"}, rows)
}

// yesNo is b as yes/no in a table, true/false in CSV.
func yesNo(b, csv bool) string {
	switch {
	case csv:
		return strconv.FormatBool(b)
	case b:
		return "yes"
	}
	return "no"
}
