package model

import (
	"testing"

	"github.com/tipgraph/tipgraph/graph"
)

// RouteKey joins a record's countries in route order, codes of two and
// three letters alike.
func TestRouteKey(t *testing.T) {
	for _, tc := range []struct {
		f    graph.Flow
		want string
	}{
		{graph.Flow{Origin: "NG", Destination: "IT", Via: []string{"NE", "LY"}}, "NG>NE>LY>IT"},
		{graph.Flow{Origin: "RO", Destination: "RO"}, "RO>RO"},
		{graph.Flow{Origin: "ZZZ", Destination: "ES", Via: []string{"MA"}}, "ZZZ>MA>ES"},
	} {
		if got := RouteKey(tc.f.Path()); got != tc.want {
			t.Errorf("RouteKey(%v) = %q, want %q", tc.f.Path(), got, tc.want)
		}
	}
}
