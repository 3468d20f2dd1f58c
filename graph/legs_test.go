package graph_test

import (
	"reflect"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
)

func ptr[T any](v T) *T { return &v }

// fixture: BR->SR->NL (air), BR->NL (air), NG->LY->IT (land>sea),
// NG->IT (air) in two periods, RO->RO domestic.
func fixture() *graph.Dataset {
	air, land, sea, unk := graph.Air, graph.Land, graph.Sea, graph.VectorUnknown
	return &graph.Dataset{Name: "fixture", Flows: []graph.Flow{
		{ID: "1", Origin: "BR", Destination: "NL", Via: []string{"SR"}, Vectors: []graph.Vector{air, air}, Victims: 30, Period: graph.Year(2006), Form: graph.Sexual},
		{ID: "2", Origin: "BR", Destination: "NL", Vectors: []graph.Vector{air}, Victims: 10, Period: graph.Year(2007), Form: graph.Sexual},
		{ID: "3", Origin: "NG", Destination: "IT", Via: []string{"LY"}, Vectors: []graph.Vector{land, sea}, Victims: 20, Period: graph.Period{From: 2005, To: 2007}, Form: graph.Sexual},
		{ID: "4", Origin: "NG", Destination: "IT", Vectors: []graph.Vector{air}, Victims: 5, Period: graph.Year(2006), Form: graph.Labour, Measure: graph.Derived},
		{ID: "5", Origin: "NG", Destination: "IT", Vectors: []graph.Vector{unk}, Victims: 7, Period: graph.Year(2008), Form: graph.Sexual},
		{ID: "6", Origin: "RO", Destination: "RO", Vectors: []graph.Vector{land}, Victims: 4, Period: graph.Year(2006), Form: graph.Sexual},
	}}
}

func TestLegGraphAggregates(t *testing.T) {
	lg, err := graph.NewLegGraph(fixture(), graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := lg.Index.Codes, []string{"BR", "IT", "LY", "NG", "NL", "RO", "SR"}; !reflect.DeepEqual(got, want) {
		t.Errorf("codes %v, want %v", got, want)
	}
	tests := []struct {
		from, to string
		victims  int
		records  int
		byVector map[graph.Vector]int
		years    []int
	}{
		{"BR", "SR", 30, 1, map[graph.Vector]int{graph.Air: 30}, []int{2006}},
		{"SR", "NL", 30, 1, map[graph.Vector]int{graph.Air: 30}, []int{2006}},
		{"BR", "NL", 10, 1, map[graph.Vector]int{graph.Air: 10}, []int{2007}},
		{"NG", "LY", 20, 1, map[graph.Vector]int{graph.Land: 20}, []int{2005, 2006, 2007}},
		{"LY", "IT", 20, 1, map[graph.Vector]int{graph.Sea: 20}, []int{2005, 2006, 2007}},
		{"NG", "IT", 12, 2, map[graph.Vector]int{graph.Air: 5, graph.VectorUnknown: 7}, []int{2006, 2008}},
		{"RO", "RO", 4, 1, map[graph.Vector]int{graph.Land: 4}, []int{2006}},
	}
	if len(lg.Index.Legs) != len(tests) {
		t.Errorf("%d legs, want %d", len(lg.Index.Legs), len(tests))
	}
	for _, tc := range tests {
		l := lg.Leg(tc.from, tc.to)
		if l == nil {
			t.Errorf("leg %s->%s missing", tc.from, tc.to)
			continue
		}
		if l.Victims != tc.victims || l.Records != tc.records || !reflect.DeepEqual(l.Years, tc.years) {
			t.Errorf("%s->%s: got %d victims, %d records, years %v; want %d, %d, %v", tc.from, tc.to, l.Victims, l.Records, l.Years, tc.victims, tc.records, tc.years)
		}
		for v, n := range tc.byVector {
			if l.ByVector[v] != n {
				t.Errorf("%s->%s %s: got %d, want %d", tc.from, tc.to, v, l.ByVector[v], n)
			}
		}
		// The dominikbraun graph carries the same leg, weighted by victims.
		e, err := lg.Graph().Edge(tc.from, tc.to)
		if err != nil || e.Properties.Weight != tc.victims || e.Properties.Data != l {
			t.Errorf("%s->%s in dgraph: %v, weight %d, data %v", tc.from, tc.to, err, e.Properties.Weight, e.Properties.Data)
		}
	}
	for _, no := range [][2]string{{"IT", "NG"}, {"NG", "NL"}, {"NG", "XX"}, {"XX", "NG"}} {
		if l := lg.Leg(no[0], no[1]); l != nil {
			t.Errorf("leg %s->%s: got %+v, want none", no[0], no[1], l)
		}
	}
	if lg.Victims() != 76 {
		t.Errorf("victims %d, want 76", lg.Victims())
	}
}

func TestLegGraphFilters(t *testing.T) {
	tests := []struct {
		name    string
		flt     graph.Filter
		records int
		victims int
	}{
		{"none", graph.Filter{}, 6, 76},
		{"year 2006 excludes the 2005-2007 record", graph.Filter{Period: graph.Year(2006)}, 3, 39},
		{"years 2005-2007", graph.Filter{Period: graph.Period{From: 2005, To: 2007}}, 5, 69},
		{"form labour", graph.Filter{Form: ptr(graph.Labour)}, 1, 5},
		{"vector air", graph.Filter{Vector: ptr(graph.Air)}, 3, 45},
		{"vector land needs every leg on land", graph.Filter{Vector: ptr(graph.Land)}, 1, 4},
		{"measure derived", graph.Filter{Measure: ptr(graph.Derived)}, 1, 5},
		{"measure detected", graph.Filter{Measure: ptr(graph.Detected)}, 5, 71},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lg, err := graph.NewLegGraph(fixture(), tc.flt)
			if err != nil {
				t.Fatal(err)
			}
			if len(lg.Flows) != tc.records || lg.Victims() != tc.victims {
				t.Errorf("got %d records, %d victims; want %d, %d", len(lg.Flows), lg.Victims(), tc.records, tc.victims)
			}
		})
	}
}

func TestIndexAdjacency(t *testing.T) {
	lg, _ := graph.NewLegGraph(fixture(), graph.Filter{})
	ix := lg.Index
	ng, _ := ix.ID("NG")
	it, _ := ix.ID("IT")
	var out []string
	for _, a := range ix.Out[ng] {
		out = append(out, ix.Codes[a.Node])
	}
	if !reflect.DeepEqual(out, []string{"IT", "LY"}) {
		t.Errorf("NG out %v", out)
	}
	var in []string
	var victims int64
	for _, a := range ix.In[it] {
		in = append(in, ix.Codes[a.Node])
		victims += a.Victims
	}
	if !reflect.DeepEqual(in, []string{"LY", "NG"}) || victims != 32 {
		t.Errorf("IT in %v (%d victims)", in, victims)
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in   string
		want graph.Period
		ok   bool
	}{
		{"2006", graph.Year(2006), true},
		{" 2005-2007 ", graph.Period{From: 2005, To: 2007}, true},
		{"2007-2005", graph.Period{}, false},
		{"06", graph.Period{}, false},
		{"1850", graph.Period{}, false},
		{"2006-", graph.Period{}, false},
		{"abcd", graph.Period{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := graph.ParsePeriod(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("got %v, %v; want %v, ok %v", got, err, tc.want, tc.ok)
			}
		})
	}
}

// TestRoutesOf: the fixture's records by route, counted by hand, in the
// order of each route's first record; at displacement 0.5 each record's
// share is rounded half to even (NG>IT: 5 -> 2, 7 -> 4).
func TestRoutesOf(t *testing.T) {
	ds := fixture()
	var flows []*graph.Flow
	for i := range ds.Flows {
		flows = append(flows, &ds.Flows[i])
	}
	want := []graph.Route{
		{Path: []string{"BR", "SR", "NL"}, Victims: 30, Records: 1, Displaced: 15},
		{Path: []string{"BR", "NL"}, Victims: 10, Records: 1, Displaced: 5},
		{Path: []string{"NG", "LY", "IT"}, Victims: 20, Records: 1, Displaced: 10},
		{Path: []string{"NG", "IT"}, Victims: 12, Records: 2, Displaced: 6},
		{Path: []string{"RO", "RO"}, Victims: 4, Records: 1, Displaced: 2},
	}
	if got := graph.RoutesOf(flows, 0.5); !reflect.DeepEqual(got, want) {
		t.Errorf("RoutesOf = %+v\nwant %+v", got, want)
	}
	if got := graph.RoutesOf(nil, 1); len(got) != 0 {
		t.Errorf("RoutesOf(nil) = %+v, want none", got)
	}
}
