package routes

import (
	"context"
	"fmt"
	"math"

	"github.com/tipgraph/tipgraph/graph"
)

// PageRank parameters: damping 0.85, tolerance 1e-10 (docs/methods.md).
const (
	Damping      = 0.85
	PageRankTol  = 1e-10
	pageRankIter = 10000
)

// PageRank returns the PageRank of every node of ix (indexed like
// ix.Codes) with damping 0.85 and leg victims as weights. A node whose legs
// carry no victims (or that has none) is dangling: its rank is spread
// uniformly. Iteration stops when the L1 change is below n·1e-10, as
// NetworkX pagerank(G, alpha=0.85, weight="victims", tol=1e-10) does; the
// result equals NetworkX within 1e-9. Self-loops count as out-weight.
//
// The time complexity is O(E) per iteration, and the number of iterations
// is about log(tol)/log(0.85) ≈ 140.
//
// Reference: L. Page, S. Brin, R. Motwani, T. Winograd, The PageRank
// citation ranking, Stanford InfoLab 1999.
func PageRank(ctx context.Context, ix *graph.Index) ([]float64, error) {
	n := ix.N()
	if n == 0 {
		return nil, nil
	}
	outW := make([]float64, n)
	var dangling []int
	for u, arcs := range ix.Out {
		for _, a := range arcs {
			outW[u] += float64(a.Victims)
		}
		if outW[u] == 0 {
			dangling = append(dangling, u)
		}
	}
	x := make([]float64, n)
	next := make([]float64, n)
	for i := range x {
		x[i] = 1 / float64(n)
	}
	for iter := 0; iter < pageRankIter; iter++ {
		if iter%16 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var dmass float64
		for _, u := range dangling {
			dmass += x[u]
		}
		base := Damping*dmass/float64(n) + (1-Damping)/float64(n)
		for v := range next {
			next[v] = base
		}
		for u, arcs := range ix.Out {
			if outW[u] == 0 {
				continue
			}
			share := Damping * x[u] / outW[u]
			for _, a := range arcs {
				next[a.Node] += share * float64(a.Victims)
			}
		}
		var diff float64
		for i := range x {
			diff += math.Abs(next[i] - x[i])
		}
		x, next = next, x
		if diff < float64(n)*PageRankTol {
			return x, nil
		}
	}
	return nil, fmt.Errorf("%w in %d iterations", ErrNoConvergence, pageRankIter)
}
