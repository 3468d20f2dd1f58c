package graph

import (
	"cmp"
	"github.com/tipgraph/tipgraph/internal/grow"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unsafe"
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
// pass a Filter. Index is the compact view the algorithms run on; Graph
// returns the same legs as a dominikbraun graph. A LegGraph is read-only
// once built and safe for concurrent use.
type LegGraph struct {
	// Dataset is the name of the dataset the graph was built from.
	Dataset   string
	Filter    Filter
	Countries map[string]Country
	// Flows are the records that passed the filter, in dataset order.
	Flows []*Flow
	Index *Index
	// totals, when set, are the records' totals as the store computed
	// them (Flows then holds only some records).
	totals *Totals
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
			parts[w] = newLegPart(dim, hi-lo)
			parts[w].addAll(ds.Flows[lo:hi], flt)
		}()
	}
	wg.Wait()
	// The other parts merge into the first (one part: nothing to merge,
	// the case of every serve request on a small dataset).
	lg.Flows = parts[0].kept
	if len(parts) > 1 {
		kept := 0
		for _, p := range parts {
			kept += len(p.kept)
		}
		lg.Flows = make([]*Flow, 0, kept)
		for _, p := range parts {
			lg.Flows = append(lg.Flows, p.kept...)
		}
	}
	codes, all, transit := mergeLegParts(parts)
	lg.Index = newIndex(codes, all, transit)
	return lg, nil
}

// mergeLegParts merges the other parts into the first and returns the
// country codes by id, the legs and the transit by id.
func mergeLegParts(parts []legPart) ([]string, []*Leg, []Transit) {
	base := &parts[0]
	for _, p := range parts[1:] {
		pc := p.codes()
		for k, e := range p.ends {
			from, to := base.ids.id(pc[e[0]]), base.ids.id(pc[e[1]])
			g := base.table.get(from, to)
			if g < 0 {
				base.table.put(from, to, int32(len(base.sums)))
				base.sums = append(base.sums, p.sums[k])
				base.ends = append(base.ends, [2]int32{from, to})
				continue
			}
			m, a := &base.sums[g], &p.sums[k]
			m.records += a.records
			for v, n := range a.byVector {
				m.byVector[v] += n
			}
			for i, w := range a.years {
				m.years[i] |= w
			}
		}
	}
	codes := base.codes()
	transit := make([]Transit, len(codes)) // by base id; every code is numbered by now
	copy(transit, base.transit)
	for _, p := range parts[1:] {
		pc := p.codes()
		for i, t := range p.transit {
			g := base.ids.id(pc[i])
			transit[g].Victims += t.Victims
			transit[g].Records += t.Records
		}
	}
	sums, ends := base.sums, base.ends
	all := make([]*Leg, len(sums))
	legVals := make([]Leg, len(sums))
	for k := range sums {
		m := &sums[k]
		victims := 0
		for _, n := range m.byVector {
			victims += n
		}
		l := &legVals[k]
		*l = Leg{From: codes[ends[k][0]], To: codes[ends[k][1]], Victims: victims, Records: m.records,
			ByVector: m.byVector, Years: m.years.list()}
		all[k] = l
	}
	return codes, all, transit
}

// Leg returns the leg from -> to, or nil.
func (lg *LegGraph) Leg(from, to string) *Leg {
	u, ok := lg.Index.ID(from)
	v, ok2 := lg.Index.ID(to)
	if !ok || !ok2 {
		return nil
	}
	out := lg.Index.Out[u] // sorted by neighbour
	i, found := slices.BinarySearchFunc(out, int32(v), func(a Arc, n int32) int { return cmp.Compare(a.Node, n) })
	if !found {
		return nil
	}
	return lg.Index.Legs[out[i].Leg]
}

// Victims is the sum of the victims of the filtered records.
func (lg *LegGraph) Victims() int {
	if lg.totals != nil {
		return lg.totals.Victims
	}
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

// legSum is the running aggregate of one leg, in one block of memory
// (adding a record's leg touches one or two cache lines); its victims are
// the sum of byVector.
type legSum struct {
	records  int
	byVector [numVectors]int
	years    yearSet
}

// legPart is the aggregate of a slice of records: leg k goes from
// codes()[ends[k][0]] to codes()[ends[k][1]], and table finds it by ids. The sums sit in flat arrays of
// values (not a *Leg per leg) so that adding a record touches a few cache
// lines of one array instead of chasing pointers across the heap.
type legPart struct {
	kept    []*Flow
	ids     *codeIDs
	table   *legTable
	ends    [][2]int32
	sums    []legSum
	transit []Transit // by id, up to the last via seen
	// pending are the legs of records added since the last flush, their
	// sums not yet updated (see add).
	pending []legUpdate
}

// legUpdate is one record's share of one leg, waiting for flush.
type legUpdate struct {
	leg     int32
	vector  Vector
	victims int
	period  Period
}

// maxPending is how many leg updates a part holds before it flushes them.
const maxPending = 512

// newLegPart returns an empty part with a dim x dim dense leg matrix and
// room for kept records (0: the part keeps none).
func newLegPart(dim, kept int) legPart {
	return legPart{kept: make([]*Flow, 0, kept), ids: newCodeIDs(), table: newLegTable(dim)}
}

// addAll adds the records of flows that pass flt, keeping a pointer to
// each.
func (p *legPart) addAll(flows []Flow, flt Filter) {
	for i := range flows {
		f := &flows[i]
		if !flt.Keep(f) {
			continue
		}
		p.kept = append(p.kept, f)
		p.add(f)
	}
	p.flush()
}

// add adds the legs of f, a record that passed the filter, to the
// pending updates, flushing them when there are enough: the sums of a
// large leg graph do not fit in a core's cache, and updating them in a
// loop of their own lets the processor wait for many cache lines at once
// instead of one per record. Call flush before reading the sums.
func (p *legPart) add(f *Flow) {
	ids, legs := p.ids, p.table
	prev := ids.id(f.Origin)
	for j := 0; j < f.NumLegs(); j++ {
		next := f.Destination
		if j < len(f.Via) {
			next = f.Via[j]
		}
		n := ids.id(next)
		if j < len(f.Via) {
			if int(n) >= len(p.transit) {
				p.transit = append(p.transit, make([]Transit, int(n)+1-len(p.transit))...)
			}
			p.transit[n].Victims += f.Victims
			p.transit[n].Records++
		}
		k := legs.get(prev, n)
		if k < 0 {
			k = int32(len(p.sums))
			p.sums = grow.Append(p.sums, legSum{})
			p.ends = grow.Append(p.ends, [2]int32{prev, n})
			legs.put(prev, n, k)
		}
		v := VectorUnknown
		if j < len(f.Vectors) {
			v = f.Vectors[j]
		}
		p.pending = append(p.pending, legUpdate{k, v, f.Victims, f.Period})
		prev = n
	}
	if len(p.pending) >= maxPending {
		p.flush()
	}
}

// flush adds the pending updates to the sums.
func (p *legPart) flush() {
	sums := p.sums
	for _, u := range p.pending {
		a := &sums[u.leg]
		a.records++
		a.byVector[u.vector] += u.victims
		a.years.addRange(u.period)
	}
	p.pending = p.pending[:0]
}

// codes are the part's country codes by id.
func (p *legPart) codes() []string { return p.ids.codes }

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
			// A copy: a reader's code may point into the bytes of a
			// whole file, which the graph would then keep alive.
			c.codes = append(c.codes, strings.Clone(code))
			*slot = int32(len(c.codes))
		}
		return *slot - 1
	}
	i, ok := c.long[code]
	if !ok {
		code = strings.Clone(code)
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

// denseN bounds the dense matrix (256 x 256 int32: 256 KB, which stays
// in a core's cache beside the legs; the world's 249 ISO codes fit).
const denseN = 256

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
	n := 0
	for _, w := range y {
		n += bits.OnesCount64(w)
	}
	if n == 0 {
		return nil
	}
	out := make([]int, 0, n)
	for i, w := range y {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, MinYear+i*64+b)
			w &= w - 1
		}
	}
	return out
}

// Bytes estimates the memory lg holds beyond the dataset it points into:
// the record pointers, the legs with their years, and the index (codes,
// arcs, transit). A cache of leg graphs bounds itself by it (serve).
func (lg *LegGraph) Bytes() int64 {
	n := int64(len(lg.Flows)) * int64(unsafe.Sizeof((*Flow)(nil)))
	ix := lg.Index
	if ix == nil {
		return n
	}
	for _, l := range ix.Legs {
		n += int64(unsafe.Sizeof(*l)) + int64(unsafe.Sizeof(l)) + 8*int64(len(l.Years))
	}
	n += 2 * int64(len(ix.Legs)) * int64(unsafe.Sizeof(Arc{}))
	// A code's string header twice (Codes and the id map, about 48 bytes
	// an entry with its bucket share), its arc list headers and transit.
	n += int64(len(ix.Codes)) * (2*16 + 48 + 2*24 + int64(unsafe.Sizeof(Transit{})))
	return n
}
