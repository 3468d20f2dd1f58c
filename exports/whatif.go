package exports

import (
	"cmp"
	"slices"

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
