package routes

import (
	"context"
	"fmt"
	"slices"

	"github.com/tipgraph/tipgraph/graph"
)

// DefaultMaxSubsets is the largest search space (subsets of at most k
// candidates) that Interdict explores exactly.
const DefaultMaxSubsets = 200_000

// InterdictOptions are the parameters of Interdict.
type InterdictOptions struct {
	// K is the largest number of transit countries to remove.
	K int
	// Displacement and Cost are those of Divert.
	Displacement float64
	Cost         Cost
	// MaxSubsets: the search is exact when the number of subsets of at
	// most K candidates is at most MaxSubsets (0: DefaultMaxSubsets),
	// greedy otherwise.
	MaxSubsets int
}

// Interdiction is the best removal set found.
type Interdiction struct {
	K int `json:"k"`
	// Removed is the chosen set, in the order of Gains.
	Removed   []string    `json:"removed"`
	Disrupted graph.Count `json:"disrupted"`
	Method    string      `json:"method"`
	Exact     bool        `json:"exact"`
	// Bound is an upper bound on the disrupted victims of any set of at
	// most K candidates; it equals Disrupted when Exact.
	Bound graph.Count `json:"bound"`
	// Evaluated counts the removal sets evaluated.
	Evaluated  int `json:"evaluated"`
	Candidates int `json:"candidates"`
	// Affected, Rerouted and Deterred are those of the chosen set.
	Affected graph.Count `json:"affected"`
	Rerouted graph.Count `json:"rerouted"`
	Deterred graph.Count `json:"deterred"`
	// Gains gives each chosen country's marginal gain in the order they
	// are added (each time the member that adds most, ties by code).
	Gains []Gain `json:"gains"`
}

// Gain is the disrupted victims a country adds to the ones before it.
type Gain struct {
	Country string      `json:"country"`
	Gain    graph.Count `json:"gain"`
	// Disrupted is the running total after adding Country.
	Disrupted graph.Count `json:"disrupted"`
}

// Interdict finds the set of at most opt.K transit countries (vias of at
// least one filtered record) whose joint removal disrupts most victims
// under the rules of Divert (without capacities). With displacement d only
// the displaced share of the affected victims can be disrupted. The set
// returned is minimal: removing any member disrupts fewer victims (so it
// is empty when nothing can be disrupted). A member's marginal gain may
// be 0 when it only cuts a flow together with a later one.
//
// Exact search is depth-first branch and bound over the subsets of the
// candidates (taken in decreasing order of the displaced victims through
// them, then by code). For a set S evaluated, a route rerouted under S can
// only be disrupted by also removing a country on its new path, and a
// route not yet affected only by removing one of its vias; so
// disrupted(S ∪ T) ≤ disrupted(S) + Σ_{c ∈ T} b_S(c), where b_S(c) is the
// displaced victims of the unaffected routes through c plus those of the
// rerouted routes whose new path visits c. Branches whose bound with the
// |T| largest b_S cannot beat the best set found are cut. It is used when
// Σ_{j ≤ K} C(T, j) ≤ MaxSubsets for T candidates; otherwise a greedy
// search adds the country of largest marginal gain K times (each step on
// GOMAXPROCS workers), and Bound is the root bound Σ of the K largest b_∅.
//
// The time complexity is that of one Divert evaluation times the number
// of sets evaluated: at most Σ_{j ≤ K} C(T, j) (exact, usually far fewer)
// or K·T (greedy).
//
// Reference: A. H. Land and A. G. Doig, An automatic method of solving
// discrete programming problems, Econometrica 28(3), 1960 (branch and
// bound); R. K. Wood, Deterministic network interdiction, Mathematical and
// Computer Modelling 17(2), 1993.
func Interdict(ctx context.Context, lg *graph.LegGraph, opt InterdictOptions) (*Interdiction, error) {
	return interdict(ctx, func() *plan { return newPlan(lg, opt.Displacement, opt.Cost) }, opt)
}

// InterdictOf is Interdict over routes a store grouped from lg's
// filtered records (see NewWhatIfOf), with Displaced at opt.Displacement.
func InterdictOf(ctx context.Context, lg *graph.LegGraph, routes []graph.Route, opt InterdictOptions) (*Interdiction, error) {
	return interdict(ctx, func() *plan { return planOf(lg.Index, routes, opt.Cost) }, opt)
}

// InterdictOfRecords is Interdict over records, lg's filtered records
// given one by one, for a leg graph built without keeping them (see
// NewWhatIfOfRecords).
func InterdictOfRecords(ctx context.Context, lg *graph.LegGraph, records Records, opt InterdictOptions) (*Interdiction, error) {
	return interdict(ctx, func() *plan {
		return planOfRecords(lg.Index, records, lg.Totals().Records, opt.Displacement, opt.Cost)
	}, opt)
}

// Interdict is Interdict of the leg graph w was built from, with w's
// displacement and cost (opt's are not used): the plan w already holds
// (serve keeps it for every what-if of a filter) is searched as it is,
// read only, as Divert reads it.
func (w *WhatIf) Interdict(ctx context.Context, opt InterdictOptions) (*Interdiction, error) {
	opt.Displacement, opt.Cost = w.displacement, w.cost
	return interdict(ctx, func() *plan { return w.p }, opt)
}

func interdict(ctx context.Context, newPlan func() *plan, opt InterdictOptions) (*Interdiction, error) {
	if opt.K < 1 {
		return nil, ErrBadK
	}
	dopt := DivertOptions{Displacement: opt.Displacement, Cost: opt.Cost}
	if err := dopt.check(); err != nil {
		return nil, err
	}
	limit := opt.MaxSubsets
	if limit <= 0 {
		limit = DefaultMaxSubsets
	}
	p := newPlan()
	cands := p.candidates()
	res := &Interdiction{K: opt.K, Candidates: len(cands), Removed: []string{}, Gains: []Gain{}}
	rootVals := make([]int, len(cands))
	for i, c := range cands {
		rootVals[i] = p.displacedVia[c]
	}
	res.Bound = graph.Count(topSum(rootVals, opt.K))

	var set []int32
	if subsetsUpTo(len(cands), opt.K, limit) <= limit {
		b := &bnb{ctx: ctx, ev: p.evaluator(), k: opt.K}
		b.ev.wantBound = true
		b.cands = slices.Clone(cands)
		slices.SortStableFunc(b.cands, func(x, y int32) int { return p.displacedVia[y] - p.displacedVia[x] })
		b.visit(nil, 0)
		if b.err != nil {
			return nil, b.err
		}
		set, res.Evaluated, res.Exact = b.bestSet, b.evals, true
		res.Method = fmt.Sprintf("exact (branch and bound, %d subsets evaluated)", b.evals)
	} else {
		var err error
		set, res.Evaluated, err = p.greedy(ctx, cands, opt.K)
		if err != nil {
			return nil, err
		}
	}

	// Drop members the others do not need (the first best set found may
	// hold one), then order the set by marginal gain.
	ev := p.evaluator()
	slices.Sort(set)
	full := ev.run(set, nil).disrupted
	for i := 0; i < len(set); {
		without := slices.Delete(slices.Clone(set), i, i+1)
		if ev.run(without, nil).disrupted >= full {
			set = without
			continue
		}
		i++
	}
	var cur []int32
	prev := 0
	rest := slices.Clone(set) // still sorted
	last := ev.run(nil, nil)  // the outcome of cur, so far nothing removed
	for len(rest) > 0 {
		bi, bo := -1, outcome{}
		for i, c := range rest {
			o := ev.run(append(slices.Clone(cur), c), nil)
			if bi < 0 || o.disrupted > bo.disrupted {
				bi, bo = i, o
			}
		}
		cur = append(cur, rest[bi])
		rest = slices.Delete(rest, bi, bi+1)
		res.Gains = append(res.Gains, Gain{p.ix.Codes[cur[len(cur)-1]], graph.Count(bo.disrupted - prev), graph.Count(bo.disrupted)})
		res.Removed = append(res.Removed, p.ix.Codes[cur[len(cur)-1]])
		prev, last = bo.disrupted, bo
	}
	o := last
	res.Disrupted, res.Affected, res.Rerouted, res.Deterred = graph.Count(o.disrupted), graph.Count(o.affected), graph.Count(o.rerouted), graph.Count(o.deterred)
	if res.Exact {
		res.Bound = res.Disrupted
	} else {
		res.Method = "greedy (upper bound in bound)"
	}
	return res, nil
}

// subsetsUpTo returns Σ_{j ≤ k} C(n, j), or limit+1 once it exceeds limit.
func subsetsUpTo(n, k, limit int) int {
	total, c := 1, 1
	for j := 1; j <= min(k, n); j++ {
		c = c * (n - j + 1) / j // exact: C(n, j-1)·(n-j+1) is divisible by j
		total += c
		if c > limit || total > limit {
			return limit + 1
		}
	}
	return total
}

// topSum returns the sum of the m largest values.
func topSum(vals []int, m int) int {
	if m <= 0 {
		return 0
	}
	if m >= len(vals) {
		s := 0
		for _, v := range vals {
			s += v
		}
		return s
	}
	top := make([]int, 0, m)
	for _, v := range vals {
		if len(top) == m && v <= top[m-1] {
			continue
		}
		i, _ := slices.BinarySearchFunc(top, v, func(a, b int) int { return b - a })
		if len(top) < m {
			top = slices.Insert(top, i, v)
		} else {
			copy(top[i+1:], top[i:m-1])
			top[i] = v
		}
	}
	s := 0
	for _, v := range top {
		s += v
	}
	return s
}

// bnb is the depth-first branch and bound of Interdict.
type bnb struct {
	ctx     context.Context
	ev      *evaluator
	cands   []int32
	k       int
	best    int
	bestSet []int32
	evals   int
	err     error
}

func (b *bnb) visit(set []int32, start int) {
	if b.err != nil {
		return
	}
	if b.evals%64 == 0 {
		if b.err = b.ctx.Err(); b.err != nil {
			return
		}
	}
	b.evals++
	o := b.ev.run(set, nil)
	if o.disrupted > b.best {
		b.best, b.bestSet = o.disrupted, slices.Clone(set)
	}
	m := b.k - len(set)
	if m == 0 || start == len(b.cands) {
		return
	}
	vals := make([]int, len(b.cands)-start)
	for j, c := range b.cands[start:] {
		vals[j] = max(0, b.ev.bound[c])
	}
	if o.disrupted+topSum(vals, m) <= b.best {
		return
	}
	for j := range vals {
		if o.disrupted+vals[j]+topSum(vals[j+1:], m-1) <= b.best {
			continue
		}
		b.visit(append(slices.Clone(set), b.cands[start+j]), start+j+1)
	}
}

// greedy adds, k times, the candidate of largest marginal gain (ties by
// code), stopping when no candidate adds anything.
func (p *plan) greedy(ctx context.Context, cands []int32, k int) ([]int32, int, error) {
	var set []int32
	cur, evals := 0, 0
	for range k {
		var rest []int32
		for _, c := range cands {
			if !slices.Contains(set, c) {
				rest = append(rest, c)
			}
		}
		got := make([]int, len(rest))
		err := p.parallel(ctx, len(rest), func(ev *evaluator, i int) {
			got[i] = ev.run(append(slices.Clone(set), rest[i]), nil).disrupted
		})
		if err != nil {
			return nil, 0, err
		}
		evals += len(rest)
		bi := -1
		for i, d := range got {
			if d > cur && (bi < 0 || d > got[bi]) {
				bi = i
			}
		}
		if bi < 0 {
			break
		}
		set, cur = append(set, rest[bi]), got[bi]
	}
	return set, evals, nil
}
