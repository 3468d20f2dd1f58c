package neo4j

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// TestConcurrently: every read runs, at once; the first read to fail
// gives the error, and the reads still running see their context
// cancelled (their own cancellation errors are not the one returned).
func TestConcurrently(t *testing.T) {
	ctx := context.Background()
	var ran atomic.Int32
	started := make(chan struct{})
	err := concurrently(ctx,
		func(context.Context) error { ran.Add(1); <-started; return nil },
		func(context.Context) error { ran.Add(1); close(started); return nil },
	)
	if err != nil || ran.Load() != 2 {
		t.Fatalf("two reads that wait for each other: err %v, %d ran", err, ran.Load())
	}

	failed := errors.New("the first read failed")
	cancelled := make(chan error, 1)
	err = concurrently(ctx,
		func(ctx context.Context) error {
			select {
			case <-ctx.Done():
				cancelled <- ctx.Err()
				return ctx.Err()
			case <-time.After(10 * time.Second):
				cancelled <- nil
				return errors.New("not cancelled")
			}
		},
		func(context.Context) error { return failed },
	)
	if !errors.Is(err, failed) {
		t.Fatalf("got %v, want the first read's error", err)
	}
	if c := <-cancelled; !errors.Is(c, context.Canceled) {
		t.Fatalf("the other read ended with %v, want its context cancelled", c)
	}
}
