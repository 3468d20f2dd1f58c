package groups_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// groupNetworks builds a dataset of n groups of size members each
// with ties ties each: a random spanning tree (every member tied to an
// earlier one, so each group is connected and has cut points) plus
// random extra ties; roles, genders and countries drawn from a fixed
// seed.
func groupNetworks(n, size, ties int) *graph.Dataset {
	rng := rand.New(rand.NewPCG(2010, 7))
	ds := &graph.Dataset{}
	countries := []string{"AZ", "GE", "TM", "TR", "UZ"}
	for g := range n {
		gid := fmt.Sprintf("g%05d", g)
		ds.Groups = append(ds.Groups, graph.Group{ID: gid, Countries: countries[:2]})
		for i := range size {
			ds.Members = append(ds.Members, graph.Person{
				Group: gid, ID: fmt.Sprintf("%s-%06d", gid, i), Role: graph.Roles[rng.IntN(len(graph.Roles))],
				Gender: []string{"female", "male", ""}[rng.IntN(3)], Nationality: countries[rng.IntN(5)], Country: countries[rng.IntN(5)],
			})
		}
		person := func(i int) string { return fmt.Sprintf("%s-%06d", gid, i) }
		for i := 1; i < size && i <= ties; i++ {
			ds.Ties = append(ds.Ties, graph.Tie{Group: gid, From: person(rng.IntN(i)), To: person(i), Kind: graph.Associate})
		}
		for k := size - 1; k < ties; k++ {
			a, b := rng.IntN(size), rng.IntN(size)
			if a == b {
				b = (a + 1) % size
			}
			ds.Ties = append(ds.Ties, graph.Tie{Group: gid, From: person(a), To: person(b), Kind: graph.Recruits, Directed: true})
		}
	}
	return ds
}

// BenchmarkGroups50kMany: 50,000 persons and 200,000 ties as 1,250
// groups of 40 members and 160 ties each (the seed's largest group has
// "over 40" members), every group exact.
func BenchmarkGroups50kMany(b *testing.B) {
	ds := groupNetworks(1250, 40, 160)
	b.ResetTimer()
	for b.Loop() {
		if _, err := groups.Reports(context.Background(), ds, groups.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGroups50kOne: one group of 50,000 persons and 200,000 ties;
// betweenness is sampled from pivotCount(50000, 200000, false) = 222
// sources, cut points and bridges exact.
func BenchmarkGroups50kOne(b *testing.B) {
	ds := groupNetworks(1, 50_000, 200_000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := groups.Reports(context.Background(), ds, groups.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGroups3kExact: one group of 3,000 persons and 12,000 ties,
// about the largest whose exact betweenness fits groups.BetweennessBudget.
func BenchmarkGroups3kExact(b *testing.B) {
	ds := groupNetworks(1, 3_000, 12_000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := groups.Reports(context.Background(), ds, groups.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDisrupt5k: groups --group G --disrupt 3 on one group of 5,000
// persons and 12,000 ties weighted 1 to 337 (groupNetworks with weights
// drawn from a fixed seed): the report with weighted brokers, the greedy
// key-player search with swaps, and the brokers after the removal.
func BenchmarkDisrupt5k(b *testing.B) {
	ds := groupNetworks(1, 5_000, 12_000)
	rng := rand.New(rand.NewPCG(337, 1))
	for i := range ds.Ties {
		ds.Ties[i].Weight = float64(1 + rng.IntN(337))
	}
	q := groups.Query{Group: ds.Groups[0].ID, Disrupt: 3}
	b.ResetTimer()
	for b.Loop() {
		res, err := q.Run(context.Background(), ds)
		if err != nil {
			b.Fatal(err)
		}
		d := res.Groups[0].Disruption
		if len(d.Removed) != 3 {
			b.Fatalf("removed %v", d.Removed)
		}
		b.ReportMetric(float64(d.Evaluated), "subsets/op")
		b.Logf("removed %v: F %.4f -> %.4f (bound %.4f), %s; brokers %s", d.Removed, d.FragmentationBefore, d.Fragmentation, *d.Bound, d.Method, res.Groups[0].BetweennessMethod)
	}
}

// cellNetwork is graphtest.CellNetwork (bench/personbc's network) as
// adjacency lists.
func cellNetwork(n, m int) [][]int32 {
	adj := make([][]int32, n)
	for _, e := range graphtest.CellNetwork(n, m) {
		adj[e[0]] = append(adj[e[0]], e[1])
		adj[e[1]] = append(adj[e[1]], e[0])
	}
	return adj
}

// BenchmarkBetweennessFrom50k: betweenness from 100 sources (every
// 500th person) on 50,000 persons and 200,000 ties, on every core: what
// bench/compare times against NetworkX and python-igraph.
func BenchmarkBetweennessFrom50k(b *testing.B) {
	adj := cellNetwork(50_000, 200_000)
	var sources []int32
	for s := 0; s < len(adj); s += len(adj) / 100 {
		sources = append(sources, int32(s))
	}
	for b.Loop() {
		if _, err := groups.BetweennessFrom(context.Background(), adj, sources); err != nil {
			b.Fatal(err)
		}
	}
}
