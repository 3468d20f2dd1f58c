package neo4j

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tipgraph/tipgraph/graph/graphtest"
)

// staged counts the flows of loads of dataset that no :Dataset points at.
const staged = `MATCH (f:Flow {dataset: $dataset}) WHERE NOT EXISTS { MATCH (d:Dataset) WHERE d.load = f.load } RETURN count(f)`

// killLoad starts a load of name and cancels it after its first batch,
// as a killed client; it returns how many flows it left staged.
func killLoad(t *testing.T, s *Store, name string) int {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := s.Load(ctx, synthetic(3*BatchSize, 5), name, func(done, total int) { cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	n := count(t, s, staged, name)
	if n == 0 {
		t.Fatal("the killed load staged nothing")
	}
	return n
}

// TestInterruptedCleanedByAnyLoad: the staging of a killed load is
// deleted, and counted, by the next load of another name.
func TestInterruptedCleanedByAnyLoad(t *testing.T) {
	s := open(t)
	s.startGrace = time.Millisecond
	const killed, other = "test-stale-killed", "test-stale-other"
	n := killLoad(t, s, killed)
	// Other tests' leftovers may be cleaned too: at least ours.
	st := load(t, s, graphtest.Tricky(), other)
	if st.Cleaned < n {
		t.Errorf("the load of %s cleaned %d flows, want at least the %d %s staged", other, st.Cleaned, n, killed)
	}
	if left := count(t, s, staged, killed); left != 0 {
		t.Errorf("%d staged flows of %s left", left, killed)
	}
	if left := count(t, s, `MATCH (l:Load {dataset: $dataset}) RETURN count(l)`, killed); left != 0 {
		t.Errorf("%d :Load nodes of %s left", left, killed)
	}
	readBack(t, other, graphtest.Tricky())
}

// TestLiveLoadNotCleaned: a load of another name that starts while one
// is writing (past StartGrace) leaves its staging alone, and the first
// completes.
func TestLiveLoadNotCleaned(t *testing.T) {
	s := open(t)
	s.startGrace = time.Millisecond
	const live, other = "test-stale-live", "test-stale-other2"
	ds := synthetic(3*BatchSize, 6)
	paused, resume := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		first := true
		_, err := s.Load(context.Background(), ds, live, func(d, total int) {
			if first {
				first = false
				close(paused)
				<-resume
			}
		})
		done <- err
	}()
	<-paused
	time.Sleep(10 * time.Millisecond) // past startGrace
	before := count(t, s, staged, live)
	st := load(t, s, graphtest.Tricky(), other)
	// The other writer may finish its batch meanwhile: never fewer.
	if after := count(t, s, staged, live); after < before || before == 0 {
		t.Errorf("the live load's staging went from %d to %d flows while %s loaded (cleaned %d)", before, after, other, st.Cleaned)
	}
	close(resume)
	if err := <-done; err != nil {
		t.Fatalf("the live load failed: %v", err)
	}
	readBack(t, live, ds)
}
