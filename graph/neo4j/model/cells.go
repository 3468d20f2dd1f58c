package model

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// Cells are what a filtered analysis reads instead of the records: the
// records summed by everything a filter (graph.Filter) can ask of them,
// written at load time beside the flows and under the same load id.
//
//	(:Country)-[:LEG_CELLS {dataset, load, keys, victims, records}]->(:Country)
//	(:Country)-[:OD_CELLS {dataset, load, keys, victims, records}]->(:Country)
//	(:Load {..., cells, total_keys, total_sources, total_victims, total_records})
//
// keys, victims and records are parallel lists: the records of cell
// keys[i] add up to victims[i] victims in records[i] records. A LEG_CELLS
// relationship holds the cells of one leg (each leg of each record), an
// OD_CELLS relationship those of one origin and destination (each
// record once); the :Load node holds the cells of the totals, each with the
// index of its source in the :Dataset's sources list (-1: no source). A
// key packs the cell in decimal digits (Cell.Key), so that it reads by
// hand: 2005200510111 is 2005-2005, form 1, measure 0, vectors 1, leg
// vector 1, last digit 1.
const (
	// CreateLegCells and CreateODCells take the rows of CellRows.
	CreateLegCells = `UNWIND $rows AS r
MATCH (a:Country {code: r.from})
MATCH (b:Country {code: r.to})
CREATE (a)-[:LEG_CELLS {dataset: $dataset, load: $load, keys: r.keys, victims: r.victims, records: r.records}]->(b)`

	CreateODCells = `UNWIND $rows AS r
MATCH (a:Country {code: r.from})
MATCH (b:Country {code: r.to})
CREATE (a)-[:OD_CELLS {dataset: $dataset, load: $load, keys: r.keys, victims: r.victims, records: r.records}]->(b)`

	// SetTotalCells takes TotalParams (and $load) and marks the
	// load's cells complete; it runs after the leg and origin-destination
	// cells are written (the store runs it in the switch).
	SetTotalCells = `MATCH (l:Load {id: $load})
SET l.cells = true, l.total_keys = $total_keys, l.total_sources = $total_sources,
  l.total_victims = $total_victims, l.total_records = $total_records`

	// DeleteCells deletes the cells of every load of a dataset (the
	// script export, before it writes them again).
	DeleteCells = `MATCH ()-[c:LEG_CELLS|OD_CELLS {dataset: $dataset}]->() DELETE c`
)

// The Vectors of a cell: a graph.Vector (every leg of its records has
// it), or one of these.
const (
	// VectorsMixed: the records' legs have different vectors; they pass
	// no vector filter.
	VectorsMixed = 4
	// VectorsNone: the records list no vector; they pass every vector
	// filter (graph.Filter.Keep).
	VectorsNone = 5
)

// Cell is what a filter can ask of a record, and what the aggregate adds.
type Cell struct {
	Period  graph.Period
	Form    graph.Form
	Measure graph.Measure
	// Vectors is the graph.Vector all the record's legs have,
	// VectorsMixed or VectorsNone.
	Vectors int
	// Leg is the vector of the leg (leg cells; 0 otherwise).
	Leg graph.Vector
	// Last is, in leg cells, 1 when the leg ends at a via (its victims
	// and records are transit there); in the totals, 1 when the record is
	// domestic (origin = destination); in origin-destination cells, 0.
	Last int
}

// Key packs c in decimal digits: year_from·10⁹ + year_to·10⁵ + form·10⁴ +
// measure·10³ + vectors·10² + leg vector·10 + last, the years 0 when the
// period is unknown and form, measure and vectors by their graph values
// (form: 0 unknown, 1 sexual, 2 labour, 3 other; measure: 0 detected, 1
// estimated, 2 derived; vector: 0 unknown, 1 land, 2 sea, 3 air).
func (c Cell) Key() int64 {
	return int64(c.Period.From)*1e9 + int64(c.Period.To)*1e5 + int64(c.Form)*1e4 + int64(c.Measure)*1e3 +
		int64(c.Vectors)*1e2 + int64(c.Leg)*10 + int64(c.Last)
}

// ParseCell reads a Key.
func ParseCell(k int64) (Cell, error) {
	digit := func(pow int64) int64 { return k / pow % 10 }
	c := Cell{Period: graph.Period{From: int(k / 1e9), To: int(k / 1e5 % 1e4)}, Form: graph.Form(digit(1e4)),
		Measure: graph.Measure(digit(1e3)), Vectors: int(digit(1e2)), Leg: graph.Vector(digit(10)), Last: int(digit(1))}
	if k < 0 || c.Key() != k || c.Period.From > graph.MaxYear || c.Period.To < c.Period.From ||
		!c.Form.Known() || !c.Measure.Known() || c.Vectors > VectorsNone || !c.Leg.Known() || c.Last > 1 {
		return c, fmt.Errorf("cell key %d: not a tipgraph cell", k)
	}
	return c, nil
}

// Keep reports whether the records of c pass flt, as flt.Keep does for
// each of them.
func (c Cell) Keep(flt graph.Filter) bool {
	return flt.Period.Contains(c.Period) && (flt.Form == nil || *flt.Form == c.Form) &&
		(flt.Measure == nil || *flt.Measure == c.Measure) &&
		(flt.Vector == nil || c.Vectors == VectorsNone || c.Vectors == int(*flt.Vector))
}

// recordCell is the cell of f without Leg and Last.
func recordCell(f *graph.Flow) Cell {
	c := Cell{Period: f.Period, Form: f.Form, Measure: f.Measure, Vectors: VectorsNone}
	for i, v := range f.Vectors {
		switch {
		case i == 0:
			c.Vectors = int(v)
		case int(v) != c.Vectors:
			c.Vectors = VectorsMixed
		}
	}
	return c
}

// cellSums sums victims and records by key, for one leg or pair: the
// cells added since the last merge are appended, and merged (sorted by
// key, one entry a key) when they have doubled, so that adding a cell is
// an append, not a hash (a map a leg took two fifths of a load's client
// CPU: BENCHMARKS.md, "Cell sums appended"), and the entries stay under
// twice the distinct keys and 64.
type cellSums struct {
	cells  []cellSum
	merged int // cells[:merged] are sorted with distinct keys
}

type cellSum struct {
	key              int64
	victims, records int
}

func (s *cellSums) add(key int64, victims int) {
	s.cells = append(s.cells, cellSum{key, victims, 1})
	if len(s.cells) >= 2*s.merged+64 {
		s.merge()
	}
}

// merge sorts the cells by key and sums those of one key.
func (s *cellSums) merge() {
	slices.SortFunc(s.cells, func(a, b cellSum) int { return cmp.Compare(a.key, b.key) })
	out := s.cells[:0]
	for _, c := range s.cells {
		if n := len(out); n > 0 && out[n-1].key == c.key {
			out[n-1].victims += c.victims
			out[n-1].records += c.records
			continue
		}
		out = append(out, c)
	}
	s.cells, s.merged = out, len(out)
}

// row is the row of one leg or pair: its keys in increasing order.
func (s *cellSums) row(from, to string) map[string]any {
	s.merge()
	ks, vs, rs := make([]any, len(s.cells)), make([]any, len(s.cells)), make([]any, len(s.cells))
	for i, c := range s.cells {
		ks[i], vs[i], rs[i] = int(c.key), c.victims, c.records
	}
	return map[string]any{"from": from, "to": to, "keys": ks, "victims": vs, "records": rs}
}

// CellRows are the rows of CreateLegCells (one per leg, every leg of
// every record) and CreateODCells (one per origin and destination), in
// order of (from, to), and the parameters of SetTotalCells: the records
// of ds summed once.
//
// The time complexity is O(R·L + C log C) for R records of at most L legs
// and C cells.
func CellRows(ds *graph.Dataset) (legs, pairs []any, totals map[string]any) {
	c := NewCellSums()
	for i := range ds.Flows {
		c.Add(&ds.Flows[i])
	}
	legs, pairs = c.Rows()
	return legs, pairs, c.TotalParams()
}

// CellSums sums the cells of records added one at a time, keeping nothing
// of them but the codes and sources it copies: what CellRows returns for
// the same records, for a load that streams them.
type CellSums struct {
	legs, pairs map[[2]string]*cellSums
	totals      map[totalKey]*[2]int
	// sources are the distinct non-empty sources (copies), until
	// there are more than MaxSources (manySources); over is set when the
	// totals' cells or the sources are too many to keep (TotalParams'
	// null lists).
	sources           map[string]string
	manySources, over bool
}

// totalKey is a cell of the totals and its source ("" for none).
type totalKey struct {
	cell   int64
	source string
}

// NewCellSums returns an empty CellSums.
func NewCellSums() *CellSums {
	return &CellSums{legs: map[[2]string]*cellSums{}, pairs: map[[2]string]*cellSums{}, totals: map[totalKey]*[2]int{}, sources: map[string]string{}}
}

// Add adds the cells of f.
func (c *CellSums) Add(f *graph.Flow) {
	rc := recordCell(f)
	c.at(c.pairs, f.Origin, f.Destination).add(rc.Key(), f.Victims)
	eachLegCell(f, rc, func(from, to string, key int64) { c.at(c.legs, from, to).add(key, f.Victims) })
	src := f.Source
	if src != "" && !c.manySources {
		s, ok := c.sources[src]
		if !ok {
			if len(c.sources) == MaxSources {
				c.manySources, c.sources = true, nil
				c.drop()
				return
			}
			s = strings.Clone(src)
			c.sources[s] = s
		}
		src = s
	}
	if c.over {
		return
	}
	if f.Origin == f.Destination {
		rc.Last = 1
	}
	k := totalKey{rc.Key(), src}
	v := c.totals[k]
	if v == nil {
		if len(c.totals) == MaxTotalCells {
			c.drop()
			return
		}
		v = new([2]int)
		c.totals[k] = v
	}
	v[0] += f.Victims
	v[1]++
}

// eachLegCell calls fn with each leg of f and its cell's key: rc (the
// record's cell) with the leg's vector and Last 1 when the leg ends at a
// via.
func eachLegCell(f *graph.Flow, rc Cell, fn func(from, to string, key int64)) {
	path := f.Path()
	for j := 0; j+1 < len(path); j++ {
		lc := rc
		if j < len(f.Vectors) {
			lc.Leg = f.Vectors[j]
		}
		if j+2 < len(path) {
			lc.Last = 1
		}
		fn(path[j], path[j+1], lc.Key())
	}
}

// drop gives up the totals' cells: there are too many, or too many
// sources.
func (c *CellSums) drop() {
	c.over, c.totals = true, nil
}

// at is the sums of the leg or pair from-to in m, the codes copied when
// new (a record's may point into the bytes of its file).
func (c *CellSums) at(m map[[2]string]*cellSums, from, to string) *cellSums {
	k := [2]string{from, to}
	s := m[k]
	if s == nil {
		s = &cellSums{}
		m[[2]string{strings.Clone(from), strings.Clone(to)}] = s
	}
	return s
}

// Rows are CellRows' rows of the records added.
func (c *CellSums) Rows() (legs, pairs []any) {
	c.EachRow(func(leg bool, row map[string]any) {
		if leg {
			legs = append(legs, row)
		} else {
			pairs = append(pairs, row)
		}
	})
	return legs, pairs
}

// EachRow calls fn with the rows of Rows, one at a time (leg true for
// the legs' rows, which come first), letting go of the sums of each as
// its row is made: the rows of every cell at once would take several
// times the sums' memory. Call it once, after every Add.
func (c *CellSums) EachRow(fn func(leg bool, row map[string]any)) {
	for i, m := range []map[[2]string]*cellSums{c.legs, c.pairs} {
		for _, k := range slices.SortedFunc(maps.Keys(m), func(a, b [2]string) int {
			return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
		}) {
			row := m[k].row(k[0], k[1])
			delete(m, k)
			fn(i == 0, row)
		}
	}
}

// Sources are the distinct non-empty sources of the records added, in
// order; ok is false when there are more than MaxSources.
func (c *CellSums) Sources() (list []string, ok bool) {
	if c.manySources {
		return nil, false
	}
	return slices.Sorted(maps.Keys(c.sources)), true
}

// MaxTotalCells bounds the cells of the totals a :Load node holds; with
// more (or more than MaxSources sources), filtered totals are summed from
// the records.
const MaxTotalCells = 100000

// TotalParams are the parameters of SetTotalCells for the records added
// (after Rows or EachRow too, which leave the totals): the cells of the
// totals, by Cell (Last: domestic) and source, the source an index into
// the sorted distinct non-empty sources (what :Dataset lists), -1 for
// none. The lists are null when there are more than MaxSources sources
// or MaxTotalCells cells.
func (c *CellSums) TotalParams() map[string]any {
	if c.over {
		return map[string]any{"total_keys": nil, "total_sources": nil, "total_victims": nil, "total_records": nil}
	}
	sources, _ := c.Sources()
	index := make(map[string]int, len(sources)+1)
	index[""] = -1
	for i, s := range sources {
		index[s] = i
	}
	type key struct {
		cell   int64
		source int
	}
	sums := make(map[key]*[2]int, len(c.totals))
	for k, v := range c.totals {
		sums[key{k.cell, index[k.source]}] = v
	}
	keys := slices.SortedFunc(maps.Keys(sums), func(a, b key) int {
		return cmp.Or(cmp.Compare(a.cell, b.cell), cmp.Compare(a.source, b.source))
	})
	ks, ss, vs, rs := make([]any, len(keys)), make([]any, len(keys)), make([]any, len(keys)), make([]any, len(keys))
	for i, k := range keys {
		ks[i], ss[i], vs[i], rs[i] = int(k.cell), k.source, sums[k][0], sums[k][1]
	}
	return map[string]any{"total_keys": ks, "total_sources": ss, "total_victims": vs, "total_records": rs}
}
