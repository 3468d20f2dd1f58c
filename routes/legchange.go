package routes

import (
	"cmp"
	"slices"
)

// LegChange is the net change of one leg's victims under a diversion.
type LegChange struct {
	From, To string
	// Delta is the victims the new paths over the leg bring, minus the
	// victims of the old paths over it that moved, were deterred or were
	// disrupted (a leg on both an old and a new path keeps them).
	Delta int
}

// LegChanges returns the net change of every leg on an old or a new path
// of d's reroutes, by (From, To); a leg on both may change by 0. It is
// what a what-if map draws: legs that lose victims, legs that take
// rerouted ones. The time complexity is O(P log P) for P legs on the
// reroutes' paths.
func (d *Diversion) LegChanges() []LegChange {
	delta := map[[2]string]int{}
	for _, r := range d.Reroutes {
		for i := 0; i+1 < len(r.OldPath); i++ {
			delta[[2]string{r.OldPath[i], r.OldPath[i+1]}] -= int(r.Victims + r.Deterred)
		}
		for i := 0; i+1 < len(r.NewPath); i++ {
			delta[[2]string{r.NewPath[i], r.NewPath[i+1]}] += int(r.Victims)
		}
	}
	out := make([]LegChange, 0, len(delta))
	for k, v := range delta {
		out = append(out, LegChange{From: k[0], To: k[1], Delta: v})
	}
	slices.SortFunc(out, func(a, b LegChange) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To)) })
	return out
}
