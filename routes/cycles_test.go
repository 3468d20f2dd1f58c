package routes_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	dgraph "github.com/dominikbraun/graph"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/internal/testgraphs"
)

// TestStronglyConnectedMatchesNetworkX compares the cycles of routes with
// nx.strongly_connected_components on every reference graph (toc2010's
// leg graph among them): the same components of more than one country, in
// the same order, and each country's component.
func TestStronglyConnectedMatchesNetworkX(t *testing.T) {
	for _, name := range testgraphs.Names(t) {
		t.Run(name, func(t *testing.T) {
			ref := testgraphs.Load(t, name)
			if len(ref.StronglyConnectedComponents) == 0 {
				t.Fatal("no strongly_connected_components in the reference: run make reference")
			}
			lg := testgraphs.LegGraph(t, name)
			got := routes.StronglyConnected(lg)
			want := [][]string{}
			countries := 0
			for _, c := range ref.StronglyConnectedComponents {
				if len(c) > 1 {
					want = append(want, c)
					countries += len(c)
				}
			}
			if !slices.EqualFunc(got.Components, want, slices.Equal) {
				t.Errorf("components: got %v, want %v", got.Components, want)
			}
			if got.Countries != countries {
				t.Errorf("countries on cycles: got %d, want %d", got.Countries, countries)
			}
			for _, code := range lg.Index.Codes {
				i := slices.IndexFunc(want, func(c []string) bool { return slices.Contains(c, code) })
				if g := got.Component(code); g != i || got.OnCycle(code) != (i >= 0) {
					t.Errorf("%s: component %d (on cycle %v), want %d", code, g, got.OnCycle(code), i)
				}
			}
		})
	}
}

func TestStronglyConnectedHandChecked(t *testing.T) {
	// components.csv, see testdata/README.md.
	got := routes.StronglyConnected(testgraphs.LegGraph(t, "components"))
	want := [][]string{{"BR", "GF", "SR"}, {"LA", "TH"}, {"NE", "NG"}}
	if !slices.EqualFunc(got.Components, want, slices.Equal) || got.Countries != 7 {
		t.Errorf("got %v (%d countries), want %v (7)", got.Components, got.Countries, want)
	}
	for code, comp := range map[string]int{"BR": 0, "TH": 1, "NG": 2, "RO": -1, "MM": -1, "FR": -1, "XX": -1} {
		if g := got.Component(code); g != comp {
			t.Errorf("%s: component %d, want %d", code, g, comp)
		}
	}
}

// TestStronglyConnectedTrim: trimming the countries that lie on no cycle
// before the library runs changes nothing: the components are those the
// library finds on the whole graph, on sparse and dense random graphs
// (from none to two components of more than one country).
func TestStronglyConnectedTrim(t *testing.T) {
	for _, size := range []struct{ n, records int }{{6, 5}, {20, 15}, {20, 60}, {60, 40}, {60, 400}} {
		for seed := range uint64(10) {
			lg := randomFlows(t, seed, size.n, size.records)
			all, err := dgraph.StronglyConnectedComponents(lg.Graph())
			if err != nil {
				t.Fatal(err)
			}
			want := [][]string{}
			for _, c := range all {
				if len(c) > 1 {
					want = append(want, slices.Sorted(slices.Values(c)))
				}
			}
			slices.SortFunc(want, func(a, b []string) int {
				if len(a) != len(b) {
					return len(b) - len(a)
				}
				return strings.Compare(a[0], b[0])
			})
			if got := routes.StronglyConnected(lg).Components; !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("%d countries, %d records, seed %d: got %v, want %v", size.n, size.records, seed, got, want)
			}
		}
	}
}

// TestCyclesInHubsAndSummary: Hubs marks the countries on a cycle, and
// Summarize carries the components, as NetworkX finds them; with no cycle
// the JSON lists no component (an empty list, not null).
func TestCyclesInHubsAndSummary(t *testing.T) {
	for _, tc := range []struct{ name, json string }{
		{"components", `{"components":[["BR","GF","SR"],["LA","TH"],["NE","NG"]],"countries_on_cycles":7}`},
		{"toc2010", `{"components":[],"countries_on_cycles":0}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lg := testgraphs.LegGraph(t, tc.name)
			ref := testgraphs.Load(t, tc.name)
			hubs, err := routes.Hubs(context.Background(), lg, routes.ByTransit, routes.ByHops)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hubs {
				want := slices.ContainsFunc(ref.StronglyConnectedComponents, func(c []string) bool {
					return len(c) > 1 && slices.Contains(c, h.Country)
				})
				if h.OnCycle != want {
					t.Errorf("hub %s: on cycle %v, want %v", h.Country, h.OnCycle, want)
				}
			}
			b, err := json.Marshal(routes.Summarize(lg).Cycles)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tc.json {
				t.Errorf("summary strongly_connected: got %s, want %s", b, tc.json)
			}
		})
	}
}

func ExampleStronglyConnected() {
	// Victims move NG -> LY -> IT, some are sent back IT -> LY, and others
	// go NG -> NE: LY and IT lie on a cycle of routes.
	ds := &graph.Dataset{Flows: []graph.Flow{
		{ID: "a", Origin: "NG", Destination: "IT", Via: []string{"LY"}, Victims: 50},
		{ID: "b", Origin: "IT", Destination: "LY", Victims: 3},
		{ID: "c", Origin: "NG", Destination: "NE", Victims: 10},
	}}
	lg, _ := graph.NewLegGraph(ds, graph.Filter{})
	c := routes.StronglyConnected(lg)
	fmt.Println(c.Components, c.Countries, c.OnCycle("NG"), c.Component("IT"))
	// Output: [[IT LY]] 2 false 0
}
