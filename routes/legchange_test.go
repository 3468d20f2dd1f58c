package routes_test

import (
	"context"
	"slices"
	"testing"

	"github.com/tipgraph/tipgraph/routes"
)

// TestLegChanges checks the net leg changes of diversions computed by
// hand from their reroutes.
func TestLegChanges(t *testing.T) {
	tests := []struct {
		name   string
		flows  []string
		remove []string
		disp   float64
		want   []routes.LegChange
	}{
		{
			// Half of BR>SR>NL's 35 victims move to the direct leg (15 + 2,
			// round half to even), 18 are deterred: the old legs lose all
			// 35, the direct leg gains 17.
			name: "suriname closes", flows: []string{"BR>SR>NL:30", "BR>NL:10", "BR>SR>NL:5", "BR>GF>FR:20"},
			remove: []string{"SR"}, disp: 0.5,
			want: []routes.LegChange{{"BR", "NL", 17}, {"BR", "SR", -35}, {"SR", "NL", -35}},
		},
		{
			// NG>LY>IT (40) goes round by NG>NE>TN>IT: NG>NE and TN>IT
			// are on no old path, so they gain the 40.
			name: "new path beside the old", flows: []string{"NG>LY>IT:40", "NG>NE>TN:5", "TN>IT:1"},
			remove: []string{"LY"}, disp: 1,
			want: []routes.LegChange{{"LY", "IT", -40}, {"NE", "TN", 40}, {"NG", "LY", -40}, {"NG", "NE", 40}, {"TN", "IT", 40}},
		},
		{
			// A leg on both the old and the new path keeps its victims:
			// with AT closed, RO>HU>AT>DE (10) becomes RO>HU>DE, so RO>HU
			// changes by 0.
			name: "shared leg", flows: []string{"RO>HU>AT>DE:10", "HU>DE:3"},
			remove: []string{"AT"}, disp: 1,
			want: []routes.LegChange{{"AT", "DE", -10}, {"HU", "AT", -10}, {"HU", "DE", 10}, {"RO", "HU", 0}},
		},
		{
			// No other path: the victims are disrupted; the old legs
			// lose them and no leg gains.
			name: "disrupted", flows: []string{"VN>CN>RU:7"},
			remove: []string{"CN"}, disp: 1,
			want: []routes.LegChange{{"CN", "RU", -7}, {"VN", "CN", -7}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := routes.Divert(context.Background(), flows(t, tc.flows...), routes.DivertOptions{Remove: tc.remove, Displacement: tc.disp})
			if err != nil {
				t.Fatal(err)
			}
			if got := d.LegChanges(); !slices.Equal(got, tc.want) {
				t.Errorf("got %v\nwant %v", got, tc.want)
			}
		})
	}
}
