package neo4j

import (
	"context"
	"errors"
	"testing"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tipgraph/tipgraph/graph"
)

// answers fails unless the server still runs a query.
func answers(t *testing.T, s *Store) {
	t.Helper()
	n := -1
	err := s.read(context.Background(), "ping", `RETURN 1`, nil, func(r *driver.Record) error {
		n = toInt(r.Values[0])
		return nil
	})
	if err != nil || n != 1 {
		t.Fatalf("the server no longer answers: %v", err)
	}
}

// TestMemoryLimit runs a query that needs far more memory than the
// server's heap (200 million integers collected in one list, about 5 GB):
// the server must refuse it over its transaction memory limit, at once
// and without retries, as graph.ErrStoreLimit, and stay up.
func TestMemoryLimit(t *testing.T) {
	s := open(t)
	start := time.Now()
	err := s.read(context.Background(), "collect", `UNWIND range(1, 200000000) AS x RETURN size(collect(x))`, nil,
		func(*driver.Record) error { return nil })
	if !errors.Is(err, graph.ErrStoreLimit) {
		t.Fatalf("got %v, want graph.ErrStoreLimit (is db.memory.transaction.max set? see neo4j.mk)", err)
	}
	if d := time.Since(start); d > time.Minute {
		t.Errorf("the refusal took %v", d)
	}
	t.Logf("%v: %v", time.Since(start).Round(time.Millisecond), err)
	answers(t, s)
}

// TestLargestRead reads back every dataset in the store at once, the
// largest read tipgraph makes, with a 10,000-record dataset among them:
// it must succeed or be refused over the memory limit, and the server must
// answer afterwards.
func TestLargestRead(t *testing.T) {
	s := open(t)
	ds := synthetic(10000, 17)
	load(t, s, ds, "largest-read")
	t.Cleanup(func() { s.Drop(context.Background(), "largest-read") })
	all := open(t)
	// Other packages' tests load into the same server meanwhile: a read
	// that met their loads three times in a row is tried again.
	got, err := all.Dataset(context.Background())
	for try := 0; errors.Is(err, ErrKeptChanging) && try < 10; try++ {
		time.Sleep(time.Second)
		got, err = all.Dataset(context.Background())
	}
	switch {
	case errors.Is(err, graph.ErrStoreLimit):
		t.Logf("refused: %v", err)
	case err != nil:
		t.Fatal(err)
	case len(got.Flows) < len(ds.Flows):
		t.Errorf("read %d records, want at least %d", len(got.Flows), len(ds.Flows))
	}
	answers(t, all)
}

// TestStored: a load records its source and the span of its records'
// years, and Stored lists it with its records and victims, whatever
// datasets the store was opened for.
func TestStored(t *testing.T) {
	s := open(t, "some-other-dataset")
	ds := synthetic(300, 5)
	ctx := context.Background()
	if _, err := s.LoadFrom(ctx, ds, "test-stored", "/data/test stored", nil); err != nil {
		t.Fatal(err)
	}
	list, err := s.Stored(ctx)
	if err != nil {
		t.Fatal(err)
	}
	victims := 0
	for _, f := range ds.Flows {
		victims += f.Victims
	}
	first, last := ds.Span()
	for _, d := range list.Datasets {
		if d.Name != "test-stored" {
			continue
		}
		if d.Records != 300 || d.Victims != graph.Count(victims) || d.FirstYear != first || d.LastYear != last ||
			d.Source != "/data/test stored" || time.Since(d.LoadedAt) > time.Hour {
			t.Errorf("got %+v, want 300 records, %d victims, %d-%d, source /data/test stored, loaded now", d, victims, first, last)
		}
		return
	}
	t.Errorf("test-stored not listed in %+v", list.Datasets)
}
