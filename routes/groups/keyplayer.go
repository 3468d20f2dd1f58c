package groups

import (
	"context"
	"fmt"
	"slices"
)

// DisruptBudget is how many steps (depth-first searches times n+2t
// adjacency entries) an exact key-player search may take; a larger search
// is greedy.
const DisruptBudget = 300_000_000

// KeyPlayerSet is the set of at most K members whose removal fragments a
// member graph most.
type KeyPlayerSet struct {
	// Removed are the chosen members (node numbers) in the order of Gains.
	Removed []int32
	// F is Borgatti's fragmentation after their removal; Gains[i] is what
	// the i-th adds to the F of the ones before it (negative when taking
	// a member out of an isolated corner leaves fewer, better connected
	// pairs), in the order a greedy choice among them would take them.
	F     float64
	Gains []float64
	// Exact says whether every subset of at most K members was evaluated;
	// Evaluated counts the subsets evaluated; Bound is an upper bound on
	// the F of any set of at most K members (F itself when exact).
	Exact     bool
	Evaluated int64
	Bound     float64
	Method    string
}

// KeyPlayers returns the set of at most k members of the undirected
// graph adj whose removal maximises Borgatti's fragmentation F of the
// remaining members (the key player problem, KPP-Neg). F only depends on
// who can reach whom, so tie weights play no part.
//
// One depth-first search scores every set S + {v} at once
// (fragmenter.extensions), so a search of all subsets of at most k
// members costs Σ_{j<k} C(n,j) searches. When those times n+2t entries
// fit in DisruptBudget, every subset is evaluated (exact; among sets of
// equal F the smallest, then the one of lowest node numbers, is kept).
// Otherwise the set is built greedily (each step adds the member that
// gives the largest F) and then improved by swaps (the best exchange of a
// chosen member for another, until none raises F); Bound is then the
// bound of degreeBound.
//
// The exact time complexity is O(Σ_{j<k} C(n,j)·(V+E)); greedy is
// O(k·(V+E)) plus O(k·(V+E)) per swap pass.
//
// Reference: S. P. Borgatti, Identifying sets of key players in a social
// network, Computational and Mathematical Organization Theory 12, 2006.
func KeyPlayers(ctx context.Context, adj [][]int32, k int) (*KeyPlayerSet, error) {
	n := len(adj)
	k = max(0, min(k, n))
	entries := int64(n)
	for _, l := range adj {
		entries += int64(len(l))
	}
	searches := subsetCount(n, k-1, DisruptBudget/max(entries, 1)+1) // one search per subset of at most k-1
	f := newFragmenter(adj)
	removed := make([]bool, n)
	res := &KeyPlayerSet{}
	var best score
	var bestSet []int32
	if k == 0 || searches*entries <= DisruptBudget {
		res.Exact = true
		bestSet, best = []int32{}, f.components(removed, nil)
		res.Evaluated = 1
		cur := make([]int32, 0, k)
		ext := make([]score, n)
		var walk func(from int32) error
		walk = func(from int32) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			// Every set cur + {v}, v >= from, in one search.
			f.extensions(removed, ext)
			for v := from; v < int32(n); v++ {
				res.Evaluated++
				sc := ext[v]
				if sc.better(best) || (!best.better(sc) && preferSet(append(cur, v), bestSet)) {
					best, bestSet = sc, append(slices.Clone(cur), v)
				}
			}
			if len(cur)+1 >= k {
				return nil
			}
			for v := from; v < int32(n); v++ {
				cur = append(cur, v)
				removed[v] = true
				err := walk(v + 1)
				removed[v] = false
				cur = cur[:len(cur)-1]
				if err != nil {
					return err
				}
			}
			return nil
		}
		if k > 0 {
			if err := walk(0); err != nil {
				return nil, err
			}
		}
		res.Method = fmt.Sprintf("exact (all %d subsets of at most %d of %d members)", res.Evaluated, k, n)
	} else {
		var err error
		if bestSet, best, err = greedySwap(ctx, f, removed, k, &res.Evaluated); err != nil {
			return nil, err
		}
		res.Method = fmt.Sprintf("greedy with swaps (%d subsets evaluated; exact would need %.3g)", res.Evaluated, subsetsFloat(n, k))
	}
	res.F = best.F()
	res.Removed, res.Gains = order(f, removed, bestSet)
	res.Bound = res.F
	if !res.Exact {
		res.Bound = max(res.F, degreeBound(adj, k))
	}
	return res, nil
}

// greedySwap builds a set of k members greedily and improves it by swaps,
// each step one search over every candidate (fragmenter.extensions).
func greedySwap(ctx context.Context, f *fragmenter, removed []bool, k int, evals *int64) ([]int32, score, error) {
	n := len(removed)
	ext := make([]score, n)
	// bestOf is the candidate (not removed, not skip) of best score, the
	// lowest among equals, or -1.
	bestOf := func(skip int32) (int32, score) {
		f.extensions(removed, ext)
		bv := int32(-1)
		for v := range int32(n) {
			if removed[v] || v == skip {
				continue
			}
			*evals++
			if bv < 0 || ext[v].better(ext[bv]) {
				bv = v
			}
		}
		if bv < 0 {
			return -1, score{}
		}
		return bv, ext[bv]
	}
	set := []int32{}
	cur := f.components(removed, nil)
	for len(set) < k {
		v, sc := bestOf(-1)
		if v < 0 {
			break
		}
		set = append(set, v)
		removed[v] = true
		cur = sc
	}
	// At most 10k passes of k searches each, and no more searches than
	// the exact budget would allow.
	entries := int64(n)
	for _, l := range f.adj {
		entries += int64(len(l))
	}
	passes := min(int64(10*k), max(1, DisruptBudget/(entries*int64(max(k, 1)))))
	for pass := int64(0); pass < passes; pass++ {
		if err := ctx.Err(); err != nil {
			return nil, score{}, err
		}
		bi, bv, bsc := -1, int32(-1), cur
		for i, u := range set {
			removed[u] = false
			v, sc := bestOf(u)
			removed[u] = true
			if v >= 0 && sc.better(bsc) {
				bi, bv, bsc = i, v, sc
			}
		}
		if bi < 0 {
			break
		}
		removed[set[bi]] = false
		removed[bv] = true
		set[bi], cur = bv, bsc
	}
	for _, v := range set {
		removed[v] = false
	}
	return set, cur, nil
}

// preferSet reports whether a is preferred to b among sets of equal
// score: fewer members, then the lower node numbers (both sorted).
func preferSet(a, b []int32) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return slices.Compare(a, b) < 0
}

// order sorts set in the order a greedy choice among its members takes
// them and returns each one's gain in F; removed is all false on entry
// and on return.
func order(f *fragmenter, removed []bool, set []int32) ([]int32, []float64) {
	left := slices.Clone(set)
	slices.Sort(left)
	out, gains := []int32{}, []float64{}
	prev := f.components(removed, nil).F()
	ext := make([]score, len(removed))
	for len(left) > 0 {
		f.extensions(removed, ext)
		bi, bsc := -1, score{}
		for i, v := range left {
			if sc := ext[v]; bi < 0 || sc.better(bsc) {
				bi, bsc = i, sc
			}
		}
		v := left[bi]
		left = slices.Delete(left, bi, bi+1)
		removed[v] = true
		out = append(out, v)
		gains = append(gains, bsc.F()-prev)
		prev = bsc.F()
	}
	for _, v := range out {
		removed[v] = false
	}
	return out, gains
}

// degreeBound bounds the F of any set of at most k members: removing j
// members of the j largest degrees summing to D_j removes at most D_j
// ties and leaves at most C + D_j - j components (C before), so the
// remaining n-j members keep at least 2·(t - D_j) reaching ordered pairs
// (each remaining tie joins one) and at least those of n-j members split
// as evenly as possible into C + D_j - j parts; F_j is 1 minus the larger
// of the two over (n-j)(n-j-1), and the bound the largest F_j.
func degreeBound(adj [][]int32, k int) float64 {
	n := len(adj)
	deg := make([]int, n)
	t := 0
	for v, l := range adj {
		deg[v] = len(l)
		t += len(l)
	}
	t /= 2
	c0 := components(adj)
	slices.Sort(deg)
	slices.Reverse(deg)
	bound, d := 0.0, 0
	for j := 0; j <= k && j <= n; j++ {
		if j > 0 {
			d += deg[j-1]
		}
		left := int64(n - j)
		if left < 2 {
			return 1
		}
		parts := min(left, int64(max(1, c0+d-j)))
		q, r := left/parts, left%parts
		even := r*(q+1)*q + (parts-r)*q*(q-1)
		pairs := max(2*int64(max(0, t-d)), even)
		bound = max(bound, 1-float64(pairs)/float64(left*(left-1)))
	}
	return bound
}

// subsetCount is Σ_{j≤k} C(n,j), or cap when it exceeds cap.
func subsetCount(n, k int, limit int64) int64 {
	total, c := int64(1), int64(1)
	for j := 1; j <= k; j++ {
		// c = C(n, j) = C(n, j-1)·(n-j+1)/j, stopping before an overflow.
		if c > limit*int64(j)/int64(n-j+1)+1 {
			return limit
		}
		c = c * int64(n-j+1) / int64(j)
		total += c
		if total >= limit {
			return limit
		}
	}
	return total
}

// subsetsFloat is Σ_{j≤k} C(n,j) as a float (for the method's text).
func subsetsFloat(n, k int) float64 {
	total, c := 1.0, 1.0
	for j := 1; j <= k; j++ {
		c = c * float64(n-j+1) / float64(j)
		total += c
	}
	return total
}
