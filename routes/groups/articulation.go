package groups

import (
	"cmp"
	"slices"
)

// CutPoints returns the articulation points of the undirected graph adj
// (adj[v] lists the neighbours of v, every edge in both lists): the nodes
// whose removal leaves more connected components than before, in
// ascending order, and the bridges, the edges whose removal does, as
// [2]int32{u, v} with u < v in ascending order. They equal NetworkX
// articulation_points and bridges on the same graph.
//
// The depth-first search keeps its own stack, so a graph of any size
// (a 50,000-person network is a path of 50,000 calls deep at worst)
// cannot overflow the goroutine stack. Repeated edges count once for
// articulation points; a repeated edge is never a bridge. The time
// complexity is O(V+E).
//
// Reference: J. Hopcroft and R. Tarjan, Algorithm 447: efficient
// algorithms for graph manipulation, Communications of the ACM 16(6),
// 1973.
func CutPoints(adj [][]int32) (points []int32, bridges [][2]int32) {
	n := len(adj)
	disc := make([]int32, n) // discovery time + 1; 0 = not visited
	low := make([]int32, n)
	isCut := make([]bool, n)
	type frame struct {
		v, parent int32
		next      int32 // index of the next neighbour to look at
		skipped   bool  // the edge to parent was skipped once
	}
	var stack []frame
	t := int32(0)
	for root := range int32(n) {
		if disc[root] != 0 {
			continue
		}
		t++
		disc[root], low[root] = t, t
		stack = append(stack[:0], frame{v: root, parent: -1})
		children := 0
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			v := f.v
			if int(f.next) < len(adj[v]) {
				w := adj[v][f.next]
				f.next++
				if w == f.parent && !f.skipped {
					f.skipped = true // a second edge to the parent is a real back edge
					continue
				}
				if disc[w] == 0 {
					t++
					disc[w], low[w] = t, t
					if v == root {
						children++
					}
					stack = append(stack, frame{v: w, parent: v})
				} else if disc[w] < low[v] {
					low[v] = disc[w]
				}
				continue
			}
			// v is finished: report to its parent.
			stack = stack[:len(stack)-1]
			if f.parent < 0 {
				continue
			}
			p := f.parent
			if low[v] < low[p] {
				low[p] = low[v]
			}
			if p != root && low[v] >= disc[p] {
				isCut[p] = true
			}
			if low[v] > disc[p] {
				bridges = append(bridges, [2]int32{min(p, v), max(p, v)})
			}
		}
		if children > 1 {
			isCut[root] = true
		}
	}
	for v, c := range isCut {
		if c {
			points = append(points, int32(v))
		}
	}
	sortPairs(bridges)
	return points, bridges
}

func sortPairs(ps [][2]int32) {
	slices.SortFunc(ps, func(a, b [2]int32) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
}
