package exports

import (
	"cmp"
	"slices"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// whatIf is what a what-if map draws of a diversion (all empty without
// one).
type whatIf struct {
	div *routes.Diversion
	// removed are the removed countries; transit the change in transit
	// volume by country; legs the net change of victims by leg
	// (routes.Diversion.LegChanges).
	removed map[string]bool
	transit map[string]int
	legs    map[[2]string]int
	// extra are the legs taking rerouted victims that the view does not
	// show and the map draws; notDrawn counts the others (beyond the
	// view's Top, or to countries off the map) and their victims.
	extra                     [][2]string
	notDrawn, notDrawnVictims int
	// merged counts the legs thin left out, mergedVictims their victims
	// after the diversion.
	merged, mergedVictims int
}

func newWhatIf(div *routes.Diversion) *whatIf {
	wi := &whatIf{div: div, removed: map[string]bool{}, transit: map[string]int{}, legs: map[[2]string]int{}}
	if div == nil {
		return wi
	}
	for _, c := range div.Removed {
		wi.removed[c] = true
	}
	for _, c := range div.Countries {
		wi.transit[c.Country] = int(c.Delta)
	}
	for _, c := range div.LegChanges() {
		wi.legs[[2]string{c.From, c.To}] = c.Delta
	}
	return wi
}

// mapCodes are the countries on the map, sorted: the ends of the view's
// legs, plus the removed countries of the leg graph.
func mapCodes(v *View, wi *whatIf) []string {
	set := map[string]bool{}
	for _, c := range v.Codes {
		set[c] = true
	}
	for c := range wi.removed {
		if _, ok := v.Graph.Index.ID(c); ok {
			set[c] = true
		}
	}
	return sortedKeys(set)
}

// offView chooses the legs that carry rerouted victims outside the view,
// drawn in the what-if colour: those between countries on the map, the
// Top largest of them when the view is capped (a large what-if reroutes
// over thousands of legs); the subtitle counts the others.
func (wi *whatIf) offView(v *View, codes []string) {
	if wi.div == nil {
		return
	}
	onMap := map[string]bool{}
	for _, c := range codes {
		onMap[c] = true
	}
	inView := map[[2]string]bool{}
	for _, l := range v.Legs {
		inView[[2]string{l.From, l.To}] = true
	}
	skip := func(key [2]string) {
		wi.notDrawn++
		wi.notDrawnVictims += wi.legs[key]
	}
	for _, key := range sortedPairs(wi.legs) {
		switch {
		case wi.legs[key] <= 0 || inView[key]:
		case onMap[key[0]] && onMap[key[1]]:
			wi.extra = append(wi.extra, key)
		default:
			skip(key)
		}
	}
	if top := v.Options.Top; top > 0 && len(wi.extra) > top {
		slices.SortStableFunc(wi.extra, func(a, b [2]string) int { return cmp.Compare(wi.legs[b], wi.legs[a]) })
		for _, key := range wi.extra[top:] {
			skip(key)
		}
		wi.extra = wi.extra[:top]
	}
}

// WhatIfLegs is the most legs a geographic what-if map draws under
// Aggregate "auto" (a what-if is drawn by country, not by region): the
// legs the diversion changes most, then the largest others. A large
// what-if reroutes over thousands of legs (removing the busiest transit
// country of 200,000 generated records changes 16,000), which makes a
// tangle and an SVG of megabytes; the others are counted in the title
// and their victims stay in the circles.
const WhatIfLegs = RegionLegs

// thinned says whether the what-if map of v with mo is capped to
// WhatIfLegs legs.
func (mo MapOptions) thinned() bool {
	return mo.Diversion != nil && mo.Layout == "geo" && (mo.Aggregate == "" || mo.Aggregate == "auto")
}

// thin keeps at most n of the legs drawn (the view's, but domestic ones,
// which are in the pies, and the extra legs taking rerouted victims): the
// changed legs, largest change first, up to two thirds of n, then the
// rest by victims after the diversion; ties by codes. It returns the view
// with the kept legs (its countries stay, at their places) and counts the
// others in merged and mergedVictims.
func (wi *whatIf) thin(v *View, n int) *View {
	type cand struct {
		key     [2]string
		leg     *graph.Leg // nil for an extra leg
		change  int
		victims int
	}
	var cands []cand
	for _, l := range v.Legs {
		if l.From == l.To {
			continue
		}
		k := [2]string{l.From, l.To}
		cands = append(cands, cand{k, l, wi.legs[k], max(0, l.Victims+wi.legs[k])})
	}
	for _, k := range wi.extra {
		cands = append(cands, cand{k, nil, wi.legs[k], wi.legs[k]})
	}
	if len(cands) <= n {
		return v
	}
	byCodes := func(a, b cand) int { return cmp.Or(cmp.Compare(a.key[0], b.key[0]), cmp.Compare(a.key[1], b.key[1])) }
	abs := func(x int) int { return max(x, -x) }
	slices.SortFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(abs(b.change), abs(a.change)), byCodes(a, b))
	})
	changed := 0
	for changed < len(cands) && changed < 2*n/3 && cands[changed].change != 0 {
		changed++
	}
	rest := cands[changed:]
	slices.SortFunc(rest, func(a, b cand) int { return cmp.Or(cmp.Compare(b.victims, a.victims), byCodes(a, b)) })
	keep := map[[2]string]bool{}
	for _, c := range cands[:n] {
		keep[c.key] = true
	}
	for _, c := range cands[n:] {
		wi.merged++
		wi.mergedVictims += c.victims
	}
	thin := *v
	thin.Legs = slices.DeleteFunc(slices.Clone(v.Legs), func(l *graph.Leg) bool { return l.From != l.To && !keep[[2]string{l.From, l.To}] })
	wi.extra = slices.DeleteFunc(wi.extra, func(k [2]string) bool { return !keep[k] })
	return &thin
}
