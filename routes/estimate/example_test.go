package estimate_test

import (
	"context"
	"fmt"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes/estimate"
)

// Two lists: police recorded 100 victims, NGOs 120, 40 of them on both.
// Under main effects the estimate is Lincoln-Petersen's 100 x 120 / 40.
func ExampleMSE() {
	c := &graph.Captures{
		Lists:  []string{"police", "ngo"},
		Counts: []int{0, 60, 80, 40}, // no list (unknown), police only, NGO only, both
	}
	r, err := estimate.MSE(context.Background(), c, estimate.MSEOptions{Method: estimate.MSEMain})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("known %d, dark %.0f, total %.0f, detected %.0f%%\n", r.Known, r.Dark, r.Total, 100*r.DetectionRate)
	// Output: known 180, dark 120, total 300, detected 60%
}
