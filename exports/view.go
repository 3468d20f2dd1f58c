package exports

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/routes"
)

// Options select the part of a leg graph an export shows. The zero
// Options show everything.
type Options struct {
	// From and To (both or neither, country codes) keep only the routes
	// between two countries: the legs of the observed routes that pass
	// through From and later To (routes.ObservedRoutes) and of the K best
	// paths from From to To (routes.KPaths by Cost); the records kept are
	// those of the observed routes.
	From, To string
	// K is the number of best paths with From/To (default 3).
	K    int
	Cost routes.Cost
	// Top keeps the Top legs with most victims (0: all). It selects legs
	// only: records (JSON, Cypher) are not thinned by it.
	Top int
	// EveryCountry, with Top, also keeps each country's largest leg, so
	// that no country of the leg graph leaves the map (the view may then
	// hold more than Top legs).
	EveryCountry bool
	// MinCount hides small counts, as the global --min-count does: legs
	// of 1 to MinCount-1 victims are left out of every leg export and the
	// map, records of 1 to MinCount-1 victims out of every record export
	// and the map's country totals (0 or 1: show all; zero identifies
	// nobody and is kept).
	MinCount int
}

// DefaultMapLegs is how many legs a map shows unless told otherwise (with
// each country's largest): a map of every leg of a large dataset is a
// tangle (1,000,000 records over 200 countries have 31,794 legs, a 15 MB
// SVG that takes Graphviz 2 s).
const DefaultMapLegs = 1000

// View is the part of a leg graph an export shows, sorted so that every
// export of the same input is the same bytes.
type View struct {
	Graph   *graph.LegGraph
	Options Options
	// Legs are the legs shown, by (From, To).
	Legs []*graph.Leg
	// Codes are the countries at the ends of Legs, From and To, sorted.
	Codes []string
	// Flows are the records kept, in dataset order (none when the view
	// was selected from streamed records: SelectStream).
	Flows []*graph.Flow
	// Kept sums the records kept: what maps and GraphML show of them.
	Kept *Kept
	// Observed and Paths are the routes between From and To.
	Observed []routes.Observed
	Paths    []routes.Path
	// TotalLegs is the number of legs before Top and MinCount.
	TotalLegs int
	// HiddenLegs counts legs left out by MinCount (Kept.Hidden the
	// records).
	HiddenLegs int
}

// Select builds the view of lg that opt describes. It returns an error
// wrapping ErrBadOptions for inconsistent options, and *routes.NoPathError
// when From and To are given and no route links them.
// The time complexity is O(R·L + E log E), plus KPaths with From/To.
func Select(ctx context.Context, lg *graph.LegGraph, opt Options) (*View, error) {
	return selectView(ctx, lg, opt, nil)
}

// SelectStream is Select of a leg graph built without its records (a
// store's aggregate): records hands each record of the dataset to the
// consumer that start returns (which keeps those of lg.Filter); the view
// sums them (View.Kept) without holding them, and has no Flows. A stream
// that starts over calls start again, and only the last consumer counts
// (as graph stores' EachFlow). From and To need the records: they are an
// ErrBadOptions here.
func SelectStream(ctx context.Context, lg *graph.LegGraph, opt Options, records func(start func() func(*graph.Flow)) error) (*View, error) {
	views, err := SelectStreams(ctx, []*graph.LegGraph{lg}, opt, records)
	if err != nil {
		return nil, err
	}
	return views[0], nil
}

// SelectStreams is SelectStream of several leg graphs of one dataset,
// each under its own filter (PeriodMaps draws one per period), over one
// stream of the records: each view sums the records its graph's filter
// keeps. A store reads its records once for all of them.
func SelectStreams(ctx context.Context, lgs []*graph.LegGraph, opt Options, records func(start func() func(*graph.Flow)) error) ([]*View, error) {
	if err := opt.withoutRecords(); err != nil {
		return nil, err
	}
	opt, err := opt.checked()
	if err != nil {
		return nil, err
	}
	kept := make([]*Kept, len(lgs))
	err = records(func() func(*graph.Flow) {
		for i, lg := range lgs {
			kept[i] = newKept(lg, opt.MinCount)
		}
		return func(f *graph.Flow) {
			for i, lg := range lgs {
				if lg.Filter.Keep(f) {
					kept[i].Add(f)
				}
			}
		}
	})
	if err != nil {
		return nil, err
	}
	views := make([]*View, len(lgs))
	for i, lg := range lgs {
		if kept[i] == nil { // no record
			kept[i] = newKept(lg, opt.MinCount)
		}
		if views[i], err = selectView(ctx, lg, opt, kept[i]); err != nil {
			return nil, err
		}
	}
	return views, nil
}

// SelectSums is SelectStream from what a store summed of the records
// under lg.Filter and opt.MinCount by route (graph.MapSums, one read of
// the route index instead of every record). From and To are an
// ErrBadOptions here, as for SelectStream.
func SelectSums(ctx context.Context, lg *graph.LegGraph, opt Options, sums *graph.MapSums) (*View, error) {
	if err := opt.withoutRecords(); err != nil {
		return nil, err
	}
	return selectView(ctx, lg, opt, keptOfSums(lg, opt.MinCount, sums))
}

// withoutRecords is an error wrapping ErrBadOptions when opt needs the
// records, which SelectStream and SelectSums do not hold: the observed
// routes between two countries (From, To).
func (opt Options) withoutRecords() error {
	if opt.From != "" || opt.To != "" {
		return fmt.Errorf("%w: routes between two countries (From, To) need the records", ErrBadOptions)
	}
	return nil
}

// checked returns opt with its defaults, or an error wrapping
// ErrBadOptions when it is inconsistent.
func (opt Options) checked() (Options, error) {
	if (opt.From == "") != (opt.To == "") {
		return opt, fmt.Errorf("%w: give both From and To, or neither", ErrBadOptions)
	}
	if opt.Top < 0 || opt.MinCount < 0 || opt.K < 0 {
		return opt, fmt.Errorf("%w: Top, MinCount and K must be >= 0", ErrBadOptions)
	}
	if opt.K == 0 {
		opt.K = 3
	}
	return opt, nil
}

// selectView is Select, with the records of lg summed, or k, the sums
// of the records streamed (the view then has no Flows).
func selectView(ctx context.Context, lg *graph.LegGraph, opt Options, k *Kept) (*View, error) {
	opt, err := opt.checked()
	if err != nil {
		return nil, err
	}
	v := &View{Graph: lg, Options: opt}
	legs := lg.Index.Legs
	flows := lg.Flows
	if opt.From != "" {
		v.Observed = routes.ObservedRoutes(lg, opt.From, opt.To)
		paths, err := routes.KPaths(ctx, lg.Index, opt.From, opt.To, opt.K, opt.Cost)
		var npe *routes.NoPathError
		if err != nil && !(errors.As(err, &npe) && len(v.Observed) > 0) {
			return nil, err
		}
		v.Paths = paths
		keep := map[[2]string]bool{}
		routeKeys := map[string]bool{}
		addPath := func(p []string) {
			for i := 0; i+1 < len(p); i++ {
				keep[[2]string{p[i], p[i+1]}] = true
			}
		}
		for _, o := range v.Observed {
			addPath(o.Path)
			routeKeys[strings.Join(o.Path, ">")] = true
		}
		for _, p := range v.Paths {
			addPath(p.Nodes)
		}
		legs = slices.DeleteFunc(slices.Clone(legs), func(l *graph.Leg) bool { return !keep[[2]string{l.From, l.To}] })
		flows = slices.DeleteFunc(slices.Clone(flows), func(f *graph.Flow) bool { return !routeKeys[strings.Join(f.Path(), ">")] })
	}
	v.TotalLegs = len(legs)
	if k != nil {
		flows = nil
	} else {
		k = keptOf(lg, opt.MinCount, flows)
	}
	v.Kept = k
	if opt.MinCount > 1 {
		n := len(legs)
		legs = slices.DeleteFunc(slices.Clone(legs), func(l *graph.Leg) bool { return graph.Hides(opt.MinCount, l.Victims) })
		v.HiddenLegs = n - len(legs)
		if k.Hidden > 0 {
			flows = slices.DeleteFunc(slices.Clone(flows), func(f *graph.Flow) bool { return graph.Hides(opt.MinCount, f.Victims) })
		}
	}
	if opt.Top > 0 && len(legs) > opt.Top {
		byVictims := slices.Clone(legs)
		slices.SortStableFunc(byVictims, func(a, b *graph.Leg) int { return cmp.Compare(b.Victims, a.Victims) })
		top := map[*graph.Leg]bool{}
		for _, l := range byVictims[:opt.Top] {
			top[l] = true
		}
		if opt.EveryCountry {
			best := map[string]*graph.Leg{}
			for _, l := range byVictims { // largest first: the first seen wins
				for _, c := range []string{l.From, l.To} {
					if best[c] == nil {
						best[c] = l
					}
				}
			}
			for _, l := range best {
				top[l] = true
			}
		}
		legs = slices.DeleteFunc(slices.Clone(legs), func(l *graph.Leg) bool { return !top[l] })
	}
	v.Legs = legs
	v.Flows = flows
	codes := map[string]bool{}
	for _, l := range legs {
		codes[l.From], codes[l.To] = true, true
	}
	if opt.From != "" {
		codes[opt.From], codes[opt.To] = true, true
	}
	v.Codes = sortedKeys(codes)
	return v, nil
}

// Bytes estimates the memory the view holds besides its leg graph and
// records: the legs and codes it keeps and the sums of Kept (serve's
// memo bounds what it keeps by such estimates).
func (v *View) Bytes() int64 {
	n := int64(len(v.Legs))*8 + int64(len(v.Codes)+len(v.Observed)+len(v.Paths))*64
	if k := v.Kept; k != nil {
		n += int64(len(k.countries)+len(k.regions)+len(k.hiddenAt))*96 + int64(len(k.citations)+len(k.measures))*64
	}
	return n + 256
}

// Describe says in words what the view shows, for titles and file
// headers ("all legs", "the 20 largest of 131 legs; legs under 5 victims
// hidden").
func (v *View) Describe() string {
	var parts []string
	o := v.Options
	if o.From != "" {
		parts = append(parts, fmt.Sprintf("routes from %s to %s (%d observed, %d best paths by %s)",
			v.Graph.Country(o.From).Name, v.Graph.Country(o.To).Name, len(v.Observed), len(v.Paths), o.Cost))
	}
	switch all := v.TotalLegs - v.HiddenLegs; {
	case o.Top > 0 && o.EveryCountry && all > len(v.Legs) && len(v.Legs) > o.Top:
		parts = append(parts, fmt.Sprintf("%s of %s legs: the %s largest and each country's largest", Thousands(len(v.Legs)), Thousands(all), Thousands(o.Top)))
	case o.Top > 0 && all > len(v.Legs):
		parts = append(parts, fmt.Sprintf("the %s largest of %s legs", Thousands(len(v.Legs)), Thousands(all)))
	default:
		parts = append(parts, plural(len(v.Legs), "leg"))
	}
	if o.MinCount > 1 {
		parts = append(parts, fmt.Sprintf("counts under %s hidden (%s, %s)", Thousands(o.MinCount), plural(v.HiddenLegs, "leg"), plural(v.Kept.Hidden, "record")))
	}
	return strings.Join(parts, "; ")
}

// Dataset returns the kept records as a dataset, with the countries they
// name, for the record exports (JSON, Cypher). The name, groups, members
// and ties come from src, the dataset the leg graph was built from (nil:
// none, and the leg graph's dataset name). When every record of src is
// kept, in its order, the dataset shares src's records (a million of
// them are 170 MB), else it holds copies of the kept ones.
func (v *View) Dataset(src *graph.Dataset) *graph.Dataset {
	ds := &graph.Dataset{Name: v.Graph.Dataset, Countries: map[string]graph.Country{}}
	if src != nil {
		ds.Name, ds.Groups, ds.Members, ds.Ties = src.Name, src.Groups, src.Members, src.Ties
	}
	all := src != nil && len(v.Flows) == len(src.Flows)
	for i := 0; all && i < len(v.Flows); i++ {
		all = v.Flows[i] == &src.Flows[i]
	}
	if all {
		ds.Flows = src.Flows
	} else {
		ds.Flows = make([]graph.Flow, len(v.Flows))
	}
	for i, f := range v.Flows {
		if !all {
			ds.Flows[i] = *f
		}
		for _, c := range f.Path() {
			if cc, ok := v.Graph.Countries[c]; ok {
				ds.Countries[c] = cc
			}
		}
	}
	return ds
}

// count writes a victim count for a map label: "<K" when MinCount = K
// hides it, with thousands separators otherwise.
func (v *View) count(n int) string {
	if k := v.Options.MinCount; k > 1 && n > 0 && n < k {
		return "<" + Thousands(k)
	}
	return Thousands(n)
}

// countryCount writes the victims through a country on a map: "hidden"
// when MinCount left out every record of the country that has victims
// (the kept ones sum to 0, which would read as none).
func (v *View) countryCount(code string, total int) string {
	if total == 0 && v.Kept.hiddenAt[code] {
		return "hidden"
	}
	return v.count(total)
}

// counts writes a total and the parts it is the sum of for a map text:
// each "<K" when MinCount hides it and, so that no hidden part is the
// total minus the shown parts, one more part or the total hidden with it
// (privacy.State.Complement).
func (v *View) counts(total int, parts ...int) (string, []string) {
	return v.countsWith(Thousands, total, parts...)
}

// countsWith is counts with the numbers written by num.
func (v *View) countsWith(num func(int) string, total int, parts ...int) (string, []string) {
	p := privacy.Policy{K: v.Options.MinCount}
	hide := func(n int) graph.Count {
		if c := graph.Count(n); !p.Hides(c) {
			return c
		}
		return graph.Hidden
	}
	t := hide(total)
	cs := make([]graph.Count, len(parts))
	ptrs := make([]*graph.Count, len(parts))
	for i, n := range parts {
		cs[i] = hide(n)
		ptrs[i] = &cs[i]
	}
	(&privacy.State{Policy: p}).Complement(&t, ptrs...)
	text := func(c graph.Count) string {
		if c.IsHidden() {
			return "<" + num(p.K)
		}
		return num(int(c))
	}
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = text(c)
	}
	return text(t), out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%s %ss", Thousands(n), what)
}

// Thousands writes 7300 as 7,300, for maps, reports and tables.
func Thousands(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
