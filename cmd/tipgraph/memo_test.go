package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes"
)

// value returns a compute of v with size bytes that counts its calls.
func value(v any, size int64, calls *atomic.Int32) func(context.Context) (any, int64, error) {
	return func(context.Context) (any, int64, error) {
		calls.Add(1)
		return v, size, nil
	}
}

func TestMemoBounds(t *testing.T) {
	ctx := context.Background()
	t.Run("entries", func(t *testing.T) {
		m := newMemo(3, 1000)
		var calls atomic.Int32
		for i := range 5 {
			if _, err := m.get(ctx, fmt.Sprint(i), value(i, 1, &calls)); err != nil {
				t.Fatal(err)
			}
		}
		if n, b := m.stats(); n != 3 || b != 3 {
			t.Fatalf("kept %d values of %d bytes, want 3 of 3", n, b)
		}
		// 2, 3, 4 are kept; 0 was dropped first and is computed again.
		for _, k := range []string{"4", "3", "2", "0"} {
			m.get(ctx, k, value(k, 1, &calls))
		}
		if got := calls.Load(); got != 6 {
			t.Errorf("%d computations, want 6 (5, then 0 again)", got)
		}
	})
	t.Run("bytes", func(t *testing.T) {
		m := newMemo(100, 100)
		var calls atomic.Int32
		m.get(ctx, "a", value("a", 40, &calls))
		m.get(ctx, "b", value("b", 40, &calls))
		m.get(ctx, "a", value("a", 40, &calls)) // a is now the most recent
		m.get(ctx, "c", value("c", 40, &calls)) // 120 bytes: b goes
		if n, b := m.stats(); n != 2 || b != 80 {
			t.Fatalf("kept %d values of %d bytes, want 2 of 80", n, b)
		}
		m.get(ctx, "a", value("a", 40, &calls))
		m.get(ctx, "b", value("b", 40, &calls))
		if got := calls.Load(); got != 4 {
			t.Errorf("%d computations, want 4 (a, b, c, b again)", got)
		}
		v, err := m.get(ctx, "huge", value("huge", 101, &calls))
		if v != "huge" || err != nil {
			t.Fatalf("a value over the bound: %v, %v; want it returned", v, err)
		}
		if n, b := m.stats(); n > 2 || b > 100 {
			t.Errorf("kept %d values of %d bytes after one of 101 bytes, want at most 100 bytes", n, b)
		}
	})
}

// TestMemoOneComputation: concurrent requests of one key share one
// computation; an error reaches them all and is not kept.
func TestMemoOneComputation(t *testing.T) {
	ctx := context.Background()
	m := newMemo(10, 1000)
	var calls atomic.Int32
	release := make(chan struct{})
	fail := errors.New("no records")
	compute := func(context.Context) (any, int64, error) {
		calls.Add(1)
		<-release
		return nil, 0, fail
	}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() { _, errs[i] = m.get(ctx, "k", compute) })
	}
	time.Sleep(50 * time.Millisecond) // let them all wait (the test passes either way)
	close(release)
	wg.Wait()
	for i, err := range errs {
		if !errors.Is(err, fail) {
			t.Errorf("caller %d: %v, want %v", i, err, fail)
		}
	}
	if n := calls.Load(); n < 1 || n > 8 {
		t.Fatalf("%d computations", n)
	}
	if n, _ := m.stats(); n != 0 {
		t.Errorf("%d values kept after an error, want 0", n)
	}
	before := calls.Load()
	m.get(ctx, "k", compute)
	if calls.Load() != before+1 {
		t.Error("an error was kept: not computed again")
	}

	// A computation in flight is shared: with the first caller blocked,
	// the others wait for it and none computes.
	started, unblock := make(chan struct{}), make(chan struct{})
	calls.Store(0)
	go m.get(ctx, "shared", func(context.Context) (any, int64, error) {
		calls.Add(1)
		close(started)
		<-unblock
		return "v", 1, nil
	})
	<-started
	got := make([]any, 4)
	for i := range got {
		wg.Go(func() { got[i], _ = m.get(ctx, "shared", value("other", 1, &calls)) })
	}
	close(unblock)
	wg.Wait()
	for i, v := range got {
		if v != "v" {
			t.Errorf("waiter %d got %v, want the shared computation's v", i, v)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("%d computations, want 1", n)
	}
}

// TestMemoCancelledComputation: when the request computing a value goes
// away, a request waiting for it computes it under its own context.
func TestMemoCancelledComputation(t *testing.T) {
	m := newMemo(10, 1000)
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	done := make(chan error)
	go func() {
		_, err := m.get(ctx, "k", func(ctx context.Context) (any, int64, error) {
			close(started)
			<-ctx.Done()
			return nil, 0, ctx.Err()
		})
		done <- err
	}()
	<-started
	waiter := make(chan any)
	go func() {
		v, _ := m.get(context.Background(), "k", func(context.Context) (any, int64, error) { return "mine", 1, nil })
		waiter <- v
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled caller: %v, want context.Canceled", err)
	}
	if v := <-waiter; v != "mine" {
		t.Errorf("waiter got %v, want its own computation", v)
	}
}

// TestMemoDiversion: a kept diversion is the one routes.Divert computes,
// shared by requests that name the removed countries in another order,
// and distinct for another displacement; interdict and divert --each use
// the kept what-if.
func TestMemoDiversion(t *testing.T) {
	ctx := context.Background()
	ds, err := ingest.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m := newMemo(memoMaxEntries, memoMaxBytes)
	flt := graph.Filter{}
	lg, err := m.legGraph(ctx, ds, flt)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := m.legGraph(ctx, ds, flt); again != lg {
		t.Error("the leg graph of one filter was built twice")
	}
	o := routes.DivertOptions{Remove: []string{"UA", "RU"}, Displacement: 1}
	got, err := m.diversion(ctx, lg, o)
	if err != nil {
		t.Fatal(err)
	}
	want, err := routes.Divert(ctx, lg, o)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("kept diversion differs from routes.Divert:\n got %v\nwant %v", got, want)
	}
	swapped, _ := m.diversion(ctx, lg, routes.DivertOptions{Remove: []string{"RU", "UA"}, Displacement: 1})
	if swapped != got {
		t.Error("the same removal in another order was computed again")
	}
	half, _ := m.diversion(ctx, lg, routes.DivertOptions{Remove: []string{"UA", "RU"}, Displacement: 0.5})
	if half == got || half.Displacement != 0.5 {
		t.Error("another displacement got the kept diversion")
	}
	// interdict and divert --each run on the what-if the diversions
	// kept, and give what they give on a what-if of their own.
	w, err := m.whatIf(ctx, lg, 1, o.Cost)
	if err != nil {
		t.Fatal(err)
	}
	opt := routes.InterdictOptions{K: 2, Displacement: 1}
	gotIn, err := w.Interdict(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	wantIn, err := routes.Interdict(ctx, lg, opt)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(gotIn) != fmt.Sprint(wantIn) || len(wantIn.Removed) == 0 {
		t.Errorf("interdict on the kept what-if:\n got %v\nwant %v", gotIn, wantIn)
	}
	own, err := routes.NewWhatIf(lg, 1, o.Cost)
	if err != nil {
		t.Fatal(err)
	}
	gotEach, err := w.Each(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantEach, err := own.Each(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(gotEach) != fmt.Sprint(wantEach) || len(wantEach) == 0 {
		t.Errorf("divert --each on the kept what-if:\n got %v\nwant %v", gotEach, wantEach)
	}
	// The leg graph, the what-if of each displacement, two diversions:
	// interdict and --each added nothing.
	if n, b := m.stats(); n != 5 || b <= 0 {
		t.Errorf("kept %d values of %d bytes, want 5", n, b)
	}
}

// liveHeap is the heap in use after collecting garbage.
func liveHeap() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// TestMemoSizes: the estimates the memo is bounded by are within 30% of
// the heap each value keeps alive, measured by the runtime (the
// independent reference; 200,000 generated records: leg graph 5.7 MB
// estimated, 6.0 MB measured; what-if 10.1 and 10.7 MB; diversion 8.4 and
// 8.6 MB). Not parallel, so that no other test allocates meanwhile.
func TestMemoSizes(t *testing.T) {
	ctx := context.Background()
	ds := graphtest.Synthetic(40000, 80, 1)
	h0 := liveHeap()
	lg, err := graph.NewLegGraph(ds, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	h1 := liveHeap()
	w, err := routes.NewWhatIf(lg, 1, routes.ByHops)
	if err != nil {
		t.Fatal(err)
	}
	h2 := liveHeap()
	busiest := 0
	for i, tr := range lg.Index.Transit {
		if tr.Victims > lg.Index.Transit[busiest].Victims {
			busiest = i
		}
	}
	d, err := w.Divert(ctx, []string{lg.Index.Codes[busiest]}, 0)
	if err != nil {
		t.Fatal(err)
	}
	h3 := liveHeap()
	for _, c := range []struct {
		what          string
		est, measured int64
	}{{"leg graph", lg.Bytes(), h1 - h0}, {"what-if", w.Bytes(), h2 - h1}, {"diversion", d.Bytes(), h3 - h2}} {
		r := float64(c.est) / float64(c.measured)
		t.Logf("%s: estimated %d bytes, %d measured (ratio %.2f)", c.what, c.est, c.measured, r)
		if r < 0.7 || r > 1.3 {
			t.Errorf("%s: estimated %d bytes, %d measured (ratio %.2f)", c.what, c.est, c.measured, r)
		}
	}
	runtime.KeepAlive(lg)
	runtime.KeepAlive(w)
	runtime.KeepAlive(d)
}
