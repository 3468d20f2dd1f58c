package routes_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes"
)

// flows builds a leg graph from records written "A>B>C:10" (route:victims)
// or "A>B>C:10:land" (one vector for every leg), with no filter.
func flows(t testing.TB, specs ...string) *graph.LegGraph {
	t.Helper()
	return flowsFiltered(t, graph.Filter{}, specs...)
}

func flowsFiltered(t testing.TB, flt graph.Filter, specs ...string) *graph.LegGraph {
	t.Helper()
	ds := &graph.Dataset{Name: "test"}
	for i, s := range specs {
		parts := strings.Split(s, ":")
		path := strings.Split(parts[0], ">")
		v, err := strconv.Atoi(parts[1])
		if err != nil {
			t.Fatalf("spec %q: %v", s, err)
		}
		vec := graph.VectorUnknown
		if len(parts) > 2 {
			if vec, err = graph.ParseVector(parts[2]); err != nil {
				t.Fatal(err)
			}
		}
		f := graph.Flow{ID: strconv.Itoa(i), Origin: path[0], Destination: path[len(path)-1], Via: path[1 : len(path)-1], Victims: v, Period: graph.Year(2006)}
		for range len(path) - 1 {
			f.Vectors = append(f.Vectors, vec)
		}
		ds.Flows = append(ds.Flows, f)
	}
	lg, err := graph.NewLegGraph(ds, flt)
	if err != nil {
		t.Fatal(err)
	}
	return lg
}

func checkSums(t *testing.T, d *routes.Diversion) {
	t.Helper()
	if d.Affected != d.Rerouted+d.Deterred+d.Disrupted {
		t.Errorf("affected %d != rerouted %d + deterred %d + disrupted %d", d.Affected, d.Rerouted, d.Deterred, d.Disrupted)
	}
	var moved, deterred graph.Count
	for _, r := range d.Reroutes {
		moved += r.Victims
		deterred += r.Deterred
	}
	if moved != d.Rerouted+d.Disrupted || deterred != d.Deterred {
		t.Errorf("reroutes move %d and deter %d, want %d and %d", moved, deterred, d.Rerouted+d.Disrupted, d.Deterred)
	}
	// Transit after = before - affected victims on old vias + rerouted
	// victims on new vias: the deltas sum to that.
	var sum graph.Count
	for _, c := range d.Countries {
		if c.TransitAfter != c.TransitBefore+c.Delta || c.TransitAfter < 0 {
			t.Errorf("country %+v", c)
		}
		sum += c.Delta
	}
	var want graph.Count
	for _, r := range d.Reroutes {
		want -= (r.Victims + r.Deterred) * graph.Count(len(r.OldPath)-2)
		if r.NewPath != nil {
			want += r.Victims * graph.Count(len(r.NewPath)-2)
		}
	}
	if sum != want {
		t.Errorf("transit deltas sum to %d, want %d", sum, want)
	}
}

func reroutesText(d *routes.Diversion) []string {
	var out []string
	for _, r := range d.Reroutes {
		np := "-"
		if r.NewPath != nil {
			np = strings.Join(r.NewPath, ">")
		}
		out = append(out, fmt.Sprintf("%s=%s:%d/%d", strings.Join(r.OldPath, ">"), np, r.Victims, r.Deterred))
	}
	return out
}

func TestDivert(t *testing.T) {
	tests := []struct {
		name   string
		lg     *graph.LegGraph
		opt    routes.DivertOptions
		want   [4]int // affected, rerouted, deterred, disrupted
		routes []string
		// transit after for some countries
		after map[string]int
	}{
		{
			name: "alternative",
			lg:   flows(t, "A>T>D:10", "A>U>D:5"),
			opt:  routes.DivertOptions{Remove: []string{"T"}, Displacement: 1},
			want: [4]int{10, 10, 0, 0}, routes: []string{"A>T>D=A>U>D:10/0"},
			after: map[string]int{"T": 0, "U": 15},
		},
		{
			name: "no alternative",
			lg:   flows(t, "A>T>D:10", "A>X:3", "X>Y:2"),
			opt:  routes.DivertOptions{Remove: []string{"T"}, Displacement: 1},
			want: [4]int{10, 0, 0, 10}, routes: []string{"A>T>D=-:10/0"},
		},
		{
			name: "one of two",
			lg:   flows(t, "A>T>D:10", "A>U>D:5"),
			opt:  routes.DivertOptions{Remove: []string{"U"}, Displacement: 1},
			want: [4]int{5, 5, 0, 0}, routes: []string{"A>U>D=A>T>D:5/0"},
		},
		{
			name: "only together",
			lg:   flows(t, "A>T>D:10", "A>U>D:5"),
			opt:  routes.DivertOptions{Remove: []string{"U", "T"}, Displacement: 1},
			want: [4]int{15, 0, 0, 15}, routes: []string{"A>T>D=-:10/0", "A>U>D=-:5/0"},
			after: map[string]int{"T": 0, "U": 0},
		},
		{
			// 3 × 0.5 = 1.5 -> 2 and 5 × 0.5 = 2.5 -> 2 (half to even).
			name: "displacement half",
			lg:   flows(t, "A>T>D:3", "A>T>D:5", "A>U>D:1"),
			opt:  routes.DivertOptions{Remove: []string{"T"}, Displacement: 0.5},
			want: [4]int{8, 4, 4, 0}, routes: []string{"A>T>D=A>U>D:4/4"},
			after: map[string]int{"U": 5},
		},
		{
			name: "displacement half, disrupted",
			lg:   flows(t, "A>T>D:7", "B>T>D:1"),
			opt:  routes.DivertOptions{Remove: []string{"T"}, Displacement: 0.5},
			want: [4]int{8, 0, 4, 4}, routes: []string{"A>T>D=-:4/3", "B>T>D=-:0/1"},
		},
		{
			name: "displacement zero",
			lg:   flows(t, "A>T>D:7", "A>U>D:1"),
			opt:  routes.DivertOptions{Remove: []string{"T"}},
			want: [4]int{7, 0, 7, 0}, after: map[string]int{"U": 1},
		},
		{
			name: "removed origin is not affected",
			lg:   flows(t, "T>X>D:10", "A>D:1"),
			opt:  routes.DivertOptions{Remove: []string{"T", "D"}, Displacement: 1},
			want: [4]int{0, 0, 0, 0},
		},
		{
			name: "removed country also blocks transit for others",
			lg:   flows(t, "A>T>D:10", "A>U>D:5", "A>U>W>D:1", "U>W:1"),
			opt:  routes.DivertOptions{Remove: []string{"T", "W"}, Displacement: 1},
			want: [4]int{11, 11, 0, 0}, routes: []string{"A>T>D=A>U>D:10/0", "A>U>W>D=A>U>D:1/0"},
			after: map[string]int{"U": 16, "W": 0},
		},
		{
			name: "longer route through a closed country's neighbour",
			lg:   flows(t, "A>T>D:10", "A>B:1", "B>C:1", "C>D:1"),
			opt:  routes.DivertOptions{Remove: []string{"T"}, Displacement: 1},
			want: [4]int{10, 10, 0, 0}, routes: []string{"A>T>D=A>B>C>D:10/0"},
			after: map[string]int{"B": 10, "C": 10},
		},
		{
			// By hops A>D wins; by victims A>V>W>D (legs of 50) wins.
			name: "by victims",
			lg:   flows(t, "A>T>D:10", "A>D:1", "A>V>W>D:50"),
			opt:  routes.DivertOptions{Remove: []string{"T"}, Displacement: 1, Cost: routes.ByVictims},
			want: [4]int{10, 10, 0, 0}, routes: []string{"A>T>D=A>V>W>D:10/0"},
		},
		{
			name: "by hops",
			lg:   flows(t, "A>T>D:10", "A>D:1", "A>V>W>D:50"),
			opt:  routes.DivertOptions{Remove: []string{"T"}, Displacement: 1},
			want: [4]int{10, 10, 0, 0}, routes: []string{"A>T>D=A>D:10/0"},
		},
		{
			// Ties go to the lower country code.
			name: "tie by code",
			lg:   flows(t, "A>T>D:10", "A>Y>D:1", "A>X>D:1"),
			opt:  routes.DivertOptions{Remove: []string{"T"}, Displacement: 1},
			want: [4]int{10, 10, 0, 0}, routes: []string{"A>T>D=A>X>D:10/0"},
		},
		{
			// The air alternative is not in the land-only leg graph.
			name: "vector filter",
			lg: flowsFiltered(t, graph.Filter{Vector: ptr(graph.Land)},
				"A>T>D:10:land", "A>U>D:5:air", "A>V>W>D:2:land"),
			opt:  routes.DivertOptions{Remove: []string{"T"}, Displacement: 1},
			want: [4]int{10, 10, 0, 0}, routes: []string{"A>T>D=A>V>W>D:10/0"},
		},
		{
			name: "vector filter, no land route",
			lg:   flowsFiltered(t, graph.Filter{Vector: ptr(graph.Land)}, "A>T>D:10:land", "A>U>D:5:air"),
			opt:  routes.DivertOptions{Remove: []string{"T"}, Displacement: 1},
			want: [4]int{10, 0, 0, 10},
		},
		{
			name: "domestic record falls back on the domestic leg",
			lg:   flows(t, "A>T>A:4", "A>A:1"),
			opt:  routes.DivertOptions{Remove: []string{"T"}, Displacement: 1},
			want: [4]int{4, 4, 0, 0}, routes: []string{"A>T>A=A>A:4/0"},
		},
		{
			name: "unknown country changes nothing",
			lg:   flows(t, "A>T>D:10"),
			opt:  routes.DivertOptions{Remove: []string{"ZZ"}, Displacement: 1},
			want: [4]int{0, 0, 0, 0},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := routes.Divert(context.Background(), tc.lg, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			got := [4]int{int(d.Affected), int(d.Rerouted), int(d.Deterred), int(d.Disrupted)}
			if got != tc.want {
				t.Errorf("affected, rerouted, deterred, disrupted = %v, want %v", got, tc.want)
			}
			if tc.routes != nil && !slices.Equal(reroutesText(d), tc.routes) {
				t.Errorf("reroutes %q, want %q", reroutesText(d), tc.routes)
			}
			for c, want := range tc.after {
				i := slices.IndexFunc(d.Countries, func(x routes.TransitChange) bool { return x.Country == c })
				got := 0
				if i >= 0 {
					got = int(d.Countries[i].TransitAfter)
				}
				if got != want {
					t.Errorf("transit after of %s = %d, want %d (%+v)", c, got, want, d.Countries)
				}
			}
			checkSums(t, d)
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestDivertErrors(t *testing.T) {
	lg := flows(t, "A>T>D:10")
	for _, opt := range []routes.DivertOptions{
		{Displacement: -0.1}, {Displacement: 1.5}, {Displacement: 1, Capacity: -1},
	} {
		if _, err := routes.Divert(context.Background(), lg, opt); err == nil {
			t.Errorf("%+v: no error", opt)
		}
	}
}

func TestDivertCapacity(t *testing.T) {
	tests := []struct {
		name       string
		lg         *graph.LegGraph
		capacity   float64
		want       [4]int
		byCapacity int
		routes     []string
	}{
		{
			// U's legs carry 5, capped at 10: room for 5 of the 10.
			name: "overflow", lg: flows(t, "A>T>D:10", "A>U>D:5"), capacity: 2,
			want: [4]int{10, 5, 0, 5}, byCapacity: 5, routes: []string{"A>T>D=-:5/0", "A>T>D=A>U>D:5/0"},
		},
		{
			name: "room for all", lg: flows(t, "A>T>D:10", "A>U>D:5"), capacity: 3,
			want: [4]int{10, 10, 0, 0}, routes: []string{"A>T>D=A>U>D:10/0"},
		},
		{
			// The short route takes 4 (cap 2 × 4 - 4), the long one 6.
			name: "split over two routes", lg: flows(t, "A>T>D:10", "A>U>D:4", "A>V>W>D:6"), capacity: 2,
			want: [4]int{10, 10, 0, 0}, routes: []string{"A>T>D=A>V>W>D:6/0", "A>T>D=A>U>D:4/0"},
		},
		{
			name: "no path is not capacity", lg: flows(t, "A>T>D:10"), capacity: 2,
			want: [4]int{10, 0, 0, 10}, routes: []string{"A>T>D=-:10/0"},
		},
		{
			// Freed capacity: the affected record's own leg A>X is free
			// again for its reroute A>X>D.
			name: "freed legs", lg: flows(t, "A>X>T>D:10", "X>D:1"), capacity: 1,
			want: [4]int{10, 0, 0, 10}, byCapacity: 10,
		},
		{
			name: "freed legs, room", lg: flows(t, "A>X>T>D:10", "X>D:10"), capacity: 2,
			want: [4]int{10, 10, 0, 0}, routes: []string{"A>X>T>D=A>X>D:10/0"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := routes.Divert(context.Background(), tc.lg, routes.DivertOptions{Remove: []string{"T"}, Displacement: 1, Capacity: tc.capacity})
			if err != nil {
				t.Fatal(err)
			}
			got := [4]int{int(d.Affected), int(d.Rerouted), int(d.Deterred), int(d.Disrupted)}
			if got != tc.want || int(d.DisruptedByCapacity) != tc.byCapacity {
				t.Errorf("affected, rerouted, deterred, disrupted = %v (by capacity %d), want %v (%d)", got, d.DisruptedByCapacity, tc.want, tc.byCapacity)
			}
			if tc.routes != nil && !slices.Equal(reroutesText(d), tc.routes) {
				t.Errorf("reroutes %q, want %q", reroutesText(d), tc.routes)
			}
			checkSums(t, d)
		})
	}
}

// randomFlows makes a random dataset of n countries with records of 0-3
// vias, for brute-force comparisons.
func randomFlows(t testing.TB, seed uint64, n, records int) *graph.LegGraph {
	rng := rand.New(rand.NewPCG(seed, 7))
	code := func(i int) string { return string(rune('A'+i/26)) + string(rune('A'+i%26)) }
	var specs []string
	for range records {
		path := []string{code(rng.IntN(n))}
		for range rng.IntN(4) {
			path = append(path, code(rng.IntN(n)))
		}
		path = append(path, code(rng.IntN(n)))
		specs = append(specs, fmt.Sprintf("%s:%d", strings.Join(path, ">"), 1+rng.IntN(20)))
	}
	return flows(t, specs...)
}

// TestDivertCapacityUnlimited: with capacities far above the flows, the
// capacity mode gives the totals of the plain mode.
func TestDivertCapacityUnlimited(t *testing.T) {
	for seed := range uint64(20) {
		lg := randomFlows(t, seed, 8, 25)
		tr := routes.TransitVolume(lg)
		for c := range tr {
			opt := routes.DivertOptions{Remove: []string{c}, Displacement: 0.5}
			a, err := routes.Divert(context.Background(), lg, opt)
			if err != nil {
				t.Fatal(err)
			}
			opt.Capacity = 1000
			b, err := routes.Divert(context.Background(), lg, opt)
			if err != nil {
				t.Fatal(err)
			}
			if a.Affected != b.Affected || a.Rerouted != b.Rerouted || a.Disrupted != b.Disrupted || b.DisruptedByCapacity != 0 {
				t.Errorf("seed %d remove %s: plain %+v, capacity %+v", seed, c, a, b)
			}
			checkSums(t, b)
		}
	}
}

func TestDivertEach(t *testing.T) {
	for seed := range uint64(10) {
		lg := randomFlows(t, seed, 10, 30)
		opt := routes.DivertOptions{Displacement: 0.7, Cost: routes.Cost(seed % 2)}
		sweep, err := routes.DivertEach(context.Background(), lg, opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(sweep) != len(routes.TransitVolume(lg)) {
			t.Fatalf("seed %d: %d entries for %d transit countries", seed, len(sweep), len(routes.TransitVolume(lg)))
		}
		for i, s := range sweep {
			if i > 0 {
				p := sweep[i-1]
				if p.Disrupted < s.Disrupted || (p.Disrupted == s.Disrupted && (p.Rerouted < s.Rerouted || (p.Rerouted == s.Rerouted && p.Country > s.Country))) {
					t.Errorf("seed %d: not ranked at %d: %+v after %+v", seed, i, s, p)
				}
			}
			opt.Remove = []string{s.Country}
			d, err := routes.Divert(context.Background(), lg, opt)
			if err != nil {
				t.Fatal(err)
			}
			if d.Affected != s.Affected || d.Rerouted != s.Rerouted || d.Deterred != s.Deterred || d.Disrupted != s.Disrupted {
				t.Errorf("seed %d %s: sweep %+v, divert %+v", seed, s.Country, s, d)
			}
			ben, gain := "", graph.Count(0)
			for _, c := range d.Countries {
				if c.Delta > gain || (c.Delta == gain && gain > 0 && c.Country < ben) {
					ben, gain = c.Country, c.Delta
				}
			}
			if ben != s.Beneficiary || gain != s.BeneficiaryGain {
				t.Errorf("seed %d %s: beneficiary %s %+d, want %s %+d", seed, s.Country, s.Beneficiary, s.BeneficiaryGain, ben, gain)
			}
		}
	}
}

func TestDivertEachCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := routes.DivertEach(ctx, randomFlows(t, 1, 10, 30), routes.DivertOptions{Displacement: 1}); err == nil {
		t.Error("no error after cancel")
	}
}

// TestWhatIfReused: one WhatIf answers the sweep and then any diversion
// exactly as DivertEach and Divert do on their own.
func TestWhatIfReused(t *testing.T) {
	lg := toc2010LegGraph(t)
	ctx := context.Background()
	w, err := routes.NewWhatIf(lg, 0.5, routes.ByVictims)
	if err != nil {
		t.Fatal(err)
	}
	each, err := w.Each(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := routes.DivertEach(ctx, lg, routes.DivertOptions{Displacement: 0.5, Cost: routes.ByVictims})
	if err != nil || !reflect.DeepEqual(each, want) {
		t.Errorf("sweep differs (%v)", err)
	}
	for _, remove := range [][]string{{"UA"}, {"SR", "RU"}, {"LY"}} {
		for _, capacity := range []float64{0, 1.5} {
			got, err := w.Divert(ctx, remove, capacity)
			if err != nil {
				t.Fatal(err)
			}
			want, err := routes.Divert(ctx, lg, routes.DivertOptions{Remove: remove, Displacement: 0.5, Cost: routes.ByVictims, Capacity: capacity})
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("remove %v, capacity %v: the reused WhatIf differs (%v)", remove, capacity, err)
			}
		}
	}
	if _, err := routes.NewWhatIf(lg, 1.5, routes.ByHops); err == nil {
		t.Error("displacement 1.5: no error")
	}
}

// TestDivertLimit: a limit keeps the largest reroutes and counts the
// others; the totals do not change.
func TestDivertLimit(t *testing.T) {
	ds, err := ingest.Load(context.Background(), "builtin:toc2010")
	if err != nil {
		t.Fatal(err)
	}
	q := routes.DivertQuery{DivertOptions: routes.DivertOptions{Remove: []string{"UA", "RU"}, Displacement: 1}}
	full, err := q.Run(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	q.Limit = 1
	capped, err := q.Run(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	f, c := full.(*routes.DivertResult), capped.(*routes.DivertResult)
	if len(f.Reroutes) < 2 {
		t.Fatalf("%d reroutes: the test needs two or more", len(f.Reroutes))
	}
	var rest, restDeterred graph.Count
	for _, r := range f.Reroutes[1:] {
		rest += r.Victims
		restDeterred += r.Deterred
	}
	want := routes.ReroutesLeftOut{Rows: len(f.Reroutes) - 1, Victims: rest, Deterred: restDeterred}
	if len(c.Reroutes) != 1 || !reflect.DeepEqual(c.Reroutes[0], f.Reroutes[0]) || c.ReroutesLeftOut == nil || *c.ReroutesLeftOut != want || c.Affected != f.Affected {
		t.Errorf("limit 1: %d reroutes, left out %+v (want %+v), affected %d (want %d)", len(c.Reroutes), c.ReroutesLeftOut, want, c.Affected, f.Affected)
	}
}
