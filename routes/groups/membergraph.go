package groups

import (
	"cmp"
	"slices"

	"github.com/tipgraph/tipgraph/graph"
)

// MemberGraph is the compact view of one group's network, built once:
// members numbered 0..N-1 in person-id order, Adj the undirected member
// graph (each tie once in both lists, no self-loops, no repeats, sorted),
// W the weight of each entry of Adj (the sum of the weights of every tie
// between the two, in either direction: a directed pair's two cells add
// up), and Ties the group's ties as they were given. Weighted says whether
// any tie has a weight other than 1.
type MemberGraph struct {
	Group    *graph.Group
	Members  []*graph.Person
	Adj      [][]int32
	W        [][]float64
	Ties     []*graph.Tie
	Weighted bool
	id       map[string]int32
}

// ID returns the node number of person and whether it is a member.
func (mg *MemberGraph) ID(person string) (int32, bool) {
	i, ok := mg.id[person]
	return i, ok
}

// MemberGraphs builds the member graph of every group of ds, in dataset
// order, in one pass over the members and ties. Members and ties of a
// group ds does not list are ignored. The time complexity is
// O(M log M + T log T) for M members and T ties.
func MemberGraphs(ds *graph.Dataset) []*MemberGraph { return MemberGraphsDuring(ds, graph.Period{}) }

// MemberGraphsDuring is MemberGraphs with only the ties observed within
// period: a tie whose Period is not set always counts, one whose Period
// does not lie inside period does not (the zero period keeps every tie).
func MemberGraphsDuring(ds *graph.Dataset, period graph.Period) []*MemberGraph {
	out := make([]*MemberGraph, len(ds.Groups))
	at := make(map[string]*MemberGraph, len(ds.Groups))
	for i := range ds.Groups {
		mg := &MemberGraph{Group: &ds.Groups[i], id: map[string]int32{}}
		out[i] = mg
		at[mg.Group.ID] = mg
	}
	for i := range ds.Members {
		p := &ds.Members[i]
		if mg := at[p.Group]; mg != nil {
			mg.Members = append(mg.Members, p)
		}
	}
	for i := range ds.Ties {
		t := &ds.Ties[i]
		if mg := at[t.Group]; mg != nil && (t.Period.IsZero() || period.Contains(t.Period)) {
			mg.Ties = append(mg.Ties, t)
		}
	}
	for _, mg := range out {
		slices.SortStableFunc(mg.Members, func(a, b *graph.Person) int { return cmp.Compare(a.ID, b.ID) })
		for i, p := range mg.Members {
			mg.id[p.ID] = int32(i)
		}
		type arc struct {
			to int32
			w  float64
		}
		arcs := make([][]arc, len(mg.Members))
		for _, t := range mg.Ties {
			u, ok1 := mg.id[t.From]
			v, ok2 := mg.id[t.To]
			if !ok1 || !ok2 || u == v {
				continue
			}
			w := t.W()
			if w != 1 {
				mg.Weighted = true
			}
			arcs[u] = append(arcs[u], arc{v, w})
			arcs[v] = append(arcs[v], arc{u, w})
		}
		mg.Adj = make([][]int32, len(mg.Members))
		mg.W = make([][]float64, len(mg.Members))
		for i, list := range arcs {
			slices.SortStableFunc(list, func(a, b arc) int { return cmp.Compare(a.to, b.to) })
			for _, a := range list {
				if k := len(mg.Adj[i]); k > 0 && mg.Adj[i][k-1] == a.to {
					mg.W[i][k-1] += a.w
					continue
				}
				mg.Adj[i] = append(mg.Adj[i], a.to)
				mg.W[i] = append(mg.W[i], a.w)
			}
		}
	}
	return out
}

// Strength is the sum of the weights of v's ties (its degree when no
// tie has a weight).
func (mg *MemberGraph) Strength(v int32) float64 {
	s := 0.0
	for _, w := range mg.W[v] {
		s += w
	}
	return s
}

// Edges is the number of distinct undirected ties of the member graph.
func (mg *MemberGraph) Edges() int {
	n := 0
	for _, l := range mg.Adj {
		n += len(l)
	}
	return n / 2
}
