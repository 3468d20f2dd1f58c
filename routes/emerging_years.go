package routes

import (
	"fmt"
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
	vc := newVictimCounts()
	for _, f := range flows {
		vc.add(f, f.Period.From)
	}
	tl := newTimeline(vc, opt.Foreign, nil)
	totals := map[int]int{}
	for _, ys := range tl.compared {
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
		if opt.Foreign && len(vc.domestic) > 0 {
			return nil, nil, &Uncovered{Reason: "no victims of another citizenship"}
		}
		return nil, nil, nil
	case 1:
		n := totals[years[0]]
		return nil, nil, &Uncovered{Baseline: graph.Count(n), Recent: graph.Count(n), Reason: fmt.Sprintf("victims in one year only: %d", years[0])}
	}
	tl.setTimes(years)
	ns := tl.totals
	first, last := years[0], years[len(years)-1]
	span := float64(last - first)
	scores := make([]float64, len(years))
	d := &DestinationTrends{Substitutions: []Substitution{}, Years: years, YearTotals: make([]graph.Count, len(years)), MissingYears: []int{}}
	for i, y := range years {
		scores[i] = float64(y)
		d.YearTotals[i] = graph.Count(ns[i])
	}
	for y := first; y <= last; y++ {
		if _, ok := slices.BinarySearch(years, y); !ok {
			d.MissingYears = append(d.MissingYears, y)
		}
	}
	bp, rp := graph.Year(first), graph.Year(last)
	d.BaselinePeriod, d.RecentPeriod = &bp, &rp
	d.Baseline, d.Recent = graph.Count(ns[0]), graph.Count(ns[len(ns)-1])
	z := normalQuantile(1 - opt.Alpha/2)
	cs := tl.trends(lg, d, func(x []int) (Trend, candidate) {
		a := CochranArmitage(x, ns, scores)
		slope, half := 100*a.Slope, 100*z*a.SE
		t := Trend{ShareChange: ShareChange{BaselineVictims: graph.Count(x[0]), RecentVictims: graph.Count(x[len(x)-1]),
			BaselineShare: graph.Share(float64(x[0]) / float64(ns[0])), RecentShare: graph.Share(float64(x[len(x)-1]) / float64(ns[len(ns)-1])),
			Change: graph.Share(a.Slope * span)}, Z: graph.Share(a.Z), PValue: graph.Share(a.PValue), Test: TestTrend,
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
		return t, candidate{enough: total >= k, before: "in the first half of the years", after: "in the second half of the years"}
	})
	d.Domestic = tl.domestic(func(x, all []int) (float64, *float64) {
		a := CochranArmitage(x, all, scores)
		slope := 100 * a.Slope
		return a.Slope * span, &slope
	})
	return d, cs, nil
}
