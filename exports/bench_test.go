package exports

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
)

// synthetic200 is a leg graph over 200 countries from ingest.Generate,
// cut to its 2,000 largest legs by the caller.
func synthetic200(tb testing.TB) *graph.LegGraph { return generated(tb, 200, 20000, 6) }

// BenchmarkMapSVG200 draws the geographic map of 200 countries and 2,000
// legs to SVG: selection, placement, DOT and Graphviz (target: under 3 s).
func BenchmarkMapSVG200(b *testing.B) {
	lg := synthetic200(b)
	ctx := context.Background()
	v := view2000(b, lg)
	if len(v.Legs) != 2000 || len(v.Codes) != 200 {
		b.Fatalf("%d legs, %d countries", len(v.Legs), len(v.Codes))
	}
	b.ReportMetric(float64(len(v.Codes)), "countries")
	b.ResetTimer()
	for range b.N {
		dot, err := Map(v, MapOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Render(ctx, dot, "svg"); err != nil {
			b.Fatal(err)
		}
	}
}

// view2000 keeps every country's largest leg, then the largest others,
// 2,000 legs in all.
func view2000(tb testing.TB, lg *graph.LegGraph) *View {
	v, err := Select(context.Background(), lg, Options{})
	if err != nil {
		tb.Fatal(err)
	}
	if lg.Index.N() < 200 {
		tb.Fatalf("only %d countries", lg.Index.N())
	}
	keep := map[*graph.Leg]bool{}
	best := map[string]*graph.Leg{}
	for _, l := range lg.Index.Legs {
		for _, c := range []string{l.From, l.To} {
			if b := best[c]; b == nil || l.Victims > b.Victims {
				best[c] = l
			}
		}
	}
	for _, l := range best {
		keep[l] = true
	}
	byVictims := slices.Clone(lg.Index.Legs)
	slices.SortStableFunc(byVictims, func(a, b *graph.Leg) int { return b.Victims - a.Victims })
	for _, l := range byVictims {
		if len(keep) == 2000 {
			break
		}
		keep[l] = true
	}
	v.Legs = slices.DeleteFunc(slices.Clone(lg.Index.Legs), func(l *graph.Leg) bool { return !keep[l] })
	codes := map[string]bool{}
	for _, l := range v.Legs {
		codes[l.From], codes[l.To] = true, true
	}
	v.Codes = sortedKeys(codes)
	return v
}

// generated is the leg graph of ingest.Generate's dataset of the given
// size.
func generated(tb testing.TB, countries, flows int, seed uint64) *graph.LegGraph {
	tb.Helper()
	var b bytes.Buffer
	if err := ingest.Generate(&b, ingest.GenerateConfig{Countries: countries, Flows: flows, Seed: seed}); err != nil {
		tb.Fatal(err)
	}
	ds, err := ingest.ReadFlows(&b, "generated.csv")
	if err != nil {
		tb.Fatal(err)
	}
	lg, err := graph.NewLegGraph(ds, graph.Filter{})
	if err != nil {
		tb.Fatal(err)
	}
	return lg
}

// BenchmarkMap draws the default map (MapOptions{}) of two generated
// datasets to SVG and PNG, from the view to the image: "g200" is
// `generate --countries 200 --flows 20000 --seed 1` under the export
// command's default view (the 1,000 largest legs and each country's
// largest), "legs3400" 150 countries and about 3,400 legs (the size of
// the legs of the GLOTIP workbook), every leg. Both are drawn by
// default (flows between regions) and by country.
func BenchmarkMap(b *testing.B) {
	ctx := context.Background()
	cases := []struct {
		name string
		lg   *graph.LegGraph
		opt  Options
	}{
		{"g200", generated(b, 200, 20000, 1), Options{Top: DefaultMapLegs, EveryCountry: true}},
		{"legs3400", generated(b, 150, 4200, 2), Options{}},
	}
	for _, c := range cases {
		v, err := Select(ctx, c.lg, c.opt)
		if err != nil {
			b.Fatal(err)
		}
		for _, run := range []struct {
			name, format, aggregate string
		}{{"svg", "svg", ""}, {"png", "png", ""}, {"country-svg", "svg", "country"}, {"country-png", "png", "country"}} {
			format := run.format
			b.Run(c.name+"/"+run.name, func(b *testing.B) {
				if format == "png" {
					if _, err := Rasterize(ctx, []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>`), 1); err != nil {
						b.Skip(err)
					}
				}
				b.ReportMetric(float64(len(v.Legs)), "legs")
				for range b.N {
					dot, err := Map(v, MapOptions{Aggregate: run.aggregate})
					if err != nil {
						b.Fatal(err)
					}
					if _, err := Render(ctx, dot, format); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
