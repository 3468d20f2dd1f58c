package briefing

import (
	"bytes"
	"cmp"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/exports"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/estimate"
	"github.com/tipgraph/tipgraph/routes/groups"
)

//go:embed briefing.html
var pageHTML string

// Caps of the briefing's long tables (reroutes, emerging sources,
// substitutions): a briefing of a large dataset would otherwise list
// hundreds of thousands of rows; the commands list them all.
const (
	MaxRows = 40
	MaxSubs = 10
)

// Brokers over time: the briefing follows the TimelineTop brokers of
// each period of at most MaxTimelines groups with dated ties (the
// largest, ties by id); tipgraph groups --group G --by-period shows any.
const (
	MaxTimelines = 5
	TimelineTop  = 3
)

// DefaultTop is the rows of the hubs, routes and sweep tables unless
// Options say otherwise.
const DefaultTop = 10

// Options say what a briefing covers.
type Options struct {
	// Filter selects the records every section analyses.
	Filter graph.Filter
	// Top is the rows of the hubs, routes and sweep tables (0: DefaultTop).
	Top int
	// Policy hides small victim counts (--min-count) in every section,
	// the prose and the maps.
	Policy privacy.Policy
	// MSE, when not nil, adds a multiple systems estimate.
	MSE *MSE
}

// MSE is a multiple systems estimate to show, with the file of lists it
// was made from.
type MSE struct {
	File   string
	Result *estimate.MSEResult
	// Known is Result.Known, the victims on at least one list (Build
	// sets it).
	Known graph.Count
}

// Suppress leaves the estimate out when the known victims are hidden:
// every figure of it derives from them.
func (m *MSE) Suppress(s *privacy.State) {
	if m.Known.IsHidden() {
		m.Result = nil
	}
}

// Briefing is the content of a briefing: the typed results of the
// analyses, selected, ordered and capped, under the privacy policy.
// Build makes it; HTML and Write write it.
type Briefing struct {
	Title, Dataset, Filter string
	// Sources are the records' distinct citations (exports.Citations).
	Sources string
	Records int
	// MinCount is the policy's K when the policy is active, else 0.
	MinCount int
	// SetAside is what the readers did not turn into records.
	SetAside graph.SetAside
	// Censored is how counts the source censored were taken (nil: the
	// dataset records none).
	Censored *Censored
	Summary  routes.Summary
	Hubs     Hubs
	Routes   []Route
	Emerging Emerging
	// Trends are the small multiples of section 5: origins' victims and
	// shares over the years at the largest destinations.
	Trends   []Trend
	WhatIf   WhatIf
	Estimate Estimate
	MSE      *MSE
	// Timelines are how the brokers of the groups with dated ties change
	// over the periods of their ties (within the filter's period);
	// TimelinesMore counts the groups with dated ties left out.
	Timelines     []*groups.Timeline
	TimelinesMore int
	// Map and WhatIfMap are the route maps as SVG (Map nil when the
	// policy hides every leg, WhatIfMap nil without a what-if or a map).
	Map, WhatIfMap []byte
	// PeriodMaps are the route map in each of MapPeriods periods of the
	// records' years (none without a map or with one year), small
	// multiples in one frame; Spanning counts the records across two
	// periods, in none of them.
	PeriodMaps []exports.PeriodMap
	Spanning   int

	policy privacy.Policy
	// hidden is what the policy hid in the content (the maps hide their
	// own labels).
	hidden *privacy.State
}

// Censored says how many counts the source wrote as "<K" and how they
// were counted (graph.Dataset.Censored).
type Censored struct {
	Cells   int
	Rule    string
	Victims graph.Count
}

// Route is one observed route of the top routes table.
type Route struct {
	Path    string
	Victims graph.Count
	Records int
}

// Build analyses data under opt.Filter and decides the briefing's
// content: the summary, the route map, the top hubs (by transit volume,
// or by throughput when the records name no transit country), the
// largest observed routes, the emerging sources, the what-if of closing
// the busiest transit country with the sweep of every transit country,
// and the dark-figure estimate. Every victim count is then hidden by
// opt.Policy, by type, before anything is written.
//
// It reads data's aggregates (leg graphs, tallies, routes) and its
// records once, as a stream: a store's records are never all held.
func Build(ctx context.Context, data Data, opt Options) (*Briefing, error) {
	if opt.Top <= 0 {
		opt.Top = DefaultTop
	}
	lg, ds, err := data.LegGraph(ctx, opt.Filter)
	if err != nil {
		return nil, err
	}
	tallies, err := data.Tallies(ctx, opt.Filter)
	if err != nil {
		return nil, err
	}
	b := &Briefing{
		Title: "Trafficking routes briefing: " + lg.Dataset, Dataset: lg.Dataset, Filter: lg.Filter.String(),
		Records: lg.Totals().Records, Summary: routes.Summarize(lg),
		SetAside: copySetAside(ds.SetAside), policy: opt.Policy,
	}
	if opt.MSE != nil {
		b.MSE = &MSE{File: opt.MSE.File, Result: opt.MSE.Result, Known: opt.MSE.Result.Known}
	}
	if opt.Policy.Active() {
		b.MinCount = opt.Policy.K
	}
	if c := ds.Censored; c.Cells > 0 {
		b.Censored = &Censored{Cells: c.Cells, Rule: c.Rule, Victims: c.Victims}
	}

	views, sources, spanning, err := mapViews(ctx, data, lg, tallies, opt)
	if err != nil {
		return nil, err
	}
	b.Sources = sources
	view := views[0]
	if b.Map, err = mapSVG(ctx, view, exports.MapOptions{}); err != nil && !errors.Is(err, exports.ErrNoRecords) {
		return nil, err
	}
	if periods := periodsOf(tallies); b.Map != nil && len(periods) > 1 {
		if b.PeriodMaps, err = exports.PeriodMaps(ctx, view, views[1:], periods); err != nil {
			return nil, err
		}
		b.Spanning = spanning
	}
	hubs, err := routes.Hubs(ctx, lg, routes.ByTransit, routes.ByHops)
	if err != nil {
		return nil, err
	}
	b.Hubs = rankHubs(hubs, opt.Top, b.Summary.Transit == 0)
	// The records' distinct routes, for the top routes and the what-if
	// (closed countries divert every victim: displacement 1).
	list, err := data.WhatIfRoutes(ctx, opt.Filter, 1)
	if err != nil {
		return nil, err
	}
	for _, o := range routes.TopRoutes(list, opt.Top) {
		b.Routes = append(b.Routes, Route{Path: pathText(o.Path), Victims: graph.Count(o.Victims), Records: o.Records})
	}
	b.Emerging = emerging(lg, tallies)
	b.Trends = trends(lg, tallies)
	if b.WhatIf, err = whatIf(ctx, data, lg, list, hubs, opt.Top); err != nil {
		return nil, err
	}
	if d := b.WhatIf.diversion; d != nil && b.Map != nil {
		if b.WhatIfMap, err = mapSVG(ctx, view, exports.MapOptions{Diversion: d}); err != nil {
			return nil, err
		}
	}
	if b.Estimate, err = darkFigure(ctx, data, lg, ds, tallies); err != nil {
		return nil, err
	}
	if b.Timelines, b.TimelinesMore, err = timelines(ctx, ds, opt.Filter.Period); err != nil {
		return nil, err
	}
	b.hidden = opt.Policy.Apply(b)
	return b, nil
}

// periodsOf are the MapPeriods periods of the period maps, over the
// years of the records the tallies sum.
func periodsOf(tallies []graph.Tally) []graph.Period {
	first, last := graph.TallySpan(tallies)
	return exports.Periods(first, last, MapPeriods)
}

// mapViews selects the view of the route map (the first) and, when the
// records span several periods, of each period map, in one read of the
// records, which also gives the records' sources (exports.Citations)
// and spanning, the records the maps show in none of the periods.
func mapViews(ctx context.Context, data Data, lg *graph.LegGraph, tallies []graph.Tally, opt Options) (views []*exports.View, sources string, spanning int, err error) {
	lgs := []*graph.LegGraph{lg}
	periods := periodsOf(tallies)
	if len(periods) > 1 {
		for _, p := range periods {
			flt := opt.Filter
			flt.Period = p
			plg, _, err := data.LegGraph(ctx, flt)
			if err != nil {
				return nil, "", 0, err
			}
			lgs = append(lgs, plg)
		}
	}
	var cited exports.Citations
	views, err = exports.SelectStreams(ctx, lgs, exports.Options{MinCount: opt.Policy.K, Top: exports.DefaultMapLegs, EveryCountry: true},
		func(start func() func(*graph.Flow)) error {
			_, err := data.EachFlow(ctx, func() func(*graph.Flow) {
				add := start()
				cited, spanning = exports.Citations{}, 0
				return func(f *graph.Flow) {
					add(f)
					if !opt.Filter.Keep(f) {
						return
					}
					cited.Add(f)
					if len(periods) > 1 && !opt.Policy.Hides(graph.Count(f.Victims)) && exports.Spanning(f.Period, periods) {
						spanning++
					}
				}
			})
			return err
		})
	if err != nil {
		return nil, "", 0, err
	}
	return views, cited.String(), spanning, nil
}

// copySetAside copies sa so that the policy hides counts in the copy.
func copySetAside(sa graph.SetAside) graph.SetAside {
	out := sa
	out.Reasons = slices.Clone(sa.Reasons)
	if out.Reasons == nil {
		out.Reasons = []graph.SetAsideReason{}
	}
	return out
}

// Suppress makes sure that no hidden victims count of a set-aside reason
// is the set-aside victims minus the other reasons'.
func (b *Briefing) Suppress(s *privacy.State) {
	parts := make([]*graph.Count, len(b.SetAside.Reasons))
	for i := range b.SetAside.Reasons {
		parts[i] = &b.SetAside.Reasons[i].Victims
	}
	s.Complement(&b.SetAside.Victims, parts...)
}

// Hidden is the number of victim counts the policy hid in the content.
func (b *Briefing) Hidden() int {
	if b.hidden == nil {
		return 0
	}
	return b.hidden.Hidden()
}

// Secondary is how many of them were hidden so that no hidden count is
// a shown total minus shown parts.
func (b *Briefing) Secondary() int {
	if b.hidden == nil {
		return 0
	}
	return b.hidden.Secondary
}

// count formats a victim count for the reader: with thousands separators,
// or "<K" when the policy hides it. It is the only way the briefing
// writes a victim count, in tables, prose and notes alike.
func (b *Briefing) count(c graph.Count) string {
	return b.policy.Text(c, func(n int64) string { return exports.Thousands(int(n)) })
}

// num formats a number (a float64, or a graph.Share: "<K" when hidden)
// with prec decimals.
func (b *Briefing) num(x any, prec int) string {
	switch v := x.(type) {
	case graph.Share:
		if v.IsHidden() {
			return b.policy.Mark()
		}
		return numText(float64(v), prec)
	case float64:
		return numText(v, prec)
	}
	return fmt.Sprint(x)
}

// share formats a value derived from counts as a percentage, or "<K"
// when hidden with its counts.
func (b *Briefing) share(x graph.Share) string {
	if x.IsHidden() {
		return b.policy.Mark()
	}
	return fmt.Sprintf("%.0f%%", 100*float64(x))
}

// points formats a difference of shares in points of percentage, or
// "<K" when hidden with its counts.
func (b *Briefing) points(x graph.Share) string {
	if x.IsHidden() {
		return b.policy.Mark()
	}
	return fmt.Sprintf("%.0f", 100*float64(x))
}

// NameCount is one entry of a breakdown of victims.
type NameCount struct {
	Name string
	N    graph.Count
}

// byCount lists a breakdown, largest first, hidden counts last, then by
// name.
func byCount(m map[string]graph.Count) []NameCount {
	var list []NameCount
	for k, n := range m {
		list = append(list, NameCount{k, n})
	}
	slices.SortFunc(list, func(x, y NameCount) int {
		if c := cmp.Compare(y.N, x.N); c != 0 {
			return c
		}
		return cmp.Compare(x.Name, y.Name)
	})
	return list
}

// Vectors is the leg victims by vector, largest first.
func (b *Briefing) Vectors() []NameCount { return byCount(b.Summary.ByVector) }

// Measures is the victims by measure, largest first.
func (b *Briefing) Measures() []NameCount { return byCount(b.Summary.ByMeasure) }

func mapSVG(ctx context.Context, v *exports.View, mo exports.MapOptions) ([]byte, error) {
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

func pathText(p []string) string { return strings.Join(p, " > ") }

// page is the briefing's template; its functions format every number.
func (b *Briefing) page() *template.Template {
	return template.Must(template.New("briefing").Funcs(template.FuncMap{
		"count":     b.count,           // victim counts, under the policy
		"share":     b.share,           // values derived from victim counts
		"thousands": exports.Thousands, // other numbers (records, legs)
		"inc":       func(i int) int { return i + 1 },
		"join":      strings.Join,
		"svg":       inlineSVG,
		"rng":       rangeText,
		"plural":    plural,
		"setAside":  b.setAsideLine,
		"points":    b.points,
		"num":       b.num,
		"pct":       func(x graph.Share) graph.Share { return 100 * x },
		"inv":       func(x graph.Share) graph.Share { return 1 / x },
		"broker":    brokerCell,
		"move":      moveText,
		"chart":     timelineSVG,
	}).Parse(pageHTML))
}

// HTML writes the briefing as one self-contained HTML page.
func (b *Briefing) HTML(w io.Writer) error {
	var page bytes.Buffer
	if err := b.page().Execute(&page, b); err != nil {
		return fmt.Errorf("briefing: %w", err)
	}
	_, err := w.Write(page.Bytes())
	return err
}

// Files are the briefing's files by name: index.html, map.svg and, with
// a what-if, whatif.svg.
func (b *Briefing) Files() (map[string][]byte, error) {
	var page bytes.Buffer
	if err := b.HTML(&page); err != nil {
		return nil, err
	}
	files := map[string][]byte{"index.html": page.Bytes()}
	if b.Map != nil {
		files["map.svg"] = b.Map
	}
	if b.WhatIfMap != nil {
		files["whatif.svg"] = b.WhatIfMap
	}
	return files, nil
}

// Write writes the briefing's files into dir, creating it.
func (b *Briefing) Write(dir string) error {
	files, err := b.Files()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("briefing: %w", err)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return fmt.Errorf("briefing: %w", err)
		}
	}
	return nil
}

func plural(n int, w string) string {
	if n == 1 {
		return exports.Thousands(n) + " " + w
	}
	return exports.Thousands(n) + " " + w + "s"
}

// setAsideLine says what the readers set aside, in one sentence.
func (b *Briefing) setAsideLine() string {
	sa := &b.SetAside
	if sa.Rows == 0 {
		return "Set aside: no input rows; every row read is in the analysis."
	}
	parts := make([]string, len(sa.Reasons))
	for i, r := range sa.Reasons {
		parts[i] = fmt.Sprintf("%s (%s", r.Reason, plural(r.Rows, "row"))
		if r.Victims != 0 {
			parts[i] += ", " + b.count(r.Victims) + " victims"
		}
		if len(r.Examples) > 0 {
			ex := make([]string, len(r.Examples))
			for j, e := range r.Examples {
				ex[j] = e.Format(b.count)
			}
			parts[i] += "; e.g. " + strings.Join(ex, ", ")
		}
		parts[i] += ")"
	}
	victims := ""
	if sa.Victims != 0 {
		victims = " with " + b.count(sa.Victims) + " victims"
	}
	return fmt.Sprintf("Set aside: %s%s not analysed: %s. tipgraph validate lists them.", plural(sa.Rows, "input row"), victims, strings.Join(parts, "; "))
}
