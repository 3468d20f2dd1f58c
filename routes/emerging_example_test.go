package routes_test

import (
	"fmt"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// In Spain, Colombian victims give way to Paraguayans (the seed's
// substitution), while a rise of Sierra Leoneans from 2 to 4 is noise:
// with expected counts below 5 Fisher's exact test decides, and q is the
// Benjamini-Hochberg adjusted p-value over the four tests. Origins whose
// share changed come first, the largest change first.
// Shares add up to 1, so when one origin falls the others' shares rise:
// Romania's 78.8% -> 86.6% is significant although its victims barely
// changed, and it is listed among CO's replacements.
func ExampleEmerging() {
	ds := &graph.Dataset{Name: "spain"}
	add := func(origin string, year, victims int) {
		ds.Flows = append(ds.Flows, graph.Flow{ID: fmt.Sprint(len(ds.Flows)), Origin: origin, Destination: "ES",
			Vectors: []graph.Vector{graph.Air}, Victims: victims, Period: graph.Year(year)})
	}
	add("CO", 2003, 200)
	add("PY", 2003, 10)
	add("SL", 2003, 2)
	add("RO", 2003, 788)
	add("CO", 2007, 40)
	add("PY", 2007, 90)
	add("SL", 2007, 4)
	add("RO", 2007, 866)
	lg, _ := graph.NewLegGraph(ds, graph.Filter{})
	res, _ := routes.Emerging(lg, routes.EmergingOptions{})
	fmt.Println("baseline", res.Baseline, "recent", res.Recent)
	for _, o := range res.Destinations[0].Origins {
		fmt.Printf("%s %3d -> %3d  %4.1f%% -> %4.1f%%  %-7s %-6s p=%.2g q=%.2g\n", o.Country, o.BaselineVictims, o.RecentVictims,
			100*o.BaselineShare, 100*o.RecentShare, o.Status, o.Test, o.PValue, o.QValue)
	}
	for _, s := range res.Destinations[0].Substitutions {
		fmt.Println(s.Falling, "replaced by", s.Rising)
	}
	// Output:
	// baseline 2003-2004 recent 2006-2007
	// CO 200 ->  40  20.0% ->  4.0%  falling z      p=3.4e-28 q=1.4e-27
	// PY  10 ->  90   1.0% ->  9.0%  rising  z      p=2.3e-16 q=4.5e-16
	// RO 788 -> 866  78.8% -> 86.6%  rising  z      p=4e-06 q=5.3e-06
	// SL   2 ->   4   0.2% ->  0.4%  stable  fisher p=0.69 q=0.69
	// CO replaced by [PY RO]
}
