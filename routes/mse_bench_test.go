package routes_test

import (
	"context"
	"testing"

	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes"
)

// BenchmarkMSEUK2013 is estimate --mse on the UK 2013 table with the
// default settings: stepwise, 1,000 bootstrap replicates.
func BenchmarkMSEUK2013(b *testing.B) {
	c, err := ingest.ReadCapturesFile("testdata/mse/uk-2013-six-lists.csv")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := routes.MSE(context.Background(), c, routes.MSEOptions{Method: routes.MSEStepwise, PThresh: routes.DefaultPThresh, Bootstrap: 1000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
