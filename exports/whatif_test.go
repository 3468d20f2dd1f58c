package exports

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
	"github.com/tipgraph/tipgraph/routes"
)

// drawnLeg is an edge of the map's DOT that is a leg (a casing has
// dir=none and lies under its leg).
var drawnLeg = regexp.MustCompile(`(?m)^  "?([A-Z0-9]+)"? -> "?([A-Z0-9]+)"? \[(.*)$`)

func drawnLegs(dot []byte) map[[2]string]bool {
	out := map[[2]string]bool{}
	for _, m := range drawnLeg.FindAllStringSubmatch(string(dot), -1) {
		if !strings.Contains(m[3], `dir="none"`) {
			out[[2]string{m[1], m[2]}] = true
		}
	}
	return out
}

// TestWhatIfMapThinned: a what-if over thousands of legs draws at most
// WhatIfLegs of them under Aggregate auto, the ones it changes most
// among them, and says how many it left out; Aggregate country draws
// them all.
func TestWhatIfMapThinned(t *testing.T) {
	ctx := context.Background()
	lg, err := graph.NewLegGraph(graphtest.Synthetic(20000, 80, 1), graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	busiest := 0
	for i, tr := range lg.Index.Transit {
		if tr.Victims > lg.Index.Transit[busiest].Victims {
			busiest = i
		}
	}
	div, err := routes.Divert(ctx, lg, routes.DivertOptions{Remove: []string{lg.Index.Codes[busiest]}, Displacement: 1})
	if err != nil {
		t.Fatal(err)
	}
	view, err := Select(ctx, lg, Options{Top: DefaultMapLegs, EveryCountry: true})
	if err != nil {
		t.Fatal(err)
	}
	all, err := Map(view, MapOptions{Diversion: div, Aggregate: "country"})
	if err != nil {
		t.Fatal(err)
	}
	thin, err := Map(view, MapOptions{Diversion: div})
	if err != nil {
		t.Fatal(err)
	}
	full, drawn := drawnLegs(all), drawnLegs(thin)
	if len(full) <= WhatIfLegs {
		t.Fatalf("the full what-if map draws %d legs: too few for the test", len(full))
	}
	if len(drawn) > WhatIfLegs || len(drawn) < WhatIfLegs*9/10 {
		t.Errorf("thinned map draws %d legs, want at most %d (and near it)", len(drawn), WhatIfLegs)
	}
	for k := range drawn {
		if !full[k] {
			t.Errorf("thinned map draws %v, which the full map does not", k)
		}
	}
	// The legs the what-if changes most are drawn.
	changes := div.LegChanges()
	largest := routes.LegChange{}
	for _, c := range changes {
		if c.From != c.To && full[[2]string{c.From, c.To}] && max(c.Delta, -c.Delta) > max(largest.Delta, -largest.Delta) {
			largest = c
		}
	}
	if !drawn[[2]string{largest.From, largest.To}] {
		t.Errorf("the largest change %v is not drawn", largest)
	}
	want := Thousands(len(full)-len(drawn)) + " smaller legs with"
	if !strings.Contains(string(thin), want) {
		t.Errorf("thinned map does not say %q", want)
	}
	if strings.Contains(string(all), "smaller legs with") {
		t.Error("the map of every leg says legs were left out")
	}
	// Countries stay on the map, at the same places.
	if a, b := strings.Count(string(all), `shape="circle"`), strings.Count(string(thin), `shape="circle"`); a != b || a == 0 {
		t.Errorf("%d countries on the thinned map, %d on the full one", b, a)
	}
}
