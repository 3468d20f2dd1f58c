package briefing

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/routes"
)

// WhatIf is the what-if section: the busiest transit country closed, and
// every transit country closed alone.
type WhatIf struct {
	// NoTransit is set when no filtered record names a transit country;
	// DataHasTransit then says whether records outside the filter do.
	NoTransit, DataHasTransit bool
	// Country and Name are the transit country closed in the detail.
	Country, Name string
	// Transit is its transit volume; Tied lists the names of the
	// countries tied with it as the busiest (itself included) when more
	// than one is.
	Transit graph.Count
	Tied    []string
	// Displacement and By are the diversion's rules.
	Displacement float64
	By           string
	// Affected = Rerouted + Deterred + Disrupted, in victims.
	Affected, Rerouted, Deterred, Disrupted graph.Count
	// Reroutes are the largest affected routes (at most MaxRows); Rest
	// counts the others and RestVictims their victims.
	Reroutes    []Reroute
	Rest        int
	RestVictims graph.Count
	// Sweep is every transit country closed alone, most affected first
	// (at most Top).
	Sweep []SweepRow

	diversion *routes.Diversion
}

// Reroute is one affected route and where its victims go.
type Reroute struct {
	Old, New string
	// Disrupted is set when no route is left (New is empty).
	Disrupted bool
	Victims   graph.Count
}

// SweepRow is one transit country closed alone, with the names of the
// country and of the one that gains most transit ("" when none).
type SweepRow struct {
	routes.SweepEntry
	Name, BeneficiaryName string
}

// whatIf fills the what-if section: unless the filtered records name no
// transit country, every transit country is closed alone (displacement
// 1, new routes by hops) and the busiest is detailed (see busiest). list
// is the filtered records' routes (data.WhatIfRoutes at displacement 1).
func whatIf(ctx context.Context, data Data, lg *graph.LegGraph, list []graph.Route, hubs []routes.Hub, top int) (WhatIf, error) {
	var s WhatIf
	if len(hubs) == 0 || hubs[0].Transit <= 0 {
		s.NoTransit = true
		all := lg
		if !lg.Filter.IsZero() {
			var err error
			if all, _, err = data.LegGraph(ctx, graph.Filter{}); err != nil {
				return s, err
			}
		}
		s.DataHasTransit = len(routes.TransitVolume(all)) > 0
		return s, nil
	}
	// One compaction of the routes for the sweep and the detail.
	w, err := routes.NewWhatIfOf(lg, list, 1, routes.ByHops)
	if err != nil {
		return s, err
	}
	sweep, err := w.Each(ctx)
	if err != nil {
		return s, err
	}
	best := busiest(hubs, sweep)
	s.Country, s.Name, s.Transit = best.Country, best.Name, graph.Count(best.Transit)
	for _, h := range hubs {
		if h.Transit != best.Transit {
			break
		}
		s.Tied = append(s.Tied, h.Name)
	}
	if len(s.Tied) == 1 {
		s.Tied = nil
	}
	slices.SortStableFunc(sweep, func(x, y routes.SweepEntry) int {
		if x.Affected != y.Affected {
			return cmp.Compare(y.Affected, x.Affected)
		}
		return strings.Compare(x.Country, y.Country)
	})
	for _, e := range sweep[:min(top, len(sweep))] {
		row := SweepRow{SweepEntry: e, Name: countryText(lg, e.Country)}
		if e.Beneficiary != "" {
			row.BeneficiaryName = countryText(lg, e.Beneficiary)
		}
		s.Sweep = append(s.Sweep, row)
	}
	div, err := w.Divert(ctx, []string{best.Country}, 0)
	if err != nil {
		return s, err
	}
	s.diversion = div
	s.Displacement, s.By = div.Displacement, div.By
	s.Affected, s.Rerouted, s.Deterred, s.Disrupted = graph.Count(div.Affected), graph.Count(div.Rerouted), graph.Count(div.Deterred), graph.Count(div.Disrupted)
	for i, r := range div.Reroutes { // most victims first
		if i == MaxRows {
			s.Rest = len(div.Reroutes) - i
			for _, r := range div.Reroutes[i:] {
				s.RestVictims += graph.Count(r.Victims)
			}
			break
		}
		rr := Reroute{Old: pathText(r.OldPath), Disrupted: r.NewPath == nil, Victims: graph.Count(r.Victims)}
		if r.NewPath != nil {
			rr.New = pathText(r.NewPath)
		}
		s.Reroutes = append(s.Reroutes, rr)
	}
	return s, nil
}

// busiest is the transit country the what-if details: the busiest
// (hubs are sorted by transit, then code), or among those tied for it,
// the one whose closure reroutes the most victims (it shows where flows
// divert; ties by code).
func busiest(hubs []routes.Hub, sweep []routes.SweepEntry) routes.Hub {
	rerouted := map[string]graph.Count{}
	for _, e := range sweep {
		rerouted[e.Country] = graph.Count(e.Rerouted)
	}
	best := hubs[0]
	for _, h := range hubs {
		if h.Transit != best.Transit {
			break
		}
		if rerouted[h.Country] > rerouted[best.Country] {
			best = h
		}
	}
	return best
}

func countryText(lg *graph.LegGraph, code string) string {
	return fmt.Sprintf("%s (%s)", lg.Country(code).Name, code)
}

// Suppress hides, besides the small counts, the parts that would give a
// hidden one away: affected = rerouted + deterred + disrupted;
// affected = deterred + the reroutes' victims (listed and not); and, when
// every reroute is listed, rerouted and disrupted each = the victims of
// their reroutes. (Each sweep row is a routes.SweepEntry, which has its
// own rule.)
func (w *WhatIf) Suppress(s *privacy.State) {
	if w.NoTransit {
		return
	}
	var rer, dis []*graph.Count
	all := []*graph.Count{&w.Deterred, &w.RestVictims}
	for i := range w.Reroutes {
		r := &w.Reroutes[i]
		all = append(all, &r.Victims)
		if r.Disrupted {
			dis = append(dis, &r.Victims)
		} else {
			rer = append(rer, &r.Victims)
		}
	}
	// Hiding a part of one sum can expose a part of another: repeat
	// until nothing changes (each round that changes hides one more
	// count).
	for range len(all) + 4 {
		changed := s.Complement(&w.Affected, &w.Rerouted, &w.Deterred, &w.Disrupted)
		changed = s.Complement(&w.Affected, all...) || changed
		if w.Rest == 0 {
			changed = s.Complement(&w.Rerouted, rer...) || changed
			changed = s.Complement(&w.Disrupted, dis...) || changed
		}
		if !changed {
			return
		}
	}
}
