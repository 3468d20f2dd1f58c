package routes_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes"
)

func TestTwoProportionTest(t *testing.T) {
	// Reference: scipy.stats.chi2_contingency(correction=False) on the 2x2
	// table; Z = sqrt(chi2) with the sign of p2-p1.
	tests := []struct {
		x1, n1, x2, n2 int
		z, p           float64
	}{
		{2, 100, 4, 100, 0.8290266722896783, 0.40708931466170395},
		{400, 1000, 95, 1000, -15.80316184054725, 2.958957135420933e-56},
		{30, 200, 50, 200, 2.5, 0.01241933065155227},
		{0, 500, 12, 400, 3.899064336825273, 9.656511629717753e-05},
		{0, 0, 3, 10, 0, 1},
		{0, 10, 0, 10, 0, 1},
	}
	for _, tc := range tests {
		got := routes.TwoProportionTest(tc.x1, tc.n1, tc.x2, tc.n2)
		if math.Abs(got.Z-tc.z) > 1e-9 || math.Abs(got.PValue-tc.p) > 1e-9*math.Max(tc.p, 1e-300)+1e-15 {
			t.Errorf("%d/%d vs %d/%d: got z=%v p=%v, want z=%v p=%v", tc.x1, tc.n1, tc.x2, tc.n2, got.Z, got.PValue, tc.z, tc.p)
		}
	}
}

// series builds a dataset of records origin -> dest with victims in
// year.
type rec struct {
	origin, dest  string
	year, victims int
}

func series(recs ...rec) *graph.LegGraph {
	ds := &graph.Dataset{Name: "hand"}
	for i, r := range recs {
		ds.Flows = append(ds.Flows, graph.Flow{ID: string(rune('a' + i)), Origin: r.origin, Destination: r.dest,
			Vectors: make([]graph.Vector, 1), Victims: r.victims, Period: graph.Year(r.year)})
	}
	lg, _ := graph.NewLegGraph(ds, graph.Filter{})
	return lg
}

func statuses(d routes.DestinationTrends) map[string]routes.Status {
	m := map[string]routes.Status{}
	for _, o := range d.Origins {
		m[o.Country] = o.Status
	}
	return m
}

func TestEmergingHandMade(t *testing.T) {
	tests := []struct {
		name string
		lg   *graph.LegGraph
		opt  routes.EmergingOptions
		want map[string]routes.Status
		subs []routes.Substitution
	}{
		{
			name: "new origin",
			lg:   series(rec{"RO", "IT", 2000, 100}, rec{"RO", "IT", 2002, 100}, rec{"CN", "IT", 2002, 40}),
			want: map[string]routes.Status{"RO": routes.Falling, "CN": routes.New},
			subs: []routes.Substitution{{Falling: "RO", Rising: []string{"CN"}}},
		},
		{
			name: "clear rise",
			lg: series(rec{"RO", "IT", 2000, 90}, rec{"CN", "IT", 2000, 10},
				rec{"RO", "IT", 2002, 60}, rec{"CN", "IT", 2002, 40}),
			want: map[string]routes.Status{"RO": routes.Falling, "CN": routes.Rising},
			subs: []routes.Substitution{{Falling: "RO", Rising: []string{"CN"}}},
		},
		{
			name: "noise stays stable",
			lg: series(rec{"RO", "IT", 2000, 52}, rec{"BG", "IT", 2000, 48},
				rec{"RO", "IT", 2002, 47}, rec{"BG", "IT", 2002, 53}),
			want: map[string]routes.Status{"RO": routes.Stable, "BG": routes.Stable},
		},
		{
			name: "2 to 4 is not a trend",
			lg: series(rec{"RO", "IT", 2000, 98}, rec{"SL", "IT", 2000, 2},
				rec{"RO", "IT", 2002, 96}, rec{"SL", "IT", 2002, 4}),
			want: map[string]routes.Status{"RO": routes.Stable, "SL": routes.Stable},
		},
		{
			name: "gone",
			lg:   series(rec{"RO", "IT", 2000, 50}, rec{"AL", "IT", 2000, 50}, rec{"RO", "IT", 2002, 80}),
			want: map[string]routes.Status{"RO": routes.Rising, "AL": routes.Gone},
			subs: []routes.Substitution{{Falling: "AL", Rising: []string{"RO"}}},
		},
		{
			name: "min count keeps a small newcomer stable",
			lg:   series(rec{"RO", "IT", 2000, 100}, rec{"RO", "IT", 2002, 100}, rec{"CN", "IT", 2002, 3}),
			opt:  routes.EmergingOptions{MinCount: 5},
			want: map[string]routes.Status{"RO": routes.Stable, "CN": routes.Stable},
		},
		{
			name: "middle year ignored",
			lg: series(rec{"RO", "IT", 2000, 100}, rec{"CN", "IT", 2001, 500},
				rec{"RO", "IT", 2002, 100}),
			want: map[string]routes.Status{"RO": routes.Stable},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := routes.Emerging(tc.lg, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Destinations) != 1 {
				t.Fatalf("got %d destinations, want 1", len(res.Destinations))
			}
			d := res.Destinations[0]
			if got := statuses(d); !mapsEqual(got, tc.want) {
				t.Errorf("statuses: got %v, want %v", got, tc.want)
			}
			if len(d.Substitutions) != len(tc.subs) {
				t.Fatalf("substitutions: got %+v, want %+v", d.Substitutions, tc.subs)
			}
			for i, s := range tc.subs {
				g := d.Substitutions[i]
				if g.Falling != s.Falling || !slices.Equal(g.Rising, s.Rising) || g.ShareLost <= 0 {
					t.Errorf("substitution %d: got %+v, want %+v", i, g, s)
				}
			}
		})
	}
}

func mapsEqual(a, b map[string]routes.Status) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestDefaultPeriods(t *testing.T) {
	tests := []struct {
		first, last int
		base, rec   string
	}{
		{1996, 2008, "1996-2000", "2004-2008"},
		{2003, 2007, "2003-2004", "2006-2007"},
		{2006, 2008, "2006", "2008"},
		{2000, 2001, "2000", "2001"},
		{2006, 2006, "2006", "2006"},
		{2000, 2005, "2000-2001", "2004-2005"},
	}
	for _, tc := range tests {
		flows := []*graph.Flow{{Period: graph.Year(tc.first)}, {Period: graph.Year(tc.last)}, {}}
		b, r, err := routes.DefaultPeriods(flows)
		if err != nil || b.String() != tc.base || r.String() != tc.rec {
			t.Errorf("%d-%d: got %s, %s, %v; want %s, %s", tc.first, tc.last, b, r, err, tc.base, tc.rec)
		}
	}
	if _, _, err := routes.DefaultPeriods([]*graph.Flow{{}}); err == nil {
		t.Error("no years: want ErrNoYears")
	}
}

func TestEmergingErrors(t *testing.T) {
	lg := series(rec{"RO", "IT", 2000, 1}, rec{"RO", "IT", 2004, 1})
	for name, opt := range map[string]routes.EmergingOptions{
		"overlap":  {Baseline: graph.Period{From: 2000, To: 2003}, Recent: graph.Period{From: 2003, To: 2004}},
		"alpha":    {Alpha: 1.5},
		"mincount": {MinCount: -1},
		"grouping": {By: "city"},
		"region":   {Regions: []string{"Atlantis"}},
	} {
		if _, err := routes.Emerging(lg, opt); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}

// toc2010LegGraph is the built-in dataset's leg graph, unfiltered.
func toc2010LegGraph(t *testing.T) *graph.LegGraph {
	t.Helper()
	ds, err := ingest.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	lg, err := graph.NewLegGraph(ds, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return lg
}

// toc2010 must show the seed's trends (docs/toc2010.md section 2).
func TestEmergingToc2010(t *testing.T) {
	lg := toc2010LegGraph(t)
	p := func(s string) graph.Period {
		q, err := graph.ParsePeriod(s)
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	tests := []struct {
		name             string
		dest             string
		baseline, recent string // "" = default thirds
		want             map[string]routes.Status
		falling          []string // substitutions that must be there
		rising           []string
	}{
		{name: "Italy defaults", dest: "IT", want: map[string]routes.Status{"AL": routes.Falling, "UA": routes.Falling, "MD": routes.Falling, "CN": routes.New}},
		{name: "Italy", dest: "IT", baseline: "1996-2003", recent: "2004-2008",
			want: map[string]routes.Status{"AL": routes.Falling, "CN": routes.Rising}, falling: []string{"AL"}, rising: []string{"CN"}},
		{name: "Netherlands", dest: "NL", baseline: "2006", recent: "2007-2008",
			want: map[string]routes.Status{"CN": routes.Rising, "SL": routes.Rising}},
		{name: "Spain", dest: "ES", baseline: "2003-2004", recent: "2006-2007",
			want: map[string]routes.Status{"CO": routes.Falling, "PY": routes.Rising, "BR": routes.Rising}, falling: []string{"CO"}, rising: []string{"PY", "BR"}},
		{name: "Turkey", dest: "TR", baseline: "2003-2004", recent: "2006-2007",
			want:    map[string]routes.Status{"RU": routes.Falling, "UA": routes.Falling, "UZ": routes.Rising, "TM": routes.Rising},
			falling: []string{"RU", "UA"}, rising: []string{"UZ", "TM"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := routes.EmergingOptions{Destinations: []string{tc.dest}}
			if tc.baseline != "" {
				opt.Baseline, opt.Recent = p(tc.baseline), p(tc.recent)
			}
			res, err := routes.Emerging(lg, opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Destinations) != 1 {
				t.Fatalf("got %d destinations (uncovered %v)", len(res.Destinations), res.Uncovered)
			}
			d := res.Destinations[0]
			got := statuses(d)
			for c, s := range tc.want {
				if got[c] != s {
					t.Errorf("%s at %s: got %q, want %q", c, tc.dest, got[c], s)
				}
			}
			for _, f := range tc.falling {
				i := slices.IndexFunc(d.Substitutions, func(s routes.Substitution) bool { return s.Falling == f })
				if i < 0 {
					t.Errorf("no substitution for falling %s: %+v", f, d.Substitutions)
					continue
				}
				for _, r := range tc.rising {
					if !slices.Contains(d.Substitutions[i].Rising, r) {
						t.Errorf("substitution of %s lacks rising %s: %+v", f, r, d.Substitutions[i])
					}
				}
			}
		})
	}
	// By default the other series have no baseline record: not compared.
	res, err := routes.Emerging(lg, routes.EmergingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Baseline.String() != "1996-2000" || res.Recent.String() != "2004-2008" || !res.DefaultPeriods {
		t.Errorf("default periods %s, %s", res.Baseline, res.Recent)
	}
	if len(res.Destinations) != 1 || res.Destinations[0].Destination != "IT" || len(res.Uncovered) != 11 {
		t.Errorf("default: compared %d destinations, %d uncovered", len(res.Destinations), len(res.Uncovered))
	}
}

func TestSplitPeriods(t *testing.T) {
	y := func(ps ...string) []*graph.Flow {
		var fs []*graph.Flow
		for _, s := range ps {
			var p graph.Period
			if s != "" {
				var err error
				if p, err = graph.ParsePeriod(s); err != nil {
					t.Fatal(err)
				}
			}
			fs = append(fs, &graph.Flow{Period: p}, &graph.Flow{Period: p}) // repeats count once
		}
		return fs
	}
	tests := []struct {
		name      string
		flows     []*graph.Flow
		base, rec string
		reason    string
	}{
		{"Italy", y("2008", "1996", "2004-2005", "2000-2003", "2006", ""), "1996-2003", "2004-2008", ""},
		{"Netherlands", y("2007", "2006", "2008"), "2006", "2007-2008", ""},
		{"two", y("2001", "2000"), "2000", "2001", ""},
		{"four", y("2000", "2001", "2002", "2003"), "2000-2001", "2002-2003", ""},
		{"one period", y("2006", ""), "", "", "records of one period only: 2006"},
		{"none", y(""), "", "", "no record with a year"},
		{"overlap", y("2000-2006", "2003", "2007"), "", "", "its periods overlap: 2000-2006 and 2003-2007"},
	}
	for _, tc := range tests {
		b, r, ok, why := routes.SplitPeriods(tc.flows)
		if tc.reason != "" {
			if ok || why != tc.reason {
				t.Errorf("%s: got %s, %s, %v, %q; want %q", tc.name, b, r, ok, why, tc.reason)
			}
			continue
		}
		if !ok || b.String() != tc.base || r.String() != tc.rec {
			t.Errorf("%s: got %s, %s, %v (%s); want %s, %s", tc.name, b, r, ok, why, tc.base, tc.rec)
		}
	}
}

// TestEmergingOwnPeriods: with each destination's own periods, toc2010
// shows the seed's four findings in one run, each destination exactly as
// Emerging gives it with those periods stated, and the one-year
// destinations are not compared.
func TestEmergingOwnPeriods(t *testing.T) {
	lg := toc2010LegGraph(t)
	// Without the false-discovery correction, whose q-values depend on
	// every test of the run, the destinations can be compared one by one.
	res, err := routes.Emerging(lg, routes.EmergingOptions{OwnPeriods: true, FDR: routes.NoCorrection})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"ES": "2003-2004 2006-2007", "IT": "1996-2003 2004-2008", "NL": "2006 2007-2008", "TR": "2003-2004 2006-2007"}
	if !res.OwnPeriods || len(res.Destinations) != len(want) {
		t.Fatalf("own periods %v, %d destinations", res.OwnPeriods, len(res.Destinations))
	}
	for _, d := range res.Destinations {
		got := d.BaselinePeriod.String() + " " + d.RecentPeriod.String()
		if got != want[d.Destination] {
			t.Errorf("%s: periods %s, want %s", d.Destination, got, want[d.Destination])
		}
		stated, err := routes.Emerging(lg, routes.EmergingOptions{Destinations: []string{d.Destination}, Baseline: *d.BaselinePeriod, Recent: *d.RecentPeriod, FDR: routes.NoCorrection})
		if err != nil || len(stated.Destinations) != 1 {
			t.Fatalf("%s with stated periods: %v", d.Destination, err)
		}
		s := stated.Destinations[0]
		s.BaselinePeriod, s.RecentPeriod = d.BaselinePeriod, d.RecentPeriod
		if !reflect.DeepEqual(s, d) {
			t.Errorf("%s: own periods give\n%+v %+v\nstated periods give\n%+v %+v", d.Destination, d, d.Domestic, s, s.Domestic)
		}
	}
	st := map[string]map[string]routes.Status{}
	for _, d := range res.Destinations {
		st[d.Destination] = statuses(d)
	}
	for _, c := range []struct{ dest, origin string }{{"IT", "CN"}, {"NL", "CN"}, {"ES", "PY"}, {"TR", "TM"}, {"TR", "UZ"}} {
		if st[c.dest][c.origin] != routes.Rising {
			t.Errorf("%s at %s: %q, want rising", c.origin, c.dest, st[c.dest][c.origin])
		}
	}
	if len(res.Uncovered) == 0 || res.Uncovered[0].Reason != "records of one period only: 2006" {
		t.Errorf("uncovered %+v", res.Uncovered)
	}
	if _, err := routes.Emerging(lg, routes.EmergingOptions{Regions: []string{"Southern Europ"}}); !errors.Is(err, routes.ErrUnknownRegion) || !strings.Contains(err.Error(), "Southern Europe") {
		t.Errorf("misspelt region: %v", err)
	}
	if _, err := routes.Emerging(lg, routes.EmergingOptions{Regions: []string{"southern europe"}}); err != nil {
		t.Errorf("region in lower case: %v", err)
	}
	if _, err := routes.Emerging(lg, routes.EmergingOptions{OwnPeriods: true, Baseline: graph.Year(2006)}); !errors.Is(err, routes.ErrOwnPeriods) {
		t.Errorf("own periods with a baseline: %v", err)
	}
}

// TestEmergingSmallCounts (issue 20): a newcomer with a handful of
// victims is stable with a note, whatever the minimum count; one with
// enough victims to tell is new; the exact test decides both.
func TestEmergingSmallCounts(t *testing.T) {
	lg := series(rec{"RO", "IT", 2000, 5000}, rec{"RO", "IT", 2002, 5000}, rec{"BG", "IT", 2000, 2000}, rec{"BG", "IT", 2002, 2000},
		rec{"CN", "IT", 2002, 3}, rec{"NG", "IT", 2002, 8}, rec{"AL", "IT", 2000, 2})
	res, err := routes.Emerging(lg, routes.EmergingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		status routes.Status
		test   routes.TestName
		note   string
	}{
		"CN": {routes.Stable, routes.TestFisher, "none in the baseline: too few victims to tell from chance"},
		"AL": {routes.Stable, routes.TestFisher, "none recently: too few victims to tell from chance"},
		"NG": {routes.New, routes.TestFisher, ""},
		"RO": {routes.Stable, routes.TestZ, ""},
		"BG": {routes.Stable, routes.TestZ, ""},
	}
	d := res.Destinations[0]
	for _, o := range d.Origins {
		w := want[o.Country]
		if o.Status != w.status || o.Test != w.test || o.Note != w.note {
			t.Errorf("%s: got %s by %s (%q), want %s by %s (%q)", o.Country, o.Status, o.Test, o.Note, w.status, w.test, w.note)
		}
	}
	if res.Tests != 5 || d.Origins[0].Country != "NG" {
		t.Errorf("%d tests, first origin %s; want 5 and NG (the one that changed)", res.Tests, d.Origins[0].Country)
	}
}

// TestEmergingSubstitutionsCap: a substitution lists at most the five
// largest rises, says how many more there are, and never lists the
// destination's own nationals.
func TestEmergingSubstitutionsCap(t *testing.T) {
	recs := []rec{{"AL", "IT", 2000, 900}, {"AL", "IT", 2002, 100}, {"IT", "IT", 2000, 50}, {"IT", "IT", 2002, 500}}
	for i, o := range []string{"CN", "NG", "RU", "BG", "RO", "BR", "PY"} {
		recs = append(recs, rec{o, "IT", 2000, 10}, rec{o, "IT", 2002, 60 + 10*i})
	}
	res, err := routes.Emerging(series(recs...), routes.EmergingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Destinations[0]
	if statuses(d)["IT"] != routes.Rising || len(d.Substitutions) != 1 {
		t.Fatalf("IT %s, substitutions %+v", statuses(d)["IT"], d.Substitutions)
	}
	s := d.Substitutions[0]
	if s.Falling != "AL" || !slices.Equal(s.Rising, []string{"PY", "BR", "RO", "BG", "RU"}) || s.RisingNotListed != 2 {
		t.Errorf("substitution %+v, want AL replaced by PY, BR, RO, BG, RU and 2 more", s)
	}
	if d.Domestic == nil || d.Domestic.Country != "IT" || d.Domestic.PartOfChange <= 0 || d.Domestic.PartOfChange >= 1 {
		t.Errorf("domestic %+v", d.Domestic)
	}
}

// TestEmergingByYearToc2010: by year, records spanning several years are
// left out and counted, destinations reporting in one year only are not
// compared, and the seed's rising origins still rise.
func TestEmergingByYearToc2010(t *testing.T) {
	lg := toc2010LegGraph(t)
	res, err := routes.Emerging(lg, routes.EmergingOptions{ByYear: true})
	if err != nil {
		t.Fatal(err)
	}
	records, victims := 0, graph.Count(0)
	for _, f := range lg.Flows {
		if !f.Period.IsZero() && f.Period.From != f.Period.To {
			records++
			victims += graph.Count(f.Victims)
		}
	}
	if res.SpanningRecords != records || res.SpanningVictims != victims || records == 0 {
		t.Errorf("spanning %d records (%d victims), want %d (%d)", res.SpanningRecords, res.SpanningVictims, records, victims)
	}
	for _, u := range res.Uncovered {
		if !strings.HasPrefix(u.Reason, "victims in one year only: ") {
			t.Errorf("uncovered %+v", u)
		}
	}
	st := map[string]map[string]routes.Status{}
	for _, d := range res.Destinations {
		st[d.Destination] = statuses(d)
		if len(d.Years) < 2 || len(d.YearTotals) != len(d.Years) || d.MissingYears == nil {
			t.Errorf("%s: years %v, totals %v, missing %v", d.Destination, d.Years, d.YearTotals, d.MissingYears)
		}
	}
	for _, c := range []struct{ dest, origin string }{{"NL", "CN"}, {"TR", "TM"}, {"TR", "UZ"}} {
		if st[c.dest][c.origin] != routes.Rising {
			t.Errorf("%s at %s: %q, want rising", c.origin, c.dest, st[c.dest][c.origin])
		}
	}
	if _, err := routes.Emerging(lg, routes.EmergingOptions{ByYear: true, OwnPeriods: true}); !errors.Is(err, routes.ErrByYear) {
		t.Errorf("by year with own periods: %v", err)
	}
	for _, opt := range []routes.EmergingOptions{{FDR: "holm"}, {Exact: "barnard"}} {
		if _, err := routes.Emerging(lg, opt); err == nil {
			t.Errorf("%+v: want an error", opt)
		}
	}
}

// TestEmergingOutsidePeriods: records in neither period, and records
// without a year, are counted, and a destination whose records all lie
// outside both periods is explained (hand count).
func TestEmergingOutsidePeriods(t *testing.T) {
	y := func(from, to int) graph.Period { return graph.Period{From: from, To: to} }
	ds := &graph.Dataset{Name: "t", Flows: []graph.Flow{
		{ID: "a", Origin: "NG", Destination: "IT", Victims: 10, Period: y(2000, 2000)},
		{ID: "b", Origin: "NG", Destination: "IT", Victims: 20, Period: y(2010, 2010)},
		{ID: "c", Origin: "RO", Destination: "IT", Victims: 5, Period: y(2004, 2006)}, // between
		{ID: "d", Origin: "RO", Destination: "DE", Victims: 7, Period: y(2001, 2009)}, // spans both
		{ID: "e", Origin: "RO", Destination: "IT", Victims: 3},                        // no year
	}}
	for i := range ds.Flows {
		ds.Flows[i].Vectors = []graph.Vector{graph.VectorUnknown}
	}
	lg, err := graph.NewLegGraph(ds, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := routes.Emerging(lg, routes.EmergingOptions{Baseline: y(2000, 2001), Recent: y(2009, 2010)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outside != (routes.RecordCount{Records: 2, Victims: 12}) || res.NoYear != (routes.RecordCount{Records: 1, Victims: 3}) {
		t.Errorf("outside %+v, no year %+v; want 2 records (12), 1 record (3)", res.Outside, res.NoYear)
	}
	if len(res.Uncovered) != 1 || res.Uncovered[0].Destination != "DE" || !strings.Contains(res.Uncovered[0].Reason, "outside both periods") {
		t.Errorf("uncovered %+v, want DE explained", res.Uncovered)
	}
}

// TestEmergingTop: a cap keeps the first origins of each destination, in
// the uncapped order, and counts the others.
func TestEmergingTop(t *testing.T) {
	ds, err := ingest.Load(context.Background(), "builtin:toc2010")
	if err != nil {
		t.Fatal(err)
	}
	q := routes.EmergingQuery{EmergingOptions: routes.EmergingOptions{OwnPeriods: true, Alpha: routes.DefaultAlpha}}
	all, err := q.Run(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	q.Top = 2
	capped, err := q.Run(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Destinations) != len(capped.Destinations) {
		t.Fatalf("%d destinations capped, %d not", len(capped.Destinations), len(all.Destinations))
	}
	for i, d := range capped.Destinations {
		full := all.Destinations[i].Origins
		want := full[:min(2, len(full))]
		var got, exp []string
		for _, o := range d.Origins {
			got = append(got, o.Country)
		}
		for _, o := range want {
			exp = append(exp, o.Country)
		}
		if !reflect.DeepEqual(got, exp) || d.OriginsLeftOut != len(full)-len(want) {
			t.Errorf("%s: %v, %d left out; want %v, %d", d.Destination, got, d.OriginsLeftOut, exp, len(full)-len(want))
		}
		// The left-out victims are what the listed origins miss of the
		// destination's totals.
		var base, recent graph.Count
		for _, o := range d.Origins {
			base += o.BaselineVictims
			recent += o.RecentVictims
		}
		if base+d.LeftOutBaseline != d.Baseline || recent+d.LeftOutRecent != d.Recent {
			t.Errorf("%s: listed %d+%d left out, %d+%d; totals %d, %d", d.Destination, base, d.LeftOutBaseline, recent, d.LeftOutRecent, d.Baseline, d.Recent)
		}
		subs := all.Destinations[i].Substitutions
		if n := min(2, len(subs)); !reflect.DeepEqual(d.Substitutions, subs[:n]) || d.SubstitutionsLeftOut != len(subs)-n {
			t.Errorf("%s: substitutions %v, %d left out; want %v, %d", d.Destination, d.Substitutions, d.SubstitutionsLeftOut, subs[:n], len(subs)-n)
		}
	}
}
