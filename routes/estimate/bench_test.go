package estimate_test

import (
	"context"
	"testing"

	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes/estimate"
)

// BenchmarkMSEUK2013 is estimate --mse on the UK 2013 table with the
// default settings: stepwise, 1,000 bootstrap replicates.
func BenchmarkMSEUK2013(b *testing.B) {
	c, err := ingest.ReadCapturesFile("testdata/uk-2013-six-lists.csv")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := estimate.MSE(context.Background(), c, estimate.MSEOptions{Method: estimate.MSEStepwise, PThresh: estimate.DefaultPThresh, Bootstrap: 1000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
