package neo4j

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
)

// testConfig returns the test server's configuration (graphtest.Neo4j
// skips, or fails under CI, without one).
func testConfig(t testing.TB, datasets ...string) Config {
	t.Helper()
	srv := graphtest.Neo4j(t)
	return Config{URI: srv.URI, User: srv.User, Password: srv.Password, Datasets: datasets}
}

func open(t testing.TB, datasets ...string) *Store {
	t.Helper()
	s, err := Open(context.Background(), testConfig(t, datasets...))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

func load(t testing.TB, s *Store, ds *graph.Dataset, name string) LoadStats {
	t.Helper()
	st, err := s.Load(context.Background(), ds, name, nil)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// count runs a counting query with $dataset set.
func count(t *testing.T, s *Store, cypher, dataset string) int {
	t.Helper()
	n := -1
	err := s.read(context.Background(), "count", cypher, map[string]any{"dataset": dataset}, func(r *driver.Record) error {
		n = toInt(r.Values[0])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// synthetic is n synthetic records over 80 countries.
func synthetic(n int, seed uint64) *graph.Dataset { return graphtest.Synthetic(n, 80, seed) }

// TestLoadTwice: a second load of the same name gives the same counts as
// one, and leaves no flow of the first behind.
func TestLoadTwice(t *testing.T) {
	s := open(t)
	ds := graphtest.Tricky()
	const name = "test-load-twice"
	first := load(t, s, ds, name)
	second := load(t, s, ds, name)
	if second.Replaced != first.Records {
		t.Errorf("second load replaced %d records, want %d", second.Replaced, first.Records)
	}
	if n := count(t, s, `MATCH (f:Flow {dataset: $dataset}) RETURN count(f)`, name); n != len(ds.Flows) {
		t.Errorf("%d Flow nodes after two loads, want %d", n, len(ds.Flows))
	}
	lg, _ := graph.NewLegGraph(ds, graph.Filter{})
	if n := count(t, s, `MATCH ()-[l:LEG {dataset: $dataset}]->() RETURN count(l)`, name); n != len(lg.Index.Legs) {
		t.Errorf("%d LEG relationships, want %d", n, len(lg.Index.Legs))
	}
	// A flow's countries are in its route (Tricky's flows have 4 vias in
	// all), with no relationship to a country; no path list, and no
	// groups property where a flow names none.
	if n := count(t, s, `MATCH (:Flow {dataset: $dataset})-[r]->(:Country) RETURN count(r)`, name); n != 0 {
		t.Errorf("%d relationships from flows to countries, want none", n)
	}
	from := 0
	for _, f := range ds.Flows {
		if f.Origin == "NG" {
			from++
		}
	}
	// The documented hand query for a country's flows: a prefix of the route.
	if n := count(t, s, `MATCH (d:Dataset {name: $dataset}) MATCH (f:Flow) WHERE f.load = d.load AND f.route STARTS WITH 'NG>' RETURN count(f)`, name); n != from || from == 0 {
		t.Errorf("%d flows whose route starts NG>, want %d", n, from)
	}
	if n := count(t, s, `MATCH (f:Flow {dataset: $dataset}) RETURN sum(size(split(f.route, '>')) - 2)`, name); n != 4 {
		t.Errorf("%d vias in the routes, want 4", n)
	}
	if n := count(t, s, `MATCH (f:Flow {dataset: $dataset}) WHERE f.path IS NOT NULL OR f.groups = [] RETURN count(f)`, name); n != 0 {
		t.Errorf("%d flows with a path or an empty groups list, want none", n)
	}
	if n := count(t, s, `MATCH (:Flow {dataset: $dataset})-[v:VIA]->() RETURN count(v)`, name); n != 0 {
		t.Errorf("%d VIA relationships, want none", n)
	}
	// The Browser query of the issue works on the LEG relationships.
	if n := count(t, s, `MATCH p=(:Country {code:'NG'})-[:LEG*..3 {dataset: $dataset}]->(:Country {code:'IT'}) RETURN count(p)`, name); n != 1 {
		t.Errorf("%d NG->IT LEG paths, want 1 (NG>LY>IT)", n)
	}
	readBack(t, name, ds)
}

// TestReadEarlierFlows: flows as earlier tipgraph versions wrote them
// read back as loaded: with a path list and no route, then with neither
// and FROM, TO and ordered VIA relationships.
func TestReadEarlierFlows(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	ds := graphtest.Tricky()
	const name = "test-read-earlier"
	st := load(t, s, ds, name)
	t.Cleanup(func() { s.Drop(ctx, name) })
	err := s.exec(ctx, "rewrite with paths", map[string]any{"load": st.Load},
		`MATCH (f:Flow {load: $load}) WHERE f.id IS NOT NULL SET f.path = split(f.route, '>') REMOVE f.route`)
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, `MATCH (f:Flow {dataset: $dataset}) WHERE f.route IS NULL RETURN sum(size(f.path) - 2)`, name); n != 4 {
		t.Fatalf("%d vias in the paths of flows without a route, want 4", n)
	}
	readBack(t, name, ds)
	err = s.exec(ctx, "rewrite with VIA relationships", map[string]any{"load": st.Load},
		`MATCH (f:Flow {load: $load}) WHERE f.id IS NOT NULL
MATCH (o:Country {code: f.path[0]}), (d:Country {code: f.path[-1]})
CREATE (f)-[:FROM]->(o), (f)-[:TO]->(d)`,
		`MATCH (f:Flow {load: $load}) WHERE f.id IS NOT NULL
UNWIND range(1, size(f.path) - 2) AS i
MATCH (c:Country {code: f.path[i]})
CREATE (f)-[:VIA {seq: i - 1}]->(c)`,
		`MATCH (f:Flow {load: $load}) WHERE f.id IS NOT NULL REMOVE f.path`)
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, `MATCH (f:Flow {dataset: $dataset})-[v:VIA]->() WHERE f.path IS NULL AND f.route IS NULL RETURN count(v)`, name); n != 4 {
		t.Fatalf("%d VIA relationships of flows without a path, want 4", n)
	}
	if n := count(t, s, `MATCH (:Flow {dataset: $dataset})-[r:FROM|TO]->(:Country) RETURN count(r)`, name); n != 2*len(ds.Flows) {
		t.Fatalf("%d FROM and TO relationships, want %d", n, 2*len(ds.Flows))
	}
	readBack(t, name, ds)
}

// TestInjectionStoredAsText: Cypher in a source is a parameter, not code.
func TestInjectionStoredAsText(t *testing.T) {
	s := open(t)
	const name = "test-injection"
	load(t, s, graphtest.Tricky(), name)
	if n := count(t, s, `MATCH (f:Flow {dataset: $dataset}) WHERE f.source = "x'}) DETACH DELETE n //" RETURN count(f)`, name); n != 1 {
		t.Errorf("%d flows carry the injection text, want 1", n)
	}
	if n := count(t, s, `MATCH (c:Country) RETURN count(c) + size($dataset) * 0`, name); n < 5 {
		t.Errorf("only %d countries left", n)
	}
}

// TestOtherDatasetsUntouched: loading one name leaves the others as they
// were.
func TestOtherDatasetsUntouched(t *testing.T) {
	s := open(t)
	a, b := synthetic(300, 1), graphtest.Tricky()
	load(t, s, a, "test-other-a")
	load(t, s, b, "test-other-b")
	load(t, s, synthetic(200, 2), "test-other-a")
	readBack(t, "test-other-b", b)
	both, err := open(t, "test-other-a", "test-other-b").Dataset(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if both.Name != "test-other-a+test-other-b" || len(both.Flows) != 200+len(b.Flows) {
		t.Errorf("two datasets read as %q with %d flows", both.Name, len(both.Flows))
	}
}

// TestLoadKilledHalfway: a load cancelled after its first batch leaves the
// earlier dataset of that name intact and nothing of itself visible; the
// next load deletes what it staged.
func TestLoadKilledHalfway(t *testing.T) {
	s := open(t)
	const name = "test-killed"
	earlier := graphtest.Tricky()
	load(t, s, earlier, name)

	big := synthetic(3*BatchSize, 3)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	batches := 0
	_, err := s.Load(ctx, big, name, func(done, total int) {
		batches++
		cancel() // killed after the first batch
	})
	if !errors.Is(err, context.Canceled) || batches < 1 || batches > Writers {
		t.Fatalf("got %v after %d batches, want context.Canceled after 1 to %d", err, batches, Writers)
	}
	// Up to Writers batches were in flight when the load was killed.
	if n := count(t, s, `MATCH (f:Flow {dataset: $dataset}) RETURN count(f)`, name); n <= len(earlier.Flows) || n > len(earlier.Flows)+Writers*BatchSize {
		t.Errorf("%d Flow nodes, want the earlier %d plus one or %d staged batches", n, len(earlier.Flows), Writers)
	}
	readBack(t, name, earlier)

	load(t, s, earlier, name)
	if n := count(t, s, `MATCH (f:Flow {dataset: $dataset}) RETURN count(f)`, name); n != len(earlier.Flows) {
		t.Errorf("%d Flow nodes after the next load, want %d", n, len(earlier.Flows))
	}
}

func TestUnreachable(t *testing.T) {
	cfg := testConfig(t)
	cfg.URI = "bolt://127.0.0.1:1"
	start := time.Now()
	_, err := Open(context.Background(), cfg)
	if !errors.Is(err, graph.ErrUnavailable) {
		t.Errorf("got %v, want graph.ErrUnavailable", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v, want under 10 s", d)
	}
}

func TestWrongPassword(t *testing.T) {
	cfg := testConfig(t)
	cfg.Password = "not-the-password-" + fmt.Sprint(time.Now().UnixNano())
	_, err := Open(context.Background(), cfg)
	if !errors.Is(err, graph.ErrUnauthorized) {
		t.Fatalf("got %v, want graph.ErrUnauthorized", err)
	}
	if strings.Contains(err.Error(), cfg.Password) {
		t.Errorf("the error shows the password: %v", err)
	}
}

func TestRoutingURIAndMissingDataset(t *testing.T) {
	cfg := testConfig(t, "test-no-such-dataset")
	cfg.URI = strings.Replace(cfg.URI, "bolt://", "neo4j://", 1)
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("neo4j:// routing URI: %v", err)
	}
	defer s.Close(context.Background())
	if _, err := s.Dataset(context.Background()); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("missing dataset: got %v, want graph.ErrNotFound", err)
	}
}

func TestDrop(t *testing.T) {
	s := open(t)
	const name = "test-drop"
	load(t, s, graphtest.Tricky(), name)
	if err := s.Drop(context.Background(), name); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`MATCH (f:Flow {dataset: $dataset}) RETURN count(f)`,
		`MATCH ()-[l:LEG {dataset: $dataset}]->() RETURN count(l)`,
		`MATCH (d:Dataset {name: $dataset}) RETURN count(d)`,
		`MATCH (l:Load {dataset: $dataset}) RETURN count(l)`,
	} {
		if n := count(t, s, q, name); n != 0 {
			t.Errorf("%s: %d left after drop", q, n)
		}
	}
}

func TestRedact(t *testing.T) {
	if got := redact("bolt://neo4j:secret@db.example:7687"); strings.Contains(got, "secret") {
		t.Errorf("redact kept the password: %s", got)
	}
}

// BenchmarkLoad100k loads 100,000 synthetic records as a new dataset
// (the dataset is dropped between runs, outside the timing) and reports
// records/s.
func BenchmarkLoad100k(b *testing.B) {
	s := open(b)
	ds := synthetic(100_000, 42)
	ctx := context.Background()
	var total time.Duration
	for b.Loop() {
		b.StopTimer()
		if err := s.Drop(ctx, "bench-load-100k"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		st, err := s.Load(ctx, ds, "bench-load-100k", nil)
		if err != nil {
			b.Fatal(err)
		}
		total += st.Elapsed
	}
	b.ReportMetric(float64(len(ds.Flows)*b.N)/total.Seconds(), "records/s")
}

// BenchmarkReload100k loads 100,000 records over an earlier load of the
// same name: the new records are written, switched in, and the 100,000
// replaced ones deleted. Reports the rate until the new data is visible and
// the time the deletion takes after that.
func BenchmarkReload100k(b *testing.B) {
	s := open(b)
	ds := synthetic(100_000, 42)
	ctx := context.Background()
	if _, err := s.Load(ctx, ds, "bench-reload-100k", nil); err != nil {
		b.Fatal(err)
	}
	var visible, cleanup time.Duration
	for b.Loop() {
		st, err := s.Load(ctx, ds, "bench-reload-100k", nil)
		if err != nil {
			b.Fatal(err)
		}
		visible += st.Elapsed - st.Cleanup
		cleanup += st.Cleanup
	}
	b.ReportMetric(float64(len(ds.Flows)*b.N)/visible.Seconds(), "records/s-until-visible")
	b.ReportMetric(cleanup.Seconds()/float64(b.N), "s-to-delete-replaced")
}

// readBack reads dataset name back from the store and fails t unless it
// is want (under that name).
func readBack(t *testing.T, name string, want *graph.Dataset) {
	t.Helper()
	got, err := open(t, name).Dataset(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	w := *want
	w.Name = name
	graphtest.SameDataset(t, got, &w)
}
