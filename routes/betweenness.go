package routes

import (
	"context"
	"math"
	"math/bits"
	"runtime"
	"slices"

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
	var rows *hopRows
	if c == ByHops {
		rows = newHopRows(ix) // shared by the workers
	}
	bc, err := centrality.SumOverSources(ctx, n, n, runtime.GOMAXPROCS(0), func() ([]float64, func(int)) {
		b := newBrandes(ix, c, rows)
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
	// rows, by hops on a graph small enough for them, replace the queue
	// and the predecessor lists (levels).
	rows   *hopRows
	seen   []uint64
	levels []uint64 // the nodes at each distance, a row each
}

// newBrandes returns a worker's buffers; rows, when not nil, are ix's
// (by hops only).
func newBrandes(ix *graph.Index, c Cost, rows *hopRows) *brandes {
	n := ix.N()
	b := &brandes{
		ix: ix, cost: c,
		bc: make([]float64, n), sigma: make([]float64, n), delta: make([]float64, n),
		dist: make([]float64, n), done: make([]bool, n),
		pq: minHeap[distItem]{less: distLess},
	}
	if rows != nil {
		b.rows, b.seen = rows, make([]uint64, rows.words)
	} else {
		b.preds = make([][]int32, n)
	}
	return b
}

func (b *brandes) source(s int) {
	for i := range b.sigma {
		b.sigma[i], b.delta[i], b.dist[i], b.done[i] = 0, 0, math.Inf(1), false
	}
	for i := range b.preds {
		b.preds[i] = b.preds[i][:0]
	}
	b.order = b.order[:0]
	b.sigma[s], b.dist[s] = 1, 0
	switch {
	case b.rows != nil:
		b.levelsFrom(s)
		b.accumulateLevels(s)
		return
	case b.cost == ByHops:
		b.bfs(s)
	default:
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

// levelsFrom is bfs on rows of bits: each level's nodes are found in the
// order the queue would dequeue them (a node's new out-neighbours in id
// order, the nodes in the order of the level before), then each node's
// path count is summed over its predecessors in that same order, so
// every sum is bfs's, to the bit. Its cost is a row's words per node and
// one step per predecessor, where bfs steps through every leg.
func (b *brandes) levelsFrom(s int) {
	r, seen := b.rows, b.seen
	clear(seen)
	setBit(seen, s)
	b.order = append(b.order, int32(s))
	b.levels = b.grownLevels(0)
	setBit(b.levels, s)
	for start, d := 0, 1; ; d++ {
		end := len(b.order)
		b.levels = b.grownLevels(d)
		next := b.levels[d*r.words:]
		for _, v := range b.order[start:end] {
			for k, word := range r.outRow(v) {
				fresh := word &^ seen[k]
				seen[k] |= fresh
				next[k] |= fresh
				for ; fresh != 0; fresh &= fresh - 1 {
					w := int32(k*64 + bits.TrailingZeros64(fresh))
					b.order = append(b.order, w)
					b.dist[w] = float64(d)
				}
			}
		}
		if len(b.order) == end {
			b.levels = b.levels[:d*r.words]
			return
		}
		for _, v := range b.order[start:end] {
			sv := b.sigma[v]
			for k, word := range r.outRow(v) {
				for m := word & next[k]; m != 0; m &= m - 1 {
					b.sigma[k*64+bits.TrailingZeros64(m)] += sv
				}
			}
		}
		start = end
	}
}

// grownLevels returns b.levels with rows 0..d, row d cleared.
func (b *brandes) grownLevels(d int) []uint64 {
	w := b.rows.words
	l := slices.Grow(b.levels[:d*w], w)[:(d+1)*w]
	clear(l[d*w:])
	return l
}

// accumulateLevels is source's dependency pass over levelsFrom's levels:
// a node's predecessors are its in-neighbours on the level before. Each
// delta receives its terms in the order source's pass gives them (nodes
// in reverse order), so the sums are the same.
func (b *brandes) accumulateLevels(s int) {
	r := b.rows
	for i := len(b.order) - 1; i >= 0; i-- {
		w := b.order[i]
		coeff := (1 + b.delta[w]) / b.sigma[w]
		if d := int(b.dist[w]); d > 0 {
			prev := b.levels[(d-1)*r.words:][:r.words]
			for k, word := range r.inRow(w) {
				for m := word & prev[k]; m != 0; m &= m - 1 {
					v := k*64 + bits.TrailingZeros64(m)
					b.delta[v] += b.sigma[v] * coeff
				}
			}
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
