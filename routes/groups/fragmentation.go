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
	// extensions' depth-first search: discovery time, low point, subtree
	// size, members in pieces cut off, and the change in reaching pairs.
	disc, low, sub, piece []int32
	delta                 []int64
	frames                []dfsFrame
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

// extensions sets out[v], for every member v not removed, to the score
// of the graph with v removed too (out of removed members is left as it
// is), in one depth-first search: removing v leaves, of its component of
// size s, the subtrees of its depth-first children c with low(c) >=
// disc(v) as pieces and the rest of the component as one more (as
// Hopcroft and Tarjan find cut points). The time complexity is O(V+E).
func (f *fragmenter) extensions(removed []bool, out []score) {
	n := len(f.adj)
	if len(f.disc) != n {
		f.disc, f.low, f.sub, f.piece = make([]int32, n), make([]int32, n), make([]int32, n), make([]int32, n)
		f.delta = make([]int64, n)
	}
	left := int64(0)
	for v := range n {
		f.disc[v], f.piece[v], f.delta[v] = 0, 0, 0
		if !removed[v] {
			left++
		}
	}
	stack := f.frames
	pairs := int64(0)
	t := int32(0)
	for root := range int32(n) {
		if removed[root] || f.disc[root] != 0 {
			continue
		}
		start := len(f.queue)
		t++
		f.disc[root], f.low[root], f.sub[root] = t, t, 1
		f.queue = append(f.queue, root)
		stack = append(stack[:0], dfsFrame{root, -1, 0})
		for len(stack) > 0 {
			fr := &stack[len(stack)-1]
			v := fr.v
			if int(fr.next) < len(f.adj[v]) {
				w := f.adj[v][fr.next]
				fr.next++
				switch {
				case removed[w] || w == fr.parent:
				case f.disc[w] == 0:
					t++
					f.disc[w], f.low[w], f.sub[w] = t, t, 1
					f.queue = append(f.queue, w)
					stack = append(stack, dfsFrame{w, v, 0})
				case f.disc[w] < f.low[v]:
					f.low[v] = f.disc[w]
				}
				continue
			}
			stack = stack[:len(stack)-1]
			if p := fr.parent; p >= 0 {
				f.sub[p] += f.sub[v]
				f.low[p] = min(f.low[p], f.low[v])
				if f.low[v] >= f.disc[p] {
					s := int64(f.sub[v])
					f.piece[p] += f.sub[v]
					f.delta[p] += s * (s - 1)
				}
			}
		}
		s := int64(f.sub[root])
		pairs += s * (s - 1)
		for _, v := range f.queue[start:] {
			rest := s - 1 - int64(f.piece[v])
			f.delta[v] += rest*(rest-1) - s*(s-1)
		}
	}
	total := int64(0)
	if left-1 >= 2 {
		total = (left - 1) * (left - 2)
	}
	for _, v := range f.queue {
		out[v] = score{pairs + f.delta[v], total}
	}
	f.queue, f.frames = f.queue[:0], stack[:0]
}

// dfsFrame is a member on the stack of extensions' depth-first search.
type dfsFrame struct{ v, parent, next int32 }
