package graph

import (
	"fmt"
	"math/bits"
	"runtime"
	"sync"

	dgraph "github.com/dominikbraun/graph"
)

// Leg is the aggregate of every filtered record's hop From -> To.
type Leg struct {
	From, To string
	// Victims is the sum of the victims of the records that use the leg.
	Victims int
	// Records counts the records that use the leg.
	Records int
	// ByVector is the victims of the leg by vector, indexed by Vector.
	ByVector [numVectors]int
	// Years are the distinct years the records' periods cover, sorted.
	Years []int
}

// Vectors returns the vectors seen on the leg with their victims, in
// Vector order, skipping vectors with no record.
func (l *Leg) Vectors() []VectorVictims {
	var out []VectorVictims
	for v, n := range l.ByVector {
		if n > 0 {
			out = append(out, VectorVictims{Vector(v), n})
		}
	}
	return out
}

// VectorVictims is one entry of a leg's vector mix.
type VectorVictims struct {
	Vector  Vector
	Victims int
}

// LegGraph is the directed weighted graph of the legs of the records that
// pass a Filter. Graph is the dominikbraun graph (vertices are country
// codes, edge weight the leg's victims, edge data the *Leg); Index is the
// compact view the algorithms run on. A LegGraph is read-only once built.
type LegGraph struct {
	// Dataset is the name of the dataset the graph was built from.
	Dataset   string
	Filter    Filter
	Countries map[string]Country
	// Flows are the records that passed the filter, in dataset order.
	Flows []*Flow
	Graph dgraph.Graph[string, string]
	Index *Index
}

// NewLegGraph aggregates the legs of ds's records that pass flt.
// The time complexity is O(R·L + E log E) for R records of at most L legs
// and E distinct legs.
func NewLegGraph(ds *Dataset, flt Filter) (*LegGraph, error) {
	lg := &LegGraph{Dataset: ds.Name, Filter: flt, Countries: ds.Countries}
	// Large datasets aggregate in contiguous slices on every core, merged
	// in order; the result does not depend on the split (sums of integers,
	// unions of years, legs and codes sorted by newIndex).
	workers := 1
	if len(ds.Flows) >= parallelLegs {
		workers = runtime.GOMAXPROCS(0)
	}
	// The dense leg matrix is sized for the dataset's countries (codes
	// beyond it, if any, go to the map): a 40-country dataset needs 6 KB,
	// not the 1 MB of the largest matrix, on every request of serve.
	dim := min(denseN, max(len(ds.Countries), 16))
	parts := make([]legPart, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lo, hi := w*len(ds.Flows)/workers, (w+1)*len(ds.Flows)/workers
			parts[w] = aggregateLegs(ds.Flows[lo:hi], flt, dim)
		}()
	}
	wg.Wait()
	ids := newCodeIDs()
	legs := newLegTable(dim)
	var accs []*legAcc
	for _, p := range parts {
		lg.Flows = append(lg.Flows, p.kept...)
		for _, a := range p.accs {
			from, to := ids.id(a.leg.From), ids.id(a.leg.To)
			k := legs.get(from, to)
			if k < 0 {
				legs.put(from, to, int32(len(accs)))
				accs = append(accs, a)
				continue
			}
			m := accs[k]
			m.leg.Victims += a.leg.Victims
			m.leg.Records += a.leg.Records
			for v, n := range a.leg.ByVector {
				m.leg.ByVector[v] += n
			}
			for i, w := range a.years {
				m.years[i] |= w
			}
		}
	}
	codes := ids.codes
	all := make([]*Leg, 0, len(accs))
	for _, a := range accs {
		a.leg.Years = a.years.list()
		all = append(all, a.leg)
	}
	lg.Index = newIndex(codes, all)

	g := dgraph.New(dgraph.StringHash, dgraph.Directed(), dgraph.Weighted())
	for _, c := range lg.Index.Codes {
		if err := g.AddVertex(c); err != nil {
			return nil, fmt.Errorf("leg graph: add %s: %w", c, err)
		}
	}
	for _, l := range lg.Index.Legs {
		if err := g.AddEdge(l.From, l.To, dgraph.EdgeWeight(l.Victims), dgraph.EdgeData(l)); err != nil {
			return nil, fmt.Errorf("leg graph: add %s->%s: %w", l.From, l.To, err)
		}
	}
	lg.Graph = g
	return lg, nil
}

// Leg returns the leg from -> to, or nil.
func (lg *LegGraph) Leg(from, to string) *Leg {
	e, err := lg.Graph.Edge(from, to)
	if err != nil {
		return nil
	}
	l, _ := e.Properties.Data.(*Leg)
	return l
}

// Victims is the sum of the victims of the filtered records.
func (lg *LegGraph) Victims() int {
	n := 0
	for _, f := range lg.Flows {
		n += f.Victims
	}
	return n
}

// Country returns the country of code, or a Country with only the code set
// when the dataset has no details for it.
func (lg *LegGraph) Country(code string) Country {
	if c, ok := lg.Countries[code]; ok {
		return c
	}
	return Country{Code: code, Name: code}
}

// parallelLegs is the dataset size from which legs aggregate on every core.
var parallelLegs = 200_000

type legAcc struct {
	leg   *Leg
	years yearSet
}

// legPart is the aggregate of a slice of records.
type legPart struct {
	kept []*Flow
	accs []*legAcc
}

func aggregateLegs(flows []Flow, flt Filter, dim int) legPart {
	var p legPart
	ids := newCodeIDs()
	legs := newLegTable(dim)
	for i := range flows {
		f := &flows[i]
		if !flt.Keep(f) {
			continue
		}
		p.kept = append(p.kept, f)
		prev := ids.id(f.Origin)
		for j := 0; j < f.NumLegs(); j++ {
			next := f.Destination
			if j < len(f.Via) {
				next = f.Via[j]
			}
			n := ids.id(next)
			k := legs.get(prev, n)
			if k < 0 {
				k = int32(len(p.accs))
				p.accs = append(p.accs, &legAcc{leg: &Leg{From: ids.codes[prev], To: ids.codes[n]}})
				legs.put(prev, n, k)
			}
			a := p.accs[k]
			a.leg.Victims += f.Victims
			a.leg.Records++
			v := VectorUnknown
			if j < len(f.Vectors) {
				v = f.Vectors[j]
			}
			a.leg.ByVector[v] += f.Victims
			a.years.addRange(f.Period)
			prev = n
		}
	}
	return p
}

// codeIDs numbers country codes in order of first sight. Two-letter
// upper-case codes (nearly all of them) are looked up in an array, others
// in a map.
type codeIDs struct {
	short [26 * 26]int32 // id+1 of a two-letter code, 0 when unseen
	long  map[string]int32
	codes []string
}

func newCodeIDs() *codeIDs { return &codeIDs{long: map[string]int32{}} }

func (c *codeIDs) id(code string) int32 {
	if len(code) == 2 && code[0]-'A' < 26 && code[1]-'A' < 26 {
		slot := &c.short[int(code[0]-'A')*26+int(code[1]-'A')]
		if *slot == 0 {
			c.codes = append(c.codes, code)
			*slot = int32(len(c.codes))
		}
		return *slot - 1
	}
	i, ok := c.long[code]
	if !ok {
		i = int32(len(c.codes))
		c.long[code] = i
		c.codes = append(c.codes, code)
	}
	return i
}

// legTable maps (from, to) node ids to a leg number: a dense dim x dim
// matrix for the first dim ids, a map beyond.
type legTable struct {
	dim    int
	sparse map[int64]int32
	mat    []int32 // (from*dim + to) -> leg+1
}

// denseN bounds the dense matrix (512 x 512 int32: 1 MB).
const denseN = 512

func newLegTable(dim int) *legTable {
	return &legTable{dim: dim, sparse: map[int64]int32{}, mat: make([]int32, dim*dim)}
}

func (t *legTable) get(from, to int32) int32 {
	if int(from) < t.dim && int(to) < t.dim {
		return t.mat[int(from)*t.dim+int(to)] - 1
	}
	if k, ok := t.sparse[int64(from)<<32|int64(to)]; ok {
		return k
	}
	return -1
}

func (t *legTable) put(from, to, k int32) {
	if int(from) < t.dim && int(to) < t.dim {
		t.mat[int(from)*t.dim+int(to)] = k + 1
		return
	}
	t.sparse[int64(from)<<32|int64(to)] = k
}

// yearSet is a set of years between MinYear and MaxYear as bits.
type yearSet [(MaxYear - MinYear + 64) / 64]uint64

func (y *yearSet) addRange(p Period) {
	if p.IsZero() {
		return
	}
	for yr := max(p.From, MinYear); yr <= min(p.To, MaxYear); yr++ {
		b := yr - MinYear
		y[b/64] |= 1 << (b % 64)
	}
}

func (y *yearSet) list() []int {
	var out []int
	for i, w := range y {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, MinYear+i*64+b)
			w &= w - 1
		}
	}
	return out
}
