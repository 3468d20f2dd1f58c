package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/spf13/cobra"

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
}

// check validates the flags; minCount is the global --min-count.
func (e *emergingArgs) check(minCount int) (routes.EmergingOptions, error) {
	opt := routes.EmergingOptions{Alpha: e.alpha, MinCount: minCount, Regions: e.regions, OwnPeriods: e.own}
	if e.own && (e.baseline != "" || e.recent != "") {
		return opt, usagef("--own-periods compares each destination's own earlier and later records: give it or --baseline/--recent, not both")
	}
	if len(e.destinations) > 0 && len(e.regions) > 0 {
		return opt, usagef("give --destination or --region, not both")
	}
	switch e.by {
	case "":
		opt.By = routes.ByDestination
		if len(e.regions) > 0 {
			opt.By = routes.ByRegion
		}
	case "destination", "region", "overall":
		opt.By = routes.Grouping(e.by)
	default:
		return opt, usagef("--by %q: want destination, region or overall", e.by)
	}
	if math.IsNaN(e.alpha) || e.alpha <= 0 || e.alpha >= 1 {
		return opt, usagef("--alpha %v: want a level between 0 and 1 such as 0.05", e.alpha)
	}
	var err error
	if opt.Destinations, err = resolveCountries("destination", e.destinations); err != nil {
		return opt, err
	}
	if e.baseline != "" {
		if opt.Baseline, err = graph.ParsePeriod(e.baseline); err != nil {
			return opt, usagef("--baseline: %v", err)
		}
	}
	if e.recent != "" {
		if opt.Recent, err = graph.ParsePeriod(e.recent); err != nil {
			return opt, usagef("--recent: %v", err)
		}
	}
	if !opt.Baseline.IsZero() && !opt.Recent.IsZero() && opt.Baseline.From > opt.Recent.From {
		return opt, usagef("--baseline %s comes after --recent %s", opt.Baseline, opt.Recent)
	}
	return opt, nil
}

func newEmergingCmd(a *app) *cobra.Command {
	var ff filterFlags
	var ea emergingArgs
	cmd := &cobra.Command{
		Use:   "emerging [--destination X | --region R] [--baseline P --recent P]",
		Short: "Rising, new, falling and substituted source countries",
		Long: `emerging compares each origin's victims and share of a destination's victims in
a baseline and a recent period (default: the earliest and latest thirds of the
data's years; a record counts when its period lies inside the period).

Status: new (none in the baseline), gone (none recently), rising or falling
(the share changed, the two-proportion z-test gives p < --alpha, and the larger
count is at least --min-count), stable otherwise. A substitution pairs a falling
or gone origin with the rising and new origins at the same destination.
--by region pools the destinations of each UN sub-region, --by overall all of
them; --region R keeps the destinations of sub-region R (pooled unless --by
destination). Destinations with victims in only one period are listed as not
compared.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			flt, err := ff.filter()
			if err != nil {
				return err
			}
			opt, err := ea.check(a.sup.k)
			if err != nil {
				return err
			}
			lg, err := a.legGraph(cmd.Context(), flt)
			if err != nil {
				return err
			}
			res, err := routes.Emerging(lg, opt)
			if err != nil {
				return usagef("emerging: %v", err)
			}
			return a.printEmerging(lg, res, ea.all)
		},
	}
	ff.register(cmd.Flags())
	f := cmd.Flags()
	f.StringArrayVar(&ea.destinations, "destination", nil, "only this destination country (code or name, repeatable)")
	f.StringArrayVar(&ea.regions, "region", nil, `only destinations in this UN sub-region, e.g. "Southern Europe" (repeatable)`)
	f.StringVar(&ea.by, "by", "", "group destinations: destination, region or overall (default destination; region with --region)")
	f.BoolVar(&ea.own, "own-periods", false, "compare each destination (or group) between its own earlier and later records: the first half of its distinct periods against the rest")
	f.StringVar(&ea.baseline, "baseline", "", "baseline period, e.g. 1996-2003 (default: earliest third of the years)")
	f.StringVar(&ea.recent, "recent", "", "recent period, e.g. 2004-2008 (default: latest third of the years)")
	f.Float64Var(&ea.alpha, "alpha", routes.DefaultAlpha, "significance level of the two-proportion test")
	f.BoolVar(&ea.all, "all", false, "list stable origins in the table too (JSON and CSV always have them)")
	return cmd
}

func sharePct(x float64) string { return ftoa(100*x, 1) + "%" }

func (a *app) printEmerging(lg *graph.LegGraph, res *routes.EmergingResult, all bool) error {
	if a.format == "json" {
		return a.printJSON(res)
	}
	if a.format == "csv" {
		var rows [][]string
		for _, d := range res.Destinations {
			for _, o := range d.Origins {
				b, r := a.sup.cell(o.BaselineVictims, itoa), a.sup.cell(o.RecentVictims, itoa)
				bs, rs := ftoa(o.BaselineShare, 6), ftoa(o.RecentShare, 6)
				if a.sup.hides(o.BaselineVictims) {
					bs = ""
				}
				if a.sup.hides(o.RecentVictims) {
					rs = ""
				}
				rows = append(rows, []string{d.Destination, o.Country, o.Name, b, bs, r, rs, string(o.Status), ftoa(o.Z, 4), fmt.Sprintf("%.3g", o.PValue)})
			}
		}
		return printCSV(a.stdout, []string{"destination", "origin", "name", "baseline_victims", "baseline_share", "recent_victims", "recent_share", "status", "z", "p_value"}, rows)
	}
	w := a.stdout
	how := ""
	if res.DefaultPeriods {
		how = " (default: earliest and latest thirds of the years)"
	}
	if res.OwnPeriods {
		fmt.Fprintf(w, "Emerging source countries by %s: each one's own earlier and later records; alpha %g", res.By, res.Alpha)
	} else {
		fmt.Fprintf(w, "Emerging source countries by %s: baseline %s, recent %s%s; alpha %g", res.By, res.Baseline, res.Recent, how, res.Alpha)
	}
	if res.MinCount > 1 {
		fmt.Fprintf(w, "; min count %d", res.MinCount)
	}
	fmt.Fprintf(w, "; %s; dataset %s\n", lg.Filter, lg.Dataset)
	if len(res.Destinations) == 0 {
		fmt.Fprintln(w, "\nNo destination has victims in both periods.")
	}
	for _, d := range res.Destinations {
		title := d.Name
		if res.By == routes.ByDestination {
			title = fmt.Sprintf("%s (%s)", d.Name, d.Destination)
		}
		bp, rp := res.Baseline, res.Recent
		if d.BaselinePeriod != nil {
			bp, rp = *d.BaselinePeriod, *d.RecentPeriod
		}
		fmt.Fprintf(w, "\n%s: %s victims in %s, %s in %s\n", title, a.sup.cell(d.Baseline, thousands), bp, a.sup.cell(d.Recent, thousands), rp)
		var rows [][]string
		stable := 0
		for _, o := range d.Origins {
			if o.Status == routes.Stable && !all {
				stable++
				continue
			}
			bs, rs := sharePct(o.BaselineShare), sharePct(o.RecentShare)
			if a.sup.hides(o.BaselineVictims) {
				bs = "-"
			}
			if a.sup.hides(o.RecentVictims) {
				rs = "-"
			}
			p := fmt.Sprintf("%.2g", o.PValue)
			rows = append(rows, []string{"  " + o.Country, o.Name, a.sup.cell(o.BaselineVictims, thousands), bs,
				a.sup.cell(o.RecentVictims, thousands), rs, fmt.Sprintf("%+.1f", 100*o.Shift()), string(o.Status), p})
		}
		if len(rows) > 0 {
			printTable(w, []string{"  CODE", "ORIGIN", "BASELINE", "SHARE", "RECENT", "SHARE", "POINTS", "STATUS", "P"}, rows)
		}
		if stable > 0 {
			fmt.Fprintf(w, "  stable: %d %s (--all lists them)\n", stable, pluralWord(stable, "origin"))
		}
		for _, s := range d.Substitutions {
			fmt.Fprintf(w, "  substitution: %s (%+.1f points) replaced by %s (%+.1f points together)\n",
				s.Falling, -100*s.ShareLost, strings.Join(s.Rising, ", "), 100*s.ShareGained)
		}
	}
	if len(res.Uncovered) > 0 && res.OwnPeriods {
		var parts []string
		for _, u := range res.Uncovered {
			parts = append(parts, fmt.Sprintf("%s (%s)", u.Destination, u.Reason))
		}
		fmt.Fprintf(w, "\nNot compared: %s\n", strings.Join(parts, ", "))
	} else if len(res.Uncovered) > 0 {
		var parts []string
		for _, u := range res.Uncovered {
			when := "recent only"
			if u.Recent == 0 {
				when = "baseline only"
			}
			parts = append(parts, fmt.Sprintf("%s (%s)", u.Destination, when))
		}
		fmt.Fprintf(w, "\nNot compared, victims in one period only: %s\n", strings.Join(parts, ", "))
		fmt.Fprintln(w, "Give --baseline and --recent periods that both hold records for them, or --own-periods.")
	}
	a.sup.footnote(w)
	return nil
}
