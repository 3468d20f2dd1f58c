package ingest

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
)

// TestJSONKeys: the keys of the JSON document are the CSV columns, so
// that the columns are declared once (FlowColumns, countryCols,
// GroupColumns, MemberColumns, TieColumns) and the struct tags of the
// writer follow them.
func TestJSONKeys(t *testing.T) {
	for _, tc := range []struct {
		name string
		typ  any
		cols []string
	}{
		{"flows", jsonFlow{}, FlowColumns[:]},
		{"countries", graph.Country{}, countryCols},
		{"groups", jsonGroup{}, GroupColumns},
		{"members", jsonMember{}, MemberColumns},
		{"ties", jsonTie{}, TieColumns},
	} {
		typ := reflect.TypeOf(tc.typ)
		var keys []string
		for i := range typ.NumField() {
			key, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			keys = append(keys, key)
		}
		if !slices.Equal(keys, tc.cols) {
			t.Errorf("%s: JSON keys %v, columns %v", tc.name, keys, tc.cols)
		}
	}
}
