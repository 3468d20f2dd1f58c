package estimate

import (
	"context"
	"errors"
	"math"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
)

// Defaults of the bootstrap of MSEQuery (estimate --mse, report --mse).
const (
	DefaultMSEBootstrap = 1000
	DefaultMSESeed      = 1
)

// MSEQuery is the question of estimate --mse: a multiple systems
// estimate of the victims no list of Captures recorded.
type MSEQuery struct {
	Captures *graph.Captures
	// File names the table the captures were read from.
	File string
	// Model is "stepwise", "main" or two-list effects "LA*NG,PF*GO"
	// (ParseMSEModel); PThresh the stepwise threshold.
	Model   string
	PThresh float64
	// Bootstrap replicates of the interval (0: none), their Seed, and
	// the interval's Level (0.5 to 0.999).
	Bootstrap int
	Seed      uint64
	Level     float64
}

// DefaultMSEQuery is the default estimate of the captures c: stepwise
// with the default threshold, 1,000 replicates, seed 1, 95%.
func DefaultMSEQuery(c *graph.Captures, file string) MSEQuery {
	return MSEQuery{Captures: c, File: file, Model: string(MSEStepwise), PThresh: DefaultPThresh,
		Bootstrap: DefaultMSEBootstrap, Seed: DefaultMSESeed, Level: DefaultMSELevel}
}

// Check validates the query; a bad value is an *graph.OptionError named
// as the command's flag.
func (q *MSEQuery) Check() error {
	if math.IsNaN(q.PThresh) || q.PThresh < 0 || q.PThresh > 1 {
		return graph.OptionErrorf("pthresh", "%v: want a p-value between 0 and 1", q.PThresh)
	}
	if math.IsNaN(q.Level) || q.Level < 0.5 || q.Level > 0.999 {
		return graph.OptionErrorf("level", "%v: want a confidence level between 0.5 and 0.999 (0.95: 95%%)", q.Level)
	}
	if q.Bootstrap < 0 || q.Bootstrap > 100000 {
		return graph.OptionErrorf("bootstrap", "%d: want 0 to 100000 replicates", q.Bootstrap)
	}
	if strings.TrimSpace(q.Model) == "" {
		return graph.OptionErrorf("model", `want "stepwise", "main" or pairs such as "LA*NG,PF*GO"`)
	}
	return nil
}

// Run checks the query and runs MSE. A model that names unknown lists is
// an *graph.OptionError for "model"; a table without a finite estimate
// one for "mse" that wraps ErrNoFiniteEstimate.
func (q MSEQuery) Run(ctx context.Context) (*MSEResult, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	if q.Captures == nil {
		return nil, graph.OptionErrorf("mse", "no table of lists")
	}
	opt := MSEOptions{PThresh: q.PThresh, Bootstrap: q.Bootstrap, Seed: q.Seed, Level: q.Level}
	var err error
	if opt.Method, opt.Pairs, err = ParseMSEModel(q.Model, q.Captures.Lists); err != nil {
		return nil, &graph.OptionError{Option: "model", Err: err}
	}
	res, err := MSE(ctx, q.Captures, opt)
	if errors.Is(err, ErrNoFiniteEstimate) {
		return nil, graph.OptionErrorf("mse", "%s: %w", q.File, err)
	}
	if err != nil {
		return nil, err
	}
	res.File = q.File
	return res, nil
}

// Suppress: Known is the victims of the table, the sum of its cells, and
// the model's fitted counts are counts of victims too (once a two-list
// effect is in the model, the fitted count of the two lists' overlap is
// the observed one: the margins are the log-linear model's sufficient
// statistics), so a fitted count below K is hidden as a count is.
//
// When Known is hidden (the table holds fewer than K victims), or the dark
// figure is a fitted count below K, the estimate is hidden: the dark
// figure, the total and its interval and the detection rate (with Known
// shown, any of them gives the dark figure back). The total under main
// effects is hidden with Known, or when its own dark figure is below K.
// The table's cells are not shown; the stepwise trace shows the overlaps
// of pairs of lists, which are not parts of Known (a victim on three lists
// is in three overlaps, and the victims on one list only are in none), so
// Known minus shown overlaps is no hidden count and needs no
// complementary suppression. A step's expected count and p-value are
// hidden with its overlap (see MSEStep.Suppress).
func (r *MSEResult) Suppress(s *privacy.State) {
	if r.Known.IsHidden() || fittedSmall(s, r.Dark) {
		for _, x := range []*graph.Share{&r.Dark, &r.Total, &r.DetectionRate} {
			s.HideShare(x)
		}
		if r.Interval != nil {
			s.HideShare(&r.Interval[0])
			s.HideShare(&r.Interval[1])
		}
	}
	if r.Known.IsHidden() || fittedSmall(s, r.MainEffectsTotal-graph.Share(r.Known)) {
		s.HideShare(&r.MainEffectsTotal)
	}
}

// Suppress: the expected count and the p-value of a hidden overlap would
// give it back (the p-value is a function of observed and expected), and
// an expected count below K is hidden as a count with the p-value that
// gives it back.
func (st *MSEStep) Suppress(s *privacy.State) {
	if st.Observed.IsHidden() || fittedSmall(s, st.Expected) {
		s.HideShare(&st.Expected)
		s.HideShare(&st.P)
	}
}

// fittedSmall reports whether the fitted count x is shown, above 0 and
// below the policy's K.
func fittedSmall(s *privacy.State, x graph.Share) bool {
	return s.Active() && !x.IsHidden() && x > 0 && float64(x) < float64(s.K)
}
