package estimate

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mathext"

	"github.com/tipgraph/tipgraph/graph"
)

// MSEMethod is how the two-list effects of the model are chosen.
type MSEMethod string

// The methods of MSE.
const (
	MSEStepwise MSEMethod = "stepwise"
	MSEMain     MSEMethod = "main"
	MSEFixed    MSEMethod = "fixed"
)

// DefaultPThresh is the p-value threshold of the stepwise rule, as in
// Chan, Silverman and Vincent (2019).
const DefaultPThresh = 0.02

// MSEOptions says how MSE fits and bootstraps.
type MSEOptions struct {
	Method MSEMethod
	// Pairs are the two-list effects of MSEFixed (list indices).
	Pairs [][2]int
	// PThresh is the threshold of MSEStepwise.
	PThresh float64
	// Bootstrap is the number of replicates (0: no interval); Seed seeds
	// them.
	Bootstrap int
	Seed      uint64
	// Level is the confidence level of the interval, between 0.5 and
	// 0.999 (0: 0.95).
	Level float64
}

// DefaultMSELevel is the interval's level when MSEOptions.Level is 0.
const DefaultMSELevel = 0.95

// ParseMSEModel reads a model: "stepwise", "main", or two-list effects
// "A*B,C*D" naming the lists of lists (case-insensitive; ":" also joins a
// pair). It returns the method and, for a fixed model, the pairs in the
// order of lists.
func ParseMSEModel(spec string, lists []string) (MSEMethod, [][2]int, error) {
	s := strings.TrimSpace(spec)
	switch strings.ToLower(s) {
	case "", "stepwise":
		return MSEStepwise, nil, nil
	case "main":
		return MSEMain, nil, nil
	}
	idx := func(name string) int {
		return slices.IndexFunc(lists, func(l string) bool { return strings.EqualFold(l, strings.TrimSpace(name)) })
	}
	var pairs [][2]int
	for part := range strings.SplitSeq(s, ",") {
		a, b, ok := strings.Cut(strings.ReplaceAll(part, ":", "*"), "*")
		if !ok {
			return "", nil, fmt.Errorf("%w: %q is not a pair LIST*LIST", ErrBadModel, strings.TrimSpace(part))
		}
		i, j := idx(a), idx(b)
		switch {
		case i < 0 || j < 0:
			return "", nil, fmt.Errorf("%w: %q: the lists are %s", ErrBadModel, strings.TrimSpace(part), strings.Join(lists, ", "))
		case i == j:
			return "", nil, fmt.Errorf("%w: %q pairs a list with itself", ErrBadModel, strings.TrimSpace(part))
		}
		if i > j {
			i, j = j, i
		}
		if slices.Contains(pairs, [2]int{i, j}) {
			return "", nil, fmt.Errorf("%w: %q given twice", ErrBadModel, strings.TrimSpace(part))
		}
		pairs = append(pairs, [2]int{i, j})
	}
	slices.SortFunc(pairs, func(x, y [2]int) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	return MSEFixed, pairs, nil
}

// MSEStep is one candidate two-list effect considered by the stepwise
// rule at the step it was added or the rule stopped.
type MSEStep struct {
	Pair  string `json:"pair"`
	lists [2]int
	// Observed is the victims on both lists (a victim count); Expected
	// what the current model fits for them and P the p-value of the two.
	Observed graph.Count `json:"observed"`
	Expected graph.Share `json:"expected"`
	P        graph.Share `json:"p"`
	// Skipped says why an effect with p below the threshold was not added.
	Skipped string `json:"skipped,omitempty"`
}

// MSEResult is a multiple systems estimate.
type MSEResult struct {
	Lists []string `json:"lists"`
	// Known is the victims on at least one list; Dark the fitted count of
	// the unobserved cell; Total = Known + Dark.
	Known graph.Count `json:"known"`
	Dark  graph.Share `json:"dark"`
	Total graph.Share `json:"total"`
	// Interval is the BCa bootstrap interval of Total at Level (nil
	// without bootstrap).
	Interval *[2]graph.Share `json:"interval"`
	Level    float64         `json:"level"`
	Method   MSEMethod       `json:"method"`
	PThresh  float64         `json:"pthresh,omitempty"`
	// Model is the two-list effects of the fitted model, "LA*NG".
	Model []string `json:"model"`
	AIC   float64  `json:"aic"`
	// MainEffectsTotal is the total under main effects only.
	MainEffectsTotal graph.Share `json:"main_effects_total"`
	// DetectionRate is Known / Total.
	DetectionRate graph.Share `json:"detection_rate"`
	// Steps is the stepwise trace: each effect added, then the candidates
	// skipped by the checks, then the best one left (p >= PThresh).
	Steps []MSEStep `json:"steps,omitempty"`
	// Bootstrap replicates, their seed, how many gave no estimate, and the
	// BCa bias correction z0 and acceleration a.
	Bootstrap    int      `json:"bootstrap"`
	Seed         uint64   `json:"seed"`
	Failed       int      `json:"bootstrap_failed"`
	BiasZ0       float64  `json:"bca_z0"`
	Acceleration float64  `json:"bca_acceleration"`
	Notes        []string `json:"notes"`
	// SeedDetectionRate is the seed's 1 in 20, to compare.
	SeedDetectionRate float64 `json:"seed_detection_rate"`
	// File names the table the lists came from (for the reader).
	File string `json:"-"`
}

// MSENotes are the assumptions every multiple systems estimate rests on.
var MSENotes = []string{
	"These are estimates under assumptions, not counts: a closed population (nobody enters or leaves during the period the lists cover), homogeneity within strata (every victim of a group equally likely to be on a list), lists whose dependence the model captures through its two-list effects, and cases matched without error across lists.",
	"Model: Poisson log-linear model of the observed cells fitted by maximum likelihood; the dark figure is the fitted count of the cell of no list. Interval: BCa bootstrap (multinomial resampling of the observed cases, the model chosen again in every replicate), Chan, Silverman and Vincent (2019).",
}

// MSE estimates the victims no list recorded by multiple systems
// estimation (Chan, Silverman and Vincent 2019, arXiv 1902.05156): a
// Poisson log-linear model of the 2^t - 1 observed cells of c with main
// effects and the two-list effects of opts.Method; the dark figure is
// exp(intercept).
//
// MSEStepwise starts from main effects and repeatedly adds the two-list
// effect whose overlap total (the victims on both lists) has the smallest
// Poisson p-value, min(P(X <= n), P(X >= n)) for X Poisson with the mean
// the current model fits, while it is below opts.PThresh (ties: the first
// pair in list order). An effect is never added when (1) its lists share
// no victim, (2) the design would lose full column rank (not
// identifiable), or (3) the linear-programming test of Fienberg and
// Rinaldo (2012) shows the estimate would not exist. Fixed and main models
// must pass (2) and (3) too, else ErrNoFiniteEstimate.
//
// With opts.Bootstrap > 0 the BCa interval of the total at opts.Level
// (default 95%) is computed from that many multinomial resamples of the
// Known cases (the model is chosen again in each) and a grouped jackknife
// for the acceleration
// (Chan et al. section 3.3, DiCiccio and Efron 1996). Replicates without
// an estimate are dropped and counted in Failed.
//
// Cost: each fit is O(I 2^t p^2) for p = 1 + t + pairs parameters and I
// IRLS iterations; stepwise makes at most t(t-1)/2 steps; the bootstrap
// repeats the whole choice B + 2^t times. c must pass c.Check.
func MSE(ctx context.Context, c *graph.Captures, opts MSEOptions) (*MSEResult, error) {
	if err := c.Check(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoFiniteEstimate, err)
	}
	level := opts.Level
	if level == 0 {
		level = DefaultMSELevel
	}
	if math.IsNaN(level) || level < 0.5 || level > 0.999 {
		return nil, fmt.Errorf("%w: %v", ErrBadLevel, opts.Level)
	}
	y := observed(c)
	main, err := fitMSE(len(c.Lists), y, MSEOptions{Method: MSEMain}, nil)
	if err != nil {
		return nil, err
	}
	var steps []MSEStep
	f := main
	if opts.Method != MSEMain {
		if f, err = fitMSE(len(c.Lists), y, opts, &steps); err != nil {
			return nil, err
		}
	}
	known := c.Known()
	res := &MSEResult{
		Lists: c.Lists, Known: graph.Count(known), Dark: graph.Share(f.fit.dark()), Level: level,
		Method: opts.Method, Model: []string{}, AIC: f.fit.aic,
		MainEffectsTotal: graph.Share(float64(known) + main.fit.dark()), Steps: steps,
		Bootstrap: opts.Bootstrap, Seed: opts.Seed, Notes: MSENotes, SeedDetectionRate: SeedDetectionRate,
	}
	for i := range res.Steps {
		p := res.Steps[i].lists
		res.Steps[i].Pair = c.Lists[p[0]] + "*" + c.Lists[p[1]]
	}
	if opts.Method == MSEStepwise {
		res.PThresh = opts.PThresh
	}
	for _, p := range f.pairs {
		res.Model = append(res.Model, c.Lists[p[0]]+"*"+c.Lists[p[1]])
	}
	res.Total = graph.Share(known) + res.Dark
	res.DetectionRate = graph.Share(known) / res.Total
	if opts.Bootstrap > 0 {
		if err := bootstrapBCa(ctx, c, y, opts, res); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// observed returns the counts of the cells 1 .. 2^t - 1.
func observed(c *graph.Captures) []float64 {
	y := make([]float64, len(c.Counts)-1)
	for m := 1; m < len(c.Counts); m++ {
		y[m-1] = float64(c.Counts[m])
	}
	return y
}

type mseFit struct {
	pairs [][2]int
	fit   *poissonFit
}

// fitMSE chooses and fits the model of opts to the observed cells y of a
// t-list table; steps, when not nil, receives the stepwise trace.
func fitMSE(t int, y []float64, opts MSEOptions, steps *[]MSEStep) (*mseFit, error) {
	var pairs [][2]int
	if opts.Method == MSEFixed {
		pairs = opts.Pairs
	}
	m := newLogLinear(t, pairs)
	if err := m.check(y); err != nil {
		return nil, err
	}
	f, err := m.fit(y)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoFiniteEstimate, err)
	}
	if opts.Method != MSEStepwise {
		return &mseFit{pairs: pairs, fit: f}, nil
	}
	type cand struct {
		pair     [2]int
		observed int
		expected float64
		p        float64
	}
	var all [][2]int
	for i := range t {
		for j := i + 1; j < t; j++ {
			all = append(all, [2]int{i, j})
		}
	}
	for {
		var cands []cand
		for _, pr := range all {
			if slices.Contains(pairs, pr) {
				continue
			}
			both := 1<<pr[0] | 1<<pr[1]
			obs, exp := 0.0, 0.0
			for r := range y {
				if (r+1)&both == both {
					obs += y[r]
					exp += f.mu[r]
				}
			}
			cands = append(cands, cand{pr, int(obs), exp, poissonP(obs, exp)})
		}
		slices.SortStableFunc(cands, func(a, b cand) int { return cmp.Compare(a.p, b.p) })
		added := false
		for _, cd := range cands {
			st := MSEStep{lists: cd.pair, Observed: graph.Count(cd.observed), Expected: graph.Share(cd.expected), P: graph.Share(cd.p)}
			if cd.p >= opts.PThresh {
				if steps != nil {
					*steps = append(*steps, st)
				}
				break
			}
			next := append(slices.Clone(pairs), cd.pair)
			nm := newLogLinear(t, next)
			switch {
			case cd.observed == 0:
				st.Skipped = "the two lists share no victim"
			case !nm.identifiable():
				st.Skipped = "the model would not be identifiable"
			default:
				switch ok, err := nm.exists(y); {
				case err != nil:
					st.Skipped = "the linear-programming test failed: " + err.Error()
				case !ok:
					st.Skipped = "the estimate would not exist (linear-programming test)"
				}
			}
			if st.Skipped == "" {
				nf, err := nm.fit(y)
				if err != nil {
					st.Skipped = "the model could not be fitted"
				} else {
					pairs, f, added = next, nf, true
				}
			}
			if steps != nil {
				*steps = append(*steps, st)
			}
			if added {
				break
			}
		}
		if !added {
			break
		}
	}
	slices.SortFunc(pairs, func(x, y [2]int) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	return &mseFit{pairs: pairs, fit: f}, nil
}

// check returns ErrNoFiniteEstimate unless the model is identifiable and
// its estimate exists for y.
func (m *logLinear) check(y []float64) error {
	if !m.identifiable() {
		return fmt.Errorf("%w: the model is not identifiable (its design matrix is rank deficient)", ErrNoFiniteEstimate)
	}
	ok, err := m.exists(y)
	if err != nil {
		return fmt.Errorf("%w: existence test: %v", ErrNoFiniteEstimate, err)
	}
	if !ok {
		return fmt.Errorf("%w: the maximum likelihood estimate does not exist for this table (a list or an overlap the model needs is empty)", ErrNoFiniteEstimate)
	}
	return nil
}

// poissonP returns min(P(X <= n), P(X >= n)) for X Poisson(mu).
func poissonP(n, mu float64) float64 {
	if mu <= 0 {
		if n == 0 {
			return 1
		}
		return 0
	}
	lower := mathext.GammaIncRegComp(n+1, mu)
	upper := 1.0
	if n > 0 {
		upper = mathext.GammaIncReg(n, mu)
	}
	return math.Min(lower, upper)
}
