package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// interdictArgs are the flags of the interdict command.
type interdictArgs struct {
	k            int
	displacement float64
	by           string
}

func (ia *interdictArgs) check() (routes.InterdictOptions, error) {
	if ia.k < 1 {
		return routes.InterdictOptions{}, usagef("--k %d: want at least 1", ia.k)
	}
	if err := checkDisplacement(ia.displacement); err != nil {
		return routes.InterdictOptions{}, err
	}
	cost, err := routes.ParseCost(ia.by)
	if err != nil {
		return routes.InterdictOptions{}, usagef("--by: %v", err)
	}
	return routes.InterdictOptions{K: ia.k, Displacement: ia.displacement, Cost: cost}, nil
}

// interdictResult is the JSON document of interdict (docs/commands.md).
type interdictResult struct {
	Dataset      string           `json:"dataset"`
	Filter       graph.FilterJSON `json:"filter"`
	Displacement float64          `json:"displacement"`
	By           string           `json:"by"`
	*routes.Interdiction
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
			flt, err := ff.filter()
			if err != nil {
				return err
			}
			opt, err := ia.check()
			if err != nil {
				return err
			}
			lg, err := a.legGraph(cmd.Context(), flt)
			if err != nil {
				return err
			}
			in, err := routes.Interdict(cmd.Context(), lg, opt)
			if err != nil {
				return err
			}
			res := interdictResult{Dataset: lg.Dataset, Filter: flt.JSON(), Displacement: opt.Displacement, By: opt.Cost.String(), Interdiction: in}
			return a.printInterdict(lg, &res)
		},
	}
	ff.register(cmd.Flags())
	f := cmd.Flags()
	f.IntVar(&ia.k, "k", 2, "largest number of transit countries to remove")
	f.Float64Var(&ia.displacement, "displacement", 1, "share of the affected victims that moves to another route (0 to 1)")
	f.StringVar(&ia.by, "by", "hops", "new route cost: hops or victims (sum of 1/victims)")
	return cmd
}

func (a *app) printInterdict(lg *graph.LegGraph, res *interdictResult) error {
	if a.format == "json" {
		return a.printJSON(res)
	}
	num := a.countFormat()
	rows := make([][]string, len(res.Gains))
	for i, g := range res.Gains {
		rows[i] = []string{itoa(i + 1), g.Country, lg.Country(g.Country).Name, a.sup.cell(g.Gain, num), a.sup.cell(g.Disrupted, num)}
	}
	if a.format == "csv" {
		return printCSV(a.stdout, []string{"order", "country", "name", "gain", "disrupted"}, rows)
	}
	w := a.stdout
	fmt.Fprintf(w, "Interdiction: at most %d of %d transit countries; displacement %g; new routes by %s; %s; dataset %s\n",
		res.K, res.Candidates, res.Displacement, res.By, lg.Filter, lg.Dataset)
	fmt.Fprintf(w, "Method: %s\n\n", res.Method)
	defer a.sup.footnote(w)
	if len(res.Gains) == 0 {
		fmt.Fprintln(w, "No removal of transit countries disrupts any victim: every affected flow has another route.")
		return nil
	}
	if err := printTable(w, []string{"#", "CODE", "COUNTRY", "GAIN", "DISRUPTED"}, rows); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nRemoving %d countries disrupts %s victims; of the %s affected, %s are rerouted and %s deterred.\n",
		len(res.Removed), a.sup.cell(res.Disrupted, thousands), a.sup.cell(res.Affected, thousands), a.sup.cell(res.Rerouted, thousands), a.sup.cell(res.Deterred, thousands))
	if !res.Exact {
		fmt.Fprintf(w, "No set of %d can disrupt more than %s victims (upper bound).\n", res.K, a.sup.cell(res.Bound, thousands))
	}
	return nil
}
