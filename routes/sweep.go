package routes

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"sync"

	"github.com/tipgraph/tipgraph/graph"
)

// SweepEntry is the outcome of removing one transit country alone.
type SweepEntry struct {
	Country   string      `json:"country"`
	Records   int         `json:"records"`
	Affected  graph.Count `json:"affected"`
	Rerouted  graph.Count `json:"rerouted"`
	Deterred  graph.Count `json:"deterred"`
	Disrupted graph.Count `json:"disrupted"`
	// Beneficiary is the transit country with the largest positive
	// change in transit (ties by code), "" when none gains;
	// BeneficiaryGain is that change.
	Beneficiary     string      `json:"beneficiary"`
	BeneficiaryGain graph.Count `json:"beneficiary_gain"`
}

// DivertEach removes every transit country of the leg graph (a via of at
// least one filtered record) alone, under the rules of Divert with
// opt.Displacement and opt.Cost (opt.Remove and opt.Capacity are
// ignored: the sweep runs without capacities), and ranks them by
// disrupted victims (descending), then rerouted (descending), then code.
//
// The candidates are split over GOMAXPROCS workers (candidate i goes to
// worker i mod W), each with its own buffers; the result does not depend
// on the split.
//
// The time complexity is O(R·L) to compact the records, then
// O(Σ_c (A_c·L + S_c·(E + V log V))) over the candidates c, where A_c is
// the number of distinct routes through c and S_c their distinct origins:
// at most O(T·V·(E + V log V)) for T candidates.
func DivertEach(ctx context.Context, lg *graph.LegGraph, opt DivertOptions) ([]SweepEntry, error) {
	w, err := NewWhatIf(lg, opt.Displacement, opt.Cost)
	if err != nil {
		return nil, err
	}
	return w.Each(ctx)
}

// Each is DivertEach of the leg graph w was built from.
func (w *WhatIf) Each(ctx context.Context) ([]SweepEntry, error) {
	p := w.p
	cands := p.candidates()
	out := make([]SweepEntry, len(cands))
	err := p.parallel(ctx, len(cands), func(ev *evaluator, i int) {
		c := cands[i]
		o := ev.run([]int32{c}, nil)
		e := SweepEntry{
			Country: p.ix.Codes[c], Records: o.records, Affected: graph.Count(o.affected),
			Rerouted: graph.Count(o.rerouted), Deterred: graph.Count(o.deterred), Disrupted: graph.Count(o.disrupted),
		}
		for n, d := range ev.delta { // node order is code order: first max wins ties
			if graph.Count(d) > e.BeneficiaryGain {
				e.Beneficiary, e.BeneficiaryGain = p.ix.Codes[n], graph.Count(d)
			}
		}
		out[i] = e
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b SweepEntry) int {
		if c := cmp.Compare(b.Disrupted, a.Disrupted); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Rerouted, a.Rerouted); c != 0 {
			return c
		}
		return cmp.Compare(a.Country, b.Country)
	})
	return out, nil
}

// parallel calls fn(ev, i) for i in [0, n) on GOMAXPROCS workers, each
// with its own evaluator; worker w takes i = w, w+W, w+2W... It checks
// ctx between calls and returns ctx.Err() if it was cancelled.
func (p *plan) parallel(ctx context.Context, n int, fn func(ev *evaluator, i int)) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		ev := p.evaluator()
		for i := range n {
			if err := ctx.Err(); err != nil {
				return err
			}
			fn(ev, i)
		}
		return ctx.Err()
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ev := p.evaluator()
			for i := w; i < n; i += workers {
				if ctx.Err() != nil {
					return
				}
				fn(ev, i)
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}
