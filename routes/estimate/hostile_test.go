package estimate

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tipgraph/tipgraph/graph"
)

// billions is a three-list table with counts in the billions: the
// bootstrap drew every case of every replicate before (issue 18).
func billions() *graph.Captures {
	return &graph.Captures{Lists: []string{"A", "B", "C"},
		Counts: []int{0, 3_000_000_000, 2_000_000_000, 1_000_000_000, 1_500_000_000, 700_000_000, 0, 0}}
}

// TestMSEBillions: the bootstrap of a table in the billions finishes, and
// its interval lies around the estimate, as close as the counts are large.
func TestMSEBillions(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := MSE(ctx, billions(), MSEOptions{Method: MSEMain, Bootstrap: 200, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	total := float64(res.Total)
	lo, hi := float64(res.Interval[0]), float64(res.Interval[1])
	// The relative width of the interval is of the order of 1/sqrt(known).
	if !(lo < total && total < hi) || (hi-lo)/total > 1e-3 || res.Failed > 0 {
		t.Errorf("total %v, interval %v-%v, failed %d", total, lo, hi, res.Failed)
	}
}

// TestMSECancel: cancelling the context stops the bootstrap within a
// second (SIGINT and SIGTERM cancel it in the CLI).
func TestMSECancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := MSE(ctx, billions(), MSEOptions{Method: MSEStepwise, PThresh: 0.02, Bootstrap: 100_000, Seed: 1})
		done <- err
	}()
	time.Sleep(300 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
	case <-time.After(time.Second):
		t.Fatal("still running a second after the cancel")
	}
}

// TestMultinomial: the binomial chain keeps the total and, over many
// draws, gives each cell its share (mean within 4 standard errors).
func TestMultinomial(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	y := []float64{5, 0, 3, 2}
	const n, draws = 1000.0, 2000
	sum := make([]float64, len(y))
	for range draws {
		s := multinomial(rng, n, y)
		tot := 0.0
		for i, v := range s {
			tot += v
			sum[i] += v
		}
		if tot != n {
			t.Fatalf("draw %v adds up to %v", s, tot)
		}
	}
	for i, v := range y {
		p := v / 10
		mean, se := sum[i]/draws, math.Sqrt(n*p*(1-p)/draws)
		if math.Abs(mean-n*p) > 4*se+1e-9 {
			t.Errorf("cell %d: mean %v, want %v (se %v)", i, mean, n*p, se)
		}
	}
}

// TestCapturesBound: counts over graph.MaxVictims fail Check, so no fit
// meets them (the LP panicked on 1e17).
func TestCapturesBound(t *testing.T) {
	for _, counts := range [][]int{{0, 1e17, 7, 2}, {0, math.MaxInt64, 7, 2}, {0, 6e11, 6e11, 0}} {
		_, err := MSE(context.Background(), &graph.Captures{Lists: []string{"A", "B"}, Counts: counts}, MSEOptions{Method: MSEMain})
		if !errors.Is(err, ErrNoFiniteEstimate) {
			t.Errorf("%v: got %v", counts, err)
		}
	}
}
