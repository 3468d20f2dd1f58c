package main

import (
	"bytes"
	"cmp"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/exports"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/estimate"
)

//go:embed report.html
var reportHTML string

// reportArgs are the flags of the report command.
type reportArgs struct {
	out string
	top int
	// mse is a multiple systems estimation table (--mse).
	mse string
}

// check validates the flags.
func (r *reportArgs) check() error {
	if r.out == "" {
		return usagef("report needs -o DIR")
	}
	if r.top < 1 {
		return usagef("--top %d: want at least 1", r.top)
	}
	return nil
}

type nameN struct {
	Name string
	N    graph.Count
}

type reportRoute struct {
	Path    string
	Victims graph.Count
	Records int
}

type reportReroute struct {
	Old, New string
	Victims  graph.Count
}

type emergingRow struct {
	Destination, Origin string
	Status              routes.Status
	Baseline, Recent    int
	ShareThen, ShareNow float64
}

// reportMaxRows bounds the report's long tables (reroutes, emerging
// sources, substitutions): a briefing of a large dataset would otherwise
// list hundreds of thousands of rows; the commands list them all.
const (
	reportMaxRows = 40
	reportMaxSubs = 10
)

// sweepRow is one transit country closed alone, in the report.
type sweepRow struct {
	Country                                 string
	Affected, Rerouted, Disrupted, Deterred graph.Count
	Beneficiary                             string
	Gain                                    graph.Count
}

// reportData is what the template shows.
type reportData struct {
	Title, Dataset, Filter, SourceLine, Command string
	MinCount                                    int
	Summary                                     routes.Summary
	Vectors, Measures                           []nameN
	MapSVG                                      template.HTML
	Hubs                                        []routes.Hub
	Routes                                      []reportRoute
	Emerging                                    *routes.EmergingResult
	EmergingRows                                []emergingRow
	Substitutions                               []string
	EmergingNote                                string
	EmergingUncovered                           []string
	WhatIfName                                  string
	WhatIfWhy                                   string
	Sweep                                       []sweepRow
	Diversion                                   *routes.Diversion
	Reroutes                                    []reportReroute
	ReroutesMore, EmergingMore                  string
	SubstitutionsMore                           string
	WhatIfSVG                                   template.HTML
	Estimate                                    *estimate.Result
	EstimateNote                                string
	MSE                                         *reportMSE
}

func newReportCmd(a *app) *cobra.Command {
	var ff filterFlags
	var ra reportArgs
	cmd := &cobra.Command{
		Use:   "report -o DIR",
		Short: "A self-contained HTML briefing: summary, map, hubs, routes, trends, what-if, estimate",
		Long: `report writes DIR/index.html, a briefing that opens offline and prints
cleanly: the summary, the route map (inline SVG), the top hubs by transit, the
largest observed routes, the emerging and falling source countries, the what-if
of closing the top transit hub (divert --remove), and the detection-rate
estimate with the seed's inputs. The maps are also written as DIR/map.svg and
DIR/whatif.svg. It accepts the analysis filters and the global --min-count.
--mse FILE adds the multiple systems estimate of estimate --mse FILE (stepwise,
1,000 bootstrap replicates, seed 1).`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			flt, err := ff.filter()
			if err != nil {
				return err
			}
			if err := ra.check(); err != nil {
				return err
			}
			lg, err := a.legGraph(cmd.Context(), flt)
			if err != nil {
				return err
			}
			data, svgs, err := a.report(cmd.Context(), lg, ra.top)
			if err != nil {
				return err
			}
			if ra.mse != "" {
				if data.MSE, err = a.reportMSE(cmd.Context(), ra.mse); err != nil {
					return err
				}
			}
			var page bytes.Buffer
			if err := reportTemplate(a).Execute(&page, data); err != nil {
				return fmt.Errorf("report: %w", err)
			}
			if err := os.MkdirAll(ra.out, 0o755); err != nil {
				return fmt.Errorf("report: %w", err)
			}
			files := map[string][]byte{"index.html": page.Bytes(), "map.svg": svgs[0]}
			if svgs[1] != nil {
				files["whatif.svg"] = svgs[1]
			}
			for _, name := range slices.Sorted(maps.Keys(files)) {
				if err := os.WriteFile(filepath.Join(ra.out, name), files[name], 0o644); err != nil {
					return fmt.Errorf("report: %w", err)
				}
			}
			fmt.Fprintf(a.stderr, "wrote %s (open it in a browser; it needs no network)\n", filepath.Join(ra.out, "index.html"))
			return nil
		},
	}
	ff.register(cmd.Flags())
	cmd.Flags().StringVarP(&ra.out, "output", "o", "", "directory to write the report to")
	cmd.Flags().IntVar(&ra.top, "top", 10, "rows of the hubs and routes tables")
	cmd.Flags().StringVar(&ra.mse, "mse", "", "add the multiple systems estimate of this table (as estimate --mse with its defaults)")
	return cmd
}

// byCount lists a map's entries, largest first, then by name.
func byCount(m map[string]graph.Count) []nameN {
	var list []nameN
	for k, n := range m {
		list = append(list, nameN{k, n})
	}
	slices.SortFunc(list, func(x, y nameN) int {
		if c := cmp.Compare(y.N, x.N); c != 0 {
			return c
		}
		return cmp.Compare(x.Name, y.Name)
	})
	return list
}

func reportTemplate(a *app) *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"num":       func(n any) string { return a.sup.countCell(n) }, // victim counts: --min-count hides them
		"thousands": thousands,                                        // other counts (records, legs)
		"inc":       func(i int) int { return i + 1 },
		"join":      strings.Join,
		"pct":       func(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) },
		"rng": func(r estimate.Range, prec int) string {
			if r.Low == r.High {
				return numf(r.Low, prec)
			}
			return numf(r.Low, prec) + " – " + numf(r.High, prec)
		},
	}).Parse(reportHTML))
}

// numf writes x with prec decimals, and thousands separators when prec is 0.
func numf(x float64, prec int) string {
	if prec == 0 {
		return thousands(int(x + 0.5))
	}
	return fmt.Sprintf("%.*f", prec, x)
}

// report gathers the briefing's content and its two maps (SVG).
func (a *app) report(ctx context.Context, lg *graph.LegGraph, top int) (*reportData, [2][]byte, error) {
	var maps [2][]byte
	sum := routes.Summarize(lg)
	d := &reportData{
		Title: "Trafficking routes briefing: " + lg.Dataset, Dataset: lg.Dataset, Filter: lg.Filter.String(),
		SourceLine: exports.SourceLine(lg.Flows) + ".", Command: "report", MinCount: a.sup.k, Summary: sum,
	}
	if a.sup.k <= 1 {
		d.MinCount = 0
	}
	d.Vectors, d.Measures = byCount(sum.ByVector), byCount(sum.ByMeasure)

	view, err := exports.Select(ctx, lg, exports.Options{MinCount: a.sup.k, Top: exports.DefaultMapLegs, EveryCountry: true})
	if err != nil {
		return nil, maps, err
	}
	svg, err := a.mapSVG(ctx, view, exports.MapOptions{})
	if err != nil {
		return nil, maps, err
	}
	maps[0], d.MapSVG = svg, inlineSVG(svg)

	hubs, err := routes.Hubs(ctx, lg, routes.ByTransit, routes.ByHops)
	if err != nil {
		return nil, maps, err
	}
	d.Hubs = hubs[:min(top, len(hubs))]
	d.Routes = topRoutes(lg, top)

	a.reportEmerging(lg, d)

	if len(hubs) > 0 && hubs[0].Transit > 0 {
		// One compaction of the records for the sweep and the detail.
		w, err := routes.NewWhatIf(lg, 1, routes.ByHops)
		if err != nil {
			return nil, maps, err
		}
		h, err := a.reportSweep(ctx, w, lg, hubs, top, d)
		if err != nil {
			return nil, maps, err
		}
		d.WhatIfName = h.Name
		div, err := w.Divert(ctx, []string{h.Country}, 0)
		if err != nil {
			return nil, maps, err
		}
		d.Diversion = div
		for i, r := range div.Reroutes { // most victims first
			if i == reportMaxRows {
				n, v := len(div.Reroutes)-i, graph.Count(0)
				for _, r := range div.Reroutes[i:] {
					v += r.Victims
				}
				d.ReroutesMore = fmt.Sprintf("and %s more routes with %s victims (tipgraph divert --remove %s lists them all)", thousands(n), a.sup.countCell(v), h.Country)
				break
			}
			nr := "disrupted (no route left)"
			if r.NewPath != nil {
				nr = pathText(r.NewPath)
			}
			d.Reroutes = append(d.Reroutes, reportReroute{pathText(r.OldPath), nr, r.Victims})
		}
		svg, err := a.mapSVG(ctx, view, exports.MapOptions{Diversion: div})
		if err != nil {
			return nil, maps, err
		}
		maps[1], d.WhatIfSVG = svg, inlineSVG(svg)
	} else {
		d.WhatIfName = "the top transit hub"
	}

	in := estimate.SeedInputs()
	if err := in.Check(); err == nil {
		est := estimate.Correct(in)
		d.Estimate = &est
		d.EstimateNote = "Inputs are the seed report's (UNODC, The Globalization of Crime, 2010, ch. 2.1): 7,300 victims detected in West and Central Europe in 2006, one victim in 20 detected, two years of exploitation on average, EUR 50 a service. Run tipgraph estimate to change them."
	} else {
		d.EstimateNote = "The estimate could not be computed: " + err.Error()
	}
	return d, maps, nil
}

// reportSweep closes every transit country alone (divert --each,
// displacement 1), keeps the top of them by affected victims for the
// report, and returns the hub whose closure the report details: the
// busiest transit country, or among those tied for it, the one whose
// closure reroutes the most victims (it shows where flows divert; ties by
// code).
func (a *app) reportSweep(ctx context.Context, w *routes.WhatIf, lg *graph.LegGraph, hubs []routes.Hub, top int, d *reportData) (routes.Hub, error) {
	sweep, err := w.Each(ctx)
	if err != nil {
		return routes.Hub{}, err
	}
	byCode := map[string]routes.SweepEntry{}
	for _, e := range sweep {
		byCode[e.Country] = e
	}
	slices.SortStableFunc(sweep, func(x, y routes.SweepEntry) int {
		if x.Affected != y.Affected {
			return cmp.Compare(y.Affected, x.Affected)
		}
		return strings.Compare(x.Country, y.Country)
	})
	for _, e := range sweep[:min(top, len(sweep))] {
		row := sweepRow{Country: fmt.Sprintf("%s (%s)", lg.Country(e.Country).Name, e.Country),
			Affected: e.Affected, Rerouted: e.Rerouted, Disrupted: e.Disrupted, Deterred: e.Deterred, Gain: e.BeneficiaryGain}
		if e.Beneficiary != "" {
			row.Beneficiary = fmt.Sprintf("%s (%s)", lg.Country(e.Beneficiary).Name, e.Beneficiary)
		}
		d.Sweep = append(d.Sweep, row)
	}
	best := hubs[0] // hubs are sorted by transit, then code
	var tied []string
	for _, h := range hubs {
		if h.Transit != best.Transit {
			break
		}
		tied = append(tied, h.Name)
		if byCode[h.Country].Rerouted > byCode[best.Country].Rerouted {
			best = h
		}
	}
	if len(tied) > 1 {
		d.WhatIfWhy = fmt.Sprintf("%s tie as the busiest transit countries (%s victims each); the detail shows %s, whose closure reroutes the most victims.",
			strings.Join(tied, " and "), thousands(int(best.Transit)), best.Name)
	} else {
		d.WhatIfWhy = fmt.Sprintf("%s is the busiest transit country (%s victims).", best.Name, thousands(int(best.Transit)))
	}
	return best, nil
}

// reportEmerging fills the emerging-sources section: every origin whose
// share changed (not stable), by destination, each destination compared
// between its own earlier and later records (datasets compiled from
// reports cover each destination in different years).
func (a *app) reportEmerging(lg *graph.LegGraph, d *reportData) {
	res, err := routes.Emerging(lg, routes.EmergingOptions{OwnPeriods: true})
	if err != nil {
		d.EmergingNote = "No trend analysis: " + err.Error()
		if errors.Is(err, context.Canceled) {
			d.EmergingNote = "No trend analysis (interrupted)."
		}
		return
	}
	d.Emerging = res
	for _, u := range res.Uncovered {
		d.EmergingUncovered = append(d.EmergingUncovered, fmt.Sprintf("%s (%s)", lg.Country(u.Destination).Name, u.Reason))
	}
	// Every change, then (when there are more than reportMaxRows) the
	// largest shifts of share, kept in destination order.
	type change struct {
		row   emergingRow
		shift float64
	}
	var changes []change
	type sub struct {
		text string
		lost float64
	}
	var subs []sub
	for _, dt := range res.Destinations {
		for _, o := range dt.Origins {
			if o.Status == routes.Stable {
				continue
			}
			changes = append(changes, change{emergingRow{
				Destination: fmt.Sprintf("%s, %s → %s", dt.Name, dt.BaselinePeriod, dt.RecentPeriod), Origin: fmt.Sprintf("%s (%s)", o.Name, o.Country), Status: o.Status,
				Baseline: o.BaselineVictims, Recent: o.RecentVictims, ShareThen: o.BaselineShare, ShareNow: o.RecentShare,
			}, math.Abs(o.Shift())})
		}
		for _, s := range dt.Substitutions {
			rising := make([]string, len(s.Rising))
			for i, c := range s.Rising {
				rising[i] = lg.Country(c).Name
			}
			subs = append(subs, sub{fmt.Sprintf("At %s: %s falling (%.0f points of share lost), %s rising (%.0f points gained)",
				dt.Name, lg.Country(s.Falling).Name, 100*s.ShareLost, strings.Join(rising, ", "), 100*s.ShareGained), s.ShareLost})
		}
	}
	keep := largest(len(changes), reportMaxRows, func(i int) float64 { return changes[i].shift })
	for i, c := range changes {
		if keep[i] {
			d.EmergingRows = append(d.EmergingRows, c.row)
		}
	}
	if n := len(changes) - len(d.EmergingRows); n > 0 {
		d.EmergingMore = fmt.Sprintf("The %d largest shifts of share are shown; %s more origins changed (tipgraph emerging --own-periods lists them all).", len(d.EmergingRows), thousands(n))
	}
	keep = largest(len(subs), reportMaxSubs, func(i int) float64 { return subs[i].lost })
	for i, s := range subs {
		if keep[i] {
			d.Substitutions = append(d.Substitutions, s.text)
		}
	}
	if n := len(subs) - len(d.Substitutions); n > 0 {
		d.SubstitutionsMore = fmt.Sprintf("The %d largest losses of share are shown; %s more substitutions.", len(d.Substitutions), thousands(n))
	}
}

// largest marks the indices of the k items of n with the largest size
// (ties: the earlier), all of them when n <= k.
func largest(n, k int, size func(i int) float64) map[int]bool {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(size(b), size(a)) })
	keep := map[int]bool{}
	for _, i := range idx[:min(k, n)] {
		keep[i] = true
	}
	return keep
}

func (a *app) mapSVG(ctx context.Context, v *exports.View, mo exports.MapOptions) ([]byte, error) {
	dot, err := exports.Map(v, mo)
	if err != nil {
		return nil, err
	}
	return exports.Render(ctx, dot, "svg")
}

// inlineSVG drops the XML declaration and DOCTYPE so that the SVG can sit
// inside HTML. The SVG comes from Graphviz, which escapes every text.
func inlineSVG(svg []byte) template.HTML {
	s := string(svg)
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	return template.HTML(s)
}

// topRoutes returns the n routes with most victims, for the template.
func topRoutes(lg *graph.LegGraph, n int) []reportRoute {
	var out []reportRoute
	for _, o := range routes.TopRoutes(lg, n) {
		out = append(out, reportRoute{Path: pathText(o.Path), Victims: o.Victims, Records: o.Records})
	}
	return out
}

func pathText(p []string) string { return strings.Join(p, " > ") }
