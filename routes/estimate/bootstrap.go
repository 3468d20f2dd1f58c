package estimate

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/tipgraph/tipgraph/graph"
)

// minTailReplicates: an interval limit with fewer replicates beyond it
// gets a note.
const minTailReplicates = 10

// bootstrapBCa sets res.Interval to the BCa bootstrap interval at res.Level of the
// total (Efron 1987; DiCiccio and Efron 1996), as Chan, Silverman and
// Vincent (2019, section 3.3) compute it: opts.Bootstrap multinomial
// resamples of the Known cases over the observed cells (drawn as cell
// counts, multinomial, not case by case), each estimated with
// the whole model choice of opts; bias correction z0 from the share of
// replicates below the estimate; acceleration from the jackknife that
// removes one case at a time (one refit per non-empty cell, weighted by
// its count); quantiles of R's type 8. The resamples are drawn in order
// from one PCG stream seeded by opts.Seed, so the result does not depend
// on the number of workers.
func bootstrapBCa(ctx context.Context, c *graph.Captures, y []float64, opts MSEOptions, res *MSEResult) error {
	t := len(c.Lists)
	known := res.Known
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6d7365))
	samples := make([][]float64, opts.Bootstrap)
	for b := range samples {
		if err := ctx.Err(); err != nil {
			return err
		}
		samples[b] = multinomial(rng, float64(known), y)
	}
	// Jackknife: one case fewer in each non-empty cell.
	var jackCells []int
	for r, v := range y {
		if v > 0 {
			jackCells = append(jackCells, r)
			s := slices.Clone(y)
			s[r]--
			samples = append(samples, s)
		}
	}
	est := make([]float64, len(samples))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				est[i] = math.NaN()
				if f, err := fitMSE(t, samples[i], opts, nil); err == nil {
					n := 0.0
					for _, v := range samples[i] {
						n += v
					}
					if d := f.fit.dark(); !math.IsInf(d, 0) && !math.IsNaN(d) {
						est[i] = n + d
					}
				}
			}
		})
	}
	var err error
	for i := range samples {
		if err = ctx.Err(); err != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err != nil {
		return err
	}
	boot := make([]float64, 0, opts.Bootstrap)
	for _, e := range est[:opts.Bootstrap] {
		if math.IsNaN(e) {
			res.Failed++
			continue
		}
		boot = append(boot, e)
	}
	if len(boot) == 0 {
		return nil
	}
	slices.Sort(boot)
	// Acceleration from the grouped jackknife.
	jack := est[opts.Bootstrap:]
	var sw, mean float64
	for k, r := range jackCells {
		if !math.IsNaN(jack[k]) {
			sw += y[r]
			mean += y[r] * jack[k]
		}
	}
	a := 0.0
	if sw > 0 {
		mean /= sw
		var s2, s3 float64
		for k, r := range jackCells {
			if math.IsNaN(jack[k]) {
				continue
			}
			d := mean - jack[k]
			s2 += y[r] * d * d
			s3 += y[r] * d * d * d
		}
		if s2 > 0 {
			a = s3 / (6 * math.Pow(s2, 1.5))
		}
	}
	below := 0
	for _, e := range boot {
		if e < float64(res.Total) {
			below++
		}
	}
	B := float64(len(boot))
	share := math.Min(math.Max(float64(below)/B, 0.5/B), 1-0.5/B)
	z0 := distuv.UnitNormal.Quantile(share)
	var iv [2]float64
	for k, alpha := range []float64{(1 - res.Level) / 2, (1 + res.Level) / 2} {
		za := distuv.UnitNormal.Quantile(alpha) + z0
		adj := distuv.UnitNormal.CDF(z0 + za/(1-a*za))
		iv[k] = quantile8(boot, adj)
		// A limit within a few replicates of the end of the sorted
		// replicates is as unsteady as those few: say so.
		if tail := math.Min(adj, 1-adj) * B; tail < minTailReplicates {
			side := [2]string{"lower", "upper"}[k]
			res.Notes = append(slices.Clip(res.Notes), fmt.Sprintf(
				"The %s limit is the BCa quantile %.4f of the %d replicates (bias correction z0 = %.2f moves it from %.3f), about %.1f replicates from the end: it rests on the few most extreme replicates; more --bootstrap replicates make it steadier.",
				side, adj, len(boot), z0, alpha, tail))
		}
	}
	res.Interval, res.BiasZ0, res.Acceleration = &[2]graph.Share{graph.Share(iv[0]), graph.Share(iv[1])}, z0, a
	return nil
}

// multinomial draws n cases over the cells with weights y, as a chain of
// binomials: cell i gets Binomial(rest, y[i] / the weight of the cells
// from i on). The cost is O(len(y)) draws whatever n (Devroye 1986,
// section XI.1.2).
func multinomial(rng *rand.Rand, n float64, y []float64) []float64 {
	s := make([]float64, len(y))
	rest := 0.0
	for _, v := range y {
		rest += v
	}
	for i, v := range y {
		if n <= 0 || rest <= 0 {
			break
		}
		if v >= rest {
			s[i] = n
			break
		}
		if v > 0 {
			s[i] = distuv.Binomial{N: n, P: v / rest, Src: rng}.Rand()
		}
		n -= s[i]
		rest -= v
	}
	return s
}

// quantile8 returns the p quantile of the sorted x by R's type 8
// (median-unbiased, Hyndman and Fan 1996).
func quantile8(x []float64, p float64) float64 {
	n := float64(len(x))
	h := (n+1.0/3)*p + 1.0/3
	switch {
	case h <= 1:
		return x[0]
	case h >= n:
		return x[len(x)-1]
	}
	lo := math.Floor(h)
	return x[int(lo)-1] + (h-lo)*(x[int(lo)]-x[int(lo)-1])
}
