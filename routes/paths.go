package routes

import (
	"context"
	"math"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
)

// Path is one path through the leg graph.
type Path struct {
	Nodes []string `json:"path"`
	// Cost is hops, or the sum of 1/victims of the legs (by victims: a
	// value derived from victim counts).
	Cost graph.Share `json:"cost"`
	Hops int         `json:"hops"`
	// MinLegVictims is the victims of the path's thinnest leg.
	MinLegVictims graph.Count `json:"min_leg_victims"`
	byVictims     bool
}

// Suppress hides a cost by victims when the path's thinnest leg is hidden
// (1/victims of a one-leg path is its count).
func (p *Path) Suppress(s *privacy.State) {
	if p.byVictims && p.MinLegVictims.IsHidden() {
		s.HideShare(&p.Cost)
	}
}

// maxCandidates bounds how many paths KPaths enumerates while looking for
// paths through a via country.
const maxCandidates = 10000

// KPaths returns up to k loopless paths from -> to in increasing cost
// (hops, or the sum of 1/victims with ByVictims); equal costs are ordered
// by their country codes. With via, only paths that pass through every via
// country count (Yen's enumeration continues past other paths, up to 10,000
// of them). It returns *NoPathError when there is none.
//
// The time complexity is O(K·V·(E + V log V)) for the K paths enumerated.
//
// Reference: J. Y. Yen, Finding the k shortest loopless paths in a
// network, Management Science 17(11), 1971.
func KPaths(ctx context.Context, ix *graph.Index, from, to string, k int, c Cost, via ...string) ([]Path, error) {
	return KPathsAvoiding(ctx, ix, from, to, k, c, nil, via...)
}

// KPathsAvoiding is KPaths on the leg graph without the countries of
// avoid as transit countries (a what-if removal): no path passes through
// one of them, though from and to themselves may be among them, as a
// removed country still sends and receives (the diversion rule). Codes
// not in the graph are ignored. The cost is that of KPaths.
func KPathsAvoiding(ctx context.Context, ix *graph.Index, from, to string, k int, c Cost, avoid []string, via ...string) ([]Path, error) {
	if k < 1 {
		return nil, ErrBadK
	}
	s, t, err := endpoints(ix, from, to)
	if err != nil {
		return nil, err
	}
	var viaIDs []int32
	for _, v := range via {
		id, ok := ix.ID(v)
		if !ok {
			return nil, &NoPathError{From: from, To: to, Via: via, Missing: v}
		}
		viaIDs = append(viaIDs, int32(id))
	}
	y := newYen(ix, c, int32(s), int32(t))
	for _, code := range avoid {
		if id, ok := ix.ID(code); ok && id != s && id != t {
			if y.avoid == nil {
				y.avoid = make([]bool, ix.N())
			}
			y.avoid[id] = true
		}
	}
	var out []Path
	n := 0
	for ; len(out) < k && n < maxCandidates; n++ {
		if n%32 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		p, ok := y.next()
		if !ok {
			break
		}
		if !containsAll(p.nodes, viaIDs) {
			continue
		}
		out = append(out, y.path(p))
	}
	if len(out) == 0 {
		return nil, &NoPathError{From: from, To: to, Via: via, Reach: Reachable(ix, from), Paths: n}
	}
	return out, nil
}

func endpoints(ix *graph.Index, from, to string) (int, int, error) {
	s, ok := ix.ID(from)
	if !ok {
		return 0, 0, &NoPathError{From: from, To: to, Missing: from}
	}
	t, ok := ix.ID(to)
	if !ok {
		return 0, 0, &NoPathError{From: from, To: to, Missing: to}
	}
	return s, t, nil
}

func containsAll(nodes, want []int32) bool {
	for _, w := range want {
		if !slices.Contains(nodes, w) {
			return false
		}
	}
	return true
}

type cand struct {
	nodes []int32
	cost  float64
	key   string
}

// yen enumerates loopless s-t paths in increasing cost.
type yen struct {
	ix      *graph.Index
	cost    Cost
	s, t    int32
	found   []cand
	pending minHeap[cand]
	seen    map[string]bool
	sp      *spt
	// avoid marks the nodes no path may pass through (nil: none).
	avoid []bool
}

func newYen(ix *graph.Index, c Cost, s, t int32) *yen {
	return &yen{ix: ix, cost: c, s: s, t: t, seen: map[string]bool{}, sp: newSPT(ix, c), pending: minHeap[cand]{less: candLess}}
}

func (y *yen) key(nodes []int32) string {
	var b strings.Builder
	for _, n := range nodes {
		b.WriteString(y.ix.Codes[n])
		b.WriteByte('>')
	}
	return b.String()
}

// pathCost sums the leg lengths along nodes, source first.
func (y *yen) pathCost(nodes []int32) float64 {
	var c float64
	for i := 0; i+1 < len(nodes); i++ {
		c += y.cost.length(y.arc(nodes[i], nodes[i+1]))
	}
	return c
}

func (y *yen) arc(u, v int32) graph.Arc {
	arcs := y.ix.Out[u]
	i, _ := slices.BinarySearchFunc(arcs, v, func(a graph.Arc, v int32) int { return int(a.Node - v) })
	return arcs[i]
}

func (y *yen) push(nodes []int32) {
	k := y.key(nodes)
	if y.seen[k] {
		return
	}
	y.seen[k] = true
	y.pending.push(cand{nodes, y.pathCost(nodes), k})
}

// next returns the next path in cost order.
func (y *yen) next() (cand, bool) {
	if len(y.found) == 0 {
		if p := y.sp.path(y.s, y.t, y.avoid, nil); p != nil {
			y.push(p)
		}
	} else {
		y.spurs(y.found[len(y.found)-1].nodes)
	}
	if y.pending.Len() == 0 {
		return cand{}, false
	}
	p := y.pending.pop()
	y.found = append(y.found, p)
	return p, true
}

// spurs adds the deviations of last to the candidates.
func (y *yen) spurs(last []int32) {
	blockedNode := make([]bool, y.ix.N())
	copy(blockedNode, y.avoid)
	for i := 0; i+1 < len(last); i++ {
		root := last[:i+1]
		blockedArc := map[[2]int32]bool{}
		for _, p := range y.found {
			if len(p.nodes) > i+1 && slices.Equal(p.nodes[:i+1], root) {
				blockedArc[[2]int32{p.nodes[i], p.nodes[i+1]}] = true
			}
		}
		for _, n := range root[:i] {
			blockedNode[n] = true
		}
		spur := y.sp.path(last[i], y.t, blockedNode, blockedArc)
		for _, n := range root[:i] {
			blockedNode[n] = false
		}
		if spur == nil {
			continue
		}
		full := append(slices.Clone(root[:i]), spur...)
		y.push(full)
	}
}

func (y *yen) path(c cand) Path {
	p := Path{Cost: graph.Share(c.cost), Hops: len(c.nodes) - 1, MinLegVictims: math.MaxInt64, byVictims: y.cost == ByVictims}
	for i, n := range c.nodes {
		p.Nodes = append(p.Nodes, y.ix.Codes[n])
		if i > 0 {
			p.MinLegVictims = min(p.MinLegVictims, graph.Count(y.arc(c.nodes[i-1], n).Victims))
		}
	}
	if p.Hops == 0 {
		p.MinLegVictims = 0
	}
	return p
}

// spt finds one shortest path with Dijkstra, reusing its buffers.
type spt struct {
	ix   *graph.Index
	cost Cost
	dist []float64
	prev []int32
	done []bool
	pq   minHeap[distItem]
	// hops, when set (by hops, on rows a plan shares), finds the trees
	// breadth first (hoptree.go) instead of Dijkstra.
	hops *hopTree
}

func newSPT(ix *graph.Index, c Cost) *spt {
	n := ix.N()
	return &spt{ix: ix, cost: c, dist: make([]float64, n), prev: make([]int32, n), done: make([]bool, n), pq: minHeap[distItem]{less: distLess}}
}

// path returns the cheapest s-t path avoiding blocked nodes and arcs, or
// nil. Ties go to the predecessor settled first (lowest distance, then
// lowest id), so the result is deterministic.
func (sp *spt) path(s, t int32, blockedNode []bool, blockedArc map[[2]int32]bool) []int32 {
	sp.run(s, t, blockedNode, blockedArc)
	if !sp.done[t] || s == t {
		return nil
	}
	var p []int32
	for v := t; v != s; v = sp.prev[v] {
		p = append(p, v)
	}
	p = append(p, s)
	slices.Reverse(p)
	return p
}

// tree runs Dijkstra from s over the whole graph, avoiding blocked nodes,
// and leaves in sp.prev and sp.done a shortest-path tree: the path it
// gives to any node t is the one path(s, t, blockedNode, nil) returns,
// since Dijkstra settles the same nodes in the same order up to t.
func (sp *spt) tree(s int32, blockedNode []bool) {
	if sp.hops != nil {
		sp.hops.tree(s, blockedNode, sp.prev, sp.done, sp.dist)
		return
	}
	sp.run(s, -1, blockedNode, nil)
}

// run is Dijkstra from s, stopping when t is settled (never when t < 0).
func (sp *spt) run(s, t int32, blockedNode []bool, blockedArc map[[2]int32]bool) {
	for i := range sp.dist {
		sp.dist[i], sp.prev[i], sp.done[i] = math.Inf(1), -1, false
	}
	sp.dist[s] = 0
	sp.pq.reset()
	sp.pq.push(distItem{0, s, s})
	for sp.pq.Len() > 0 {
		it := sp.pq.pop()
		v := it.node
		if sp.done[v] {
			continue
		}
		sp.done[v] = true
		if v == t {
			break
		}
		for _, a := range sp.ix.Out[v] {
			w := a.Node
			if sp.done[w] || (blockedNode != nil && blockedNode[w]) || blockedArc[[2]int32{v, w}] {
				continue
			}
			l := sp.cost.length(a)
			if math.IsInf(l, 1) {
				continue
			}
			if d := it.dist + l; d < sp.dist[w] {
				sp.dist[w], sp.prev[w] = d, v
				sp.pq.push(distItem{d, w, v})
			}
		}
	}
}
