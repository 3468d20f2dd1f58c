package centrality

import (
	"context"
	"sync"
)

// SumOverSources runs workers workers over sources 0..count-1 (source i
// goes to worker i mod workers, a static split, so the sums do not depend
// on scheduling) and adds the workers' n-long accumulators in worker order.
// newWorker returns, for one worker, its accumulator and the function that
// adds source i's contribution to it. ctx is checked every 64 sources.
// Both Brandes variants use it: betweenness by source is the work that
// splits over cores.
func SumOverSources(ctx context.Context, n, count, workers int, newWorker func() ([]float64, func(i int))) ([]float64, error) {
	workers = min(workers, max(count, 1))
	parts := make([][]float64, workers)
	var wg sync.WaitGroup
	var firstErr error
	var once sync.Once
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			acc, add := newWorker()
			for i := w; i < count; i += workers {
				if (i/workers)%64 == 0 && ctx.Err() != nil {
					once.Do(func() { firstErr = ctx.Err() })
					return
				}
				add(i)
			}
			parts[w] = acc
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	sum := make([]float64, n)
	for _, p := range parts {
		for i, v := range p {
			sum[i] += v
		}
	}
	return sum, nil
}

// Normalize scales summed dependencies by factor/((n-1)(n-2)) when n > 2,
// as NetworkX betweenness_centrality(normalized=True) does for directed
// graphs and for undirected ones summed over ordered pairs.
func Normalize(bc []float64, n int, factor float64) {
	if n <= 2 {
		return
	}
	scale := factor / float64((n-1)*(n-2))
	for i := range bc {
		bc[i] *= scale
	}
}
