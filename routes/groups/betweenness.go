package groups

import (
	"context"
	"math/rand/v2"
	"runtime"

	"github.com/tipgraph/tipgraph/routes/internal/centrality"
)

// Betweenness returns the Brandes betweenness centrality of every node of
// the undirected, unweighted graph adj (adj[v] lists the neighbours of v;
// every edge appears in both lists, with no self-loops or repeats),
// normalised by 1/((n-1)(n-2)) when n > 2. It equals
// NetworkX betweenness_centrality(G, normalized=True) on the same graph.
//
// Sources are split over GOMAXPROCS workers; ctx is checked every 64
// sources. The time complexity is O(V·E) and memory O(V+E) per worker.
//
// Reference: U. Brandes, A faster algorithm for betweenness centrality,
// Journal of Mathematical Sociology 25(2), 2001.
func Betweenness(ctx context.Context, adj [][]int32) ([]float64, error) {
	return sampledBetweenness(ctx, adj, len(adj), 0, runtime.GOMAXPROCS(0))
}

// undirectedBrandes sums the dependencies of every node over the given
// sources (unnormalised, each ordered pair counted once per source).
func undirectedBrandes(ctx context.Context, adj [][]int32, sources []int32, workers int) ([]float64, error) {
	g := newCSR(adj)
	return centrality.SumOverSources(ctx, len(adj), len(sources), workers, func() ([]float64, func(int)) {
		b := newUBrandes(len(adj))
		return b.bc, func(i int) { b.source(g, sources[i]) }
	})
}

// csr is adj in compressed sparse rows: the neighbours of v are
// nbr[off[v]:off[v+1]], one array the searches read in order instead of
// a slice header per node and a list somewhere on the heap.
type csr struct {
	off []int32
	nbr []int32
}

func newCSR(adj [][]int32) csr {
	off := make([]int32, len(adj)+1)
	for v, a := range adj {
		off[v+1] = off[v] + int32(len(a))
	}
	nbr := make([]int32, 0, off[len(adj)])
	for _, a := range adj {
		nbr = append(nbr, a...)
	}
	return csr{off, nbr}
}

// ubrandes holds one worker's buffers. Predecessors are not stored: in
// an unweighted graph v precedes w on a shortest path exactly when
// dist[v] == dist[w]-1, so the back-propagation scans neighbours again.
// Each node's distance, path count and dependency sit side by side, so
// one neighbour costs one cache line.
type ubrandes struct {
	bc    []float64
	st    []unode
	order []int32
}

type unode struct {
	sigma, delta float64
	dist         int32
}

func newUBrandes(n int) *ubrandes {
	b := &ubrandes{bc: make([]float64, n), st: make([]unode, n)}
	for i := range b.st {
		b.st[i].dist = -1
	}
	return b
}

func (b *ubrandes) source(g csr, s int32) {
	off, nbr := g.off, g.nbr
	st := b.st
	b.order = append(b.order[:0], s)
	st[s].sigma, st[s].dist = 1, 0
	for head := 0; head < len(b.order); head++ {
		v := b.order[head]
		dv, sv := st[v].dist, st[v].sigma
		for _, w := range nbr[off[v]:off[v+1]] {
			x := &st[w]
			if x.dist < 0 {
				x.dist = dv + 1
				b.order = append(b.order, w)
			}
			if x.dist == dv+1 {
				x.sigma += sv
			}
		}
	}
	for i := len(b.order) - 1; i > 0; i-- {
		w := b.order[i]
		y := &st[w]
		coeff := (1 + y.delta) / y.sigma
		dw := y.dist - 1
		for _, v := range nbr[off[w]:off[w+1]] {
			if x := &st[v]; x.dist == dw {
				x.delta += x.sigma * coeff
			}
		}
		b.bc[w] += y.delta
	}
	// Reset only what this source touched.
	for _, v := range b.order {
		st[v] = unode{dist: -1}
	}
}

// SampledBetweenness estimates Betweenness from k pivot sources drawn
// without replacement by a PCG generator seeded with seed (the same seed
// gives the same values), scaled by n/k, as NetworkX
// betweenness_centrality(G, k=k, normalized=True) does. With k >= n it is
// the exact value. The time complexity is O(k·E).
//
// Reference: U. Brandes and C. Pich, Centrality estimation in large
// networks, International Journal of Bifurcation and Chaos 17(7), 2007.
func SampledBetweenness(ctx context.Context, adj [][]int32, k int, seed uint64) ([]float64, error) {
	return sampledBetweenness(ctx, adj, k, seed, runtime.GOMAXPROCS(0))
}

// sampledBetweenness is SampledBetweenness on workers workers: exact
// (every source, in order) when k >= n.
func sampledBetweenness(ctx context.Context, adj [][]int32, k int, seed uint64, workers int) ([]float64, error) {
	n := len(adj)
	sources := sourcesOf(n, k, seed)
	bc, err := undirectedBrandes(ctx, adj, sources, workers)
	if err != nil {
		return nil, err
	}
	centrality.Normalize(bc, n, float64(n)/float64(len(sources)))
	return bc, nil
}

// sourcesOf is every node in order when k >= n, else k pivots.
func sourcesOf(n, k int, seed uint64) []int32 {
	if k < n {
		return pivots(n, k, seed)
	}
	sources := make([]int32, n)
	for i := range sources {
		sources[i] = int32(i)
	}
	return sources
}

// pivots draws min(k, n) distinct sources of n with a PCG seeded by seed.
func pivots(n, k int, seed uint64) []int32 {
	k = min(k, n)
	perm := rand.New(rand.NewPCG(seed, 0)).Perm(n)[:k]
	out := make([]int32, k)
	for i, p := range perm {
		out[i] = int32(p)
	}
	return out
}

// BetweennessFrom is Betweenness with the dependencies summed over the
// given sources only, unnormalised: the work NetworkX does for the same
// sources (one BFS and one accumulation each), used to compare the two on
// networks too large for an exact run in Python. The time complexity is O(|sources|·E).
func BetweennessFrom(ctx context.Context, adj [][]int32, sources []int32) ([]float64, error) {
	return undirectedBrandes(ctx, adj, sources, runtime.GOMAXPROCS(0))
}
