package routes_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/internal/testgraphs"
)

func TestObservedRoutes(t *testing.T) {
	lg := brazilToEurope()
	tests := []struct {
		name     string
		from, to string
		via      []string
		want     [][]string
	}{
		{"origin to destination", "BR", "NL", nil, [][]string{{"BR", "SR", "NL"}, {"BR", "NL"}}},
		{"transit to destination", "SR", "NL", nil, [][]string{{"BR", "SR", "NL"}}},
		{"via", "BR", "NL", []string{"SR"}, [][]string{{"BR", "SR", "NL"}}},
		{"destination before origin", "NL", "BR", nil, nil},
		{"unknown country", "XX", "NL", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got [][]string
			for _, o := range routes.ObservedRoutes(lg, tc.from, tc.to, tc.via...) {
				got = append(got, o.Path)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestKPathsVia(t *testing.T) {
	lg := testgraphs.LegGraph(t, "diamond")
	// diamond: NG->IT direct, NG->ML->IT, NG->NE->IT, IT->FR.
	got, err := routes.KPaths(context.Background(), lg.Index, "NG", "FR", 5, routes.ByHops, "NE")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !reflect.DeepEqual(got[0].Nodes, []string{"NG", "NE", "IT", "FR"}) {
		t.Errorf("got %+v", got)
	}
	if got[0].MinLegVictims != 10 || got[0].Cost != 3 {
		t.Errorf("thinnest %d cost %v", got[0].MinLegVictims, got[0].Cost)
	}
}

func TestKPathsErrors(t *testing.T) {
	lg := testgraphs.LegGraph(t, "diamond")
	ctx := context.Background()
	var np *routes.NoPathError
	if _, err := routes.KPaths(ctx, lg.Index, "FR", "NG", 3, routes.ByHops); !errors.As(err, &np) || np.From != "FR" {
		t.Errorf("FR->NG: got %v, want NoPathError", err)
	}
	if _, err := routes.KPaths(ctx, lg.Index, "ZZ", "NG", 3, routes.ByHops); !errors.As(err, &np) {
		t.Errorf("unknown country: got %v, want NoPathError", err)
	}
	if _, err := routes.KPaths(ctx, lg.Index, "NG", "FR", 0, routes.ByHops); !errors.Is(err, routes.ErrBadK) {
		t.Errorf("k=0: got %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := routes.Betweenness(cancelled, lg.Index, routes.ByHops); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled betweenness: got %v", err)
	}
}

// TestHubsOrderDeterministic: equal metrics are ordered by country code,
// and every ordering metric sorts descending.
func TestHubsOrder(t *testing.T) {
	lg := testgraphs.LegGraph(t, "cycle_ties")
	for _, by := range routes.HubMetrics {
		t.Run(string(by), func(t *testing.T) {
			hubs, err := routes.Hubs(context.Background(), lg, by, routes.ByHops)
			if err != nil {
				t.Fatal(err)
			}
			key := func(h routes.Hub) float64 {
				return map[routes.HubMetric]float64{
					routes.ByTransit: float64(h.Transit), routes.ByBetweenness: h.Betweenness, routes.ByPageRank: h.PageRank,
					routes.ByInflow: float64(h.Inflow), routes.ByOutflow: float64(h.Outflow), routes.ByThroughput: float64(h.Throughput),
				}[by]
			}
			for i := 1; i < len(hubs); i++ {
				a, b := hubs[i-1], hubs[i]
				if key(a) < key(b) || (key(a) == key(b) && a.Country > b.Country) {
					t.Errorf("%s before %s", a.Country, b.Country)
				}
			}
		})
	}
}

// TestHubsWithoutTransit: records without a via rank by throughput, with
// a note, and the what-if analyses say the data records no transit.
func TestHubsWithoutTransit(t *testing.T) {
	ds := &graph.Dataset{Name: "od", Flows: []graph.Flow{
		{ID: "a", Origin: "NG", Destination: "IT", Victims: 30, Vectors: []graph.Vector{graph.VectorUnknown}},
		{ID: "b", Origin: "RO", Destination: "IT", Victims: 20, Vectors: []graph.Vector{graph.VectorUnknown}},
		{ID: "c", Origin: "NG", Destination: "FR", Victims: 50, Vectors: []graph.Vector{graph.VectorUnknown}},
	}}
	ctx := context.Background()
	res, err := routes.HubsQuery{}.Run(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, h := range res.Hubs {
		order = append(order, fmt.Sprintf("%s %d", h.Country, h.Throughput))
	}
	// Hand count: NG 30+50 out, IT 30+20 in, FR 50 in, RO 20 out.
	if want := "NG 80, FR 50, IT 50, RO 20"; strings.Join(order, ", ") != want || res.By != "throughput" || res.Note == "" {
		t.Errorf("by %s, note %q: %s, want %s", res.By, res.Note, strings.Join(order, ", "), want)
	}
	div, err := routes.DivertQuery{DivertOptions: routes.DivertOptions{Remove: []string{"IT"}, Displacement: 1}}.Run(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	if d := div.(*routes.DivertResult); !strings.Contains(d.Note, "no transit") {
		t.Errorf("divert note %q", d.Note)
	}
	in, err := routes.InterdictQuery{InterdictOptions: routes.InterdictOptions{K: 2, Displacement: 1}}.Run(ctx, ds)
	if err != nil || !strings.Contains(in.Note, "no transit") {
		t.Errorf("interdict note %q, %v", in.Note, err)
	}
	rt, err := routes.RoutesQuery{From: "RO", To: "FR", K: 3}.Run(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	// RO -> IT and NG -> FR do not chain: no path, so no warning needed.
	if rt.Note != "" || len(rt.Paths) != 0 {
		t.Errorf("routes RO-FR: %+v", rt)
	}
}

// TestRoutesRemove: a what-if removal closes a country to transit; the
// observed routes through it are left out and counted, no path passes
// through it, and a removed origin or destination still sends and
// receives (the diversion rule). Expected values counted by hand on
// brazilToEurope.
func TestRoutesRemove(t *testing.T) {
	ds := &graph.Dataset{}
	for _, f := range brazilToEurope().Flows {
		ds.Flows = append(ds.Flows, *f)
	}
	tests := []struct {
		name     string
		remove   []string
		observed [][]string
		paths    [][]string
		closed   *routes.Closed
	}{
		{"none", nil, [][]string{{"BR", "SR", "NL"}, {"BR", "NL"}},
			[][]string{{"BR", "NL"}, {"BR", "SR", "NL"}, {"BR", "GF", "FR", "NL"}}, nil},
		{"transit SR", []string{"SR"}, [][]string{{"BR", "NL"}},
			[][]string{{"BR", "NL"}, {"BR", "GF", "FR", "NL"}}, &routes.Closed{Routes: 1, Records: 2, Victims: 35}},
		{"SR and GF", []string{"SR", "GF"}, [][]string{{"BR", "NL"}},
			[][]string{{"BR", "NL"}}, &routes.Closed{Routes: 1, Records: 2, Victims: 35}},
		{"origin BR stays an origin", []string{"BR"}, [][]string{{"BR", "SR", "NL"}, {"BR", "NL"}},
			[][]string{{"BR", "NL"}, {"BR", "SR", "NL"}, {"BR", "GF", "FR", "NL"}}, &routes.Closed{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := routes.RoutesQuery{From: "BR", To: "NL", K: 5, Remove: tc.remove}.Run(context.Background(), ds)
			if err != nil {
				t.Fatal(err)
			}
			var obs, paths [][]string
			for _, o := range res.Observed {
				obs = append(obs, o.Path)
			}
			for _, p := range res.Paths {
				paths = append(paths, p.Nodes)
			}
			if !reflect.DeepEqual(obs, tc.observed) {
				t.Errorf("observed %v, want %v", obs, tc.observed)
			}
			if !reflect.DeepEqual(paths, tc.paths) {
				t.Errorf("paths %v, want %v", paths, tc.paths)
			}
			if !reflect.DeepEqual(res.Closed, tc.closed) {
				t.Errorf("closed %+v, want %+v", res.Closed, tc.closed)
			}
		})
	}
}

// TestTopRoutes: routes given twice are summed, then ordered by victims,
// records and codes (A>C before A>D), and cut at n.
func TestTopRoutes(t *testing.T) {
	list := []graph.Route{
		{Path: []string{"A", "B"}, Victims: 10, Records: 1},
		{Path: []string{"A", "D"}, Victims: 10, Records: 2},
		{Path: []string{"A", "C"}, Victims: 10, Records: 2},
		{Path: []string{"A", "B"}, Victims: 5, Records: 1},
	}
	text := func(out []routes.Observed) string {
		var s []string
		for _, o := range out {
			s = append(s, fmt.Sprintf("%s:%d/%d", strings.Join(o.Path, ">"), o.Victims, o.Records))
		}
		return strings.Join(s, " ")
	}
	for n, want := range map[int]string{0: "A>B:15/2 A>C:10/2 A>D:10/2", 2: "A>B:15/2 A>C:10/2", 5: "A>B:15/2 A>C:10/2 A>D:10/2"} {
		if got := text(routes.TopRoutes(list, n)); got != want {
			t.Errorf("TopRoutes(%d) = %s, want %s", n, got, want)
		}
	}
}
