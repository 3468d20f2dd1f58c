package routes_test

import (
	"context"
	"fmt"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// brazilToEurope: Brazilian victims fly to the Netherlands directly or
// through Suriname, and to France through French Guiana.
func brazilToEurope() *graph.LegGraph {
	air := []graph.Vector{graph.Air, graph.Air}
	ds := &graph.Dataset{Flows: []graph.Flow{
		{ID: "a", Origin: "BR", Destination: "NL", Via: []string{"SR"}, Vectors: air, Victims: 30},
		{ID: "b", Origin: "BR", Destination: "NL", Vectors: air[:1], Victims: 10},
		{ID: "c", Origin: "BR", Destination: "FR", Via: []string{"GF"}, Vectors: air, Victims: 20},
		{ID: "d", Origin: "BR", Destination: "NL", Via: []string{"SR"}, Vectors: air, Victims: 5},
		{ID: "e", Origin: "FR", Destination: "NL", Vectors: air[:1], Victims: 2},
	}}
	lg, _ := graph.NewLegGraph(ds, graph.Filter{})
	return lg
}

func ExampleObservedRoutes() {
	for _, o := range routes.ObservedRoutes(brazilToEurope(), "BR", "NL") {
		fmt.Println(o.Path, o.Victims, o.Records)
	}
	// Output:
	// [BR SR NL] 35 2
	// [BR NL] 10 1
}

func ExampleKPaths() {
	lg := brazilToEurope()
	paths, _ := routes.KPaths(context.Background(), lg.Index, "BR", "NL", 3, routes.ByHops)
	for _, p := range paths {
		fmt.Printf("%v hops=%d thinnest=%d\n", p.Nodes, p.Hops, p.MinLegVictims)
	}
	// By 1/victims the Suriname route (legs of 35) beats the direct leg (10).
	paths, _ = routes.KPaths(context.Background(), lg.Index, "BR", "NL", 1, routes.ByVictims)
	fmt.Printf("%v cost=%.4f\n", paths[0].Nodes, paths[0].Cost)
	// Output:
	// [BR NL] hops=1 thinnest=10
	// [BR SR NL] hops=2 thinnest=35
	// [BR GF FR NL] hops=3 thinnest=2
	// [BR SR NL] cost=0.0571
}

// GF lies on the only shortest path BR->FR: 1 of the (5-1)(5-2) = 12
// ordered pairs, so its betweenness is 1/12. SR lies on none, as BR->NL is
// direct.
func ExampleHubs() {
	hubs, _ := routes.Hubs(context.Background(), brazilToEurope(), routes.ByTransit, routes.ByHops)
	for _, h := range hubs[:3] {
		fmt.Printf("%s transit=%d inflow=%d outflow=%d betweenness=%.4f\n", h.Country, h.Transit, h.Inflow, h.Outflow, h.Betweenness)
	}
	// Output:
	// SR transit=35 inflow=35 outflow=35 betweenness=0.0000
	// GF transit=20 inflow=20 outflow=20 betweenness=0.0833
	// BR transit=0 inflow=0 outflow=65 betweenness=0.0000
}
