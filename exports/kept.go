package exports

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// Kept is what a map, its legend and GraphML show of the records a view
// keeps, summed as the records go by: the victims through each country
// by role (and through each region, for a map by region), the records
// and victims, the victims by measure, the records by citation, and what
// MinCount left out. It holds no record, so that a map of a store's
// dataset streams the records instead of holding a million of them.
type Kept struct {
	Records, Victims int
	// Hidden counts the records MinCount left out; hiddenAt are the
	// countries on their routes (a map says such a country's count is
	// hidden or partial, never 0).
	Hidden   int
	hiddenAt map[string]bool
	measures map[graph.Measure]int
	// citations counts records by citation (Citation).
	citations map[string]int
	countries map[string]*roleMix
	regions   map[string]*roleMix
	region    func(string) string
	minCount  int
	path      []string
}

// newKept sums records of lg's dataset: regions by regionOf (lg nil:
// each country its own region), records of 1 to minCount-1 victims left
// out (hidden) when minCount > 1.
func newKept(lg *graph.LegGraph, minCount int) *Kept {
	region := func(c string) string { return c }
	if lg != nil {
		region = func(c string) string { return regionOf(lg, c) }
	}
	return &Kept{measures: map[graph.Measure]int{}, citations: map[string]int{},
		countries: map[string]*roleMix{}, regions: map[string]*roleMix{},
		region: region, minCount: minCount}
}

// keptOf is the Kept of flows.
func keptOf(lg *graph.LegGraph, minCount int, flows []*graph.Flow) *Kept {
	k := newKept(lg, minCount)
	for _, f := range flows {
		k.Add(f)
	}
	return k
}

// Add sums one record the view's filter kept (or leaves it out, under
// MinCount). It is not safe for concurrent use.
//
// The time complexity is O(H) for a record of H hops.
func (k *Kept) Add(f *graph.Flow) {
	k.path = append(k.path[:0], f.Origin)
	k.path = append(k.path, f.Via...)
	k.path = append(k.path, f.Destination)
	if graph.Hides(k.minCount, f.Victims) {
		k.hide(k.path, 1)
		return
	}
	k.measures[f.Measure] += f.Victims
	k.citations[Citation(f.Source)]++
	k.addRoute(k.path, f.Victims, 1)
}

// hide counts records records of path that MinCount left out.
func (k *Kept) hide(path []string, records int) {
	k.Hidden += records
	if k.hiddenAt == nil {
		k.hiddenAt = map[string]bool{}
	}
	for _, c := range path {
		k.hiddenAt[c] = true
	}
}

// addRoute sums records records of path (origin, vias, destination)
// with victims victims in all, by role in each country and region. path
// is overwritten.
func (k *Kept) addRoute(path []string, victims, records int) {
	k.Records += records
	k.Victims += victims
	addRoles(k.countries, path, victims)
	// The route through regions: consecutive repeats merged.
	n := 0
	for _, c := range path {
		if r := k.region(c); n == 0 || path[n-1] != r {
			path[n] = r
			n++
		}
	}
	if n == 1 {
		// Within one region: domestic to it.
		path = append(path[:1], path[0])
		n = 2
	}
	addRoles(k.regions, path[:n], victims)
}

// keptOfSums is the Kept of the records a store summed by route (what
// Add sums of each record, summed by route: every sum is linear in the
// victims, and a route's regions are its countries').
func keptOfSums(lg *graph.LegGraph, minCount int, sums *graph.MapSums) *Kept {
	k := newKept(lg, minCount)
	for _, r := range sums.Hidden {
		k.hide(r.Path, r.Records)
	}
	for _, r := range sums.Shown {
		k.path = append(k.path[:0], r.Path...)
		k.addRoute(k.path, r.Victims, r.Records)
	}
	for src, n := range sums.Sources {
		k.citations[Citation(src)] += n
	}
	for m, v := range sums.Measures {
		k.measures[m] += v
	}
	return k
}

// addRoles adds victims on path (origin, vias, destination) to m: to the
// origin's, each via's transit and the destination's, or to a domestic
// record's (path of two equal countries) domestic.
func addRoles(m map[string]*roleMix, path []string, victims int) {
	get := func(c string) *roleMix {
		r := m[c]
		if r == nil {
			r = &roleMix{}
			m[c] = r
		}
		return r
	}
	last := len(path) - 1
	if last == 1 && path[0] == path[1] {
		get(path[0]).domestic += victims
		return
	}
	get(path[0]).origin += victims
	for _, c := range path[1:last] {
		get(c).transit += victims
	}
	get(path[last]).destination += victims
}

// byRegion is k with the regions' roles as its countries', for the view
// of a map by region.
func (k *Kept) byRegion() *Kept {
	r := *k
	r.countries = k.regions
	if k.hiddenAt != nil {
		r.hiddenAt = map[string]bool{}
		for c := range k.hiddenAt {
			r.hiddenAt[k.region(c)] = true
		}
	}
	return &r
}

// Citation is the citation of a record's source: up to its first colon,
// trimmed ("no source given" when empty).
func Citation(source string) string {
	s, _, _ := strings.Cut(source, ":")
	if s = strings.TrimSpace(s); s == "" {
		s = "no source given"
	}
	return s
}

// sourceLine is SourceLine of the kept records.
func (k *Kept) sourceLine() string {
	var ms []string
	for _, m := range []graph.Measure{graph.Detected, graph.Estimated, graph.Derived} {
		if k.measures[m] > 0 && k.Victims > 0 {
			ms = append(ms, fmt.Sprintf("%s %.0f%%", m, 100*float64(k.measures[m])/float64(k.Victims)))
		}
	}
	line := "Source: " + citations(k.citations) + " (" + plural(k.Records, "record") + ")"
	if len(ms) > 0 {
		line += "; counts " + strings.Join(ms, ", ")
	}
	return line
}

// citations is the two most frequent citations of counts (records by
// citation), then how many more.
func citations(counts map[string]int) string {
	keys := sortedKeys(counts)
	slices.SortStableFunc(keys, func(a, b string) int { return cmp.Compare(counts[b], counts[a]) })
	src := strings.Join(keys[:min(2, len(keys))], "; ")
	if len(keys) > 2 {
		src += fmt.Sprintf(" and %d more", len(keys)-2)
	}
	return src
}
