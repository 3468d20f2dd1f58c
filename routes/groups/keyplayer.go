package groups

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
)

// DisruptBudget is how many steps (subsets times n+2t adjacency entries)
// an exact key-player search may take; a larger search is greedy.
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
// When the Σ_{j≤k} C(n,j) subsets times n+2t entries fit in
// DisruptBudget, every subset is evaluated (in order of size, then of
// node number, the first best kept: exact). Otherwise the set is built
// greedily (each step adds the member that gives the largest F) and then
// improved by swaps (the best exchange of a chosen member for another,
// until none raises F); Bound is then max over j ≤ k of
// 1 - 2·max(0, t - D_j)/((n-j)(n-j-1)), D_j the sum of the j largest
// degrees: removing j members removes at most D_j ties, and every
// remaining tie joins a pair that can reach each other.
//
// The exact time complexity is O(Σ_{j≤k} C(n,j)·(V+E)); greedy is
// O(k·V·(V+E)) plus O(k·V·(V+E)) per swap pass.
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
	subsets := subsetCount(n, k, DisruptBudget/max(entries, 1)+1)
	f := newFragmenter(adj)
	removed := make([]bool, n)
	res := &KeyPlayerSet{}
	var best score
	var bestSet []int32
	if subsets*entries <= DisruptBudget {
		res.Exact = true
		bestSet, best = []int32{}, f.components(removed, nil)
		res.Evaluated = 1
		cur := make([]int32, 0, k)
		var walk func(from int32) error
		walk = func(from int32) error {
			for v := from; v < int32(n); v++ {
				cur = append(cur, v)
				removed[v] = true
				if res.Evaluated++; res.Evaluated%4096 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				if sc := f.components(removed, nil); sc.better(best) || (len(cur) < len(bestSet) && !best.better(sc)) {
					best, bestSet = sc, slices.Clone(cur)
				}
				if len(cur) < k {
					if err := walk(v + 1); err != nil {
						return err
					}
				}
				removed[v] = false
				cur = cur[:len(cur)-1]
			}
			return nil
		}
		if err := walk(0); err != nil {
			return nil, err
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

// greedySwap builds a set of k members greedily and improves it by swaps.
func greedySwap(ctx context.Context, f *fragmenter, removed []bool, k int, evals *int64) ([]int32, score, error) {
	pb := newParallelBest(f.adj)
	set := []int32{}
	cur := f.components(removed, nil)
	for len(set) < k {
		v, sc, n := pb.best(removed, -1)
		*evals += n
		if err := ctx.Err(); err != nil {
			return nil, score{}, err
		}
		set = append(set, v)
		removed[v] = true
		cur = sc
	}
	for pass := 0; pass < 10*k; pass++ {
		bi, bv, bsc := -1, int32(-1), cur
		for i, u := range set {
			removed[u] = false
			v, sc, n := pb.best(removed, u)
			*evals += n
			removed[u] = true
			if v >= 0 && sc.better(bsc) {
				bi, bv, bsc = i, v, sc
			}
			if err := ctx.Err(); err != nil {
				return nil, score{}, err
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

// parallelBest evaluates the removal of one more member for every
// candidate, the candidates split in ranges over GOMAXPROCS workers.
type parallelBest struct {
	frs []*fragmenter
	rms [][]bool
}

func newParallelBest(adj [][]int32) *parallelBest {
	pb := &parallelBest{}
	for range runtime.GOMAXPROCS(0) {
		pb.frs = append(pb.frs, newFragmenter(adj))
		pb.rms = append(pb.rms, make([]bool, len(adj)))
	}
	return pb
}

// best returns the member v (not removed, not skip) whose removal beside
// the removed ones gives the best score, the lowest v among equals (-1
// when there is none), its score and how many were evaluated.
func (pb *parallelBest) best(removed []bool, skip int32) (int32, score, int64) {
	n := len(removed)
	w := len(pb.frs)
	type result struct {
		v     int32
		sc    score
		evals int64
	}
	res := make([]result, w)
	var wg sync.WaitGroup
	for i := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f, rm := pb.frs[i], pb.rms[i]
			copy(rm, removed)
			r := result{v: -1}
			for v := int32(i * n / w); v < int32((i+1)*n/w); v++ {
				if rm[v] || v == skip {
					continue
				}
				rm[v] = true
				sc := f.components(rm, nil)
				rm[v] = false
				r.evals++
				if r.v < 0 || sc.better(r.sc) {
					r.v, r.sc = v, sc
				}
			}
			res[i] = r
		}()
	}
	wg.Wait()
	best := result{v: -1}
	for _, r := range res {
		best.evals += r.evals
		if r.v >= 0 && (best.v < 0 || r.sc.better(best.sc)) {
			best.v, best.sc = r.v, r.sc
		}
	}
	return best.v, best.sc, best.evals
}

// order sorts set in the order a greedy choice among its members takes
// them and returns each one's gain in F; removed is all false on entry
// and on return.
func order(f *fragmenter, removed []bool, set []int32) ([]int32, []float64) {
	left := slices.Clone(set)
	slices.Sort(left)
	out, gains := []int32{}, []float64{}
	prev := f.components(removed, nil).F()
	for len(left) > 0 {
		bi, bsc := -1, score{}
		for i, v := range left {
			removed[v] = true
			sc := f.components(removed, nil)
			removed[v] = false
			if bi < 0 || sc.better(bsc) {
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
