package routes

import (
	"cmp"
	"math"
	"slices"

	"github.com/tipgraph/tipgraph/graph"
)

// capacityRun is Divert's capacity mode: every leg carries at most
// floor(F × its observed victims); the records that are not affected keep
// their flow and use capacity first; the displaced victims of the affected
// routes are then sent, one origin-destination pair at a time (largest
// displaced volume first, then by codes), by successive shortest paths over
// the capacity left: a min-cost flow for each pair, a sequential
// approximation of the multi-commodity problem. What does not fit is
// disrupted by capacity when the pair has a path ignoring capacities, and
// disrupted as in Divert when it has none. It fills res.Reroutes and
// ev.delta.
//
// Each augmentation runs a queue-based Bellman-Ford on the pair's residual
// graph (its reverse arcs have negative lengths), so the time complexity
// is O(P·F·V·E) for P pairs of at most F augmentations each, in the worst
// case; usually F is 1 or 2 and a Bellman-Ford pass touches each arc a few
// times.
//
// Reference: R. K. Ahuja, T. L. Magnanti and J. B. Orlin, Network Flows,
// Prentice Hall 1993, section 9.7 (successive shortest paths).
func (ev *evaluator) capacityRun(removed []int32, factor float64, res *Diversion) outcome {
	p := ev.p
	ix := p.ix
	ev.begin(removed)
	defer ev.end(removed)
	var o outcome

	// Capacity left once the unaffected records keep their legs.
	residual := make([]int, len(ix.Legs))
	for e, l := range ix.Legs {
		residual[e] = int(math.Floor(factor * float64(l.Victims)))
		residual[e] -= l.Victims
	}
	type commodity struct {
		o, d      int32
		displaced int
		routes    []int32
	}
	pairs := map[[2]int32]*commodity{}
	var order []*commodity
	ev.affected(removed, func(r int32) {
		rt := &p.routes[r]
		o.records += rt.records
		o.affected += rt.victims
		o.deterred += rt.victims - rt.displaced
		prev := rt.o
		for i := 0; i <= len(rt.via); i++ {
			next := rt.d
			if i < len(rt.via) {
				next = rt.via[i]
				ev.delta[next] -= rt.victims
			}
			residual[legID(ix.Out[prev], next)] += rt.victims // the affected flow leaves its legs
			prev = next
		}
		k := [2]int32{rt.o, rt.d}
		c := pairs[k]
		if c == nil {
			c = &commodity{o: rt.o, d: rt.d}
			pairs[k] = c
			order = append(order, c)
		}
		c.displaced += rt.displaced
		c.routes = append(c.routes, r)
	})
	for u, arcs := range ix.Out {
		for _, a := range arcs {
			if residual[a.Leg] < 0 || ev.removed[u] || ev.removed[a.Node] {
				residual[a.Leg] = 0
			}
		}
	}
	slices.SortFunc(order, func(a, b *commodity) int {
		if c := cmp.Compare(b.displaced, a.displaced); c != 0 {
			return c
		}
		if c := cmp.Compare(a.o, b.o); c != 0 {
			return c
		}
		return cmp.Compare(a.d, b.d)
	})

	mc := newMinCost(ev, residual)
	for _, c := range order {
		slices.SortFunc(c.routes, func(a, b int32) int {
			ra, rb := &p.routes[a], &p.routes[b]
			if x := cmp.Compare(rb.displaced, ra.displaced); x != 0 {
				return x
			}
			return slices.Compare(ra.via, rb.via)
		})
		reachable := ev.newPath(c.o, c.d) != nil
		paths := mc.route(c.o, c.d, c.displaced)
		// Hand the paths out to the routes of the pair in order.
		pi := 0
		for _, r := range c.routes {
			rt := &p.routes[r]
			old := p.codes(rt.o, rt.via, rt.d)
			need, first := rt.displaced, true
			entry := func(newPath []string, n int, byCap bool) {
				rr := Reroute{Origin: ix.Codes[rt.o], Destination: ix.Codes[rt.d], OldPath: old, NewPath: newPath, Victims: graph.Count(n), ByCapacity: byCap}
				if first {
					rr.Deterred, rr.Records, first = graph.Count(rt.victims-rt.displaced), rt.records, false
				}
				res.Reroutes = append(res.Reroutes, rr)
			}
			for need > 0 && pi < len(paths) {
				n := min(need, paths[pi].victims)
				entry(p.pathCodes(paths[pi].nodes), n, false)
				o.rerouted += n
				for _, v := range paths[pi].nodes[1 : len(paths[pi].nodes)-1] {
					ev.delta[v] += n
				}
				need -= n
				paths[pi].victims -= n
				if paths[pi].victims == 0 {
					pi++
				}
			}
			if need > 0 || first {
				entry(nil, need, need > 0 && reachable)
				o.disrupted += need
				if reachable {
					o.byCapacity += need
				}
			}
		}
	}
	return o
}

// legID returns the leg of the arc to v in arcs (sorted by node).
func legID(arcs []graph.Arc, v int32) int32 {
	i, _ := slices.BinarySearchFunc(arcs, v, func(a graph.Arc, v int32) int { return cmp.Compare(a.Node, v) })
	return arcs[i].Leg
}

// flowPath is one path of a pair's flow and the victims on it.
type flowPath struct {
	nodes   []int32
	victims int
}

// minCost sends one pair's demand at a time over shared residual
// capacities.
type minCost struct {
	ev       *evaluator
	residual []int
	flow     []int // this pair's flow per leg
	dist     []float64
	prevLeg  []int32 // leg used to reach the node, -1: none
	prevRev  []bool  // whether that leg was used backwards
	inQueue  []bool
	queue    []int32
	// legFrom[e] and legTo[e] are the node ids of leg e's ends.
	legFrom, legTo []int32
}

func newMinCost(ev *evaluator, residual []int) *minCost {
	ix := ev.p.ix
	n := ix.N()
	mc := &minCost{
		ev: ev, residual: residual, flow: make([]int, len(residual)),
		dist: make([]float64, n), prevLeg: make([]int32, n), prevRev: make([]bool, n), inQueue: make([]bool, n),
		legFrom: make([]int32, len(ix.Legs)), legTo: make([]int32, len(ix.Legs)),
	}
	for u, arcs := range ix.Out {
		for _, a := range arcs {
			mc.legFrom[a.Leg], mc.legTo[a.Leg] = int32(u), a.Node
		}
	}
	return mc
}

// eps absorbs rounding in sums of 1/victims, so that zero-length cycles
// of reverse and forward arcs are not taken as improvements.
const eps = 1e-12

// route sends up to demand units o -> d and returns the flow decomposed
// into paths; it commits the flow to the residual capacities.
func (mc *minCost) route(o, d int32, demand int) []flowPath {
	ix := mc.ev.p.ix
	if o == d {
		for _, a := range ix.Out[o] {
			if a.Node == o && !math.IsInf(mc.ev.p.cost.length(a), 1) && mc.residual[a.Leg] > 0 {
				n := min(demand, mc.residual[a.Leg])
				mc.residual[a.Leg] -= n
				return []flowPath{{[]int32{o, o}, n}}
			}
		}
		return nil
	}
	if mc.ev.removed[o] || mc.ev.removed[d] {
		return nil
	}
	clear(mc.flow)
	sent := 0
	for sent < demand && mc.shortest(o, d) {
		push := demand - sent
		for v := d; v != o; {
			e := mc.prevLeg[v]
			if mc.prevRev[v] { // leg e = v -> u used backwards from u
				push = min(push, mc.flow[e])
				v = mc.legTo[e]
			} else {
				push = min(push, mc.residual[e]-mc.flow[e])
				v = mc.legFrom[e]
			}
		}
		for v := d; v != o; {
			e := mc.prevLeg[v]
			if mc.prevRev[v] {
				mc.flow[e] -= push
				v = mc.legTo[e]
			} else {
				mc.flow[e] += push
				v = mc.legFrom[e]
			}
		}
		sent += push
	}
	// Decompose the flow into paths, following the first leg with flow
	// in neighbour order (there are no cycles: every leg has a positive
	// length), and commit it to the residual capacities.
	var paths []flowPath
	for sent > 0 {
		nodes := []int32{o}
		var legs []int32
		push := sent
		for v := o; v != d; {
			next := int32(-1)
			for _, a := range ix.Out[v] {
				if mc.flow[a.Leg] > 0 {
					next = a.Leg
					break
				}
			}
			push = min(push, mc.flow[next])
			legs = append(legs, next)
			v = mc.legTo[next]
			nodes = append(nodes, v)
		}
		for _, e := range legs {
			mc.flow[e] -= push
			mc.residual[e] -= push
		}
		paths = append(paths, flowPath{nodes, push})
		sent -= push
	}
	return paths
}

// shortest runs a queue-based Bellman-Ford from o over the residual graph
// of the current pair: forward arcs with capacity left (length as in
// Divert), and reverse arcs of the pair's flow (negative length). It
// reports whether d is reachable; prevLeg and prevRev give the path.
func (mc *minCost) shortest(o, d int32) bool {
	ix := mc.ev.p.ix
	c := mc.ev.p.cost
	for i := range mc.dist {
		mc.dist[i], mc.prevLeg[i], mc.prevRev[i], mc.inQueue[i] = math.Inf(1), -1, false, false
	}
	mc.dist[o] = 0
	mc.queue = append(mc.queue[:0], o)
	mc.inQueue[o] = true
	for head := 0; head < len(mc.queue); head++ {
		v := mc.queue[head]
		mc.inQueue[v] = false
		relax := func(w int32, e int32, l float64, rev bool) {
			if mc.ev.removed[w] {
				return
			}
			if nd := mc.dist[v] + l; nd < mc.dist[w]-eps {
				mc.dist[w], mc.prevLeg[w], mc.prevRev[w] = nd, e, rev
				if !mc.inQueue[w] {
					mc.inQueue[w] = true
					mc.queue = append(mc.queue, w)
				}
			}
		}
		for _, a := range ix.Out[v] {
			if mc.residual[a.Leg]-mc.flow[a.Leg] > 0 {
				if l := c.length(a); !math.IsInf(l, 1) {
					relax(a.Node, a.Leg, l, false)
				}
			}
		}
		for _, a := range ix.In[v] {
			if mc.flow[a.Leg] > 0 {
				relax(a.Node, a.Leg, -c.length(a), true)
			}
		}
	}
	return !math.IsInf(mc.dist[d], 1)
}
