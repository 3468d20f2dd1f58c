package neo4j

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
	"github.com/tipgraph/tipgraph/graph/neo4j/model"
)

// testGrace replaces StartGrace in these tests: short, but longer than
// the instant between a :Load node's creation and its lock even on a
// busy machine, since other packages' tests load at the same time.
const testGrace = 2 * time.Second

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
	s.startGrace = testGrace
	const killed, other = "test-stale-killed", "test-stale-other"
	n := killLoad(t, s, killed)
	time.Sleep(testGrace)
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
	s.startGrace = testGrace
	const live, other = "test-stale-live", "test-stale-other2"
	ds := synthetic(3*BatchSize, 6)
	paused, resume, done := pausedLoad(s, ds, live)
	<-paused
	time.Sleep(testGrace) // older than the grace
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

// pausedLoad loads ds as name, pausing after its first batch until
// resume is closed; paused is closed when it pauses.
func pausedLoad(s *Store, ds *graph.Dataset, name string) (paused, resume chan struct{}, done chan error) {
	paused, resume, done = make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		first := true
		_, err := s.Load(context.Background(), ds, name, func(d, total int) {
			if first {
				first = false
				close(paused)
				<-resume
			}
		})
		done <- err
	}()
	return paused, resume, done
}

// TestLockLostBeforeSwitch: a loader whose lock transaction the server
// ends (a db.transaction.timeout shorter than the load) still switches
// when no cleaner came, and fails, leaving nothing, when one did.
func TestLockLostBeforeSwitch(t *testing.T) {
	s := open(t)
	s.startGrace = testGrace
	s.loadLockTimeout = time.Second
	ds := synthetic(2*BatchSize, 7)
	const name = "test-stale-timeout"
	t.Run("no cleaner", func(t *testing.T) {
		paused, resume, done := pausedLoad(s, ds, name)
		<-paused
		time.Sleep(4 * time.Second) // the server's monitor ends the lock's transaction
		close(resume)
		if err := <-done; err != nil {
			t.Fatalf("got %v, want the load to switch after taking its lock again", err)
		}
		readBack(t, name, ds)
	})
	t.Run("cleaned meanwhile", func(t *testing.T) {
		paused, resume, done := pausedLoad(s, synthetic(3*BatchSize, 8), name)
		<-paused
		time.Sleep(4 * time.Second)
		cleaner := open(t)
		cleaner.startGrace = testGrace
		st := load(t, cleaner, graphtest.Tricky(), "test-stale-timeout-cleaner")
		if st.Cleaned == 0 {
			t.Error("the cleaner found nothing to clean")
		}
		close(resume)
		if err := <-done; err == nil || !strings.Contains(err.Error(), "cleaned as interrupted") {
			t.Fatalf("got %v, want the load to fail as cleaned", err)
		}
		readBack(t, name, ds)
		if n := count(t, s, staged, name); n != 0 {
			t.Errorf("%d staged flows left", n)
		}
	})
}

// TestKilledProcessCleaned: a loader process killed (SIGKILL) in the
// middle of a load leaves staging that the next load of another name
// deletes: its connection closed, Neo4j freed its lock. The loader is
// this test binary run again as TestHelperLoader.
func TestKilledProcessCleaned(t *testing.T) {
	s := open(t)
	s.startGrace = testGrace
	const name = "test-stale-sigkill"
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperLoader$")
	cmd.Env = append(os.Environ(), "TIPGRAPH_HELPER_LOAD="+name)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	// The helper prints "paused" once its first batch is written.
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "paused\n" {
		t.Fatalf("helper said %q, %v", line, err)
	}
	n := count(t, s, staged, name)
	if n == 0 {
		t.Fatal("the helper staged nothing")
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	time.Sleep(testGrace)
	st := load(t, s, graphtest.Tricky(), name+"-other")
	if st.Cleaned < n {
		t.Errorf("cleaned %d flows, want at least the %d the killed loader staged", st.Cleaned, n)
	}
	if left := count(t, s, staged, name); left != 0 {
		t.Errorf("%d staged flows of the killed loader left", left)
	}
}

// TestHelperLoader is the loader process of TestKilledProcessCleaned: it
// loads until its first batch is written, says so, and waits to be
// killed.
func TestHelperLoader(t *testing.T) {
	name := os.Getenv("TIPGRAPH_HELPER_LOAD")
	if name == "" {
		t.Skip("run by TestKilledProcessCleaned")
	}
	s := open(t)
	s.Load(context.Background(), synthetic(3*BatchSize, 10), name, func(done, total int) {
		fmt.Println("paused")
		select {} // until killed
	})
}

// TestCleanerSparesSwitchedLoad: a cleaner that listed a load before its
// loader switched it (the listing is not under the lock) leaves it alone.
func TestCleanerSparesSwitchedLoad(t *testing.T) {
	s := open(t)
	const name = "test-stale-switched"
	ds := graphtest.Tricky()
	st := load(t, s, ds, name)
	n, err := s.cleanLoad(context.Background(), st.Load)
	if err != nil || n != 0 {
		t.Fatalf("cleaned %d flows of the live load (%v), want 0", n, err)
	}
	readBack(t, name, ds)
}

// TestScriptLoadNotCleaned: a Cypher script's load (export --as cypher in
// cypher-shell) holds no lock however long it runs, so a load of another
// name leaves what it staged alone.
func TestScriptLoadNotCleaned(t *testing.T) {
	s := open(t)
	s.startGrace = testGrace
	const script, other = "test-stale-script", "test-stale-other3"
	ctx := context.Background()
	if err := s.exec(ctx, "start a script's load", map[string]any{"load": "cypher-" + script, "dataset": script, "records": 1, "locked": false},
		model.StartLoad, `CREATE (:Flow {id: "f1", dataset: $dataset, load: $load, seq: 0})`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Drop(ctx, script) })
	time.Sleep(testGrace)
	load(t, s, graphtest.Tricky(), other)
	if n := count(t, s, staged, script); n != 1 {
		t.Errorf("the script's staging holds %d flows after a load of %s, want 1", n, other)
	}
}
