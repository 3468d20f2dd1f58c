package groups_test

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// periodsReference is testdata/periods.json, written by
// testdata/networkx_periods.py.
type periodsReference struct {
	Periods []struct {
		Period      string             `json:"period"`
		Ties        int                `json:"ties"`
		Active      int                `json:"active"`
		Betweenness map[string]float64 `json:"betweenness"`
		Rise        *string            `json:"rise"`
		Fall        *string            `json:"fall"`
	} `json:"periods"`
}

func loadCalls(t *testing.T) *graph.Dataset {
	t.Helper()
	ds, err := ingest.Load(context.Background(), filepath.Join("testdata", "calls.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestBrokersOverTimeNetworkX: each year's weighted betweenness of the
// dated calls equals NetworkX's within 1e-9 for every person, the ranks
// follow it, and who rose and fell most since the year before is who
// NetworkX's values say.
func TestBrokersOverTimeNetworkX(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "periods.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref periodsReference
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	tl, err := groups.BrokersOverTime(context.Background(), loadCalls(t), "calls", groups.TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Periods) != len(ref.Periods) || !tl.Weighted || tl.Dated == 0 || tl.Undated != 0 {
		t.Fatalf("%d periods (weighted %v, %d dated, %d undated), want %d weighted periods", len(tl.Periods), tl.Weighted, tl.Dated, tl.Undated, len(ref.Periods))
	}
	series := map[string]groups.BrokerSeries{}
	for _, s := range tl.Brokers {
		series[s.Person] = s
	}
	for i, want := range ref.Periods {
		got := tl.Periods[i]
		if got.Period.String() != want.Period || got.Ties != want.Ties || got.Active != want.Active || got.Method != "exact" {
			t.Errorf("period %d: %+v, want %s with %d ties, %d active", i, got, want.Period, want.Ties, want.Active)
		}
		var brokers []string
		for p, v := range want.Betweenness {
			s, ok := series[p]
			if v > 0 && !ok {
				t.Errorf("%s: %s (%g) is not followed", want.Period, p, v)
			}
			if ok && math.Abs(s.Betweenness[i]-v) > 1e-9 {
				t.Errorf("%s: %s %.12g, NetworkX %.12g", want.Period, p, s.Betweenness[i], v)
			}
			if v > 1e-12 {
				brokers = append(brokers, p)
			}
		}
		// NetworkX's order, values equal to 1e-12 by person id.
		round := func(p string) float64 { return math.Round(want.Betweenness[p] * 1e12) }
		slices.SortFunc(brokers, func(a, b string) int { return cmp.Or(cmp.Compare(round(b), round(a)), strings.Compare(a, b)) })
		for r, p := range brokers {
			if got := series[p].Rank[i]; got != r+1 {
				t.Errorf("%s: %s rank %d, NetworkX order %d", want.Period, p, got, r+1)
			}
		}
		moved := func(m *groups.Move) *string {
			if m == nil {
				return nil
			}
			return &m.Person
		}
		if i > 0 && (!samePtr(moved(got.Rise), want.Rise) || !samePtr(moved(got.Fall), want.Fall)) {
			t.Errorf("%s: rise %+v fall %+v, NetworkX %v %v", want.Period, got.Rise, got.Fall, deref(want.Rise), deref(want.Fall))
		}
	}
}

func samePtr(a, b *string) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// TestBrokersOverTimeIsYears: each period's brokers are those of the
// group's report with --years P; --brokers N follows exactly the first N
// of every period; the filter's period keeps the periods inside it.
func TestBrokersOverTimeIsYears(t *testing.T) {
	ctx := context.Background()
	ds := loadCalls(t)
	for _, unweighted := range []bool{false, true} {
		tl, err := groups.Query{Group: " calls ", Brokers: 2, ByPeriod: true, Unweighted: unweighted}.Timeline(ctx, ds)
		if err != nil {
			t.Fatal(err)
		}
		if tl.Weighted == unweighted {
			t.Errorf("unweighted %v: weighted %v", unweighted, tl.Weighted)
		}
		want := map[string]bool{}
		for i, pb := range tl.Periods {
			reps, err := groups.Reports(ctx, ds, groups.Options{Group: "calls", Period: pb.Period, Unweighted: unweighted})
			if err != nil {
				t.Fatal(err)
			}
			at := map[string]float64{}
			for r, b := range reps[0].Brokers {
				at[b.Person] = b.Betweenness
				if r < 2 {
					want[b.Person] = true
				}
			}
			if pb.Ties != reps[0].Ties {
				t.Errorf("%s: %d ties, report %d", pb.Period, pb.Ties, reps[0].Ties)
			}
			for _, s := range tl.Brokers {
				if s.Betweenness[i] != at[s.Person] {
					t.Errorf("%s: %s %g, report %g", pb.Period, s.Person, s.Betweenness[i], at[s.Person])
				}
				if s.Rank[i] > 0 && reps[0].Brokers[s.Rank[i]-1].Person != s.Person {
					t.Errorf("%s: %s rank %d, report has %s there", pb.Period, s.Person, s.Rank[i], reps[0].Brokers[s.Rank[i]-1].Person)
				}
			}
		}
		var got []string
		for _, s := range tl.Brokers {
			got = append(got, s.Person)
		}
		slices.Sort(got)
		if w := slicesSorted(want); !slices.Equal(got, w) {
			t.Errorf("followed %v, want the top 2 of each period %v", got, w)
		}
	}
	tl, err := groups.Query{Group: "calls", ByPeriod: true, Filter: graph.Filter{Period: graph.Period{From: 2009, To: 2010}}}.Timeline(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Periods) != 2 || tl.Periods[0].Period != graph.Year(2009) || tl.Periods[0].Rise != nil || tl.Within == nil {
		t.Errorf("--years 2009-2010: %+v", tl.Periods)
	}
}

func slicesSorted(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestBrokersOverTimeUndated: a group without dated ties has no period;
// an unknown group and a query without --group are option errors.
func TestBrokersOverTimeUndated(t *testing.T) {
	ctx := context.Background()
	ds, err := ingest.Load(ctx, filepath.Join("testdata", "cells24.csv"))
	if err != nil {
		t.Fatal(err)
	}
	tl, err := groups.BrokersOverTime(ctx, ds, "cells24", groups.TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Periods) != 0 || len(tl.Brokers) != 0 || tl.Undated == 0 || tl.Dated != 0 {
		t.Errorf("undated matrix: %+v", tl)
	}
	for _, q := range []groups.Query{{ByPeriod: true}, {Group: "nobody", ByPeriod: true}, {Group: "cells24", ByPeriod: true, Disrupt: 1}} {
		var oe *graph.OptionError
		if _, err := q.Timeline(ctx, ds); !errors.As(err, &oe) {
			t.Errorf("%+v: %v, want an option error", q, err)
		}
	}
}

// TestRemoveMembers: --remove gives each removed member's gain in the
// order given, adding up to F (the exhaustive optimum of weighted.json for
// this pair, 0.17316...), and every member once, removed first.
func TestRemoveMembers(t *testing.T) {
	res, err := groups.Query{Group: "calls", Remove: []string{"p06", "p09", "p06"}}.Run(context.Background(), loadCalls(t))
	if err != nil {
		t.Fatal(err)
	}
	d := res.Groups[0].Disruption
	if len(d.Gains) != 2 || d.Gains[0].Person != "p06" || d.Gains[1].Fragmentation != d.Fragmentation ||
		math.Abs(d.Gains[0].Gain+d.Gains[1].Gain-d.Fragmentation) > 1e-12 || math.Abs(d.Fragmentation-0.17316017316017318) > 1e-12 {
		t.Fatalf("gains %+v, F %g", d.Gains, d.Fragmentation)
	}
	if len(d.Members) != 24 || d.Members[0].Removed != 1 || d.Members[1].Person != "p09" || d.Members[2].Removed != 0 {
		t.Fatalf("members %+v", d.Members[:3])
	}
	sizes := map[int]int{}
	for _, m := range d.Members[2:] {
		if m.Fragment < 1 || m.FragmentSize != len(d.Fragments[m.Fragment-1]) || !slices.Contains(d.Fragments[m.Fragment-1], m.Person) {
			t.Errorf("%+v: not in fragment %d %v", m, m.Fragment, d.Fragments)
		}
		sizes[m.Fragment]++
	}
	for i, f := range d.Fragments {
		if sizes[i+1] != len(f) {
			t.Errorf("fragment %d: %d members listed, %d in it", i+1, sizes[i+1], len(f))
		}
	}
	for _, b := range d.Brokers {
		for _, m := range d.Members {
			if m.Person == b.Person && (m.Before != b.Before || m.After != b.After) {
				t.Errorf("%s: member %+v, broker %+v", b.Person, m, b)
			}
		}
	}
}
