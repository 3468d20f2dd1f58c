package exports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
)

// streamOf streams ds's records as a store does: every record, whatever
// the filter, the first pass cut off after half of them and started over
// (a store's read that restarts), so that only the last consumer counts.
func streamOf(ds *graph.Dataset) func(start func() func(*graph.Flow)) error {
	return func(start func() func(*graph.Flow)) error {
		add := start()
		for i := range ds.Flows[:len(ds.Flows)/2] {
			add(&ds.Flows[i])
		}
		add = start()
		for i := len(ds.Flows) - 1; i >= 0; i-- { // in another order
			add(&ds.Flows[i])
		}
		return nil
	}
}

// TestSelectStreamSameAsSelect: a map and GraphML of a view whose records
// were streamed through its sums (a store's path), or summed by route
// (SelectSums, a store's sums), are the bytes of the view that holds the
// records, over real and tricky datasets, filters, --min-count, --top and
// maps by region.
func TestSelectStreamSameAsSelect(t *testing.T) {
	ctx := context.Background()
	sets := map[string]*graph.Dataset{"toc2010": toc2010(t), "tricky": graphtest.Tricky(), "synthetic": graphtest.Synthetic(3000, 40, 3)}
	y2006, _ := graph.ParsePeriod("2006")
	land := graph.Land
	filters := []graph.Filter{{}, {Period: y2006}, {Vector: &land}}
	for name, ds := range sets {
		for fi, flt := range filters {
			for _, opt := range []Options{{}, {MinCount: 40}, {MinCount: 5, Top: 12, EveryCountry: true}, {Top: 3}} {
				t.Run(fmt.Sprintf("%s/filter%d/%+v", name, fi, opt), func(t *testing.T) {
					lg, err := graph.NewLegGraph(ds, flt)
					if err != nil {
						t.Fatal(err)
					}
					held, err := Select(ctx, lg, opt)
					if err != nil {
						t.Fatal(err)
					}
					// The store's leg graph has no records.
					agg := *lg
					agg.Flows = nil
					streamed, err := SelectStream(ctx, &agg, opt, streamOf(ds))
					if err != nil {
						t.Fatal(err)
					}
					// A store's sums by route, as graphtest.MapSumsOf sums them.
					summed, err := SelectSums(ctx, &agg, opt, graphtest.MapSumsOf(lg.Flows, opt.MinCount))
					if err != nil {
						t.Fatal(err)
					}
					if held.Kept.Records+held.Kept.Hidden != len(lg.Flows) {
						t.Errorf("kept %d + hidden %d records of %d", held.Kept.Records, held.Kept.Hidden, len(lg.Flows))
					}
					for how, v := range map[string]*View{"streamed": streamed, "summed": summed} {
						if v.Flows != nil {
							t.Errorf("a %s view holds %d records", how, len(v.Flows))
						}
						if got, want := *v.Kept, *held.Kept; got.Records != want.Records || got.Victims != want.Victims || got.Hidden != want.Hidden {
							t.Errorf("kept: %s %d records, %d victims, %d hidden; held %d, %d, %d", how, got.Records, got.Victims, got.Hidden, want.Records, want.Victims, want.Hidden)
						}
						for _, mo := range []MapOptions{{}, {Aggregate: "region"}, {Aggregate: "country", Layout: "dot"}} {
							want, err := Map(held, mo)
							if errors.Is(err, ErrNoRecords) {
								continue
							}
							if err != nil {
								t.Fatal(err)
							}
							got, err := Map(v, mo)
							if err != nil {
								t.Fatal(err)
							}
							if !bytes.Equal(got, want) {
								t.Errorf("map %+v: %s differs from held:\n%s\n---\n%s", mo, how, got, want)
							}
						}
						var want, got bytes.Buffer
						if err := GraphML(&want, held); err != nil {
							t.Fatal(err)
						}
						if err := GraphML(&got, v); err != nil {
							t.Fatal(err)
						}
						if got.String() != want.String() {
							t.Errorf("GraphML: %s differs from held", how)
						}
					}
				})
			}
		}
	}
}

// TestKeptRoles: the victims through each country by role, counted by
// hand on five records: a domestic one, a round trip through a transit
// country (origin, transit and destination, not domestic), two hidden by
// MinCount (3 and 1 victims) and one of zero victims (kept: zero
// identifies nobody).
func TestKeptRoles(t *testing.T) {
	k := newKept(nil, 5)
	for _, f := range []graph.Flow{
		{Origin: "AA", Destination: "AA", Victims: 10, Source: "Report A: p. 1", Measure: graph.Detected},
		{Origin: "AA", Destination: "AA", Via: []string{"BB"}, Victims: 7, Source: "Report A: p. 2", Measure: graph.Estimated},
		{Origin: "CC", Destination: "AA", Via: []string{"DD"}, Victims: 3, Source: "Report B"},
		{Origin: "CC", Destination: "BB", Victims: 0, Source: " "},
		{Origin: "EE", Destination: "AA", Victims: 1, Source: "Report C"},
	} {
		k.Add(&f)
	}
	want := map[string]roleMix{"AA": {origin: 7, destination: 7, domestic: 10}, "BB": {transit: 7}, "CC": {}}
	for c, w := range want {
		if got := k.countries[c]; got == nil || *got != w {
			t.Errorf("%s: %+v, want %+v", c, got, w)
		}
	}
	if k.Records != 3 || k.Victims != 17 || k.Hidden != 2 || !k.hiddenAt["CC"] || !k.hiddenAt["DD"] || !k.hiddenAt["EE"] || k.hiddenAt["BB"] {
		t.Errorf("records %d victims %d hidden %d at %v", k.Records, k.Victims, k.Hidden, k.hiddenAt)
	}
	if got, want := k.sourceLine(), "Source: Report A; no source given (3 records); counts detected 59%, estimated 41%"; got != want {
		t.Errorf("source line %q, want %q", got, want)
	}
}

// placedStream streams ds's records as a store's EachFlowAt does: out of
// order, each with its place, started over once midway.
func placedStream(ds *graph.Dataset) PlacedRecords {
	bare := *ds
	bare.Flows = nil
	return func(start func() func(*graph.Flow, int)) (*graph.Dataset, error) {
		add := start()
		for i := 0; i < len(ds.Flows)/2; i++ {
			add(&ds.Flows[i], i)
		}
		add = start()
		for i := len(ds.Flows) - 1; i >= 0; i-- {
			add(&ds.Flows[i], i)
		}
		return &bare, nil
	}
}

// TestRecordExportsStreamSameAsHeld: the JSON export and the Cypher
// script of records streamed out of order through a temporary file (a
// store's) are the bytes of those of the held records (the script with
// groups and OPERATES, cells, legs, transit and sources), under filters,
// --min-count, a new name, and a selection that keeps nothing.
func TestRecordExportsStreamSameAsHeld(t *testing.T) {
	ctx := context.Background()
	y2006, _ := graph.ParsePeriod("2006")
	y1990, _ := graph.ParsePeriod("1990")
	land := graph.Land
	formats := map[string]struct {
		held     func(io.Writer, *graph.Dataset, int) error
		streamed func(io.Writer, string, graph.Filter, int, PlacedRecords) error
	}{
		"json":   {func(w io.Writer, ds *graph.Dataset, _ int) error { return JSON(w, ds) }, JSONStream},
		"cypher": {Cypher, CypherStream},
	}
	for name, ds := range map[string]*graph.Dataset{"toc2010": toc2010(t), "tricky": graphtest.Tricky(), "escapes": escapes(t), "synthetic": graphtest.Synthetic(2600, 30, 5)} {
		for fi, flt := range []graph.Filter{{}, {Period: y2006}, {Vector: &land}, {Period: y1990}} {
			for _, minCount := range []int{0, 30} {
				for format, f := range formats {
					t.Run(fmt.Sprintf("%s/%s/filter%d/min%d", format, name, fi, minCount), func(t *testing.T) {
						lg, err := graph.NewLegGraph(ds, flt)
						if err != nil {
							t.Fatal(err)
						}
						v, err := Select(ctx, lg, Options{MinCount: minCount})
						if err != nil {
							t.Fatal(err)
						}
						sub := v.Dataset(ds)
						sub.Name = "renamed"
						var want, got bytes.Buffer
						if err := f.held(&want, sub, minCount); err != nil {
							t.Fatal(err)
						}
						if err := f.streamed(&got, "renamed", flt, minCount, placedStream(ds)); err != nil {
							t.Fatal(err)
						}
						if got.String() != want.String() {
							t.Errorf("streamed:\n%s\nheld:\n%s", got.String(), want.String())
						}
					})
				}
			}
		}
	}
}

// TestSpilledRecordsReadBack: a record written to a spill reads back the
// same, and a cut one is an error.
func TestSpilledRecordsReadBack(t *testing.T) {
	for _, f := range append(escapes(t).Flows, graphtest.Tricky().Flows...) {
		b, err := encodeFlow(&f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeFlow(b)
		if err != nil {
			t.Fatalf("%s: %v", f.ID, err)
		}
		if fmt.Sprintf("%#v", normalFlow(got)) != fmt.Sprintf("%#v", normalFlow(f)) {
			t.Errorf("read back %#v, wrote %#v", got, f)
		}
		if _, err := decodeFlow(b[:len(b)-1]); err == nil {
			t.Errorf("%s: a cut record read back", f.ID)
		}
	}
}

// normalFlow is f with empty lists as nil.
func normalFlow(f graph.Flow) graph.Flow {
	if len(f.Via) == 0 {
		f.Via = nil
	}
	if len(f.Vectors) == 0 {
		f.Vectors = nil
	}
	if len(f.Groups) == 0 {
		f.Groups = nil
	}
	return f
}

// TestStreamsWithoutRecords: a stream that hands over no record, not
// even starting a consumer, exports an empty dataset (no panic).
func TestStreamsWithoutRecords(t *testing.T) {
	empty := func(func() func(*graph.Flow, int)) (*graph.Dataset, error) {
		return &graph.Dataset{Name: "none", Countries: map[string]graph.Country{}}, nil
	}
	var js, cy bytes.Buffer
	if err := JSONStream(&js, "", graph.Filter{}, 0, empty); err != nil || !bytes.Contains(js.Bytes(), []byte(`"flows": []`)) {
		t.Errorf("JSON: %v\n%s", err, js.String())
	}
	if err := CypherStream(&cy, "", graph.Filter{}, 0, empty); err != nil || !bytes.Contains(cy.Bytes(), []byte("dataset none as a Cypher script (0 records")) {
		t.Errorf("Cypher: %v\n%s", err, cy.String())
	}
}
