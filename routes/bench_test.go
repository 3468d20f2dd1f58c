package routes_test

import (
	"context"
	"testing"

	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/internal/testgraphs"
)

func BenchmarkBetweennessRandom80(b *testing.B) {
	lg := testgraphs.LegGraph(b, "random80")
	for _, c := range []routes.Cost{routes.ByHops, routes.ByVictims} {
		b.Run(c.String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := routes.Betweenness(context.Background(), lg.Index, c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBetweenness1M is the betweenness of hubs on the leg graph of
// a million records (synthetic1M: 200 countries, 32,514 legs), by hops
// (rows of bits) and by 1/victims.
func BenchmarkBetweenness1M(b *testing.B) {
	lg := synthetic1M(b)
	for _, c := range []routes.Cost{routes.ByHops, routes.ByVictims} {
		b.Run(c.String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := routes.Betweenness(context.Background(), lg.Index, c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPageRankRandom80(b *testing.B) {
	lg := testgraphs.LegGraph(b, "random80")
	for b.Loop() {
		if _, err := routes.PageRank(context.Background(), lg.Index); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKPathsRandom80(b *testing.B) {
	lg := testgraphs.LegGraph(b, "random80")
	ref := testgraphs.Load(b, "random80")
	pc := ref.Paths[2] // a source to a dangling node: long routes, many paths
	for b.Loop() {
		if _, err := routes.KPaths(context.Background(), lg.Index, pc.From, pc.To, 8, routes.ByVictims); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHubsToc2010(b *testing.B) {
	lg := testgraphs.LegGraph(b, "toc2010")
	for b.Loop() {
		if _, err := routes.Hubs(context.Background(), lg, routes.ByTransit, routes.ByHops); err != nil {
			b.Fatal(err)
		}
	}
}
