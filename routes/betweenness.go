package routes

import (
	"context"
	"math"
	"runtime"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes/internal/centrality"
)

// Betweenness returns the Brandes betweenness centrality of every node of
// ix (indexed like ix.Codes) on the directed leg graph, with leg lengths
// given by c (hop count, or 1/victims), normalised by 1/((n-1)(n-2)) when
// n > 2. It equals NetworkX betweenness_centrality(G, normalized=True,
// weight=...) on the same graph; self-loops do not count.
//
// Sources are split over GOMAXPROCS workers. The time complexity is
// O(V·E) by hops and O(V·E + V² log V) by victims; memory is O(V+E) per
// worker.
//
// Reference: U. Brandes, A faster algorithm for betweenness centrality,
// Journal of Mathematical Sociology 25(2), 2001.
func Betweenness(ctx context.Context, ix *graph.Index, c Cost) ([]float64, error) {
	n := ix.N()
	bc, err := centrality.SumOverSources(ctx, n, n, runtime.GOMAXPROCS(0), func() ([]float64, func(int)) {
		b := newBrandes(ix, c)
		return b.bc, b.source
	})
	if err != nil {
		return nil, err
	}
	centrality.Normalize(bc, n, 1)
	return bc, nil
}

// brandes holds one worker's buffers, reused for every source.
type brandes struct {
	ix    *graph.Index
	cost  Cost
	bc    []float64
	sigma []float64
	delta []float64
	dist  []float64
	done  []bool
	order []int32   // nodes in order of settling
	preds [][]int32 // shortest-path predecessors
	queue []int32
	pq    minHeap[distItem]
}

func newBrandes(ix *graph.Index, c Cost) *brandes {
	n := ix.N()
	return &brandes{
		ix: ix, cost: c,
		bc: make([]float64, n), sigma: make([]float64, n), delta: make([]float64, n),
		dist: make([]float64, n), done: make([]bool, n), preds: make([][]int32, n),
		pq: minHeap[distItem]{less: distLess},
	}
}

func (b *brandes) source(s int) {
	for i := range b.sigma {
		b.sigma[i], b.delta[i], b.dist[i], b.done[i] = 0, 0, math.Inf(1), false
		b.preds[i] = b.preds[i][:0]
	}
	b.order = b.order[:0]
	b.sigma[s], b.dist[s] = 1, 0
	if b.cost == ByHops {
		b.bfs(s)
	} else {
		b.dijkstra(s)
	}
	for i := len(b.order) - 1; i >= 0; i-- {
		w := b.order[i]
		coeff := (1 + b.delta[w]) / b.sigma[w]
		for _, v := range b.preds[w] {
			b.delta[v] += b.sigma[v] * coeff
		}
		if int(w) != s {
			b.bc[w] += b.delta[w]
		}
	}
}

func (b *brandes) bfs(s int) {
	b.queue = append(b.queue[:0], int32(s))
	for head := 0; head < len(b.queue); head++ {
		v := b.queue[head]
		b.order = append(b.order, v)
		dv := b.dist[v]
		for _, a := range b.ix.Out[v] {
			w := a.Node
			if math.IsInf(b.dist[w], 1) {
				b.dist[w] = dv + 1
				b.queue = append(b.queue, w)
			}
			if b.dist[w] == dv+1 {
				b.sigma[w] += b.sigma[v]
				b.preds[w] = append(b.preds[w], v)
			}
		}
	}
}

// dijkstra follows NetworkX's _single_source_dijkstra_path_basic: path
// counts are taken when a node is settled, equal distances compared
// exactly.
func (b *brandes) dijkstra(s int) {
	b.pq.reset()
	b.pq.push(distItem{0, int32(s), int32(s)})
	seen := b.dist // tentative distances
	for b.pq.Len() > 0 {
		it := b.pq.pop()
		v := it.node
		if b.done[v] {
			continue
		}
		if v != it.pred {
			b.sigma[v] += b.sigma[it.pred]
		}
		b.done[v] = true
		b.order = append(b.order, v)
		for _, a := range b.ix.Out[v] {
			l := b.cost.length(a)
			if math.IsInf(l, 1) {
				continue
			}
			w := a.Node
			d := it.dist + l
			switch {
			case !b.done[w] && d < seen[w]:
				seen[w] = d
				b.pq.push(distItem{d, w, v})
				b.sigma[w] = 0
				b.preds[w] = append(b.preds[w][:0], v)
			case d == seen[w] && w != v:
				b.sigma[w] += b.sigma[v]
				b.preds[w] = append(b.preds[w], v)
			}
		}
	}
}
