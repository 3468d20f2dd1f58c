package groups_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/graph/privacy/privacytest"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// operated is a dataset of groups that each operate flows to IT from the
// origins given with their victims ("NG:3").
func operated(flows map[string][]string) *graph.Dataset {
	ds := &graph.Dataset{Name: "t"}
	for _, g := range []string{"g1", "g2", "g3", "g4"} {
		ds.Groups = append(ds.Groups, graph.Group{ID: g})
		ds.Members = append(ds.Members, graph.Person{Group: g, ID: g + "-a", Role: graph.Recruiter, Nationality: "NG"})
		for i, f := range flows[g] {
			var origin string
			var n int
			fmt.Sscanf(f, "%2s:%d", &origin, &n)
			ds.Flows = append(ds.Flows, graph.Flow{ID: fmt.Sprintf("%s-%d", g, i), Origin: origin, Destination: "IT", Victims: n, Groups: []string{g}})
		}
	}
	return ds
}

// TestResultSuppress: under --min-count K no victim count of a group
// from 1 to K-1 is shown, and no hidden count of a group's victims by
// origin is its victims minus the shown origins.
func TestResultSuppress(t *testing.T) {
	ds := operated(map[string][]string{
		"g1": {"NG:3", "GH:40", "BJ:50"}, // NG hidden, then GH with it
		"g2": {"NG:7"},                   // the group's victims are small
		"g3": {"NG:30", "GH:2"},          // the one other origin goes too
		"g4": {"NG:30", "GH:20"},         // nothing small
	})
	tests := []struct {
		k    int
		want map[string]string // group: victims, origins as the table shows them
	}{
		{0, map[string]string{"g1": "93 BJ 50, GH 40, NG 3", "g2": "7 NG 7", "g3": "32 NG 30, GH 2", "g4": "50 NG 30, GH 20"}},
		{10, map[string]string{"g1": "93 BJ 50, GH -, NG -", "g2": "- NG -", "g3": "32 NG -, GH -", "g4": "50 NG 30, GH 20"}},
		{25, map[string]string{"g1": "93 BJ 50, GH -, NG -", "g2": "- NG -", "g3": "32 NG -, GH -", "g4": "50 NG -, GH -"}},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint("K=", tc.k), func(t *testing.T) {
			res, err := groups.Query{}.Run(context.Background(), ds)
			if err != nil {
				t.Fatal(err)
			}
			privacy.Policy{K: tc.k}.Apply(res)
			privacytest.Small(t, res, tc.k)
			checkGroups(t, res, tc.want)
		})
	}
}

// checkGroups compares each group's victims and victims by origin ("93
// BJ 50, GH -, NG -", "-" when hidden) with want, and checks that no
// hidden origin is the group's victims minus the shown ones.
func checkGroups(t *testing.T, res *groups.Result, want map[string]string) {
	t.Helper()
	for _, g := range res.Groups {
		parts := make([]graph.Count, len(g.VictimOrigins))
		got := show(g.Victims) + " "
		for i, o := range g.VictimOrigins {
			parts[i] = o.Count
			if i > 0 {
				got += ", "
			}
			got += o.Country + " " + show(o.Count)
		}
		privacytest.Sum(t, g.ID, g.Victims, parts...)
		if got != want[g.ID] {
			t.Errorf("%s: got %q, want %q", g.ID, got, want[g.ID])
		}
	}
}

func show(c graph.Count) string {
	if c.IsHidden() {
		return "-"
	}
	return fmt.Sprint(int64(c))
}

func TestQueryCheck(t *testing.T) {
	ds := operated(nil)
	tests := []struct {
		name   string
		q      groups.Query
		option string // "" when valid
	}{
		{"all", groups.Query{}, ""},
		{"one", groups.Query{Group: " g2 ", Brokers: 1}, ""},
		{"negative brokers", groups.Query{Brokers: -1}, "brokers"},
		{"blank group", groups.Query{Group: "  "}, "group"},
		{"unknown group", groups.Query{Group: "g9"}, "group"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := tc.q.Run(context.Background(), ds)
			var oe *graph.OptionError
			switch {
			case tc.option == "" && err != nil:
				t.Fatal(err)
			case tc.option != "" && (!errors.As(err, &oe) || oe.Option != tc.option):
				t.Fatalf("got %v, want an option error about %s", err, tc.option)
			case tc.option == "" && tc.q.Group != "" && (len(res.Groups) != 1 || res.Group != "g2"):
				t.Errorf("group %q: got %q with %d groups", tc.q.Group, res.Group, len(res.Groups))
			}
			if tc.name == "unknown group" && !errors.Is(err, groups.ErrUnknown) {
				t.Errorf("%v does not wrap ErrUnknown", err)
			}
		})
	}
}

// TestResultSuppressShared: groups that operate the same flow record.
// g-a runs only f (5 victims from NG, hidden); g-b runs f and g (100 from
// GH); g-c runs g and h (50 from GH). g-b's victims hold f, which g-a's
// hidden cells hold, so they are hidden (and g-b's own complement then
// has nothing to do: its GH 100 holds no hidden record and stays); g-c
// shares only g, which no hidden cell holds, and is untouched.
func TestResultSuppressShared(t *testing.T) {
	ds := &graph.Dataset{Name: "t", Groups: []graph.Group{{ID: "g-a"}, {ID: "g-b"}, {ID: "g-c"}}, Flows: []graph.Flow{
		{ID: "f", Origin: "NG", Destination: "IT", Victims: 5, Groups: []string{"g-a", "g-b"}},
		{ID: "g", Origin: "GH", Destination: "IT", Victims: 100, Groups: []string{"g-b", "g-c"}},
		{ID: "h", Origin: "GH", Destination: "IT", Victims: 50, Groups: []string{"g-c"}},
	}}
	want := map[string]string{"g-a": "- NG -", "g-b": "- GH 100, NG -", "g-c": "150 GH 150"}
	res, err := groups.Query{}.Run(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	st := privacy.Policy{K: 10}.Apply(res)
	privacytest.Small(t, res, 10)
	checkGroups(t, res, want)
	if st.Secondary != 1 {
		t.Errorf("%d hidden by complement, want 1 (g-b's victims)", st.Secondary)
	}
}
