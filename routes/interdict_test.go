package routes_test

import (
	"context"
	"slices"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// bruteForce returns the most victims any set of at most k transit
// countries disrupts, evaluating every subset with Divert.
func bruteForce(t *testing.T, lg *graph.LegGraph, cands []string, k int, opt routes.DivertOptions) int {
	best := 0
	var rec func(set []string, start int)
	rec = func(set []string, start int) {
		opt.Remove = set
		d, err := routes.Divert(context.Background(), lg, opt)
		if err != nil {
			t.Fatal(err)
		}
		best = max(best, int(d.Disrupted))
		if len(set) == k {
			return
		}
		for i := start; i < len(cands); i++ {
			rec(append(slices.Clone(set), cands[i]), i+1)
		}
	}
	rec(nil, 0)
	return best
}

func TestInterdictBruteForce(t *testing.T) {
	for seed := range uint64(40) {
		lg := randomFlows(t, seed, 9, 20+int(seed%3)*10)
		var cands []string
		for c := range routes.TransitVolume(lg) {
			cands = append(cands, c)
		}
		slices.Sort(cands)
		for _, k := range []int{1, 2, 3} {
			disp := []float64{1, 0.5, 0.3}[seed%3]
			cost := routes.Cost(seed % 2)
			want := bruteForce(t, lg, cands, k, routes.DivertOptions{Displacement: disp, Cost: cost})
			opt := routes.InterdictOptions{K: k, Displacement: disp, Cost: cost}
			got, err := routes.Interdict(context.Background(), lg, opt)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Exact || int(got.Disrupted) != want || len(got.Removed) > k {
				t.Errorf("seed %d k %d: %+v, want disrupted %d", seed, k, got, want)
			}
			// The gains add up to the total, and the set is minimal.
			var sum graph.Count
			for i, g := range got.Gains {
				sum += g.Gain
				without := slices.Delete(slices.Clone(got.Removed), i, i+1)
				d, _ := routes.Divert(context.Background(), lg, routes.DivertOptions{Remove: without, Displacement: disp, Cost: cost})
				if d.Disrupted >= got.Disrupted {
					t.Errorf("seed %d k %d: %s not needed in %v", seed, k, g.Country, got.Removed)
				}
			}
			if sum != got.Disrupted || got.Affected != got.Rerouted+got.Deterred+got.Disrupted {
				t.Errorf("seed %d k %d: gains %+v, totals %+v", seed, k, got.Gains, got)
			}
			// Forced greedy: never above the optimum, bound never below.
			opt.MaxSubsets = 1
			g, err := routes.Interdict(context.Background(), lg, opt)
			if err != nil {
				t.Fatal(err)
			}
			if g.Exact || int(g.Disrupted) > want || int(g.Bound) < want || g.Method == "" {
				t.Errorf("seed %d k %d: greedy %+v, optimum %d", seed, k, g, want)
			}
		}
	}
}

func TestInterdictHandMade(t *testing.T) {
	tests := []struct {
		name  string
		specs []string
		k     int
		want  []string
		disr  int
	}{
		// T and U only cut A->D together; V alone disrupts 7.
		{"pair beats single", []string{"A>T>D:10", "A>U>D:5", "B>V>C:7"}, 2, []string{"T", "U"}, 15},
		{"single", []string{"A>T>D:10", "A>U>D:5", "B>V>C:7"}, 1, []string{"V"}, 7},
		{"nothing to cut", []string{"A>T>D:10", "A>D:5"}, 2, []string{}, 0},
		// Greedy order of the gains: W first (8), then T+U only add as a pair.
		{"gains order", []string{"A>T>D:10", "A>U>D:5", "B>W>C:8"}, 3, []string{"W", "T", "U"}, 23},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := routes.Interdict(context.Background(), flows(t, tc.specs...), routes.InterdictOptions{K: tc.k, Displacement: 1})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Removed, tc.want) || int(got.Disrupted) != tc.disr {
				t.Errorf("removed %v disrupting %d (%s), want %v and %d", got.Removed, got.Disrupted, got.Method, tc.want, tc.disr)
			}
		})
	}
	if _, err := routes.Interdict(context.Background(), flows(t, "A>T>D:1"), routes.InterdictOptions{K: 0}); err == nil {
		t.Error("k 0: no error")
	}
}
