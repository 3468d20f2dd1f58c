package routes

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/tipgraph/tipgraph/graph"
)

// yearTrends tests the share of each origin of one destination's records
// (each of one year) for a linear trend over the destination's reporting
// years: the years in which it has victims (of other citizenships with
// opt.Foreign). The years between the first and the last without victims
// are MissingYears and take no part in the test. With fewer than two
// reporting years it returns nil and an Uncovered (without destination).
func yearTrends(lg *graph.LegGraph, flows []*graph.Tally, opt EmergingOptions, k int) (*DestinationTrends, []candidate, *Uncovered) {
	// Victims by year: by origin (foreign and domestic), and in all.
	foreign, domestic := map[string]map[int]int{}, map[int]int{}
	domByOrigin := map[string]map[int]int{}
	add := func(m map[string]map[int]int, o string, y, v int) {
		if m[o] == nil {
			m[o] = map[int]int{}
		}
		m[o][y] += v
	}
	for _, f := range flows {
		y := f.Period.From
		if f.Origin == f.Destination {
			domestic[y] += f.Victims
			add(domByOrigin, f.Origin, y, f.Victims)
		} else {
			add(foreign, f.Origin, y, f.Victims)
		}
	}
	compared := foreign
	if !opt.Foreign {
		compared = map[string]map[int]int{}
		for _, m := range []map[string]map[int]int{foreign, domByOrigin} {
			for o, ys := range m {
				for y, v := range ys {
					add(compared, o, y, v)
				}
			}
		}
	}
	totals := map[int]int{}
	for _, ys := range compared {
		for y, v := range ys {
			totals[y] += v
		}
	}
	var years []int
	for y, v := range totals {
		if v > 0 {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	switch len(years) {
	case 0:
		if opt.Foreign && len(domestic) > 0 {
			return nil, nil, &Uncovered{Reason: "no victims of another citizenship"}
		}
		return nil, nil, nil
	case 1:
		n := totals[years[0]]
		return nil, nil, &Uncovered{Baseline: graph.Count(n), Recent: graph.Count(n), Reason: fmt.Sprintf("victims in one year only: %d", years[0])}
	}
	first, last := years[0], years[len(years)-1]
	span := float64(last - first)
	scores := make([]float64, len(years))
	ns, all := make([]int, len(years)), make([]int, len(years))
	d := &DestinationTrends{Substitutions: []Substitution{}, Years: years, YearTotals: make([]graph.Count, len(years)), MissingYears: []int{}}
	for i, y := range years {
		scores[i] = float64(y)
		ns[i] = totals[y]
		d.YearTotals[i] = graph.Count(ns[i])
		all[i] = domestic[y]
		for _, o := range slices.Sorted(maps.Keys(foreign)) {
			all[i] += foreign[o][y]
		}
	}
	for y := first; y <= last; y++ {
		if _, ok := slices.BinarySearch(years, y); !ok {
			d.MissingYears = append(d.MissingYears, y)
		}
	}
	bp, rp := graph.Year(first), graph.Year(last)
	d.BaselinePeriod, d.RecentPeriod = &bp, &rp
	d.Baseline, d.Recent = graph.Count(ns[0]), graph.Count(ns[len(ns)-1])
	series := func(ys map[int]int) []int {
		x := make([]int, len(years))
		for i, y := range years {
			x[i] = ys[y]
		}
		return x
	}
	z := normalQuantile(1 - opt.Alpha/2)
	h := len(years) / 2
	zero := func(x []int) bool { return !slices.ContainsFunc(x, func(v int) bool { return v > 0 }) }
	var cs []candidate
	for _, o := range slices.Sorted(maps.Keys(compared)) {
		x := series(compared[o])
		if zero(x) {
			continue
		}
		a := CochranArmitage(x, ns, scores)
		slope, half := 100*a.Slope, 100*z*a.SE
		t := Trend{Country: o, Name: lg.Country(o).Name,
			BaselineVictims: graph.Count(x[0]), RecentVictims: graph.Count(x[len(x)-1]),
			BaselineShare: graph.Share(float64(x[0]) / float64(ns[0])), RecentShare: graph.Share(float64(x[len(x)-1]) / float64(ns[len(ns)-1])),
			Change: graph.Share(a.Slope * span), Z: graph.Share(a.Z), PValue: graph.Share(a.PValue), Test: TestTrend,
			Slope: &slope, SlopeInterval: []float64{slope - half, slope + half}, YearVictims: make([]graph.Count, len(x))}
		if a.DF > 0 {
			disp := a.Departure / float64(a.DF)
			t.Dispersion = &disp
		}
		total := 0
		for i, v := range x {
			t.YearVictims[i] = graph.Count(v)
			total += v
		}
		cs = append(cs, candidate{origin: len(d.Origins), enough: total >= k,
			absentBefore: zero(x[:h]), absentAfter: zero(x[len(x)-h:]),
			before: "in the first half of the years", after: "in the second half of the years"})
		d.Origins = append(d.Origins, t)
	}
	// The domestic share among all victims, and its part of the change.
	dx := make([]int, len(years))
	for i, y := range years {
		dx[i] = domestic[y]
	}
	if !zero(dx) {
		a := CochranArmitage(dx, all, scores)
		slope := 100 * a.Slope
		dom := &Domestic{BaselineVictims: graph.Count(dx[0]), RecentVictims: graph.Count(dx[len(dx)-1]),
			Change: graph.Share(a.Slope * span), Slope: &slope}
		if all[0] > 0 {
			dom.BaselineShare = graph.Share(float64(dx[0]) / float64(all[0]))
		}
		if n := all[len(all)-1]; n > 0 {
			dom.RecentShare = graph.Share(float64(dx[len(dx)-1]) / float64(n))
		}
		moved := math.Abs(float64(dom.Change))
		for _, o := range slices.Sorted(maps.Keys(foreign)) {
			moved += math.Abs(CochranArmitage(series(foreign[o]), all, scores).Slope * span)
		}
		dom.PartOfChange = graph.Share(partOf(float64(dom.Change), moved))
		d.Domestic = dom
	}
	return d, cs, nil
}
