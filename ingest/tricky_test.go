package ingest

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/tipgraph/tipgraph/graph/graphtest"
)

// TestTricky: graphtest.TrickyCSV reads as graphtest.Tricky, the dataset
// the store tests load: the same records, groups, members and ties, the
// same countries (their names and places are the country library's), and
// the countries.csv row as written.
func TestTricky(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, text := range graphtest.TrickyCSV {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	got, err := LoadFS(context.Background(), fsys, "tricky")
	if err != nil {
		t.Fatal(err)
	}
	want := graphtest.Tricky()
	if !reflect.DeepEqual(got.Flows, want.Flows) {
		t.Errorf("flows:\n got %+v\nwant %+v", got.Flows, want.Flows)
	}
	if got.Name != want.Name {
		t.Errorf("name %q, want %q", got.Name, want.Name)
	}
	graphtest.SameGroups(t, got, want)
	if g, w := slices.Sorted(maps.Keys(got.Countries)), slices.Sorted(maps.Keys(want.Countries)); !slices.Equal(g, w) {
		t.Errorf("countries %v, want %v", g, w)
	}
	if got.Countries["ZZ"] != want.Countries["ZZ"] {
		t.Errorf("ZZ: got %+v, want %+v", got.Countries["ZZ"], want.Countries["ZZ"])
	}
}
