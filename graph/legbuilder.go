package graph

import (
	"cmp"
	"math/bits"
	"slices"
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
	mu      sync.Mutex
	workers []*legWorker
}

// NewLegBuilder returns a builder of the leg graph of the records that
// pass flt.
func NewLegBuilder(flt Filter) *LegBuilder { return &LegBuilder{flt: flt} }

// Worker returns a function that adds a batch of records, for one
// goroutine: seq orders the batches (the records of a batch are seq,
// seq+1, ...), which is the order of the graph's Flows. The function
// keeps nothing of flows but copies of the records that name a group, so
// the caller may reuse the batch. Worker is safe for concurrent use; the
// functions it returns are not.
func (b *LegBuilder) Worker() func(seq int64, flows []Flow) {
	w := &legWorker{flt: b.flt, part: newLegPart(denseN, 0)}
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
	var kept []seqFlow
	for _, w := range b.workers {
		parts = append(parts, w.part)
		t.merge(&w.totals)
		kept = append(kept, w.kept...)
	}
	if len(parts) == 0 {
		parts = append(parts, newLegPart(16, 0))
	}
	codes, all, transit := mergeLegParts(parts)
	slices.SortStableFunc(kept, func(a, b seqFlow) int { return cmp.Compare(a.seq, b.seq) })
	var flows []*Flow
	for i := range kept {
		flows = append(flows, &kept[i].f)
	}
	totals := t.totals()
	lg := &LegGraph{Dataset: name, Filter: b.flt, Countries: countries, Flows: flows, totals: &totals}
	lg.Index = newIndex(codes, all, transit)
	return lg
}

// legWorker is one goroutine's share of a LegBuilder.
type legWorker struct {
	flt    Filter
	part   legPart
	totals totalsPart
	kept   []seqFlow
}

// seqFlow is a kept record and its place in read order.
type seqFlow struct {
	seq int64
	f   Flow
}

func (w *legWorker) add(seq int64, flows []Flow) {
	for i := range flows {
		f := &flows[i]
		if !w.flt.Keep(f) {
			continue
		}
		w.part.add(f)
		w.totals.add(f)
		if len(f.Groups) > 0 {
			c := *f
			c.Via, c.Groups = slices.Clone(f.Via), slices.Clone(f.Groups)
			w.kept = append(w.kept, seqFlow{seq + int64(i), c})
		}
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
	sources                    map[string]bool
	lastSource                 string
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
			t.sources = map[string]bool{}
		}
		t.sources[f.Source] = true
		t.lastSource = f.Source
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
			t.sources = map[string]bool{}
		}
		t.sources[s] = true
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
