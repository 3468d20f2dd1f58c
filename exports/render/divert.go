package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/routes"
)

func pathText(p []string) string { return strings.Join(p, " > ") }

// countOf writes "n what(s)".
func countOf(n int, what string) string { return fmt.Sprintf("%d %s", n, Plural(n, what)) }

type divertResult struct{ *routes.DivertResult }

func (r divertResult) csv(p *Printer) error {
	rows := make([][]string, len(r.Reroutes))
	for i, x := range r.Reroutes {
		rows[i] = []string{x.Origin, x.Destination, strings.Join(x.OldPath, ">"), strings.Join(x.NewPath, ">"), p.Count(x.Victims), p.Count(x.Deterred), strconv.Itoa(x.Records)}
	}
	return p.rows([]string{"origin", "destination", "old_path", "new_path", "victims", "deterred", "records"}, rows)
}

func (r divertResult) table(p *Printer) error {
	d, w, top := r.Diversion, p.w, r.Top
	names := make([]string, len(d.Removed))
	for i, c := range d.Removed {
		names[i] = fmt.Sprintf("%s (%s)", r.Names[c], c)
	}
	capText := ""
	if d.Capacity > 0 {
		capText = fmt.Sprintf("; legs capped at %g x observed", d.Capacity)
	}
	fmt.Fprintf(w, "What if %s closed to transit; displacement %g; new routes by %s%s; %s; dataset %s\n\n",
		strings.Join(names, " and "), d.Displacement, d.By, capText, r.FilterText, r.Dataset)
	if r.Note != "" {
		fmt.Fprintln(w, r.Note)
		return nil
	}
	if d.Affected == 0 && d.Records == 0 {
		fmt.Fprintln(w, "No record passes through the removed countries: nothing changes.")
		return nil
	}
	pct := func(n int64) string {
		if d.Affected == 0 || d.Affected.IsHidden() || n < 0 {
			return ""
		}
		return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(d.Affected))
	}
	disrupted := []string{"  disrupted", p.Count(d.Disrupted), pct(int64(d.Disrupted)), "no route left"}
	if d.Capacity > 0 {
		disrupted[3] = fmt.Sprintf("no route left, or no capacity (%s)", p.Count(d.DisruptedByCapacity))
	}
	fmt.Fprintln(w, "Victims:")
	WriteTable(w, []string{"  affected", p.Count(d.Affected), "", countOf(d.Records, "record")}, [][]string{
		{"  rerouted", p.Count(d.Rerouted), pct(int64(d.Rerouted)), "moved to another route"},
		{"  deterred", p.Count(d.Deterred), pct(int64(d.Deterred)), "not displaced"},
		disrupted,
	})
	fmt.Fprintf(w, "\nWhere the displaced victims go (%s):\n", countOf(len(d.Reroutes), "observed route"))
	var rows [][]string
	for i, x := range d.Reroutes {
		if top > 0 && i == top {
			break
		}
		np := "disrupted"
		if x.NewPath != nil {
			np = pathText(x.NewPath)
		} else if x.ByCapacity {
			np = "disrupted (capacity)"
		}
		rows = append(rows, []string{"  " + pathText(x.OldPath), np, p.Count(x.Victims), p.Count(x.Deterred)})
	}
	WriteTable(w, []string{"  OLD ROUTE", "NEW ROUTE", "VICTIMS", "DETERRED"}, rows)
	if top > 0 && len(d.Reroutes) > top {
		fmt.Fprintf(w, "  ... %d more (--top 0 or --format json for all)\n", len(d.Reroutes)-top)
	}
	if lo := r.ReroutesLeftOut; lo != nil {
		fmt.Fprintf(w, "  ... %s more left out by --limit (%s victims; --limit 0 for all)\n", countOf(lo.Rows, "route"), p.Count(lo.Victims))
	}
	fmt.Fprintln(w, "\nTransit volume:")
	rows = rows[:0]
	unchanged := 0
	for _, c := range d.Countries {
		if c.Delta == 0 {
			unchanged++
			continue
		}
		delta := p.policy.Mark()
		if !c.Delta.IsHidden() {
			delta = fmt.Sprintf("%+d", int64(c.Delta))
		}
		rows = append(rows, []string{"  " + c.Country, r.Names[c.Country], p.Count(c.TransitBefore), p.Count(c.TransitAfter), delta})
	}
	WriteTable(w, []string{"  CODE", "COUNTRY", "BEFORE", "AFTER", "DELTA"}, rows)
	if unchanged > 0 {
		fmt.Fprintf(w, "  other transit countries unchanged: %d\n", unchanged)
	}
	return nil
}

type sweepResult struct{ *routes.SweepResult }

func (r sweepResult) rowsOf(p *Printer) [][]string {
	var rows [][]string
	for i, s := range r.Sweep {
		if p.format != CSV && r.Top > 0 && i == r.Top {
			break
		}
		ben := "-"
		if s.Beneficiary != "" {
			gain := p.policy.Mark()
			if !s.BeneficiaryGain.IsHidden() {
				gain = fmt.Sprintf("%+d", int64(s.BeneficiaryGain))
			}
			ben = s.Beneficiary + " " + gain
			if p.format == CSV {
				ben = s.Beneficiary
			}
		}
		row := []string{strconv.Itoa(i + 1), s.Country, r.Names[s.Country], p.Count(s.Disrupted), p.Count(s.Rerouted), p.Count(s.Deterred), p.Count(s.Affected), ben}
		if p.format == CSV {
			row = append(row, p.Count(s.BeneficiaryGain))
		}
		rows = append(rows, row)
	}
	return rows
}

func (r sweepResult) csv(p *Printer) error {
	return p.rows([]string{"rank", "country", "name", "disrupted", "rerouted", "deterred", "affected", "beneficiary", "beneficiary_gain"}, r.rowsOf(p))
}

func (r sweepResult) table(p *Printer) error {
	fmt.Fprintf(p.w, "Each transit country removed alone; displacement %g; new routes by %s; %s; dataset %s\n\n",
		r.Displacement, r.By, r.FilterText, r.Dataset)
	if r.Note != "" {
		fmt.Fprintln(p.w, r.Note)
		return nil
	}
	if err := p.rows([]string{"#", "CODE", "COUNTRY", "DISRUPTED", "REROUTED", "DETERRED", "AFFECTED", "MAIN BENEFICIARY"}, r.rowsOf(p)); err != nil {
		return err
	}
	if r.Top > 0 && len(r.Sweep) > r.Top {
		fmt.Fprintf(p.w, "... %d more (--top 0 for all)\n", len(r.Sweep)-r.Top)
	}
	return nil
}

type interdictResult struct{ *routes.InterdictResult }

func (r interdictResult) rowsOf(p *Printer) [][]string {
	rows := make([][]string, len(r.Gains))
	for i, g := range r.Gains {
		rows[i] = []string{strconv.Itoa(i + 1), g.Country, r.Names[g.Country], p.Count(g.Gain), p.Count(g.Disrupted)}
	}
	return rows
}

func (r interdictResult) csv(p *Printer) error {
	return p.rows([]string{"order", "country", "name", "gain", "disrupted"}, r.rowsOf(p))
}

func (r interdictResult) table(p *Printer) error {
	w := p.w
	fmt.Fprintf(w, "Interdiction: at most %d of %d transit countries; displacement %g; new routes by %s; %s; dataset %s\n",
		r.K, r.Candidates, r.Displacement, r.By, r.FilterText, r.Dataset)
	fmt.Fprintf(w, "Method: %s\n\n", r.Method)
	if r.Note != "" {
		fmt.Fprintln(w, r.Note)
		return nil
	}
	if len(r.Gains) == 0 {
		fmt.Fprintln(w, "No removal of transit countries disrupts any victim: every affected flow has another route.")
		return nil
	}
	if err := p.rows([]string{"#", "CODE", "COUNTRY", "GAIN", "DISRUPTED"}, r.rowsOf(p)); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nRemoving %d countries disrupts %s victims; of the %s affected, %s are rerouted and %s deterred.\n",
		len(r.Removed), p.Count(r.Disrupted), p.Count(r.Affected), p.Count(r.Rerouted), p.Count(r.Deterred))
	if !r.Exact {
		fmt.Fprintf(w, "No set of %d can disrupt more than %s victims (upper bound).\n", r.K, p.Count(r.Bound))
	}
	return nil
}

type routesResult struct{ *routes.RoutesResult }

func (r routesResult) csv(p *Printer) error {
	var rows [][]string
	for _, o := range r.Observed {
		rows = append(rows, []string{"observed", strings.Join(o.Path, ">"), p.Count(o.Victims), strconv.Itoa(o.Records), "", "", ""})
	}
	for _, x := range r.Paths {
		rows = append(rows, []string{"path", strings.Join(x.Nodes, ">"), "", "", p.Share(x.Cost, 9), strconv.Itoa(x.Hops), p.Count(x.MinLegVictims)})
	}
	return p.rows([]string{"kind", "path", "victims", "records", "cost", "hops", "min_leg_victims"}, rows)
}

func (r routesResult) table(p *Printer) error {
	w := p.w
	name := func(c string) string { return fmt.Sprintf("%s (%s)", r.Names[c], c) }
	fmt.Fprintf(w, "Routes from %s to %s; %s; dataset %s\n\n", name(r.From), name(r.To), r.FilterText, r.Dataset)
	if c := r.Closed; c != nil {
		fmt.Fprintf(w, "What if %s closed to transit: %s through them left out (%s, %s victims); no path passes through them.\n\n",
			strings.Join(r.Removed, ", "), countOf(c.Routes, "observed route"), countOf(c.Records, "record"), p.Count(c.Victims))
	}
	fmt.Fprintf(w, "Observed routes (%d):\n", len(r.Observed))
	if len(r.Observed) == 0 {
		fmt.Fprintln(w, "  none: no record passes through both countries in this order")
	} else {
		rows := make([][]string, len(r.Observed))
		for i, o := range r.Observed {
			rows[i] = []string{"  " + pathText(o.Path), p.Count(o.Victims), strconv.Itoa(o.Records)}
		}
		WriteTable(w, []string{"  ROUTE", "VICTIMS", "RECORDS"}, rows)
	}
	fmt.Fprintf(w, "\nBest paths in the leg graph by %s (up to %d):\n", r.By, r.K)
	if r.Note != "" {
		fmt.Fprintf(w, "  %s\n", r.Note)
	}
	if len(r.Paths) == 0 {
		why := "no path leads there in the filtered leg graph"
		if r.NoPath != nil {
			why = r.NoPath.Error()
		}
		fmt.Fprintln(w, "  none: "+why)
		return nil
	}
	rows := make([][]string, len(r.Paths))
	for i, x := range r.Paths {
		rows[i] = []string{"  " + pathText(x.Nodes), strconv.Itoa(x.Hops), p.Share(x.Cost, 6), p.Count(x.MinLegVictims)}
	}
	return WriteTable(w, []string{"  PATH", "HOPS", "COST", "THINNEST LEG"}, rows)
}
