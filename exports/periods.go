package exports

import (
	"context"
	"errors"
	"fmt"

	"github.com/tipgraph/tipgraph/graph"
)

// PeriodMap is the route map of one period: its SVG (nil when no record
// of the period is left to draw, with Note saying so).
type PeriodMap struct {
	Period graph.Period
	SVG    []byte
	Note   string
}

// Periods splits the years of flows (from the first record's first year
// to the last one's last) into n consecutive periods of equal length, the
// last ones a year shorter when the years do not divide; fewer when there
// are fewer years.
func Periods(flows []*graph.Flow, n int) []graph.Period {
	first, last := graph.Span(flows)
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
// the records of each of periods (under full's filter and options): small
// multiples in the same frame, each country at the same place, circles
// and legs sized against the largest of all the periods, by region in
// every period when full would be (MapOptions.Aggregate "auto"), without
// leg labels or legend (full's map has the legend), each titled with its
// period and victims. A record counts in a period when its own period lies
// inside it; records across two periods are in none (SpanningRecords
// counts them).
//
// The time complexity is that of Select and Map for each period.
func PeriodMaps(ctx context.Context, ds *graph.Dataset, full *View, periods []graph.Period) ([]PeriodMap, error) {
	regions, err := MapOptions{Layout: "geo"}.byRegion(full)
	if err != nil {
		return nil, err
	}
	aggregate := "country"
	if regions {
		aggregate = "region"
	}
	views := make([]*View, len(periods))
	scale := &MapScale{}
	for i, p := range periods {
		flt := full.Graph.Filter
		flt.Period = p
		lg, err := graph.NewLegGraph(ds, flt)
		if err != nil {
			return nil, err
		}
		if views[i], err = Select(ctx, lg, full.Options); err != nil {
			return nil, err
		}
		drawn := views[i]
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

// SpanningRecords counts the records of flows whose period lies in none
// of periods.
func SpanningRecords(flows []*graph.Flow, periods []graph.Period) int {
	n := 0
	for _, f := range flows {
		in := false
		for _, p := range periods {
			in = in || p.Contains(f.Period)
		}
		if !in {
			n++
		}
	}
	return n
}
