package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// routesArgs are the flags of the routes command.
type routesArgs struct {
	from, to string
	via      []string
	k        int
	by       string
}

// check validates the flags and resolves the countries.
func (r *routesArgs) check() (from, to string, via []string, cost routes.Cost, err error) {
	if r.from == "" || r.to == "" {
		return "", "", nil, 0, usagef("routes needs --from and --to")
	}
	if r.k < 1 {
		return "", "", nil, 0, usagef("--k %d: want at least 1", r.k)
	}
	if cost, err = routes.ParseCost(r.by); err != nil {
		return "", "", nil, 0, usagef("--by: %v", err)
	}
	if from, err = resolveCountry("from", r.from); err != nil {
		return
	}
	if to, err = resolveCountry("to", r.to); err != nil {
		return
	}
	if via, err = resolveCountries("via", r.via); err != nil {
		return "", "", nil, 0, err
	}
	return from, to, via, cost, nil
}

// routesResult is the JSON document of SPEC section 6.
type routesResult struct {
	From     string            `json:"from"`
	To       string            `json:"to"`
	Via      []string          `json:"via"`
	By       string            `json:"by"`
	K        int               `json:"k"`
	Filter   graph.FilterJSON  `json:"filter"`
	Observed []routes.Observed `json:"observed"`
	Paths    []routes.Path     `json:"paths"`
	// noPath says why no path leads there (the table prints it).
	noPath *routes.NoPathError
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
			flt, err := ff.filter()
			if err != nil {
				return err
			}
			from, to, via, cost, err := ra.check()
			if err != nil {
				return err
			}
			lg, err := a.legGraph(cmd.Context(), flt)
			if err != nil {
				return err
			}
			res := routesResult{
				From: from, To: to, Via: via, By: cost.String(), K: ra.k, Filter: flt.JSON(),
				Observed: routes.ObservedRoutes(lg, from, to, via...),
				Paths:    []routes.Path{},
			}
			if res.Via == nil {
				res.Via = []string{}
			}
			paths, err := routes.KPaths(cmd.Context(), lg.Index, from, to, ra.k, cost, via...)
			var np *routes.NoPathError
			if err != nil && !errors.As(err, &np) {
				return err
			}
			if paths != nil {
				res.Paths = paths
			}
			res.noPath = np
			return a.printRoutes(lg, &res)
		},
	}
	ff.register(cmd.Flags())
	f := cmd.Flags()
	f.StringVar(&ra.from, "from", "", "origin or transit country (code or name)")
	f.StringVar(&ra.to, "to", "", "transit or destination country (code or name)")
	f.StringArrayVar(&ra.via, "via", nil, "only routes through this country (repeatable)")
	f.IntVar(&ra.k, "k", 3, "number of graph paths")
	f.StringVar(&ra.by, "by", "hops", "path cost: hops or victims (sum of 1/victims)")
	return cmd
}

func (a *app) printRoutes(lg *graph.LegGraph, res *routesResult) error {
	switch a.format {
	case "json":
		return a.printJSON(res)
	case "csv":
		var rows [][]string
		for _, o := range res.Observed {
			rows = append(rows, []string{"observed", strings.Join(o.Path, ">"), a.sup.cell(o.Victims, itoa), itoa(o.Records), "", "", ""})
		}
		for _, p := range res.Paths {
			rows = append(rows, []string{"path", strings.Join(p.Nodes, ">"), "", "", ftoa(p.Cost, 9), itoa(p.Hops), a.sup.cell(p.MinLegVictims, itoa)})
		}
		return printCSV(a.stdout, []string{"kind", "path", "victims", "records", "cost", "hops", "min_leg_victims"}, rows)
	}
	name := func(c string) string { return fmt.Sprintf("%s (%s)", lg.Country(c).Name, c) }
	fmt.Fprintf(a.stdout, "Routes from %s to %s; %s; dataset %s\n\n", name(res.From), name(res.To), lg.Filter, lg.Dataset)
	defer a.sup.footnote(a.stdout)
	fmt.Fprintf(a.stdout, "Observed routes (%d):\n", len(res.Observed))
	if len(res.Observed) == 0 {
		fmt.Fprintln(a.stdout, "  none: no record passes through both countries in this order")
	} else {
		rows := make([][]string, len(res.Observed))
		for i, o := range res.Observed {
			rows[i] = []string{"  " + strings.Join(o.Path, " > "), a.sup.cell(o.Victims, thousands), itoa(o.Records)}
		}
		printTable(a.stdout, []string{"  ROUTE", "VICTIMS", "RECORDS"}, rows)
	}
	fmt.Fprintf(a.stdout, "\nBest paths in the leg graph by %s (up to %d):\n", res.By, res.K)
	if len(res.Paths) == 0 {
		why := "no path leads there in the filtered leg graph"
		if res.noPath != nil {
			why = res.noPath.Error()
		}
		fmt.Fprintln(a.stdout, "  none: "+why)
		return nil
	}
	rows := make([][]string, len(res.Paths))
	for i, p := range res.Paths {
		rows[i] = []string{"  " + strings.Join(p.Nodes, " > "), itoa(p.Hops), ftoa(p.Cost, 6), a.sup.cell(p.MinLegVictims, thousands)}
	}
	return printTable(a.stdout, []string{"  PATH", "HOPS", "COST", "THINNEST LEG"}, rows)
}
