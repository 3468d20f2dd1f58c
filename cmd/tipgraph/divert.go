package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/spf13/cobra"

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
}

// check validates the flags and resolves the countries.
func (d *divertArgs) check() (routes.DivertOptions, error) {
	var opt routes.DivertOptions
	if d.each && len(d.remove) > 0 {
		return opt, usagef("give --remove or --each, not both")
	}
	if !d.each && len(d.remove) == 0 {
		return opt, usagef("divert needs --remove X (repeatable) or --each")
	}
	if d.each && d.capacity != 0 {
		return opt, usagef("--each runs without capacities; drop --capacity")
	}
	if err := checkDisplacement(d.displacement); err != nil {
		return opt, err
	}
	if math.IsNaN(d.capacity) || math.IsInf(d.capacity, 0) || d.capacity < 0 {
		return opt, usagef("--capacity %v: want a factor > 0 (0: no limit)", d.capacity)
	}
	if d.top < 0 {
		return opt, usagef("--top %d: want 0 (all) or more", d.top)
	}
	cost, err := routes.ParseCost(d.by)
	if err != nil {
		return opt, usagef("--by: %v", err)
	}
	opt = routes.DivertOptions{Displacement: d.displacement, Cost: cost, Capacity: d.capacity}
	if opt.Remove, err = resolveCountries("remove", d.remove); err != nil {
		return opt, err
	}
	return opt, nil
}

// divertResult is the JSON document of divert (docs/commands.md).
type divertResult struct {
	Dataset string           `json:"dataset"`
	Filter  graph.FilterJSON `json:"filter"`
	*routes.Diversion
}

// sweepResult is the JSON document of divert --each.
type sweepResult struct {
	Dataset      string              `json:"dataset"`
	Filter       graph.FilterJSON    `json:"filter"`
	Displacement float64             `json:"displacement"`
	By           string              `json:"by"`
	Sweep        []routes.SweepEntry `json:"sweep"`
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
			flt, err := ff.filter()
			if err != nil {
				return err
			}
			opt, err := da.check()
			if err != nil {
				return err
			}
			lg, err := a.legGraph(cmd.Context(), flt)
			if err != nil {
				return err
			}
			if da.each {
				sweep, err := routes.DivertEach(cmd.Context(), lg, opt)
				if err != nil {
					return err
				}
				res := sweepResult{Dataset: lg.Dataset, Filter: flt.JSON(), Displacement: opt.Displacement, By: opt.Cost.String(), Sweep: sweep}
				return a.printSweep(lg, &res, da.top)
			}
			div, err := routes.Divert(cmd.Context(), lg, opt)
			if err != nil {
				return err
			}
			return a.printDivert(lg, &divertResult{Dataset: lg.Dataset, Filter: flt.JSON(), Diversion: div}, da.top)
		},
	}
	ff.register(cmd.Flags())
	f := cmd.Flags()
	f.StringArrayVar(&da.remove, "remove", nil, "transit country to remove (code or name, repeatable)")
	f.Float64Var(&da.displacement, "displacement", 1, "share of the affected victims that moves to another route (0 to 1)")
	f.StringVar(&da.by, "by", "hops", "new route cost: hops or victims (sum of 1/victims)")
	f.Float64Var(&da.capacity, "capacity", 0, "legs carry at most F times their observed victims (0: no limit)")
	f.BoolVar(&da.each, "each", false, "remove every transit country alone and rank them")
	f.IntVar(&da.top, "top", 20, "table rows to show (0: all); JSON and CSV have all")
	return cmd
}

func pathText(p []string) string { return strings.Join(p, " > ") }

func plural(n int, what string) string { return fmt.Sprintf("%d %s", n, pluralWord(n, what)) }

func (a *app) printDivert(lg *graph.LegGraph, res *divertResult, top int) error {
	d := res.Diversion
	cnt := func(n int) string { return a.sup.cell(n, thousands) }
	switch a.format {
	case "json":
		return a.printJSON(res)
	case "csv":
		rows := make([][]string, len(d.Reroutes))
		for i, r := range d.Reroutes {
			rows[i] = []string{r.Origin, r.Destination, strings.Join(r.OldPath, ">"), strings.Join(r.NewPath, ">"), a.sup.cell(r.Victims, itoa), a.sup.cell(r.Deterred, itoa), itoa(r.Records)}
		}
		return printCSV(a.stdout, []string{"origin", "destination", "old_path", "new_path", "victims", "deterred", "records"}, rows)
	}
	w := a.stdout
	names := make([]string, len(d.Removed))
	for i, c := range d.Removed {
		names[i] = fmt.Sprintf("%s (%s)", lg.Country(c).Name, c)
	}
	capText := ""
	if d.Capacity > 0 {
		capText = fmt.Sprintf("; legs capped at %g x observed", d.Capacity)
	}
	defer a.sup.footnote(w)
	fmt.Fprintf(w, "What if %s closed to transit; displacement %g; new routes by %s%s; %s; dataset %s\n\n",
		strings.Join(names, " and "), d.Displacement, d.By, capText, lg.Filter, lg.Dataset)
	if d.Affected == 0 && d.Records == 0 {
		fmt.Fprintln(w, "No record passes through the removed countries: nothing changes.")
		return nil
	}
	pct := func(n int) string {
		if d.Affected == 0 || a.sup.hides(n) || a.sup.hides(d.Affected) {
			return ""
		}
		return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(d.Affected))
	}
	disrupted := []string{"  disrupted", cnt(d.Disrupted), pct(d.Disrupted), "no route left"}
	if d.Capacity > 0 {
		disrupted[3] = fmt.Sprintf("no route left, or no capacity (%s)", cnt(d.DisruptedByCapacity))
	}
	fmt.Fprintln(w, "Victims:")
	printTable(w, []string{"  affected", cnt(d.Affected), "", plural(d.Records, "record")}, [][]string{
		{"  rerouted", cnt(d.Rerouted), pct(d.Rerouted), "moved to another route"},
		{"  deterred", cnt(d.Deterred), pct(d.Deterred), "not displaced"},
		disrupted,
	})
	fmt.Fprintf(w, "\nWhere the displaced victims go (%s):\n", plural(len(d.Reroutes), "observed route"))
	var rows [][]string
	for i, r := range d.Reroutes {
		if top > 0 && i == top {
			break
		}
		np := "disrupted"
		if r.NewPath != nil {
			np = pathText(r.NewPath)
		} else if r.ByCapacity {
			np = "disrupted (capacity)"
		}
		rows = append(rows, []string{"  " + pathText(r.OldPath), np, cnt(r.Victims), cnt(r.Deterred)})
	}
	printTable(w, []string{"  OLD ROUTE", "NEW ROUTE", "VICTIMS", "DETERRED"}, rows)
	if top > 0 && len(d.Reroutes) > top {
		fmt.Fprintf(w, "  ... %d more (--top 0 or --format json for all)\n", len(d.Reroutes)-top)
	}
	fmt.Fprintln(w, "\nTransit volume:")
	rows = rows[:0]
	unchanged := 0
	for _, c := range d.Countries {
		if c.Delta == 0 {
			unchanged++
			continue
		}
		rows = append(rows, []string{"  " + c.Country, lg.Country(c.Country).Name, cnt(c.TransitBefore), cnt(c.TransitAfter), fmt.Sprintf("%+d", c.Delta)})
	}
	printTable(w, []string{"  CODE", "COUNTRY", "BEFORE", "AFTER", "DELTA"}, rows)
	if unchanged > 0 {
		fmt.Fprintf(w, "  other transit countries unchanged: %d\n", unchanged)
	}
	return nil
}

func (a *app) printSweep(lg *graph.LegGraph, res *sweepResult, top int) error {
	if a.format == "json" {
		return a.printJSON(res)
	}
	num := a.countFormat()
	var rows [][]string
	for i, s := range res.Sweep {
		if a.format != "csv" && top > 0 && i == top {
			break
		}
		ben := "-"
		if s.Beneficiary != "" {
			ben = fmt.Sprintf("%s %+d", s.Beneficiary, s.BeneficiaryGain)
			if a.format == "csv" {
				ben = s.Beneficiary
			}
		}
		row := []string{itoa(i + 1), s.Country, lg.Country(s.Country).Name, a.sup.cell(s.Disrupted, num), a.sup.cell(s.Rerouted, num), a.sup.cell(s.Deterred, num), a.sup.cell(s.Affected, num), ben}
		if a.format == "csv" {
			row = append(row, itoa(s.BeneficiaryGain))
		}
		rows = append(rows, row)
	}
	if a.format == "csv" {
		return printCSV(a.stdout, []string{"rank", "country", "name", "disrupted", "rerouted", "deterred", "affected", "beneficiary", "beneficiary_gain"}, rows)
	}
	fmt.Fprintf(a.stdout, "Each transit country removed alone; displacement %g; new routes by %s; %s; dataset %s\n\n",
		res.Displacement, res.By, lg.Filter, lg.Dataset)
	defer a.sup.footnote(a.stdout)
	if err := printTable(a.stdout, []string{"#", "CODE", "COUNTRY", "DISRUPTED", "REROUTED", "DETERRED", "AFFECTED", "MAIN BENEFICIARY"}, rows); err != nil {
		return err
	}
	if top > 0 && len(res.Sweep) > top {
		fmt.Fprintf(a.stdout, "... %d more (--top 0 for all)\n", len(res.Sweep)-top)
	}
	return nil
}
