package exports

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/tipgraph/tipgraph/graph"
)

// PeriodMap is the route map of one period: its SVG (nil when no record
// of the period is left to draw, with Note saying so).
type PeriodMap struct {
	Period graph.Period
	SVG    []byte
	Note   string
}

// Periods splits the years first to last (graph.Span of the records, 0
// and 0 for none) into n consecutive periods of equal length, the last
// ones a year shorter when the years do not divide; fewer when there are
// fewer years.
func Periods(first, last, n int) []graph.Period {
	if first == 0 || n < 1 {
		return nil
	}
	years := last - first + 1
	n = min(n, years)
	var out []graph.Period
	from := first
	for i := range n {
		k := years / n
		if i < years%n {
			k++
		}
		out = append(out, graph.Period{From: from, To: from + k - 1})
		from += k
	}
	return out
}

// PeriodMaps draws full, a geographic map's view of a dataset, again for
// each of periods: views[i] is the view of periods[i] (the leg graph
// under full's filter with that period, selected with full's options;
// SelectStreams makes them in one read of a store's records). They are
// small multiples in the same frame, each country at the same place,
// circles and legs sized against the largest of all the periods, by
// region in every period when full would be (MapOptions.Aggregate
// "auto"), without leg labels or legend (full's map has the legend), each
// titled with its period and victims. A record counts in a period when
// its own period lies inside it; records across two periods are in none
// (Spanning says which).
//
// The time complexity is that of Map for each period.
func PeriodMaps(ctx context.Context, full *View, views []*View, periods []graph.Period) ([]PeriodMap, error) {
	if len(views) != len(periods) {
		return nil, fmt.Errorf("%w: %d views for %d periods", ErrBadOptions, len(views), len(periods))
	}
	regions, err := MapOptions{Layout: "geo"}.byRegion(full)
	if err != nil {
		return nil, err
	}
	aggregate := "country"
	if regions {
		aggregate = "region"
	}
	scale := &MapScale{}
	for _, v := range views {
		drawn := v
		if regions {
			drawn = regionView(drawn)
		}
		for _, m := range drawn.Kept.countries {
			scale.Country = max(scale.Country, m.total())
		}
		_, vmax := mapLegs(drawn)
		scale.Leg = max(scale.Leg, vmax)
	}
	out := make([]PeriodMap, len(periods))
	for i, v := range views {
		out[i].Period = periods[i]
		title := fmt.Sprintf("%s: %s victims in %s", periods[i], v.count(v.Kept.Victims), plural(v.Kept.Records, "record"))
		dot, err := Map(v, MapOptions{Layout: "geo", Aggregate: aggregate, Labels: -1, Scale: scale, Compact: true, Title: title})
		if errors.Is(err, ErrNoRecords) {
			out[i].Note = fmt.Sprintf("%s: no records to draw", periods[i])
			continue
		}
		if err != nil {
			return nil, err
		}
		if out[i].SVG, err = Render(ctx, dot, "svg"); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Spanning reports whether a record of period p is in none of periods
// (a record across two of them).
func Spanning(p graph.Period, periods []graph.Period) bool {
	return !slices.ContainsFunc(periods, func(q graph.Period) bool { return q.Contains(p) })
}
