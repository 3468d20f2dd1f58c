package main

import (
	"fmt"
	"io"
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
	byYear           bool
	foreign          bool
	fdr              string
	exact            string
}

// check validates the flags; minCount is the global --min-count.
func (e *emergingArgs) check(minCount int) (routes.EmergingOptions, error) {
	opt := routes.EmergingOptions{Alpha: e.alpha, MinCount: minCount, Regions: e.regions, OwnPeriods: e.own,
		ByYear: e.byYear, Foreign: e.foreign, FDR: routes.Correction(e.fdr), Exact: routes.TestName(e.exact)}
	if e.own && (e.baseline != "" || e.recent != "") {
		return opt, usagef("--own-periods compares each destination's own earlier and later records: give it or --baseline/--recent, not both")
	}
	if e.byYear && (e.own || e.baseline != "" || e.recent != "") {
		return opt, usagef("--by-year tests a trend over every reporting year: give it or --own-periods/--baseline/--recent, not both")
	}
	switch opt.FDR {
	case "", routes.BH, routes.NoCorrection:
	default:
		return opt, usagef("--fdr %q: want bh (Benjamini-Hochberg) or off", e.fdr)
	}
	switch opt.Exact {
	case "", routes.TestFisher, routes.TestMidP:
	default:
		return opt, usagef("--exact %q: want fisher or mid-p", e.exact)
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
	f.BoolVar(&ea.byYear, "by-year", false, "test each origin's share for a trend over the destination's reporting years (Cochran-Armitage)")
	f.BoolVar(&ea.foreign, "foreign", false, "shares among victims of other citizenships only; the destination's own nationals are reported apart")
	f.StringVar(&ea.fdr, "fdr", string(routes.BH), "false-discovery correction over all origins tested: bh (Benjamini-Hochberg) or off")
	f.StringVar(&ea.exact, "exact", string(routes.TestFisher), "test of a table with an expected count below 5: fisher or mid-p")
	f.Float64Var(&ea.alpha, "alpha", routes.DefaultAlpha, "significance level, applied to the q-values (to the p-values with --fdr off)")
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
				slope, lo, hi, disp := "", "", "", ""
				if o.Slope != nil {
					slope, lo, hi = ftoa(*o.Slope, 4), ftoa(o.SlopeInterval[0], 4), ftoa(o.SlopeInterval[1], 4)
				}
				if o.Dispersion != nil {
					disp = ftoa(*o.Dispersion, 3)
				}
				rows = append(rows, []string{d.Destination, o.Country, o.Name, b, bs, r, rs, string(o.Status), ftoa(o.Z, 4), fmt.Sprintf("%.3g", o.PValue),
					fmt.Sprintf("%.3g", o.QValue), string(o.Test), slope, lo, hi, disp, o.Note})
			}
		}
		return printCSV(a.stdout, []string{"destination", "origin", "name", "baseline_victims", "baseline_share", "recent_victims", "recent_share", "status", "z", "p_value",
			"q_value", "test", "slope", "slope_low", "slope_high", "dispersion", "note"}, rows)
	}
	w := a.stdout
	how := ""
	if res.DefaultPeriods {
		how = " (default: earliest and latest thirds of the years)"
	}
	switch {
	case res.ByYear:
		fmt.Fprintf(w, "Emerging source countries by %s: trend of each origin's share over the reporting years (Cochran-Armitage); alpha %g", res.By, res.Alpha)
	case res.OwnPeriods:
		fmt.Fprintf(w, "Emerging source countries by %s: each one's own earlier and later records; alpha %g", res.By, res.Alpha)
	default:
		fmt.Fprintf(w, "Emerging source countries by %s: baseline %s, recent %s%s; alpha %g", res.By, res.Baseline, res.Recent, how, res.Alpha)
	}
	if res.MinCount > 1 {
		fmt.Fprintf(w, "; min count %d", res.MinCount)
	}
	fmt.Fprintf(w, "; %s; dataset %s\n", lg.Filter, lg.Dataset)
	fdr := "Benjamini-Hochberg q-values over all of them (--fdr off for raw p-values)"
	if res.FDR == routes.NoCorrection {
		fdr = "raw p-values, not corrected for the number of tests (--fdr off)"
	}
	fmt.Fprintf(w, "%s %s: %s.\n", thousands(res.Tests), pluralWord(res.Tests, "test"), fdr)
	if res.Foreign {
		fmt.Fprintln(w, "Shares among victims of other citizenships only (--foreign); each destination's own nationals are reported apart.")
	}
	if res.SpanningRecords > 0 {
		fmt.Fprintf(w, "%s %s spanning several years left out by year (%s victims).\n", thousands(res.SpanningRecords),
			pluralWord(res.SpanningRecords, "record"), a.sup.cell(int(res.SpanningVictims), thousands))
	}
	if len(res.Destinations) == 0 {
		fmt.Fprintln(w, "\nNo destination has victims in both periods.")
	}
	for _, d := range res.Destinations {
		a.printDestinationTrends(w, res, d, all)
	}
	if len(res.Uncovered) > 0 && (res.OwnPeriods || res.ByYear) {
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

// printDestinationTrends writes one destination's table, its own
// nationals and its substitutions.
func (a *app) printDestinationTrends(w io.Writer, res *routes.EmergingResult, d routes.DestinationTrends, all bool) {
	title := d.Name
	if res.By == routes.ByDestination {
		title = fmt.Sprintf("%s (%s)", d.Name, d.Destination)
	}
	bp, rp := res.Baseline, res.Recent
	if d.BaselinePeriod != nil {
		bp, rp = *d.BaselinePeriod, *d.RecentPeriod
	}
	fmt.Fprintf(w, "\n%s: %s victims in %s, %s in %s\n", title, a.sup.cell(d.Baseline, thousands), bp, a.sup.cell(d.Recent, thousands), rp)
	if res.ByYear {
		missing := "none"
		if len(d.MissingYears) > 0 {
			missing = strings.Trim(fmt.Sprint(d.MissingYears), "[]")
		}
		fmt.Fprintf(w, "  %d reporting years; missing (left out, not zero): %s\n", len(d.Years), missing)
	}
	var rows [][]string
	stable, noted := 0, 0
	for _, o := range d.Origins {
		if o.Status == routes.Stable && !all {
			stable++
			if o.Note != "" {
				noted++
			}
			continue
		}
		bs, rs := sharePct(o.BaselineShare), sharePct(o.RecentShare)
		if a.sup.hides(o.BaselineVictims) {
			bs = "-"
		}
		if a.sup.hides(o.RecentVictims) {
			rs = "-"
		}
		row := []string{"  " + o.Country, o.Name, a.sup.cell(o.BaselineVictims, thousands), bs,
			a.sup.cell(o.RecentVictims, thousands), rs, fmt.Sprintf("%+.1f", 100*o.Change)}
		if o.Slope != nil {
			disp := "-"
			if o.Dispersion != nil {
				disp = ftoa(*o.Dispersion, 1)
			}
			row = append(row, fmt.Sprintf("%+.2f", *o.Slope), fmt.Sprintf("%+.2f..%+.2f", o.SlopeInterval[0], o.SlopeInterval[1]), disp)
		}
		row = append(row, string(o.Status), string(o.Test), fmt.Sprintf("%.2g", o.PValue), fmt.Sprintf("%.2g", o.QValue))
		if all {
			row = append(row, o.Note)
		}
		rows = append(rows, row)
	}
	if len(rows) > 0 {
		head := []string{"  CODE", "ORIGIN", "BASELINE", "SHARE", "RECENT", "SHARE", "POINTS"}
		if res.ByYear {
			head = []string{"  CODE", "ORIGIN", "FIRST", "SHARE", "LAST", "SHARE", "POINTS", "PER YEAR", "INTERVAL", "DISPERSION"}
		}
		head = append(head, "STATUS", "TEST", "P", "Q")
		if all {
			head = append(head, "NOTE")
		}
		printTable(w, head, rows)
	}
	if stable > 0 {
		fmt.Fprintf(w, "  stable: %d %s (--all lists them)", stable, pluralWord(stable, "origin"))
		if noted > 0 {
			fmt.Fprintf(w, "; %d absent in one period but too few victims to tell from chance", noted)
		}
		fmt.Fprintln(w)
	}
	if dom := d.Domestic; dom != nil {
		who := dom.Name
		if dom.Country != "" {
			who = "own nationals (" + dom.Country + ")"
		}
		change := fmt.Sprintf("%s -> %s of all victims (%+.1f points", sharePct(dom.BaselineShare), sharePct(dom.RecentShare), 100*dom.Change)
		if dom.Slope != nil {
			change += fmt.Sprintf(" along the trend, %+.2f a year", *dom.Slope)
		}
		change += ")"
		if a.sup.hides(int(dom.BaselineVictims)) || a.sup.hides(int(dom.RecentVictims)) {
			change = "shares hidden with their counts"
		}
		if res.Foreign {
			fmt.Fprintf(w, "  %s, set apart: %s -> %s victims, %s\n", who, a.sup.cell(int(dom.BaselineVictims), thousands), a.sup.cell(int(dom.RecentVictims), thousands), change)
		} else {
			fmt.Fprintf(w, "  %s: %s; %.0f%% of the share that moved between origins is theirs (--foreign compares the others among themselves)\n",
				who, change, 100*dom.PartOfChange)
		}
	}
	for _, s := range d.Substitutions {
		more := ""
		if s.RisingNotListed > 0 {
			more = fmt.Sprintf(" and %d more rising", s.RisingNotListed)
		}
		fmt.Fprintf(w, "  substitution: %s (%+.1f points) replaced by %s (%+.1f points together)%s\n",
			s.Falling, -100*s.ShareLost, strings.Join(s.Rising, ", "), 100*s.ShareGained, more)
	}
}
