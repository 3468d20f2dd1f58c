package graph

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"sync"
)

// LegBuilder aggregates the leg graph of records handed to it in batches,
// by several goroutines at once, without keeping the records: what a
// reader that streams a large file builds instead of a Dataset's Flows.
// Its graph is NewLegGraph's over the same records under the same filter,
// with the Totals summed on the way and Flows holding only the filtered
// records that name a group (copied), as NewStoredLegGraph's.
type LegBuilder struct {
	flt     Filter
	routes  bool
	mu      sync.Mutex
	workers []*legWorker
}

// NewLegBuilder returns a builder of the leg graph of the records that
// pass flt.
func NewLegBuilder(flt Filter) *LegBuilder { return &LegBuilder{flt: flt} }

// KeepRoutes makes b keep the route and victims of every filtered record
// (about 25 bytes a record: country numbers, not strings), for Routes.
// Call it before Worker. It returns b.
func (b *LegBuilder) KeepRoutes() *LegBuilder {
	b.routes = true
	return b
}

// Worker returns a function that adds a batch of records, for one
// goroutine: seq orders the batches (the records of a batch are seq,
// seq+1, ...), which is the order of the graph's Flows. The function
// keeps nothing of flows but copies of the records that name a group, so
// the caller may reuse the batch. Worker is safe for concurrent use; the
// functions it returns are not.
func (b *LegBuilder) Worker() func(seq int64, flows []Flow) {
	w := &legWorker{flt: b.flt, part: newLegPart(denseN, 0), routes: b.routes}
	b.mu.Lock()
	b.workers = append(b.workers, w)
	b.mu.Unlock()
	return w.add
}

// Graph returns the leg graph of every record added, named name, with
// countries as its countries. Call it once, after every worker is done.
// The time complexity is O(W·E + E log E) for W workers and E legs.
func (b *LegBuilder) Graph(name string, countries map[string]Country) *LegGraph {
	parts := make([]legPart, 0, max(1, len(b.workers)))
	var t totalsPart
	var kept []*seqFlow
	for _, w := range b.workers {
		parts = append(parts, w.part)
		t.merge(&w.totals)
		for _, chunk := range w.kept {
			for i := range chunk {
				kept = append(kept, &chunk[i])
			}
		}
	}
	if len(parts) == 0 {
		parts = append(parts, newLegPart(16, 0))
	}
	codes, all, transit := mergeLegParts(parts)
	slices.SortFunc(kept, func(a, b *seqFlow) int { return cmp.Compare(a.seq, b.seq) }) // seqs are distinct
	var flows []*Flow
	if len(kept) > 0 {
		flows = make([]*Flow, len(kept))
	}
	for i, k := range kept {
		flows[i] = &k.f
	}
	totals := t.totals()
	lg := &LegGraph{Dataset: name, Filter: b.flt, Countries: countries, Flows: flows, totals: &totals}
	lg.Index = newIndex(codes, all, transit)
	return lg
}

// Routes calls yield with the route and victims of every filtered
// record added, in read order (seq), until yield returns false; via is
// reused between calls. It needs KeepRoutes and every worker done.
func (b *LegBuilder) Routes(yield func(origin, destination string, via []string, victims int) bool) {
	type ref struct {
		codes []string
		b     *routeBatch
	}
	var refs []ref
	for _, w := range b.workers {
		for k := range w.batches {
			refs = append(refs, ref{w.part.codes(), &w.batches[k]})
		}
	}
	slices.SortFunc(refs, func(a, b ref) int { return cmp.Compare(a.b.seq, b.b.seq) })
	var via []string
	for _, r := range refs {
		bt, codes := r.b, r.codes
		lo := int32(0)
		for i, hi := range bt.ends {
			path := bt.nodes[lo:hi]
			lo = hi
			via = via[:0]
			for _, n := range path[1 : len(path)-1] {
				via = append(via, codes[n])
			}
			if !yield(codes[path[0]], codes[path[len(path)-1]], via, bt.victims[i]) {
				return
			}
		}
	}
}

// legWorker is one goroutine's share of a LegBuilder.
type legWorker struct {
	flt    Filter
	part   legPart
	totals totalsPart
	// kept are copies of the records that name a group, in chunks of
	// keptChunk that never move (a growing slice of them left four times
	// their size behind as garbage: 320 MB for 333,000 records).
	kept [][]seqFlow
	// With routes, the filtered records' routes by batch, in slices of
	// their exact size (growing one slice would leave four times its
	// size behind as garbage); next is the batch being added.
	routes  bool
	batches []routeBatch
	next    routeBatch
}

// routeBatch is the filtered records of one batch, seq the first's place
// in read order: record i is nodes[ends[i-1]:ends[i]], country numbers of
// the worker's part, with victims[i].
type routeBatch struct {
	seq     int64
	nodes   []int32
	ends    []int32
	victims []int
}

// keptChunk is how many kept records a chunk holds.
const keptChunk = 4096

// seqFlow is a kept record and its place in read order.
type seqFlow struct {
	seq int64
	f   Flow
}

func (w *legWorker) add(seq int64, flows []Flow) {
	nb := &w.next
	nb.nodes, nb.ends, nb.victims = nb.nodes[:0], nb.ends[:0], nb.victims[:0]
	for i := range flows {
		f := &flows[i]
		if !w.flt.Keep(f) {
			continue
		}
		w.part.add(f)
		w.totals.add(f)
		if w.routes {
			ids := w.part.ids
			nb.nodes = append(nb.nodes, ids.id(f.Origin))
			for _, v := range f.Via {
				nb.nodes = append(nb.nodes, ids.id(v))
			}
			nb.nodes = append(nb.nodes, ids.id(f.Destination))
			nb.ends = append(nb.ends, int32(len(nb.nodes)))
			nb.victims = append(nb.victims, f.Victims)
		}
		if len(f.Groups) > 0 {
			c := *f
			c.Via, c.Groups = slices.Clone(f.Via), slices.Clone(f.Groups)
			if n := len(w.kept); n == 0 || len(w.kept[n-1]) == cap(w.kept[n-1]) {
				w.kept = append(w.kept, make([]seqFlow, 0, keptChunk))
			}
			last := &w.kept[len(w.kept)-1]
			*last = append(*last, seqFlow{seq + int64(i), c})
		}
	}
	w.part.flush()
	if w.routes && len(nb.ends) > 0 {
		w.batches = append(w.batches, routeBatch{seq: seq, nodes: slices.Clone(nb.nodes), ends: slices.Clone(nb.ends), victims: slices.Clone(nb.victims)})
	}
}

// totalsPart sums what Totals reports over some records, in arrays where
// LegGraph.Totals uses maps: forms and measures are bytes, and nearly
// every period is a pair of years between MinYear and MaxYear.
type totalsPart struct {
	records, victims, domestic int
	byForm                     [256]int
	formSeen                   [256]bool
	byMeasure                  [256]int
	measureSeen                [256]bool
	periods                    [(spanYears*spanYears + 63) / 64]uint64 // bit (From-MinYear)*spanYears + To-MinYear
	otherPeriods               map[Period]bool
	// sources maps each source to a copy of it (a record's points into
	// the bytes of its file, which the copy lets go); lastSource is the
	// copy of the last one seen.
	sources    map[string]string
	lastSource string
}

const spanYears = MaxYear - MinYear + 1

func (t *totalsPart) add(f *Flow) {
	t.records++
	t.victims += f.Victims
	t.byForm[f.Form] += f.Victims
	t.formSeen[f.Form] = true
	t.byMeasure[f.Measure] += f.Victims
	t.measureSeen[f.Measure] = true
	if f.Origin == f.Destination {
		t.domestic++
	}
	if f.Source != "" && f.Source != t.lastSource {
		if t.sources == nil {
			t.sources = map[string]string{}
		}
		c, ok := t.sources[f.Source]
		if !ok {
			c = strings.Clone(f.Source)
			t.sources[c] = c
		}
		t.lastSource = c
	}
	p := f.Period
	switch {
	case p.IsZero():
	case p.From >= MinYear && p.To >= MinYear && p.From <= MaxYear && p.To <= MaxYear:
		b := (p.From-MinYear)*spanYears + p.To - MinYear
		t.periods[b/64] |= 1 << (b % 64)
	default:
		if t.otherPeriods == nil {
			t.otherPeriods = map[Period]bool{}
		}
		t.otherPeriods[p] = true
	}
}

func (t *totalsPart) merge(o *totalsPart) {
	t.records += o.records
	t.victims += o.victims
	t.domestic += o.domestic
	for i := range t.byForm {
		t.byForm[i] += o.byForm[i]
		t.formSeen[i] = t.formSeen[i] || o.formSeen[i]
		t.byMeasure[i] += o.byMeasure[i]
		t.measureSeen[i] = t.measureSeen[i] || o.measureSeen[i]
	}
	for i, w := range o.periods {
		t.periods[i] |= w
	}
	for p := range o.otherPeriods {
		if t.otherPeriods == nil {
			t.otherPeriods = map[Period]bool{}
		}
		t.otherPeriods[p] = true
	}
	for s := range o.sources {
		if t.sources == nil {
			t.sources = map[string]string{}
		}
		t.sources[s] = s
	}
}

// totals returns what LegGraph.Totals computes from the same records.
func (t *totalsPart) totals() Totals {
	out := Totals{Records: t.records, Victims: t.victims, Domestic: t.domestic,
		ByForm: map[Form]int{}, ByMeasure: map[Measure]int{}, Sources: len(t.sources)}
	for i := range t.byForm {
		if t.formSeen[i] {
			out.ByForm[Form(i)] = t.byForm[i]
		}
		if t.measureSeen[i] {
			out.ByMeasure[Measure(i)] = t.byMeasure[i]
		}
	}
	var periods []Period
	for i, w := range t.periods {
		for w != 0 {
			b := i*64 + bits.TrailingZeros64(w)
			periods = append(periods, Period{MinYear + b/spanYears, MinYear + b%spanYears})
			w &= w - 1
		}
	}
	for p := range t.otherPeriods {
		periods = append(periods, p)
	}
	out.Periods = SortPeriods(periods) // nil when none, as Totals
	return out
}
