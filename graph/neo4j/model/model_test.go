package model

import (
	"fmt"
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

// FlowRows put each value at its place: the route key, the vectors as
// texts, the seq from the offset, and no groups list for a flow that
// names none.
func TestFlowRowsPlaces(t *testing.T) {
	rows := FlowRows([]graph.Flow{
		{ID: "a", Origin: "NG", Destination: "IT", Via: []string{"NE", "LY"}, Vectors: []graph.Vector{graph.Land, graph.Sea}, Victims: 3,
			Period: graph.Period{From: 2004, To: 2006}, Form: graph.Labour, Source: "s", Groups: []string{"g1"}},
		{ID: "b", Origin: "LY", Destination: "ES", Victims: 1}}, 7)
	for i, want := range []string{
		"[a 7 NG>NE>LY>IT [land sea] 3 2004 2006 labour detected s [g1]]",
		"[b 8 LY>ES [] 1 0 0 unknown detected  <nil>]",
	} {
		if got := fmt.Sprint(rows[i]); got != want {
			t.Errorf("row %d = %v, want %s", i, rows[i], want)
		}
	}
}

// TestRowFields: the names of a flow row's values are as many as its
// places (the script export writes them above its rows).
func TestRowFields(t *testing.T) {
	if len(RowFields) != rowLen || RowFields[RowVectors] != "vectors" || RowFields[RowGroups] != "groups" {
		t.Errorf("RowFields %v do not match the Row* places (%d)", RowFields, rowLen)
	}
}
