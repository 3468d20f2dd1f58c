package estimate_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes/estimate"
)

// The UK 2013 table (testdata/README.md) with the default settings:
// the Home Office published 10,000 to 13,000.
func TestMSEUK2013(t *testing.T) {
	c, err := ingest.ReadCapturesFile("testdata/uk-2013-six-lists.csv")
	if err != nil {
		t.Fatal(err)
	}
	r, err := estimate.MSE(context.Background(), c, estimate.MSEOptions{Method: estimate.MSEStepwise, PThresh: estimate.DefaultPThresh, Bootstrap: 1000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Known != 2744 || r.Total < 10000 || r.Total > 13000 {
		t.Errorf("known %d, total %.0f: want 2744 and 10,000 to 13,000", r.Known, r.Total)
	}
	if r.Interval == nil || r.Interval[0] >= r.Total || r.Interval[1] <= r.Total {
		t.Errorf("interval %v does not bracket %.0f", r.Interval, r.Total)
	}
	if float64(r.MainEffectsTotal) <= float64(r.Known) || len(r.Model) == 0 {
		t.Errorf("main effects total %.0f, model %v", r.MainEffectsTotal, r.Model)
	}
	for _, s := range r.Steps {
		if slices.Contains(r.Model, s.Pair) && s.Observed == 0 {
			t.Errorf("added %s with no overlap", s.Pair)
		}
	}
}

// Two lists under main effects: the Lincoln-Petersen estimate n1 n2 / m.
func TestMSELincolnPetersen(t *testing.T) {
	// n1 = 60 + 40 = 100, n2 = 80 + 40 = 120, m = 40: 100 x 120 / 40 = 300.
	c := &graph.Captures{Lists: []string{"A", "B"}, Counts: []int{0, 60, 80, 40}}
	for _, m := range []estimate.MSEMethod{estimate.MSEMain, estimate.MSEStepwise} {
		r, err := estimate.MSE(context.Background(), c, estimate.MSEOptions{Method: m, PThresh: 0.02})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := float64(r.Total), 300.0; math.Abs(got-want) > 1e-6 {
			t.Errorf("%s: got %v, want %v", m, got, want)
		}
		if got, want := float64(r.Dark), 60.0*80/40; math.Abs(got-want) > 1e-6 {
			t.Errorf("%s: dark got %v, want %v", m, got, want)
		}
	}
	// No overlap: no finite estimate.
	c.Counts[3] = 0
	if _, err := estimate.MSE(context.Background(), c, estimate.MSEOptions{Method: estimate.MSEMain}); !errors.Is(err, estimate.ErrNoFiniteEstimate) {
		t.Errorf("no overlap: got %v, want ErrNoFiniteEstimate", err)
	}
}

// TestMSELevels: intervals at higher levels contain those at lower ones
// (same replicates), the level is reported, levels outside 0.5-0.999 are
// refused, and a limit that rests on the last few replicates gets a note.
func TestMSELevels(t *testing.T) {
	c := &graph.Captures{Lists: []string{"A", "B"}, Counts: []int{0, 60, 80, 40}}
	var prev *[2]graph.Share
	for _, level := range []float64{0.5, 0.8, 0.9, 0.95, 0.99} {
		r, err := estimate.MSE(context.Background(), c, estimate.MSEOptions{Method: estimate.MSEMain, Bootstrap: 2000, Seed: 7, Level: level})
		if err != nil {
			t.Fatal(err)
		}
		if r.Level != level || r.Interval == nil || r.Interval[0] >= r.Total || r.Interval[1] <= r.Total {
			t.Fatalf("level %v: reported %v, interval %v around %v", level, r.Level, r.Interval, r.Total)
		}
		if prev != nil && (r.Interval[0] > prev[0] || r.Interval[1] < prev[1]) {
			t.Errorf("level %v: interval %v does not contain the previous level's %v", level, *r.Interval, *prev)
		}
		prev = r.Interval
		if level <= 0.95 && len(r.Notes) != len(estimate.MSENotes) {
			t.Errorf("level %v of 2,000 replicates: unexpected notes %v", level, r.Notes[len(estimate.MSENotes):])
		}
	}
	r, err := estimate.MSE(context.Background(), c, estimate.MSEOptions{Method: estimate.MSEMain})
	if err != nil || r.Level != estimate.DefaultMSELevel {
		t.Errorf("default level %v (%v), want %v", r.Level, err, estimate.DefaultMSELevel)
	}
	for _, bad := range []float64{0.3, 1, math.NaN()} {
		if _, err := estimate.MSE(context.Background(), c, estimate.MSEOptions{Method: estimate.MSEMain, Level: bad}); !errors.Is(err, estimate.ErrBadLevel) {
			t.Errorf("level %v: got %v, want ErrBadLevel", bad, err)
		}
	}
	// 99.9% from 100 replicates: both limits rest on the extremes.
	r, err = estimate.MSE(context.Background(), c, estimate.MSEOptions{Method: estimate.MSEMain, Bootstrap: 100, Seed: 7, Level: 0.999})
	if err != nil {
		t.Fatal(err)
	}
	if extra := r.Notes[len(estimate.MSENotes):]; len(extra) != 2 || !strings.Contains(extra[0], "The lower limit") || !strings.Contains(extra[1], "The upper limit") {
		t.Errorf("notes on extreme limits: %q", extra)
	}
	if len(estimate.MSENotes) != 2 {
		t.Errorf("the shared notes were changed: %d", len(estimate.MSENotes))
	}
}

// simulate draws the capture histories of n victims on four lists with
// the capture probabilities p; a victim on list 0 is on list 1 with
// probability dep instead of p[1] (a dependent pair).
func simulate(rng *rand.Rand, n int, p []float64, dep float64) *graph.Captures {
	c := &graph.Captures{Lists: []string{"A", "B", "C", "D"}, Counts: make([]int, 16)}
	for range n {
		m := 0
		for i, pi := range p {
			if i == 1 && m&1 != 0 {
				pi = dep
			}
			if rng.Float64() < pi {
				m |= 1 << i
			}
		}
		c.Counts[m]++
	}
	c.Counts[0] = 0
	return c
}

// Simulated lists with a known population: the interval covers the truth
// in most runs, and the stepwise rule finds the dependent pair.
func TestMSESimulated(t *testing.T) {
	const n, runs = 3000, 10
	covered, found := 0, 0
	for seed := range uint64(runs) {
		c := simulate(rand.New(rand.NewPCG(seed, 7)), n, []float64{0.2, 0.1, 0.15, 0.25}, 0.4)
		r, err := estimate.MSE(context.Background(), c, estimate.MSEOptions{Method: estimate.MSEStepwise, PThresh: 0.02, Bootstrap: 200, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		if float64(r.Interval[0]) <= n && n <= float64(r.Interval[1]) {
			covered++
		} else {
			t.Logf("seed %d: total %.0f, interval %.0f, model %v", seed, r.Total, *r.Interval, r.Model)
		}
		if slices.Contains(r.Model, "A*B") {
			found++
		}
	}
	if covered < 8 {
		t.Errorf("the interval covered the true %d in %d of %d runs: want at least 8", n, covered, runs)
	}
	if found < 8 {
		t.Errorf("the dependent pair A*B was chosen in %d of %d runs", found, runs)
	}
}

func TestParseMSEModel(t *testing.T) {
	lists := []string{"LA", "NG", "PF", "GO"}
	for _, tc := range []struct {
		spec   string
		method estimate.MSEMethod
		pairs  [][2]int
		bad    bool
	}{
		{"", estimate.MSEStepwise, nil, false},
		{"main", estimate.MSEMain, nil, false},
		{"pf*go, la:ng", estimate.MSEFixed, [][2]int{{0, 1}, {2, 3}}, false},
		{"NG*LA", estimate.MSEFixed, [][2]int{{0, 1}}, false},
		{"LA*XX", "", nil, true},
		{"LA*LA", "", nil, true},
		{"LA", "", nil, true},
		{"LA*NG,NG*LA", "", nil, true},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			m, p, err := estimate.ParseMSEModel(tc.spec, lists)
			if tc.bad {
				if !errors.Is(err, estimate.ErrBadModel) {
					t.Errorf("got %v, want ErrBadModel", err)
				}
				return
			}
			if err != nil || m != tc.method || !slices.Equal(p, tc.pairs) {
				t.Errorf("got %v %v %v, want %v %v", m, p, err, tc.method, tc.pairs)
			}
		})
	}
}

// The fits agree with an independent IRLS in numpy
// (testdata/reference.py).
func TestMSEReference(t *testing.T) {
	var ref struct {
		Known int
		Main  struct{ Dark, Total, AIC float64 }
		Fixed struct {
			Model     []string
			Dark, AIC float64
		}
		Stepwise struct {
			Model            []string
			Dark, Total, AIC float64
		}
	}
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	c, err := ingest.ReadCapturesFile("testdata/uk-2013-six-lists.csv")
	if err != nil {
		t.Fatal(err)
	}
	_, pairs, err := estimate.ParseMSEModel(strings.Join(ref.Fixed.Model, ","), c.Lists)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		opts      estimate.MSEOptions
		model     []string
		dark, aic float64
	}{
		{"main", estimate.MSEOptions{Method: estimate.MSEMain}, nil, ref.Main.Dark, ref.Main.AIC},
		{"fixed", estimate.MSEOptions{Method: estimate.MSEFixed, Pairs: pairs}, ref.Fixed.Model, ref.Fixed.Dark, ref.Fixed.AIC},
		{"stepwise", estimate.MSEOptions{Method: estimate.MSEStepwise, PThresh: 0.02}, ref.Stepwise.Model, ref.Stepwise.Dark, ref.Stepwise.AIC},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := estimate.MSE(context.Background(), c, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(float64(r.Dark)-tc.dark) > 1e-6*tc.dark || math.Abs(r.AIC-tc.aic) > 1e-6 || !slices.Equal(r.Model, append([]string{}, tc.model...)) {
				t.Errorf("got dark %v aic %v model %v, want %v %v %v", r.Dark, r.AIC, r.Model, tc.dark, tc.aic, tc.model)
			}
			if math.Abs(float64(r.MainEffectsTotal)-ref.Main.Total) > 1e-6*ref.Main.Total {
				t.Errorf("main effects total %v, want %v", r.MainEffectsTotal, ref.Main.Total)
			}
		})
	}
}

// The stepwise rule never adds a pair with no overlap, however small its
// p-value, and a fixed model with one has no estimate.
func TestMSEChecks(t *testing.T) {
	// Cells by mask (A=1, B=2, C=4): A and B never overlap.
	c := &graph.Captures{Lists: []string{"A", "B", "C"}, Counts: []int{0, 100, 100, 0, 100, 50, 50, 0}}
	r, err := estimate.MSE(context.Background(), c, estimate.MSEOptions{Method: estimate.MSEStepwise, PThresh: 0.02})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(r.Model, "A*B") {
		t.Errorf("model %v has A*B", r.Model)
	}
	skipped := false
	for _, s := range r.Steps {
		skipped = skipped || s.Pair == "A*B" && s.P < 0.02 && s.Skipped != ""
	}
	if !skipped {
		t.Errorf("A*B not reported as skipped: %+v", r.Steps)
	}
	_, err = estimate.MSE(context.Background(), c, estimate.MSEOptions{Method: estimate.MSEFixed, Pairs: [][2]int{{0, 1}}})
	if !errors.Is(err, estimate.ErrNoFiniteEstimate) {
		t.Errorf("fixed A*B: got %v, want ErrNoFiniteEstimate", err)
	}
	// Two lists and their two-list effect: four parameters for three
	// cells, not identifiable; stepwise never tries it.
	two := &graph.Captures{Lists: []string{"A", "B"}, Counts: []int{0, 10, 10, 50}}
	_, err = estimate.MSE(context.Background(), two, estimate.MSEOptions{Method: estimate.MSEFixed, Pairs: [][2]int{{0, 1}}})
	if !errors.Is(err, estimate.ErrNoFiniteEstimate) || !strings.Contains(err.Error(), "identifiable") {
		t.Errorf("two lists with A*B: got %v, want not identifiable", err)
	}
	r, err = estimate.MSE(context.Background(), two, estimate.MSEOptions{Method: estimate.MSEStepwise, PThresh: 1})
	if err != nil || len(r.Model) != 0 {
		t.Errorf("stepwise on two lists: %v %v", r, err)
	}
}
