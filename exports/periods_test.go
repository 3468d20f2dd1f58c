package exports

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
)

func TestPeriods(t *testing.T) {
	flows := func(years ...graph.Period) []*graph.Flow {
		var out []*graph.Flow
		for _, p := range years {
			out = append(out, &graph.Flow{Period: p})
		}
		return out
	}
	tests := []struct {
		name  string
		flows []*graph.Flow
		n     int
		want  string
	}{
		{"nine years in three", flows(graph.Year(2000), graph.Year(2008)), 3, "[2000-2002 2003-2005 2006-2008]"},
		{"ten years: the first longer", flows(graph.Period{From: 2000, To: 2003}, graph.Year(2009)), 3, "[2000-2003 2004-2006 2007-2009]"},
		{"two years", flows(graph.Year(2005), graph.Year(2006)), 3, "[2005 2006]"},
		{"one year", flows(graph.Year(2005)), 3, "[2005]"},
		{"no year", flows(graph.Period{}), 3, "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, last := graph.Span(tt.flows)
			if got := fmt.Sprint(Periods(first, last, tt.n)); got != tt.want {
				t.Errorf("Periods = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestPeriodMaps: the maps of two periods share their frame, and their
// circles are sized against the larger period: Nigeria's 25 victims of
// 2001 get a circle whose size above the smallest is half that of its
// 100 victims of 2000 (area proportional to victims).
func TestPeriodMaps(t *testing.T) {
	csv := "id,origin,destination,via,vectors,victims,year,form,measure,source,groups\n" +
		"a,NG,IT,,air,100,2000,sexual,detected,Test,\n" +
		"b,NG,IT,,air,25,2001,sexual,detected,Test,\n" +
		"c,NG,IT,,air,7,2000-2001,sexual,detected,Test,\n"
	ds, err := ingest.ReadFlows(strings.NewReader(csv), "periods.csv")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	lg, err := graph.NewLegGraph(ds, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	full, err := Select(ctx, lg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	first, last := graph.Span(lg.Flows)
	periods := Periods(first, last, 3)
	// The views of the periods, from one stream of the records.
	lgs := make([]*graph.LegGraph, len(periods))
	for i, p := range periods {
		if lgs[i], err = graph.NewLegGraph(ds, graph.Filter{Period: p}); err != nil {
			t.Fatal(err)
		}
	}
	reads := 0
	views, err := SelectStreams(ctx, lgs, Options{}, func(start func() func(*graph.Flow)) error {
		reads++
		add := start()
		for i := range ds.Flows {
			add(&ds.Flows[i])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	maps, err := PeriodMaps(ctx, full, views, periods)
	if err != nil {
		t.Fatal(err)
	}
	spanning := 0
	for _, f := range lg.Flows {
		if Spanning(f.Period, periods) {
			spanning++
		}
	}
	if len(maps) != 2 || spanning != 1 || reads != 1 {
		t.Fatalf("%d maps, %d spanning records, %d reads; want 2 (2000, 2001), 1 and 1", len(maps), spanning, reads)
	}
	viewBox := regexp.MustCompile(`viewBox="[^"]*"`)
	// Nigeria's circle: the node titled NG, an ellipse of radius rx.
	radius := regexp.MustCompile(`(?s)<title>NG</title>.*?<ellipse[^>]* rx="([0-9.]+)"`)
	var rx []float64
	for i, m := range maps {
		svg := string(m.SVG)
		if !strings.Contains(svg, fmt.Sprintf("%s: %d victims in 1 record", periods[i], []int{100, 25}[i])) {
			t.Errorf("map %d lacks its title", i)
		}
		if strings.Contains(svg, "Countries") {
			t.Errorf("map %d has a legend", i)
		}
		if i > 0 && viewBox.FindString(svg) != viewBox.FindString(string(maps[0].SVG)) {
			t.Errorf("map %d frame %s, want %s", i, viewBox.FindString(svg), viewBox.FindString(string(maps[0].SVG)))
		}
		r := radius.FindStringSubmatch(svg)
		if r == nil {
			t.Fatalf("map %d: no circle for NG", i)
		}
		x, _ := strconv.ParseFloat(r[1], 64)
		rx = append(rx, x)
	}
	min := geoMinD / 2
	if got := (rx[1] - min) / (rx[0] - min); got < 0.45 || got > 0.55 {
		t.Errorf("NG's radius %.1f in 2001, %.1f in 2000: (r - %.1f) ratio %.2f, want 0.5", rx[1], rx[0], min, got)
	}
}
