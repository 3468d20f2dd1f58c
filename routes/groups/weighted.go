package groups

import (
	"context"
	"runtime"

	"github.com/tipgraph/tipgraph/routes/internal/centrality"
)

// WeightedBetweenness returns the Brandes betweenness centrality of every
// node of the undirected graph adj whose tie adj[v][i] has weight w[v][i]
// > 0, a tie's length being 1/weight (a strong tie is a short one),
// normalised by 1/((n-1)(n-2)) when n > 2. It equals NetworkX
// betweenness_centrality(G, weight="dist", normalized=True) with dist =
// 1/weight on every edge: lengths add up from the source outwards and
// two paths are equally short when their float sums are equal, as
// NetworkX compares them.
//
// Sources are split over GOMAXPROCS workers; ctx is checked every 64
// sources. The time complexity is O(V·E·log V) and memory O(V+E) per
// worker.
//
// Reference: U. Brandes, A faster algorithm for betweenness centrality,
// Journal of Mathematical Sociology 25(2), 2001 (the Dijkstra variant).
func WeightedBetweenness(ctx context.Context, adj [][]int32, w [][]float64) ([]float64, error) {
	return sampledWeightedBetweenness(ctx, adj, w, len(adj), 0, runtime.GOMAXPROCS(0))
}

// sampledWeightedBetweenness is WeightedBetweenness from k pivot sources
// (every source when k >= n) drawn as SampledBetweenness draws them.
func sampledWeightedBetweenness(ctx context.Context, adj [][]int32, w [][]float64, k int, seed uint64, workers int) ([]float64, error) {
	n := len(adj)
	sources := sourcesOf(n, k, seed)
	length := make([][]float64, n)
	for v, ws := range w {
		length[v] = make([]float64, len(ws))
		for i, x := range ws {
			length[v][i] = 1 / x
		}
	}
	bc, err := centrality.SumOverSources(ctx, n, len(sources), workers, func() ([]float64, func(int)) {
		b := newWBrandes(n)
		return b.bc, func(i int) { b.source(adj, length, sources[i]) }
	})
	if err != nil {
		return nil, err
	}
	centrality.Normalize(bc, n, float64(n)/float64(len(sources)))
	return bc, nil
}

// wbrandes holds one worker's buffers for the Dijkstra variant.
type wbrandes struct {
	bc           []float64
	dist         []float64
	sigma, delta []float64
	done         []bool
	seen         []bool
	preds        [][]int32
	order        []int32 // nodes in the order they were settled
	touched      []int32
	q            distHeap
}

func newWBrandes(n int) *wbrandes {
	return &wbrandes{bc: make([]float64, n), dist: make([]float64, n), sigma: make([]float64, n),
		delta: make([]float64, n), done: make([]bool, n), seen: make([]bool, n), preds: make([][]int32, n)}
}

func (b *wbrandes) source(adj [][]int32, length [][]float64, s int32) {
	b.order, b.touched = b.order[:0], append(b.touched[:0], s)
	b.q = b.q[:0]
	b.seen[s], b.dist[s], b.sigma[s] = true, 0, 1
	b.q.push(distItem{0, s})
	for len(b.q) > 0 {
		it := b.q.pop()
		v := it.v
		if b.done[v] || it.d != b.dist[v] {
			continue
		}
		b.done[v] = true
		b.order = append(b.order, v)
		dv := b.dist[v]
		for i, x := range adj[v] {
			if b.done[x] {
				continue
			}
			d := dv + length[v][i]
			switch {
			case !b.seen[x] || d < b.dist[x]:
				if !b.seen[x] {
					b.seen[x] = true
					b.touched = append(b.touched, x)
				}
				b.dist[x], b.sigma[x] = d, b.sigma[v]
				b.preds[x] = append(b.preds[x][:0], v)
				b.q.push(distItem{d, x})
			case d == b.dist[x]:
				b.sigma[x] += b.sigma[v]
				b.preds[x] = append(b.preds[x], v)
			}
		}
	}
	for i := len(b.order) - 1; i > 0; i-- {
		x := b.order[i]
		coeff := (1 + b.delta[x]) / b.sigma[x]
		for _, v := range b.preds[x] {
			b.delta[v] += b.sigma[v] * coeff
		}
		b.bc[x] += b.delta[x]
	}
	for _, v := range b.touched {
		b.dist[v], b.sigma[v], b.delta[v], b.done[v], b.seen[v] = 0, 0, 0, false, false
		b.preds[v] = b.preds[v][:0]
	}
}

// distItem is a tentative distance of a node in the Dijkstra queue.
type distItem struct {
	d float64
	v int32
}

// distHeap is a binary min-heap of distItem by distance (typed, so that
// a push does not allocate).
type distHeap []distItem

func (h *distHeap) push(it distItem) {
	q := append(*h, it)
	i := len(q) - 1
	for i > 0 {
		p := (i - 1) / 2
		if q[p].d <= it.d {
			break
		}
		q[i] = q[p]
		i = p
	}
	q[i] = it
	*h = q
}

func (h *distHeap) pop() distItem {
	q := *h
	top := q[0]
	last := q[len(q)-1]
	q = q[:len(q)-1]
	i, n := 0, len(q)
	for n > 0 {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && q[c+1].d < q[c].d {
			c++
		}
		if last.d <= q[c].d {
			break
		}
		q[i] = q[c]
		i = c
	}
	if n > 0 {
		q[i] = last
	}
	*h = q
	return top
}
