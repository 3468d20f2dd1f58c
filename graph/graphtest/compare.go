package graphtest

import (
	"reflect"
	"slices"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
)

// SameDataset fails unless got holds the same records (in order) and
// countries as want.
func SameDataset(t *testing.T, got, want *graph.Dataset) {
	t.Helper()
	if got.Name != want.Name {
		t.Errorf("name %q, want %q", got.Name, want.Name)
	}
	if len(got.Flows) != len(want.Flows) {
		t.Fatalf("%d flows, want %d", len(got.Flows), len(want.Flows))
	}
	for i := range want.Flows {
		if !reflect.DeepEqual(normal(got.Flows[i]), normal(want.Flows[i])) {
			t.Errorf("flow %d:\n got %+v\nwant %+v", i, got.Flows[i], want.Flows[i])
		}
	}
	for code, c := range want.Countries {
		if got.Countries[code] != c {
			t.Errorf("country %s: got %+v, want %+v", code, got.Countries[code], c)
		}
	}
	for _, f := range want.Flows {
		if f.Source == Injection && !slices.ContainsFunc(got.Flows, func(g graph.Flow) bool { return g.Source == Injection }) {
			t.Errorf("the source %q did not come back as text", Injection)
		}
	}
	SameGroups(t, got, want)
	SameAccounting(t, got, want)
}

// SameAccounting fails unless got says what want says of the input rows
// beside its records: set aside, censored, indicators, names to review.
func SameAccounting(t *testing.T, got, want *graph.Dataset) {
	t.Helper()
	if !reflect.DeepEqual(got.SetAside, want.SetAside) {
		t.Errorf("set aside:\n got %+v\nwant %+v", got.SetAside, want.SetAside)
	}
	if got.Censored != want.Censored {
		t.Errorf("censored: got %+v, want %+v", got.Censored, want.Censored)
	}
	if !reflect.DeepEqual(got.Indicators, want.Indicators) {
		t.Errorf("indicators:\n got %+v\nwant %+v", got.Indicators, want.Indicators)
	}
	if !reflect.DeepEqual(got.NameMatches, want.NameMatches) {
		t.Errorf("names to review:\n got %+v\nwant %+v", got.NameMatches, want.NameMatches)
	}
}

// SameGroups fails unless got holds the same groups, members and ties
// as want, in order (nil and empty country lists alike).
func SameGroups(t *testing.T, got, want *graph.Dataset) {
	t.Helper()
	if len(got.Groups) != len(want.Groups) || len(got.Members) != len(want.Members) || len(got.Ties) != len(want.Ties) {
		t.Fatalf("%d groups, %d members, %d ties; want %d, %d, %d",
			len(got.Groups), len(got.Members), len(got.Ties), len(want.Groups), len(want.Members), len(want.Ties))
	}
	for i, w := range want.Groups {
		g := got.Groups[i]
		if len(g.Countries) == 0 && len(w.Countries) == 0 {
			g.Countries = w.Countries
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("group %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	for i := range want.Members {
		if got.Members[i] != want.Members[i] {
			t.Errorf("member %d:\n got %+v\nwant %+v", i, got.Members[i], want.Members[i])
		}
	}
	for i := range want.Ties {
		if got.Ties[i] != want.Ties[i] {
			t.Errorf("tie %d:\n got %+v\nwant %+v", i, got.Ties[i], want.Ties[i])
		}
	}
}

// normal makes nil and empty slices compare equal.
func normal(f graph.Flow) graph.Flow {
	if len(f.Via) == 0 {
		f.Via = nil
	}
	if len(f.Groups) == 0 {
		f.Groups = nil
	}
	return f
}
