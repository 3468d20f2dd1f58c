package routes_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/internal/testgraphs"
)

func TestReachable(t *testing.T) {
	// components.csv, see testdata/README.md.
	lg := testgraphs.LegGraph(t, "components")
	for from, want := range map[string][]string{
		"NG": {"BR", "FR", "GF", "NE", "SR"}, // NG -> NE -> BR -> SR -> GF -> FR; NG itself via NE is not listed
		"MM": {"LA", "TH"},
		"RO": {"IT"}, // RO -> RO is not listed
		"FR": nil,
		"XX": nil,
	} {
		if got := routes.Reachable(lg.Index, from); !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", from, got, want)
		}
	}
}

// TestReachableMatchesNetworkX: To is reachable from From exactly when
// nx.shortest_simple_paths found a path, for every reference pair.
func TestReachableMatchesNetworkX(t *testing.T) {
	for _, name := range testgraphs.Names(t) {
		ref := testgraphs.Load(t, name)
		lg := testgraphs.LegGraph(t, name)
		for _, pc := range ref.Paths {
			if got, want := slices.Contains(routes.Reachable(lg.Index, pc.From), pc.To), len(pc.Hops) > 0; got != want {
				t.Errorf("%s: %s reaches %s: got %v, want %v", name, pc.From, pc.To, got, want)
			}
		}
	}
}

// TestNoPathExplained: the error of KPaths says why no path leads there.
func TestNoPathExplained(t *testing.T) {
	tests := []struct {
		graph, from, to string
		via             []string
		want            string
	}{
		{"components", "MM", "NG", nil, "no path from MM to NG in the filtered leg graph: the legs from MM lead to 2 countries (LA TH), not NG"},
		{"components", "FR", "NG", nil, "no path from FR to NG in the filtered leg graph: no leg leads from FR to another country"},
		{"components", "XX", "NG", nil, "no path from XX to NG in the filtered leg graph: XX has no leg under this filter"},
		{"components", "NG", "XX", nil, "no path from NG to XX in the filtered leg graph: XX has no leg under this filter"},
		{"components", "NG", "FR", []string{"ZZ"}, "no path from NG to FR in the filtered leg graph: ZZ has no leg under this filter"},
		{"components", "NG", "FR", []string{"TH"}, "no path from NG to FR in the filtered leg graph: the only path from NG to FR does not pass through TH"},
		{"components", "RO", "FR", []string{"TH"}, "no path from RO to FR in the filtered leg graph: the legs from RO lead to 1 country (IT), not FR"},
		// NL lies beyond DE: none of the 36 loopless NG -> DE paths (NetworkX's
		// all_simple_paths) reaches it first.
		{"cycle_ties", "NG", "DE", []string{"NL"}, "no path from NG to DE in the filtered leg graph: none of the 36 paths from NG to DE passes through NL"},
	}
	for _, tc := range tests {
		t.Run(tc.from+"-"+tc.to, func(t *testing.T) {
			lg := testgraphs.LegGraph(t, tc.graph)
			_, err := routes.KPaths(context.Background(), lg.Index, tc.from, tc.to, 3, routes.ByHops, tc.via...)
			var np *routes.NoPathError
			if !errors.As(err, &np) || err.Error() != tc.want {
				t.Errorf("got %v\nwant %s", err, tc.want)
			}
		})
	}
}

func ExampleReachable() {
	// From Brazil the legs lead through Suriname and French Guiana to the
	// Netherlands and France; from France only to the Netherlands.
	fmt.Println(routes.Reachable(brazilToEurope().Index, "BR"))
	fmt.Println(routes.Reachable(brazilToEurope().Index, "FR"))
	_, err := routes.KPaths(context.Background(), brazilToEurope().Index, "FR", "BR", 1, routes.ByHops)
	fmt.Println(err)
	// Output:
	// [FR GF NL SR]
	// [NL]
	// no path from FR to BR in the filtered leg graph: the legs from FR lead to 1 country (NL), not BR
}
