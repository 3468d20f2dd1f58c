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

// FlowRows name countries by their place in Codes; the numbers of one
// call hold in the next, and a List taken earlier is left as it was.
func TestFlowRowsNumberCountries(t *testing.T) {
	var codes Codes
	first := FlowRows([]graph.Flow{{ID: "a", Origin: "NG", Destination: "IT", Via: []string{"NE", "LY"}}}, 0, &codes)
	before := codes.List()
	second := FlowRows([]graph.Flow{{ID: "b", Origin: "LY", Destination: "ES", Via: []string{"NG"}}}, 1, &codes)
	list := codes.List()
	if fmt.Sprint(before) != "[NG IT]" || fmt.Sprint(list) != "[NG IT LY ES]" {
		t.Fatalf("codes %v then %v, want [NG IT] then [NG IT LY ES]", before, list)
	}
	for _, tc := range []struct {
		row  any
		want string
	}{{first[0], "NG IT NG>NE>LY>IT"}, {second[0], "LY ES LY>NG>ES"}} {
		r := tc.row.([]any)
		got := fmt.Sprint(list[r[RowOriginAt].(int)], " ", list[r[RowDestinationAt].(int)], " ", r[RowRoute])
		if got != tc.want {
			t.Errorf("row %v names %s, want %s", r[RowID], got, tc.want)
		}
	}
}

// TestRowFields: the names of a flow row's values are as many as its
// places (the script export writes them above its rows).
func TestRowFields(t *testing.T) {
	if len(RowFields) != rowLen || RowFields[RowDestinationAt] != "destination_at" || RowFields[RowGroups] != "groups" {
		t.Errorf("RowFields %v do not match the Row* places (%d)", RowFields, rowLen)
	}
}
