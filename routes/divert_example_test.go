package routes_test

import (
	"context"
	"fmt"

	"github.com/tipgraph/tipgraph/routes"
)

// Suriname closes: of the 35 Brazil-Suriname-Netherlands victims, half
// are displaced (30 × 0.5 = 15, and 5 × 0.5 = 2.5 rounds half to even to
// 2) onto the direct flight, the rest deterred.
func ExampleDivert() {
	d, _ := routes.Divert(context.Background(), brazilToEurope(), routes.DivertOptions{Remove: []string{"SR"}, Displacement: 0.5})
	fmt.Printf("affected=%d rerouted=%d deterred=%d disrupted=%d\n", d.Affected, d.Rerouted, d.Deterred, d.Disrupted)
	for _, r := range d.Reroutes {
		fmt.Println(r.OldPath, "->", r.NewPath, r.Victims)
	}
	for _, c := range d.Countries {
		fmt.Printf("%s %d -> %d (%+d)\n", c.Country, c.TransitBefore, c.TransitAfter, c.Delta)
	}
	// Output:
	// affected=35 rerouted=17 deterred=18 disrupted=0
	// [BR SR NL] -> [BR NL] 17
	// SR 35 -> 0 (-35)
	// GF 20 -> 20 (+0)
}
