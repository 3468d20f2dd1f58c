package routes_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// TestCountryProfile: partners, transit pairs, routes, groups and trend
// of one country, counted by hand on five records.
func TestCountryProfile(t *testing.T) {
	air := []graph.Vector{graph.Air, graph.Air}
	ds := &graph.Dataset{Flows: []graph.Flow{
		{ID: "a", Origin: "BR", Destination: "NL", Via: []string{"SR"}, Vectors: air, Victims: 30, Period: graph.Year(2005), Groups: []string{"g"}},
		{ID: "b", Origin: "BR", Destination: "NL", Vectors: air[:1], Victims: 10, Period: graph.Year(2005)},
		{ID: "c", Origin: "BR", Destination: "FR", Via: []string{"GF"}, Vectors: air, Victims: 20, Period: graph.Year(2006)},
		{ID: "d", Origin: "BR", Destination: "NL", Via: []string{"SR"}, Vectors: air, Victims: 5, Period: graph.Period{From: 2006, To: 2007}},
		{ID: "e", Origin: "FR", Destination: "NL", Vectors: air[:1], Victims: 2, Period: graph.Year(2006)},
	}, Groups: []graph.Group{{ID: "g", Name: "Paramaribo ring", Countries: []string{"SR"}}}}
	ctx := context.Background()

	nl, err := routes.CountryQuery{Country: "NL"}.Run(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	// Legs into NL: SR 30+5 (2 records), BR 10, FR 2 (no country table:
	// names are the codes).
	wantIn := []routes.Partner{{"SR", "SR", 35, 2}, {"BR", "BR", 10, 1}, {"FR", "FR", 2, 1}}
	if !reflect.DeepEqual(nl.InBy, wantIn) || nl.Inflow != 47 || nl.Outflow != 0 || nl.Transit != 0 {
		t.Errorf("NL in %+v (inflow %d, outflow %d, transit %d), want %+v, 47, 0, 0", nl.InBy, nl.Inflow, nl.Outflow, nl.Transit, wantIn)
	}
	var paths [][]string
	for _, o := range nl.Routes {
		paths = append(paths, o.Path)
	}
	if want := [][]string{{"BR", "SR", "NL"}, {"BR", "NL"}, {"FR", "NL"}}; !reflect.DeepEqual(paths, want) {
		t.Errorf("NL routes %v, want %v", paths, want)
	}
	// As destination: 2005 a+b 40; 2006 e 2; 2006-2007 d 5.
	wantTrend := []routes.CountryPeriod{
		{Period: graph.Year(2005), Destination: 40},
		{Period: graph.Year(2006), Destination: 2},
		{Period: graph.Period{From: 2006, To: 2007}, Destination: 5},
	}
	if !reflect.DeepEqual(nl.Trend, wantTrend) {
		t.Errorf("NL trend %+v, want %+v", nl.Trend, wantTrend)
	}

	sr, err := routes.CountryQuery{Country: "SR"}.Run(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	if want := []routes.TransitPair{{"BR", "NL", 35, 2}}; !reflect.DeepEqual(sr.TransitBy, want) || sr.Transit != 35 {
		t.Errorf("SR transit %+v (%d), want %+v (35)", sr.TransitBy, sr.Transit, want)
	}
	if want := []routes.CountryGroup{{ID: "g", Name: "Paramaribo ring"}}; !reflect.DeepEqual(sr.Groups, want) {
		t.Errorf("SR groups %+v, want %+v", sr.Groups, want)
	}

	// Top 1: the first row of each list stays, the rest is counted.
	capped, err := routes.CountryQuery{Country: "NL", Top: 1}.Run(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	if len(capped.InBy) != 1 || capped.LeftOut == nil || capped.LeftOut.InBy != (routes.LeftOut{Rows: 2, Victims: 12}) ||
		capped.LeftOut.Routes != (routes.LeftOut{Rows: 2, Victims: 12}) || capped.Inflow != 47 {
		t.Errorf("top 1: in %+v, left out %+v, inflow %d", capped.InBy, capped.LeftOut, capped.Inflow)
	}
	if err := (&routes.CountryQuery{}).Check(); err == nil {
		t.Error("no country: no error")
	}
}
