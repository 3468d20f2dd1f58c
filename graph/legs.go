package graph

import (
	"fmt"
	"slices"

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
	ids := make(map[string]int32)
	var codes []string
	id := func(code string) int32 {
		i, ok := ids[code]
		if !ok {
			i = int32(len(codes))
			ids[code] = i
			codes = append(codes, code)
		}
		return i
	}
	type key struct{ from, to int32 }
	type acc struct {
		leg   *Leg
		years map[int]struct{}
	}
	legs := make(map[key]*acc)
	for i := range ds.Flows {
		f := &ds.Flows[i]
		if !flt.Keep(f) {
			continue
		}
		lg.Flows = append(lg.Flows, f)
		prev := id(f.Origin)
		for j := 0; j < f.NumLegs(); j++ {
			next := f.Destination
			if j < len(f.Via) {
				next = f.Via[j]
			}
			n := id(next)
			k := key{prev, n}
			a := legs[k]
			if a == nil {
				a = &acc{leg: &Leg{From: codes[prev], To: codes[n]}, years: map[int]struct{}{}}
				legs[k] = a
			}
			a.leg.Victims += f.Victims
			a.leg.Records++
			v := VectorUnknown
			if j < len(f.Vectors) {
				v = f.Vectors[j]
			}
			a.leg.ByVector[v] += f.Victims
			for y := f.Period.From; y <= f.Period.To; y++ {
				a.years[y] = struct{}{}
			}
			prev = n
		}
	}
	all := make([]*Leg, 0, len(legs))
	for _, a := range legs {
		for y := range a.years {
			a.leg.Years = append(a.leg.Years, y)
		}
		slices.Sort(a.leg.Years)
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
