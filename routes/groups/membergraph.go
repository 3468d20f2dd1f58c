package groups

import (
	"cmp"
	"slices"

	"github.com/tipgraph/tipgraph/graph"
)

// MemberGraph is the compact view of one group's network, built once:
// members numbered 0..N-1 in person-id order, Adj the undirected member
// graph (each tie once in both lists, no self-loops, no repeats, sorted),
// and Ties the group's ties as they were given.
type MemberGraph struct {
	Group   *graph.Group
	Members []*graph.Person
	Adj     [][]int32
	Ties    []*graph.Tie
	id      map[string]int32
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
func MemberGraphs(ds *graph.Dataset) []*MemberGraph {
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
		if mg := at[t.Group]; mg != nil {
			mg.Ties = append(mg.Ties, t)
		}
	}
	for _, mg := range out {
		slices.SortStableFunc(mg.Members, func(a, b *graph.Person) int { return cmp.Compare(a.ID, b.ID) })
		for i, p := range mg.Members {
			mg.id[p.ID] = int32(i)
		}
		mg.Adj = make([][]int32, len(mg.Members))
		for _, t := range mg.Ties {
			u, ok1 := mg.id[t.From]
			v, ok2 := mg.id[t.To]
			if !ok1 || !ok2 || u == v {
				continue
			}
			mg.Adj[u] = append(mg.Adj[u], v)
			mg.Adj[v] = append(mg.Adj[v], u)
		}
		for i, list := range mg.Adj {
			slices.Sort(list)
			mg.Adj[i] = slices.Compact(list)
		}
	}
	return out
}

// Edges is the number of distinct undirected ties of the member graph.
func (mg *MemberGraph) Edges() int {
	n := 0
	for _, l := range mg.Adj {
		n += len(l)
	}
	return n / 2
}
