package graph

import (
	"cmp"
	"slices"
)

// Index is the compact integer-indexed view of a leg graph, built once:
// nodes are numbered 0..N-1 in country-code order, so any loop over them
// is deterministic, and adjacency lists are sorted by neighbour id.
type Index struct {
	// Codes[i] is the country code of node i, sorted ascending.
	Codes []string
	// Legs[e] is the leg of arc e, sorted by (From, To).
	Legs []*Leg
	// Out[i] and In[i] list the arcs leaving and entering node i.
	Out, In [][]Arc
	// Transit[i] sums the records that pass through node i as a transit
	// country (a via).
	Transit []Transit
	id      map[string]int
}

// Transit is what passes through a country: the victims and the number of
// the records that name it as a via.
type Transit struct {
	Victims, Records int
}

// Arc is one leg seen from one of its ends: Node is the other end, Leg
// the index into Index.Legs, Victims the leg's victims.
type Arc struct {
	Node    int32
	Leg     int32
	Victims int64
}

// transit[i] is the transit of codes[i].
func newIndex(codes []string, legs []*Leg, transit []Transit) *Index {
	ix := &Index{Codes: slices.Clone(codes), id: make(map[string]int, len(codes))}
	slices.Sort(ix.Codes)
	for i, c := range ix.Codes {
		ix.id[c] = i
	}
	ix.Transit = make([]Transit, len(codes))
	for i, t := range transit {
		ix.Transit[ix.id[codes[i]]] = t
	}
	// Legs sort by (From, To) through their ids, which follow code order:
	// integers compare faster than the codes (tens of thousands of legs).
	type keyed struct {
		u, v int32
		l    *Leg
	}
	ks := make([]keyed, len(legs))
	for i, l := range legs {
		ks[i] = keyed{int32(ix.id[l.From]), int32(ix.id[l.To]), l}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		return cmp.Or(cmp.Compare(a.u, b.u), cmp.Compare(a.v, b.v))
	})
	ix.Legs = legs
	ix.Out = make([][]Arc, len(codes))
	ix.In = make([][]Arc, len(codes))
	for e, k := range ks {
		legs[e] = k.l
		ix.Out[k.u] = append(ix.Out[k.u], Arc{k.v, int32(e), int64(k.l.Victims)})
		ix.In[k.v] = append(ix.In[k.v], Arc{k.u, int32(e), int64(k.l.Victims)})
	}
	// Out lists are already in neighbour order because legs are sorted by
	// (From, To) and ids follow code order; In lists are too, since arcs
	// are appended in From order.
	return ix
}

// N is the number of nodes.
func (ix *Index) N() int { return len(ix.Codes) }

// ID returns the node id of code and whether it is in the graph.
func (ix *Index) ID(code string) (int, bool) {
	i, ok := ix.id[code]
	return i, ok
}
