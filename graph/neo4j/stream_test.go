package neo4j

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
)

// parts is a Reader of ds's records cut into parts of size records,
// handed over by one goroutine per part, all at once and in reverse
// order of start (later parts first), as a parallel reader may; then it
// returns ds without records (streamed) or with them (not streamed), or
// fails with err.
func parts(ds *graph.Dataset, size int, streamed bool, err error) Reader {
	return func(_ context.Context, newWorker func() func(int64, []graph.Flow)) (*graph.Dataset, bool, error) {
		var wg sync.WaitGroup
		n := (len(ds.Flows) + size - 1) / size
		for p := n - 1; p >= 0; p-- {
			add := newWorker()
			wg.Add(1)
			go func() {
				defer wg.Done()
				lo, hi := p*size, min((p+1)*size, len(ds.Flows))
				for b := lo; b < hi; b += 100 {
					batch := append([]graph.Flow(nil), ds.Flows[b:min(b+100, hi)]...)
					add(int64(p)<<32+int64(b-lo), batch)
					for i := range batch { // the reader reuses its batches
						batch[i] = graph.Flow{ID: "reused", Origin: "ZZ", Destination: "ZZ"}
					}
				}
				add(int64(p)<<32+int64(hi-lo), nil)
			}()
		}
		wg.Wait()
		out := *ds
		if streamed {
			out.Flows = nil
		}
		return &out, streamed, err
	}
}

// TestLoadStream: records handed over in parts by several goroutines at
// once are written in read order and read back as the dataset, with the
// same legs, totals and cells as a load of the held records; a reader
// that could not stream them has the records it returns written instead
// of what it handed over; a reader that fails leaves nothing staged.
func TestLoadStream(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	ds := synthetic(3*BatchSize+77, 5)
	for _, c := range []struct {
		name     string
		size     int
		streamed bool
	}{
		{"test-stream-parts", 1000, true},
		{"test-stream-one-part", len(ds.Flows), true},
		{"test-stream-fallback", 700, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			read := parts(ds, c.size, c.streamed, nil)
			if !c.streamed {
				// What it hands over is not the dataset: it is dropped.
				half := *ds
				half.Flows = ds.Flows[:len(ds.Flows)/2]
				hand := parts(&half, c.size, true, nil)
				read = func(ctx context.Context, w func() func(int64, []graph.Flow)) (*graph.Dataset, bool, error) {
					hand(ctx, w)
					return ds, false, nil
				}
			}
			st, err := s.LoadStream(ctx, read, c.name, "", nil)
			if err != nil {
				t.Fatal(err)
			}
			if st.Records != len(ds.Flows) {
				t.Errorf("loaded %d records, want %d", st.Records, len(ds.Flows))
			}
			readBack(t, c.name, ds)
			sameLegGraph(t, open(t, c.name), ds, graph.Filter{})
			y := graph.Year(2006)
			sameLegGraph(t, open(t, c.name), ds, graph.Filter{Period: y})
			if n := count(t, s, `MATCH (f:Flow {dataset: $dataset}) RETURN count(f)`, c.name); n != len(ds.Flows) {
				t.Errorf("%d Flow nodes, want %d", n, len(ds.Flows))
			}
		})
	}
	t.Run("failed read", func(t *testing.T) {
		const name = "test-stream-failed"
		bad := errors.New("bad record")
		_, err := s.LoadStream(ctx, parts(ds, 1000, true, bad), name, "", nil)
		if !errors.Is(err, bad) {
			t.Fatalf("got %v, want %v", err, bad)
		}
		if n := count(t, s, `MATCH (f:Flow {dataset: $dataset}) RETURN count(f)`, name); n != 0 {
			t.Errorf("%d Flow nodes of the failed load left, want 0", n)
		}
	})
}
