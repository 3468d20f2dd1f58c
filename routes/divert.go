package routes

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"unsafe"

	"github.com/tipgraph/tipgraph/graph"
)

// DivertOptions are the parameters of a diversion what-if.
type DivertOptions struct {
	// Remove lists the transit countries that close (codes). Countries
	// absent from the leg graph are allowed and change nothing.
	Remove []string
	// Displacement is the share of an affected record's victims that
	// moves to another route, from 0 to 1; the rest is deterred.
	Displacement float64
	// Cost is the length of a leg when looking for the new route: hops,
	// or 1/victims of the leg before the diversion.
	Cost Cost
	// Capacity, when > 0, limits every leg to Capacity times its
	// observed victims and reroutes by min-cost flow (see Divert).
	Capacity float64
}

func (o *DivertOptions) check() error {
	if math.IsNaN(o.Displacement) || o.Displacement < 0 || o.Displacement > 1 {
		return fmt.Errorf("%w, got %v", ErrBadDisplacement, o.Displacement)
	}
	if math.IsNaN(o.Capacity) || math.IsInf(o.Capacity, 0) || o.Capacity < 0 {
		return fmt.Errorf("%w, got %v", ErrBadCapacity, o.Capacity)
	}
	return nil
}

// Diversion is the outcome of removing transit countries.
type Diversion struct {
	Removed      []string `json:"removed"`
	Displacement float64  `json:"displacement"`
	By           string   `json:"by"`
	// Capacity is the capacity factor, 0 when legs are unlimited.
	Capacity float64 `json:"capacity"`
	// Records is the number of affected flow records.
	Records int `json:"records"`
	// Affected = Rerouted + Deterred + Disrupted, in victims.
	Affected  graph.Count `json:"affected"`
	Rerouted  graph.Count `json:"rerouted"`
	Deterred  graph.Count `json:"deterred"`
	Disrupted graph.Count `json:"disrupted"`
	// DisruptedByCapacity is the part of Disrupted that had a path but
	// found no capacity left on it (capacity mode only).
	DisruptedByCapacity graph.Count `json:"disrupted_by_capacity"`
	// Countries lists every country with transit before or after,
	// largest absolute change first, then by code.
	Countries []TransitChange `json:"countries"`
	// Reroutes has one entry per distinct affected route (and, in
	// capacity mode, per new path it was split over), most victims
	// first.
	Reroutes []Reroute `json:"reroutes"`
}

// TransitChange is a country's transit volume before and after.
type TransitChange struct {
	Country       string      `json:"country"`
	TransitBefore graph.Count `json:"transit_before"`
	TransitAfter  graph.Count `json:"transit_after"`
	Delta         graph.Count `json:"delta"`
}

// Reroute says where the displaced victims of one observed route go.
type Reroute struct {
	Origin      string   `json:"origin"`
	Destination string   `json:"destination"`
	OldPath     []string `json:"old_path"`
	// NewPath is nil (JSON null) when the victims are disrupted.
	NewPath []string `json:"new_path"`
	// Victims moved to NewPath (or disrupted when it is nil).
	Victims graph.Count `json:"victims"`
	// Deterred victims of the same records; Records counts them.
	Deterred graph.Count `json:"deterred"`
	Records  int         `json:"records"`
	// ByCapacity: the victims had a path but no capacity left.
	ByCapacity bool `json:"by_capacity,omitempty"`
}

// Divert removes the transit countries opt.Remove from the leg graph and
// re-routes the flow records that passed through them.
//
// A record is affected when a removed country is one of its via
// countries (a removed origin or destination does not affect it). Of its
// victims v, displaced = round-half-to-even(v × Displacement) move and
// v - displaced are deterred. The displaced victims take the cheapest
// path from the record's origin to its destination in the leg graph minus
// every leg touching a removed country (the filtered leg graph, so a
// vector filter limits rerouting to legs of that vector), with leg length
// hops or 1/victims before the diversion, ties broken by country codes as
// in KPaths; with no such path they are disrupted. A domestic record
// (origin = destination) can only fall back on the domestic leg.
// Transit after = transit before - the affected victims on their old via
// countries + the rerouted victims on the via countries of the new paths.
//
// With opt.Capacity = F > 0, a leg carries at most F × its observed
// victims; the unaffected records keep their flow and use capacity first,
// then the displaced victims are routed by successive shortest paths
// (min-cost flow), one origin-destination pair at a time, largest first:
// a sequential approximation of multi-commodity flow. Displaced victims
// that do not fit are disrupted by capacity.
//
// The time complexity is O(R·L) to compact the R records of at most L
// legs, then O(A·L + S·(E + V log V)) for A affected distinct routes from
// S distinct origins (one Dijkstra tree per origin, shared by all its
// destinations). Capacity mode adds a Bellman-Ford per augmentation.
//
// Reference: E. W. Dijkstra, A note on two problems in connexion with
// graphs, Numerische Mathematik 1, 1959; R. K. Ahuja, T. L. Magnanti and
// J. B. Orlin, Network Flows, Prentice Hall 1993, ch. 9 (successive
// shortest paths).
func Divert(ctx context.Context, lg *graph.LegGraph, opt DivertOptions) (*Diversion, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	w, err := NewWhatIf(lg, opt.Displacement, opt.Cost)
	if err != nil {
		return nil, err
	}
	return w.Divert(ctx, opt.Remove, opt.Capacity)
}

// WhatIf is a leg graph's records compacted into distinct routes with
// integer ids, for any number of diversions at one displacement and cost.
// Building it is most of the cost of one Divert (about 0.6 s of 0.8 s on
// 1,000,000 records): a caller that asks for several (the report: the
// sweep and one detailed diversion) builds it once. It is read-only and
// safe for concurrent use.
type WhatIf struct {
	p            *plan
	displacement float64
	cost         Cost
}

// NewWhatIf compacts lg's records for diversions with displacement and
// cost c (see DivertOptions).
func NewWhatIf(lg *graph.LegGraph, displacement float64, c Cost) (*WhatIf, error) {
	if err := (&DivertOptions{Displacement: displacement}).check(); err != nil {
		return nil, err
	}
	return &WhatIf{p: newPlan(lg, displacement, c), displacement: displacement, cost: c}, nil
}

// Records gives a leg graph's filtered records one by one, in dataset
// order, to yield (until it returns false): route and victims. via may be
// reused between calls. graph.LegBuilder.Routes is one.
type Records func(yield func(origin, destination string, via []string, victims int) bool)

// NewWhatIfOfRecords is NewWhatIf over records, lg's filtered records
// given one by one, for a leg graph built without keeping them
// (graph.LegBuilder).
func NewWhatIfOfRecords(lg *graph.LegGraph, records Records, displacement float64, c Cost) (*WhatIf, error) {
	if err := (&DivertOptions{Displacement: displacement}).check(); err != nil {
		return nil, err
	}
	return &WhatIf{p: planOfRecords(lg.Index, records, lg.Totals().Records, displacement, c), displacement: displacement, cost: c}, nil
}

// NewWhatIfOf is NewWhatIf over routes a store grouped from lg's
// filtered records: every distinct route with its victims, records and
// Displaced at displacement, in the order of its first record.
func NewWhatIfOf(lg *graph.LegGraph, routes []graph.Route, displacement float64, c Cost) (*WhatIf, error) {
	if err := (&DivertOptions{Displacement: displacement}).check(); err != nil {
		return nil, err
	}
	return &WhatIf{p: planOf(lg.Index, routes, c), displacement: displacement, cost: c}, nil
}

// Divert is Divert of the leg graph w was built from, with w's
// displacement and cost, removing remove, with capacity factor capacity.
func (w *WhatIf) Divert(ctx context.Context, remove []string, capacity float64) (*Diversion, error) {
	opt := DivertOptions{Remove: remove, Displacement: w.displacement, Cost: w.cost, Capacity: capacity}
	if err := opt.check(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p := w.p
	removed := p.ids(opt.Remove)
	ev := p.evaluator()
	res := &Diversion{
		Removed: sortedCodes(opt.Remove), Displacement: opt.Displacement, By: opt.Cost.String(),
		Capacity: opt.Capacity, Countries: []TransitChange{}, Reroutes: []Reroute{},
	}
	var o outcome
	if opt.Capacity > 0 {
		o = ev.capacityRun(removed, opt.Capacity, res)
	} else {
		o = ev.run(removed, res)
	}
	res.Records = o.records
	res.Affected, res.Rerouted, res.Deterred, res.Disrupted = graph.Count(o.affected), graph.Count(o.rerouted), graph.Count(o.deterred), graph.Count(o.disrupted)
	res.DisruptedByCapacity = graph.Count(o.byCapacity)
	for i, code := range p.ix.Codes {
		before := p.ix.Transit[i].Victims
		after := before + ev.delta[i]
		if before == 0 && after == 0 {
			continue
		}
		res.Countries = append(res.Countries, TransitChange{code, graph.Count(before), graph.Count(after), graph.Count(after - before)})
	}
	slices.SortFunc(res.Countries, func(a, b TransitChange) int {
		if c := cmp.Compare(abs(int(b.Delta)), abs(int(a.Delta))); c != 0 {
			return c
		}
		return cmp.Compare(a.Country, b.Country)
	})
	slices.SortFunc(res.Reroutes, func(a, b Reroute) int {
		if c := cmp.Compare(b.Victims+b.Deterred, a.Victims+a.Deterred); c != 0 {
			return c
		}
		if c := slices.Compare(a.OldPath, b.OldPath); c != 0 {
			return c
		}
		return slices.Compare(a.NewPath, b.NewPath)
	})
	return res, nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func sortedCodes(codes []string) []string {
	out := slices.Clone(codes)
	slices.Sort(out)
	out = slices.Compact(out)
	if out == nil {
		out = []string{}
	}
	return out
}

// route is one distinct observed route (origin, vias, destination) with
// the victims of its filtered records.
type route struct {
	o, d int32
	via  []int32
	// victims of the records; displaced is the sum over the records of
	// round-half-to-even(victims × displacement).
	victims, displaced, records int
}

// plan is the compact form of a leg graph's records for repeated
// diversions: distinct routes with integer node ids, and for each node
// the routes that have it as a via.
type plan struct {
	ix     *graph.Index
	cost   Cost
	routes []route
	// byVia[n] lists the routes with n as a via, each once.
	byVia [][]int32
	// displacedVia[n] is the displaced victims of the routes in byVia[n].
	displacedVia []int
	// hops, by hops on a graph small enough for it, is the leg graph as
	// rows of bits, which every evaluator's trees share; nil otherwise.
	hops *hopRows
}

func newPlan(lg *graph.LegGraph, displacement float64, c Cost) *plan {
	return planOfRecords(lg.Index, func(yield func(string, string, []string, int) bool) {
		for _, f := range lg.Flows {
			if !yield(f.Origin, f.Destination, f.Via, f.Victims) {
				return
			}
		}
	}, len(lg.Flows), displacement, c)
}

// planOfRecords is newPlan over records given one by one.
// hint is about the number of records (see newPlanBuilder).
func planOfRecords(ix *graph.Index, records Records, hint int, displacement float64, c Cost) *plan {
	b := newPlanBuilder(ix, c, hint)
	records(func(origin, destination string, via []string, victims int) bool {
		b.add(origin, destination, via, victims, int(math.RoundToEven(float64(victims)*displacement)), 1)
		return true
	})
	return b.done()
}

// planOf is newPlan over routes a store grouped, in the order of their
// first record, with Displaced computed for the plan's displacement.
func planOf(ix *graph.Index, routes []graph.Route, c Cost) *plan {
	b := newPlanBuilder(ix, c, len(routes))
	for _, r := range routes {
		n := len(r.Path)
		if n < 2 {
			continue
		}
		b.add(r.Path[0], r.Path[n-1], r.Path[1:n-1], r.Victims, r.Displaced, r.Records)
	}
	return b.done()
}

// planBuilder groups records (or routes) into a plan's distinct routes.
// Routes are found by the hash of their node ids in an open-addressing
// table of route numbers, compared with the routes themselves: no key
// is allocated per route (a map keyed by the ids' bytes took 220 MB of
// allocations on 1,000,000 records, most of it garbage of its growth and
// of the routes slice's).
type planBuilder struct {
	p      *plan
	table  []int32 // route number + 1 by slot, 0 when free
	ids    []int32
	viaBuf []int32
}

// newPlanBuilder returns a builder for about hint records (an upper
// bound on the routes: the routes slice and the table are sized for it).
func newPlanBuilder(ix *graph.Index, c Cost, hint int) *planBuilder {
	p := &plan{ix: ix, cost: c, byVia: make([][]int32, ix.N()), displacedVia: make([]int, ix.N()), routes: make([]route, 0, hint)}
	if c == ByHops {
		p.hops = newHopRows(ix)
	}
	size := 16
	for size < 2*hint {
		size *= 2
	}
	return &planBuilder{p: p, table: make([]int32, size)}
}

// add adds records records of the route origin -> via -> destination with
// victims and displaced victims.
func (b *planBuilder) add(origin, destination string, via []string, victims, displaced, records int) {
	p, ix := b.p, b.p.ix
	b.ids = b.ids[:0]
	for _, code := range via {
		id, _ := ix.ID(code)
		b.ids = append(b.ids, int32(id))
	}
	o, _ := ix.ID(origin)
	d, _ := ix.ID(destination)
	r := b.find(int32(o), int32(d), b.ids)
	rt := &p.routes[r]
	rt.victims += victims
	rt.displaced += displaced
	rt.records += records
}

// find returns the number of the route o -> via -> d, adding it when new.
func (b *planBuilder) find(o, d int32, via []int32) int32 {
	p := b.p
	mask := uint64(len(b.table) - 1)
	for slot := routeHash(o, d, via) & mask; ; slot = (slot + 1) & mask {
		k := b.table[slot]
		if k == 0 {
			break
		}
		if rt := &p.routes[k-1]; rt.o == o && rt.d == d && slices.Equal(rt.via, via) {
			return k - 1
		}
	}
	if len(b.viaBuf)+len(via) > cap(b.viaBuf) {
		b.viaBuf = make([]int32, 0, max(4096, len(via)))
	}
	start := len(b.viaBuf)
	b.viaBuf = append(b.viaBuf, via...)
	r := int32(len(p.routes))
	p.routes = append(p.routes, route{o: o, d: d, via: b.viaBuf[start:len(b.viaBuf):len(b.viaBuf)]})
	if 2*len(p.routes) > len(b.table) {
		b.grow()
	} else {
		b.place(r)
	}
	return r
}

// place puts route r in the first free slot from its hash.
func (b *planBuilder) place(r int32) {
	rt := &b.p.routes[r]
	mask := uint64(len(b.table) - 1)
	slot := routeHash(rt.o, rt.d, rt.via) & mask
	for b.table[slot] != 0 {
		slot = (slot + 1) & mask
	}
	b.table[slot] = r + 1
}

// grow doubles the table and places every route again.
func (b *planBuilder) grow() {
	b.table = make([]int32, 2*len(b.table))
	for r := range b.p.routes {
		b.place(int32(r))
	}
}

// routeHash mixes a route's node ids (FNV-1a over the ids, then a
// finaliser that spreads the low bits the table uses).
func routeHash(o, d int32, via []int32) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	h = (h ^ uint64(uint32(o))) * prime
	h = (h ^ uint64(uint32(d))) * prime
	for _, v := range via {
		h = (h ^ uint64(uint32(v))) * prime
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// done lists every route under each of its vias (once per via), in one
// block of exactly the size needed.
func (b *planBuilder) done() *plan {
	p := b.p
	n := make([]int, len(p.byVia))
	vias := func(yield func(v int32, r int)) {
		for r := range p.routes {
			rt := &p.routes[r]
			for i, v := range rt.via {
				if !slices.Contains(rt.via[:i], v) {
					yield(v, r)
				}
			}
		}
	}
	total := 0
	vias(func(v int32, _ int) { n[v]++; total++ })
	block := make([]int32, total)
	for v, k := range n {
		p.byVia[v], block = block[:0:k], block[k:]
	}
	vias(func(v int32, r int) {
		p.byVia[v] = append(p.byVia[v], int32(r))
		p.displacedVia[v] += p.routes[r].displaced
	})
	return p
}

// ids maps codes to node ids, skipping codes not in the graph, sorted.
func (p *plan) ids(codes []string) []int32 {
	var out []int32
	for _, c := range codes {
		if id, ok := p.ix.ID(c); ok {
			out = append(out, int32(id))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// candidates returns the transit nodes (a via of at least one record), in
// code order.
func (p *plan) candidates() []int32 {
	var out []int32
	for n, rs := range p.byVia {
		if len(rs) > 0 {
			out = append(out, int32(n))
		}
	}
	return out
}

// outcome is the victim accounting of one evaluation.
type outcome struct {
	records, affected, rerouted, deterred, disrupted, byCapacity int
}

// evaluator evaluates removal sets on a plan with reusable buffers; one
// per goroutine.
type evaluator struct {
	p       *plan
	sp      *spt
	removed []bool
	// stamp[r] == epoch marks route r as seen in this evaluation.
	stamp []uint32
	epoch uint32
	// trees[o] holds the predecessor array of the Dijkstra tree from o
	// (nil slice entries: unreachable) when treeStamp[o] == epoch.
	trees     [][]int32
	treeStamp []uint32
	// delta[n] is the change in transit of node n.
	delta []int
	// bound[n], when wanted, is the victims that removing n as well
	// could newly disrupt (see interdict.go).
	bound     []int
	wantBound bool
	path      []int32
}

func (p *plan) evaluator() *evaluator {
	n := p.ix.N()
	sp := newSPT(p.ix, p.cost)
	if p.hops != nil {
		sp.hops = p.hops.newTree()
	}
	return &evaluator{
		p: p, sp: sp, removed: make([]bool, n), stamp: make([]uint32, len(p.routes)),
		trees: make([][]int32, n), treeStamp: make([]uint32, n), delta: make([]int, n), bound: make([]int, n),
	}
}

// newPath returns the cheapest o-d path avoiding the removed nodes, in
// ev.path (reused), or nil. The tree from o is computed once per
// evaluation and shared by every destination.
func (ev *evaluator) newPath(o, d int32) []int32 {
	if ev.removed[o] || ev.removed[d] {
		return nil
	}
	ev.path = ev.path[:0]
	if o == d {
		for _, a := range ev.p.ix.Out[o] {
			if a.Node == o && !math.IsInf(ev.p.cost.length(a), 1) {
				ev.path = append(ev.path, o, o)
				return ev.path
			}
		}
		return nil
	}
	if ev.treeStamp[o] != ev.epoch {
		ev.treeStamp[o] = ev.epoch
		ev.sp.tree(o, ev.removed)
		if ev.trees[o] == nil {
			ev.trees[o] = make([]int32, len(ev.sp.prev))
		}
		t := ev.trees[o]
		for i, done := range ev.sp.done {
			t[i] = -1
			if done {
				t[i] = ev.sp.prev[i]
			}
		}
	}
	t := ev.trees[o]
	if t[d] < 0 {
		return nil
	}
	for v := d; v != o; v = t[v] {
		ev.path = append(ev.path, v)
	}
	ev.path = append(ev.path, o)
	slices.Reverse(ev.path)
	return ev.path
}

// begin starts an evaluation of removal set removed.
func (ev *evaluator) begin(removed []int32) {
	ev.epoch++
	if ev.epoch == 0 { // wrapped: clear the stamps
		clear(ev.stamp)
		clear(ev.treeStamp)
		ev.epoch = 1
	}
	clear(ev.delta)
	if ev.wantBound {
		copy(ev.bound, ev.p.displacedVia)
	}
	for _, n := range removed {
		ev.removed[n] = true
	}
}

func (ev *evaluator) end(removed []int32) {
	for _, n := range removed {
		ev.removed[n] = false
	}
}

// affected calls fn for each route with a via in removed, once each, in
// order of the removed nodes and then of the routes.
func (ev *evaluator) affected(removed []int32, fn func(r int32)) {
	for _, n := range removed {
		for _, r := range ev.p.byVia[n] {
			if ev.stamp[r] == ev.epoch {
				continue
			}
			ev.stamp[r] = ev.epoch
			fn(r)
		}
	}
}

// run evaluates removed without capacities. With det non-nil it appends
// one Reroute per affected route.
func (ev *evaluator) run(removed []int32, det *Diversion) outcome {
	ev.begin(removed)
	defer ev.end(removed)
	var o outcome
	ix := ev.p.ix
	ev.affected(removed, func(r int32) {
		rt := &ev.p.routes[r]
		o.records += rt.records
		o.affected += rt.victims
		o.deterred += rt.victims - rt.displaced
		for i, v := range rt.via {
			ev.delta[v] -= rt.victims
			if ev.wantBound && !slices.Contains(rt.via[:i], v) {
				ev.bound[v] -= rt.displaced
			}
		}
		path := ev.newPath(rt.o, rt.d)
		if path == nil {
			o.disrupted += rt.displaced
		} else {
			o.rerouted += rt.displaced
			for _, v := range path[1 : len(path)-1] {
				ev.delta[v] += rt.displaced
			}
			if ev.wantBound {
				for i, v := range path {
					if !slices.Contains(path[:i], v) {
						ev.bound[v] += rt.displaced
					}
				}
			}
		}
		if det != nil {
			rr := Reroute{
				Origin: ix.Codes[rt.o], Destination: ix.Codes[rt.d], OldPath: ev.p.codes(rt.o, rt.via, rt.d),
				Victims: graph.Count(rt.displaced), Deterred: graph.Count(rt.victims - rt.displaced), Records: rt.records,
			}
			if path != nil {
				rr.NewPath = ev.p.pathCodes(path)
			}
			det.Reroutes = append(det.Reroutes, rr)
		}
	})
	return o
}

func (p *plan) codes(o int32, via []int32, d int32) []string {
	out := make([]string, 0, len(via)+2)
	out = append(out, p.ix.Codes[o])
	for _, v := range via {
		out = append(out, p.ix.Codes[v])
	}
	return append(out, p.ix.Codes[d])
}

func (p *plan) pathCodes(path []int32) []string {
	out := make([]string, len(path))
	for i, v := range path {
		out[i] = p.ix.Codes[v]
	}
	return out
}

// Bytes estimates the memory w holds beyond its leg graph: the distinct
// routes with their via lists and, by country, the routes through it. A
// cache of what-ifs bounds itself by it (serve).
func (w *WhatIf) Bytes() int64 {
	p := w.p
	n := int64(len(p.routes)) * int64(unsafe.Sizeof(route{}))
	for _, r := range p.routes {
		n += 4 * int64(len(r.via))
	}
	for _, b := range p.byVia {
		n += 24 + 4*int64(cap(b))
	}
	return n + 8*int64(len(p.displacedVia))
}

// Bytes estimates the memory d holds: its countries and its reroutes
// with their paths (a code is a string header into the dataset's codes).
func (d *Diversion) Bytes() int64 {
	n := int64(unsafe.Sizeof(*d)) + int64(len(d.Countries))*int64(unsafe.Sizeof(TransitChange{}))
	for _, r := range d.Reroutes {
		n += int64(unsafe.Sizeof(r)) + 16*int64(len(r.OldPath)+len(r.NewPath))
	}
	return n
}
