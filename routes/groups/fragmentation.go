package groups

// fragmenter measures the connectivity of a member graph with some members
// removed, reusing its buffers from call to call (one per goroutine).
type fragmenter struct {
	adj   [][]int32
	mark  []int32 // component stamp of each node; != cur: not seen yet
	cur   int32
	stack []int32
	dist  []int32
	queue []int32
}

func newFragmenter(adj [][]int32) *fragmenter {
	return &fragmenter{adj: adj, mark: make([]int32, len(adj)), dist: make([]int32, len(adj))}
}

// score is Borgatti's F as the exact fraction 1 - pairs/total: pairs is
// the number of ordered pairs of remaining members that reach each other
// (Σ s(s-1) over the components of sizes s) and total n(n-1) for the n
// remaining members. Scores compare exactly in integers.
type score struct{ pairs, total int64 }

// F is the fragmentation; with fewer than two members left it is 1
// (no pair of members can reach each other).
func (s score) F() float64 {
	if s.total == 0 {
		return 1
	}
	return 1 - float64(s.pairs)/float64(s.total)
}

// better reports whether s fragments more than t (a larger F).
func (s score) better(t score) bool {
	if s.total == 0 || t.total == 0 {
		return s.total == 0 && t.total != 0
	}
	return s.pairs*t.total < t.pairs*s.total
}

// components visits the components of the graph without the removed
// members and calls visit (when not nil) with each one's members; it
// returns the score. The time complexity is O(V+E).
func (f *fragmenter) components(removed []bool, visit func([]int32)) score {
	var sc score
	n := int64(0)
	for s := range f.adj {
		if removed[s] {
			continue
		}
		n++
	}
	f.cur++
	stamp := f.cur
	for s := range f.adj {
		if removed[s] || f.mark[s] == stamp {
			continue
		}
		f.mark[s] = stamp
		start := len(f.queue)
		f.queue = append(f.queue[:start], int32(s))
		f.stack = append(f.stack[:0], int32(s))
		for len(f.stack) > 0 {
			v := f.stack[len(f.stack)-1]
			f.stack = f.stack[:len(f.stack)-1]
			for _, w := range f.adj[v] {
				if !removed[w] && f.mark[w] != stamp {
					f.mark[w] = stamp
					f.stack = append(f.stack, w)
					f.queue = append(f.queue, w)
				}
			}
		}
		size := int64(len(f.queue) - start)
		sc.pairs += size * (size - 1)
		if visit != nil {
			visit(f.queue[start:])
		}
		f.queue = f.queue[:0]
	}
	if n >= 2 {
		sc.total = n * (n - 1)
	}
	return sc
}

// distanceFragmentation is Borgatti's distance-weighted fragmentation
// over the remaining members: 1 - Σ 1/d(i,j) / (n(n-1)) over the ordered
// pairs of the n remaining members, d the number of ties on a shortest
// path (1/d = 0 when j cannot be reached); 1 with fewer than two members.
// One breadth-first search per member: O(V·E).
func (f *fragmenter) distanceFragmentation(removed []bool) float64 {
	n := 0
	for v := range f.adj {
		if !removed[v] {
			n++
		}
	}
	if n < 2 {
		return 1
	}
	for i := range f.dist {
		f.dist[i] = -1
	}
	sum := 0.0
	for s := range f.adj {
		if removed[s] {
			continue
		}
		f.queue = append(f.queue[:0], int32(s))
		f.dist[s] = 0
		for head := 0; head < len(f.queue); head++ {
			v := f.queue[head]
			for _, w := range f.adj[v] {
				if !removed[w] && f.dist[w] < 0 {
					f.dist[w] = f.dist[v] + 1
					sum += 1 / float64(f.dist[w])
					f.queue = append(f.queue, w)
				}
			}
		}
		for _, v := range f.queue {
			f.dist[v] = -1
		}
	}
	f.queue = f.queue[:0]
	return 1 - sum/float64(n*(n-1))
}
