package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

type emergingResult struct{ *routes.EmergingReport }

// pct writes a share as a percentage, "-" when hidden.
func pct(x graph.Share) string {
	if x.IsHidden() {
		return "-"
	}
	return Ftoa(100*float64(x), 1) + "%"
}

// sci writes a p-value with prec significant digits, "" when hidden.
func sci(x graph.Share, prec int) string {
	if x.IsHidden() {
		return ""
	}
	return fmt.Sprintf("%.*g", prec, float64(x))
}

func (r emergingResult) csv(p *Printer) error {
	var rows [][]string
	for _, d := range r.Destinations {
		for _, o := range d.Origins {
			bs, rs := "", ""
			if !o.BaselineShare.IsHidden() {
				bs, rs = Ftoa(float64(o.BaselineShare), 6), Ftoa(float64(o.RecentShare), 6)
			}
			z := ""
			if !o.Z.IsHidden() {
				z = Ftoa(float64(o.Z), 4)
			}
			slope, lo, hi, disp := "", "", "", ""
			if o.Slope != nil {
				slope, lo, hi = Ftoa(*o.Slope, 4), Ftoa(o.SlopeInterval[0], 4), Ftoa(o.SlopeInterval[1], 4)
			}
			if o.Dispersion != nil {
				disp = Ftoa(*o.Dispersion, 3)
			}
			rows = append(rows, []string{d.Destination, o.Country, o.Name, p.Count(o.BaselineVictims), bs, p.Count(o.RecentVictims), rs, string(o.Status), z, sci(o.PValue, 3),
				sci(o.QValue, 3), string(o.Test), slope, lo, hi, disp, o.Note})
		}
	}
	return p.rows([]string{"destination", "origin", "name", "baseline_victims", "baseline_share", "recent_victims", "recent_share", "status", "z", "p_value",
		"q_value", "test", "slope", "slope_low", "slope_high", "dispersion", "note"}, rows)
}

func (r emergingResult) table(p *Printer) error {
	w, res := p.w, r.EmergingResult
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
	fmt.Fprintf(w, "; %s; dataset %s\n", r.FilterText, res.Dataset)
	fdr := "Benjamini-Hochberg q-values over all of them (--fdr off for raw p-values)"
	if res.FDR == routes.NoCorrection {
		fdr = "raw p-values, not corrected for the number of tests (--fdr off)"
	}
	fmt.Fprintf(w, "%s %s: %s.\n", Thousands(res.Tests), Plural(res.Tests, "test"), fdr)
	if res.Foreign {
		fmt.Fprintln(w, "Shares among victims of other citizenships only (--foreign); each destination's own nationals are reported apart.")
	}
	if res.SpanningRecords > 0 {
		fmt.Fprintf(w, "%s %s spanning several years left out by year (%s victims).\n", Thousands(res.SpanningRecords),
			Plural(res.SpanningRecords, "record"), p.Count(res.SpanningVictims))
	}
	if o := res.Outside; o.Records > 0 {
		fmt.Fprintf(w, "%s %s (%s victims) lie in neither period and are not compared (they span a period's boundary or fall between the periods).\n",
			Thousands(o.Records), Plural(o.Records, "record"), p.Count(o.Victims))
	}
	if o := res.NoYear; o.Records > 0 {
		fmt.Fprintf(w, "%s %s (%s victims) without a year are not compared.\n", Thousands(o.Records), Plural(o.Records, "record"), p.Count(o.Victims))
	}
	if len(res.Destinations) == 0 {
		fmt.Fprintln(w, "\nNo destination has victims in both periods.")
	}
	for _, d := range res.Destinations {
		r.destination(p, w, d)
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
			switch {
			case u.Reason != "":
				when = u.Reason
			case u.Recent == 0:
				when = "baseline only"
			}
			parts = append(parts, fmt.Sprintf("%s (%s)", u.Destination, when))
		}
		fmt.Fprintf(w, "\nNot compared, victims in one period only: %s\n", strings.Join(parts, ", "))
		fmt.Fprintln(w, "Give --baseline and --recent periods that both hold records for them, or --own-periods.")
	}
	return nil
}

// destination writes one destination's table, its own nationals and its
// substitutions.
func (r emergingResult) destination(p *Printer, w io.Writer, d routes.DestinationTrends) {
	res, all := r.EmergingResult, r.All
	title := d.Name
	if res.By == routes.ByDestination {
		title = fmt.Sprintf("%s (%s)", d.Name, d.Destination)
	}
	bp, rp := res.Baseline, res.Recent
	if d.BaselinePeriod != nil {
		bp, rp = *d.BaselinePeriod, *d.RecentPeriod
	}
	fmt.Fprintf(w, "\n%s: %s victims in %s, %s in %s\n", title, p.Count(d.Baseline), bp, p.Count(d.Recent), rp)
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
		points := "-"
		if !o.Change.IsHidden() {
			points = fmt.Sprintf("%+.1f", 100*float64(o.Change))
		}
		row := []string{"  " + o.Country, o.Name, p.Count(o.BaselineVictims), pct(o.BaselineShare), p.Count(o.RecentVictims), pct(o.RecentShare), points}
		if res.ByYear {
			slope, interval, disp := "-", "-", "-"
			if o.Slope != nil {
				slope, interval = fmt.Sprintf("%+.2f", *o.Slope), fmt.Sprintf("%+.2f..%+.2f", o.SlopeInterval[0], o.SlopeInterval[1])
			}
			if o.Dispersion != nil {
				disp = Ftoa(*o.Dispersion, 1)
			}
			row = append(row, slope, interval, disp)
		}
		row = append(row, string(o.Status), string(o.Test), sci(o.PValue, 2), sci(o.QValue, 2))
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
		WriteTable(w, head, rows)
	}
	if d.OriginsLeftOut > 0 {
		fmt.Fprintf(w, "  ... %s more origins whose share changed less, with %s and %s victims (--top 0 for all)\n",
			Thousands(d.OriginsLeftOut), p.Count(d.LeftOutBaseline), p.Count(d.LeftOutRecent))
	}
	if stable > 0 {
		fmt.Fprintf(w, "  stable: %d %s (--all lists them)", stable, Plural(stable, "origin"))
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
		change := "shares hidden with their counts"
		if !dom.BaselineShare.IsHidden() {
			change = fmt.Sprintf("%s -> %s of all victims (%+.1f points", pct(dom.BaselineShare), pct(dom.RecentShare), 100*float64(dom.Change))
			if dom.Slope != nil {
				change += fmt.Sprintf(" along the trend, %+.2f a year", *dom.Slope)
			}
			change += ")"
		}
		switch {
		case res.Foreign:
			fmt.Fprintf(w, "  %s, set apart: %s -> %s victims, %s\n", who, p.Count(dom.BaselineVictims), p.Count(dom.RecentVictims), change)
		case dom.PartOfChange.IsHidden():
			fmt.Fprintf(w, "  %s: %s (--foreign compares the others among themselves)\n", who, change)
		default:
			fmt.Fprintf(w, "  %s: %s; %.0f%% of the share that moved between origins is theirs (--foreign compares the others among themselves)\n",
				who, change, 100*float64(dom.PartOfChange))
		}
	}
	for _, s := range d.Substitutions {
		more := ""
		if s.RisingNotListed > 0 {
			more = fmt.Sprintf(" and %d more rising", s.RisingNotListed)
		}
		lost, gained := "hidden", "hidden"
		if !s.ShareLost.IsHidden() {
			lost = fmt.Sprintf("%+.1f", -100*float64(s.ShareLost))
		}
		if !s.ShareGained.IsHidden() {
			gained = fmt.Sprintf("%+.1f", 100*float64(s.ShareGained))
		}
		fmt.Fprintf(w, "  substitution: %s (%s points) replaced by %s (%s points together)%s\n",
			s.Falling, lost, strings.Join(s.Rising, ", "), gained, more)
	}
	if d.SubstitutionsLeftOut > 0 {
		fmt.Fprintf(w, "  ... %s more substitutions (--top 0 for all)\n", Thousands(d.SubstitutionsLeftOut))
	}
}
